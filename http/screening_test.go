package http_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/checks/screening"
)

// POST /v1/screening answers an operator's backend with the hits of one
// name, in the shape of `kycd screen --json`, and refuses malformed input
// with request.invalid.
func TestScreeningAPI(t *testing.T) {
	t.Parallel()
	eachDB(t, envConfig{}, func(t *testing.T, e *env) {
		l := &screening.List{Name: "pep", Entries: []screening.Entry{
			{ID: "p1", List: "pep", Type: screening.Individual, Names: []string{"PETROV, Aleksandr Ivanovich"},
				DOBs: []screening.Date{{Year: 1961, Month: 5, Day: 2}}, Nationalities: []string{"RUS"}},
			{ID: "p2", List: "pep", Type: screening.Individual, Names: []string{"KIM, Yo Jong"}},
		}}
		if _, err := e.svc.ImportScreeningList(context.Background(), kycd.System, l, "csv", "test"); err != nil {
			t.Fatal(err)
		}
		key := e.apiKey()
		var ans struct {
			Hits []struct {
				List, Name string
				EntryID    string  `json:"entry_id"`
				Score      float64 `json:"score"`
				Matches    []struct{ Query, Listed, How string }
			} `json:"hits"`
		}
		r := e.do(req{Method: "POST", Path: "/v1/screening", Token: key,
			Body: map[string]string{"name": "Alexander Petrov", "birth_date": "1961-05-02", "country": "RU"}})
		if r.Status != http.StatusOK {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		r.decode(t, &ans)
		if len(ans.Hits) != 1 || ans.Hits[0].EntryID != "p1" || ans.Hits[0].List != "pep" || len(ans.Hits[0].Matches) == 0 {
			t.Fatalf("answer %s", r.Body)
		}
		// A birth date years apart lowers the score below the hit line.
		r = e.do(req{Method: "POST", Path: "/v1/screening", Token: key, Body: map[string]string{"name": "Aleksandr Petrov", "birth_date": "1990"}})
		r.decode(t, &ans)
		if r.Status != http.StatusOK || len(ans.Hits) != 0 {
			t.Errorf("other birth year: %d %s", r.Status, r.Body)
		}
		r = e.do(req{Method: "POST", Path: "/v1/screening", Token: key, Body: map[string]string{"name": "Kim Yojong"}})
		r.decode(t, &ans)
		if len(ans.Hits) != 1 || ans.Hits[0].EntryID != "p2" {
			t.Errorf("Kim Yojong: %s", r.Body)
		}
		r = e.do(req{Method: "POST", Path: "/v1/screening", Token: key, Body: map[string]string{"name": "Maria Garcia"}})
		if r.Status != http.StatusOK || string(r.Body) != "{\"hits\":[]}\n" && string(r.Body) != "{\"hits\":[]}" {
			t.Errorf("no hit: %d %q", r.Status, r.Body)
		}
		for _, bad := range []any{
			map[string]string{"name": " "},
			map[string]string{"name": "A B", "birth_date": "02/05/1961"},
			map[string]string{"name": "A B", "country": "Atlantis"},
			map[string]any{"name": "A B", "extra": 1},
			"not json",
		} {
			r := e.do(req{Method: "POST", Path: "/v1/screening", Token: key, Body: bad})
			if r.Status != http.StatusBadRequest || r.code() != "request.invalid" {
				t.Errorf("%v: %d %s, want 400 request.invalid", bad, r.Status, r.Body)
			}
		}
	})
}
