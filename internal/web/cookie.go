package web

import (
	"net/http"
	"net/url"
	"time"
)

// SetSessionCookie writes an HttpOnly, SameSite=Lax session cookie valid for
// ttl; Secure when secure is true (https base URL).
func SetSessionCookie(w http.ResponseWriter, name, token string, ttl time.Duration, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: token, Path: "/", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure})
}

// ClearCookie removes a cookie.
func ClearCookie(w http.ResponseWriter, name string, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure})
}

// flashCookie carries a one-time message across a redirect.
const flashCookie = "flash"

// SetFlash stores a message shown on the next page.
func SetFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// TakeFlash returns the pending message, if any, and clears it.
func TakeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// Redirect answers a form post with 303 See Other, setting a flash first
// when msg is not empty.
func Redirect(w http.ResponseWriter, r *http.Request, to, msg string) {
	if msg != "" {
		SetFlash(w, msg)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
