//go:build !unix

package memlimit

// addressSpace reports no address-space limit where there is no RLIMIT_AS.
func addressSpace() []Limit { return nil }
