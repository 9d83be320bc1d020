package idnumber

import "sort"

//go:generate go run gen_regions.go -o regions_gen.go

// regionEntry is one GB/T 2260 division: code and official name.
type regionEntry struct {
	code int32
	name string
}

// Region is what the first six digits of a resident identity number say
// about where it was first issued. Names are empty when unknown.
type Region struct {
	Code     string `json:"code"`
	Province string `json:"province,omitempty"`
	City     string `json:"city,omitempty"`
	County   string `json:"county,omitempty"`
	// Known reports whether the full six-digit code is in the table.
	// Codes of divisions merged or renamed since the card was issued are
	// not, yet remain valid on the card.
	Known bool `json:"known"`
}

// residencePermitRegions are the prefixes of residence permits for Hong
// Kong, Macau and Taiwan residents (2018): numbered like resident IDs but
// with a fixed pseudo-region instead of a GB/T 2260 county.
var residencePermitRegions = map[int32]string{
	810000: "港澳台居民居住证（香港）",
	820000: "港澳台居民居住证（澳门）",
	830000: "港澳台居民居住证（台湾）",
}

func regionName(code int32) (string, bool) {
	i := sort.Search(len(regionTable), func(i int) bool { return regionTable[i].code >= code })
	if i < len(regionTable) && regionTable[i].code == code {
		return regionTable[i].name, true
	}
	return "", false
}

// LookupRegion decodes a six-digit region code. ok is false when even the
// province (the first two digits) is unknown: no card can carry such a
// number. Otherwise the returned Region names what is known.
func LookupRegion(code string) (r Region, ok bool) {
	if len(code) != 6 {
		return Region{Code: code}, false
	}
	n := int32(0)
	for i := 0; i < 6; i++ {
		c := code[i]
		if c < '0' || c > '9' {
			return Region{Code: code}, false
		}
		n = n*10 + int32(c-'0')
	}
	r.Code = code
	if name, ok := residencePermitRegions[n-n%10000]; ok {
		r.Province = name
		r.Known = n%10000 == 0
		return r, true
	}
	prov, ok := regionName(n - n%10000)
	if !ok {
		return r, false
	}
	r.Province = prov
	if n%10000 == 0 {
		r.Known = true
		return r, true
	}
	if city, ok := regionName(n - n%100); ok {
		r.City = city
	}
	if n%100 == 0 {
		r.Known = r.City != ""
		return r, true
	}
	if county, ok := regionName(n); ok {
		r.County = county
		r.Known = true
	}
	return r, true
}
