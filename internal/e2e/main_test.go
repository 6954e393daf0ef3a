package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// binary is the path of the distribu binary built by TestMain.
var binary string

// moduleRoot is the directory holding the module's go.mod.
var moduleRoot string

// TestMain builds ./cmd/distribu once into a temporary directory, runs the
// tests against it and removes it afterwards.
func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	if runtime.GOOS == "windows" {
		fmt.Println("e2e: skipped on windows (the tests send SIGTERM and SIGKILL)")
		return 0
	}
	root, err := findModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	moduleRoot = root
	dir, err := os.MkdirTemp("", "distribu-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temporary directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "distribu")
	build := exec.Command("go", "build", "-o", binary, "./cmd/distribu")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build ./cmd/distribu: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// findModuleRoot returns the directory of the main module's go.mod, asking
// `go env GOMOD` first and walking up from the working directory when that
// gives nothing.
func findModuleRoot() (string, error) {
	if out, err := exec.Command("go", "env", "GOMOD").Output(); err == nil {
		if gomod := strings.TrimSpace(string(out)); gomod != "" && gomod != os.DevNull {
			return filepath.Dir(gomod), nil
		}
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
