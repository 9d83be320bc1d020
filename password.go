package kycd

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2Params are the argon2id cost parameters. The defaults follow
// OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane): about 60 ms on
// the 2-core machines kycd is tested on, so registration stays fast while an
// offline guess still costs real memory.
type Argon2Params struct {
	MemoryKiB uint32 `json:"memory_kib"`
	Time      uint32 `json:"time"`
	Threads   uint8  `json:"threads"`
}

// DefaultArgon2 is OWASP's minimum for argon2id.
var DefaultArgon2 = Argon2Params{MemoryKiB: 19 * 1024, Time: 2, Threads: 1}

// Password length bounds. The upper bound stops a megabyte "password" from
// being hashed on every login attempt.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 128
)

//go:embed common_passwords.txt
var commonPasswordsRaw string

var commonPasswords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, line := range strings.Split(commonPasswordsRaw, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = struct{}{}
		}
	}
	return m
}()

// CheckPassword enforces length and refuses the commonest passwords.
func CheckPassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLen {
		return ErrorWith("password.too_short", "min", itoa(MinPasswordLen))
	}
	if n > MaxPasswordLen {
		return ErrorWith("password.too_long", "max", itoa(MaxPasswordLen))
	}
	lower := strings.ToLower(pw)
	if _, ok := commonPasswords[lower]; ok {
		return ErrorWith("password.common")
	}
	// "password123!" and friends: a common word padded with digits or
	// punctuation is just as guessable.
	if _, ok := commonPasswords[strings.TrimRight(lower, "0123456789!@#$%.?*_-")]; ok {
		return ErrorWith("password.common")
	}
	return nil
}

// HashPassword returns an encoded argon2id hash in the PHC string format, so
// that parameters can change later without breaking old hashes.
func HashPassword(pw string, p Argon2Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword reports whether pw matches the encoded hash.
func VerifyPassword(pw, encoded string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var p Argon2Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.MemoryKiB, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}
