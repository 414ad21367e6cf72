package sample

import "strings"

// StopMatcher finds stop sequences in text that arrives in pieces. Feed
// it each decoded piece; it returns what is safe to show now, holding back
// a suffix that could be the start of a stop sequence. The zero value (or
// one built with no stop sequences) passes everything through.
type StopMatcher struct {
	stops   []string
	pending string // held back: a suffix that is a prefix of some stop
	stopped bool
}

// NewStopMatcher returns a matcher for stops; empty strings are ignored.
func NewStopMatcher(stops []string) *StopMatcher {
	m := &StopMatcher{}
	for _, s := range stops {
		if s != "" {
			m.stops = append(m.stops, s)
		}
	}
	return m
}

// Feed adds text and returns the text now safe to emit. When a stop
// sequence is completed it returns the text before it and stopped=true;
// the stop sequence itself is never emitted. After a stop, Feed returns
// ("", true) and ignores its input.
func (m *StopMatcher) Feed(text string) (emit string, stopped bool) {
	if m.stopped {
		return "", true
	}
	if len(m.stops) == 0 {
		return text, false
	}
	buf := m.pending + text
	// The earliest stop wins; on equal starts, the longest.
	at, end := -1, 0
	for _, s := range m.stops {
		if i := strings.Index(buf, s); i >= 0 && (at < 0 || i < at || (i == at && len(s) > end-at)) {
			at, end = i, i+len(s)
		}
	}
	if at >= 0 {
		m.stopped, m.pending = true, ""
		return buf[:at], true
	}
	hold := m.heldSuffix(buf)
	m.pending = buf[len(buf)-hold:]
	return buf[:len(buf)-hold], false
}

// Flush returns any held-back text at the end of generation (it did not
// become a stop sequence) and resets the hold.
func (m *StopMatcher) Flush() string {
	p := m.pending
	m.pending = ""
	if m.stopped {
		return ""
	}
	return p
}

// Stopped reports whether a stop sequence has been seen.
func (m *StopMatcher) Stopped() bool { return m.stopped }

// heldSuffix returns the length of the longest proper suffix of buf that
// is a prefix of a stop sequence.
func (m *StopMatcher) heldSuffix(buf string) int {
	best := 0
	for _, s := range m.stops {
		n := min(len(s)-1, len(buf))
		for l := n; l > best; l-- {
			if strings.HasPrefix(s, buf[len(buf)-l:]) {
				best = l
				break
			}
		}
	}
	return best
}
