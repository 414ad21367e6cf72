package da

import (
	"fmt"
	"net"
	"net/url"
	"time"
)

// ServerConfig configures the local dev DA server.
type ServerConfig struct {
	// ListenAddr is the TCP address to bind; loopback only by default.
	ListenAddr string `toml:"listen_addr"`
	// Dir holds the blobs. Required.
	Dir string `toml:"dir"`
	// MaxBlobBytes caps a blob (not a payload); payloads are capped at
	// MaxPayloadBytes(MaxBlobBytes). Must be a power of two that the SRS covers.
	MaxBlobBytes int `toml:"max_blob_bytes"`
	// Form is the polynomial form used for new commitments.
	Form Form `toml:"form"`
	// VerifyOnRead recomputes the commitment before answering GET, as
	// eigenda-proxy does; a mismatch answers 500.
	VerifyOnRead bool `toml:"verify_on_read"`

	ReadHeaderTimeout time.Duration `toml:"read_header_timeout"`
	ReadTimeout       time.Duration `toml:"read_timeout"`
	WriteTimeout      time.Duration `toml:"write_timeout"`
	IdleTimeout       time.Duration `toml:"idle_timeout"`
	// MaxConcurrentCommits bounds simultaneous KZG commitments (each takes
	// all CPUs and a few times the blob size in memory).
	MaxConcurrentCommits int `toml:"max_concurrent_commits"`
}

// DefaultServerConfig returns a loopback server with 2 MiB blobs. Dir must
// still be set.
func DefaultServerConfig() ServerConfig {
	return ServerConfig{
		ListenAddr:           "127.0.0.1:0",
		MaxBlobBytes:         EmbeddedSRSPoints * G1PointBytes,
		Form:                 FormEval,
		VerifyOnRead:         true,
		ReadHeaderTimeout:    5 * time.Second,
		ReadTimeout:          60 * time.Second,
		WriteTimeout:         60 * time.Second,
		IdleTimeout:          120 * time.Second,
		MaxConcurrentCommits: 2,
	}
}

// Validate reports the first problem with the config.
func (c ServerConfig) Validate() error {
	if c.Dir == "" {
		return fmt.Errorf("%w: server dir is empty", ErrInvalidConfig)
	}
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		return fmt.Errorf("%w: listen_addr %q: %v", ErrInvalidConfig, c.ListenAddr, err)
	}
	if c.MaxBlobBytes < 64 || c.MaxBlobBytes > maxBlobSymbols*32 || c.MaxBlobBytes&(c.MaxBlobBytes-1) != 0 {
		return fmt.Errorf("%w: max_blob_bytes %d is not a power of two in [64, 16 MiB]", ErrInvalidConfig, c.MaxBlobBytes)
	}
	if c.Form != FormEval && c.Form != FormCoeff {
		return fmt.Errorf("%w: form %d", ErrInvalidConfig, c.Form)
	}
	if c.ReadHeaderTimeout <= 0 || c.ReadTimeout <= 0 || c.WriteTimeout <= 0 || c.IdleTimeout <= 0 {
		return fmt.Errorf("%w: timeouts must be positive", ErrInvalidConfig)
	}
	if c.MaxConcurrentCommits < 1 {
		return fmt.Errorf("%w: max_concurrent_commits %d", ErrInvalidConfig, c.MaxConcurrentCommits)
	}
	return nil
}

// ClientConfig configures a client of eigenda-proxy or of the dev server.
type ClientConfig struct {
	// URL is the proxy's base URL, e.g. http://127.0.0.1:3100.
	URL string `toml:"url"`
	// Mode is the commitment_mode to request.
	Mode Mode `toml:"mode"`
	// Timeout bounds each request (a real proxy's PUT waits for dispersal
	// and can take minutes).
	Timeout time.Duration `toml:"timeout"`
	// MaxPayloadBytes caps payloads sent and read back.
	MaxPayloadBytes int `toml:"max_payload_bytes"`
	// Form is the polynomial form used for local commitments.
	Form Form `toml:"form"`
	// VerifyPut recomputes a returned VersionDevKZG commitment locally.
	VerifyPut bool `toml:"verify_put"`
	// AllowUnverified lets Get return payloads for commitments that cannot
	// be checked locally (a real proxy's certificates); the proxy then is
	// trusted to have verified them. Off by default: Get returns
	// ErrUnverifiable.
	AllowUnverified bool `toml:"allow_unverified"`
	// MaxBatchBytes caps a reassembled batch.
	MaxBatchBytes int64 `toml:"max_batch_bytes"`
}

// DefaultClientConfig returns a client for the dev server's defaults.
func DefaultClientConfig(baseURL string) ClientConfig {
	return ClientConfig{
		URL:             baseURL,
		Mode:            ModeOptimismGeneric,
		Timeout:         2 * time.Minute,
		MaxPayloadBytes: MaxPayloadBytes(EmbeddedSRSPoints * G1PointBytes),
		Form:            FormEval,
		VerifyPut:       true,
		MaxBatchBytes:   1 << 30,
	}
}

// Validate reports the first problem with the config.
func (c ClientConfig) Validate() error {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: url %q", ErrInvalidConfig, c.URL)
	}
	if _, err := ParseMode(string(c.Mode)); err != nil {
		return fmt.Errorf("%w: mode %q", ErrInvalidConfig, c.Mode)
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("%w: timeout must be positive", ErrInvalidConfig)
	}
	if c.MaxPayloadBytes < 1 || c.MaxPayloadBytes > MaxPayloadBytes(maxBlobSymbols*32) {
		return fmt.Errorf("%w: max_payload_bytes %d", ErrInvalidConfig, c.MaxPayloadBytes)
	}
	if c.Form != FormEval && c.Form != FormCoeff {
		return fmt.Errorf("%w: form %d", ErrInvalidConfig, c.Form)
	}
	if c.MaxBatchBytes < 1 {
		return fmt.Errorf("%w: max_batch_bytes %d", ErrInvalidConfig, c.MaxBatchBytes)
	}
	return nil
}
