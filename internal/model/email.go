package model

import "strings"

// NormalizeEmail trims and lowercases an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// EmailProblem returns why a normalised address is not acceptable, or "".
// An address must look like local@domain.tld and be at most 254 characters.
func EmailProblem(email string) string {
	if email == "" {
		return "is required"
	}
	if len(email) > 254 {
		return "must be at most 254 characters"
	}
	local, domain, ok := strings.Cut(email, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return "is not a valid e-mail address"
	}
	if strings.ContainsAny(email, " \t\r\n,;<>()[]\\\"") {
		return "is not a valid e-mail address"
	}
	dot := strings.LastIndexByte(domain, '.')
	if dot <= 0 || dot == len(domain)-1 || strings.Contains(domain, "..") || strings.HasPrefix(domain, "-") {
		return "is not a valid e-mail address"
	}
	if tld := domain[dot+1:]; len(tld) < 2 || !allLetters(tld) {
		return "is not a valid e-mail address"
	}
	return ""
}

func allLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}
