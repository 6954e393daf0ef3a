package account_test

import (
	"context"
	"testing"

	"github.com/distribu/distribu/internal/account"
	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// fastHasher keeps tests quick; production uses DefaultHashParams.
var fastHasher = account.Hasher{Params: account.HashParams{Memory: 1024, Time: 1, Threads: 1}}

func newService(s *store.Store) *account.Service { return account.New(s, fastHasher, nil) }

func signup(t *testing.T, svc *account.Service, company, email string) *model.StaffSession {
	t.Helper()
	ctx := context.Background()
	tok, err := svc.Signup(ctx, account.SignupInput{Company: company, Name: "Owner " + company, Email: email, Password: "correct horse"})
	if err != nil {
		t.Fatalf("signup: %v", err)
	}
	sess, err := svc.Session(ctx, tok)
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	return sess
}

func TestSignupCreatesCompanyOwnerAndSession(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		svc := newService(s)
		sess := signup(t, svc, "Acme Distributors", "Owner@Example.com ")
		if sess.Company.Slug != "acme-distributors" || sess.Role != model.RoleOwner || sess.User.Email != "owner@example.com" {
			t.Fatalf("session %+v", sess)
		}
		second := signup(t, svc, "Acme Distributors", "other@example.com")
		if second.Company.Slug != "acme-distributors-2" {
			t.Fatalf("second slug %q", second.Company.Slug)
		}
		p, _ := audit.Reader{Store: s}.List(context.Background(), sess.Company.ID, model.AuditFilter{})
		if len(p.Entries) != 1 || p.Entries[0].Action != "CompanyCreated" {
			t.Fatalf("audit %+v", p.Entries)
		}
	})
}

func TestSignupRejectsBadInputAndWritesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		signup(t, svc, "First Co", "taken@example.com")
		cases := []struct {
			in    account.SignupInput
			field string
		}{
			{account.SignupInput{Company: "Dup Co", Name: "A", Email: "TAKEN@example.com", Password: "longenough"}, "email"},
			{account.SignupInput{Company: "Short Co", Name: "A", Email: "a@example.com", Password: "short"}, "password"},
			{account.SignupInput{Company: "", Name: "A", Email: "b@example.com", Password: "longenough"}, "company"},
			{account.SignupInput{Company: "X Co", Name: "A", Email: "bob@example", Password: "longenough"}, "email"},
		}
		for _, c := range cases {
			_, err := svc.Signup(ctx, c.in)
			var me *model.Error
			if !asModel(err, &me) || me.Field(c.field) == "" {
				t.Errorf("%+v: got %v, want an error on %s", c.in, err, c.field)
			}
		}
		n, _ := s.CountCompanies(ctx)
		if n != 1 {
			t.Fatalf("%d companies, want 1", n)
		}
	})
}

func TestLoginAndThrottle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		sess := signup(t, svc, "Login Co", "login@example.com")
		if _, err := svc.Login(ctx, "login@example.com", "wrong password"); model.ErrorMessage(err) != "Invalid email or password." {
			t.Fatalf("wrong password: %v", err)
		}
		if _, err := svc.Login(ctx, "nobody@example.com", "whatever1"); model.ErrorMessage(err) != "Invalid email or password." {
			t.Fatalf("unknown email: %v", err)
		}
		tok, err := svc.Login(ctx, "LOGIN@example.com", "correct horse")
		if err != nil {
			t.Fatalf("login: %v", err)
		}
		if got, err := svc.Session(ctx, tok); err != nil || got.Company.ID != sess.Company.ID {
			t.Fatalf("session after login: %v", err)
		}
		for i := 0; i < account.MaxLoginFailures; i++ {
			_, _ = svc.Login(ctx, "login@example.com", "wrong password")
		}
		_, err = svc.Login(ctx, "login@example.com", "correct horse")
		if model.ErrorCode(err) != model.CodeRateLimited || model.ErrorMessage(err) != "Too many sign-in attempts. Try again in 15 minutes." {
			t.Fatalf("after %d failures the right password must be refused: %v", account.MaxLoginFailures, err)
		}
		p, _ := audit.Reader{Store: s}.List(ctx, sess.Company.ID, model.AuditFilter{Action: "StaffLoginFailed", Limit: 100})
		if len(p.Entries) != account.MaxLoginFailures+1 {
			t.Fatalf("StaffLoginFailed entries: %d", len(p.Entries))
		}
		if err := svc.Logout(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Session(ctx, tok); !model.IsCode(err, model.CodeNotFound) {
			t.Fatalf("session after logout: %v", err)
		}
	})
}

func TestSettingsValidationAndSlugRedirect(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		a := signup(t, svc, "Alpha Supply", "alpha@example.com")
		b := signup(t, svc, "Beta Supply", "beta@example.com")
		good := account.SettingsInput{Name: "Alpha Supply Co", Slug: "alpha", TaxRate: "8.875", ShippingFee: "12.50", ReturnWindowDays: "14"}
		bad := []struct {
			mod   func(*account.SettingsInput)
			field string
		}{
			{func(i *account.SettingsInput) { i.TaxRate = "31" }, "taxRate"},
			{func(i *account.SettingsInput) { i.TaxRate = "8.8755" }, "taxRate"},
			{func(i *account.SettingsInput) { i.ShippingFee = "-1" }, "shippingFee"},
			{func(i *account.SettingsInput) { i.ShippingFee = "1.005" }, "shippingFee"},
			{func(i *account.SettingsInput) { i.Slug = "Bad Slug" }, "slug"},
			{func(i *account.SettingsInput) { i.Slug = "-ab" }, "slug"},
			{func(i *account.SettingsInput) { i.Slug = b.Company.Slug }, "slug"},
			{func(i *account.SettingsInput) { i.ReturnWindowDays = "366" }, "returnWindowDays"},
			{func(i *account.SettingsInput) { i.Name = "" }, "name"},
		}
		for _, c := range bad {
			in := good
			c.mod(&in)
			_, err := svc.UpdateSettings(ctx, a.Actor(), a.Company.ID, in)
			var me *model.Error
			if !asModel(err, &me) || me.Field(c.field) == "" {
				t.Errorf("%+v: got %v, want an error on %s", in, err, c.field)
			}
		}
		unchanged, _ := svc.Company(ctx, a.Company.ID)
		if unchanged.Slug != "alpha-supply" || unchanged.TaxRate != 0 {
			t.Fatalf("bad input changed the company: %+v", unchanged)
		}
		after, err := svc.UpdateSettings(ctx, a.Actor(), a.Company.ID, good)
		if err != nil {
			t.Fatal(err)
		}
		if after.TaxRate != 8875 || after.ShippingFee != 1250 || after.ReturnWindowDays != 14 || after.Slug != "alpha" {
			t.Fatalf("after %+v", after)
		}
		c, moved, err := svc.ResolveSlug(ctx, "alpha-supply")
		if err != nil || !moved || c.Slug != "alpha" {
			t.Fatalf("old slug: %v %v %v", c.Slug, moved, err)
		}
		// B cannot take A's old slug: customers' bookmarks keep pointing at A.
		in := account.SettingsInputOf(b.Company)
		in.Slug = "alpha-supply"
		if _, err := svc.UpdateSettings(ctx, b.Actor(), b.Company.ID, in); model.ErrorCode(err) != model.CodeInvalid {
			t.Fatalf("taking another company's old slug: %v", err)
		}
		// A may go back to its own old slug.
		in = account.SettingsInputOf(after)
		in.Slug = "alpha-supply"
		if _, err := svc.UpdateSettings(ctx, a.Actor(), a.Company.ID, in); err != nil {
			t.Fatalf("back to own old slug: %v", err)
		}
		if c, moved, _ := svc.ResolveSlug(ctx, "alpha"); !moved || c.Slug != "alpha-supply" {
			t.Fatal("alpha must now redirect to alpha-supply")
		}
		p, _ := audit.Reader{Store: s}.List(ctx, a.Company.ID, model.AuditFilter{Action: "CompanySettingsUpdated"})
		if len(p.Entries) != 2 {
			t.Fatalf("CompanySettingsUpdated entries: %d, want 2", len(p.Entries))
		}
		pb, _ := audit.Reader{Store: s}.List(ctx, b.Company.ID, model.AuditFilter{Action: "CompanySettingsUpdated"})
		if len(pb.Entries) != 0 {
			t.Fatal("B's log holds A's changes")
		}
	})
}

func TestPermissions(t *testing.T) {
	table := []struct {
		p                    account.Permission
		owner, admin, member bool
	}{
		{account.PermDashboard, true, true, true},
		{account.PermInviteMembers, true, true, false},
		{account.PermRemoveMembers, true, true, false},
		{account.PermChangeRoles, true, false, false},
		{account.PermSettings, true, true, false},
		{account.PermDeleteCompany, true, false, false},
	}
	for _, r := range table {
		if account.Can(model.RoleOwner, r.p) != r.owner || account.Can(model.RoleAdmin, r.p) != r.admin || account.Can(model.RoleMember, r.p) != r.member {
			t.Errorf("permission %d wrong", r.p)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Distributors": "acme-distributors",
		"  Café  & Bar!! ":  "cafe-bar",
		"Ürün Dağıtım A.Ş.": "urun-dag-t-m-a-s",
		"---":               "",
	} {
		if got := account.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func asModel(err error, target **model.Error) bool {
	me, ok := err.(*model.Error)
	if !ok {
		// Wrapped.
		for e := err; e != nil; {
			if m, ok := e.(*model.Error); ok {
				*target = m
				return true
			}
			u, ok := e.(interface{ Unwrap() error })
			if !ok {
				return false
			}
			e = u.Unwrap()
		}
		return false
	}
	*target = me
	return true
}

// Parallel guesses cannot slip past the limit: every attempt is counted
// before its password is checked.
func TestParallelGuessesAreThrottled(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := newService(s)
		signup(t, svc, "Guess Co", "guess@example.com")
		const n = 40
		results := make(chan error, n)
		for i := 0; i < n; i++ {
			go func() {
				_, err := svc.Login(ctx, "guess@example.com", "wrong password")
				results <- err
			}()
		}
		checked := 0
		for i := 0; i < n; i++ {
			if err := <-results; model.ErrorCode(err) == model.CodeUnauthorized {
				checked++
			} else if model.ErrorCode(err) != model.CodeRateLimited {
				t.Fatalf("unexpected: %v", err)
			}
		}
		if checked > account.MaxLoginFailures {
			t.Fatalf("%d passwords were checked, the limit is %d", checked, account.MaxLoginFailures)
		}
		if _, err := svc.Login(ctx, "guess@example.com", "correct horse"); model.ErrorCode(err) != model.CodeRateLimited {
			t.Fatalf("locked e-mail accepted the right password: %v", err)
		}
	})
}
