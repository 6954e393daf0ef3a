package api

import (
	"net/http"
	"strconv"

	"github.com/distribu/distribu/internal/model"
)

// keyset reads limit (default 50; below 1 → 1; above 100 → 100; not a
// number → 50) and cursor (the last id of the previous page).
func keyset(r *http.Request) (model.Keyset, error) {
	k := model.Keyset{Limit: 50, Cursor: r.URL.Query().Get("cursor")}
	if s := r.URL.Query().Get("limit"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			k.Limit = min(max(n, 1), 100)
		}
	}
	if k.Cursor != "" && !model.ValidID(k.Cursor) {
		return k, invalid("cursor", "cursor must be the id of the last item of the previous page.")
	}
	return k, nil
}

// pagination is the pagination object of every list.
type pagination struct {
	HasMore    bool    `json:"hasMore"`
	NextCursor *string `json:"nextCursor"`
}

// trim cuts a page of up to limit+1 rows to limit and says whether there
// are more; id gives a row's id for the next cursor.
func trim[T any](k model.Keyset, items []T, id func(T) string) ([]T, pagination) {
	p := pagination{}
	if len(items) > k.Limit {
		items = items[:k.Limit]
		p.HasMore = true
		next := id(items[len(items)-1])
		p.NextCursor = &next
	}
	return items, p
}

// writePage answers a list of up to limit+1 rows, each shown by view.
func writePage[T any](w http.ResponseWriter, k model.Keyset, items []T, id func(T) string, view func(T) any) {
	items, p := trim(k, items, id)
	data := make([]any, len(items))
	for i, it := range items {
		data[i] = view(it)
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "pagination": p})
}
