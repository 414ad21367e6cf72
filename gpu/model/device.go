package model

import (
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"

	"github.com/provenet/provenet/gpu/cpu"
)

// Device runs whole forward steps of one base model on memory it owns.
// Opening a device uploads the weights once; the device holds the KV
// cache's block storage; Step runs every layer of a batch, with each
// row's adapters, without handing activations back to the caller, and
// leaves only the logits of the rows that asked for them in b.Logits.
//
// This is the boundary a GPU fills: nothing per layer crosses it. The
// host keeps the block bookkeeping (Blocks: allocation, prefix index,
// eviction), which is the same for every device; the device keeps the
// blocks' contents.
//
// Step is called from one goroutine at a time (the engine's loop).
type Device interface {
	// Name is the backend's name ("cpu", "cuda").
	Name() string
	// Config is the model's shape as served (MaxSeq already capped).
	Config() *Config
	// Blocks is the KV cache's block table bookkeeping.
	Blocks() *KVCache
	// Step runs b through the model (see Model.Step).
	Step(b *Batch) error
	// Close frees the device's memory and workers.
	Close()
}

// Merger is a device that can also run merged weights of the same shape
// over the same cache (a host device, where merging a hot adapter into a
// private copy of the weights beats applying it per row). A device
// without it is never asked to merge.
type Merger interface {
	Device
	// Weights are the weights the device runs.
	Weights() *Weights
	// WithWeights returns a device over w sharing this one's cache and
	// workers; closing it frees nothing of the parent's.
	WithWeights(w *Weights) (Device, error)
}

// AdapterPrefetcher is a device with an adapter tier of its own (device
// memory in front of the host's): the engine hands it each queued
// request's adapters so that they are uploaded before the step that
// needs them.
type AdapterPrefetcher interface {
	Prefetch(a *Adapter)
}

// DeviceSpec is what a device is opened with.
type DeviceSpec struct {
	Weights  *Weights
	KVTokens int          // KV cache positions
	Threads  int          // host worker goroutines (0: GOMAXPROCS)
	Ordinal  int          // which accelerator, for backends with several
	Log      *slog.Logger // may be nil
}

// DeviceOpener opens one kind of device.
type DeviceOpener func(DeviceSpec) (Device, error)

// ErrNoDevice is returned by an opener whose hardware is absent (no GPU,
// no driver); the engine then falls back to the CPU device and says so.
var ErrNoDevice = errors.New("model: no such device on this machine")

// ErrUnknownBackend is returned for a backend this binary was not built
// with.
var ErrUnknownBackend = errors.New("model: backend not built into this binary")

var (
	openersMu sync.RWMutex
	openers   = map[string]DeviceOpener{"cpu": func(s DeviceSpec) (Device, error) { return OpenCPU(s) }}
)

// RegisterDevice makes a backend available to OpenDevice under name. The
// cuda backend registers itself from a package built only with the cuda
// tag.
func RegisterDevice(name string, open DeviceOpener) {
	openersMu.Lock()
	defer openersMu.Unlock()
	openers[name] = open
}

// Backends lists the registered backend names, sorted.
func Backends() []string {
	openersMu.RLock()
	defer openersMu.RUnlock()
	out := make([]string, 0, len(openers))
	for n := range openers {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// OpenDevice opens the backend called name ("" is "cpu").
func OpenDevice(name string, s DeviceSpec) (Device, error) {
	if name == "" {
		name = "cpu"
	}
	openersMu.RLock()
	open := openers[name]
	openersMu.RUnlock()
	if open == nil {
		return nil, fmt.Errorf("%w: %q (this binary has %v; the cuda backend needs `go build -tags cuda`)", ErrUnknownBackend, name, Backends())
	}
	return open(s)
}

// CPUDevice is the host backend behind the Device boundary: the forward
// pass of Model over host memory, with the matrix multiplies and parallel
// loops of a gpu/cpu backend.
type CPUDevice struct {
	*Model
	be    *cpu.Backend // nil when shared with a parent device
	owned bool
}

// OpenCPU opens the host device: the weights are used in place (host
// memory is the device's), the cache is allocated here.
func OpenCPU(s DeviceSpec) (*CPUDevice, error) {
	if s.Weights == nil {
		return nil, fmt.Errorf("%w: no weights", ErrConfig)
	}
	kv, err := NewKVCache(s.Weights.Config, s.KVTokens)
	if err != nil {
		return nil, err
	}
	be := cpu.NewBackend(s.Threads)
	m, err := New(s.Weights, be, kv)
	if err != nil {
		be.Close()
		return nil, err
	}
	return &CPUDevice{Model: m, be: be, owned: true}, nil
}

// Name is "cpu".
func (d *CPUDevice) Name() string { return "cpu" }

// Blocks is the cache.
func (d *CPUDevice) Blocks() *KVCache { return d.KV }

// Weights are the weights the device runs.
func (d *CPUDevice) Weights() *Weights { return d.W }

// WithWeights shares the cache and the workers.
func (d *CPUDevice) WithWeights(w *Weights) (Device, error) {
	m, err := d.Model.WithWeights(w)
	if err != nil {
		return nil, err
	}
	return &CPUDevice{Model: m}, nil
}

// Close stops the workers of a device that owns them.
func (d *CPUDevice) Close() {
	if d.owned && d.be != nil {
		d.be.Close()
	}
}
