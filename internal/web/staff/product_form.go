package staff

import (
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
)

// productFormData is the data of the product form page.
type productFormData struct {
	Product model.Product // zero for a new product
	Units   []string
	IsNew   bool
}

// maxProductForm bounds the whole multipart body: a too-large image is
// read past (and refused) so the typed fields after it are not lost.
const maxProductForm = 64 << 20

// parseProductForm streams the multipart product form: the text fields
// into r.PostForm (so an error page can show them again) and the optional
// image (refused beyond 5 MB with the spec's message, without dropping
// the other fields).
func parseProductForm(w http.ResponseWriter, r *http.Request) (catalog.ProductInput, catalog.ImageChange, error) {
	var in catalog.ProductInput
	var img catalog.ImageChange
	r.Body = http.MaxBytesReader(w, r.Body, maxProductForm)
	r.PostForm = url.Values{}
	mr, err := r.MultipartReader()
	if err != nil {
		if err := r.ParseForm(); err != nil {
			return in, img, &model.Error{Code: model.CodeInvalid, Message: "The form could not be read."}
		}
	} else {
		var imgErr error
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					return in, img, imageTooLarge()
				}
				return in, img, &model.Error{Code: model.CodeInvalid, Message: "The form could not be read; try again."}
			}
			name := part.FormName()
			if part.FileName() != "" || name == "image" {
				data, err := io.ReadAll(io.LimitReader(part, catalog.MaxImageBytes+1))
				if err != nil {
					return in, img, imageTooLarge()
				}
				_, _ = io.Copy(io.Discard, part)
				switch {
				case name != "image" || len(data) == 0:
				case len(data) > catalog.MaxImageBytes:
					imgErr = imageTooLarge()
				default:
					img.Upload = data
				}
				continue
			}
			v, err := io.ReadAll(io.LimitReader(part, 64<<10))
			if err != nil {
				return in, img, &model.Error{Code: model.CodeInvalid, Message: "The form could not be read; try again."}
			}
			r.PostForm.Add(name, string(v))
		}
		if imgErr != nil {
			return in, img, imgErr
		}
	}
	f := r.PostForm
	in = catalog.ProductInput{Name: f.Get("name"), SKU: f.Get("sku"), Description: f.Get("description"),
		Category: f.Get("category"), Unit: f.Get("unit"), Price: f.Get("price"), Stock: f.Get("stock"),
		Active: f.Get("isActive") == "true"}
	img.Remove = f.Get("removeImage") == "true"
	return in, img, nil
}

func imageTooLarge() error {
	return &model.Error{Code: model.CodeInvalid, Message: "Image too large. Maximum size is 5 MB.",
		Fields: []model.FieldError{{Field: "image", Message: "Image too large. Maximum size is 5 MB."}}}
}
