package catalog

import "github.com/distribu/distribu/internal/model"

// ProductPayload is a product's API shape (02-catalog.md, 06-api.md), the
// data of the product.updated webhook.
func ProductPayload(p model.Product) map[string]any {
	var sku, image any
	if p.SKU != "" {
		sku = p.SKU
	}
	if p.Image != "" {
		image = p.ImageURL()
	}
	return map[string]any{"id": p.ID, "name": p.Name, "sku": sku, "description": p.Description, "category": p.Category,
		"unit": p.Unit, "price": p.Price.Float(), "stock": p.Stock, "isActive": p.Active, "imageUrl": image,
		"createdAt": model.JSONTime(p.CreatedAt), "updatedAt": model.JSONTime(p.UpdatedAt)}
}
