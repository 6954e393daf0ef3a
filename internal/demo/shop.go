package demo

import (
	"context"
	"fmt"
	"net/url"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
)

// ShopLogin is a demo storefront account that can sign in at once.
type ShopLogin struct {
	Email string
	Role  string
}

// seedShopLogins gives the first demo customer (which has contacts in all
// three roles) and its contacts one password, set through real setup
// links, so a newcomer can sign in to the storefront at once.
func seedShopLogins(ctx context.Context, svc *customer.Service, companyID, password string) ([]ShopLogin, error) {
	page, err := svc.List(ctx, companyID, model.CustomerFilter{Sort: "oldest", PerPage: 1})
	if err != nil || len(page.Customers) == 0 {
		return nil, fmt.Errorf("demo logins: %v", err)
	}
	c := page.Customers[0]
	d, err := svc.Profile(ctx, companyID, c.ID)
	if err != nil {
		return nil, err
	}
	logins := []ShopLogin{{Email: c.Email, Role: "account holder"}}
	accounts := []string{""}
	for _, ct := range d.Contacts {
		logins = append(logins, ShopLogin{Email: ct.Email, Role: string(ct.Role)})
		accounts = append(accounts, ct.ID)
	}
	for _, contactID := range accounts {
		link, err := svc.CreateSetupLink(ctx, model.SystemActor(), companyID, c.ID, contactID)
		if err != nil {
			return nil, err
		}
		u, err := url.Parse(link.URL)
		if err != nil {
			return nil, err
		}
		if _, err := svc.SetPassword(ctx, companyID, u.Query().Get("token"), password, password); err != nil {
			return nil, err
		}
	}
	return logins, nil
}
