package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/ordering"
)

// orderBody is the JSON of POST /orders.
type orderBody struct {
	CustomerID string      `json:"customerId"`
	Items      []orderItem `json:"items"`
	AddressID  string      `json:"addressId"`
	PONumber   string      `json:"poNumber"`
	Notes      string      `json:"notes"`
}

type orderItem struct {
	ProductID string `json:"productId"`
	Quantity  number `json:"quantity"`
}

// orderCreate serves POST /api/v1/orders: the storefront's placement
// transaction for the customer (its prices and tax, stock checked and
// taken, frozen copies, order.created); 201.
func (s *Server) orderCreate(w http.ResponseWriter, r *http.Request, c call) {
	var b orderBody
	if err := decode(r, &b); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	var v model.Validation
	if strings.TrimSpace(b.CustomerID) == "" {
		v.Add("customerId", "customerId is required.")
	}
	if len(b.Items) == 0 {
		v.Add("items", "items must list at least one product.")
	}
	lines := make([]ordering.LineInput, 0, len(b.Items))
	for i, it := range b.Items {
		q, err := it.Quantity.Int64()
		switch {
		case strings.TrimSpace(it.ProductID) == "":
			v.Add(fmt.Sprintf("items[%d].productId", i), "productId is required.")
		case err != nil || q < 1 || q > model.MaxStock:
			v.Add(fmt.Sprintf("items[%d].quantity", i), "quantity must be a whole number of at least 1.")
		}
		lines = append(lines, ordering.LineInput{ProductID: it.ProductID, Quantity: int(q)})
	}
	if err := v.Err(); err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	o, err := s.Ordering.Place(r.Context(), ordering.PlaceInput{
		CompanyID: c.company(), CustomerID: b.CustomerID, Actor: c.actor, Lines: lines,
		PlacedBy:  model.PlacedBy{Type: "API", ID: c.key.ID, Label: "API key " + c.key.Name},
		AddressID: b.AddressID, PONumber: b.PONumber, Notes: b.Notes, Webhook: true,
	})
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	writeData(w, http.StatusCreated, ordering.OrderPayload(o))
}
