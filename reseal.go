package kycd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"time"
)

// Re-sealing brings every sealed value to the keys currently configured, in
// the background, in phases run in this order:
//
//   - applications, documents, decisions, uploads: values from before
//     per-application data keys move from a master key to their
//     application's data key (once; the target is TargetPerApplication);
//   - blobs: documents and upload segments stored before then are copied
//     under their application's prefix (sealed under its data key), the
//     row is pointed at the copy, and the old blob is deleted after
//     BlobTrashDelay, so that a reader holding the old key still finds it;
//   - data-keys, accounts, webhooks: after a rotation, data keys are
//     re-wrapped and master-sealed values re-sealed under the active master
//     key (the target is that key's id; a new one restarts these phases).
//
// Each phase records how far it got in the database in the transaction
// that does the work, so a run cut off anywhere resumes where it stopped.
const (
	PhaseApplications = "applications"
	PhaseDocuments    = "documents"
	PhaseDecisions    = "decisions"
	PhaseUploads      = "uploads"
	PhaseBlobs        = "blobs"
	PhaseDataKeys     = "data-keys"
	PhaseAccounts     = "accounts"
	PhaseWebhooks     = "webhooks"
)

// TargetPerApplication is the target of the phases that move data to
// per-application keys.
const TargetPerApplication = "per-application"

// ResealPhases lists the phases in the order they run, with whether their
// target is the active master key (else TargetPerApplication).
var ResealPhases = []struct {
	Name     string
	ToMaster bool
}{
	{PhaseApplications, false}, {PhaseDocuments, false}, {PhaseDecisions, false}, {PhaseUploads, false},
	{PhaseBlobs, false}, {PhaseDataKeys, true}, {PhaseAccounts, true}, {PhaseWebhooks, true},
}

// KeyJob is one phase's progress.
type KeyJob struct {
	Phase string `json:"phase"`
	// Target is what the phase brings values to: TargetPerApplication or
	// a master key id.
	Target     string     `json:"target"`
	After      string     `json:"-"`
	Done       int64      `json:"done"`
	Total      int64      `json:"total"`
	StartedAt  time.Time  `json:"started_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// LegacyBlob is a blob stored before per-application keys, still sealed
// under a master key and outside its application's prefix.
type LegacyBlob struct {
	// Table is "documents" or "upload_segments"; ID the document id or the
	// upload id, Offset the segment's offset.
	Table  string
	ID     string
	Offset int64
	AppID  string
	Key    string
}

// KeyReferences says what still needs each master key.
type KeyReferences struct {
	// Values counts values sealed or data keys wrapped under each master
	// key id.
	Values map[string]int64 `json:"values"`
	// LegacyBlobs are blobs still sealed under a master key (which one
	// only their header says): no master key may be retired while any
	// remains. TrashedBlobs are moved blobs waiting to be deleted.
	LegacyBlobs  int64 `json:"legacy_blobs"`
	TrashedBlobs int64 `json:"trashed_blobs"`
}

// KeyStore is what re-sealing needs from the store.
type KeyStore interface {
	KeyJobs(ctx context.Context) ([]KeyJob, error)
	// StartKeyJob returns phase's progress toward target, (re)starting it
	// — cursor cleared, rows counted — when it had another target or none.
	StartKeyJob(ctx context.Context, phase, target string, now time.Time) (KeyJob, error)
	// ResealBatch re-seals the next limit rows of a database phase
	// (applications, documents, decisions, uploads, data-keys, accounts,
	// webhooks) toward the job's target and records the progress in the
	// same transaction. A value whose application's key was destroyed is
	// cleared, never moved under a new key.
	ResealBatch(ctx context.Context, phase string, limit int, now time.Time) (KeyJob, error)
	// SaveKeyJob records progress of the blobs phase.
	SaveKeyJob(ctx context.Context, j KeyJob) error
	// LegacyBlobs lists up to limit legacy blobs with keys after after, by
	// key.
	LegacyBlobs(ctx context.Context, after string, limit int) ([]LegacyBlob, error)
	// MoveBlob points b's row at newKey ("" for no blob) if it still
	// points at b.Key, and records b.Key for deletion, in one
	// transaction; it reports whether the row moved.
	MoveBlob(ctx context.Context, b LegacyBlob, newKey string, now time.Time) (bool, error)
	// TrashedBlobs lists blobs recorded for deletion before before.
	TrashedBlobs(ctx context.Context, before time.Time, limit int) ([]string, error)
	ForgetTrashedBlob(ctx context.Context, key string) error
	KeyReferences(ctx context.Context) (KeyReferences, error)
}

// BlobTrashDelay is how long a moved blob's old copy is kept: longer than
// any read that found the old key in its row just before the move.
const BlobTrashDelay = 10 * time.Minute

// Resealer runs the re-sealing phases. jobs.Runner runs it on one instance
// at a time.
type Resealer struct {
	Store KeyStore
	Blobs BlobStore
	// Active names the active master key (it follows the key provider).
	Active func() string
	Now    func() time.Time
	Log    *slog.Logger
	// Batch is the rows per transaction (default 200).
	Batch int
	// TrashDelay overrides BlobTrashDelay (tests).
	TrashDelay *time.Duration
	// Hook, when set, is called at each point a crash must be survivable:
	// step "batch" after a batch committed, "blob-copied" after a blob's
	// copy was stored and before its row points at it. An error stops the
	// run there, as a crash would; tests inject crashes with it.
	Hook func(phase, step string) error
}

func (r *Resealer) hook(phase, step string) error {
	if r.Hook == nil {
		return nil
	}
	return r.Hook(phase, step)
}

// Run brings every phase to its target, or stops at ctx's end or the first
// error; a later Run continues from there.
func (r *Resealer) Run(ctx context.Context) error {
	batch := r.Batch
	if batch <= 0 {
		batch = 200
	}
	for _, p := range ResealPhases {
		target := TargetPerApplication
		if p.ToMaster {
			target = r.Active()
		}
		job, err := r.Store.StartKeyJob(ctx, p.Name, target, r.Now())
		if err != nil {
			return err
		}
		if p.Name == PhaseBlobs {
			if err := r.moveBlobs(ctx, job, batch); err != nil {
				return err
			}
			continue
		}
		for job.FinishedAt == nil {
			if job, err = r.Store.ResealBatch(ctx, p.Name, batch, r.Now()); err != nil {
				return fmt.Errorf("reseal %s: %w", p.Name, err)
			}
			if err := r.hook(p.Name, "batch"); err != nil {
				return err
			}
		}
	}
	return r.emptyTrash(ctx)
}

// moveBlobs copies legacy blobs under their application's prefix.
func (r *Resealer) moveBlobs(ctx context.Context, job KeyJob, batch int) error {
	for job.FinishedAt == nil {
		list, err := r.Store.LegacyBlobs(ctx, job.After, batch)
		if err != nil {
			return err
		}
		for _, b := range list {
			if err := r.moveBlob(ctx, b); err != nil {
				return err
			}
			job.After = b.Key
			job.Done++
		}
		job.UpdatedAt = r.Now()
		if len(list) < batch {
			now := r.Now()
			job.FinishedAt = &now
		}
		if err := r.Store.SaveKeyJob(ctx, job); err != nil {
			return err
		}
		if err := r.hook(PhaseBlobs, "batch"); err != nil {
			return err
		}
	}
	return nil
}

func (r *Resealer) moveBlob(ctx context.Context, b LegacyBlob) error {
	newKey := ApplicationBlobPrefix(b.AppID) + b.Key
	err := r.copyBlob(ctx, b.Key, newKey)
	switch {
	case IsNotFound(err):
		// The row points at nothing (a blob lost before): nothing to
		// move, and nothing to keep listing.
		r.Log.Warn("reseal: a blob named by a row is missing", "table", b.Table, "id", b.ID)
		return nil
	case IsErased(err):
		// Its application was erased: the old copy is its data too. The
		// row keeps no key.
		_, err = r.Store.MoveBlob(ctx, b, "", r.Now())
		return err
	case err != nil:
		return err
	}
	if err := r.hook(PhaseBlobs, "blob-copied"); err != nil {
		return err
	}
	moved, err := r.Store.MoveBlob(ctx, b, newKey, r.Now())
	if err != nil {
		return err
	}
	if !moved {
		// The row changed meanwhile (replaced, deleted): the copy is
		// nobody's.
		return r.Blobs.Delete(ctx, newKey)
	}
	return nil
}

// copyBlob stores old's plaintext again under newKey. Writing the same
// newKey twice (a run resumed after a crash) replaces it whole.
func (r *Resealer) copyBlob(ctx context.Context, old, newKey string) error {
	rc, err := r.Blobs.Open(ctx, old)
	if err != nil {
		return err
	}
	defer rc.Close()
	if _, err := r.Blobs.Put(ctx, newKey, rc); err != nil {
		r.Blobs.Delete(context.WithoutCancel(ctx), newKey)
		return err
	}
	return nil
}

func (r *Resealer) emptyTrash(ctx context.Context) error {
	delay := BlobTrashDelay
	if r.TrashDelay != nil {
		delay = *r.TrashDelay
	}
	for {
		keys, err := r.Store.TrashedBlobs(ctx, r.Now().Add(-delay), 200)
		if err != nil || len(keys) == 0 {
			return err
		}
		for _, k := range keys {
			if err := r.Blobs.Delete(ctx, k); err != nil {
				return err
			}
			if err := r.Store.ForgetTrashedBlob(ctx, k); err != nil {
				return err
			}
		}
	}
}

// KeyReport is what `kycd keys rotate --status` prints.
type KeyReport struct {
	Active     string        `json:"active"`
	Keys       []string      `json:"keys"`
	Phases     []KeyJob      `json:"phases"`
	References KeyReferences `json:"references"`
	// Done is set when every phase reached its target.
	Done bool `json:"done"`
	// Retirable are the configured master keys, other than the active
	// one, that nothing references: they may be removed from the key
	// provider (kycd keys retire ID).
	Retirable []string `json:"retirable"`
}

// KeyStatus reports the re-sealing's progress and what each master key
// still protects. keys are the configured master key ids, active first.
func KeyStatus(ctx context.Context, st KeyStore, keys []string) (*KeyReport, error) {
	if len(keys) == 0 {
		return nil, errors.New("kycd: no master keys")
	}
	rep := &KeyReport{Active: keys[0], Keys: keys, Done: true}
	jobs, err := st.KeyJobs(ctx)
	if err != nil {
		return nil, err
	}
	byPhase := map[string]KeyJob{}
	for _, j := range jobs {
		byPhase[j.Phase] = j
	}
	for _, p := range ResealPhases {
		j, ok := byPhase[p.Name]
		target := TargetPerApplication
		if p.ToMaster {
			target = rep.Active
		}
		if !ok || j.Target != target {
			j = KeyJob{Phase: p.Name, Target: target}
		}
		if j.FinishedAt == nil {
			rep.Done = false
		}
		rep.Phases = append(rep.Phases, j)
	}
	if rep.References, err = st.KeyReferences(ctx); err != nil {
		return nil, err
	}
	rep.Retirable = []string{}
	for _, id := range keys[1:] {
		if rep.References.Values[id] == 0 && rep.References.LegacyBlobs == 0 {
			rep.Retirable = append(rep.Retirable, id)
		}
	}
	sort.Strings(rep.Retirable)
	return rep, nil
}
