package da

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
)

// Server is a local dev DA server with eigenda-proxy's REST API. It computes
// real EigenDA KZG commitments and keeps payloads on disk.
type Server struct {
	cfg   ServerConfig
	srs   *SRS
	log   *slog.Logger
	store *diskStore
	sem   chan struct{}

	mu     sync.Mutex
	srv    *http.Server
	ln     net.Listener
	unlock func() error
	done   chan struct{}
}

// NewServer checks cfg and returns a server that is not listening yet. A nil
// srs means DefaultSRS; a nil log discards.
func NewServer(cfg ServerConfig, srs *SRS, log *slog.Logger) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if srs == nil {
		srs = DefaultSRS()
	}
	if srs.MaxBlobBytes() < cfg.MaxBlobBytes {
		return nil, fmt.Errorf("%w: max_blob_bytes %d needs %d points, SRS has %d",
			ErrSRSTooSmall, cfg.MaxBlobBytes, cfg.MaxBlobBytes/32, srs.NumPoints())
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{cfg: cfg, srs: srs, log: log.With("component", "da-server"),
		sem: make(chan struct{}, cfg.MaxConcurrentCommits)}, nil
}

// MaxPayloadBytes is the largest payload the server accepts.
func (s *Server) MaxPayloadBytes() int { return MaxPayloadBytes(s.cfg.MaxBlobBytes) }

// Start locks and opens the store and starts listening. ctx bounds start-up
// only; the server runs until Stop.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv != nil {
		return ErrAlreadyStarted
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	store, err := openDiskStore(s.cfg.Dir)
	if err != nil {
		return err
	}
	unlock, err := lockDir(s.cfg.Dir)
	if err != nil {
		return err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.cfg.ListenAddr)
	if err != nil {
		_ = unlock()
		return fmt.Errorf("da: listen: %w", err)
	}
	s.store, s.unlock, s.ln = store, unlock, ln
	s.srv = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.done = make(chan struct{})
	go func(srv *http.Server, done chan struct{}) {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("serve", "err", err)
		}
	}(s.srv, s.done)
	s.log.Info("started", "url", "http://"+ln.Addr().String(), "dir", s.cfg.Dir, "max_blob_bytes", s.cfg.MaxBlobBytes)
	return nil
}

// Stop shuts the server down gracefully within ctx, then closes it, and
// releases the store lock. The server can be started again.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.srv == nil {
		return ErrNotStarted
	}
	errShut := s.srv.Shutdown(ctx)
	if errShut != nil {
		errShut = errors.Join(errShut, s.srv.Close())
	}
	<-s.done
	err := errors.Join(errShut, s.unlock())
	s.srv, s.ln, s.unlock, s.done, s.store = nil, nil, nil, nil, nil
	s.log.Info("stopped")
	return err
}

// URL returns the base URL, or "" when not started.
func (s *Server) URL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// BlobPath returns the file that holds the blob of c (for tools and tests).
func (s *Server) BlobPath(c Commitment) string {
	return (&diskStore{dir: s.cfg.Dir}).Path(c.Key())
}

// Handler returns the HTTP handler; it serves only after Start.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /put", s.handlePut)
	mux.HandleFunc("POST /put/{rest...}", s.handlePut)
	mux.HandleFunc("GET /get/{commitment}", s.handleGet)
	mux.HandleFunc("GET /health", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	})
	return s.recoverer(mux)
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("handler panic", "path", r.URL.Path, "panic", v)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
