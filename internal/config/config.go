// Package config holds Distribu's one typed configuration: flags, each with a
// DISTRIBU_* environment variable, parsed and validated once and then passed
// by value. Flags win over the environment.
package config

import (
	"flag"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Config is the whole configuration of a distribu process.
type Config struct {
	Addr                string // listen address
	DB                  string // SQLite file path or postgres:// URL
	DataDir             string // uploaded files
	BaseURL             string // absolute links; https turns on Secure cookies
	SMTPURL             string // smtp://user:pass@host:port; empty logs e-mails
	WebhookAllowPrivate bool   // allow webhook targets on private networks
	Demo                bool   // seed the demo company on an empty database
	ImportMaxBytes      int64  // largest CSV the dashboard accepts
	ImportMaxRows       int    // most data rows the dashboard accepts
	APIRateLimit        int    // requests an API key may make a minute (0: unlimited)

	envErr error // the first environment variable that could not be read
}

// Default returns the configuration with every default applied.
func Default() Config {
	return Config{
		Addr:    ":8080",
		DB:      "distribu.db",
		DataDir: "data",
		BaseURL: "http://localhost:8080",
		// The dashboard's upload limits (03-customers.md); the command line
		// and the API stream files of any size.
		ImportMaxBytes: 2 << 20,
		ImportMaxRows:  5000,
		APIRateLimit:   600,
	}
}

// Register defines the common flags (those every command honours) on fs,
// taking their defaults from the environment through getenv, and returns the
// Config the flags write into. Call Validate after fs.Parse.
func Register(fs *flag.FlagSet, getenv func(string) string) *Config {
	c := Default()
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.DB, "db", env("DISTRIBU_DB", c.DB), "SQLite file path, or a postgres:// URL (env DISTRIBU_DB)")
	fs.StringVar(&c.DataDir, "data-dir", env("DISTRIBU_DATA_DIR", c.DataDir), "directory for uploaded files (env DISTRIBU_DATA_DIR)")
	fs.StringVar(&c.BaseURL, "base-url", env("DISTRIBU_BASE_URL", c.BaseURL), "absolute base URL for links; https turns on Secure cookies (env DISTRIBU_BASE_URL)")
	fs.StringVar(&c.SMTPURL, "smtp", env("DISTRIBU_SMTP_URL", c.SMTPURL), "smtp://user:pass@host:port; empty writes e-mails to the log (env DISTRIBU_SMTP_URL)")
	allow, err := strconv.ParseBool(env("DISTRIBU_WEBHOOK_ALLOW_PRIVATE", "false"))
	if err != nil {
		c.envErr = fmt.Errorf("DISTRIBU_WEBHOOK_ALLOW_PRIVATE=%q must be true or false", getenv("DISTRIBU_WEBHOOK_ALLOW_PRIVATE"))
	}
	fs.BoolVar(&c.WebhookAllowPrivate, "webhook-allow-private", allow, "allow webhook targets on loopback and private networks (env DISTRIBU_WEBHOOK_ALLOW_PRIVATE)")
	return &c
}

// RegisterServe defines the serve-only flags on fs.
func (c *Config) RegisterServe(fs *flag.FlagSet, getenv func(string) string) {
	addr := c.Addr
	if v := getenv("DISTRIBU_ADDR"); v != "" {
		addr = v
	}
	fs.StringVar(&c.Addr, "addr", addr, "listen address (env DISTRIBU_ADDR)")
	fs.BoolVar(&c.Demo, "demo", false, "on an empty database, create the demo company first")
	maxBytes, maxRows := c.ImportMaxBytes, c.ImportMaxRows
	if e := getenv("DISTRIBU_IMPORT_MAX_BYTES"); e != "" {
		v, err := strconv.ParseInt(e, 10, 64)
		if err != nil && c.envErr == nil {
			c.envErr = fmt.Errorf("DISTRIBU_IMPORT_MAX_BYTES=%q must be a whole number of bytes", e)
		}
		maxBytes = v
	}
	if e := getenv("DISTRIBU_IMPORT_MAX_ROWS"); e != "" {
		v, err := strconv.Atoi(e)
		if err != nil && c.envErr == nil {
			c.envErr = fmt.Errorf("DISTRIBU_IMPORT_MAX_ROWS=%q must be a whole number", e)
		}
		maxRows = v
	}
	rate := c.APIRateLimit
	if e := getenv("DISTRIBU_API_RATE_LIMIT"); e != "" {
		v, err := strconv.Atoi(e)
		if err != nil && c.envErr == nil {
			c.envErr = fmt.Errorf("DISTRIBU_API_RATE_LIMIT=%q must be a whole number", e)
		}
		rate = v
	}
	fs.IntVar(&c.APIRateLimit, "api-rate-limit", rate, "requests an API key may make a minute, shared by every process; 0 turns the limit off (env DISTRIBU_API_RATE_LIMIT)")
	fs.Int64Var(&c.ImportMaxBytes, "import-max-bytes", maxBytes, "largest CSV upload the dashboard accepts, in bytes (env DISTRIBU_IMPORT_MAX_BYTES)")
	fs.IntVar(&c.ImportMaxRows, "import-max-rows", maxRows, "most data rows a dashboard CSV upload may have (env DISTRIBU_IMPORT_MAX_ROWS)")
}

// Validate checks the configuration and returns an error naming the first
// bad setting.
func (c Config) Validate() error {
	if c.envErr != nil {
		return c.envErr
	}
	if strings.TrimSpace(c.DB) == "" {
		return fmt.Errorf("--db must not be empty")
	}
	if c.DataDir == "" {
		return fmt.Errorf("--data-dir must not be empty")
	}
	if c.ImportMaxBytes < 1024 {
		return fmt.Errorf("--import-max-bytes must be at least 1024")
	}
	if c.ImportMaxRows < 1 {
		return fmt.Errorf("--import-max-rows must be at least 1")
	}
	if c.APIRateLimit < 0 {
		return fmt.Errorf("--api-rate-limit must not be negative")
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--base-url %q must be an absolute http:// or https:// URL", c.BaseURL)
	}
	if c.SMTPURL != "" {
		s, err := url.Parse(c.SMTPURL)
		if err != nil || (s.Scheme != "smtp" && s.Scheme != "smtps") || s.Host == "" {
			return fmt.Errorf("--smtp %q must look like smtp://user:pass@host:port", c.SMTPURL)
		}
	}
	return nil
}

// SecureCookies reports whether cookies must carry the Secure flag.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// IsPostgres reports whether DB selects PostgreSQL.
func (c Config) IsPostgres() bool { return IsPostgresDSN(c.DB) }

// IsPostgresDSN reports whether a --db value names a PostgreSQL server.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
