package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/kycd/kycd/checks/screening"
)

// testdata is kycd's hand-written test lists, relative to this module.
const testdata = "../../checks/screening/testdata"

func openFile(path string) (screening.File, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return screening.File{}, func() {}, err
	}
	return screening.File{Name: path, Reader: f}, func() { f.Close() }, nil
}

// loadOFAC parses sdn.csv with the alt.csv and add.csv beside it.
func loadOFAC(sdnPath string) (*screening.List, error) {
	dir := filepath.Dir(sdnPath)
	sdn, c1, err := openFile(sdnPath)
	if err != nil {
		return nil, err
	}
	defer c1()
	alt, c2, err := openFile(filepath.Join(dir, "alt.csv"))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	defer c2()
	add, c3, err := openFile(filepath.Join(dir, "add.csv"))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	defer c3()
	return screening.ParseOFAC(sdn, alt, add)
}

// testEntries parses every test list.
func testEntries() ([]screening.Entry, error) {
	var all []screening.Entry
	ofac, err := loadOFAC(filepath.Join(testdata, "ofac/sdn.csv"))
	if err != nil {
		return nil, err
	}
	all = append(all, ofac.Entries...)
	for _, p := range []struct {
		path  string
		parse func(screening.File) (*screening.List, error)
	}{
		{"un/consolidated.xml", screening.ParseUN},
		{"eu/sanctions.xml", screening.ParseEU},
		{"csv/operator.csv", func(f screening.File) (*screening.List, error) { return screening.ParseCSV("pep", f) }},
	} {
		f, c, err := openFile(filepath.Join(testdata, p.path))
		if err != nil {
			return nil, err
		}
		l, err := p.parse(f)
		c()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.path, err)
		}
		all = append(all, l.Entries...)
	}
	return all, nil
}
