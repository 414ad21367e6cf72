package replica

import (
	"sync"
	"time"

	"github.com/ipfs/go-cid"
)

// Orphan pool bounds. An attacker can fill the pool with records of
// datanets that do not exist; the harm is bounded, and catch-up sync still
// brings whatever the pool drops.
const (
	maxOrphans     = 4096
	maxOrphanBytes = 32 << 20
	orphanTTL      = 2 * time.Minute
	orphanDatanets = 256
	orphanPerDNCap = maxOrphans / 4
)

// orphans holds gossiped records that arrived before their datanet: the
// two travel on different topics, so a record submitted right after its
// datanet is created often overtakes it. When the datanet is stored, its
// orphans are validated and stored too, instead of waiting for sync.
type orphans struct {
	mu    sync.Mutex
	now   func() time.Time
	byDN  map[string][]orphan
	n     int
	bytes int
}

type orphan struct {
	data []byte
	at   time.Time
}

func newOrphans(now func() time.Time) *orphans {
	return &orphans{now: now, byDN: make(map[string][]orphan)}
}

// add keeps data for datanet dn, unless the pool is full.
func (o *orphans) add(dn cid.Cid, data []byte) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.n >= maxOrphans || o.bytes+len(data) > maxOrphanBytes {
		o.expire()
		if o.n >= maxOrphans || o.bytes+len(data) > maxOrphanBytes {
			return false
		}
	}
	k := dn.KeyString()
	list, ok := o.byDN[k]
	if (!ok && len(o.byDN) >= orphanDatanets) || len(list) >= orphanPerDNCap {
		return false
	}
	o.byDN[k] = append(list, orphan{data: data, at: o.now()})
	o.n++
	o.bytes += len(data)
	return true
}

// take removes and returns the live orphans of dn.
func (o *orphans) take(dn cid.Cid) [][]byte {
	o.mu.Lock()
	defer o.mu.Unlock()
	list := o.byDN[dn.KeyString()]
	if list == nil {
		return nil
	}
	delete(o.byDN, dn.KeyString())
	cutoff := o.now().Add(-orphanTTL)
	out := make([][]byte, 0, len(list))
	for _, e := range list {
		o.n--
		o.bytes -= len(e.data)
		if e.at.After(cutoff) {
			out = append(out, e.data)
		}
	}
	return out
}

// expire drops entries older than the TTL. Called with mu held.
func (o *orphans) expire() {
	cutoff := o.now().Add(-orphanTTL)
	for k, list := range o.byDN {
		kept := list[:0]
		for _, e := range list {
			if e.at.After(cutoff) {
				kept = append(kept, e)
				continue
			}
			o.n--
			o.bytes -= len(e.data)
		}
		if len(kept) == 0 {
			delete(o.byDN, k)
		} else {
			o.byDN[k] = kept
		}
	}
}
