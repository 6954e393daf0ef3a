//go:build !linux

package e2e

import "syscall"

// procAttr returns no special attributes outside Linux.
func procAttr() *syscall.SysProcAttr { return nil }
