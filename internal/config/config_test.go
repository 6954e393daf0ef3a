package config

import (
	"flag"
	"strings"
	"testing"
)

func TestFlagsWinOverEnvironment(t *testing.T) {
	env := map[string]string{"DISTRIBU_DB": "env.db", "DISTRIBU_ADDR": ":9999", "DISTRIBU_WEBHOOK_ALLOW_PRIVATE": "true"}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c := Register(fs, func(k string) string { return env[k] })
	c.RegisterServe(fs, func(k string) string { return env[k] })
	if err := fs.Parse([]string{"--db", "flag.db"}); err != nil {
		t.Fatal(err)
	}
	if c.DB != "flag.db" {
		t.Errorf("DB = %q, want the flag", c.DB)
	}
	if c.Addr != ":9999" {
		t.Errorf("Addr = %q, want the environment", c.Addr)
	}
	if !c.WebhookAllowPrivate {
		t.Error("WebhookAllowPrivate from env not applied")
	}
	if c.DataDir != "data" || c.BaseURL != "http://localhost:8080" {
		t.Errorf("defaults: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	c := Default()
	c.BaseURL = "localhost"
	if c.Validate() == nil {
		t.Error("relative base URL accepted")
	}
	c = Default()
	c.SMTPURL = "http://x"
	if c.Validate() == nil {
		t.Error("bad smtp accepted")
	}
	c = Default()
	c.BaseURL = "https://shop.example.com"
	if !c.SecureCookies() {
		t.Error("https must turn on Secure cookies")
	}
	if !IsPostgresDSN("postgres://x/y") || IsPostgresDSN("distribu.db") {
		t.Error("IsPostgresDSN")
	}
}

func TestBadEnvironmentIsAnError(t *testing.T) {
	for k, v := range map[string]string{"DISTRIBU_WEBHOOK_ALLOW_PRIVATE": "yes please", "DISTRIBU_IMPORT_MAX_ROWS": "lots"} {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c := Register(fs, func(name string) string {
			if name == k {
				return v
			}
			return ""
		})
		c.RegisterServe(fs, func(name string) string {
			if name == k {
				return v
			}
			return ""
		})
		if err := fs.Parse(nil); err != nil {
			t.Fatal(err)
		}
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%q: %v", k, v, err)
		}
	}
}

func TestWebhookAllowPrivate(t *testing.T) {
	cases := []struct {
		name string
		env  string
		args []string
		want bool
	}{
		{"default refuses", "", nil, false},
		{"environment allows", "true", nil, true},
		{"flag allows", "", []string{"--webhook-allow-private"}, true},
		{"flag wins over environment", "true", []string{"--webhook-allow-private=false"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			c := Register(fs, func(k string) string {
				if k == "DISTRIBU_WEBHOOK_ALLOW_PRIVATE" {
					return tc.env
				}
				return ""
			})
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if c.WebhookAllowPrivate != tc.want {
				t.Errorf("WebhookAllowPrivate = %v, want %v", c.WebhookAllowPrivate, tc.want)
			}
		})
	}
}
