package pay

import (
	"encoding/binary"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/provenet/provenet/attribution"
)

// A settlement row is the part of a checked receipt that Settle reads,
// in a compact binary form a node stores when it first accepts the
// receipt, so that settling an epoch reads rows instead of decoding and
// checking every receipt again:
//
//	version 1 | flags 1 (bit 0: paid)
//	paid only: auth 32 | payer 20 | operator 20 | fee uvarint | base owner 20 |
//	           n uvarint, n × (adapter owner 20 | weight uvarint) |
//	           m uvarint, m × (contributor 20 | weight uvarint)
//
// Only adapters and records of non-zero weight are kept (Split gives the
// others nothing), in the receipt's order. A free receipt's row is its
// two header bytes: Settle only counts it. Settling rows gives exactly
// the settlement of the receipts they came from (TestRowsSettleAsReceipts):
// the scaling tie-break, compareReceipts, reads only what a row holds.
const rowVersion = 1

const rowPaid = 1

// AppendRow appends the settlement row of r, a receipt already checked
// (attribution.Receipt.Validate), to dst.
func AppendRow(dst []byte, r *attribution.Receipt) []byte {
	if r.Auth == ([32]byte{}) {
		return append(dst, rowVersion, 0)
	}
	dst = append(dst, rowVersion, rowPaid)
	dst = append(dst, r.Auth[:]...)
	dst = append(dst, r.Payer[:]...)
	dst = append(dst, r.Operator[:]...)
	dst = binary.AppendUvarint(dst, r.Fee)
	dst = append(dst, r.Base.Owner[:]...)
	n := 0
	for _, a := range r.Adapters {
		if a.Weight > 0 {
			n++
		}
	}
	dst = binary.AppendUvarint(dst, uint64(n))
	for _, a := range r.Adapters {
		if a.Weight > 0 {
			dst = append(dst, a.Owner[:]...)
			dst = binary.AppendUvarint(dst, uint64(a.Weight))
		}
	}
	n = 0
	for _, rec := range r.Records {
		if rec.Weight > 0 {
			n++
		}
	}
	dst = binary.AppendUvarint(dst, uint64(n))
	for _, rec := range r.Records {
		if rec.Weight > 0 {
			dst = append(dst, rec.Contributor[:]...)
			dst = binary.AppendUvarint(dst, rec.Weight)
		}
	}
	return dst
}

// Rows gathers an epoch's settlement rows as the receipts Settle takes:
// each holds only what its row holds (no CIDs, hashes or signature), in
// arenas allocated a chunk at a time. The zero value is ready to use.
type Rows struct {
	receipts []*attribution.Receipt
	rs       []attribution.Receipt
	ads      []attribution.Adapter
	recs     []attribution.Record
}

const rowChunk = 4096

// Receipts are the receipts added so far, in the order added.
func (x *Rows) Receipts() []*attribution.Receipt { return x.receipts }

// Len is the number of rows added.
func (x *Rows) Len() int { return len(x.receipts) }

// Add decodes a row of epoch and appends its receipt. A malformed row
// fails with ErrSettleInput and adds nothing.
func (x *Rows) Add(epoch uint64, row []byte) error {
	bad := func(what string) error { return fmt.Errorf("%w: settlement row: %s", ErrSettleInput, what) }
	if len(row) < 2 || row[0] != rowVersion {
		return bad("version")
	}
	if len(x.rs) == cap(x.rs) {
		x.rs = make([]attribution.Receipt, 0, rowChunk)
	}
	x.rs = x.rs[:len(x.rs)+1]
	r := &x.rs[len(x.rs)-1]
	r.Version, r.Epoch = attribution.ReceiptVersion, epoch
	if row[1] == 0 {
		if len(row) != 2 {
			return x.undo(bad("free row with a body"))
		}
		x.receipts = append(x.receipts, r)
		return nil
	}
	if row[1] != rowPaid {
		return x.undo(bad("flags"))
	}
	b := row[2:]
	take := func(n int) []byte {
		if len(b) < n {
			b = nil
			return nil
		}
		out := b[:n]
		b = b[n:]
		return out
	}
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	addr := func() (common.Address, bool) {
		p := take(common.AddressLength)
		return common.Address(p), p != nil
	}
	auth := take(32)
	if auth == nil {
		return x.undo(bad("short"))
	}
	r.Auth = [32]byte(auth)
	var ok1, ok2, ok3, ok4, ok5 bool
	r.Payer, ok1 = addr()
	r.Operator, ok2 = addr()
	r.Fee, ok3 = uvarint()
	r.Base.Owner, ok4 = addr()
	nAd, ok5 := uvarint()
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || nAd > attribution.MaxAdapters {
		return x.undo(bad("header"))
	}
	if nAd > 0 {
		if cap(x.ads)-len(x.ads) < int(nAd) {
			x.ads = make([]attribution.Adapter, 0, max(rowChunk, int(nAd)))
		}
		first := len(x.ads)
		for range nAd {
			o, ok := addr()
			w, okw := uvarint()
			if !ok || !okw || w > 1<<32-1 {
				x.ads = x.ads[:first]
				return x.undo(bad("adapter"))
			}
			x.ads = append(x.ads, attribution.Adapter{Owner: o, Weight: uint32(w)})
		}
		r.Adapters = x.ads[first:len(x.ads):len(x.ads)]
	}
	nRec, ok := uvarint()
	if !ok || nRec > attribution.MaxRecords {
		return x.undo(bad("records"))
	}
	if nRec > 0 {
		if cap(x.recs)-len(x.recs) < int(nRec) {
			x.recs = make([]attribution.Record, 0, max(rowChunk, int(nRec)))
		}
		first := len(x.recs)
		for range nRec {
			c, ok := addr()
			w, okw := uvarint()
			if !ok || !okw {
				x.recs = x.recs[:first]
				return x.undo(bad("record"))
			}
			x.recs = append(x.recs, attribution.Record{Contributor: c, Weight: w})
		}
		r.Records = x.recs[first:len(x.recs):len(x.recs)]
	}
	if len(b) != 0 {
		return x.undo(bad("trailing bytes"))
	}
	x.receipts = append(x.receipts, r)
	return nil
}

// undo drops the receipt Add was filling.
func (x *Rows) undo(err error) error {
	x.rs[len(x.rs)-1] = attribution.Receipt{}
	x.rs = x.rs[:len(x.rs)-1]
	return err
}
