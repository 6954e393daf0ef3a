package account

import (
	"context"
	"fmt"
	"time"

	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
)

// IdempotencyTTL is how long the reply to a POST with an Idempotency-Key is
// kept and replayed.
const IdempotencyTTL = 24 * time.Hour

// abandonedClaim is how long a first request may run before its claim is
// taken to be abandoned (its process died) and a retry may run.
const abandonedClaim = 2 * time.Minute

// ClaimOutcome says what to do with a POST that carries an Idempotency-Key.
type ClaimOutcome int

// The outcomes of ClaimIdempotency.
const (
	ClaimFirst      ClaimOutcome = iota // run it, then SaveIdempotentReply or ReleaseIdempotency
	ClaimReplay                         // answer with the stored reply
	ClaimMismatch                       // the key was used with a different request: 422
	ClaimInProgress                     // the first request with this key is still running: 409
)

// ClaimIdempotency records that a request (identified by requestHash: its
// method, path and body) with idemKey starts, or finds the earlier one.
func (s *Service) ClaimIdempotency(ctx context.Context, k model.APIKey, idemKey, requestHash string) (ClaimOutcome, store.IdempotentReply, error) {
	for range 3 {
		now := s.Store.Now()
		var first bool
		var r store.IdempotentReply
		err := s.Store.InTx(ctx, func(tx *store.Tx) error {
			var err error
			first, r, err = tx.ClaimIdempotencyKey(ctx, k.CompanyID, k.ID, idemKey, requestHash, now)
			if err != nil || first {
				return err
			}
			stale := now.Sub(r.CreatedAt) >= IdempotencyTTL || (r.Status == 0 && now.Sub(r.CreatedAt) >= abandonedClaim)
			if stale {
				r.Status = -1
				return tx.ReleaseIdempotencyKey(ctx, k.ID, idemKey)
			}
			return nil
		})
		if err != nil {
			return 0, r, fmt.Errorf("idempotency: %w", err)
		}
		switch {
		case first:
			return ClaimFirst, r, nil
		case r.Status == -1:
			continue // expired or abandoned: claim afresh
		case r.RequestHash != requestHash:
			return ClaimMismatch, r, nil
		case r.Status == 0:
			return ClaimInProgress, r, nil
		}
		return ClaimReplay, r, nil
	}
	return 0, store.IdempotentReply{}, fmt.Errorf("idempotency: claim of %q kept changing", idemKey)
}

// SaveIdempotentReply stores the reply of a claimed request for replay.
func (s *Service) SaveIdempotentReply(ctx context.Context, k model.APIKey, idemKey string, status int, contentType string, body []byte) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error {
		return tx.SaveIdempotentReply(ctx, k.ID, idemKey, status, contentType, string(body))
	})
	if err != nil {
		return fmt.Errorf("save idempotent reply: %w", err)
	}
	return nil
}

// ReleaseIdempotency forgets a claim so that a retry runs again (used when
// the first request failed with a server error).
func (s *Service) ReleaseIdempotency(ctx context.Context, k model.APIKey, idemKey string) error {
	err := s.Store.InTx(ctx, func(tx *store.Tx) error { return tx.ReleaseIdempotencyKey(ctx, k.ID, idemKey) })
	if err != nil {
		return fmt.Errorf("release idempotency key: %w", err)
	}
	return nil
}
