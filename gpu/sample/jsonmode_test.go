package sample

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func feedJSON(s string) (JSONState, bool, int) {
	var st JSONState
	for i := 0; i < len(s); i++ {
		if !st.Feed([]byte{s[i]}) {
			return st, false, i
		}
	}
	return st, true, len(s)
}

// Every prefix of a JSON object is accepted and only the whole is
// complete.
func TestJSONAcceptsObjects(t *testing.T) {
	docs := []string{
		`{}`, `{ }`, `{"a":1}`, `{"a": [1, 2.5, -0.1e+3, 0, 1E9], "b": {"c": null, "d": true, "e": false}}`,
		`{"s": "esc \" \\ \/ \b \f \n \r \t \u00e9 é 日本 🙂"}`, `{"a": [], "b": [[]], "c": [{}], "d": ""}`,
		"{\n  \"k\": \"v\"\n}", `{"n": -0}`, `{"n": 12.0e-5}`,
	}
	for _, d := range docs {
		if !json.Valid([]byte(d)) {
			t.Fatalf("test doc %q is not JSON", d)
		}
		st, ok, at := feedJSON(d)
		if !ok {
			t.Fatalf("%q refused at byte %d", d, at)
		}
		if !st.Complete() {
			t.Fatalf("%q accepted but not complete", d)
		}
	}
}

// What is not a JSON object is refused at some byte, or never completes.
func TestJSONRefuses(t *testing.T) {
	bad := []string{
		`[]`, `1`, `"s"`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":[1,]}`, `{,}`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`,
		`{"a":-}`, `{"a":1e}`, `{"a":tru}`, `{"a":nul1}`, `{"a":"\x"}`, "{\"a\":\"\x01\"}", `{"a":"\u12g4"}`,
		`{} {}`, `{"a":1]`, `{"a":[1}`, `{'a':1}`, "{\"a\":\"\xff\"}", "{\"a\":\"\xc3(\"}", `{"a":+1}`,
	}
	for _, d := range bad {
		st, ok, _ := feedJSON(d)
		if ok && st.Complete() {
			t.Errorf("%q accepted as a whole JSON object", d)
		}
		// (encoding/json accepts invalid UTF-8 in strings; RFC 8259 and
		// the automaton do not.)
		if json.Valid([]byte(d)) && utf8.ValidString(d) && strings.HasPrefix(strings.TrimSpace(d), "{") {
			t.Errorf("test doc %q is valid JSON", d)
		}
	}
}

// A random walk that only takes bytes the automaton accepts, until it
// completes, always ends in valid JSON: the automaton never accepts a
// prefix that cannot be finished, and what it calls complete is JSON.
func TestJSONRandomWalksAreValid(t *testing.T) {
	alphabet := []byte("{}[]\",:0123456789.-+eEtrufalsn \\u/bA\nä")
	rng := rand.New(rand.NewPCG(1, 2))
	completed := 0
	for walk := 0; walk < 2000; walk++ {
		var st JSONState
		var out []byte
		for steps := 0; steps < 400 && !st.Complete(); steps++ {
			c := alphabet[rng.IntN(len(alphabet))]
			next := st
			if next.Feed([]byte{c}) {
				st, out = next, append(out, c)
			}
		}
		if st.Complete() {
			completed++
			if !json.Valid(out) || !utf8.Valid(out) {
				t.Fatalf("walk %d completed with invalid JSON %q", walk, out)
			}
		}
	}
	if completed < 100 {
		t.Fatalf("only %d of 2000 walks completed: the test proves little", completed)
	}
}

func TestJSONLimits(t *testing.T) {
	if _, ok, _ := feedJSON("{\"a\":" + strings.Repeat("[", MaxJSONDepth)); ok {
		t.Fatal("nesting beyond MaxJSONDepth accepted")
	}
	if _, ok, _ := feedJSON("{" + strings.Repeat(" ", MaxJSONSpace+1)); ok {
		t.Fatal("a whitespace run beyond MaxJSONSpace accepted")
	}
}

func BenchmarkJSONTokenCheck(b *testing.B) {
	var st JSONState
	st.Feed([]byte(`{"name": "ab`))
	tok := []byte("cdef")
	for i := 0; i < b.N; i++ {
		next := st
		next.Feed(tok)
	}
}
