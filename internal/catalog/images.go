package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/distribu/distribu/internal/model"
)

// MaxImageBytes is the largest image accepted (5 MB).
const MaxImageBytes = 5 << 20

// Image messages of 02-catalog.md.
const (
	msgImageType = "Only JPG, PNG, WebP, and AVIF images are allowed."
	msgImageSize = "Image too large. Maximum size is 5 MB."
)

// ImageStore keeps product images as files named by the SHA-256 of their
// content, so a name never changes meaning and can be cached forever.
type ImageStore struct {
	Dir string // <data-dir>/images
}

// imageName matches the names Save makes.
var imageName = regexp.MustCompile(`^[0-9a-f]{64}\.(jpg|png|webp|avif)$`)

// ValidImageName reports whether name could have been made by Save.
func ValidImageName(name string) bool { return imageName.MatchString(name) }

// Sniff recognises JPEG, PNG, WebP and AVIF by their first bytes and returns
// the file extension, or "" for anything else.
func Sniff(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "jpg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case len(b) >= 12 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	case isAVIF(b):
		return "avif"
	}
	return ""
}

// isAVIF checks an ISO-BMFF ftyp box whose major or compatible brands
// include avif or avis.
func isAVIF(b []byte) bool {
	if len(b) < 16 || string(b[4:8]) != "ftyp" {
		return false
	}
	size := int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	if size < 16 || size > len(b) {
		size = min(len(b), 64)
	}
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 { // minor version
			continue
		}
		if brand := string(b[i : i+4]); brand == "avif" || brand == "avis" {
			return true
		}
	}
	return false
}

// CheckImage validates an upload's size and type. Errors: CodeInvalid on the
// field "image" with the messages of the spec.
func CheckImage(data []byte) (ext string, err error) {
	if len(data) > MaxImageBytes {
		return "", imageErr(msgImageSize)
	}
	ext = Sniff(data)
	if ext == "" {
		return "", imageErr(msgImageType)
	}
	return ext, nil
}

func imageErr(msg string) error {
	return &model.Error{Code: model.CodeInvalid, Message: msg, Fields: []model.FieldError{{Field: "image", Message: msg}}}
}

// Save validates data and writes it under its content-derived name (once:
// an identical file is reused). It returns the name.
func (s ImageStore) Save(data []byte) (string, error) {
	ext, err := CheckImage(data)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:]) + "." + ext
	path := s.Path(name)
	if _, err := os.Stat(path); err == nil {
		return name, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("image dir: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return "", fmt.Errorf("image temp: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", fmt.Errorf("image write: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("image close: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("image rename: %w", err)
	}
	return name, nil
}

// Path returns the file path of an image name.
func (s ImageStore) Path(name string) string {
	return filepath.Join(s.Dir, name[:2], name)
}

// Remove deletes an image file; a missing file is not an error.
func (s ImageStore) Remove(name string) error {
	if !ValidImageName(name) {
		return nil
	}
	if err := os.Remove(s.Path(name)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("remove image: %w", err)
	}
	return nil
}
