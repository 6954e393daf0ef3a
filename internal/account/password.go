package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// HashParams are the argon2id cost parameters.
type HashParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultHashParams returns the production costs (64 MiB, 1 pass, 2
// lanes), around 50 ms on one core of a small server.
func DefaultHashParams() HashParams { return HashParams{Memory: 64 * 1024, Time: 1, Threads: 2} }

// Hasher hashes and checks passwords with argon2id.
type Hasher struct {
	Params HashParams
}

// Hash returns the encoded argon2id hash of password with a fresh salt.
func (h Hasher) Hash(password string) (string, error) {
	p := h.params()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// Verify reports whether password matches encoded. A malformed hash never
// matches.
func (h Hasher) Verify(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var par uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &par); err != nil {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, par, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

func (h Hasher) params() HashParams {
	if h.Params.Memory == 0 {
		return DefaultHashParams()
	}
	return h.Params
}

// PasswordProblem returns why a password is not acceptable, or "".
func PasswordProblem(pw string) string {
	n := len([]rune(pw))
	switch {
	case n < 8:
		return "Password must be at least 8 characters."
	case n > 100:
		return "Password must be at most 100 characters."
	}
	return ""
}
