package kycd

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kycd/kycd/checks/screening"
	"github.com/kycd/kycd/reason"
)

// ScreeningList is a stored sanctions or PEP list.
type ScreeningList struct {
	Name     string            `json:"name"`
	Format   string            `json:"format"`
	Version  string            `json:"version"`
	Source   string            `json:"source"`
	LoadedAt time.Time         `json:"loaded_at"`
	Count    int               `json:"entries"`
	Entries  []screening.Entry `json:"-"`
}

// ScreeningAlert is a hit on an already approved account, raised when a
// list refresh brings a new entry; a reviewer resolves it.
type ScreeningAlert struct {
	ID            string        `json:"id"`
	AccountID     string        `json:"account_id"`
	ApplicationID string        `json:"application_id"`
	List          string        `json:"list"`
	EntryID       string        `json:"entry_id"`
	Hit           screening.Hit `json:"hit"`
	CreatedAt     time.Time     `json:"created_at"`
	ResolvedAt    *time.Time    `json:"resolved_at,omitempty"`
	ResolvedBy    string        `json:"resolved_by,omitempty"`
	Resolution    string        `json:"resolution,omitempty"`
}

// ScreeningTx is the part of Tx that keeps lists and alerts.
type ScreeningTx interface {
	// PutScreeningList replaces the list of that name (or adds it).
	PutScreeningList(ctx context.Context, l *ScreeningList) error
	// FindScreeningLists returns every list; with entries only if asked.
	FindScreeningLists(ctx context.Context, withEntries bool) ([]*ScreeningList, error)
	// PutScreeningIndex stores a compiled index (screening.Index
	// MarshalBinary) under key, replacing one of that key, and drops the
	// indexes stored for other lists.
	PutScreeningIndex(ctx context.Context, key, lists string, createdAt time.Time, data []byte) error
	// FindScreeningIndex returns the compiled index stored under key;
	// ENOTFOUND when there is none.
	FindScreeningIndex(ctx context.Context, key string) ([]byte, error)
	// CreateAlert stores a; ECONFLICT when that account already has an
	// alert for that entry.
	CreateAlert(ctx context.Context, a *ScreeningAlert) error
	FindAlerts(ctx context.Context, onlyOpen bool) ([]*ScreeningAlert, error)
	FindAlertByID(ctx context.Context, id string) (*ScreeningAlert, error)
	UpdateAlert(ctx context.Context, a *ScreeningAlert) error
}

// Screener holds the index of every stored list. Searches read the current
// index without locks; a refresh builds a new one and swaps it in.
type Screener struct {
	index     atomic.Pointer[screening.Index]
	Threshold float64
	mu        sync.Mutex // serialises rebuilds
	loaded    string     // the lists the index was built from (listsFingerprint)
}

func (sc *Screener) search(q screening.Query) []screening.Hit {
	x := sc.index.Load()
	if x == nil || x.Len() == 0 {
		return nil
	}
	if q.Threshold == 0 {
		q.Threshold = sc.Threshold
	}
	return x.Search(q)
}

// LoadScreeningLists loads the index of the stored lists (at start-up and
// after an import): the compiled index stored for exactly these lists and
// this matcher version when there is one, else it builds the index from
// the entries and stores it compiled, so that the next process (another
// instance, a CLI call) loads instead of building. A stored index that
// cannot be read is rebuilt, never trusted in part.
func (s *Service) LoadScreeningLists(ctx context.Context) error {
	s.Screener.mu.Lock()
	defer s.Screener.mu.Unlock()
	lists, err := s.Store.FindScreeningLists(ctx, false)
	if err != nil {
		return err
	}
	fp := listsFingerprint(lists)
	if len(lists) > 0 {
		data, err := s.Store.FindScreeningIndex(ctx, compiledKey(fp))
		if err == nil {
			x, err := screening.DecodeIndex(data)
			if err == nil {
				s.Screener.index.Store(x)
				s.Screener.loaded = fp
				return nil
			}
			s.Log.Warn("stored screening index not usable; rebuilding it", "err", err.Error())
		} else if !IsNotFound(err) {
			return err
		}
	}
	// Built from the entries read now: their fingerprint, not the one read
	// above, names what was built (an import may have landed in between).
	if lists, err = s.Store.FindScreeningLists(ctx, true); err != nil {
		return err
	}
	fp = listsFingerprint(lists)
	var entries []screening.Entry
	for _, l := range lists {
		entries = append(entries, l.Entries...)
	}
	x := screening.NewIndex(entries)
	s.Screener.index.Store(x)
	s.Screener.loaded = fp
	if len(lists) > 0 {
		s.storeCompiled(ctx, fp, x)
	}
	return nil
}

// storeCompiled writes x for the lists of fingerprint fp. Failing to store
// it only costs the next process a rebuild, so it is logged, not returned.
func (s *Service) storeCompiled(ctx context.Context, fp string, x *screening.Index) {
	data, err := x.MarshalBinary()
	if err == nil {
		err = s.Store.WithTx(ctx, func(tx Tx) error {
			return tx.PutScreeningIndex(ctx, compiledKey(fp), listsDigest(fp), s.Now(), data)
		})
	}
	if err != nil && ctx.Err() == nil {
		s.Log.Warn("could not store the compiled screening index", "err", err.Error())
	}
}

// compiledKey names a compiled index: the matcher version (format and name
// knowledge) and the lists it holds.
func compiledKey(fp string) string { return screening.IndexVersion() + "/" + listsDigest(fp) }

func listsDigest(fp string) string {
	h := sha256.Sum256([]byte(fp))
	return hex.EncodeToString(h[:16])
}

// ScreeningIndex returns the index of the stored lists, for callers that
// search it with lists of their own added (kycd screen --list).
func (s *Service) ScreeningIndex() *screening.Index { return s.Screener.index.Load() }

// SyncScreeningLists rebuilds the index when the stored lists changed
// since it was built: another instance imported a version. Each instance
// calls it on a short schedule, so all of them screen against the same
// lists; the check reads only the lists' names and versions.
func (s *Service) SyncScreeningLists(ctx context.Context) error {
	lists, err := s.Store.FindScreeningLists(ctx, false)
	if err != nil {
		return err
	}
	s.Screener.mu.Lock()
	same := s.Screener.loaded == listsFingerprint(lists)
	s.Screener.mu.Unlock()
	if same {
		return nil
	}
	return s.LoadScreeningLists(ctx)
}

func listsFingerprint(lists []*ScreeningList) string {
	var b strings.Builder
	for _, l := range lists {
		fmt.Fprintf(&b, "%s\x00%s\x00%d\x00%d\n", l.Name, l.Version, l.LoadedAt.UnixMicro(), l.Count)
	}
	return b.String()
}

// ImportScreeningList stores a parsed list, replacing the previous version
// of the same name in one transaction, and rebuilds the index. Approved
// accounts are then screened again in the background (see Rescreen).
func (s *Service) ImportScreeningList(ctx context.Context, by Principal, l *screening.List, format, source string) (*ScreeningList, error) {
	if l == nil || len(l.Entries) == 0 {
		return nil, ErrorWith("screening.list_empty", "file", source)
	}
	sl := &ScreeningList{Name: l.Name, Format: format, Version: l.Version, Source: source, LoadedAt: s.Now(),
		Count: len(l.Entries), Entries: l.Entries}
	if sl.Version == "" {
		sl.Version = sl.LoadedAt.Format("2006-01-02T15:04Z")
	}
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		if err := tx.PutScreeningList(ctx, sl); err != nil {
			return err
		}
		return s.audit(ctx, tx, by.Actor(), "screening.list_imported", sl.Name,
			map[string]any{"format": format, "version": sl.Version, "entries": sl.Count})
	})
	if err != nil {
		return nil, err
	}
	return sl, s.LoadScreeningLists(ctx)
}

// ScreeningLists lists the stored lists (without entries).
func (s *Service) ScreeningLists(ctx context.Context) ([]*ScreeningList, error) {
	return s.Store.FindScreeningLists(ctx, false)
}

// SearchLists screens a query against the stored lists.
func (s *Service) SearchLists(q screening.Query) []screening.Hit { return s.Screener.search(q) }

// screenIdentity screens an application's identity: the name as typed and
// its Latin form, with birth date, nationality and document number,
// against the entries that can be a person: an applicant is one, so a
// company, vessel or aircraft of the same name can only be a false hit.
func (s *Service) screenIdentity(id Identity) []screening.Hit {
	var hits []screening.Hit
	seen := map[string]bool{}
	for _, name := range []string{id.FullName, id.LatinName} {
		if strings.TrimSpace(name) == "" {
			continue
		}
		q := screening.Query{Name: name, Nationality: id.Nationality, DocumentNumber: id.DocumentNumber, Individuals: true}
		if d, err := screening.ParseDate(id.BirthDate); err == nil {
			q.DOB = d
		}
		for _, h := range s.Screener.search(q) {
			if key := h.List + "\x00" + h.EntryID; !seen[key] {
				seen[key] = true
				hits = append(hits, h)
			}
		}
	}
	return hits
}

// Rescreen screens every approved application's identity against the
// current lists and raises an alert for each new hit. It returns how many
// alerts it raised.
func (s *Service) Rescreen(ctx context.Context) (int, error) {
	apps, err := s.Store.FindApplications(ctx, ApplicationFilter{States: []State{StateApproved}, Limit: 1000000})
	if err != nil {
		return 0, err
	}
	raised := 0
	for _, app := range apps {
		for _, h := range s.screenIdentity(app.Identity) {
			a := &ScreeningAlert{ID: NewID(), AccountID: app.AccountID, ApplicationID: app.ID, List: h.List,
				EntryID: h.EntryID, Hit: h, CreatedAt: s.Now()}
			err := s.Store.WithTx(ctx, func(tx Tx) error {
				if err := tx.CreateAlert(ctx, a); err != nil {
					return err
				}
				return s.audit(ctx, tx, System.Actor(), "screening.alert_raised", app.ID,
					map[string]any{"alert": a.ID, "list": h.List, "entry": h.EntryID})
			})
			if IsConflict(err) {
				continue // already raised for this account and entry
			} else if err != nil {
				return raised, err
			}
			raised++
		}
	}
	return raised, nil
}

// Alerts lists screening alerts for the review desk.
func (s *Service) Alerts(ctx context.Context, onlyOpen bool) ([]*ScreeningAlert, error) {
	return s.Store.FindAlerts(ctx, onlyOpen)
}

// ResolveAlert records a reviewer's verdict on an alert: "false_positive"
// or "confirmed". Either is audited; what a confirmed match means for the
// account (freezing, reporting) is the operator's process.
func (s *Service) ResolveAlert(ctx context.Context, who Principal, id, resolution string) (*ScreeningAlert, error) {
	if resolution != "false_positive" && resolution != "confirmed" {
		return nil, ErrorWith("review.decision_invalid", "detail", `resolution must be "false_positive" or "confirmed"`)
	}
	var out *ScreeningAlert
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		a, err := tx.FindAlertByID(ctx, id)
		if IsNotFound(err) {
			return ErrorWith("request.not_found")
		} else if err != nil {
			return err
		}
		now := s.Now()
		a.ResolvedAt, a.ResolvedBy, a.Resolution = &now, who.AccountID, resolution
		if err := tx.UpdateAlert(ctx, a); err != nil {
			return err
		}
		out = a
		return s.audit(ctx, tx, who.Actor(), "screening.alert_resolved", a.ApplicationID,
			map[string]any{"alert": a.ID, "resolution": resolution})
	})
	return out, err
}

// screeningFindings turns hits into reviewer-only findings.
func screeningFindings(hits []screening.Hit) []reason.Finding {
	if len(hits) == 0 {
		return nil
	}
	return screening.Findings(hits)
}

// ScreeningRequest is a name an operator screens directly (a counterparty,
// a withdrawal beneficiary), outside any application.
type ScreeningRequest struct {
	Name      string `json:"name"`
	BirthDate string `json:"birth_date,omitempty"`
	Country   string `json:"country,omitempty"`
}

// ScreenName screens one name against the stored lists. Nothing is stored:
// the operator keeps the result. A malformed request is request.invalid
// naming the field.
func (s *Service) ScreenName(req ScreeningRequest) (screening.Answer, error) {
	if err := checkText("name", req.Name, "birth_date", req.BirthDate, "country", req.Country); err != nil {
		return screening.Answer{}, err
	}
	q, err := screening.NewQuery(req.Name, req.BirthDate, req.Country)
	if err != nil {
		return screening.Answer{}, Errorf("request.invalid", "%v", err)
	}
	return screening.NewAnswer(s.Screener.search(q)), nil
}
