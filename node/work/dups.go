package work

import (
	"sync"

	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/datanet/dedup"
)

// Near-duplicate detection (datanet/dedup): each Datanet's records are
// indexed once, in the record store's sequence order, from a cursor that
// only moves forward, so a new record costs one signature and never a
// rescan. The scan, the review queue and the record-work view catch the
// index up before they read it, whatever path (a local submission, a
// crawl, gossip or sync) stored the records. The index lives in memory: a
// restarted node indexes its records once, on first use.
//
// A record is redundant when it nearly duplicates (estimated Jaccard
// similarity at least dedup.DefaultConfig().Threshold) a record of the
// same Datanet signed before it (by CreatedAt, then CID). The answer is
// taken from what the index holds when asked, so it does not depend on the
// order the two records arrived in.

// Redundancy names the earlier record a record nearly duplicates.
type Redundancy struct {
	Of         string  `json:"of"`         // the earlier record's CID
	Similarity float64 `json:"similarity"` // estimated Jaccard similarity
}

type nearDups struct {
	mu   sync.Mutex // serialises catching up
	byDN map[cid.Cid]*dnDups
}

type dnDups struct {
	ix    *dedup.Index
	after uint64 // the store sequence number indexed up to
}

func newNearDups() *nearDups { return &nearDups{byDN: map[cid.Cid]*dnDups{}} }

// catchUp indexes the records of dn stored since the last call.
func (w *Service) catchUpDups(dn cid.Cid) *dedup.Index {
	nd := w.dups
	nd.mu.Lock()
	defer nd.mu.Unlock()
	d := nd.byDN[dn]
	if d == nil {
		ix, err := dedup.NewIndex(dedup.DefaultConfig())
		if err != nil {
			panic(err) // the defaults are valid
		}
		d = &dnDups{ix: ix}
		nd.byDN[dn] = d
	}
	for {
		recs, next, err := w.data.ListRecords(datanet.Query{Datanet: dn, After: d.after, Limit: datanet.MaxQueryLimit})
		if err != nil {
			w.log.Warn("work: index records for near-duplicates", "datanet", dn, "err", err)
			return d.ix
		}
		for _, r := range recs {
			d.ix.Add(dedup.Key{Order: r.CreatedAt, ID: r.CID.String()}, d.ix.Sign(r.Content))
			d.after = r.Seq
		}
		if next == 0 || len(recs) == 0 {
			return d.ix
		}
	}
}

// Redundant reports the earlier record of the same Datanet that rec nearly
// duplicates; nil when there is none.
func (w *Service) Redundant(dn, rec cid.Cid) *Redundancy {
	m, ok := w.catchUpDups(dn).Redundant(rec.String())
	if !ok {
		return nil
	}
	return &Redundancy{Of: m.ID, Similarity: m.Similarity}
}
