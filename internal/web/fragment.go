package web

import (
	"fmt"
	"io"
)

// Fragment executes the template named name of page into w: parts of a page
// that a handler renders on their own, to cache them across requests and
// put them into the page as template.HTML. Errors: an unknown page or
// template, or a failed execution (wrapped).
func (r *Renderer) Fragment(w io.Writer, page, name string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("fragment %s of unknown page %s", name, page)
	}
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("fragment %s of page %s: %w", name, page, err)
	}
	return nil
}
