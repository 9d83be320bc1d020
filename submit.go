package kycd

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kycd/kycd/checks/ocr"
	"github.com/kycd/kycd/reason"
)

// Submit hands the application over for a decision. It refuses while
// blocking findings remain; otherwise it runs the automatic rules, which
// approve clean cases of levels that allow it and send everything else to
// the review desk.
func (s *Service) Submit(ctx context.Context, who Principal, id string) (*ApplicationView, error) {
	var out *ApplicationView
	var decided *Application
	err := s.Store.WithTx(ctx, func(tx Tx) error {
		app, err := s.ownApplication(ctx, tx, who, id)
		if err != nil {
			return err
		}
		if app.State != StateDraft && app.State != StateActionRequired {
			return ErrorWith("application.locked")
		}
		docs, err := tx.FindDocuments(ctx, app.ID)
		if err != nil {
			return fmt.Errorf("application %s: documents: %w", app.ID, err)
		}
		fs, err := s.precheck(ctx, tx, app, docs)
		if err != nil {
			return err
		}
		if reason.AnyBlocking(fs) {
			return &FindingsError{Code: "application.not_ready", Findings: fs}
		}
		from := app.State
		now := s.Now()
		if from == StateActionRequired {
			app.Attempt++
		}
		app.SubmittedAt = &now
		due := now.Add(s.Settings.ReviewSLA)
		app.DueAt = &due
		app.Reasons, app.Redo, app.RedoFrom, app.ClaimedBy, app.ClaimExpiresAt, app.DecidedAt = nil, nil, nil, "", nil, nil
		if err := s.transition(ctx, tx, app, who, StateSubmitted, map[string]any{"attempt": app.Attempt}); err != nil {
			return err
		}
		if err := s.transition(ctx, tx, app, System, StateChecking, nil); err != nil {
			return err
		}
		// The rules: anything that is not plainly clean goes to a person.
		app.Screening = screeningFindings(s.screenIdentity(app.Identity))
		faces := faceFlags(app, docs, s.Faces.Status() == "on")
		app.Flags = flags(append(append(fs, app.Screening...), faces...))
		lvl, _ := s.Policy.Level(app.Level)
		if lvl.AutoApprove && !lvl.AutoApproveUnread {
			if unreadDocuments(docs) {
				app.Flags = append(app.Flags, "document.not_read")
			}
		}
		if lvl.AutoApprove && len(app.Flags) == 0 {
			if err := s.approve(ctx, tx, app, System); err != nil {
				return err
			}
			decided = app
		} else if err := s.transition(ctx, tx, app, System, StateInReview, map[string]any{"flags": app.Flags}); err != nil {
			return err
		}
		if err := s.emit(ctx, tx, "application.submitted", app, nil); err != nil {
			return err
		}
		out, err = s.view(ctx, tx, app, nil)
		return err
	})
	return s.afterCommit(ctx, out, decided, err)
}

// unreadDocuments reports whether a current photo of the identity document
// lacks a finished reading, or (for the sides that carry it) the number
// read: the automatic rules then cannot know the document matches the form.
func unreadDocuments(docs []*Document) bool {
	for _, d := range docs {
		if d.ReplacedAt != nil || !readable(d.Kind) {
			continue
		}
		if d.ReadState != ReadDone || d.Reading == nil {
			return true
		}
		if _, ok := d.Reading.Fields[ocr.FDocumentNumber]; !ok && d.Kind != KindIDBack {
			return true
		}
	}
	return false
}

// flags are the codes that send a case to review: every warning.
func flags(fs []reason.Finding) []string {
	out := []string{}
	for _, f := range fs {
		if f.Severity == reason.Warning && !slices.Contains(out, f.Code) {
			out = append(out, f.Code)
		}
	}
	return out
}

// transition moves app to state and records it, inside tx.
func (s *Service) transition(ctx context.Context, tx Tx, app *Application, by Principal, to State, data map[string]any) error {
	if data == nil {
		data = map[string]any{}
	}
	data["from"], data["to"] = string(app.State), string(to)
	app.State = to
	app.UpdatedAt = s.Now()
	if to == StateApproved || to == StateRejected || to == StateActionRequired || to == StateWithdrawn {
		now := s.Now()
		app.DecidedAt = &now
	}
	if err := tx.UpdateApplication(ctx, app); err != nil {
		return err
	}
	return s.audit(ctx, tx, by.Actor(), "application.state_changed", app.ID, data)
}

// approve approves app and raises the account's level in the same
// transaction.
func (s *Service) approve(ctx context.Context, tx Tx, app *Application, by Principal) error {
	app.ClaimedBy, app.ClaimExpiresAt, app.PendingFinal = "", nil, nil
	if err := s.transition(ctx, tx, app, by, StateApproved, nil); err != nil {
		return err
	}
	acct, err := tx.FindAccountByID(ctx, app.AccountID)
	if err != nil {
		return err
	}
	from := acct.Level
	if err := s.RaiseLevel(ctx, tx, acct, app.Level, by, "application_approved"); err != nil {
		return err
	}
	if err := s.emit(ctx, tx, "application.approved", app, nil); err != nil {
		return err
	}
	if acct.Level != from {
		lvl, _ := s.Policy.Level(acct.Level)
		return s.emit(ctx, tx, "account.level_changed", app, map[string]any{"from": from, "to": acct.Level, "limits": lvl.Limits})
	}
	return nil
}

// notifyDecision emails the applicant in their language after a decision
// committed: each reason on its own line with its fix (what to redo), and
// a link to the status page. A failed delivery is logged; the decision
// stands.
func (s *Service) notifyDecision(ctx context.Context, app *Application) {
	if s.Mail == nil {
		return
	}
	acct, err := s.Store.FindAccountByID(ctx, app.AccountID)
	if err != nil {
		s.Log.Error("decision email: find account", "application", app.ID, "account", app.AccountID, "err", err)
		return
	}
	lang := matchLocale(acct.Locale)
	// One line per reason: a list, not a sentence, so a message's own
	// full stop never meets the template's ("..", "。。").
	var lines []string
	for _, r := range app.Reasons {
		f := r.Localize(lang)
		lines = append(lines, strings.TrimSpace("- "+f.Message+" "+f.Fix))
	}
	key := "mail.decision." + string(app.State)
	body := text(lang, key+".body", "level", itoa(int64(app.Level)))
	if len(lines) > 0 {
		body += "\n\n" + strings.Join(lines, "\n")
	}
	if app.Note != "" {
		body += "\n\n" + text(lang, "mail.decision.note", "note", app.Note)
	}
	if s.Settings.PublicURL != "" {
		body += "\n\n" + text(lang, "mail.decision.link", "url", strings.TrimRight(s.Settings.PublicURL, "/")+"/status")
	}
	m := Message{Channel: "email", To: acct.Email, SentAt: s.Now(),
		Subject: text(lang, key+".subject", "level", itoa(int64(app.Level))), Body: body}
	if err := s.Mail.Send(ctx, m); err != nil {
		s.Log.Error("decision email failed", "application", app.ID, "err", err)
	}
}

// afterCommit runs what follows a committed transaction that may have
// decided an application: the applicant's email and a nudge to the
// webhook worker. Neither can undo the decision, so neither is in it.
func (s *Service) afterCommit(ctx context.Context, out *ApplicationView, decided *Application, err error) (*ApplicationView, error) {
	if err != nil {
		return nil, err
	}
	if decided != nil {
		s.notifyDecision(ctx, decided)
	}
	s.wake()
	return out, nil
}

func (s *Service) wake() { s.Wake() }
