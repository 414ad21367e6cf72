package node

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
)

// TestAPIErrorTable: every table entry maps a wrapped error to its own
// status and code, and no client error is ever answered "internal".
func TestAPIErrorTable(t *testing.T) {
	for _, e := range apiErrors {
		status, code := errorStatus(fmt.Errorf("context: %w", e.err))
		// An earlier entry may be a wrapper of a later one's error; then
		// the earlier, more specific one must be what errors.Is finds.
		if status != e.status || code != e.code {
			if first := firstMatch(e.err); first == nil || first.code != code {
				t.Errorf("%v: got %d %q, want %d %q", e.err, status, code, e.status, e.code)
			}
		}
		if e.status >= 400 && e.status < 500 && e.code == "internal" {
			t.Errorf("%v: a %d answered internal", e.err, e.status)
		}
	}
	other := errors.New("something the table does not know")
	for status := 400; status < 500; status++ {
		if c := codeFor(status, other); c == "internal" {
			t.Errorf("status %d with an unknown error answered internal", status)
		}
	}
	if s, c := errorStatus(other); s != http.StatusInternalServerError || c != "internal" {
		t.Errorf("unknown error: got %d %q", s, c)
	}
	if c := codeFor(http.StatusNotFound, fmt.Errorf("x: %w", ErrReceiptNotFound)); c != "not_found" {
		t.Errorf("receipt not found: %q", c)
	}
}

func firstMatch(err error) *struct {
	err    error
	status int
	code   string
} {
	for i := range apiErrors {
		if errors.Is(err, apiErrors[i].err) {
			return &apiErrors[i]
		}
	}
	return nil
}
