package model

import "time"

// ImportUpload is an uploaded CSV kept server-side (in the database, so any
// process can serve it) between preview and apply.
type ImportUpload struct {
	ID        string
	CompanyID string
	Kind      string // "products" or "customers"
	FileName  string
	Content   []byte
	Overrides map[int]string // header index → column chosen by the user ("" ignores it)
	CreatedBy string
	CreatedAt time.Time
	ExpiresAt time.Time
	AppliedAt time.Time // zero until applied
	Result    string    // JSON of the applied result
}

// ImportTTL is how long an upload is kept for preview and apply.
const ImportTTL = time.Hour
