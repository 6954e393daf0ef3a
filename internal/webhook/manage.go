package webhook

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/distribu/distribu/internal/audit"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// RotationGrace is how long a rotated-out secret keeps signing.
const RotationGrace = 24 * time.Hour

// Input is a new webhook as typed. IsActive nil means true.
type Input struct {
	URL      string
	Events   []string
	IsActive *bool
}

// Patch changes some fields of a webhook; nil fields stay as they are.
type Patch struct {
	URL      *string
	Events   *[]string
	IsActive *bool
}

// Create registers a webhook and returns it with its signing secret
// (whsec_ + 24 random bytes, unpadded base64url), which is shown once and
// never returned again. It writes WebhookCreated. Errors: CodeInvalid
// "Validation failed." with fields url, events; CodeRule when the company
// already has MaxPerCompany webhooks.
func (s *Service) Create(ctx context.Context, actor model.Actor, companyID string, in Input) (model.Webhook, string, error) {
	var v model.Validation
	u := checkURL(&v, in.URL)
	events := checkEvents(&v, in.Events)
	if err := invalid(v); err != nil {
		return model.Webhook{}, "", err
	}
	secret, err := newSecret()
	if err != nil {
		return model.Webhook{}, "", err
	}
	w := model.Webhook{ID: model.NewID(), CompanyID: companyID, URL: u, Events: events, IsActive: in.IsActive == nil || *in.IsActive, Secret: secret}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		// Locking the company row serialises creates, so the limit holds
		// under concurrency on PostgreSQL too.
		if _, err := tx.Locking().Company(ctx, companyID); err != nil {
			return err
		}
		n, err := tx.CountWebhooks(ctx, companyID)
		if err != nil {
			return err
		}
		if n >= MaxPerCompany {
			return model.Errorf(model.CodeRule, "A company can have at most %d webhooks. Delete one before adding another.", MaxPerCompany)
		}
		w.CreatedAt, w.UpdatedAt = tx.Now, tx.Now
		if err := tx.CreateWebhook(ctx, w); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "WebhookCreated",
			EntityType: "webhook", EntityID: w.ID, Details: viewOf(w)})
	})
	if err != nil {
		return model.Webhook{}, "", fmt.Errorf("create webhook: %w", err)
	}
	return w, secret, nil
}

// Update changes a webhook's URL, events or state and writes WebhookUpdated
// with before and after values (nothing when nothing changed). Errors:
// CodeNotFound "Webhook not found."; CodeInvalid "Validation failed." with
// fields url, events.
func (s *Service) Update(ctx context.Context, actor model.Actor, companyID, id string, p Patch) (model.Webhook, error) {
	var v model.Validation
	var u string
	var events []string
	if p.URL != nil {
		u = checkURL(&v, *p.URL)
	}
	if p.Events != nil {
		events = checkEvents(&v, *p.Events)
	}
	if err := invalid(v); err != nil {
		return model.Webhook{}, err
	}
	if !model.ValidID(id) {
		return model.Webhook{}, model.NotFound("Webhook")
	}
	var after model.Webhook
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		before, err := tx.Locking().Webhook(ctx, companyID, id)
		if err != nil {
			return err
		}
		after = before
		if p.URL != nil {
			after.URL = u
		}
		if p.Events != nil {
			after.Events = events
		}
		if p.IsActive != nil {
			after.IsActive = *p.IsActive
		}
		if viewOf(before).equal(viewOf(after)) {
			after = before
			return nil
		}
		after.UpdatedAt = tx.Now
		if err := tx.UpdateWebhook(ctx, after); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "WebhookUpdated",
			EntityType: "webhook", EntityID: id, Details: map[string]any{"before": viewOf(before), "after": viewOf(after)}})
	})
	if err != nil {
		return model.Webhook{}, fmt.Errorf("update webhook: %w", err)
	}
	return after, nil
}

// Delete removes a webhook with its deliveries and attempts and writes
// WebhookDeleted. Errors: CodeNotFound "Webhook not found.".
func (s *Service) Delete(ctx context.Context, actor model.Actor, companyID, id string) error {
	if !model.ValidID(id) {
		return model.NotFound("Webhook")
	}
	err := s.store.InTx(ctx, func(tx *store.Tx) error {
		w, err := tx.Locking().Webhook(ctx, companyID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteWebhook(ctx, companyID, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "WebhookDeleted",
			EntityType: "webhook", EntityID: id, Details: viewOf(w)})
	})
	if err != nil {
		return fmt.Errorf("delete webhook: %w", err)
	}
	return nil
}

// RotateSecret gives a webhook a new secret and returns it (shown once).
// The secret it replaces keeps signing for RotationGrace, so deliveries
// carry two signatures ("new,old") meanwhile; a secret rotated out earlier
// stops at once. It writes WebhookSecretRotated. Errors: CodeNotFound
// "Webhook not found.".
func (s *Service) RotateSecret(ctx context.Context, actor model.Actor, companyID, id string) (string, error) {
	if !model.ValidID(id) {
		return "", model.NotFound("Webhook")
	}
	secret, err := newSecret()
	if err != nil {
		return "", err
	}
	err = s.store.InTx(ctx, func(tx *store.Tx) error {
		w, err := tx.Locking().Webhook(ctx, companyID, id)
		if err != nil {
			return err
		}
		w.PreviousSecret, w.PreviousExpiresAt = w.Secret, tx.Now.Add(RotationGrace)
		w.Secret, w.UpdatedAt = secret, tx.Now
		if err := tx.UpdateWebhook(ctx, w); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{CompanyID: companyID, Actor: actor, Action: "WebhookSecretRotated",
			EntityType: "webhook", EntityID: id, Details: map[string]any{"url": w.URL, "previousValidUntil": model.JSONTime(w.PreviousExpiresAt)}})
	})
	if err != nil {
		return "", fmt.Errorf("rotate webhook secret: %w", err)
	}
	return secret, nil
}

// view is the audited form of a webhook (never its secret).
type view struct {
	URL      string   `json:"url"`
	Events   []string `json:"events"`
	IsActive bool     `json:"isActive"`
}

func viewOf(w model.Webhook) view { return view{URL: w.URL, Events: w.Events, IsActive: w.IsActive} }

func (a view) equal(b view) bool {
	return a.URL == b.URL && a.IsActive == b.IsActive && strings.Join(a.Events, " ") == strings.Join(b.Events, " ")
}

// newSecret returns whsec_ and 24 random bytes in unpadded base64url.
func newSecret() (string, error) {
	var b [24]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("webhook secret: %w", err)
	}
	return "whsec_" + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// MaxURL is the longest webhook URL accepted.
const MaxURL = 2048

// checkURL validates a target URL and returns it trimmed.
func checkURL(v *model.Validation, raw string) string {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		v.Add("url", "URL is required.")
	case len(s) > MaxURL:
		v.Add("url", fmt.Sprintf("URL must be at most %d characters.", MaxURL))
	default:
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
			v.Add("url", "URL must be an absolute http:// or https:// address, like https://example.com/hooks.")
		}
	}
	return s
}

// checkEvents validates the subscribed events and returns them without
// repeats, in the order of model.WebhookEvents.
func checkEvents(v *model.Validation, events []string) []string {
	if len(events) == 0 {
		v.Add("events", "Choose at least one event.")
		return nil
	}
	want := map[string]bool{}
	for _, e := range events {
		e = strings.TrimSpace(e)
		if !model.IsWebhookEvent(e) {
			v.Add("events", fmt.Sprintf("Unknown event %q. Events are: %s.", e, strings.Join(model.WebhookEvents(), ", ")))
			return nil
		}
		want[e] = true
	}
	var out []string
	for _, e := range model.WebhookEvents() {
		if want[e] {
			out = append(out, e)
		}
	}
	return out
}

// invalid turns collected field errors into the API's "Validation failed."
// error, or nil.
func invalid(v model.Validation) error {
	if len(v.Fields) == 0 {
		return nil
	}
	return &model.Error{Code: model.CodeInvalid, Message: "Validation failed.", Fields: v.Fields}
}
