package web

import (
	"context"
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

type secureKey struct{}

// SecureCookies marks every request so cookies set while serving it carry
// the Secure flag (the base URL is https).
func SecureCookies(secure bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), secureKey{}, secure)))
		})
	}
}

func secure(r *http.Request) bool {
	s, _ := r.Context().Value(secureKey{}).(bool)
	return s
}

// SetFlash stores a message shown on the next page.
func SetFlash(w http.ResponseWriter, r *http.Request, msg string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/", MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure(r)})
}

// TakeFlash returns the pending message, if any, and clears it.
func TakeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure(r)})
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
		SetFlash(w, r, msg)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// SetOnce keeps a value for the next page under path only (at most a
// minute), for something shown once after a redirect, such as a new setup
// link. It is HttpOnly and never leaves the browser that made it.
func SetOnce(w http.ResponseWriter, r *http.Request, name, value, path string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: url.QueryEscape(value), Path: path, MaxAge: 60,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
}

// TakeOnce returns and clears a value set with SetOnce for this path.
func TakeOnce(w http.ResponseWriter, r *http.Request, name, path string) string {
	c, err := r.Cookie(name)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: path, MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: secure(r)})
	v, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return v
}
