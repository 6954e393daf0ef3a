// Package model is the shared vocabulary of Distribu: domain types, money and
// rate values, identifiers, the one error type with its codes, and context
// helpers. It imports only the standard library and small leaf modules.
package model
