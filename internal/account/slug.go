package account

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a company name into a slug candidate: lower-case ASCII
// letters and digits joined by single dashes ("Acme Distributors" →
// "acme-distributors"). Accents are dropped; the result may be too short to
// use, which SlugProblem tells.
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}

// SlugProblem returns why s is not a valid slug, or "": 3–60 characters of
// a-z, 0-9 and -, with no dash at either end.
func SlugProblem(s string) string {
	if len(s) < 3 || len(s) > 60 {
		return "Slug must be 3–60 characters."
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return "Slug may contain only lowercase letters a–z, digits and dashes."
		}
	}
	if s[0] == '-' || s[len(s)-1] == '-' {
		return "Slug must not start or end with a dash."
	}
	return ""
}
