// Package demo seeds the demo company on an empty database so a newcomer
// sees a living product at once (serve --demo).
package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/catalog"
	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
)

// The demo company and its owner.
const (
	CompanyName = "Acme Distributors"
	CompanySlug = "acme-distributors"
	OwnerEmail  = "owner@example.com"
	OwnerName   = "Olivia Owner"
)

// Result says what Seed did.
type Result struct {
	Seeded        bool // false when the database already had a company
	OwnerPassword string
	ShopLogins    []ShopLogin // storefront accounts that share ShopPassword
	ShopPassword  string
	APIKey        string // a key with every scope, for trying the REST API
}

// Seed creates the demo company with its owner and settings when the
// database holds no company yet; otherwise it does nothing.
func Seed(ctx context.Context, accounts *account.Service, cat *catalog.Service, customers *customer.Service, log *slog.Logger) (Result, error) {
	n, err := accounts.Store.CountCompanies(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	if n > 0 {
		log.Info("demo: database already has data; nothing seeded")
		return Result{}, nil
	}
	password := randomPassword()
	token, err := accounts.Signup(ctx, account.SignupInput{Company: CompanyName, Name: OwnerName, Email: OwnerEmail, Password: password})
	if err != nil {
		return Result{}, fmt.Errorf("demo owner: %w", err)
	}
	sess, err := accounts.Session(ctx, token)
	if err != nil {
		return Result{}, fmt.Errorf("demo session: %w", err)
	}
	if err := accounts.Logout(ctx, token); err != nil {
		return Result{}, fmt.Errorf("demo session: %w", err)
	}
	in := account.SettingsInputOf(sess.Company)
	in.TaxRate, in.ShippingFee = "8.25", "15.00"
	if _, err := accounts.UpdateSettings(ctx, sess.Actor(), sess.Company.ID, in); err != nil {
		return Result{}, fmt.Errorf("demo settings: %w", err)
	}
	products, err := seedProducts(ctx, cat, sess.Company.ID)
	if err != nil {
		return Result{}, fmt.Errorf("demo products: %w", err)
	}
	all, err := cat.List(ctx, sess.Company.ID, model.ProductFilter{Sort: "name", PerPage: 200})
	if err != nil {
		return Result{}, fmt.Errorf("demo products: %w", err)
	}
	if err := seedCustomers(ctx, accounts.Store, customers, sess.Company.ID, all.Products, accounts.Store.Now()); err != nil {
		return Result{}, fmt.Errorf("demo customers: %w", err)
	}
	shopPassword := randomPassword()
	logins, err := seedShopLogins(ctx, customers, sess.Company.ID, shopPassword)
	if err != nil {
		return Result{}, fmt.Errorf("demo storefront logins: %w", err)
	}
	scopes := make([]string, 0, len(model.AllScopes()))
	for _, sc := range model.AllScopes() {
		scopes = append(scopes, string(sc))
	}
	_, apiKey, err := accounts.CreateAPIKey(ctx, sess.Actor(), sess.Company.ID, account.APIKeyInput{Name: "Demo key", Scopes: scopes})
	if err != nil {
		return Result{}, fmt.Errorf("demo api key: %w", err)
	}
	log.Info("demo company created", "products", products, "customers", len(demoBusinesses()), "company", CompanyName, "slug", sess.Company.Slug,
		"owner_email", OwnerEmail, "owner_password", password)
	return Result{Seeded: true, OwnerPassword: password, ShopLogins: logins, ShopPassword: shopPassword, APIKey: apiKey}, nil
}

func randomPassword() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return "demo-" + base64.RawURLEncoding.EncodeToString(b)
}
