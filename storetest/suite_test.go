package storetest

import (
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/sqlstore"
)

func TestConformance(t *testing.T) {
	Each(t, func(t *testing.T, open func(testing.TB) *sqlstore.DB) {
		Run(t, func(t testing.TB) kycd.Store { return open(t) })
	})
}

func TestConformanceSQL(t *testing.T) { Each(t, RunSQL) }
func TestDataKeys(t *testing.T)       { Each(t, RunDataKeys) }
