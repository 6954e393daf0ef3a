package staff

import (
	"errors"
	"io"
	"net/http"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/model"
)

// productFormData is the data of the product form page.
type productFormData struct {
	Product model.Product // zero for a new product
	Units   []string
	IsNew   bool
}

// parseProductForm reads the multipart product form: the fields and an
// optional image upload (at most 5 MB).
func parseProductForm(w http.ResponseWriter, r *http.Request) (catalog.ProductInput, catalog.ImageChange, error) {
	r.Body = http.MaxBytesReader(w, r.Body, catalog.MaxImageBytes+1<<20)
	var in catalog.ProductInput
	var img catalog.ImageChange
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, img, &model.Error{Code: model.CodeInvalid, Message: "Image too large. Maximum size is 5 MB.",
				Fields: []model.FieldError{{Field: "image", Message: "Image too large. Maximum size is 5 MB."}}}
		}
		if err := r.ParseForm(); err != nil {
			return in, img, &model.Error{Code: model.CodeInvalid, Message: "The form could not be read."}
		}
	}
	f := r.PostForm
	in = catalog.ProductInput{Name: f.Get("name"), SKU: f.Get("sku"), Description: f.Get("description"),
		Category: f.Get("category"), Unit: f.Get("unit"), Price: f.Get("price"), Stock: f.Get("stock"),
		Active: f.Get("isActive") == "true"}
	img.Remove = f.Get("removeImage") == "true"
	if r.MultipartForm != nil {
		if files := r.MultipartForm.File["image"]; len(files) > 0 && files[0].Size > 0 {
			if files[0].Size > catalog.MaxImageBytes {
				return in, img, &model.Error{Code: model.CodeInvalid, Message: "Image too large. Maximum size is 5 MB.",
					Fields: []model.FieldError{{Field: "image", Message: "Image too large. Maximum size is 5 MB."}}}
			}
			file, err := files[0].Open()
			if err != nil {
				return in, img, err
			}
			defer file.Close()
			data, err := io.ReadAll(io.LimitReader(file, catalog.MaxImageBytes+1))
			if err != nil {
				return in, img, err
			}
			img.Upload = data
		}
	}
	return in, img, nil
}
