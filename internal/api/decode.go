package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/distribu/distribu/internal/model"
)

// maxJSONBody caps a JSON request body.
const maxJSONBody = 1 << 20

// decode reads a JSON object into dst, rejecting unknown fields (so typos
// surface), trailing data and bodies over 1 MiB. A body that is not JSON is
// 400 "Invalid JSON body."; a value of the wrong type is a validation error
// naming the field.
func decode(r *http.Request, dst any) error {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxJSONBody+1))
	if err != nil {
		return &model.Error{Code: model.CodeInvalid, Message: "Invalid JSON body.", Err: err}
	}
	if len(raw) > maxJSONBody {
		return &model.Error{Code: model.CodeInvalid, Message: "Request body too large (limit 1 MiB)."}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return invalid(typeErr.Field, fmt.Sprintf("%s must be %s.", typeErr.Field, jsonKind(typeErr.Type.Kind().String())))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return invalid(name, fmt.Sprintf("Unknown field %q.", name))
		}
		var fe *fieldError
		if errors.As(err, &fe) {
			return invalid(fe.field, fe.msg)
		}
		return &model.Error{Code: model.CodeInvalid, Message: "Invalid JSON body.", Err: err}
	}
	if dec.More() {
		return &model.Error{Code: model.CodeInvalid, Message: "Invalid JSON body."}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &model.Error{Code: model.CodeInvalid, Message: "Invalid JSON body."}
	}
	return nil
}

// jsonKind names a Go kind the way a JSON user thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	}
	return "a number"
}

// fieldError is a field's value that the JSON decoder could not take.
type fieldError struct{ field, msg string }

func (e *fieldError) Error() string { return e.field + ": " + e.msg }

// optional is a field of a request body: Set when the body names it, Null
// when its value is null.
type optional[T any] struct {
	Set, Null bool
	V         T
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	_, isNumber := any(o.V).(json.Number)
	if err := json.Unmarshal(b, &o.V); err != nil || (isNumber && len(b) > 0 && b[0] == '"') {
		// The decoder adds the field's name to a type error.
		return &json.UnmarshalTypeError{Value: jsonValueKind(b), Type: reflect.TypeOf(o.V)}
	}
	return nil
}

// jsonValueKind names the kind of a JSON value by its first byte.
func jsonValueKind(b []byte) string {
	if len(b) == 0 {
		return "value"
	}
	switch b[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// text is the field's value as text; nil when absent or null.
func (o optional[T]) text() *string {
	if !o.Set || o.Null {
		return nil
	}
	s := fmt.Sprint(o.V)
	return &s
}

// number is a JSON number kept as its digits (json.Number), so amounts
// with more than two decimals are refused rather than rounded.
type number = json.Number
