package kycd

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// AuditEntry is one line of the append-only audit log. Each entry's Hash
// covers its own fields and the previous entry's hash, so changing,
// removing or reordering any entry breaks the chain from that point on.
// Data must not hold personal data in clear: ids and codes only.
type AuditEntry struct {
	Seq      int64
	At       time.Time
	Actor    string // account id, "apikey:<id>", or "system"
	Action   string // e.g. account.registered, account.level_changed
	Subject  string // the account or application concerned
	Data     string // small JSON object with ids and codes
	PrevHash []byte
	Hash     []byte
}

// ComputeHash returns the SHA-256 over the entry's fields and PrevHash.
// Each field is length-prefixed so that moving bytes between fields
// changes the hash.
func (e *AuditEntry) ComputeHash() []byte {
	h := sha256.New()
	var n [8]byte
	writeField := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	binary.BigEndian.PutUint64(n[:], uint64(e.Seq))
	writeField(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(e.At.UnixMicro()))
	writeField(n[:])
	writeField([]byte(e.Actor))
	writeField([]byte(e.Action))
	writeField([]byte(e.Subject))
	writeField([]byte(e.Data))
	writeField(e.PrevHash)
	return h.Sum(nil)
}

// AuditBreak describes the first entry where the chain does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

// VerifyAuditChain walks entries in order (as returned by the store,
// starting at Seq 1) and returns the first break, or nil when intact.
// next returns the following entry, or nil at the end.
func VerifyAuditChain(next func() (*AuditEntry, error)) (*AuditBreak, int64, error) {
	var prev []byte
	var count int64
	for {
		e, err := next()
		if err != nil {
			return nil, count, err
		}
		if e == nil {
			return nil, count, nil
		}
		count++
		if e.Seq != count {
			return &AuditBreak{Seq: e.Seq, Reason: "sequence gap: expected entry " + itoa(count)}, count, nil
		}
		if !bytes.Equal(e.PrevHash, prev) {
			return &AuditBreak{Seq: e.Seq, Reason: "previous-hash link does not match the entry before"}, count, nil
		}
		if !bytes.Equal(e.ComputeHash(), e.Hash) {
			return &AuditBreak{Seq: e.Seq, Reason: "content does not match its hash"}, count, nil
		}
		prev = e.Hash
	}
}

func itoa(n int64) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
