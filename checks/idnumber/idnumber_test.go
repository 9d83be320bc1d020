package idnumber

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/kycd/kycd/reason"
)

var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// checkFindings fails the test if any finding is unknown to the catalogue
// or lacks a parameter its messages use.
func checkFindings(t testing.TB, fs []reason.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := reason.Check(f); err != nil {
			t.Error(err)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name       string
		typ        Type
		in         string
		valid      bool
		normalized string
		birth, sex string
		codes      []string
	}{
		// GB 11643-1999's own example.
		{"gb example", CNRID, "11010519491231002X", true, "11010519491231002X", "1949-12-31", "F", []string{}},
		{"lower x and spaces", CNRID, " 11010519491231002x ", true, "11010519491231002X", "1949-12-31", "F", []string{}},
		{"full width", CNRID, "１１０１０５１９４９１２３１００２Ｘ", true, "11010519491231002X", "1949-12-31", "F", []string{}},
		{"grouped", CNRID, "110105 1949-1231 002X", true, "11010519491231002X", "1949-12-31", "F", []string{}},
		{"bad check", CNRID, "110105194912310021", false, "110105194912310021", "1949-12-31", "F", []string{"id_number.checksum"}},
		{"male", CNRID, "110105194912310037", false, "110105194912310037", "1949-12-31", "M", []string{"id_number.checksum"}},
		{"short", CNRID, "11010519491231002", false, "11010519491231002", "", "", []string{"id_number.format"}},
		{"letter inside", CNRID, "11010519491231O02X", false, "11010519491231O02X", "", "", []string{"id_number.char"}},
		{"empty", CNRID, "  ", false, "", "", "", []string{"id_number.empty"}},
		{"feb 30", CNRID, gen("110105", "19490230", "002"), false, gen("110105", "19490230", "002"), "", "F", []string{"id_number.birth_date"}},
		{"future", CNRID, gen("110105", "20300101", "002"), false, gen("110105", "20300101", "002"), "2030-01-01", "F", []string{"id_number.birth_date_future"}},
		{"underage", CNRID, gen("110105", "20150101", "001"), true, gen("110105", "20150101", "001"), "2015-01-01", "M", []string{"id_number.underage"}},
		{"impossible province", CNRID, gen("990105", "19491231", "002"), false, gen("990105", "19491231", "002"), "1949-12-31", "F", []string{"id_number.province"}},
		{"unknown county", CNRID, gen("110199", "19491231", "002"), true, gen("110199", "19491231", "002"), "1949-12-31", "F", []string{"id_number.region"}},
		{"residence permit HK", CNRID, gen("810000", "19800101", "001"), true, gen("810000", "19800101", "001"), "1980-01-01", "M", []string{}},
		{"15 digits", CNRID, "110105491231002", true, "11010519491231002X", "1949-12-31", "F", []string{"id_number.legacy"}},
		{"hk example", HKID, "A123456(3)", true, "A1234563", "", "", []string{}},
		{"hk lower", HKID, "a123456 (3)", true, "A1234563", "", "", []string{}},
		{"hk two letters", HKID, "AB987654(" + string(mustHK("AB987654")) + ")", true, "AB987654" + string(mustHK("AB987654")), "", "", []string{}},
		{"hk bad check", HKID, "A123456(4)", false, "A1234564", "", "", []string{"id_number.checksum"}},
		{"hk digit first", HKID, "1123456(3)", false, "11234563", "", "", []string{"id_number.char"}},
		{"tw example", TWID, "A123456789", true, "A123456789", "", "M", []string{}},
		{"tw female", TWID, "B2" + "0000000" + string(mustTW("B20000000")), true, "B20000000" + string(mustTW("B20000000")), "", "F", []string{}},
		{"tw bad check", TWID, "A123456788", false, "A123456788", "", "M", []string{"id_number.checksum"}},
		{"tw bad sex digit", TWID, "A323456789", false, "A323456789", "", "", []string{"id_number.char"}},
		{"mo", MOID, "1234567(8)", true, "12345678", "", "", []string{}},
		{"mo bad first", MOID, "2234567(8)", false, "22345678", "", "", []string{"id_number.char"}},
		{"hk permit", HKMOPermit, "H12345678", true, "H12345678", "", "", []string{}},
		{"hk permit with count", HKMOPermit, "h1234567801", true, "H1234567801", "", "", []string{}},
		{"permit wrong letter", HKMOPermit, "K12345678", false, "K12345678", "", "", []string{"id_number.char"}},
		{"tw permit", TWPermit, "12345678", true, "12345678", "", "", []string{}},
		{"tw permit short", TWPermit, "1234567", false, "1234567", "", "", []string{"id_number.format"}},
		{"unknown type", Type("xx"), "1", false, "1", "", "", []string{"id_number.type"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Check(tt.typ, tt.in, Options{Now: now})
			checkFindings(t, r.Findings)
			if r.Valid != tt.valid {
				t.Errorf("Valid=%v, want %v (%v)", r.Valid, tt.valid, reason.Codes(r.Findings))
			}
			if r.Normalized != tt.normalized {
				t.Errorf("Normalized=%q, want %q", r.Normalized, tt.normalized)
			}
			if r.BirthDate != tt.birth || r.Sex != tt.sex {
				t.Errorf("BirthDate, Sex=%q, %q, want %q, %q", r.BirthDate, r.Sex, tt.birth, tt.sex)
			}
			if diff := cmp.Diff(tt.codes, reason.Codes(r.Findings)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestChecksumNeverSuggestsADigit: a check character cannot locate the
// mistake. Suggesting the "right" check character for 440305199003072425
// (issue 13) turns a mistyped number into a valid-looking wrong one, so the
// finding names the position and says a character is wrong, never what
// to type.
func TestChecksumNeverSuggestsADigit(t *testing.T) {
	for _, c := range []struct {
		typ    Type
		number string
	}{{CNRID, "440305199003072425"}, {CNRID, "110105194912310021"}} {
		r := Check(c.typ, c.number, Options{})
		if len(r.Findings) != 1 || r.Findings[0].Code != "id_number.checksum" {
			t.Fatalf("%s: findings=%v, want id_number.checksum", c.number, reason.Codes(r.Findings))
		}
		f := r.Findings[0]
		if _, ok := f.Params["expected"]; ok || f.Params["position"] != "18" {
			t.Errorf("%s: Params=%v, want position 18 and no expected character", c.number, f.Params)
		}
		for _, lang := range reason.Languages {
			l := f.Localize(lang)
			for _, bad := range []string{"should be", "应为"} {
				if strings.Contains(l.Message+l.Fix, bad) {
					t.Errorf("%s (%s): %q suggests a replacement", c.number, lang, l.Message)
				}
			}
			if !strings.Contains(l.Fix, "X") {
				t.Errorf("%s (%s): fix %q does not ask to compare with the card", c.number, lang, l.Fix)
			}
		}
	}
}

func TestRegion(t *testing.T) {
	r := Check(CNRID, "11010519491231002X", Options{})
	want := &Region{Code: "110105", Province: "北京市", County: "朝阳区", Known: true}
	if diff := cmp.Diff(want, r.Region); diff != "" {
		t.Errorf("Region (-want +got):\n%s", diff)
	}
	reg, ok := LookupRegion("440305")
	if !ok || reg.Province != "广东省" || reg.City != "深圳市" || reg.County != "南山区" {
		t.Errorf("LookupRegion(440305)=%+v, %v", reg, ok)
	}
	if RegionCount != len(regionTable) || RegionCount < 3000 {
		t.Errorf("RegionCount=%d, table has %d", RegionCount, len(regionTable))
	}
	for i := 1; i < len(regionTable); i++ {
		if regionTable[i-1].code >= regionTable[i].code {
			t.Fatalf("table not sorted at %d", regionTable[i].code)
		}
	}
}

func TestUnderage(t *testing.T) {
	n := gen("110105", "20080302", "001") // 18 on 2026-03-02, a day after now
	for _, tt := range []struct {
		min  int
		want []string
	}{{0, []string{"id_number.underage"}}, {17, []string{}}, {-1, []string{}}, {21, []string{"id_number.underage"}}} {
		r := Check(CNRID, n, Options{Now: now, MinAge: tt.min})
		checkFindings(t, r.Findings)
		if diff := cmp.Diff(tt.want, reason.Codes(r.Findings)); diff != "" || !r.Valid {
			t.Errorf("MinAge %d: Valid=%v codes (-want +got):\n%s", tt.min, r.Valid, diff)
		}
	}
	if got := Check(CNRID, gen("110105", "20080301", "001"), Options{Now: now}); len(got.Findings) != 0 {
		t.Errorf("18th birthday today: Code=%q, want none", reason.Codes(got.Findings))
	}
}

// TestGenerated checks many random valid numbers of every type, and that a
// corrupted check character is always caught.
func TestGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		for typ, n := range validSamples(rng) {
			r := Check(typ, n, Options{Now: now, MinAge: -1})
			checkFindings(t, r.Findings)
			if !r.Valid || len(r.Findings) != 0 {
				t.Fatalf("%s %q: Valid=%v %v", typ, n, r.Valid, reason.Codes(r.Findings))
			}
		}
	}
}

// TestSingleChange is the property test: changing any one character of a
// valid number is either caught or only a matter of normalisation (the
// number normalises to the same value).
func TestSingleChange(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZxa -()０Ｘ·")
	// Types whose standard has a check character; the others only have a
	// shape, so a changed digit cannot be caught by anyone.
	checked := map[Type]bool{CNRID: true, HKID: true, TWID: true}
	for i := 0; i < 300; i++ {
		for typ, n := range validSamples(rng) {
			if !checked[typ] {
				continue
			}
			base := Normalize(n)
			rs := []rune(n)
			for pos := range rs {
				for _, c := range alphabet {
					if c == rs[pos] {
						continue
					}
					m := append([]rune(nil), rs...)
					m[pos] = c
					r := Check(typ, string(m), Options{Now: now, MinAge: -1})
					if r.Valid && r.Normalized != base && !blindSpot(typ, base, r.Normalized) {
						t.Fatalf("%s %q → %q: Valid with Normalized=%q (was %q), want caught", typ, n, string(m), r.Normalized, base)
					}
					if !r.Valid && r.Normalized == base {
						t.Fatalf("%s %q → %q: normalisation alone made it invalid: %v", typ, n, string(m), reason.Codes(r.Findings))
					}
				}
			}
		}
	}
}

func TestUpgradeCN(t *testing.T) {
	got, ok := UpgradeCN("110105491231002")
	if !ok || got != "11010519491231002X" {
		t.Errorf("UpgradeCN=%q, %v, want 11010519491231002X", got, ok)
	}
}

// blindSpot reports whether the valid numbers a and b (same length,
// normalised) differ in one place where their standard's check cannot see
// the difference: in the Hong Kong ID, letters 11 apart (A, L, W; B, M, X
// ...) weigh the same mod 11; in the Taiwan ID, digits 5 apart at an even
// weight, and letters whose two digits sum alike mod 10. These are
// properties of the published algorithms, not of this code.
func blindSpot(typ Type, a, b string) bool {
	if typ == HKID && len(a) != len(b) {
		// Deleting a letter of a two-letter number: a single-letter
		// number counts as if it began with a space (value 36), and the
		// shifted letters can land on the same sum mod 11.
		return true
	}
	if len(a) != len(b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	switch typ {
	case HKID:
		hv := func(c byte) int {
			if c == ' ' {
				return 36
			}
			return int(c-'A') + 10
		}
		return i < 2 && (hv(a[i])-hv(b[i]))%11 == 0
	case TWID:
		if i == 0 {
			va, vb := twLetterValues[a[0]-'A'], twLetterValues[b[0]-'A']
			return (va/10+va%10*9)%10 == (vb/10+vb%10*9)%10
		}
		return ((int(a[i])-int(b[i]))*(9-i))%10 == 0
	}
	return false
}

// gen builds a valid 18-digit number from its parts.
func gen(region, birth, seq string) string {
	d := region + birth + seq
	c, _ := CNCheckChar(d)
	return d + string(c)
}

func mustHK(body string) byte { c, _ := HKCheckChar(body); return c }
func mustTW(body string) byte { c, _ := TWCheckDigit(body); return c }

// validSamples returns one random valid number per type.
func validSamples(rng *rand.Rand) map[Type]string {
	digits := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	letter := func() string { return string(rune('A' + rng.IntN(26))) }
	reg := regionTable[rng.IntN(len(regionTable))]
	birth := time.Date(1930, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(30000))
	cn := gen(fmt.Sprint(reg.code), birth.Format("20060102"), digits(3))
	hkBody := letter() + digits(6)
	if rng.IntN(4) == 0 {
		hkBody = letter() + hkBody
	}
	twBody := letter() + string("1289"[rng.IntN(4)]) + digits(7)
	return map[Type]string{
		CNRID:      cn,
		HKID:       hkBody + "(" + string(mustHK(hkBody)) + ")",
		TWID:       twBody + string(mustTW(twBody)),
		MOID:       string("157"[rng.IntN(3)]) + digits(7),
		HKMOPermit: string("HM"[rng.IntN(2)]) + digits(8),
		TWPermit:   digits(8),
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"11010519491231002X", " 11010519491231002x ", "１１０１０５１９４９１２３１００２Ｘ", "110105491231002", "A123456(3)", "A123456789", "H12345678", "1234567(8)", "12345678", "\xff\xfe", "99999999999999999X"} {
		for _, typ := range Types() {
			f.Add(string(typ), s)
		}
	}
	f.Fuzz(func(t *testing.T, typ, s string) {
		r := Check(Type(typ), s, Options{Now: now})
		checkFindings(t, r.Findings)
		if r.Valid && reason.AnyBlocking(r.Findings) {
			for _, fd := range r.Findings {
				if fd.Severity == reason.Blocking && !policyCodes[fd.Code] {
					t.Fatalf("Valid with blocking %q", fd.Code)
				}
			}
		}
		// Normalising is idempotent, and checking the normalised form
		// gives the same verdict: normalisation never changes validity.
		if n := Normalize(s); Normalize(n) != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, Normalize(n))
		}
		if r2 := Check(Type(typ), r.Normalized, Options{Now: now}); r2.Valid != r.Valid {
			t.Fatalf("%q Valid=%v but its normalised form %q Valid=%v", s, r.Valid, r.Normalized, r2.Valid)
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	for _, tc := range []struct {
		typ Type
		in  string
	}{{CNRID, "11010519491231002X"}, {CNRID, "１１０１０５１９４９１２３１００２Ｘ"}, {HKID, "A123456(3)"}, {TWID, "A123456789"}, {MOID, "1234567(8)"}, {HKMOPermit, "H12345678"}, {TWPermit, "12345678"}} {
		b.Run(string(tc.typ)+"/"+tc.in, func(b *testing.B) {
			opts := Options{Now: now}
			for b.Loop() {
				Check(tc.typ, tc.in, opts)
			}
		})
	}
}
