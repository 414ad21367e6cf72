package node

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestDefaultConfigRoundTrip(t *testing.T) {
	cfg := DefaultConfig()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("default config invalid: %v", err)
	}
	b, err := EncodeConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"[api]", "listen = '127.0.0.1:8645'", "mdns = false", "interval = '30s'", "sync_writes = true"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("encoded config lacks %q:\n%s", want, b)
		}
	}
	var got Config
	if err := DecodeConfig(b, &got); err != nil {
		t.Fatal(err)
	}
	b2, _ := EncodeConfig(got)
	if string(b) != string(b2) {
		t.Fatalf("config changed across a round trip:\n%s\n---\n%s", b, b2)
	}
	if got.Sync.Interval.D() != 30*time.Second {
		t.Fatalf("sync interval %v", got.Sync.Interval.D())
	}
}

func TestConfigRejectsUnknownKeys(t *testing.T) {
	cfg := DefaultConfig()
	err := DecodeConfig([]byte("[api]\nlisten = '127.0.0.1:1'\nlisen = 'typo'\n"), &cfg)
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "lisen") {
		t.Fatalf("unknown key: got %v, want ErrConfig naming the key", err)
	}
	err = DecodeConfig([]byte("[nosuchsection]\nx = 1\n"), &cfg)
	if !errors.Is(err, ErrConfig) {
		t.Fatalf("unknown section: got %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	for name, mut := range map[string]func(*Config){
		"level":     func(c *Config) { c.Log.Level = "loud" },
		"format":    func(c *Config) { c.Log.Format = "xml" },
		"listen":    func(c *Config) { c.API.Listen = "nocolon" },
		"batch":     func(c *Config) { c.Sync.Batch = 0 },
		"interval":  func(c *Config) { c.Sync.Interval = 0 },
		"multiaddr": func(c *Config) { c.P2P.Listen = []string{"not a multiaddr"} },
		"bootstrap": func(c *Config) { c.P2P.Bootstrap = []string{"/ip4/127.0.0.1/tcp/1"} },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := DefaultConfig()
			mut(&cfg)
			if err := cfg.Validate(); !errors.Is(err, ErrConfig) {
				t.Fatalf("got %v, want ErrConfig", err)
			}
		})
	}
}

func TestDurationText(t *testing.T) {
	var d Duration
	if err := d.UnmarshalText([]byte("1m30s")); err != nil || d.D() != 90*time.Second {
		t.Fatalf("got %v %v", d.D(), err)
	}
	if err := d.UnmarshalText([]byte("soon")); err == nil {
		t.Fatal("accepted a bad duration")
	}
}
