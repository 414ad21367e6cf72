package datanet

import (
	"context"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// The writer is the only goroutine that writes to badger. It gathers the
// requests that queue up while it commits (group commit), allocates
// sequence numbers, de-duplicates records, builds one transaction (split when
// badger says it is too big), commits it, and only then acknowledges every
// request of the batch. With SyncWrites the commit is fsynced, so an
// acknowledged write survives a crash.

type opKind uint8

const (
	opRecords opKind = iota + 1
	opDatanet
	opState
	opMeta
)

// writeReq is one call waiting on the writer.
type writeReq struct {
	kind opKind

	// opRecords: recs[i] is nil where the caller already failed that record.
	recs    []*preparedRecord
	results []PutResult

	// opDatanet
	dn      *dnEntry
	dnWire  []byte
	created bool

	// opState
	stateCID []byte
	state    State

	// opMeta
	metaKey, metaVal []byte

	err  error
	done chan struct{}
}

func (r *writeReq) weight() int {
	if r.kind == opRecords {
		return len(r.recs)
	}
	return 1
}

type writer struct {
	s       *Store
	db      *badger.DB
	reqs    chan *writeReq
	quit    chan struct{}
	done    chan struct{}
	maxRecs int
	// committed is what the last successful commit wrote under countersKey.
	committed counters
}

func newWriter(s *Store, c counters) *writer {
	return &writer{
		s:         s,
		db:        s.db,
		reqs:      make(chan *writeReq), // unbuffered: a send succeeds only into a live writer
		quit:      make(chan struct{}),
		done:      make(chan struct{}),
		maxRecs:   s.cfg.MaxBatchRecords,
		committed: c,
	}
}

// submit hands req to the writer and waits for its acknowledgement. If ctx
// ends first, the write may or may not happen; resubmitting is safe because
// writes are idempotent.
func (w *writer) submit(ctx context.Context, req *writeReq) error {
	req.done = make(chan struct{})
	// A context cancelled before the call stores nothing: without this
	// check the select below may pick the send over ctx.Done() when both
	// are ready (CI caught PutDatanet storing under a cancelled context).
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case w.reqs <- req:
	case <-w.quit:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-req.done:
		return req.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop ends the writer after its current batch. The store's lock guarantees
// that no submit is in flight.
func (w *writer) stop() {
	close(w.quit)
	<-w.done
}

func (w *writer) run() {
	defer close(w.done)
	batch := make([]*writeReq, 0, 256)
	for {
		select {
		case <-w.quit:
			return
		case r := <-w.reqs:
			batch = append(batch[:0], r)
			n := r.weight()
		gather:
			for n < w.maxRecs {
				select {
				case r := <-w.reqs:
					batch = append(batch, r)
					n += r.weight()
				default:
					break gather
				}
			}
			w.process(batch)
			clear(batch)
		}
	}
}

type itemKind uint8

const (
	itemRecord itemKind = iota + 1
	itemDatanet
	itemState
	itemMeta
)

// item is one unit that must be committed atomically.
type item struct {
	kind itemKind
	seq  uint64 // new objects only

	// itemRecord
	rec  *preparedRecord
	meta *recordMeta
	// itemDatanet
	dn   *dnEntry
	wire []byte
	// itemState: meta holds the new state, orig the stored one.
	cidBytes []byte
	orig     State
	// itemMeta
	key, val []byte

	entries []entry
	size    int
}

type entry struct {
	key, val []byte
	del      bool
}

// batch is the state of one group commit.
type batch struct {
	items   []*item
	newRecs map[string]*recordMeta // by CID bytes: records created in this batch
	newDNs  map[string]bool        // by CID bytes: Datanets created in this batch
	changed map[string]*item       // by CID bytes: state changes to stored records
	nextSeq uint64
}

func (w *writer) process(reqs []*writeReq) {
	b := &batch{
		newRecs: make(map[string]*recordMeta),
		newDNs:  make(map[string]bool),
		changed: make(map[string]*item),
		nextSeq: w.committed.lastSeq + 1,
	}
	now := w.s.now().UnixMilli()
	rtxn := w.db.NewTransaction(false)
	for _, req := range reqs {
		switch req.kind {
		case opRecords:
			for i, p := range req.recs {
				if p != nil {
					w.gatherRecord(rtxn, b, p, &req.results[i], now)
				}
			}
		case opDatanet:
			// Datanets are few; the cache holds all committed ones, and
			// newDNs those of this batch, which reach the cache only at
			// commit.
			key := req.dn.id.KeyString()
			if w.s.datanet(req.dn.id) != nil || b.newDNs[key] {
				continue
			}
			b.newDNs[key] = true
			req.dn.seq = b.nextSeq
			b.nextSeq++
			req.created = true
			b.items = append(b.items, &item{kind: itemDatanet, seq: req.dn.seq, dn: req.dn, wire: req.dnWire})
		case opState:
			req.err = w.gatherState(rtxn, b, req.stateCID, req.state)
		case opMeta:
			b.items = append(b.items, &item{kind: itemMeta, key: req.metaKey, val: req.metaVal})
		}
	}
	rtxn.Discard()

	for _, it := range b.items {
		it.build()
	}
	if err := w.commit(b.items); err != nil {
		w.s.log.Error("commit failed", "err", err, "requests", len(reqs))
		err = fmt.Errorf("datanet: commit: %w", err)
		for _, req := range reqs {
			if req.err == nil {
				req.err = err
			}
		}
	}
	for _, req := range reqs {
		close(req.done)
	}
}

func (w *writer) gatherRecord(rtxn *badger.Txn, b *batch, p *preparedRecord, res *PutResult, now int64) {
	key := p.cid.KeyString()
	if m, ok := b.newRecs[key]; ok {
		res.Seq = m.seq
		return
	}
	if it, ok := b.changed[key]; ok {
		res.Seq = it.meta.seq
		return
	}
	bi, err := rtxn.Get(recordKey([]byte(key)))
	switch {
	case err == nil:
		var m recordMeta
		err = bi.Value(func(v []byte) error {
			var derr error
			m, derr = decodeRecordMeta(v)
			return derr
		})
		if err != nil {
			res.Err = fmt.Errorf("datanet: read record meta: %w", err)
			return
		}
		res.Seq = m.seq
		return
	case !errors.Is(err, badger.ErrKeyNotFound):
		res.Err = fmt.Errorf("datanet: dedup lookup: %w", err)
		return
	}
	m := &recordMeta{seq: b.nextSeq, dn: p.dnSeq, state: StatePending, receivedAt: now}
	b.nextSeq++
	b.newRecs[key] = m
	res.Created = true
	res.Seq = m.seq
	b.items = append(b.items, &item{kind: itemRecord, seq: m.seq, rec: p, meta: m, cidBytes: []byte(key)})
}

func (w *writer) gatherState(rtxn *badger.Txn, b *batch, cidBytes []byte, st State) error {
	key := string(cidBytes)
	if m, ok := b.newRecs[key]; ok {
		m.state = st
		return nil
	}
	if it, ok := b.changed[key]; ok {
		it.meta.state = st
		return nil
	}
	v, err := getValue(rtxn, recordKey(cidBytes))
	if err != nil {
		return fmt.Errorf("datanet: set state: %w", err)
	}
	m, err := decodeRecordMeta(v)
	if err != nil {
		return err
	}
	orig := m.state
	m.state = st
	it := &item{kind: itemState, meta: &m, cidBytes: cidBytes, orig: orig}
	b.changed[key] = it
	b.items = append(b.items, it)
	return nil
}

// build computes the item's badger entries.
func (it *item) build() {
	add := func(k, v []byte) { it.entries = append(it.entries, entry{key: k, val: v}) }
	switch it.kind {
	case itemRecord:
		m := it.meta
		add(recordKey(it.cidBytes), m.encode())
		add(logKey(m.seq), logValue(KindRecord, it.rec.wire))
		// Index values carry the record's CID, so listing needs no hashing.
		add(withSeq(byDNPrefix(m.dn), m.seq), it.cidBytes)
		add(withSeq(byStatePrefix(m.dn, m.state), m.seq), it.cidBytes)
		add(withSeq(bySubmitterPrefix(m.dn, it.rec.submitter), m.seq), it.cidBytes)
	case itemDatanet:
		add(datanetKey(it.dn.id.Bytes()), logKey(it.seq)[2:])
		add(logKey(it.seq), logValue(KindDatanet, it.wire))
	case itemState:
		m := it.meta
		if m.state == it.orig {
			return
		}
		add(recordKey(it.cidBytes), m.encode())
		it.entries = append(it.entries, entry{key: withSeq(byStatePrefix(m.dn, it.orig), m.seq), del: true})
		add(withSeq(byStatePrefix(m.dn, m.state), m.seq), it.cidBytes)
	case itemMeta:
		add(it.key, it.val)
	}
	for _, e := range it.entries {
		it.size += len(e.key) + len(e.val) + 24
	}
}

// commit writes items in as few transactions as badger allows. Each item is
// atomic; on error, items before the failing transaction are committed.
func (w *writer) commit(items []*item) error {
	maxSize := w.db.MaxBatchSize() * 8 / 10
	maxCount := w.db.MaxBatchCount() * 8 / 10
	for start := 0; start < len(items); {
		end, size, count := start, 0, 1
		for end < len(items) {
			it := items[end]
			if end > start && (int64(size+it.size) > maxSize || int64(count+len(it.entries)) > maxCount) {
				break
			}
			size += it.size
			count += len(it.entries)
			end++
		}
		if err := w.commitChunk(items[start:end]); err != nil {
			return err
		}
		start = end
	}
	return nil
}

func (w *writer) commitChunk(items []*item) error {
	next := w.committed
	for _, it := range items {
		switch it.kind {
		case itemRecord:
			next.records++
			next.lastSeq = max(next.lastSeq, it.seq)
		case itemDatanet:
			next.datanets++
			next.lastSeq = max(next.lastSeq, it.seq)
		}
	}
	txn := w.db.NewTransaction(true)
	defer txn.Discard()
	err := txn.Set(countersKey(), next.encode())
	for _, it := range items {
		for _, e := range it.entries {
			if err != nil {
				break
			}
			if e.del {
				err = txn.Delete(e.key)
			} else {
				err = txn.SetEntry(badger.NewEntry(e.key, e.val))
			}
		}
	}
	if errors.Is(err, badger.ErrTxnTooBig) && len(items) > 1 {
		txn.Discard()
		h := len(items) / 2
		if err := w.commitChunk(items[:h]); err != nil {
			return err
		}
		return w.commitChunk(items[h:])
	}
	if err == nil {
		err = txn.Commit()
	}
	if err != nil {
		return err
	}
	w.committed = next
	w.s.setCounters(next)
	for _, it := range items {
		if it.kind == itemDatanet {
			w.s.addDatanet(it.dn)
		}
	}
	return nil
}
