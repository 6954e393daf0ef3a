package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Timeouts are generous: the tests must pass on a busy two-core machine.
const (
	readyTimeout   = 30 * time.Second // from start until /readyz answers 200
	stopTimeout    = 25 * time.Second // from SIGTERM until the process exits
	commandTimeout = 2 * time.Minute  // one operator command (migrate, company …)
)

// syncBuffer is a bytes.Buffer safe for the process's writer goroutine and
// the test reading it at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Server is one `distribu serve` process started by a test.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:PORT.
	URL string
	// Addr is the listen address, 127.0.0.1:PORT.
	Addr string

	cmd    *exec.Cmd
	stdout *syncBuffer
	stderr *syncBuffer
	done   chan struct{} // closed when the process has exited
	err    error         // cmd.Wait's result, valid once done is closed

	mu      sync.Mutex
	stopped bool
}

// Stderr returns what the process has written to standard error so far (its
// structured log and the demo banner).
func (s *Server) Stderr() string { return s.stderr.String() }

// Stdout returns what the process has written to standard output so far.
func (s *Server) Stdout() string { return s.stdout.String() }

// exited reports whether the process has ended.
func (s *Server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// markStopped records that the test took care of ending the process and
// reports whether it had already done so.
func (s *Server) markStopped() (already bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	already, s.stopped = s.stopped, true
	return already
}

// Stop ends the process gracefully with SIGTERM and fails the test unless it
// exits with status 0 within stopTimeout. Calling it again does nothing; the
// cleanup registered by startServe calls it for every server still running.
func (s *Server) Stop(t testing.TB) {
	t.Helper()
	if s.markStopped() {
		return
	}
	if s.exited() {
		t.Errorf("distribu serve on %s exited before it was stopped: %v\nstderr:\n%s", s.Addr, s.err, s.Stderr())
		return
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Errorf("SIGTERM distribu serve on %s: %v", s.Addr, err)
	}
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
		t.Errorf("distribu serve on %s did not exit within %v of SIGTERM (killed)\nstderr:\n%s", s.Addr, stopTimeout, s.Stderr())
		return
	}
	if code := s.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("distribu serve on %s exited with status %d after SIGTERM, want 0 (graceful shutdown)\nstderr:\n%s",
			s.Addr, code, s.Stderr())
	}
}

// Kill ends the process at once with SIGKILL, as a crash or the OOM killer
// would, and waits until it is gone.
func (s *Server) Kill(t testing.TB) {
	t.Helper()
	if s.markStopped() {
		return
	}
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil && !s.exited() {
		t.Fatalf("SIGKILL distribu serve on %s: %v", s.Addr, err)
	}
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		t.Fatalf("distribu serve on %s still running %v after SIGKILL", s.Addr, stopTimeout)
	}
}

// freeAddr returns a loopback address with a port that was free a moment
// ago (listen on :0, then close).
func freeAddr(t testing.TB) string {
	t.Helper()
	addr, err := tryFreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// tryFreeAddr is freeAddr returning an error.
func tryFreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		return "", fmt.Errorf("close probe listener: %w", err)
	}
	return addr, nil
}

// childEnv returns the test's environment without any DISTRIBU_* variable
// (so the developer's settings cannot leak into a child), plus extra.
func childEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "DISTRIBU_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// startServe starts `distribu serve --addr 127.0.0.1:PORT --db db
// --data-dir DIR` plus extra flags on a free port and waits until /readyz
// answers 200. The process is stopped gracefully when the test ends (see
// Server.Stop).
func startServe(t testing.TB, db string, extra ...string) *Server {
	t.Helper()
	s, err := tryStartServe(t, db, extra...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tryStartServe is startServe returning an error instead of failing the
// test, for use outside the test's goroutine. It retries on another port
// when the chosen one was taken in the meantime.
func tryStartServe(t testing.TB, db string, extra ...string) (*Server, error) {
	t.Helper()
	dataDir := t.TempDir()
	var err error
	for range 3 {
		var addr string
		if addr, err = tryFreeAddr(); err != nil {
			return nil, err
		}
		args := append([]string{"serve", "--addr", addr, "--db", db, "--data-dir", dataDir}, extra...)
		var s *Server
		if s, err = launch(t, args, childEnv(), addr); err == nil {
			return s, nil
		}
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, err
}

// launch starts the binary with args and env, and waits until
// http://addr/readyz answers 200. On failure it ends the process and returns
// an error carrying its standard error; on success it registers a cleanup
// that stops the process gracefully.
func launch(t testing.TB, args, env []string, addr string) (*Server, error) {
	t.Helper()
	s := &Server{URL: "http://" + addr, Addr: addr, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(binary, args...)
	s.cmd.Dir = t.TempDir() // keep default paths (distribu.db, data/) out of the source tree
	s.cmd.Env = env
	s.cmd.Stdout = s.stdout
	s.cmd.Stderr = s.stderr
	s.cmd.SysProcAttr = procAttr()
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start distribu %s: %w", strings.Join(args, " "), err)
	}
	go func() {
		s.err = s.cmd.Wait()
		close(s.done)
	}()
	if err := s.waitReady(); err != nil {
		s.markStopped()
		_ = s.cmd.Process.Kill()
		<-s.done
		return nil, fmt.Errorf("distribu %s: %w\nstderr:\n%s", strings.Join(args, " "), err, s.Stderr())
	}
	t.Cleanup(func() { s.Stop(t) })
	return s, nil
}

// waitReady polls /readyz until it answers 200, the process exits, or
// readyTimeout passes.
func (s *Server) waitReady() error {
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	deadline := time.Now().Add(readyTimeout)
	last := "no answer yet"
	for time.Now().Before(deadline) {
		if s.exited() {
			return fmt.Errorf("exited before it was ready: %v", s.err)
		}
		resp, err := client.Get(s.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("/readyz did not answer 200 within %v (last: %s)", readyTimeout, last)
}

// result is the outcome of one operator command.
type result struct {
	Stdout string
	Stderr string
	Code   int
}

// runCommand runs the binary with args and env (added to a clean
// environment) in a temporary directory and returns its output and exit
// status. It fails the test when the command cannot run or takes longer
// than commandTimeout.
func runCommand(t testing.TB, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = childEnv(env...)
	cmd.SysProcAttr = procAttr()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := result{Stdout: stdout.String(), Stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case ctx.Err() != nil:
		t.Fatalf("distribu %s: no exit within %v\nstderr:\n%s", strings.Join(args, " "), commandTimeout, res.Stderr)
	case errors.As(err, &exit):
		res.Code = exit.ExitCode()
	default:
		t.Fatalf("run distribu %s: %v", strings.Join(args, " "), err)
	}
	return res
}
