package csvio

import (
	"strings"
	"testing"

	"github.com/distribu/distribu/internal/model"
)

func TestParseMoneyCell(t *testing.T) {
	ok := map[string]model.Money{
		"0": 0, "12": 1200, "12.5": 1250, "12.50": 1250, ".5": 50, "5.": 500, "$1000.50": 100050,
		" $ 7 ": 700, "1.10": 110, "1.100": 110, "0000.01": 1, "9999999999999.99": 999999999999999,
	}
	for in, want := range ok {
		got, err := ParseMoneyCell(2, "creditLimit", in)
		if err != nil || got != want {
			t.Errorf("ParseMoneyCell(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	bad := map[string]string{
		"-5":                    `creditLimit "-5" must not be negative`,
		"-$5":                   `creditLimit "-$5" must not be negative`,
		"$-5.5":                 `creditLimit "$-5.5" must not be negative`,
		"1,000":                 `creditLimit "1,000" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"1.005":                 `creditLimit "1.005" has more than 2 decimal places`,
		"abc":                   `creditLimit "abc" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"":                      `creditLimit is required`,
		"  ":                    `creditLimit is required`,
		"$":                     `creditLimit "$" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		".":                     `creditLimit "." is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"1e3":                   `creditLimit "1e3" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"+5":                    `creditLimit "+5" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"€5":                    `creditLimit "€5" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"1 000":                 `creditLimit "1 000" is not a valid amount (use digits and a decimal point, e.g. 1000.50)`,
		"12345678901234":        `creditLimit "12345678901234" is too large`,
		strings.Repeat("9", 80): `creditLimit "` + strings.Repeat("9", 60) + `…" is too large`,
	}
	for in, want := range bad {
		_, err := ParseMoneyCell(7, "creditLimit", in)
		if err == nil || err.Message != want || err.Row != 7 || err.Column != "creditLimit" {
			t.Errorf("ParseMoneyCell(%q) = %+v, want %q", in, err, want)
		}
	}
	if _, err := ParseMoneyCell(5, "creditLimit", "-5"); err.Error() != `Row 5: creditLimit "-5" must not be negative` {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestParseIntCell(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "7": 7, " 120 ": 120, "007": 7, "2147483647": 2147483647} {
		if got, err := ParseIntCell(2, "stock", in); err != nil || got != want {
			t.Errorf("ParseIntCell(%q) = %v, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{
		"-3":                      `stock "-3" must be a whole number of 0 or more`,
		"1.5":                     `stock "1.5" must be a whole number of 0 or more`,
		"1.0":                     `stock "1.0" must be a whole number of 0 or more`,
		"+3":                      `stock "+3" must be a whole number of 0 or more`,
		"1,000":                   `stock "1,000" must be a whole number of 0 or more`,
		"ten":                     `stock "ten" must be a whole number of 0 or more`,
		"":                        `stock is required`,
		"2147483648":              `stock "2147483648" is too large (at most 2147483647)`,
		"99999999999999999999999": `stock "99999999999999999999999" is too large (at most 2147483647)`,
	} {
		if _, err := ParseIntCell(2, "stock", in); err == nil || err.Message != want {
			t.Errorf("ParseIntCell(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestParseBoolCell(t *testing.T) {
	for in, want := range map[string]bool{
		"true": true, "TRUE": true, "Yes": true, "y": true, "1": true, "Active": true, "": true, "  ": true,
		"false": false, "No": false, "N": false, "0": false, "INACTIVE": false, " no ": false,
	} {
		if got, err := ParseBoolCell(2, "isActive", in); err != nil || got != want {
			t.Errorf("ParseBoolCell(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"maybe", "2", "on", "t"} {
		_, err := ParseBoolCell(2, "isActive", in)
		if want := `isActive "` + in + `" must be one of true/false, yes/no, 1/0, active/inactive`; err == nil || err.Message != want {
			t.Errorf("ParseBoolCell(%q) = %v", in, err)
		}
	}
}

func TestParseEmailCell(t *testing.T) {
	if got, err := ParseEmailCell(2, "email", "  Bob@Example.COM "); err != nil || got != "bob@example.com" {
		t.Errorf("got %q, %v", got, err)
	}
	long := strings.Repeat("a", 250) + "@x.com"
	for in, want := range map[string]string{
		"":            "email is required",
		"   ":         "email is required",
		"bob@example": `email "bob@example" is not a valid e-mail address`,
		"Bob Smith":   `email "Bob Smith" is not a valid e-mail address`,
		" a@@b.com ":  `email "a@@b.com" is not a valid e-mail address`,
		long:          "email must be at most 254 characters",
	} {
		if _, err := ParseEmailCell(7, "email", in); err == nil || err.Message != want || err.Column != "email" {
			t.Errorf("ParseEmailCell(%q) = %v, want %q", in, err, want)
		}
	}
}

func TestParseChoiceCell(t *testing.T) {
	if got, err := ParseChoiceCell(2, "status", " blocked ", "ACTIVE", "BLOCKED"); err != nil || got != "BLOCKED" {
		t.Errorf("got %q, %v", got, err)
	}
	if _, err := ParseChoiceCell(7, "status", "SUSPENDED", "ACTIVE", "BLOCKED"); err == nil || err.Error() != `Row 7: status "SUSPENDED" must be one of ACTIVE, BLOCKED` {
		t.Errorf("err = %v", err)
	}
	if _, err := ParseChoiceCell(7, "status", "", "ACTIVE"); err == nil || err.Message != "status is required" {
		t.Errorf("err = %v", err)
	}
}

func TestCheckLength(t *testing.T) {
	if err := CheckLength(2, "name", strings.Repeat("é", 100), 100); err != nil {
		t.Errorf("100 runes refused: %v", err)
	}
	if err := CheckLength(4, "name", strings.Repeat("é", 101), 100); err == nil || err.Error() != "Row 4: name is longer than 100 characters" {
		t.Errorf("err = %v", err)
	}
}

func TestErrfAndDuplicateError(t *testing.T) {
	e := Errf(7, "email", "email %s is not a valid e-mail address", Quote("bob@example"))
	if e.Error() != `Row 7: email "bob@example" is not a valid e-mail address` || e.Column != "email" {
		t.Errorf("Errf = %+v", e)
	}
	if d := DuplicateError(47, "email", "bob@acme.com", 12); d.Error() != `Row 47: duplicate email "bob@acme.com" (also on row 12)` {
		t.Errorf("DuplicateError = %q", d.Error())
	}
	if q := Quote("a\"b\xff"); q != `"a\"b�"` {
		t.Errorf("Quote = %s", q)
	}
}
