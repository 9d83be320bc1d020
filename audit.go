package kycd

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"strconv"
	"strings"
	"time"
)

// Audit chain rules. An entry records the rule its hash was made under,
// so entries written before a rule change keep verifying under theirs.
const (
	// AuditRuleV1 is the original, unkeyed SHA-256. Its sequence number and
	// time were hashed as their length (the constant 8), so under it they
	// are not protected, and anyone with database access can recompute it.
	AuditRuleV1 = 1
	// AuditRuleV2 is HMAC-SHA256 under the audit key, which lives with the
	// data keys and never in the database, over every field.
	AuditRuleV2 = 2
	// AuditRuleV3 is rule v2 over a keyed digest of the data instead of the
	// data itself (AuditDataDigest), so that the data can be removed
	// (redacted) while the entry's link in the chain still verifies.
	AuditRuleV3 = 3
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
	// Rule is AuditRuleV1, V2 or V3 (0 reads as V1).
	Rule int
	// DataDigest is set when the data was redacted (rule v3 only): the
	// digest the hash covers, kept in the data's place.
	DataDigest []byte
}

// ComputeHash returns the entry's hash under the original rule
// (AuditRuleV1). It is kept exactly as it was, flaw included, because
// entries written under it must keep verifying; new entries use
// ComputeKeyedHash.
func (e *AuditEntry) ComputeHash() []byte {
	h := sha256.New()
	var n [8]byte
	writeField := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	// The flaw: n is both the value and the length buffer, so the length
	// (8) overwrites the value before it is written.
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

// ComputeKeyedHash returns the entry's hash under AuditRuleV2: an
// HMAC-SHA256 under key of the rule's name, the sequence number and time
// as fixed-width integers and every other field length-prefixed.
func (e *AuditEntry) ComputeKeyedHash(key []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kycd audit v2\x00"))
	writeUint(m, uint64(e.Seq))
	writeUint(m, uint64(e.At.UnixMicro()))
	for _, f := range [][]byte{[]byte(e.Actor), []byte(e.Action), []byte(e.Subject), []byte(e.Data), e.PrevHash} {
		writeUint(m, uint64(len(f)))
		m.Write(f)
	}
	return m.Sum(nil)
}

// ComputeKeyedHashV3 returns the entry's hash under AuditRuleV3: as v2,
// with the data's keyed digest in the data's place (the stored digest when
// the data was redacted).
func (e *AuditEntry) ComputeKeyedHashV3(key []byte) []byte {
	digest := e.DataDigest
	if digest == nil {
		digest = AuditDataDigest(key, e.Data)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kycd audit v3\x00"))
	writeUint(m, uint64(e.Seq))
	writeUint(m, uint64(e.At.UnixMicro()))
	for _, f := range [][]byte{[]byte(e.Actor), []byte(e.Action), []byte(e.Subject), digest, e.PrevHash} {
		writeUint(m, uint64(len(f)))
		m.Write(f)
	}
	return m.Sum(nil)
}

func writeUint(h hash.Hash, v uint64) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], v)
	h.Write(n[:])
}

// rule returns the entry's rule, reading the zero value as V1.
func (e *AuditEntry) rule() int {
	if e.Rule == 0 {
		return AuditRuleV1
	}
	return e.Rule
}

// AuditHeadMAC signs the head of the chain (the last entry's sequence
// number and hash) under the audit key. The database keeps it next to the
// head so that a chain recomputed without the key — under either rule —
// no longer matches its head; operators keep copies outside the database
// (`kycd audit head`) so that a rollback to an older signed head is found
// too.
func AuditHeadMAC(key []byte, seq int64, hash []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("kycd audit head v2\x00"))
	writeUint(m, uint64(seq))
	m.Write(hash)
	return m.Sum(nil)
}

// SignedAuditHead is a head an operator can store outside the database
// and later hand to `kycd audit verify --expect-head`.
type SignedAuditHead struct {
	Seq  int64
	Hash []byte
	MAC  []byte
}

const signedHeadPrefix = "kycd-audit-head.v2."

// String renders the head as one token: kycd-audit-head.v2.SEQ.HASH.MAC
// (hash and MAC in hex).
func (h SignedAuditHead) String() string {
	return signedHeadPrefix + strconv.FormatInt(h.Seq, 10) + "." + hex.EncodeToString(h.Hash) + "." + hex.EncodeToString(h.MAC)
}

// ParseSignedAuditHead reads a head printed by String and checks its
// signature under key, so a mistyped or forged head is refused before it
// is compared with anything.
func ParseSignedAuditHead(s string, key []byte) (SignedAuditHead, error) {
	var h SignedAuditHead
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), signedHeadPrefix)
	parts := strings.Split(rest, ".")
	if !ok || len(parts) != 3 {
		return h, errors.New("not a signed audit head (want " + signedHeadPrefix + "SEQ.HASH.MAC)")
	}
	var err error
	if h.Seq, err = strconv.ParseInt(parts[0], 10, 64); err != nil || h.Seq < 1 {
		return h, errors.New("signed audit head: bad sequence number")
	}
	if h.Hash, err = hex.DecodeString(parts[1]); err != nil || len(h.Hash) != sha256.Size {
		return h, errors.New("signed audit head: bad hash")
	}
	if h.MAC, err = hex.DecodeString(parts[2]); err != nil {
		return h, errors.New("signed audit head: bad signature")
	}
	if !hmac.Equal(h.MAC, AuditHeadMAC(key, h.Seq, h.Hash)) {
		return h, errors.New("signed audit head: the signature does not match (another key, or the head was altered)")
	}
	return h, nil
}

// AuditBreak describes the first entry where the chain does not hold.
type AuditBreak struct {
	Seq    int64
	Reason string
}

// AuditReport is the result of walking the chain.
type AuditReport struct {
	Entries int64
	// ByRule counts the entries verified under each rule.
	ByRule map[int]int64
	// HeadSigned says the head row carried a valid signature.
	HeadSigned bool
	// Anchored says an expected head from outside the database was found
	// in the chain.
	Anchored bool
	Break    *AuditBreak
	// Redactions are the entries whose data was removed, each with the
	// audit.redacted entry that records it.
	Redactions []AuditRedaction
}

// Rules describes which rule covered which entries, for people.
func (r *AuditReport) Rules() string {
	var parts []string
	if n := r.ByRule[AuditRuleV1]; n > 0 {
		parts = append(parts, itoa(n)+" under rule v1 (unkeyed SHA-256, before keyed chains)")
	}
	if n := r.ByRule[AuditRuleV2]; n > 0 {
		parts = append(parts, itoa(n)+" under rule v2 (HMAC-SHA256 under the audit key)")
	}
	if n := r.ByRule[AuditRuleV3]; n > 0 {
		parts = append(parts, itoa(n)+" under rule v3 (HMAC-SHA256 under the audit key over a keyed digest of the data)")
	}
	if len(parts) == 0 {
		return "no entries"
	}
	return strings.Join(parts, ", ")
}

// VerifyAuditChain walks entries in order (as returned by the store,
// starting at Seq 1) with the audit key and reports the first break.
// next returns the following entry, or nil at the end. Once an entry under
// the keyed rule has been seen, an unkeyed one after it is a break: that
// is what rewriting the tail without the key would look like.
func VerifyAuditChain(key []byte, next func() (*AuditEntry, error)) (*AuditReport, error) {
	rep := &AuditReport{ByRule: map[int]int64{}}
	var prev []byte
	keyed := false
	// redacted holds entries whose data is gone until the audit.redacted
	// entry that records it is seen.
	redacted := map[int64]bool{}
	for {
		e, err := next()
		if err != nil {
			return rep, err
		}
		if e == nil {
			for seq := int64(1); seq <= rep.Entries; seq++ {
				if redacted[seq] {
					rep.Break = &AuditBreak{Seq: seq, Reason: "data removed without an audit.redacted entry recording it"}
					break
				}
			}
			return rep, nil
		}
		rep.Entries++
		brk := func(reason string) (*AuditReport, error) {
			rep.Break = &AuditBreak{Seq: e.Seq, Reason: reason}
			return rep, nil
		}
		if e.Seq != rep.Entries {
			return brk("sequence gap: expected entry " + itoa(rep.Entries))
		}
		if !bytes.Equal(e.PrevHash, prev) {
			return brk("previous-hash link does not match the entry before")
		}
		var want []byte
		switch e.rule() {
		case AuditRuleV1:
			if keyed {
				return brk("entry under the unkeyed rule v1 after keyed entries: the chain was rewritten without the key")
			}
			want = e.ComputeHash()
		case AuditRuleV2:
			if len(key) == 0 {
				return rep, errors.New("audit: entries are keyed but no audit key is configured")
			}
			keyed = true
			want = e.ComputeKeyedHash(key)
		case AuditRuleV3:
			if len(key) == 0 {
				return rep, errors.New("audit: entries are keyed but no audit key is configured")
			}
			keyed = true
			if e.DataDigest != nil {
				if e.Data != AuditRedactedData {
					return brk("redacted entry still holds data")
				}
				redacted[e.Seq] = true
			}
			want = e.ComputeKeyedHashV3(key)
		default:
			return brk("unknown hash rule " + itoa(int64(e.Rule)))
		}
		if !hmac.Equal(want, e.Hash) {
			return brk("content does not match its hash (rule v" + itoa(int64(e.rule())) + ")")
		}
		rep.ByRule[e.rule()]++
		for _, seq := range redactionsIn(e) {
			if redacted[seq] {
				rep.Redactions = append(rep.Redactions, AuditRedaction{Seq: seq, By: e.Seq})
				delete(redacted, seq)
			}
		}
		prev = e.Hash
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
