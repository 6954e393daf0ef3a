package customer_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/distribu/distribu/internal/customer"
	"github.com/distribu/distribu/internal/model"
	"github.com/distribu/distribu/internal/store"
	"github.com/distribu/distribu/internal/store/storetest"
)

// Two imports of the same new e-mails, and an import racing staff edits,
// never create a duplicate customer.
func TestConcurrentImportsNeverDuplicate(t *testing.T) {
	storetest.Run(t, func(t *testing.T, s *store.Store) {
		f := newFixture(t, s)
		ctx := context.Background()
		var b strings.Builder
		b.WriteString("email,name\n")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&b, "Race%03d@Example.com,Race %d\n", i, i)
		}
		file := b.String()
		const runs = 4
		var wg sync.WaitGroup
		results := make([]error, runs)
		applied := make([]bool, runs)
		for i := 0; i < runs; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader(file), customer.ImportOptions{})
				results[i], applied[i] = err, res.Applied
			}()
		}
		wg.Wait()
		ok := 0
		for i, err := range results {
			switch {
			case err == nil && applied[i]:
				ok++
			case model.IsCode(err, model.CodeConflict):
				// Lost the race on PostgreSQL: nothing written, clear message.
				if !strings.Contains(model.ErrorMessage(err), "Run the import again") {
					t.Errorf("conflict message %q", model.ErrorMessage(err))
				}
			default:
				t.Fatalf("import %d: %v", i, err)
			}
		}
		if ok == 0 {
			t.Fatal("no import succeeded")
		}
		if n, _ := s.CountCustomers(ctx, f.company.ID); n != 300 {
			t.Fatalf("%d customers after racing imports, want 300", n)
		}
		// An import racing staff edits of the same customers.
		c := f.customer(t, "race007@example.com")
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				_, _ = f.svc.Update(ctx, staff, f.company.ID, c.ID, customer.UpdateInput{Name: fmt.Sprintf("Edited %d", i)})
			}
		}()
		go func() {
			defer wg.Done()
			for i := 0; i < 5; i++ {
				_, _ = f.svc.ImportCustomers(ctx, staff, f.company.ID, strings.NewReader(strings.ReplaceAll(file, "Race ", "Imported ")), customer.ImportOptions{})
			}
		}()
		wg.Wait()
		if n, _ := s.CountCustomers(ctx, f.company.ID); n != 300 {
			t.Fatalf("%d customers after an import raced edits, want 300", n)
		}
	})
}
