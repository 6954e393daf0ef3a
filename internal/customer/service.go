// Package customer holds customers, their contacts, shipping addresses,
// price overrides and setup links, and the customers CSV import and export.
package customer

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/mail"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/upload"
)

// Service runs the customer use cases; each change is one transaction with
// its audit entries.
type Service struct {
	Store        *store.Store
	Hasher       account.Hasher
	Mail         mail.Sender
	BaseURL      string // absolute base for setup links
	UploadLimits upload.Limits
	Log          *slog.Logger

	dummy dummy
}

// New returns a Service.
func New(s *store.Store, m mail.Sender, baseURL string, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{Store: s, Mail: m, BaseURL: strings.TrimRight(baseURL, "/"), UploadLimits: upload.DefaultLimits(), Log: log}
}

// List returns one page of a company's customers.
func (s *Service) List(ctx context.Context, companyID string, f model.CustomerFilter) (model.CustomerPage, error) {
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	return s.Store.Customers(ctx, companyID, f)
}

// Get returns one customer. Errors: CodeNotFound (also for another
// company's customer).
func (s *Service) Get(ctx context.Context, companyID, id string) (model.Customer, error) {
	return s.Store.Customer(ctx, companyID, id)
}

// Detail is everything the customer page shows.
type Detail struct {
	Customer  model.Customer
	Contacts  []model.Contact
	Overrides []model.PriceOverride
	Addresses []model.Address
	Orders    []model.Order
	// PendingLinks maps an account ("" for the primary, else a contact id)
	// to the expiry of its live setup link.
	PendingLinks map[string]time.Time
}

// Profile loads a customer with its contacts, overrides, addresses and
// order history. Errors: CodeNotFound.
func (s *Service) Profile(ctx context.Context, companyID, id string) (Detail, error) {
	var d Detail
	var err error
	if d.Customer, err = s.Store.Customer(ctx, companyID, id); err != nil {
		return d, err
	}
	if d.Contacts, err = s.Store.Contacts(ctx, companyID, id); err != nil {
		return d, err
	}
	if d.Overrides, err = s.Store.PriceOverrides(ctx, companyID, id); err != nil {
		return d, err
	}
	if d.Addresses, err = s.Store.Addresses(ctx, companyID, id); err != nil {
		return d, err
	}
	if d.Orders, err = s.Store.CustomerOrders(ctx, companyID, id, 500); err != nil {
		return d, err
	}
	if d.PendingLinks, err = s.Store.PendingSetupLinks(ctx, companyID, id, s.Store.Now()); err != nil {
		return d, err
	}
	return d, nil
}
