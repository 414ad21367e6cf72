package node

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/node/replica"
	"github.com/provenet/provenet/node/work"
	"github.com/provenet/provenet/p2p"
)

// ErrConfig reports an invalid or unreadable configuration.
var ErrConfig = errors.New("node: config")

// Config is the node's whole configuration, as written to config.toml. Each
// section maps onto the Config of the package that owns it.
type Config struct {
	Log   LogConfig      `toml:"log"`
	API   APIConfig      `toml:"api"`
	P2P   P2PConfig      `toml:"p2p"`
	Store StoreConfig    `toml:"store"`
	Sync  replica.Config `toml:"sync"`
	Tasks TasksConfig    `toml:"tasks"`
	GPU   GPUConfig      `toml:"gpu"`

	Chain       ChainConfig       `toml:"chain"`
	DA          DAConfig          `toml:"da"`
	Attribution AttributionConfig `toml:"attribution"`
}

// LogConfig selects the log level and format.
type LogConfig struct {
	Level  string `toml:"level" comment:"debug, info, warn or error"`
	Format string `toml:"format" comment:"text or json"`
}

// APIConfig configures the HTTP API.
type APIConfig struct {
	Listen       string   `toml:"listen" comment:"host:port; keep it on loopback unless a proxy guards it"`
	MaxBodyBytes int64    `toml:"max_body_bytes"`
	ReadTimeout  Duration `toml:"read_timeout"`
	// MaxBatchRecords caps the records of one POST …/records batch; a
	// bigger one is refused whole (413 batch_too_large) before any work.
	MaxBatchRecords int `toml:"max_batch_records" comment:"records per submit batch (bigger batches get 413)"`
	// AllowedHosts are Host names the API answers to besides loopback
	// ones and the listen address (a name a reverse proxy forwards).
	AllowedHosts []string `toml:"allowed_hosts" comment:"Host names served besides loopback and the listen address"`
	// CORSOrigins are the browser origins allowed to call the API from
	// another origin (exact scheme://host:port).
	CORSOrigins []string `toml:"cors_origins" comment:"origins allowed to call the API from a browser page elsewhere"`
}

// P2PConfig configures the libp2p host; see p2p.Config.
type P2PConfig struct {
	Listen          []string `toml:"listen" comment:"multiaddrs; loopback by default, use 0.0.0.0 to be reachable"`
	Bootstrap       []string `toml:"bootstrap" comment:"full multiaddrs with /p2p/<peer id>"`
	DHT             bool     `toml:"dht"`
	MDNS            bool     `toml:"mdns" comment:"multicast leaves the machine: opt-in only"`
	ConnLow         int      `toml:"conn_low"`
	ConnHigh        int      `toml:"conn_high"`
	MaxMessageBytes int      `toml:"max_message_bytes"`
	MaxRequestBytes int      `toml:"max_request_bytes"`
	RequestTimeout  Duration `toml:"request_timeout"`
	MeshDegree      int      `toml:"mesh_degree" comment:"gossipsub D: peers each node relays to per topic (0: gossipsub's 6)"`
}

// StoreConfig configures the badger record store.
type StoreConfig struct {
	SyncWrites bool `toml:"sync_writes" comment:"fsync before acknowledging a write; turn off only for throwaway nodes"`
}

// DefaultConfig returns the configuration that init writes out.
func DefaultConfig() Config {
	p := p2p.DefaultConfig()
	return Config{
		Log: LogConfig{Level: "info", Format: "text"},
		API: APIConfig{
			Listen:          "127.0.0.1:8645",
			MaxBodyBytes:    16 << 20,
			ReadTimeout:     Duration(30 * time.Second),
			MaxBatchRecords: 10_000,
		},
		P2P: P2PConfig{
			Listen:          []string{"/ip4/127.0.0.1/tcp/4101", "/ip4/127.0.0.1/udp/4101/quic-v1"},
			Bootstrap:       []string{},
			DHT:             p.DHT,
			MDNS:            false,
			ConnLow:         p.ConnLow,
			ConnHigh:        p.ConnHigh,
			MaxMessageBytes: p.MaxMessageBytes,
			MaxRequestBytes: p.MaxRequestBytes,
			RequestTimeout:  Duration(p.RequestTimeout),
			MeshDegree:      p.MeshDegree,
		},
		Store:       StoreConfig{SyncWrites: true},
		GPU:         DefaultGPUConfig(),
		Sync:        replica.DefaultConfig(),
		Tasks:       work.DefaultConfig(),
		Chain:       DefaultChainConfig(),
		DA:          DefaultDAConfig(),
		Attribution: DefaultAttributionConfig(),
	}
}

// Validate checks every section.
func (c Config) Validate() error {
	var errs []error
	if err := c.GPU.Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, err := ParseLevel(c.Log.Level); err != nil {
		errs = append(errs, err)
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		errs = append(errs, fmt.Errorf("log.format %q: want text or json", c.Log.Format))
	}
	if _, _, err := net.SplitHostPort(c.API.Listen); err != nil {
		errs = append(errs, fmt.Errorf("api.listen %q: %v", c.API.Listen, err))
	}
	if c.API.MaxBatchRecords <= 0 {
		errs = append(errs, fmt.Errorf("api.max_batch_records must be positive, got %d", c.API.MaxBatchRecords))
	}
	if c.API.MaxBodyBytes <= 0 {
		errs = append(errs, fmt.Errorf("api.max_body_bytes must be positive"))
	}
	if err := c.Sync.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.Tasks.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.P2PConfig().Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.validateAnchoring(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return nil
}

// P2PConfig maps the [p2p] section onto p2p.Config.
func (c Config) P2PConfig() p2p.Config {
	p := p2p.DefaultConfig()
	p.ListenAddrs = c.P2P.Listen
	p.Bootstrap = c.P2P.Bootstrap
	p.DHT = c.P2P.DHT
	p.MDNS = c.P2P.MDNS
	p.ConnLow = c.P2P.ConnLow
	p.ConnHigh = c.P2P.ConnHigh
	p.MaxMessageBytes = c.P2P.MaxMessageBytes
	p.MaxRequestBytes = c.P2P.MaxRequestBytes
	p.RequestTimeout = c.P2P.RequestTimeout.D()
	p.MeshDegree = c.P2P.MeshDegree
	return p
}

// StoreConfig maps the [store] section onto datanet.StoreConfig for dir.
func (c Config) StoreConfig(dir string) datanet.StoreConfig {
	s := datanet.DefaultStoreConfig(dir)
	s.SyncWrites = c.Store.SyncWrites
	return s
}

// ParseLevel parses a slog level name.
func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log.level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// LoadConfig reads a TOML file over the defaults. Unknown keys are an error.
func LoadConfig(path string) (Config, error) {
	cfg := DefaultConfig()
	b, err := os.ReadFile(path)
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	if err := DecodeConfig(b, &cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, nil
}

// DecodeConfig decodes TOML into cfg, rejecting unknown keys.
func DecodeConfig(b []byte, cfg *Config) error {
	dec := toml.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(cfg); err != nil {
		var sm *toml.StrictMissingError
		if errors.As(err, &sm) {
			return fmt.Errorf("%w: unknown keys:\n%s", ErrConfig, sm.String())
		}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			return fmt.Errorf("%w: %s", ErrConfig, de.String())
		}
		return fmt.Errorf("%w: %v", ErrConfig, err)
	}
	return nil
}

// EncodeConfig writes cfg as TOML, every field spelled out.
func EncodeConfig(cfg Config) ([]byte, error) {
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.SetIndentTables(false)
	if err := enc.Encode(cfg); err != nil {
		return nil, fmt.Errorf("%w: encode: %v", ErrConfig, err)
	}
	return buf.Bytes(), nil
}
