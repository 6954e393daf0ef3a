package httpx

import (
	"net/http"

	"github.com/distribu/distribu/internal/model"
)

// Status maps an error's model code to an HTTP status.
func Status(err error) int {
	switch model.ErrorCode(err) {
	case "":
		return http.StatusOK
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
	default:
		return http.StatusInternalServerError
	}
}
