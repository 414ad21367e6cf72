package da

import (
	"errors"
	"io"
	"net/http"
	"strconv"
)

func (s *Server) currentStore() *diskStore {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.store
}

func (s *Server) handlePut(w http.ResponseWriter, r *http.Request) {
	if rest := r.PathValue("rest"); rest != "" {
		// eigenda-proxy's /put/0x00<keccak> (S3 keccak commitments).
		http.Error(w, "unsupported commitment type: only generic/standard puts", http.StatusBadRequest)
		return
	}
	mode, err := ParseMode(r.URL.Query().Get("commitment_mode"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	store := s.currentStore()
	if store == nil {
		http.Error(w, ErrNotStarted.Error(), http.StatusServiceUnavailable)
		return
	}
	limit := int64(s.MaxPayloadBytes())
	if r.ContentLength > limit {
		http.Error(w, ErrPayloadTooLarge.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	payload, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, ErrPayloadTooLarge.Error(), http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "read body: "+err.Error(), http.StatusBadRequest)
		return
	case len(payload) == 0:
		http.Error(w, ErrEmptyPayload.Error(), http.StatusBadRequest)
		return
	}
	select {
	case s.sem <- struct{}{}:
	case <-r.Context().Done():
		return
	}
	c, err := s.srs.Commit(payload, s.cfg.Form)
	<-s.sem
	if err != nil {
		s.log.Error("commit", "err", err, "bytes", len(payload))
		http.Error(w, "commit failed", http.StatusInternalServerError)
		return
	}
	if err := store.Put(c.Key(), payload); err != nil {
		s.log.Error("store", "err", err)
		http.Error(w, "store failed", http.StatusInternalServerError)
		return
	}
	out := c.Encode(mode)
	s.log.Debug("put", "commitment", c.String(), "bytes", len(payload), "blob_symbols", c.BlobSymbols)
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	_, _ = w.Write(out)
}

func (s *Server) handleGet(w http.ResponseWriter, r *http.Request) {
	mode, err := ParseMode(r.URL.Query().Get("commitment_mode"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c, err := ParseCommitmentHex(r.PathValue("commitment"), mode)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if !c.IsDevKZG() {
		http.Error(w, ErrUnsupportedVersion.Error(), http.StatusBadRequest)
		return
	}
	store := s.currentStore()
	if store == nil {
		http.Error(w, ErrNotStarted.Error(), http.StatusServiceUnavailable)
		return
	}
	payload, err := store.Get(c.Key(), int64(s.MaxPayloadBytes()))
	switch {
	case errors.Is(err, ErrNotFound):
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	case err != nil:
		s.log.Error("store get", "err", err, "commitment", c.String())
		http.Error(w, "store failed", http.StatusInternalServerError)
		return
	}
	if s.cfg.VerifyOnRead {
		select {
		case s.sem <- struct{}{}:
		case <-r.Context().Done():
			return
		}
		err = s.srs.Verify(c, payload)
		<-s.sem
		if err != nil {
			s.log.Error("stored blob fails verification", "err", err, "commitment", c.String())
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	_, _ = w.Write(payload)
}
