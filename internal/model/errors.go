package model

import (
	"errors"
	"fmt"
)

// Code classifies an Error so the HTTP edge can choose a status.
type Code string

// The error codes used across Distribu.
const (
	CodeInvalid      Code = "invalid"      // bad input: 400 / form message
	CodeNotFound     Code = "not_found"    // missing or another company's record: 404
	CodeConflict     Code = "conflict"     // unique constraint: 409
	CodeForbidden    Code = "forbidden"    // authenticated but not allowed: 403
	CodeUnauthorized Code = "unauthorized" // not authenticated: 401
	CodeRule         Code = "rule"         // business rule refused the change: 422
	CodeRateLimited  Code = "rate_limited" // too many attempts: 429
	CodeInternal     Code = "internal"     // anything else: 500
)

// FieldError names one field and the rule its value broke.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the one error type of Distribu: a code, a user-safe message, and
// for validation failures the fields at fault. Err keeps a wrapped cause.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// Field returns the message for one field, or "".
func (e *Error) Field(name string) string {
	for _, f := range e.Fields {
		if f.Field == name {
			return f.Message
		}
	}
	return ""
}

// Errorf builds an Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFound is the standard error for a missing record of the named kind
// ("Customer not found.").
func NotFound(kind string) *Error {
	return &Error{Code: CodeNotFound, Message: kind + " not found."}
}

// ErrorCode returns the code of err, CodeInternal for foreign errors and ""
// for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-safe message of err, or a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal {
		return e.Message
	}
	return "Something went wrong."
}

// IsCode reports whether err carries code c.
func IsCode(err error, c Code) bool { return ErrorCode(err) == c }

// Validation collects field errors; Err returns nil when none were added.
type Validation struct {
	Fields []FieldError
}

// Add records a field error. Only the first error of a field is kept.
func (v *Validation) Add(field, message string) {
	for _, f := range v.Fields {
		if f.Field == field {
			return
		}
	}
	v.Fields = append(v.Fields, FieldError{Field: field, Message: message})
}

// Err returns an invalid Error with the collected fields, or nil.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	msg := "Validation failed."
	if len(v.Fields) == 1 {
		msg = v.Fields[0].Message
	}
	return &Error{Code: CodeInvalid, Message: msg, Fields: v.Fields}
}
