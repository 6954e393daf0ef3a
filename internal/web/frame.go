package web

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// maxFrames bounds the rendered frames a Renderer keeps; past it, they are
// all dropped and rendered again as needed.
const maxFrames = 4096

// Frame is everything the top of a storefront page shows (templates
// shop_top): the page title and navigation, the store, the signed-in
// person, and any flash or error message.
type Frame struct {
	Title, Nav           string
	StoreName, StoreSlug string
	SignedIn             bool
	ShopperName          string
	ShopperRole          string
	Flash, Error         string
}

// Frame returns the frame of the page v.
func (v *View) Frame() Frame {
	f := Frame{Title: v.Title, Nav: v.Nav, Flash: v.Flash, Error: v.Error}
	if v.Store != nil {
		f.StoreName, f.StoreSlug = v.Store.Name, v.Store.Slug
	}
	if v.Shopper != nil {
		f.SignedIn, f.ShopperName, f.ShopperRole = true, v.Shopper.Name(), string(v.Shopper.Role)
	}
	return f
}

type frameKey struct {
	name  string
	frame Frame
}

// frames renders the named frame templates and keeps what they rendered,
// per distinct Frame: the same person's pages share one rendering. Frames
// with a flash or error message are one-off and not kept.
type frames struct {
	set  *template.Template // the layouts and partials that define the frame templates
	mu   sync.Mutex
	done map[frameKey]template.HTML
}

// render is the templates' frame function.
func (fs *frames) render(name string, f Frame) (template.HTML, error) {
	key := frameKey{name, f}
	keep := f.Flash == "" && f.Error == ""
	if keep {
		fs.mu.Lock()
		html, ok := fs.done[key]
		fs.mu.Unlock()
		if ok {
			return html, nil
		}
	}
	var b strings.Builder
	if err := fs.set.ExecuteTemplate(&b, name, f); err != nil {
		return "", fmt.Errorf("frame %s: %w", name, err)
	}
	html := template.HTML(b.String())
	if keep {
		fs.mu.Lock()
		if len(fs.done) >= maxFrames {
			clear(fs.done)
		}
		fs.done[key] = html
		fs.mu.Unlock()
	}
	return html, nil
}
