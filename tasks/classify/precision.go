package classify

import (
	"math"
	"slices"
)

// precisionZ is the normal quantile of the one-sided 95% Wilson bound.
const precisionZ = 1.6448536269514722

// MaxKnots bounds the precision map: confidences are rounded down to
// thousandths, so it has at most 1,001 steps.
const MaxKnots = 1001

// precisionMap is a non-decreasing step function from a prediction's
// probability to its Confidence. The zero value is the identity (an
// uncalibrated model).
type precisionMap struct {
	p, conf []float64 // knots, both strictly increasing
}

// at returns the confidence of a prediction with probability p: the value
// of the last knot at or below p, 0 below the first. Without knots it is p.
func (m precisionMap) at(p float64) float64 {
	if len(m.p) == 0 {
		return p
	}
	i, found := slices.BinarySearch(m.p, p)
	if found {
		return m.conf[i]
	}
	if i == 0 {
		return 0
	}
	return m.conf[i-1]
}

func (m precisionMap) knots() []Knot {
	out := make([]Knot, len(m.p))
	for i := range m.p {
		out[i] = Knot{Probability: m.p[i], Confidence: m.conf[i]}
	}
	return out
}

// valid reports whether the knots are a map fitPrecision could return.
func (m precisionMap) valid() bool {
	if len(m.p) != len(m.conf) || len(m.p) > MaxKnots {
		return false
	}
	for i := range m.p {
		if !(m.p[i] > 0 && m.p[i] <= 1) || !(m.conf[i] > 0 && m.conf[i] <= 1) ||
			m.conf[i] != math.Floor(m.conf[i]*1000)/1000 {
			return false
		}
		if i > 0 && (m.p[i] <= m.p[i-1] || m.conf[i] <= m.conf[i-1]) {
			return false
		}
	}
	return true
}

// wilsonLower is the one-sided 95% Wilson lower bound on a proportion
// observed as p over n (effective) trials; 0 when n is 0.
func wilsonLower(p, n float64) float64 {
	if n <= 0 {
		return 0
	}
	z := precisionZ
	centre := p + z*z/(2*n)
	spread := z * math.Sqrt(max(0, p*(1-p))/n+z*z/(4*n*n))
	return max(0, (centre-spread)/(1+z*z/n))
}

// fitPrecision builds the map from out-of-fold outcomes, one list per
// grouping: the lower of the groupings' upper-set bounds, rounded down to
// thousandths. Whatever threshold t a caller applies to Confidence, the
// predictions it keeps are those with probability at least the first knot
// whose confidence reaches t, and the outcomes with at least that
// probability were right at least a share t of the time (at 95%, weighted
// to the stream's label mix), in every grouping.
func fitPrecision(groupings [][]outcome) precisionMap {
	var maps []precisionMap
	var ps []float64
	for _, outs := range groupings {
		m := upperSetBound(outs)
		maps = append(maps, m)
		ps = append(ps, m.p...)
	}
	slices.Sort(ps)
	ps = slices.Compact(ps)
	var out precisionMap
	for _, p := range ps {
		c := 1.0
		for _, m := range maps {
			c = min(c, m.at(p))
		}
		c = math.Floor(c*1000) / 1000
		if c > 0 && (len(out.conf) == 0 || c > out.conf[len(out.conf)-1]) {
			out.p = append(out.p, p)
			out.conf = append(out.conf, c)
		}
	}
	return out
}

// upperSetBound is one grouping's map: for each probability p among the
// outcomes, the Wilson lower bound on the weighted precision of the
// outcomes with probability at least p, raised to the highest such bound
// at or below p.
func upperSetBound(outs []outcome) precisionMap {
	sorted := slices.Clone(outs)
	slices.SortFunc(sorted, func(a, b outcome) int {
		switch {
		case a.p > b.p:
			return -1
		case a.p < b.p:
			return 1
		}
		return 0
	})
	ps := make([]float64, 0, len(sorted))
	bounds := make([]float64, 0, len(sorted))
	var w, wr, w2 float64
	for i, o := range sorted {
		w += o.w
		w2 += o.w * o.w
		if o.right {
			wr += o.w
		}
		if i+1 < len(sorted) && sorted[i+1].p == o.p || w <= 0 {
			continue
		}
		ps = append(ps, o.p)
		bounds = append(bounds, wilsonLower(wr/w, w*w/w2))
	}
	var m precisionMap
	best := 0.0
	for k := len(ps) - 1; k >= 0; k-- { // increasing probability
		if bounds[k] > best {
			best = bounds[k]
			m.p = append(m.p, ps[k])
			m.conf = append(m.conf, best)
		}
	}
	return m
}

// fitLabelPrecision is fitPrecision for the outcomes that predicted each
// of L labels alone.
func fitLabelPrecision(groupings [][]outcome, L int) []precisionMap {
	out := make([]precisionMap, L)
	for l := range out {
		var gs [][]outcome
		for _, outs := range groupings {
			var g []outcome
			for _, o := range outs {
				if o.label == l {
					g = append(g, o)
				}
			}
			gs = append(gs, g)
		}
		out[l] = fitPrecision(gs)
	}
	return out
}

// bound is at, but 0 without knots: a label whose predictions were never
// seen out of fold has no precision to vouch for it.
func (m precisionMap) bound(p float64) float64 {
	if len(m.p) == 0 {
		return 0
	}
	return m.at(p)
}

// remapPrecision returns the per-label maps of the labels from for the
// labels to; a label from lacks gets an empty map (confidence 0).
func remapPrecision(from []string, maps []precisionMap, to []string) []precisionMap {
	if maps == nil || slices.Equal(from, to) {
		return maps
	}
	out := make([]precisionMap, len(to))
	for i, l := range to {
		if j, ok := slices.BinarySearch(from, l); ok {
			out[i] = maps[j]
		}
	}
	return out
}
