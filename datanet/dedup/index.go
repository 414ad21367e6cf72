package dedup

import (
	"cmp"
	"sync"
)

// Key identifies a record in the index and orders it: by Order (the
// record's position, such as its Datanet sequence number or creation
// time), then by ID (its CID).
type Key struct {
	Order int64
	ID    string
}

func (k Key) compare(o Key) int {
	return cmp.Or(cmp.Compare(k.Order, o.Order), cmp.Compare(k.ID, o.ID))
}

// Match is an indexed record that a text nearly duplicates.
type Match struct {
	Key
	// Similarity is the estimated Jaccard similarity.
	Similarity float64
}

// Index holds the signatures of a Datanet's records. It is safe for
// concurrent use.
type Index struct {
	cfg  Config
	rows int // hashes per band

	mu    sync.RWMutex
	sigs  map[string]entry
	bands []map[uint64][]string // per band, band hash -> record IDs
}

type entry struct {
	key Key
	sig Signature
}

// NewIndex returns an empty index; ErrInvalid for a bad cfg.
func NewIndex(cfg Config) (*Index, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	ix := &Index{cfg: cfg, rows: cfg.Hashes / cfg.Bands, sigs: map[string]entry{}, bands: make([]map[uint64][]string, cfg.Bands)}
	for i := range ix.bands {
		ix.bands[i] = map[uint64][]string{}
	}
	return ix, nil
}

// Config returns the index's configuration.
func (ix *Index) Config() Config { return ix.cfg }

// Sign returns the signature of text.
func (ix *Index) Sign(text string) Signature { return ix.cfg.sign(text) }

// Len is how many records the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.sigs)
}

// Add indexes a record's signature; false when its ID is already indexed
// or the signature is empty or of another length.
func (ix *Index) Add(k Key, sig Signature) bool {
	if len(sig) != ix.cfg.Hashes {
		return false
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.sigs[k.ID]; ok {
		return false
	}
	ix.sigs[k.ID] = entry{k, sig}
	for b := range ix.bands {
		h := ix.bandHash(sig, b)
		ix.bands[b][h] = append(ix.bands[b][h], k.ID)
	}
	return true
}

// Earliest returns the first record, in Key order, that comes before k and
// whose signature's similarity to sig is at least Config.Threshold: the
// record that sig's record nearly duplicates, whatever order the two were
// indexed in. ok is false when there is none.
func (ix *Index) Earliest(k Key, sig Signature) (m Match, ok bool) {
	if len(sig) != ix.cfg.Hashes {
		return Match{}, false
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	seen := map[string]bool{}
	for b := range ix.bands {
		for _, id := range ix.bands[b][ix.bandHash(sig, b)] {
			if seen[id] || id == k.ID {
				continue
			}
			seen[id] = true
			e := ix.sigs[id]
			if e.key.compare(k) >= 0 {
				continue
			}
			s := Similarity(sig, e.sig)
			if s < ix.cfg.Threshold {
				continue
			}
			if !ok || e.key.compare(m.Key) < 0 {
				m, ok = Match{Key: e.key, Similarity: s}, true
			}
		}
	}
	return m, ok
}

// Has reports whether id is indexed.
func (ix *Index) Has(id string) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, ok := ix.sigs[id]
	return ok
}

// Redundant returns the earliest record, in Key order, that the indexed
// record id nearly duplicates (see Earliest), from the signatures indexed
// now: an earlier record indexed after id counts too, so the answer does
// not depend on the order records were indexed in. ok is false when id is
// not indexed or duplicates nothing.
func (ix *Index) Redundant(id string) (m Match, ok bool) {
	ix.mu.RLock()
	e, found := ix.sigs[id]
	ix.mu.RUnlock()
	if !found {
		return Match{}, false
	}
	return ix.Earliest(e.key, e.sig)
}

// Check signs text, returns the earlier record it nearly duplicates (see
// Earliest), and indexes it under k.
func (ix *Index) Check(k Key, text string) (Match, bool) {
	sig := ix.Sign(text)
	m, ok := ix.Earliest(k, sig)
	ix.Add(k, sig)
	return m, ok
}

// bandHash hashes band b of sig, with b, so that bands do not collide.
func (ix *Index) bandHash(sig Signature, b int) uint64 {
	h := mix(uint64(b) + 1)
	for _, v := range sig[b*ix.rows : (b+1)*ix.rows] {
		h = mix(h ^ v)
	}
	return h
}
