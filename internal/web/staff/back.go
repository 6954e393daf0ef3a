package staff

import (
	"net/http"
	"strings"
)

// backTo returns the form's "back" field when it is a dashboard path, else
// def, so toggles in lists return to the same filtered page.
func backTo(r *http.Request, def string) string {
	b := r.PostFormValue("back")
	if strings.HasPrefix(b, "/dashboard/") && !strings.HasPrefix(b, "//") {
		return b
	}
	return def
}
