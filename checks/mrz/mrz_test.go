package mrz

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/kycd/kycd/reason"
)

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// The specimens of ICAO Doc 9303 (parts 4, 5 and 6, 8th edition).
const (
	td1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
	td2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
	td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)

func checkFindings(t testing.TB, fs []reason.Finding) {
	t.Helper()
	for _, f := range fs {
		if err := reason.Check(f); err != nil {
			t.Error(err)
		}
	}
}

func TestSpecimens(t *testing.T) {
	anna := Result{Valid: true, IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
		Nationality: "UTO", BirthDate: "1974-08-12", Sex: "F", ExpiryDate: "2012-04-15", Expired: true}
	tests := []struct {
		name string
		in   string
		want func(r Result) Result
	}{
		{"TD1", td1, func(r Result) Result {
			r.Format, r.DocumentCode, r.DocumentNumber = TD1, "I", "D23145890"
			return r
		}},
		{"TD2", td2, func(r Result) Result {
			r.Format, r.DocumentCode, r.DocumentNumber = TD2, "I", "D23145890"
			return r
		}},
		{"TD3", td3, func(r Result) Result {
			r.Format, r.DocumentCode, r.DocumentNumber, r.OptionalData = TD3, "P", "L898902C3", "ZE184226B"
			return r
		}},
		{"TD3 lower case CRLF trailing spaces", strings.ToLower(strings.ReplaceAll(td3, "\n", "  \r\n")) + "\r\n", func(r Result) Result {
			r.Format, r.DocumentCode, r.DocumentNumber, r.OptionalData = TD3, "P", "L898902C3", "ZE184226B"
			return r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in, Options{Now: now})
			checkFindings(t, got.Findings)
			if diff := cmp.Diff([]string{"document.expired"}, reason.Codes(got.Findings)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			want := tt.want(anna)
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Result{}, "Findings", "Lines")); diff != "" {
				t.Errorf("Parse (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOverflow uses 9303 part 5's example of a 12-character document
// number that continues into the optional field.
func TestOverflow(t *testing.T) {
	in := "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"
	r := Parse(in, Options{Now: time.Date(1994, 1, 1, 0, 0, 0, 0, time.UTC)})
	checkFindings(t, r.Findings)
	if !r.Valid || r.DocumentNumber != "D23145890734" {
		t.Errorf("Valid=%v DocumentNumber=%q %v, want D23145890734", r.Valid, r.DocumentNumber, reason.Codes(r.Findings))
	}
	if r.BirthDate != "1934-07-12" || r.ExpiryDate != "1995-07-12" || r.GivenNames != "PETER JOHN" {
		t.Errorf("BirthDate, ExpiryDate, GivenNames=%q, %q, %q", r.BirthDate, r.ExpiryDate, r.GivenNames)
	}
}

func TestGermanCode(t *testing.T) {
	l1 := "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"
	l2 := line2TD3("C01X00T47", "D<<", "8308126", "F", "3108011", "")
	r := Parse(l1+"\n"+l2, Options{Now: now})
	checkFindings(t, r.Findings)
	if !r.Valid || r.IssuingState != "D" || r.Nationality != "D" {
		t.Errorf("Valid=%v IssuingState=%q Nationality=%q %v", r.Valid, r.IssuingState, r.Nationality, reason.Codes(r.Findings))
	}
}

func TestFindings(t *testing.T) {
	l1, l2 := strings.Split(td3, "\n")[0], strings.Split(td3, "\n")[1]
	set := func(s string, i int, c byte) string { b := []byte(s); b[i] = c; return string(b) }
	tests := []struct {
		name  string
		in    string
		codes []string
		field string
	}{
		{"doc number digit", l1 + "\n" + set(l2, 3, '7'), []string{"document.expired", "mrz.check_digit", "mrz.check_digit"}, "document_number"},
		{"birth check", l1 + "\n" + set(l2, 19, '3'), []string{"document.expired", "mrz.check_digit", "mrz.check_digit"}, "birth_date"},
		{"bad country", set(l1, 2, 'Q') + "\n" + l2, []string{"document.expired", "mrz.country"}, "issuing_state"},
		{"one line", l1, []string{"mrz.unreadable"}, ""},
		{"short line", l1 + "\n" + l2[:43], []string{"mrz.unreadable"}, ""},
		{"bad char", l1 + "\n" + set(l2, 5, '#'), []string{"mrz.invalid_char"}, ""},
		{"empty", "", []string{"mrz.unreadable"}, ""},
		{"bad sex", l1 + "\n" + set(l2, 20, 'Q'), []string{"document.expired", "mrz.sex"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Parse(tt.in, Options{Now: now})
			checkFindings(t, r.Findings)
			if diff := cmp.Diff(tt.codes, reason.Codes(r.Findings)); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			if r.Valid {
				t.Errorf("Valid=true, want false")
			}
			if tt.field != "" && r.Findings[0].Params["field"] != tt.field {
				t.Errorf("first finding field=%q, want %q", r.Findings[0].Params["field"], tt.field)
			}
			for _, f := range r.Findings {
				if f.Field != "mrz" && f.Code != "document.expired" {
					t.Errorf("%s: Field=%q, want mrz", f.Code, f.Field)
				}
			}
		})
	}
}

func TestExpiry(t *testing.T) {
	l1 := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	for _, tt := range []struct {
		exp   string
		codes []string
	}{{"260315", []string{"document.expiring_soon"}}, {"260301", []string{"document.expiring_soon"}}, {"260228", []string{"document.expired"}}, {"360101", []string{}}} {
		e, _ := CheckDigit(tt.exp)
		r := Parse(l1+"\n"+line2TD3("L898902C3", "UTO", "7408122", "F", tt.exp+string(e), "ZE184226B"), Options{Now: now})
		checkFindings(t, r.Findings)
		if diff := cmp.Diff(tt.codes, reason.Codes(r.Findings)); diff != "" || !r.Valid {
			t.Errorf("expiry %s: Valid=%v codes (-want +got):\n%s", tt.exp, r.Valid, diff)
		}
	}
}

func TestCenturies(t *testing.T) {
	l1 := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	for _, tt := range []struct{ birth, exp, wantBirth, wantExp string }{
		{"250101", "350101", "2025-01-01", "2035-01-01"},
		{"270101", "460101", "1927-01-01", "2046-01-01"},
		{"000229", "470101", "2000-02-29", "1947-01-01"},
	} {
		b, _ := CheckDigit(tt.birth)
		e, _ := CheckDigit(tt.exp)
		r := Parse(l1+"\n"+line2TD3("L898902C3", "UTO", tt.birth+string(b), "F", tt.exp+string(e), ""), Options{Now: now})
		if r.BirthDate != tt.wantBirth || r.ExpiryDate != tt.wantExp {
			t.Errorf("%s/%s: BirthDate, ExpiryDate=%q, %q, want %q, %q", tt.birth, tt.exp, r.BirthDate, r.ExpiryDate, tt.wantBirth, tt.wantExp)
		}
	}
}

// TestSingleChange: any one character of the specimens changed to another
// MRZ character is caught by a check digit, lands in a field without one
// (names, sex, nationality), or is one of the check's blind spots.
func TestSingleChange(t *testing.T) {
	for _, spec := range []string{td1, td2, td3} {
		base := Parse(spec, Options{})
		lines := strings.Split(spec, "\n")
		for li, l := range lines {
			for i := range len(l) {
				for _, c := range []byte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<") {
					if c == l[i] {
						continue
					}
					m := append([]string(nil), lines...)
					b := []byte(l)
					b[i] = c
					m[li] = string(b)
					r := ParseLines(m, Options{})
					if !r.Valid {
						continue
					}
					same := r.DocumentNumber == base.DocumentNumber && r.BirthDate == base.BirthDate &&
						r.ExpiryDate == base.ExpiryDate && r.OptionalData == base.OptionalData
					ov, _ := charValue(l[i])
					nv, _ := charValue(c)
					// Values 10 apart (1, B, L, V; 0, <, A, K, U ...) weigh the
					// same mod 10: a blind spot of the 7-3-1 check itself.
					if !same && (ov-nv)%10 != 0 {
						t.Errorf("%s line %d pos %d → %c: Valid with changed checked fields %+v", base.Format, li+1, i+1, c, r)
					}
				}
			}
		}
	}
}

// line2TD3 builds a TD3 second line with correct check digits; birth and
// exp include their check digits.
func line2TD3(num, nat, birth, sex, exp, personal string) string {
	num = pad(num, 9)
	personal = pad(personal, 14)
	nc, _ := CheckDigit(num)
	pc, _ := CheckDigit(personal)
	s := num + string(nc) + nat + birth + sex + exp + personal + string(pc)
	comp, _ := CheckDigit(s[0:10] + s[13:20] + s[21:43])
	return s + string(comp)
}

func pad(s string, n int) string { return s + strings.Repeat("<", n-len(s)) }

func FuzzParse(f *testing.F) {
	for _, s := range []string{td1, td2, td3, strings.ToLower(td3), "P<", "\r\n\r\n", "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s, Options{Now: now})
		checkFindings(t, r.Findings)
		if r.Valid != !anyStructural(r.Findings) {
			t.Fatalf("Valid=%v with %v", r.Valid, reason.Codes(r.Findings))
		}
		if r.Valid && r.Format == "" {
			t.Fatal("Valid without a format")
		}
	})
}

func anyStructural(fs []reason.Finding) bool {
	for _, f := range fs {
		if structural(f.Code) {
			return true
		}
	}
	return false
}

func BenchmarkParse(b *testing.B) {
	for name, in := range map[string]string{"TD1": td1, "TD2": td2, "TD3": td3} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Parse(in, Options{Now: now})
			}
		})
	}
}
