package node

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"

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
// half, scaled). When the evidence names some of the training records (the
// answer repeats them), those share the part by their evidence and the
// others get nothing; otherwise each training record known to the index
// as golden gets an equal part. A receipt lists at most
// attribution.MaxRecords records; with more training records, a window of them starting at a position
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
	if parts, ok := attribution.EvidenceParts(evidence, refs); ok {
		// Only the named records have a part; they are in the evidence
		// already, so the receipt grows by none.
		return attribution.Blend(evidence, refs, parts, attribution.MethodTraining)
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
	parts := make([]uint64, len(refs))
	for i := range parts {
		parts[i] = 1
	}
	return attribution.Blend(evidence, refs, parts, attribution.MethodTraining)
}
