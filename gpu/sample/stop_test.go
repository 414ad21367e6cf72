package sample

import (
	"strings"
	"testing"
)

func feedAll(m *StopMatcher, chunks []string) (string, bool) {
	var out strings.Builder
	for _, c := range chunks {
		e, stop := m.Feed(c)
		out.WriteString(e)
		if stop {
			return out.String(), true
		}
	}
	out.WriteString(m.Flush())
	return out.String(), false
}

func TestStopMatcher(t *testing.T) {
	cases := []struct {
		stops  []string
		chunks []string
		want   string
		stop   bool
	}{
		{nil, []string{"a", "b"}, "ab", false},
		{[]string{"END"}, []string{"hello E", "N", "D tail"}, "hello ", true},
		{[]string{"END"}, []string{"hello E", "N", "x"}, "hello ENx", false},
		{[]string{"END"}, []string{"hello EN"}, "hello EN", false}, // flushed at the end
		{[]string{"\n\n", "###"}, []string{"a\n", "#", "#", "#b"}, "a\n", true},
		{[]string{"abc", "b"}, []string{"xa", "bc"}, "x", true}, // earliest start wins
		{[]string{"abd", "b"}, []string{"xa", "bc"}, "xa", true},
		{[]string{"aab"}, []string{"a", "a", "a", "b"}, "a", true},
		{[]string{"", "zz"}, []string{"z", "y", "zz"}, "zy", true},
		{[]string{"é!"}, []string{"caf", "é", "!"}, "caf", true},
	}
	for i, c := range cases {
		got, stop := feedAll(NewStopMatcher(c.stops), c.chunks)
		if got != c.want || stop != c.stop {
			t.Errorf("case %d: got (%q, %v), want (%q, %v)", i, got, stop, c.want, c.stop)
		}
	}
}

func TestStopMatcherHoldsBack(t *testing.T) {
	m := NewStopMatcher([]string{"STOP"})
	if e, _ := m.Feed("text ST"); e != "text " {
		t.Fatalf("emitted %q, want %q", e, "text ")
	}
	if e, _ := m.Feed("O"); e != "" {
		t.Fatalf("emitted %q while a prefix is pending", e)
	}
	if e, stop := m.Feed("P!"); e != "" || !stop {
		t.Fatalf("got (%q, %v)", e, stop)
	}
	if e, stop := m.Feed("more"); e != "" || !stop || !m.Stopped() {
		t.Fatalf("after stop got (%q, %v)", e, stop)
	}
	var zero StopMatcher
	if e, stop := zero.Feed("x"); e != "x" || stop {
		t.Fatal("zero matcher should pass through")
	}
}
