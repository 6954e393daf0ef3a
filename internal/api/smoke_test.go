package api_test

import (
	"net/http"
	"testing"

	"github.com/distribu/distribu/internal/store/storetest"
	"github.com/distribu/distribu/internal/store"
)

func TestSmoke(t *testing.T) {
	storetest.Each(t, func(t *testing.T, e store.Engine) {
		env := newEnv(t, e)
		k := env.allKey()
		r := env.call("POST", "/api/v1/products", k, map[string]any{"name": "Olive oil", "sku": "OIL-1", "price": 12.5, "stock": 10})
		r.want(t, http.StatusCreated)
		id := r.Data(t)["id"].(string)
		env.call("GET", "/api/v1/products/"+id, k, nil).want(t, 200)
		env.call("GET", "/api/v1/products", k, nil).want(t, 200)
		t.Logf("%s", env.call("GET", "/api/v1/reports/sales", k, nil).want(t, 200).Body)
	})
}
