package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/distribu/distribu/internal/model"
)

// errorBody is every error the API answers with.
type errorBody struct {
	Error      string             `json:"error"`
	Details    []model.FieldError `json:"details,omitempty"`
	RetryAfter int                `json:"retryAfter,omitempty"`
}

// writeJSON answers with v as JSON.
// Text is not HTML-escaped: messages such as "Use: Bearer <api_key>" read
// the same in the raw body as in the spec.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"Something went wrong."}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeData answers with {"data": v}.
func writeData(w http.ResponseWriter, status int, v any) {
	writeJSON(w, status, map[string]any{"data": v})
}

// statusOf maps a model code to the API's status.
func statusOf(code model.Code) int {
	switch code {
	case model.CodeInvalid:
		return http.StatusBadRequest
	case model.CodeNotFound:
		return http.StatusNotFound
	case model.CodeConflict:
		return http.StatusConflict
	case model.CodeForbidden:
		return http.StatusForbidden
	case model.CodeUnauthorized:
		return http.StatusUnauthorized
	case model.CodeRule:
		return http.StatusUnprocessableEntity
	case model.CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// writeError answers with the error body of 06-api.md. Validation errors
// say "Validation failed." with the fields in details; internal errors are
// logged and answered without their detail.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var me *model.Error
	if !errors.As(err, &me) || statusOf(me.Code) == http.StatusInternalServerError {
		log.ErrorContext(r.Context(), "api error", "error", err, "path", r.URL.Path, "request_id", model.RequestID(r.Context()))
		writeJSON(w, http.StatusInternalServerError, errorBody{Error: "Something went wrong. Request id: " + model.RequestID(r.Context())})
		return
	}
	body := errorBody{Error: me.Message, Details: me.Fields}
	if me.Code == model.CodeInvalid && len(me.Fields) > 0 {
		body.Error = "Validation failed."
	}
	writeJSON(w, statusOf(me.Code), body)
}

// writeRateLimited answers 429 with retryAfter and Retry-After.
func writeRateLimited(w http.ResponseWriter, retryAfter int) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	writeJSON(w, http.StatusTooManyRequests, errorBody{Error: "Rate limit exceeded. Try again later.", RetryAfter: retryAfter})
}

// invalid is a validation error of one field.
func invalid(field, message string) error {
	return &model.Error{Code: model.CodeInvalid, Message: "Validation failed.", Fields: []model.FieldError{{Field: field, Message: message}}}
}
