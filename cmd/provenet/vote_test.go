package main

import (
	"errors"
	"testing"
)

func TestVoteRequestTakesExactlyOneVerdict(t *testing.T) {
	for _, c := range []struct {
		label          string
		accept, reject bool
		ok             bool
	}{
		{"net", false, false, true},
		{"", false, true, true},
		{"", true, false, true},
		{"", false, false, false},   // no flag: was an accept without a label
		{"net", false, true, false}, // --label x --reject
		{"net", true, false, false}, // --label x --accept
		{"", true, true, false},     // --accept --reject
	} {
		req, err := voteRequest("bafy", c.label, c.accept, c.reject)
		if c.ok != (err == nil) || (!c.ok && !errors.Is(err, errVoteFlags)) {
			t.Errorf("%+v: err %v", c, err)
		}
		if c.ok && (req.Accept == c.reject || req.Label != c.label) {
			t.Errorf("%+v: request %+v", c, req)
		}
	}
}
