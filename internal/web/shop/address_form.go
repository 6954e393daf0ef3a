package shop

import (
	"net/http"

	"github.com/distribu/distribu/internal/customer"
)

func addressInput(r *http.Request) customer.AddressInput {
	_ = r.ParseForm()
	f := r.PostForm
	return customer.AddressInput{Label: f.Get("label"), Line1: f.Get("line1"), Line2: f.Get("line2"), City: f.Get("city"),
		Region: f.Get("region"), PostalCode: f.Get("postalCode"), Country: f.Get("country")}
}
