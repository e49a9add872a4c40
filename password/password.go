// Package password hashes dashboard passwords with argon2id (memory-hard,
// as OWASP recommends: 19 MiB, 2 passes) and checks them in constant time.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Parameters of new hashes; old hashes keep theirs, as the encoding says.
const (
	memoryKiB = 19 * 1024
	passes    = 2
	threads   = 1
	keyLen    = 32
	saltLen   = 16
)

// MinLength is the shortest password accepted.
const MinLength = 10

// ErrTooShort is returned for a password under MinLength.
var ErrTooShort = fmt.Errorf("a password needs at least %d characters", MinLength)

// Hash returns the encoded argon2id hash of a password:
// $argon2id$v=19$m=...,t=...,p=...$salt$key.
func Hash(pw string) (string, error) {
	if len([]rune(pw)) < MinLength {
		return "", ErrTooShort
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, passes, memoryKiB, threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, memoryKiB, passes, threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

var errFormat = errors.New("not an argon2id hash")

// Verify reports whether pw matches an encoded hash.
func Verify(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errFormat
	}
	var version int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errFormat
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || p == 0 || t == 0 {
		return false, errFormat
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	key, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return false, errFormat
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// dummy is checked against when the account does not exist, so a login
// for an unknown name takes as long as one for a known name.
// It is made on the first failed lookup, not at start: hashing takes tens
// of milliseconds every command would pay.
var dummy = sync.OnceValue(func() string { h, _ := Hash("doxwatch-timing-equaliser"); return h })

// VerifyNone spends the time of one Verify and reports false.
func VerifyNone(pw string) bool {
	_, _ = Verify(dummy(), pw)
	return false
}

// Generate returns a random password of 20 characters from an alphabet
// without look-alikes (no 0/O, 1/l/I), for reading off a screen.
func Generate() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
