package node

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/gpu"
)

// trainingRecords returns the record CIDs that trained the request's
// adapters, from the provenance.json that Model Factory writes next to an
// adapter this node trained (or that its operator installed with one).
// Adapters without provenance add nothing. The list is sorted and
// deduplicated.
func (a *attrService) trainingRecords(use []gpu.AdapterUse) []string {
	if a.n.infer == nil {
		return nil
	}
	var out []string
	for _, u := range use {
		dir, ok := a.n.infer.lib.Dir(u.CID)
		if !ok || u.Weight <= 0 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "provenance.json"))
		if err != nil {
			continue
		}
		var p Provenance
		if json.Unmarshal(b, &p) != nil || p.AdapterCID != u.CID {
			continue // provenance for another adapter is not this one's
		}
		out = append(out, p.Records...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// creditTraining gives the records that trained the request's adapters
// their part of the data share: all of it when no span or citation
// evidence names a record, half otherwise (the evidence keeps the other
// half, scaled). Each training record known to the index as golden gets
// an equal part. A receipt lists at most attribution.MaxRecords records;
// with more training records, a window of them starting at a position
// drawn from the request ID is credited, so that over many requests each
// record is credited about equally often.
func (s *spanIndex) creditTraining(evidence []attribution.Record, training []string, requestID string) []attribution.Record {
	if len(training) == 0 {
		return evidence
	}
	s.mu.Lock()
	var refs []attribution.RecordRef
	for _, c := range training {
		if ref, ok := s.refs[c]; ok {
			refs = append(refs, ref)
		}
	}
	s.mu.Unlock()
	if len(refs) == 0 {
		return evidence
	}
	room := attribution.MaxRecords - len(evidence)
	if room <= 0 {
		return evidence
	}
	if len(refs) > room {
		h := fnv.New64a()
		h.Write([]byte(requestID))
		start := int(h.Sum64() % uint64(len(refs)))
		refs = append(refs[start:], refs[:start]...)[:room]
	}
	share := uint64(attribution.WeightScale)
	if len(evidence) > 0 {
		share /= 2
	}
	w := map[[2]string]uint64{}
	byKey := map[[2]string]attribution.RecordRef{}
	for _, r := range evidence {
		k := [2]string{r.CID, r.Datanet}
		w[k] += r.Weight * (attribution.WeightScale - share) / attribution.WeightScale
		byKey[k] = attribution.RecordRef{CID: r.CID, Datanet: r.Datanet, Contributor: r.Contributor}
	}
	each := share / uint64(len(refs))
	for i, ref := range refs {
		k := [2]string{ref.CID, ref.Datanet}
		part := each
		if i == len(refs)-1 {
			part = share - each*uint64(len(refs)-1) // the remainder, so the parts sum exactly
		}
		w[k] += part
		byKey[k] = ref
	}
	out := make([]attribution.Record, 0, len(w))
	for k, weight := range w {
		ref := byKey[k]
		out = append(out, attribution.Record{CID: ref.CID, Contributor: ref.Contributor, Datanet: ref.Datanet, Weight: weight})
	}
	slices.SortFunc(out, func(a, b attribution.Record) int {
		if c := strings.Compare(a.CID, b.CID); c != 0 {
			return c
		}
		return strings.Compare(a.Datanet, b.Datanet)
	})
	return out
}
