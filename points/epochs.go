package points

import "time"

// Epochs maps signed times onto epochs: epoch e holds the times in
// [e·Length, (e+1)·Length) since the unix epoch. Every node uses the same
// Length, so an object falls into the same epoch everywhere.
type Epochs struct {
	Length time.Duration
}

// Of is the epoch of a signed time in unix milliseconds; times at or
// before the unix epoch are epoch 0.
func (e Epochs) Of(ms int64) uint64 {
	l := e.Length.Milliseconds()
	if ms <= 0 || l <= 0 {
		return 0
	}
	return uint64(ms) / uint64(l)
}

// At is the epoch of t.
func (e Epochs) At(t time.Time) uint64 { return e.Of(t.UnixMilli()) }

// End is the first instant after epoch n.
func (e Epochs) End(n uint64) time.Time {
	return time.UnixMilli(int64(n+1) * e.Length.Milliseconds())
}
