package e2e

import "syscall"

// procAttr makes a child process die with the test binary, so a test that
// panics or times out leaves no server running.
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
