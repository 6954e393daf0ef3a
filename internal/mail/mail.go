// Package mail sends e-mail through SMTP when it is configured and writes
// it to the log when it is not.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Sender sends messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// New returns an SMTP sender for smtpURL (smtp://user:pass@host:port), or a
// sender that logs the message when smtpURL is empty.
func New(smtpURL, from string, log *slog.Logger) (Sender, error) {
	if smtpURL == "" {
		return logSender{log: log}, nil
	}
	u, err := url.Parse(smtpURL)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("smtp url: %q is not smtp://user:pass@host:port", smtpURL)
	}
	return smtpSender{u: u, from: from}, nil
}

// logSender writes messages to the log.
type logSender struct{ log *slog.Logger }

func (l logSender) Send(ctx context.Context, m Message) error {
	l.log.InfoContext(ctx, "e-mail (SMTP not configured)", "to", m.To, "subject", m.Subject, "body", m.Body)
	return nil
}

// smtpSender delivers through an SMTP server.
type smtpSender struct {
	u    *url.URL
	from string
}

func (s smtpSender) Send(ctx context.Context, m Message) error {
	host := s.u.Hostname()
	addr := s.u.Host
	if s.u.Port() == "" {
		addr = net.JoinHostPort(host, "587")
	}
	var auth smtp.Auth
	if s.u.User != nil {
		pass, _ := s.u.User.Password()
		auth = smtp.PlainAuth("", s.u.User.Username(), pass, host)
	}
	msg := "From: " + s.from + "\r\nTo: " + m.To + "\r\nSubject: " + m.Subject +
		"\r\nDate: " + time.Now().UTC().Format(time.RFC1123Z) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		strings.ReplaceAll(m.Body, "\n", "\r\n")
	done := make(chan error, 1)
	envelope := s.from
	if a, err := netmail.ParseAddress(s.from); err == nil {
		envelope = a.Address
	}
	go func() { done <- smtp.SendMail(addr, auth, envelope, []string{m.To}, []byte(msg)) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("send mail to %s: %w", m.To, err)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
