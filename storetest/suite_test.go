package storetest

import "testing"

func TestConformance(t *testing.T) { Each(t, Run) }
func TestDataKeys(t *testing.T)    { Each(t, RunDataKeys) }
