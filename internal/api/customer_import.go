package api

import (
	"mime"
	"net/http"

	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/customer"
)

// importError is one problem of an import, as the API reports it.
type importError struct {
	Row     int     `json:"row"`
	Column  *string `json:"column"`
	Message string  `json:"message"`
}

// importReply is the body of POST /customers/import.
type importReply struct {
	Error     string        `json:"error,omitempty"`
	Created   int           `json:"created"`
	Updated   int           `json:"updated"`
	Unchanged int           `json:"unchanged"`
	Errors    []importError `json:"errors"`
	Applied   bool          `json:"applied"`
}

// customerImport serves POST /api/v1/customers/import: the body is the
// customers CSV (text/csv) read by the dashboard's importer; ?dryRun=true
// previews. Any error applies nothing: the reply is then 422 with every
// row error (and "error" saying so); otherwise 200.
func (s *Server) customerImport(w http.ResponseWriter, r *http.Request, c call) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel":
	default:
		writeError(w, r, s.Log, invalid("Content-Type", "Send the CSV file as the body with Content-Type: text/csv."))
		return
	}
	dry := false
	switch r.URL.Query().Get("dryRun") {
	case "", "false":
	case "true":
		dry = true
	default:
		writeError(w, r, s.Log, invalid("dryRun", "dryRun must be true or false."))
		return
	}
	// Like the command line, the API streams a file of any size (the
	// dashboard's upload limits do not apply).
	res, err := s.Customers.ImportCustomers(r.Context(), c.actor, c.company(), r.Body,
		customer.ImportOptions{DryRun: dry, FileName: "api.csv"})
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	reply := replyOf(res)
	status := http.StatusOK
	if !res.OK() {
		status = http.StatusUnprocessableEntity
		reply.Error = "The file has errors; nothing was imported."
	}
	writeJSON(w, status, reply)
}

// replyOf turns an import result into the API's reply.
func replyOf(res csvio.Result) importReply {
	out := importReply{Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged, Applied: res.Applied, Errors: []importError{}}
	if res.FileError != "" {
		out.Errors = append(out.Errors, importError{Row: 1, Message: res.FileError})
	}
	for _, col := range res.Missing {
		out.Errors = append(out.Errors, importError{Row: 1, Column: ptr(col), Message: "Required column " + col + " is missing."})
	}
	for _, e := range res.Errors {
		ie := importError{Row: e.Row, Message: e.Message}
		if e.Column != "" {
			ie.Column = ptr(e.Column)
		}
		out.Errors = append(out.Errors, ie)
	}
	return out
}
