package node

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/provenet/provenet/attribution"
	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// spanIndex is the span attribution index of the base model this node
// serves: golden records' texts, tokenised with that base's tokenizer, in
// an attribution.Builder.
//
// When it changes: the store has no feed of state changes, so the index
// polls (every attribution.index_interval) for golden records it does not
// hold yet and adds them to the Builder's small side index; at each epoch
// boundary it rebuilds the main index from every golden record, which
// folds the side index in. New golden records are therefore credited
// within one interval, and the O(corpus) rebuild runs once per epoch, as
// the Builder is designed for. The poll lists every golden record each
// time (O(golden records)): fine for thousands, not for millions; a
// callback when a record becomes final would remove the poll.
type spanIndex struct {
	n    *Node
	tok  *tokenizer.Tokenizer
	b    *attribution.Builder
	opts attribution.AttributeOptions

	// rag is BM25 retrieval over the same golden records (RAG citations);
	// refs maps a record CID to its reference for crediting citations.
	rag  *attribution.RAGIndex
	refs map[string]attribution.RecordRef

	mu    sync.Mutex
	have  map[string]struct{} // "cid datanet" indexed
	epoch uint64              // epoch of the last full rebuild
	built bool
}

// newSpanIndex loads the serving base's tokenizer (from [gpu] model) and
// builds the index of the golden records held now.
func newSpanIndex(n *Node, minSpan int) (*spanIndex, error) {
	tok, err := loadTokenizer(n.cfg.GPU.Model)
	if err != nil {
		return nil, fmt.Errorf("attribution: tokenizer: %w", err)
	}
	opts := attribution.DefaultAttributeOptions()
	opts.MinSpan = minSpan
	s := &spanIndex{n: n, tok: tok, b: attribution.NewBuilder(0), opts: opts, have: map[string]struct{}{},
		rag: attribution.NewRAGIndex(), refs: map[string]attribution.RecordRef{}}
	if err := s.refresh(true); err != nil {
		return nil, err
	}
	return s, nil
}

// loadTokenizer reads the tokenizer of a .gguf file or a Hugging Face
// directory, without the weights.
func loadTokenizer(path string) (*tokenizer.Tokenizer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return tokenizer.FromHF(path)
	}
	f, err := gguf.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return tokenizer.FromGGUF(f)
}

// Tokens tokenises text as the index does (no special tokens).
func (s *spanIndex) Tokens(text string) []int32 { return s.tok.Encode(text, false, false) }

// records attributes output tokens to indexed records.
func (s *spanIndex) records(output []int32) ([]attribution.Record, error) {
	return s.b.Records(output, s.opts)
}

func (s *spanIndex) loop(ctx context.Context) {
	t := s.n.clock.NewTicker(s.n.cfg.Attribution.IndexInterval.D())
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
		s.mu.Lock()
		full := s.n.CurrentEpoch() != s.epoch
		s.mu.Unlock()
		if err := s.refresh(full); err != nil {
			s.n.log.Warn("attribution: index refresh", "full", full, "err", err)
		}
	}
}

// refresh indexes the golden records not indexed yet; full rebuilds the
// main index from all of them.
func (s *spanIndex) refresh(full bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var all, fresh []attribution.IndexRecord
	err := s.eachGolden(func(r *datanet.StoredRecord) {
		key := r.CID.String() + " " + r.Datanet.String()
		_, had := s.have[key]
		if had && !full {
			return
		}
		ir := attribution.IndexRecord{Ref: attribution.RecordRef{CID: r.CID.String(), Datanet: r.Datanet.String(),
			Contributor: r.Submitter}, Tokens: s.Tokens(r.Content)}
		if _, ok := s.refs[ir.Ref.CID]; !ok {
			s.refs[ir.Ref.CID] = ir.Ref
			if err := s.rag.Add(ir.Ref.CID, r.Content); err != nil {
				s.n.log.Debug("attribution: rag index", "record", ir.Ref.CID, "err", err)
			}
		}
		all = append(all, ir)
		if !had {
			fresh = append(fresh, ir)
		}
	})
	if err != nil {
		return err
	}
	if !full {
		for _, ir := range fresh {
			if err := s.b.Add(ir); errors.Is(err, attribution.ErrIndexFull) {
				return s.rebuildLocked()
			} else if err != nil {
				return err
			}
			s.have[ir.Ref.CID+" "+ir.Ref.Datanet] = struct{}{}
		}
		return nil
	}
	if err := s.b.Rebuild(all); err != nil {
		return err
	}
	clear(s.have)
	for _, ir := range all {
		s.have[ir.Ref.CID+" "+ir.Ref.Datanet] = struct{}{}
	}
	s.epoch, s.built = s.n.CurrentEpoch(), true
	return nil
}

func (s *spanIndex) rebuildLocked() error {
	s.mu.Unlock()
	defer s.mu.Lock()
	return s.refresh(true)
}

// eachGolden calls fn for every golden record of every datanet.
func (s *spanIndex) eachGolden(fn func(*datanet.StoredRecord)) error {
	dns, err := s.n.store.ListDatanets()
	if err != nil {
		return err
	}
	st := datanet.StateGolden
	for _, dn := range dns {
		var after uint64
		for {
			recs, next, err := s.n.store.ListRecords(datanet.Query{Datanet: dn.ID(), State: &st, After: after, Limit: datanet.MaxQueryLimit})
			if err != nil {
				return err
			}
			for _, r := range recs {
				fn(r)
			}
			if next == 0 || len(recs) == 0 {
				break
			}
			after = next
		}
	}
	return nil
}
