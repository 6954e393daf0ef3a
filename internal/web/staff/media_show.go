package staff

import (
	"net/http"
	"path"

	"github.com/distribu/distribu/internal/catalog"
)

// mediaShow serves a product image by its content-derived name with long
// cache headers: the name changes whenever the content does.
func (h *Handlers) mediaShow(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !catalog.ValidImageName(name) {
		http.NotFound(w, r)
		return
	}
	types := map[string]string{".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".avif": "image/avif"}
	w.Header().Set("Content-Type", types[path.Ext(name)])
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeFile(w, r, h.Catalog.Images.Path(name))
}
