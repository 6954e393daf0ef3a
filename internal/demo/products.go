package demo

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/csvio"
	"github.com/distribu/distribu/internal/model"
)

// demoItem is a line of the demo catalog; sizes multiply it into products.
type demoItem struct {
	category, name, unit, desc string
	price                      int // cents for the first size
	sizes                      []string
}

func demoItems() []demoItem {
	return []demoItem{
		{"Paper & Disposables", "Paper Towels 2-ply", "case", "Soft, strong, two-ply towels, individually wrapped rolls.", 1840, []string{"6 rolls", "12 rolls", "24 rolls"}},
		{"Paper & Disposables", "Napkins, dinner", "case", "White 2-ply dinner napkins, 1/8 fold.", 2450, []string{"1000 ct", "3000 ct"}},
		{"Paper & Disposables", "Hot Cup", "case", "Double-wall paper cups for hot drinks.", 3900, []string{"8 oz", "12 oz", "16 oz", "20 oz"}},
		{"Paper & Disposables", "Cold Cup, clear PET", "case", "Crystal-clear PET cups for iced drinks.", 4200, []string{"12 oz", "16 oz", "24 oz"}},
		{"Paper & Disposables", "Takeout Container, kraft", "case", "Grease-resistant folded kraft containers.", 5600, []string{"#1", "#3", "#8"}},
		{"Paper & Disposables", "Straws, paper", "box", "Compostable paper straws, wrapped.", 1650, []string{"7.75 in", "10 in"}},
		{"Paper & Disposables", "Aluminium Foil Roll", "roll", "Heavy-duty food service foil.", 2890, []string{"12 in x 500 ft", "18 in x 500 ft"}},
		{"Paper & Disposables", "Cling Film", "roll", "PVC cling film with slide cutter box.", 2150, []string{"12 in", "18 in"}},
		{"Cleaning", "Dish Soap", "each", "Concentrated manual dishwashing liquid.", 725, []string{"1 gal", "5 gal"}},
		{"Cleaning", "Sanitizer, quat", "each", "No-rinse food-contact surface sanitizer.", 1890, []string{"1 gal", "2.5 gal"}},
		{"Cleaning", "Degreaser, heavy duty", "each", "Kitchen degreaser for hoods and floors.", 2240, []string{"1 gal", "5 gal"}},
		{"Cleaning", "Glass Cleaner", "each", "Streak-free glass and surface cleaner.", 640, []string{"32 oz", "1 gal"}},
		{"Cleaning", "Scrub Sponges", "case", "Dual-sided scrub sponges.", 1290, []string{"24 ct", "48 ct"}},
		{"Cleaning", "Trash Liners", "case", "Low-density can liners.", 3150, []string{"33 gal", "45 gal", "55 gal"}},
		{"Cleaning", "Hand Soap, foaming", "case", "Foaming hand soap refills.", 4480, []string{"1000 mL x 6", "1200 mL x 4"}},
		{"PPE", "Nitrile Gloves, powder-free", "box", "Blue nitrile exam-grade gloves, 100 per box.", 999, []string{"S", "M", "L", "XL"}},
		{"PPE", "Vinyl Gloves", "box", "Clear vinyl food-service gloves, 100 per box.", 650, []string{"M", "L"}},
		{"PPE", "Hairnets", "case", "Lightweight nylon hairnets, 1000 per case.", 2980, []string{"21 in", "24 in"}},
		{"PPE", "Aprons, poly", "case", "Disposable polyethylene aprons.", 3400, []string{"28 x 46 in"}},
		{"Dry Goods", "Jasmine Rice", "bag", "Thai hom mali jasmine rice.", 3290, []string{"25 lb", "50 lb"}},
		{"Dry Goods", "All-Purpose Flour", "bag", "Unbleached enriched flour.", 1890, []string{"25 lb", "50 lb"}},
		{"Dry Goods", "Granulated Sugar", "bag", "Extra-fine granulated cane sugar.", 2490, []string{"25 lb", "50 lb"}},
		{"Dry Goods", "Spaghetti", "case", "Durum wheat semolina pasta.", 2160, []string{"10 lb", "20 lb"}},
		{"Dry Goods", "Penne Rigate", "case", "Durum wheat semolina pasta.", 2210, []string{"10 lb", "20 lb"}},
		{"Dry Goods", "Olive Oil, extra virgin", "each", "Cold-pressed extra virgin olive oil.", 4650, []string{"1 L", "3 L", "5 L"}},
		{"Dry Goods", "Canola Oil", "each", "Fry and salad oil.", 3180, []string{"35 lb"}},
		{"Dry Goods", "Crushed Tomatoes", "case", "Italian-style crushed tomatoes, #10 cans.", 3890, []string{"6 x #10"}},
		{"Dry Goods", "Sea Salt, fine", "bag", "Fine sea salt.", 1290, []string{"5 lb", "25 lb"}},
		{"Dry Goods", "Black Pepper, ground", "each", "Restaurant-grind black pepper.", 2150, []string{"1 lb", "5 lb"}},
		{"Beverages", "Espresso Beans", "bag", "Medium-dark espresso roast, whole bean.", 5400, []string{"2 lb", "5 lb"}},
		{"Beverages", "Sparkling Water", "case", "Natural mineral sparkling water, glass.", 2890, []string{"24 x 330 mL", "12 x 750 mL"}},
		{"Beverages", "Still Water", "case", "Spring water, PET bottles.", 1590, []string{"24 x 500 mL", "12 x 1.5 L"}},
		{"Beverages", "Orange Juice, not from concentrate", "case", "Chilled 100% orange juice.", 3650, []string{"6 x 1 L", "4 x 1 gal"}},
		{"Beverages", "Cola", "case", "Classic cola, cans.", 1990, []string{"24 x 12 oz"}},
		{"Beverages", "Green Tea Bags", "box", "Individually wrapped green tea.", 890, []string{"100 ct"}},
		{"Beverages", "Oat Milk, barista", "case", "Barista-edition oat drink.", 3190, []string{"6 x 32 oz", "12 x 32 oz"}},
		{"Dairy", "Whole Milk", "case", "Grade A whole milk.", 2290, []string{"4 x 1 gal"}},
		{"Dairy", "Heavy Cream 36%", "case", "Heavy whipping cream.", 4180, []string{"12 x 32 oz"}},
		{"Dairy", "Butter, unsalted", "case", "AA unsalted butter, 1 lb prints.", 8950, []string{"36 lb"}},
		{"Dairy", "Mozzarella, low moisture", "case", "Shredded low-moisture mozzarella.", 6290, []string{"4 x 5 lb"}},
		{"Dairy", "Parmesan, grated", "each", "Aged grated parmesan.", 2890, []string{"5 lb"}},
		{"Dairy", "Greek Yogurt, plain", "case", "Strained plain Greek yogurt.", 3390, []string{"6 x 32 oz"}},
		{"Frozen", "French Fries, straight cut", "case", "3/8 in straight-cut fries.", 3290, []string{"6 x 5 lb"}},
		{"Frozen", "Chicken Breast, IQF", "case", "Boneless skinless chicken breast.", 8990, []string{"4 x 10 lb"}},
		{"Frozen", "Shrimp, peeled 21/25", "case", "Peeled and deveined, tail-off.", 11900, []string{"10 x 2 lb"}},
		{"Frozen", "Mixed Vegetables", "case", "Corn, peas, carrots and green beans.", 2750, []string{"12 x 2.5 lb"}},
		{"Frozen", "Pizza Dough Balls", "case", "Hand-stretch dough balls.", 3450, []string{"48 x 10 oz", "30 x 16 oz"}},
		{"Kitchen Equipment", "Sheet Pan, aluminium", "each", "Commercial-grade aluminium sheet pan.", 1450, []string{"half", "full"}},
		{"Kitchen Equipment", "Chef Knife", "each", "Stamped stainless chef knife.", 3990, []string{"8 in", "10 in"}},
		{"Kitchen Equipment", "Cutting Board, HDPE", "each", "NSF color-coded cutting board.", 2190, []string{"12 x 18 in", "18 x 24 in"}},
		{"Kitchen Equipment", "Food Storage Container", "each", "Clear polycarbonate square container.", 1190, []string{"2 qt", "6 qt", "12 qt", "22 qt"}},
		{"Kitchen Equipment", "Thermometer, probe", "each", "Digital pocket probe thermometer.", 2450, []string{"standard"}},
		{"Kitchen Equipment", "Squeeze Bottles", "pallet", "Clear squeeze bottles, assorted.", 890, []string{"12 oz x 6", "24 oz x 6"}},
	}
}

// demoProductsCSV builds the demo catalog as a products CSV, so the demo
// goes through the real import path.
func demoProductsCSV() []byte {
	var buf bytes.Buffer
	w := csvio.NewWriter(&buf)
	_ = w.Write(catalog.ProductsSchema().Names())
	n := 0
	for i, it := range demoItems() {
		prefix := strings.ToUpper(strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
				return r
			}
			return -1
		}, it.name))
		if len(prefix) > 4 {
			prefix = prefix[:4]
		}
		for j, size := range it.sizes {
			n++
			price := model.Money(it.price + j*it.price*7/10)
			stock := (n*37 + i*11) % 180
			switch {
			case n%17 == 0:
				stock = 0
			case n%11 == 0:
				stock = 1 + n%5
			}
			active := n%29 != 0
			for k, variant := range []string{"", " (value pack)", " (bulk)"} {
				if k == 1 && n%2 != 0 || k == 2 && n%3 != 0 {
					continue
				}
				sku := fmt.Sprintf("%s-%02d%d%d", prefix, i, j, k)
				_ = w.Write([]string{sku, fmt.Sprintf("%s, %s%s", it.name, size, variant), it.desc, it.category, it.unit,
					(price + model.Money(k)*price/2).String(), fmt.Sprint(stock + k*13), fmt.Sprint(active)})
			}
		}
	}
	_ = w.Flush()
	return buf.Bytes()
}

// seedProducts imports the demo catalog into the company.
func seedProducts(ctx context.Context, cat *catalog.Service, companyID string) (int, error) {
	res, err := cat.ImportProducts(ctx, model.SystemActor(), companyID, bytes.NewReader(demoProductsCSV()),
		catalog.ImportOptions{FileName: "demo-products.csv"})
	if err != nil {
		return 0, err
	}
	if !res.OK() {
		return 0, fmt.Errorf("demo products: %d errors, first: %v", res.ErrorCount, res.Errors)
	}
	return res.Created, nil
}
