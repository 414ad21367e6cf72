package work

import (
	"errors"
	"fmt"
	"time"

	"github.com/provenet/provenet/internal/conf"
)

// Config configures the data work this node does: the [tasks] section of
// the node's config.toml.
type Config struct {
	Enabled       bool          `toml:"enabled" comment:"take crawl and classify tasks, and vote when whitelisted"`
	Replication   int           `toml:"replication" comment:"workers per classify task (rendezvous hashing); crawl tasks get one"`
	Lease         conf.Duration `toml:"lease" comment:"how long a worker holds a task before it moves to the next one"`
	ScanInterval  conf.Duration `toml:"scan_interval" comment:"how often pending records are scanned for work"`
	PresenceEvery conf.Duration `toml:"presence_interval" comment:"how often this node announces itself as a worker"`
	Confidence    float64       `toml:"confidence" comment:"classifier confidence below which a label is marked unsure (0..1)"`
	AutoValidate  bool          `toml:"auto_validate" comment:"as a whitelisted validator, vote automatically: the submitted label, or a confident classifier label; otherwise wait for POST /api/v1/votes"`
	CrawlLoopback bool          `toml:"crawl_allow_loopback" comment:"let the crawler fetch loopback addresses (devnet and tests only)"`
	CrawlHostRate float64       `toml:"crawl_host_rate" comment:"requests per second per host"`
	CrawlMaxPages int           `toml:"crawl_max_pages" comment:"default page limit of a site crawl"`
	EpochLength   conf.Duration `toml:"epoch_length" comment:"points epochs: results and outcomes fall in the epoch of their signed time"`
}

// ErrInvalidConfig reports a Config that Validate refuses.
var ErrInvalidConfig = errors.New("work: invalid config")

// DefaultConfig is the work a node does unless configured.
func DefaultConfig() Config {
	return Config{
		Enabled: true, Replication: 2, Lease: conf.Duration(time.Minute), ScanInterval: conf.Duration(time.Second),
		PresenceEvery: conf.Duration(5 * time.Second), Confidence: 0.8, AutoValidate: true,
		CrawlHostRate: 2, CrawlMaxPages: 100, EpochLength: conf.Duration(time.Hour),
	}
}

// Validate checks c.
func (c Config) Validate() error {
	var errs []error
	if c.Replication < 1 || c.Replication > 64 {
		errs = append(errs, fmt.Errorf("%w: tasks.replication %d: want 1..64", ErrInvalidConfig, c.Replication))
	}
	if c.Lease.D() < time.Second || c.ScanInterval.D() <= 0 || c.PresenceEvery.D() <= 0 || c.EpochLength.D() < time.Second {
		errs = append(errs, fmt.Errorf("%w: tasks: lease and epoch_length must be at least 1s, intervals positive", ErrInvalidConfig))
	}
	if c.Confidence < 0 || c.Confidence > 1 {
		errs = append(errs, fmt.Errorf("%w: tasks.confidence %v: want 0..1", ErrInvalidConfig, c.Confidence))
	}
	if c.CrawlHostRate <= 0 || c.CrawlMaxPages < 1 {
		errs = append(errs, fmt.Errorf("%w: tasks: crawl_host_rate and crawl_max_pages must be positive", ErrInvalidConfig))
	}
	return errors.Join(errs...)
}
