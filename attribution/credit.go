package attribution

import (
	"slices"
)

// Blend adds refs to the evidence records. refs share their part of
// WeightScale (all of it when there is no evidence, half otherwise) in
// proportion to parts, the last one taking the rounding remainder so that
// the shares sum exactly; the evidence keeps the rest, scaled. A record in
// both is merged. Refs with a zero part are left out. The result is
// sorted by (CID, Datanet). With parts all zero, evidence is returned as
// is.
//
// The node blends span evidence with citations and with the records that
// trained the request's adapters this way. A record that the evidence
// holds keeps its Method and Score; one that only refs name gets method
// and its part as Score (a ref named twice keeps the first part).
func Blend(evidence []Record, refs []RecordRef, parts []uint64, method uint8) []Record {
	share := uint64(WeightScale)
	if len(evidence) > 0 {
		share /= 2
	}
	var total uint64
	last := -1
	for i, p := range parts {
		total += p
		if p > 0 {
			last = i
		}
	}
	if total == 0 {
		return evidence
	}
	type key struct{ cid, datanet string }
	w := map[key]*Record{}
	for _, r := range evidence {
		k := key{r.CID, r.Datanet}
		if w[k] == nil {
			w[k] = &Record{CID: r.CID, Datanet: r.Datanet, Contributor: r.Contributor, Method: r.Method, Score: r.Score}
		}
		w[k].Weight += r.Weight * (WeightScale - share) / WeightScale
	}
	var given uint64
	for i, ref := range refs {
		if parts[i] == 0 {
			continue
		}
		part := share * parts[i] / total // share <= 2^20, parts below 2^44 (see EvidenceParts): no overflow
		if i == last {
			part = share - given // the remainder, so the shares sum exactly
		}
		given += part
		k := key{ref.CID, ref.Datanet}
		if w[k] == nil {
			w[k] = &Record{CID: ref.CID, Datanet: ref.Datanet, Contributor: ref.Contributor, Method: method, Score: parts[i]}
			if method == MethodNone {
				w[k].Score = 0
			}
		}
		w[k].Weight += part
	}
	out := make([]Record, 0, len(w))
	for _, r := range w {
		out = append(out, *r)
	}
	slices.SortFunc(out, compareRecordKey)
	return out
}

// EvidenceParts returns, for each of refs, the weight the span evidence
// gives that record (0 when it gives none), for Blend: cited or training
// records that the answer's spans name share their part by that weight,
// and those it does not name get nothing. ok is false when no ref has
// evidence; the caller then falls back to its own parts (citation counts,
// equal training parts).
func EvidenceParts(evidence []Record, refs []RecordRef) (parts []uint64, ok bool) {
	type key struct{ cid, datanet string }
	w := make(map[key]uint64, len(evidence))
	for _, r := range evidence {
		w[key{r.CID, r.Datanet}] += r.Weight
	}
	parts = make([]uint64, len(refs))
	for i, ref := range refs {
		parts[i] = w[key{ref.CID, ref.Datanet}]
		ok = ok || parts[i] > 0
	}
	return parts, ok
}

// EffectParts turns measured effects (ContextCite-style ablation: the
// answer's log-probability with all cited passages minus that with one
// passage left out, in any fixed unit such as millinats) into Blend parts:
// a passage whose removal made the answer less likely gets a part in
// proportion to that drop; one whose removal changed nothing or helped
// gets nothing. ok is false when no effect is positive.
func EffectParts(effects []int64) (parts []uint64, ok bool) {
	parts = make([]uint64, len(effects))
	for i, e := range effects {
		if e > 0 {
			parts[i] = uint64(min(e, 1<<40))
			ok = true
		}
	}
	return parts, ok
}
