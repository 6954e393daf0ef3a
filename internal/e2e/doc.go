// Package e2e holds process-level end-to-end tests: they build the distribu
// binary once, start it as real operating-system processes on SQLite and
// PostgreSQL databases, talk to it over HTTP, run its operator commands, kill
// it mid-request and restart it. The package has no non-test code besides
// this comment; see main_test.go for the harness.
package e2e
