package webhook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// MaxResponse is how many characters of a receiver's answer an attempt keeps.
const MaxResponse = 2000

// sender is the delivery HTTP client. Unless private targets are allowed,
// its dialer refuses loopback, link-local, private, unspecified and
// multicast addresses after DNS resolution (net.Dialer.Control sees the IP
// actually dialled), so a name that resolves, or later re-resolves, to an
// internal address is refused too. It uses no proxy and follows no
// redirects.
type sender struct {
	client *http.Client
}

func newSender(timeout time.Duration, allowPrivate bool) *sender {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = refusePrivate
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          50,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
	}
	return &sender{client: &http.Client{Transport: tr, Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// privateTargetError is a dial refused because of the target's address.
type privateTargetError struct{ addr netip.Addr }

func (e *privateTargetError) Error() string {
	return fmt.Sprintf("refused: %s is a loopback, link-local, private or otherwise internal address (the operator can allow it with --webhook-allow-private)", e.addr)
}

// refusePrivate is a net.Dialer Control function refusing internal targets.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refused: cannot check address %q: %w", address, err)
	}
	if a := ap.Addr().Unmap(); IsInternal(a) {
		return &privateTargetError{addr: a}
	}
	return nil
}

// IsInternal reports whether a is an address webhooks must not reach unless
// allowed: loopback, private (RFC 1918, fc00::/7), link-local, unspecified,
// multicast, broadcast, 0.0.0.0/8 and shared address space (100.64.0.0/10),
// also when written as an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4
// (2002::/16) IPv6 address.
func IsInternal(a netip.Addr) bool {
	a = a.Unmap()
	if a.Is6() {
		b := a.As16()
		nat64 := netip.PrefixFrom(netip.AddrFrom16([16]byte{0: 0x00, 1: 0x64, 2: 0xff, 3: 0x9b}), 96)
		switch {
		case nat64.Contains(a):
			return IsInternal(netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}))
		case b[0] == 0x20 && b[1] == 0x02:
			return IsInternal(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() || !a.IsValid() {
		return true
	}
	if a.Is4() {
		b := a.As4()
		return b[0] == 0 || (b[0] == 100 && b[1]&0xc0 == 64) || a == netip.AddrFrom4([4]byte{255, 255, 255, 255})
	}
	return false
}

// result is what one POST got.
type result struct {
	status   int
	response string
	err      string
	duration time.Duration
}

// ok reports whether the receiver accepted the delivery (any 2xx).
func (r result) ok() bool { return r.err == "" && r.status >= 200 && r.status < 300 }

// post sends body to url with the webhook headers.
func (s *sender) post(ctx context.Context, url, event, eventID, signature string, body []byte) result {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return result{err: "bad URL: " + err.Error()}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Distribu-Webhooks/1")
	req.Header.Set("X-Webhook-Event", event)
	req.Header.Set("X-Webhook-Id", eventID)
	req.Header.Set("X-Webhook-Signature", signature)
	res, err := s.client.Do(req)
	if err != nil {
		return result{err: describe(err), duration: time.Since(start)}
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 4*MaxResponse))
	r := result{status: res.StatusCode, response: excerpt(raw), duration: time.Since(start)}
	if !r.ok() {
		r.err = fmt.Sprintf("the receiver answered %d", res.StatusCode)
	}
	return r
}

// describe turns a client error into a short message for the attempt log.
func describe(err error) string {
	var pe *privateTargetError
	if errors.As(err, &pe) {
		return pe.Error()
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timed out: " + err.Error()
	}
	return err.Error()
}

// excerpt keeps the first MaxResponse characters of a body as valid UTF-8
// without NUL bytes (PostgreSQL text refuses them).
func excerpt(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", "")
	if utf8.RuneCountInString(s) > MaxResponse {
		s = string([]rune(s)[:MaxResponse])
	}
	return s
}
