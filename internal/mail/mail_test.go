package mail

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"
)

// fakeSMTP is an outside receiver: a minimal SMTP server on loopback that
// records the message it is given.
func fakeSMTP(t *testing.T) (addr string, got chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(conn)
		say := func(s string) { _, _ = io.WriteString(conn, s+"\r\n") }
		say("220 fake ESMTP")
		var transcript strings.Builder
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			cmd := strings.ToUpper(strings.TrimSpace(line))
			transcript.WriteString(strings.TrimSpace(line) + "\n")
			switch {
			case strings.HasPrefix(cmd, "EHLO"):
				say("250-fake")
				say("250 AUTH PLAIN")
			case strings.HasPrefix(cmd, "AUTH"):
				say("235 ok")
			case strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
				say("250 ok")
			case cmd == "DATA":
				say("354 go on")
				for {
					l, err := r.ReadString('\n')
					if err != nil {
						return
					}
					if l == ".\r\n" {
						break
					}
					transcript.WriteString(l)
				}
				say("250 queued")
			case cmd == "QUIT":
				say("221 bye")
				got <- transcript.String()
				return
			default:
				say("250 ok")
			}
		}
	}()
	return ln.Addr().String(), got
}

func TestSMTPSenderDelivers(t *testing.T) {
	addr, got := fakeSMTP(t)
	s, err := New("smtp://user:secret@"+addr, "Distribu <no-reply@shop.example>", slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), Message{To: "buyer@example.com", Subject: "Set your password", Body: "Line one\nhttp://shop.example/x"})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case tr := <-got:
		for _, want := range []string{"MAIL FROM:<no-reply@shop.example>", "RCPT TO:<buyer@example.com>", "Subject: Set your password", "Line one\r\nhttp://shop.example/x", "AUTH PLAIN"} {
			if !strings.Contains(tr, want) {
				t.Errorf("transcript lacks %q:\n%s", want, tr)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server received nothing")
	}
}

func TestNoSMTPWritesToTheLog(t *testing.T) {
	var buf bytes.Buffer
	s, err := New("", "x@y.example", slog.New(slog.NewTextHandler(&buf, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), Message{To: "a@b.example", Subject: "Hi", Body: "link"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "to=a@b.example") || !strings.Contains(buf.String(), "body=link") {
		t.Fatalf("log: %s", buf.String())
	}
	if _, err := New("http://nope", "x@y.example", slog.Default()); err == nil {
		t.Fatal("a non-SMTP URL was accepted")
	}
}
