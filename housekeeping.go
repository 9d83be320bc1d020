package kycd

import (
	"context"
	"strings"
	"time"
)

// SweepReport says what the expiry sweep removed.
type SweepReport struct {
	Uploads int `json:"uploads"` // expired unattached uploads removed
}

// SweepUploads removes unattached uploads older than the upload TTL, with
// their bytes (tus's expiration extension: clients were told the time in
// Upload-Expires).
func (s *Service) SweepUploads(ctx context.Context) (SweepReport, error) {
	var rep SweepReport
	ttl := s.Settings.Uploads.TTL
	if ttl <= 0 {
		return rep, nil
	}
	before := s.Now().Add(-ttl)
	for {
		ups, err := s.Store.FindStaleUploads(ctx, before, 100)
		if err != nil || len(ups) == 0 {
			return rep, err
		}
		for _, u := range ups {
			if err := s.TerminateUpload(ctx, u); err != nil {
				return rep, err
			}
			rep.Uploads++
		}
	}
}

// ReconcileReport says what the reconciliation found and removed.
type ReconcileReport struct {
	// OrphanBlobs are files no row refers to (segments of uploads already
	// attached or deleted, documents whose transaction never committed),
	// removed.
	OrphanBlobs      int   `json:"orphan_blobs"`
	OrphanBlobsBytes int64 `json:"orphan_blobs_bytes"`
	// StaleWrites are the leftovers of writes a crash interrupted, which
	// are not blobs (local temporary files, S3 multipart uploads never
	// completed): the store sweeps its own (StaleSweeper), removed.
	StaleWrites int `json:"stale_writes"`
	// BrokenUploads had a segment row whose file is gone; they are
	// removed, so the client starts them again instead of resuming onto a
	// hole.
	BrokenUploads []string `json:"broken_uploads"`
	// MissingDocuments are documents whose file is gone. They are kept
	// (they are evidence of what was decided) and reported for the
	// operator to restore from backup.
	MissingDocuments []string `json:"missing_documents"`
}

// ReconcileGrace is how old an unreferenced file must be before the
// reconciliation removes it: a write in progress stores its file before
// the row that refers to it, and no single write lasts this long.
const ReconcileGrace = time.Hour

// Reconcile compares the blob store with the database both ways and
// removes what is orphaned. Rows are read before files are listed, so a
// file written meanwhile is at worst seen without its row, and spared by
// the grace period.
func (s *Service) Reconcile(ctx context.Context, grace time.Duration) (ReconcileReport, error) {
	rep := ReconcileReport{BrokenUploads: []string{}, MissingDocuments: []string{}}
	refs, err := s.Store.BlobRefs(ctx)
	if err != nil {
		return rep, err
	}
	cutoff := time.Now().Add(-grace) // file times come from the filesystem's clock
	seen := make(map[string]bool, len(refs))
	err = s.Blobs.List(ctx, "", func(b BlobInfo) error {
		if _, ok := refs[b.Key]; ok {
			seen[b.Key] = true
			return nil
		}
		if !b.Modified.Before(cutoff) {
			return nil
		}
		if err := s.Blobs.Delete(ctx, b.Key); err != nil {
			return err
		}
		rep.OrphanBlobs++
		rep.OrphanBlobsBytes += b.Size
		return nil
	})
	if err != nil {
		return rep, err
	}
	if sw, ok := s.Blobs.(StaleSweeper); ok {
		if rep.StaleWrites, err = sw.SweepStale(ctx, cutoff); err != nil {
			return rep, err
		}
	}
	broken := map[string]bool{}
	for key, owner := range refs {
		if seen[key] {
			continue
		}
		// The row may have gone since it was read (an attach or a
		// termination deletes rows, then files): look again before acting.
		if rc, err := s.Blobs.Open(ctx, key); err == nil {
			rc.Close()
			continue
		} else if !IsNotFound(err) {
			return rep, err
		}
		kind, id, _ := strings.Cut(owner, ":")
		switch kind {
		case "upload":
			if broken[id] {
				continue
			}
			u, err := s.Store.FindUpload(ctx, id)
			if IsNotFound(err) {
				continue
			} else if err != nil {
				return rep, err
			}
			segs, err := s.Store.FindSegments(ctx, id)
			if err != nil {
				return rep, err
			}
			if !hasSegment(segs, key) {
				continue
			}
			broken[id] = true
			if err := s.TerminateUpload(ctx, u); err != nil {
				return rep, err
			}
			rep.BrokenUploads = append(rep.BrokenUploads, id)
		case "document":
			rep.MissingDocuments = append(rep.MissingDocuments, id)
		}
	}
	if rep.OrphanBlobs > 0 || rep.StaleWrites > 0 || len(rep.BrokenUploads) > 0 || len(rep.MissingDocuments) > 0 {
		s.Log.Warn("storage reconciled", "orphan_blobs", rep.OrphanBlobs, "orphan_bytes", rep.OrphanBlobsBytes,
			"stale_writes", rep.StaleWrites,
			"broken_uploads", len(rep.BrokenUploads), "missing_documents", rep.MissingDocuments)
	}
	return rep, nil
}

func hasSegment(segs []Segment, key string) bool {
	for _, s := range segs {
		if s.BlobKey == key {
			return true
		}
	}
	return false
}

// Housekeep runs the expiry sweep and the reconciliation once, logging
// what each removed. Serve runs it periodically on one instance at a time
// (a jobs.Runner job): two instances reconciling the same bucket at once
// would each see the other's deletions as missing files.
func (s *Service) Housekeep(ctx context.Context) error {
	rep, err := s.SweepUploads(ctx)
	if err != nil {
		return err
	}
	if rep.Uploads > 0 {
		s.Log.Info("expired uploads removed", "uploads", rep.Uploads)
	}
	_, err = s.Reconcile(ctx, ReconcileGrace)
	return err
}
