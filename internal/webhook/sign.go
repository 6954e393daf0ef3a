package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/model"
)

// Sign returns the hex HMAC-SHA256 of body keyed with the whole secret
// string (including its whsec_ prefix).
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Signature is the X-Webhook-Signature value of body for w at now: the
// current secret's signature, followed by the previous secret's after a
// comma while the rotation grace lasts.
func Signature(w model.Webhook, body []byte, now time.Time) string {
	sigs := []string{Sign(w.Secret, body)}
	if w.PreviousSecret != "" && now.Before(w.PreviousExpiresAt) {
		sigs = append(sigs, Sign(w.PreviousSecret, body))
	}
	return strings.Join(sigs, ",")
}

// Verify reports whether header (an X-Webhook-Signature value) carries a
// valid signature of body made with secret. Receivers written in Go may use
// it; docs/WEBHOOKS.md shows the same check in other languages.
func Verify(secret string, body []byte, header string) bool {
	want := []byte(Sign(secret, body))
	for _, sig := range strings.Split(header, ",") {
		if hmac.Equal([]byte(strings.TrimSpace(sig)), want) {
			return true
		}
	}
	return false
}
