package staff

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
)

// importView is the data of the shared upload and preview pages.
type importView struct {
	Kind      string // products, customers
	Base      string // /dashboard/inventory, /dashboard/customers
	Back      string // label of the list page
	Columns   []string
	Required  []string
	ImportID  string
	FileName  string
	ExpiresAt time.Time
	Applied   bool

	Created, Updated, Unchanged, Rows, ErrorCount int
	Errors                                        []string
	FileError                                     string
	Missing                                       []string
	Mapping                                       []importMapping
	SampleHead                                    []string
	Sample                                        []importSample
	MaxBytes                                      string
	MaxRows                                       int
}

type importMapping struct {
	Index  int
	Header string
	Column string
}

type importSample = csvio.SampleRow

// withResult fills the view from an upload and its dry-run result.
func (v importView) withResult(u model.ImportUpload, res csvio.Result, sampleHead []string) importView {
	v.ImportID, v.FileName, v.ExpiresAt, v.Applied = u.ID, u.FileName, u.ExpiresAt, !u.AppliedAt.IsZero()
	v.Created, v.Updated, v.Unchanged, v.Rows, v.ErrorCount = res.Created, res.Updated, res.Unchanged, res.Rows, res.ErrorCount
	v.FileError, v.Missing, v.Sample, v.SampleHead = res.FileError, res.Missing, res.Sample, sampleHead
	for _, e := range res.Errors {
		v.Errors = append(v.Errors, e.Error())
	}
	for _, m := range res.Mapping {
		v.Mapping = append(v.Mapping, importMapping{Index: m.Index, Header: m.Header, Column: m.Column})
	}
	return v
}

// CanApply reports whether the preview found nothing wrong.
func (v importView) CanApply() bool {
	return !v.Applied && v.FileError == "" && len(v.Missing) == 0 && v.ErrorCount == 0 && v.Rows > 0
}

// HiddenErrors is how many errors are counted but not listed.
func (v importView) HiddenErrors() int { return v.ErrorCount - len(v.Errors) }

// readUpload reads the multipart field "file" up to max bytes (+1 so the
// service can tell the file is too large).
func readUpload(w http.ResponseWriter, r *http.Request, max int64) (name string, data []byte, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, max+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return "", nil, fileError(fmt.Sprintf("The file is larger than the dashboard's limit of %d MB. Use the command line or the API for larger files.", max>>20))
		}
		return "", nil, fileError("Choose a CSV file to upload.")
	}
	files := r.MultipartForm.File["file"]
	if len(files) == 0 {
		return "", nil, fileError("Choose a CSV file to upload.")
	}
	f, err := files[0].Open()
	if err != nil {
		return "", nil, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, max+1))
	return files[0].Filename, data, err
}

func fileError(msg string) error {
	return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: []model.FieldError{{Field: "file", Message: msg}}}
}

// parseMapping reads the mapping form: one field "col-<index>" per header.
func parseMapping(r *http.Request, columns []string) map[int]string {
	out := map[int]string{}
	for key, vals := range r.PostForm {
		idx, ok := strings.CutPrefix(key, "col-")
		if !ok || len(vals) == 0 {
			continue
		}
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i > 1000 {
			continue
		}
		col := vals[0]
		valid := col == ""
		for _, c := range columns {
			valid = valid || c == col
		}
		if valid {
			out[i] = col
		}
	}
	return out
}
