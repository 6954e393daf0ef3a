package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/model"
)

// memoryBody is how much of a request body is held in memory while its
// hash is taken; larger bodies (CSV imports) are spooled to a temporary file.
const memoryBody = 1 << 20

// idempotent runs a POST that carries an Idempotency-Key at most once: the
// first request runs and its reply is stored; the same key with the same
// request within 24 hours gets that reply again (with the header
// Idempotent-Replayed: true); with a different request, 422; while the first
// still runs, 409. A reply with a 5xx status is not kept, so a retry runs.
func (s *Server) idempotent(w http.ResponseWriter, r *http.Request, c call, h handlerFunc) {
	idemKey := r.Header.Get("Idempotency-Key")
	if len(idemKey) > 255 || !printableASCII(idemKey) {
		writeError(w, r, s.Log, invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 printable ASCII characters."))
		return
	}
	hash := sha256.New()
	io.WriteString(hash, r.Method+" "+r.URL.RequestURI()+"\n")
	body, cleanup, err := spool(io.TeeReader(r.Body, hash))
	defer cleanup()
	if err != nil {
		writeError(w, r, s.Log, invalid("body", "The request body could not be read."))
		return
	}
	r.Body = body
	sum := hex.EncodeToString(hash.Sum(nil))
	outcome, reply, err := s.Accounts.ClaimIdempotency(r.Context(), c.key, idemKey, sum)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	switch outcome {
	case account.ClaimReplay:
		w.Header().Set("Content-Type", reply.ContentType)
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(reply.Status)
		_, _ = io.WriteString(w, reply.Body)
		return
	case account.ClaimMismatch:
		writeError(w, r, s.Log, &model.Error{Code: model.CodeRule,
			Message: "This Idempotency-Key was already used with a different request."})
		return
	case account.ClaimInProgress:
		writeError(w, r, s.Log, &model.Error{Code: model.CodeConflict,
			Message: "A request with this Idempotency-Key is still being processed."})
		return
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	func() {
		defer func() {
			if p := recover(); p != nil {
				_ = s.Accounts.ReleaseIdempotency(r.Context(), c.key, idemKey)
				panic(p)
			}
		}()
		h(rec, r, c)
	}()
	if rec.status >= 500 {
		err = s.Accounts.ReleaseIdempotency(r.Context(), c.key, idemKey)
	} else {
		err = s.Accounts.SaveIdempotentReply(r.Context(), c.key, idemKey, rec.status, rec.header.Get("Content-Type"), rec.body.Bytes())
	}
	if err != nil {
		s.Log.ErrorContext(r.Context(), "idempotency reply", "error", err, "request_id", model.RequestID(r.Context()))
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// spool reads a body so it can be read again: in memory up to memoryBody,
// in a temporary file beyond.
func spool(src io.Reader) (io.ReadCloser, func(), error) {
	var buf bytes.Buffer
	n, err := io.CopyN(&buf, src, memoryBody+1)
	if err != nil && err != io.EOF {
		return nil, func() {}, err
	}
	if n <= memoryBody {
		return io.NopCloser(&buf), func() {}, nil
	}
	f, err := os.CreateTemp("", "distribu-api-body-*")
	if err != nil {
		return nil, func() {}, err
	}
	cleanup := func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, io.MultiReader(&buf, src)); err != nil {
		return nil, cleanup, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, cleanup, err
	}
	return io.NopCloser(f), cleanup, nil
}

func printableASCII(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// recorder keeps a handler's reply so it can be stored and then sent.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
