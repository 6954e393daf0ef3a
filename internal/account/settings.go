package account

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// SettingsInput is the Settings → Company form as typed.
type SettingsInput struct {
	Name             string
	Slug             string
	TaxRate          string // percent, 0–30, ≤ 3 decimals
	ShippingFee      string // ≥ 0, ≤ 2 decimals
	ReturnWindowDays string // whole days 0–365
}

// SettingsInputOf returns the form values that show c as it is.
func SettingsInputOf(c model.Company) SettingsInput {
	return SettingsInput{Name: c.Name, Slug: c.Slug, TaxRate: c.TaxRate.Percent(),
		ShippingFee: c.ShippingFee.String(), ReturnWindowDays: strconv.Itoa(c.ReturnWindowDays)}
}

// UpdateSettings validates and saves a company's settings and writes
// CompanySettingsUpdated with before and after values. A changed slug keeps
// the old one as a permanent redirect. Errors: CodeInvalid with fields name,
// slug, taxRate, shippingFee, returnWindowDays; CodeNotFound for an unknown
// company. Nothing is written when any field is wrong.
func (s *Service) UpdateSettings(ctx context.Context, actor model.Actor, companyID string, in SettingsInput) (model.Company, error) {
	var v model.Validation
	name := strings.TrimSpace(in.Name)
	if n := len([]rune(name)); n < 1 || n > 100 {
		v.Add("name", "Name must be 1–100 characters.")
	}
	slug := strings.TrimSpace(in.Slug)
	if p := SlugProblem(slug); p != "" {
		v.Add("slug", p)
	}
	tax, err := model.ParsePercent(in.TaxRate)
	switch {
	case err == model.ErrTooPrecise:
		v.Add("taxRate", "Tax rate must have at most 3 decimal places.")
	case err != nil || tax > model.MaxRate:
		v.Add("taxRate", "Tax rate must be a number from 0 to 30.")
	}
	fee, err := model.ParseMoney(in.ShippingFee)
	switch {
	case err == model.ErrTooPrecise:
		v.Add("shippingFee", "Shipping fee must have at most 2 decimal places.")
	case err == model.ErrNegative:
		v.Add("shippingFee", "Shipping fee must not be negative.")
	case err != nil:
		v.Add("shippingFee", "Shipping fee must be an amount like 12.50.")
	}
	days, err := strconv.Atoi(strings.TrimSpace(in.ReturnWindowDays))
	if err != nil || days < 0 || days > 365 {
		v.Add("returnWindowDays", "Return window must be a whole number of days from 0 to 365.")
	}
	if err := v.Err(); err != nil {
		return model.Company{}, err
	}
	var after model.Company
	err = s.Store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Company(ctx, companyID)
		if err != nil {
			return err
		}
		if slug != before.Slug {
			taken, err := tx.SlugTaken(ctx, slug, companyID)
			if err != nil {
				return err
			}
			if taken {
				return &model.Error{Code: model.CodeInvalid, Message: "That slug is already in use.",
					Fields: []model.FieldError{{Field: "slug", Message: "That slug is already in use."}}}
			}
		}
		after = before
		after.Name, after.Slug, after.TaxRate, after.ShippingFee, after.ReturnWindowDays = name, slug, tax, fee, days
		after.UpdatedAt = tx.Now
		if settingsOf(before) == settingsOf(after) {
			after = before
			return nil
		}
		if err := tx.UpdateCompanySettings(ctx, before, after); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return &model.Error{Code: model.CodeInvalid, Message: "That slug is already in use.",
					Fields: []model.FieldError{{Field: "slug", Message: "That slug is already in use."}}}
			}
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor,
			Action: "CompanySettingsUpdated", EntityType: "company", EntityID: companyID,
			Details: map[string]any{"before": settingsOf(before), "after": settingsOf(after)}})
	})
	if err != nil {
		return model.Company{}, fmt.Errorf("update settings: %w", err)
	}
	return after, nil
}

// settingsView is the audited form of a company's settings.
type settingsView struct {
	Name             string `json:"name"`
	Slug             string `json:"slug"`
	TaxRate          string `json:"taxRate"`
	ShippingFee      string `json:"shippingFee"`
	ReturnWindowDays int    `json:"returnWindowDays"`
}

func settingsOf(c model.Company) settingsView {
	return settingsView{Name: c.Name, Slug: c.Slug, TaxRate: c.TaxRate.Percent(), ShippingFee: c.ShippingFee.String(), ReturnWindowDays: c.ReturnWindowDays}
}

// ResolveSlug finds the company a storefront slug names. moved is true when
// slug is an earlier slug of the company (callers redirect permanently to
// the current one). Errors: CodeNotFound.
func (s *Service) ResolveSlug(ctx context.Context, slug string) (c model.Company, moved bool, err error) {
	c, err = s.Store.CompanyBySlug(ctx, slug)
	if err == nil {
		return c, false, nil
	}
	if !model.IsCode(err, model.CodeNotFound) {
		return c, false, err
	}
	c, err = s.Store.CompanyByOldSlug(ctx, slug)
	if err != nil {
		return c, false, err
	}
	return c, true, nil
}

// Company returns one company by id. Errors: CodeNotFound.
func (s *Service) Company(ctx context.Context, id string) (model.Company, error) {
	return s.Store.Company(ctx, id)
}

// SetLimits sets the operator's limits of the company with this slug and
// writes CompanyLimitsUpdated (actor SYSTEM). Errors: CodeNotFound.
func (s *Service) SetLimits(ctx context.Context, slug string, l model.Limits) (model.Company, error) {
	var c model.Company
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if c, err = tx.Locking().CompanyBySlug(ctx, slug); err != nil {
			return err
		}
		before := c.Limits
		if err := tx.SetCompanyLimits(ctx, c.ID, l, tx.Now); err != nil {
			return err
		}
		c.Limits = l
		return audit.Write(ctx, tx, audit.Entry{CompanyID: c.ID, Actor: model.SystemActor(),
			Action: "CompanyLimitsUpdated", EntityType: "company", EntityID: c.ID,
			Details: map[string]any{"before": limitsView(before), "after": limitsView(l)}})
	})
	return c, err
}

func limitsView(l model.Limits) map[string]any {
	return map[string]any{"customers": l.Customers, "products": l.Products, "seats": l.Seats, "ordersPerMonth": l.OrdersPerMonth}
}
