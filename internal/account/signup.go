package account

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// SignupInput is the sign-up form.
type SignupInput struct {
	Company  string
	Name     string
	Email    string
	Password string
}

// Signup creates a company with a slug made from its name, the user, and an
// OWNER membership, writes CompanyCreated, and opens a session. It returns
// the session token. Errors: CodeInvalid with fields (company, name, email,
// password), including "email" when the address already has an account.
func (s *Service) Signup(ctx context.Context, in SignupInput) (token string, err error) {
	in.Company = strings.TrimSpace(in.Company)
	in.Name = strings.TrimSpace(in.Name)
	in.Email = model.NormalizeEmail(in.Email)
	var v model.Validation
	if n := len([]rune(in.Company)); n < 1 || n > 100 {
		v.Add("company", "Company name must be 1–100 characters.")
	} else if len(Slugify(in.Company)) < 3 && len(Slugify(in.Company+" co")) < 3 {
		v.Add("company", "Company name needs some letters or digits.")
	}
	if n := len([]rune(in.Name)); n < 1 || n > 100 {
		v.Add("name", "Your name must be 1–100 characters.")
	}
	if p := model.EmailProblem(in.Email); p != "" {
		v.Add("email", "Email "+p+".")
	}
	if p := PasswordProblem(in.Password); p != "" {
		v.Add("password", p)
	}
	if err := v.Err(); err != nil {
		return "", err
	}
	hash, err := s.Hasher.Hash(in.Password)
	if err != nil {
		return "", err
	}
	token = NewToken()
	// Two sign-ups with the same company name may pick the same free slug
	// at once; the loser retries with the next one.
	for attempt := 0; ; attempt++ {
		err = s.signupTx(ctx, in, hash, token)
		var me *model.Error
		if attempt < 5 && errors.As(err, &me) && me.Code == model.CodeConflict && me.Field("slug") != "" {
			continue
		}
		break
	}
	if err != nil {
		return "", fmt.Errorf("signup: %w", err)
	}
	return token, nil
}

// signupTx is the sign-up transaction.
func (s *Service) signupTx(ctx context.Context, in SignupInput, hash, token string) error {
	return s.Store.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByEmail(ctx, in.Email); err == nil {
			return emailTaken()
		} else if !model.IsCode(err, model.CodeNotFound) {
			return err
		}
		slug, err := freeSlug(ctx, tx, Slugify(in.Company))
		if err != nil {
			return err
		}
		c := model.Company{ID: model.NewID(), Name: in.Company, Slug: slug, ReturnWindowDays: 30, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		u := model.User{ID: model.NewID(), Name: in.Name, Email: in.Email, PasswordHash: hash, CreatedAt: tx.Now}
		if err := tx.CreateCompany(ctx, c); err != nil {
			return err
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			if model.IsCode(err, model.CodeConflict) {
				return emailTaken()
			}
			return err
		}
		if err := tx.CreateMembership(ctx, model.Membership{CompanyID: c.ID, UserID: u.ID, Role: model.RoleOwner, CreatedAt: tx.Now}); err != nil {
			return err
		}
		if err := tx.CreateStaffSession(ctx, HashToken(token), u.ID, c.ID, tx.Now, tx.Now.Add(SessionTTL)); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{
			CompanyID: c.ID, Actor: model.Actor{Type: model.ActorUser, ID: u.ID, Label: u.Name},
			Action: "CompanyCreated", EntityType: "company", EntityID: c.ID,
			Details: map[string]any{"name": c.Name, "slug": c.Slug, "owner": u.Email},
		})
	})
}

func emailTaken() error {
	return &model.Error{Code: model.CodeInvalid, Message: "An account with this email already exists. Sign in instead.",
		Fields: []model.FieldError{{Field: "email", Message: "An account with this email already exists. Sign in instead."}}}
}

// freeSlug returns base, or base-2, base-3… whichever no company uses now
// or used before.
func freeSlug(ctx context.Context, tx *store.Tx, base string) (string, error) {
	if len(base) < 3 {
		base = strings.Trim(base+"-co", "-")
		if len(base) < 3 {
			base = "company"
		}
	}
	for i := 1; i < 10000; i++ {
		cand := base
		if i > 1 {
			suffix := "-" + strconv.Itoa(i)
			if len(cand)+len(suffix) > 60 {
				cand = strings.TrimRight(cand[:60-len(suffix)], "-")
			}
			cand += suffix
		}
		taken, err := tx.SlugTaken(ctx, cand, "")
		if err != nil {
			return "", err
		}
		if !taken {
			return cand, nil
		}
	}
	return "", errors.New("no free slug")
}
