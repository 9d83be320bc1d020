package screening

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryAliases are the country names lists use that differ from the CLDR
// short English name: UN official names, OFAC's and the EU's spellings.
var countryAliases = map[string]string{
	"iran islamic republic of":             "IRN",
	"islamic republic of iran":             "IRN",
	"syrian arab republic":                 "SYR",
	"democratic peoples republic of korea": "PRK",
	"korea north":                          "PRK",
	"korea democratic peoples republic of": "PRK",
	"dprk":                                 "PRK",
	"republic of korea":                    "KOR",
	"korea south":                          "KOR",
	"korea republic of":                    "KOR",
	"russian federation":                   "RUS",
	"venezuela bolivarian republic of":     "VEN",
	"bolivia plurinational state of":       "BOL",
	"united kingdom of great britain and northern ireland": "GBR",
	"great britain":                    "GBR",
	"united states of america":         "USA",
	"united republic of tanzania":      "TZA",
	"lao peoples democratic republic":  "LAO",
	"laos":                             "LAO",
	"viet nam":                         "VNM",
	"burma":                            "MMR",
	"myanmar":                          "MMR",
	"ivory coast":                      "CIV",
	"cote divoire":                     "CIV",
	"democratic republic of the congo": "COD",
	"congo democratic republic of the": "COD",
	"republic of the congo":            "COG",
	"congo republic of the":            "COG",
	"congo":                            "COG",
	"moldova republic of":              "MDA",
	"republic of moldova":              "MDA",
	"turkiye":                          "TUR",
	"turkey":                           "TUR",
	"palestinian":                      "PSE",
	"palestine":                        "PSE",
	"state of palestine":               "PSE",
	"west bank":                        "PSE",
	"gaza":                             "PSE",
	"libyan arab jamahiriya":           "LBY",
	"micronesia federated states of":   "FSM",
	"north macedonia":                  "MKD",
	"the former yugoslav republic of macedonia": "MKD",
	"czech republic":                   "CZE",
	"czechia":                          "CZE",
	"eswatini":                         "SWZ",
	"swaziland":                        "SWZ",
	"cabo verde":                       "CPV",
	"china mainland":                   "CHN",
	"peoples republic of china":        "CHN",
	"hong kong":                        "HKG",
	"macau":                            "MAC",
	"macao":                            "MAC",
	"taiwan":                           "TWN",
	"vatican":                          "VAT",
	"holy see":                         "VAT",
	"sudan south":                      "SSD",
	"bosnia and herzegovina":           "BIH",
	"saint kitts and nevis":            "KNA",
	"saint vincent and the grenadines": "VCT",
	"trinidad and tobago":              "TTO",
	"antigua and barbuda":              "ATG",
	"sao tome and principe":            "STP",
	"brunei darussalam":                "BRN",
	"united arab emirates":             "ARE",
	"uae":                              "ARE",
	"usa":                              "USA",
	"uk":                               "GBR",
}

var (
	countryOnce  sync.Once
	countryTable map[string]string
)

// countries builds the lookup from alpha-2, alpha-3 and English names to
// alpha-3 once, from x/text's CLDR data (already a dependency) plus the
// aliases above, instead of carrying a hand-copied ISO table.
func countries() map[string]string {
	countryOnce.Do(func() {
		t := make(map[string]string, 1024)
		names := display.English.Regions()
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				code := string([]rune{a, b})
				r, err := language.ParseRegion(code)
				if err != nil || !r.IsCountry() {
					continue
				}
				iso3 := r.ISO3()
				if len(iso3) != 3 || iso3 == "ZZZ" || r.String() != code || r.Canonicalize() != r {
					continue // deprecated or private-use codes
				}
				t[strings.ToLower(code)] = iso3
				t[strings.ToLower(iso3)] = iso3
				if n := countryKey(names.Name(r)); n != "" {
					t[n] = iso3
				}
			}
		}
		for k, v := range countryAliases {
			t[k] = v
		}
		countryTable = t
	})
	return countryTable
}

// countryKey folds a country name for lookup: lower case, no diacritics, no
// punctuation, "&" as "and", single spaces.
func countryKey(s string) string {
	s = strings.ReplaceAll(s, "&", " and ")
	var b strings.Builder
	space := false
	for _, r := range foldLatin(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// "Cote d'Ivoire", "People's": the apostrophe joins.
		default:
			space = true
		}
	}
	return b.String()
}

// NormalizeCountry returns the ISO 3166 alpha-3 code for an alpha-2 or
// alpha-3 code or an English country name ("Iran", "Iran (Islamic Republic
// of)", "IR", "irn"), or "" when it does not know the country.
func NormalizeCountry(s string) string {
	k := countryKey(s)
	if k == "" {
		return ""
	}
	t := countries()
	if v, ok := t[k]; ok {
		return v
	}
	// "Congo - Kinshasa" style CLDR names and "X (Y)" suffixes: try the part
	// before the first parenthesis.
	if i := strings.IndexAny(s, "(,"); i > 0 {
		if v, ok := t[countryKey(s[:i])]; ok {
			return v
		}
	}
	return ""
}
