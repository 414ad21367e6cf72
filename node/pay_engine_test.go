package node

import "testing"

func TestOneChoice(t *testing.T) {
	for body, want := range map[string]bool{
		`{"model":"m","prompt":"hi"}`:                true,
		`{"model":"m","prompt":"hi","n":1}`:          true,
		`{"model":"m","prompt":"hi","n":2}`:          false,
		`{"model":"m","prompt":["a","b"]}`:           false,
		`{"model":"m","prompt":["a"]}`:               true,
		`{"model":"m","prompt":[1,2,3]}`:             true, // token IDs: one prompt
		`{"model":"m","prompt":[[1,2],[3]]}`:         false,
		`{"model":"m","messages":[],"n":3}`:          false,
		`{"model":"m","messages":[{"role":"user"}]}`: true,
		`not json`: true, // the handler reports it
	} {
		if got := oneChoice([]byte(body)); got != want {
			t.Errorf("oneChoice(%s) = %v, want %v", body, got, want)
		}
	}
}
