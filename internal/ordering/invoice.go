package ordering

import (
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/distribu/distribu/internal/model"
)

// InvoiceFileName is the download name of an order's invoice.
func InvoiceFileName(o model.Order) string { return fmt.Sprintf("invoice-%d.pdf", o.Number) }

// WriteInvoice writes a one-page US Letter PDF invoice for an order
// (05-orders.md): company, bill-to (customer name and e-mail), invoice
// number INV-{number}, date, PO number, ship-to, lines, subtotal, tax,
// shipping, total and notes — all from the order's frozen copies.
func WriteInvoice(w io.Writer, company model.Company, o model.Order) error {
	pdf := fpdf.New("P", "pt", "Letter", "")
	pdf.SetTitle(fmt.Sprintf("Invoice INV-%d", o.Number), true)
	pdf.SetAuthor(company.Name, true)
	pdf.SetMargins(48, 48, 48)
	pdf.SetAutoPageBreak(false, 48)
	pdf.AddPage()
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252 for accents in names
	text := func(s string) string { return tr(s) }

	// Header: company and invoice number.
	pdf.SetFont("Helvetica", "B", 20)
	pdf.CellFormat(300, 24, text(company.Name), "", 0, "L", false, 0, "")
	pdf.SetFont("Helvetica", "B", 14)
	pdf.CellFormat(0, 24, "INVOICE", "", 1, "R", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.SetTextColor(90, 90, 90)
	meta := []string{fmt.Sprintf("Invoice INV-%d", o.Number), "Date " + o.CreatedAt.UTC().Format("Jan 2, 2006")}
	if o.PONumber != "" {
		meta = append(meta, "PO number "+o.PONumber)
	}
	meta = append(meta, fmt.Sprintf("Order #%d", o.Number))
	for _, m := range meta {
		pdf.CellFormat(0, 14, text(m), "", 1, "R", false, 0, "")
	}
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(12)

	// Bill to / ship to.
	top := pdf.GetY()
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(250, 14, "BILL TO", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	bill := []string{}
	if o.CustomerName != "" {
		bill = append(bill, o.CustomerName)
	}
	if o.CustomerEmail != "" {
		bill = append(bill, o.CustomerEmail)
	}
	if len(bill) == 0 {
		bill = append(bill, "Walk-in order")
	}
	for _, l := range bill {
		pdf.CellFormat(250, 13, text(l), "", 1, "L", false, 0, "")
	}
	left := pdf.GetY()
	pdf.SetXY(320, top)
	pdf.SetFont("Helvetica", "B", 10)
	pdf.CellFormat(0, 14, "SHIP TO", "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	for _, l := range addressLines(o.ShippingAddress) {
		pdf.SetX(320)
		pdf.CellFormat(0, 13, text(l), "", 1, "L", false, 0, "")
	}
	pdf.SetY(max(left, pdf.GetY()) + 18)

	// Lines.
	widths := []float64{90, 206, 50, 85, 85}
	heads := []string{"SKU", "Product", "Qty", "Unit price", "Amount"}
	aligns := []string{"L", "L", "R", "R", "R"}
	pdf.SetFont("Helvetica", "B", 9)
	pdf.SetFillColor(240, 242, 245)
	for i, h := range heads {
		pdf.CellFormat(widths[i], 18, h, "B", 0, aligns[i], true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont("Helvetica", "", 9)
	maxLines := 28
	for i, it := range o.Items {
		if i == maxLines && len(o.Items) > maxLines+1 {
			pdf.CellFormat(0, 16, text(fmt.Sprintf("… and %d more lines (see the order for every line)", len(o.Items)-maxLines)), "", 1, "L", false, 0, "")
			break
		}
		name := it.ProductName
		if pdf.GetStringWidth(text(name)) > widths[1]-6 {
			for pdf.GetStringWidth(text(name+"…")) > widths[1]-6 && len(name) > 1 {
				name = name[:len(name)-1]
			}
			name += "…"
		}
		cells := []string{it.ProductSKU, name, fmt.Sprint(it.Quantity), it.UnitPrice.String(), it.LineTotal.String()}
		for k, c := range cells {
			pdf.CellFormat(widths[k], 16, text(c), "", 0, aligns[k], false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(8)

	// Totals.
	totals := [][2]string{{"Subtotal", o.Subtotal.String()}, {"Tax (" + o.TaxRate.Percent() + " %)", o.Tax.String()}, {"Shipping", o.Shipping.String()}}
	for _, t := range totals {
		pdf.SetX(48 + widths[0] + widths[1] + widths[2])
		pdf.CellFormat(widths[3], 15, t[0], "", 0, "R", false, 0, "")
		pdf.CellFormat(widths[4], 15, t[1], "", 1, "R", false, 0, "")
	}
	pdf.SetFont("Helvetica", "B", 11)
	pdf.SetX(48 + widths[0] + widths[1] + widths[2])
	pdf.CellFormat(widths[3], 20, "Total", "T", 0, "R", false, 0, "")
	pdf.CellFormat(widths[4], 20, o.Total.String(), "T", 1, "R", false, 0, "")

	if o.Notes != "" {
		pdf.Ln(16)
		pdf.SetFont("Helvetica", "B", 10)
		pdf.CellFormat(0, 14, "Notes", "", 1, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 9)
		notes := o.Notes
		if len(notes) > 600 {
			notes = notes[:600] + "…"
		}
		pdf.MultiCell(0, 12, text(notes), "", "L", false)
	}
	pdf.SetY(-60)
	pdf.SetFont("Helvetica", "", 8)
	pdf.SetTextColor(120, 120, 120)
	pdf.CellFormat(0, 12, text(company.Name+" · Thank you for your order."), "", 1, "C", false, 0, "")
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("invoice: %w", err)
	}
	return pdf.Output(w)
}

func addressLines(a model.ShippingAddress) []string {
	var out []string
	place := strings.Join(nonEmpty(a.City, a.Region), ", ")
	place = strings.TrimSpace(place + " " + a.PostalCode)
	for _, l := range []string{a.Label, a.Line1, a.Line2, place, a.Country} {
		if l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = append(out, "—")
	}
	return out
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
