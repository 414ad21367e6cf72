package tasks

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/ipfs/go-cid"
)

// Store keeps tasks, results and gold objects in badger, each under its ID,
// and indexes results by the task they answer. Writes are idempotent.
// The wire bytes are stored, so what is read back verifies as it did when
// it arrived.
type Store struct {
	db *badger.DB

	mu       sync.RWMutex
	byTask   map[ID][]ID // results by task, loaded at open
	results  map[ID]*Result
	tasks    map[ID]*Task
	gold     []*GoldCommit
	reveals  map[string]*GoldReveal // by record key
	seenGold map[ID][]byte          // gold objects' wire bytes by ID
	subs     map[string][]ID        // extra submissions by record key
	seenSub  map[ID][]byte          // extra submissions' wire bytes by ID
}

// Key prefixes.
const (
	pTask   = 't'
	pResult = 'r'
	pCommit = 'g'
	pReveal = 'v'
	pSubmit = 's'
)

// ErrClosed reports a call on a closed Store.
var ErrClosed = errors.New("tasks: store closed")

// OpenStore opens (creating) the store in dir; inMemory for tests. The
// whole store is loaded into memory: tasks and results are small, and the
// scheduler scans them often.
func OpenStore(dir string, inMemory, syncWrites bool, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	opts := badger.DefaultOptions(dir).WithInMemory(inMemory).WithSyncWrites(syncWrites).
		WithLogger(nil).WithMemTableSize(8 << 20).WithNumMemtables(2).WithBlockCacheSize(4 << 20).
		WithIndexCacheSize(2 << 20).WithValueLogFileSize(32 << 20).WithCompression(options.None).
		WithNumCompactors(2).WithMetricsEnabled(false)
	if inMemory {
		opts.Dir, opts.ValueDir = "", ""
	}
	db, err := badger.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("tasks: open store: %w", err)
	}
	s := &Store{db: db, byTask: map[ID][]ID{}, results: map[ID]*Result{}, tasks: map[ID]*Task{},
		reveals: map[string]*GoldReveal{}, seenGold: map[ID][]byte{}, subs: map[string][]ID{}, seenSub: map[ID][]byte{}}
	if err := s.load(log); err != nil {
		return nil, errors.Join(err, db.Close())
	}
	return s, nil
}

func (s *Store) load(log *slog.Logger) error {
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if err := s.index(k, v); err != nil {
				log.Warn("tasks: skipping unreadable entry", "key", fmt.Sprintf("%x", k), "err", err)
			}
		}
		return nil
	})
}

// index adds a decoded object to the in-memory maps. Called with mu held
// or before the store is shared.
func (s *Store) index(k, v []byte) error {
	switch k[0] {
	case pTask:
		t, err := DecodeTask(v)
		if err != nil {
			return err
		}
		s.tasks[t.ID()] = t
	case pResult:
		r, err := DecodeResult(v)
		if err != nil {
			return err
		}
		id := r.ID()
		if _, ok := s.results[id]; !ok {
			s.results[id] = r
			s.byTask[r.Task] = append(s.byTask[r.Task], id)
		}
	case pSubmit:
		// key: prefix, 32-byte id, record CID bytes
		c, err := cid.Cast(k[33:])
		if err != nil {
			return err
		}
		id := ID(k[1:33])
		if _, ok := s.seenSub[id]; !ok {
			s.seenSub[id] = v
			s.subs[c.KeyString()] = append(s.subs[c.KeyString()], id)
		}
	case pCommit:
		g, err := DecodeGoldCommit(v)
		if err != nil {
			return err
		}
		s.gold = append(s.gold, g)
		s.seenGold[ID(keccak(v))] = v
	case pReveal:
		g, err := DecodeGoldReveal(v)
		if err != nil {
			return err
		}
		s.reveals[g.Record.KeyString()] = g
		s.seenGold[ID(keccak(v))] = v
	}
	return nil
}

// put stores wire under id once. The lock is not held across the badger
// commit (an fsync with SyncWrites), so readers and other writers never
// wait on the disk: the in-memory index says what is stored, and two
// racing puts of one object both write the same bytes, which is harmless.
func (s *Store) put(prefix byte, id ID, wire []byte, suffix ...byte) (bool, error) {
	key := append(append([]byte{prefix}, id[:]...), suffix...)
	s.mu.RLock()
	db, known := s.db, s.has(prefix, id)
	s.mu.RUnlock()
	if db == nil {
		return false, ErrClosed
	}
	if known {
		return false, nil
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set(key, wire) }); err != nil {
		if errors.Is(err, badger.ErrDBClosed) {
			return false, ErrClosed
		}
		return false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.has(prefix, id) {
		return false, nil
	}
	return true, s.index(key, wire)
}

// has reports whether the object is indexed. Called with mu held.
func (s *Store) has(prefix byte, id ID) bool {
	switch prefix {
	case pTask:
		_, ok := s.tasks[id]
		return ok
	case pResult:
		_, ok := s.results[id]
		return ok
	case pCommit, pReveal:
		_, ok := s.seenGold[id]
		return ok
	case pSubmit:
		_, ok := s.seenSub[id]
		return ok
	}
	return false
}

// PutTask stores a validated task; false if it was already stored.
func (s *Store) PutTask(t *Task) (bool, error) {
	b, err := EncodeTask(t)
	if err != nil {
		return false, err
	}
	return s.put(pTask, t.ID(), b)
}

// PutResult stores a validated result; false if it was already stored.
func (s *Store) PutResult(r *Result) (bool, error) {
	b, err := EncodeResult(r)
	if err != nil {
		return false, err
	}
	return s.put(pResult, r.ID(), b)
}

// PutGoldCommit stores a validated gold commit.
func (s *Store) PutGoldCommit(g *GoldCommit) (bool, error) {
	b, err := EncodeGoldCommit(g)
	if err != nil {
		return false, err
	}
	return s.put(pCommit, ID(keccak(b)), b)
}

// PutGoldReveal stores a validated gold reveal.
func (s *Store) PutGoldReveal(g *GoldReveal) (bool, error) {
	b, err := EncodeGoldReveal(g)
	if err != nil {
		return false, err
	}
	return s.put(pReveal, ID(keccak(b)), b)
}

// Results returns the results that answer task, in no particular order.
func (s *Store) Results(task ID) []*Result {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.byTask[task]
	out := make([]*Result, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.results[id])
	}
	return out
}

// Result returns a stored result by ID.
func (s *Store) Result(id ID) (*Result, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.results[id]
	return r, ok
}

// HasResult reports whether worker answered task.
func (s *Store) HasResult(task ID, worker [20]byte) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, id := range s.byTask[task] {
		if s.results[id].Worker == worker {
			return true
		}
	}
	return false
}

// Tasks returns every stored (crawl) task.
func (s *Store) Tasks() []*Task {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Task, 0, len(s.tasks))
	for _, t := range s.tasks {
		out = append(out, t)
	}
	return out
}

// Unanswered returns the stored tasks that no result answers yet, by ID.
func (s *Store) Unanswered() map[ID]*Task {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[ID]*Task)
	for id, t := range s.tasks {
		if len(s.byTask[id]) == 0 {
			out[id] = t
		}
	}
	return out
}

// AllResults calls fn for every stored result until it returns false.
func (s *Store) AllResults(fn func(*Result) bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, r := range s.results {
		if !fn(r) {
			return
		}
	}
}

// GoldCommits returns the stored commits.
func (s *Store) GoldCommits() []*GoldCommit {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]*GoldCommit(nil), s.gold...)
}

// GoldReveal returns the reveal of a record, if any.
func (s *Store) GoldReveal(recordKey string) (*GoldReveal, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.reveals[recordKey]
	return g, ok
}

// PutSubmission keeps another submission (wire bytes, validated by the
// caller) of a record whose first submission the record store holds: the
// same content by another submitter, or at another time. The points ledger
// needs every submission to credit the earliest, on every node alike.
func (s *Store) PutSubmission(record cid.Cid, wire []byte) (bool, error) {
	return s.put(pSubmit, ID(keccak(wire)), wire, record.Bytes()...)
}

// Submissions returns the extra submissions of a record.
func (s *Store) Submissions(record cid.Cid) [][]byte {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.subs[record.KeyString()]
	out := make([][]byte, len(ids))
	for i, id := range ids {
		out[i] = s.seenSub[id]
	}
	return out
}

// HasSubmission reports whether the submission with these wire bytes is kept.
func (s *Store) HasSubmission(wire []byte) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.seenSub[ID(keccak(wire))]
	return ok
}

// SubmissionIDs returns the IDs of the extra submissions.
func (s *Store) SubmissionIDs() []ID {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]ID, 0, len(s.seenSub))
	for id := range s.seenSub {
		out = append(out, id)
	}
	return out
}

// SubmissionWire returns an extra submission's wire bytes by ID.
func (s *Store) SubmissionWire(id ID) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.seenSub[id]
	return b, ok
}

// GoldIDs returns the IDs (keccak256 of the wire bytes) of the stored gold
// commits and reveals.
func (s *Store) GoldIDs() []ID {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]ID, 0, len(s.seenGold))
	for id := range s.seenGold {
		out = append(out, id)
	}
	return out
}

// GoldWire returns a stored gold object's wire bytes by ID.
func (s *Store) GoldWire(id ID) ([]byte, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	b, ok := s.seenGold[id]
	return b, ok
}

// GoldReveals returns the stored reveals.
func (s *Store) GoldReveals() []*GoldReveal {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*GoldReveal, 0, len(s.reveals))
	for _, g := range s.reveals {
		out = append(out, g)
	}
	return out
}

// Counts is how many objects the store holds.
func (s *Store) Counts() (tasks, results int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.tasks), len(s.results)
}

// Close closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	err := s.db.Close()
	s.db = nil
	return err
}
