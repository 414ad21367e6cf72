package datanet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/ipfs/go-cid"
)

// valueThreshold sends values of this size or more (the wire encodings in
// the log) to badger's value log, so the LSM tree holds only keys, small
// metadata and pointers. Log values are never overwritten, so the value log
// accrues no garbage.
const valueThreshold = 256

// Store holds Datanets and Records in badger. All methods are safe for
// concurrent use. See the package documentation for the write path.
type Store struct {
	cfg StoreConfig
	log *slog.Logger
	db  *badger.DB
	now func() time.Time

	// mu is held shared by every call and exclusively by Close, so that
	// Close waits for calls in flight and later calls see closed.
	mu     sync.RWMutex
	closed bool

	dnMu     sync.RWMutex
	dns      map[string]*dnEntry // by cid.KeyString
	dnBySeq  []*dnEntry          // in seq order
	nDatanet atomic.Int64
	nRecord  atomic.Int64
	lastSeq  atomic.Uint64

	w *writer
}

// dnEntry is a cached, validated Datanet.
type dnEntry struct {
	dn  *Datanet
	id  cid.Cid
	seq uint64
}

// Open opens (creating if needed) the store described by cfg. log may be
// nil. Badger takes a lock on cfg.Dir, so one directory serves one process.
func Open(cfg StoreConfig, log *slog.Logger) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "datanet")
	db, err := badger.Open(badgerOptions(cfg, log))
	if err != nil {
		return nil, fmt.Errorf("datanet: open store: %w", err)
	}
	s := &Store{
		cfg: cfg,
		log: log,
		db:  db,
		now: cfg.Now,
		dns: make(map[string]*dnEntry),
	}
	if s.now == nil {
		s.now = time.Now
	}
	c, err := s.load()
	if err != nil {
		if cerr := db.Close(); cerr != nil {
			log.Warn("close after failed open", "err", cerr)
		}
		return nil, err
	}
	s.w = newWriter(s, c)
	go s.w.run()
	log.Debug("store open", "dir", cfg.Dir, "in_memory", cfg.InMemory, "datanets", c.datanets, "records", c.records, "last_seq", c.lastSeq)
	return s, nil
}

func badgerOptions(cfg StoreConfig, log *slog.Logger) badger.Options {
	dir := cfg.Dir
	threshold := int64(valueThreshold)
	if cfg.InMemory {
		dir = ""
		// An in-memory badger has no value log: it refuses values over the
		// threshold (and badger v4 panics formatting that error for values
		// under 1 KiB). Raise the threshold to the most badger accepts,
		// 1 MiB or 15% of a memtable, which holds every log entry.
		threshold = min(1<<20, 15*cfg.MemTableSize/100)
	}
	return badger.DefaultOptions(dir).
		WithInMemory(cfg.InMemory).
		WithSyncWrites(cfg.SyncWrites).
		WithLogger(badgerLogger{log: log.With("subsystem", "badger")}).
		WithMemTableSize(cfg.MemTableSize).
		WithNumMemtables(cfg.NumMemtables).
		WithNumLevelZeroTables(4).
		WithNumLevelZeroTablesStall(12).
		WithBlockCacheSize(cfg.BlockCacheSize).
		WithIndexCacheSize(cfg.IndexCacheSize).
		WithValueLogFileSize(cfg.ValueLogFileSize).
		WithValueThreshold(threshold).
		WithCompression(options.None).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithMetricsEnabled(false).
		WithDetectConflicts(false)
}

// load checks the layout version and reads the counters and Datanets.
func (s *Store) load() (counters, error) {
	var c counters
	err := s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get(versionKey())
		switch {
		case errors.Is(err, badger.ErrKeyNotFound):
			if !isEmpty(txn) {
				return fmt.Errorf("%w: store: directory holds data but no layout version", ErrInvalid)
			}
			return txn.Set(versionKey(), []byte{layoutVersion})
		case err != nil:
			return err
		}
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if len(v) != 1 || v[0] != layoutVersion {
			return fmt.Errorf("%w: store: layout version %v, this build reads %d", ErrInvalid, v, layoutVersion)
		}
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("datanet: open store: %w", err)
	}
	err = s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(countersKey())
		if err == nil {
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			if c, err = decodeCounters(v); err != nil {
				return err
			}
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix(tDatanet)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if len(v) != 8 {
				return fmt.Errorf("%w: corrupt datanet index", ErrMalformed)
			}
			seq := seqSuffix(v)
			data, err := getValue(txn, logKey(seq))
			if err != nil {
				return fmt.Errorf("datanet seq %d: %w", seq, err)
			}
			if len(data) < 1 || Kind(data[0]) != KindDatanet {
				return fmt.Errorf("%w: log entry %d is not a datanet", ErrMalformed, seq)
			}
			dn, err := DecodeDatanet(data[1:])
			if err != nil {
				return err
			}
			s.addDatanet(&dnEntry{dn: dn, id: dn.ID(), seq: seq})
		}
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("datanet: open store: %w", err)
	}
	// The index above is in ID order; ListDatanets promises storage order.
	slices.SortFunc(s.dnBySeq, func(a, b *dnEntry) int { return cmp.Compare(a.seq, b.seq) })
	s.setCounters(c)
	return c, nil
}

func isEmpty(txn *badger.Txn) bool {
	it := txn.NewIterator(badger.IteratorOptions{})
	defer it.Close()
	it.Rewind()
	return !it.Valid()
}

// getValue returns a copy of the value under key, or ErrNotFound.
func getValue(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return item.ValueCopy(nil)
}

func (s *Store) setCounters(c counters) {
	s.nDatanet.Store(int64(c.datanets))
	s.nRecord.Store(int64(c.records))
	s.lastSeq.Store(c.lastSeq)
}

func (s *Store) addDatanet(e *dnEntry) {
	s.dnMu.Lock()
	defer s.dnMu.Unlock()
	s.dns[e.id.KeyString()] = e
	s.dnBySeq = append(s.dnBySeq, e)
}

func (s *Store) datanet(id cid.Cid) *dnEntry {
	s.dnMu.RLock()
	defer s.dnMu.RUnlock()
	return s.dns[id.KeyString()]
}

// acquire takes the shared lock; release with s.mu.RUnlock.
func (s *Store) acquire() error {
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return ErrClosed
	}
	return nil
}

// Close stops the writer and closes the database. It waits for calls in
// flight. It is idempotent; other calls after Close return ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.w.stop()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("datanet: close store: %w", err)
	}
	return nil
}

// Stats returns what the store holds. It is cheap: the counts are kept in
// memory and persisted with every commit.
func (s *Store) Stats() Stats {
	return Stats{Datanets: int(s.nDatanet.Load()), Records: int(s.nRecord.Load())}
}

// LastSeq is the highest sequence number stored, 0 for an empty store.
func (s *Store) LastSeq() uint64 { return s.lastSeq.Load() }

// PutDatanet validates d and stores it. It is idempotent by ID: created is
// false when the Datanet was already stored. It is durable when it returns.
func (s *Store) PutDatanet(ctx context.Context, d *Datanet) (created bool, err error) {
	if err := s.acquire(); err != nil {
		return false, err
	}
	defer s.mu.RUnlock()
	if err := d.Validate(); err != nil {
		return false, err
	}
	wire, err := EncodeDatanet(d)
	if err != nil {
		return false, err
	}
	// Decode our own encoding: the cached copy shares nothing with the caller.
	dn, err := DecodeDatanet(wire)
	if err != nil {
		return false, err
	}
	id := dn.ID()
	if s.datanet(id) != nil {
		return false, nil
	}
	req := &writeReq{kind: opDatanet, dn: &dnEntry{dn: dn, id: id}, dnWire: wire}
	if err := s.w.submit(ctx, req); err != nil {
		return false, err
	}
	return req.created, nil
}

// GetDatanet returns a copy of the Datanet with the given ID, or ErrNotFound.
func (s *Store) GetDatanet(id cid.Cid) (*Datanet, error) {
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	e := s.datanet(id)
	if e == nil {
		return nil, fmt.Errorf("%w: datanet %s", ErrNotFound, id)
	}
	return e.dn.Clone(), nil
}

// ListDatanets returns copies of all Datanets in the order they were stored.
func (s *Store) ListDatanets() ([]*Datanet, error) {
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	s.dnMu.RLock()
	defer s.dnMu.RUnlock()
	out := make([]*Datanet, len(s.dnBySeq))
	for i, e := range s.dnBySeq {
		out[i] = e.dn.Clone()
	}
	return out, nil
}

// GetRecord returns the stored record with content CID c, or ErrNotFound.
func (s *Store) GetRecord(c cid.Cid) (*StoredRecord, error) {
	if err := s.acquire(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	v, err := getValue(txn, recordKey(c.Bytes()))
	if err != nil {
		return nil, fmt.Errorf("datanet: record %s: %w", c, err)
	}
	m, err := decodeRecordMeta(v)
	if err != nil {
		return nil, err
	}
	return loadRecord(txn, m.seq, &m, c)
}

// HasRecord reports whether a record with content CID c is stored. It
// reads one key and decodes nothing.
func (s *Store) HasRecord(c cid.Cid) bool {
	if s.acquire() != nil {
		return false
	}
	defer s.mu.RUnlock()
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	_, err := txn.Get(recordKey(c.Bytes()))
	return err == nil
}

// loadRecord reads the record at seq. When m is nil it looks the meta up by
// the record's CID; c may be cid.Undef, and is then computed.
func loadRecord(txn *badger.Txn, seq uint64, m *recordMeta, c cid.Cid) (*StoredRecord, error) {
	data, err := getValue(txn, logKey(seq))
	if err != nil {
		return nil, fmt.Errorf("datanet: log entry %d: %w", seq, err)
	}
	if len(data) < 1 || Kind(data[0]) != KindRecord {
		return nil, fmt.Errorf("%w: log entry %d is not a record", ErrMalformed, seq)
	}
	r, err := decodeTrustedRecord(data[1:])
	if err != nil {
		return nil, err
	}
	if !c.Defined() {
		c = r.CID()
	}
	if m == nil {
		v, err := getValue(txn, recordKey(c.Bytes()))
		if err != nil {
			return nil, fmt.Errorf("datanet: record meta %s: %w", c, err)
		}
		mm, err := decodeRecordMeta(v)
		if err != nil {
			return nil, err
		}
		m = &mm
	}
	return &StoredRecord{Record: *r, CID: c, State: m.state, Seq: m.seq, ReceivedAt: m.receivedAt}, nil
}

// SetState moves the record with CID c to state st, keeping the state index
// consistent. It is durable when it returns; ErrNotFound if there is no
// such record.
func (s *Store) SetState(c cid.Cid, st State) error {
	if !st.Valid() {
		return fmt.Errorf("%w: state %d", ErrInvalid, uint8(st))
	}
	if err := s.acquire(); err != nil {
		return err
	}
	defer s.mu.RUnlock()
	return s.w.submit(context.Background(), &writeReq{kind: opState, stateCID: c.Bytes(), state: st})
}
