package sample

import "slices"

// maxSelectRounds bounds quickselect's partition rounds before nucleus
// falls back to sorting (guards against quadratic pivot sequences).
const maxSelectRounds = 64

// nucleus rearranges c so that c[:m] holds the m strongest candidates
// (by weight, then lowest id), for the smallest m whose weights sum to at
// least target, and returns m. It needs target > 0 and sum(c) >= target,
// and runs in expected linear time (quickselect), not a full sort.
func nucleus(c []cand, target float64) int {
	// Invariant: the answer m is in (lo, hi]; c[:lo] are the lo strongest
	// and weigh acc < target.
	lo, hi := 0, len(c)
	var acc float64
	for round := 0; hi-lo > 1; round++ {
		if round == maxSelectRounds {
			slices.SortFunc(c[lo:hi], byProbDesc)
			for i := lo; i < hi; i++ {
				acc += float64(c[i].v)
				if acc >= target {
					return i + 1
				}
			}
			return hi
		}
		p := partition(c, lo, hi)
		var above float64
		for _, x := range c[lo:p] {
			above += float64(x.v)
		}
		switch {
		case acc+above >= target:
			hi = p
		case acc+above+float64(c[p].v) >= target:
			return p + 1
		default:
			acc += above + float64(c[p].v)
			lo = p + 1
		}
	}
	return hi
}

// partition orders c[lo:hi] around a median-of-three pivot: stronger
// candidates first, then the pivot, then weaker ones. It returns the
// pivot's index.
func partition(c []cand, lo, hi int) int {
	mid := lo + (hi-lo)/2
	last := hi - 1
	// Median of three into c[last].
	if weaker(c[mid], c[lo]) {
		c[mid], c[lo] = c[lo], c[mid]
	}
	if weaker(c[last], c[lo]) {
		c[last], c[lo] = c[lo], c[last]
	}
	if weaker(c[mid], c[last]) {
		c[mid], c[last] = c[last], c[mid]
	}
	pv := c[last]
	i := lo
	for j := lo; j < last; j++ {
		if weaker(pv, c[j]) {
			c[i], c[j] = c[j], c[i]
			i++
		}
	}
	c[i], c[last] = c[last], c[i]
	return i
}
