package storetest

import (
	"reflect"
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

// TestConformanceCoversStore fails when a method of kycd.Store (kycd.Tx's
// included) is in no conformance group: a method added to the interface
// must come with its tests in the same change.
func TestConformanceCoversStore(t *testing.T) {
	store := reflect.TypeOf((*kycd.Store)(nil)).Elem()
	tx := reflect.TypeOf((*kycd.Tx)(nil)).Elem()
	by := map[string]string{}
	for _, g := range groups {
		for _, m := range g.covers {
			if other, dup := by[m]; dup {
				t.Errorf("%s is in groups %q and %q: name the one that tests it", m, other, g.name)
			}
			by[m] = g.name
			if _, ok := store.MethodByName(m); !ok {
				t.Errorf("group %q covers %s, which kycd.Store does not have", g.name, m)
			}
		}
	}
	missing := 0
	for i := range store.NumMethod() {
		m := store.Method(i).Name
		if _, ok := by[m]; !ok {
			missing++
			t.Errorf("kycd.Store.%s has no conformance test: add one to a group in storetest/suite.go and name the method in its covers", m)
		}
	}
	txCovered := 0
	for i := range tx.NumMethod() {
		if _, ok := by[tx.Method(i).Name]; ok {
			txCovered++
		}
	}
	t.Logf("conformance groups cover %d of %d kycd.Store methods, %d of %d kycd.Tx methods",
		store.NumMethod()-missing, store.NumMethod(), txCovered, tx.NumMethod())
}
