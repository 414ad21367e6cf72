// Package devproc runs a model.Device in a worker process: the daemon
// keeps the engine, the block bookkeeping and the sampling, and sends each
// step's batch to the worker over a Unix socket; the worker owns the
// device and answers with the logits.
//
// It exists for the cuda backend. gorgonia.org/cu's init() exits the
// process when the driver finds no GPU, and a binary built with the cuda
// tag does not even load where the NVIDIA driver is missing, so the daemon
// itself must not link CUDA. It starts `provenet-cuda device-worker` (the
// same command built with -tags cuda) instead; when the worker cannot
// start or reports no device, Open returns model.ErrNoDevice with the
// worker's own words, and the engine says so and serves on the CPU. A
// worker that dies later fails the steps in flight, not the daemon (as
// vLLM keeps its engine core in a process apart from the API server).
//
// The protocol is little-endian length-prefixed slices, written and read
// by this package only (both ends are the same build). Adapters are sent
// once per worker under an id and named by it in later steps.
package devproc

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/provenet/provenet/gpu/model"
)

// ErrWorker is a worker that failed or went away after it started.
var ErrWorker = errors.New("devproc: device worker failed")

// Spec says how to start a worker.
type Spec struct {
	// Command is the worker's argv: the binary and its arguments, to which
	// Open appends nothing; the worker serves on file descriptor 3.
	Command []string
	// Backend is the device the worker opens ("cuda", or "cpu" in tests).
	Backend string
	// StartTimeout bounds the start and the weights' upload (0: 5 min).
	StartTimeout time.Duration
	Log          *slog.Logger
}

// Remote is a device in a worker process.
type Remote struct {
	cfg     model.Config
	backend string
	log     *slog.Logger
	kv      *model.KVCache
	cmd     *exec.Cmd
	exited  chan struct{}
	conn    net.Conn
	stderr  *tail

	mu      sync.Mutex // one step at a time (the engine's loop), and Close
	r       *reader
	w       *writer
	sent    map[*model.Adapter]string
	lastUse map[*model.Adapter]int // step of last use, for forgetting
	steps   int
	dead    error
	next    int
}

// Open starts the worker, sends it the weights and waits for its device.
func Open(s Spec, ds model.DeviceSpec) (*Remote, error) {
	if len(s.Command) == 0 {
		return nil, fmt.Errorf("%w: no worker command", model.ErrConfig)
	}
	if ds.Weights == nil {
		return nil, fmt.Errorf("%w: no weights", model.ErrConfig)
	}
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	timeout := s.StartTimeout
	if timeout <= 0 {
		timeout = 5 * time.Minute
	}
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("devproc: socketpair: %w", err)
	}
	ours, theirs := os.NewFile(uintptr(fds[0]), "device-worker"), os.NewFile(uintptr(fds[1]), "device-worker-peer")
	defer theirs.Close()
	conn, err := net.FileConn(ours)
	ours.Close()
	if err != nil {
		return nil, fmt.Errorf("devproc: %w", err)
	}
	cmd := exec.Command(s.Command[0], s.Command[1:]...)
	cmd.ExtraFiles = []*os.File{theirs}
	cmd.Env = append(os.Environ(), inWorkerEnv+"=1")
	st := &tail{}
	cmd.Stderr = st
	cmd.Stdout = st
	if err := cmd.Start(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: cannot start the %s device worker %q: %v", model.ErrNoDevice, s.Backend, s.Command[0], err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	d := &Remote{backend: s.Backend, log: log, cmd: cmd, exited: exited, conn: conn, lastUse: map[*model.Adapter]int{}, stderr: st, sent: map[*model.Adapter]string{},
		r: &reader{r: bufio.NewReaderSize(conn, 1<<20)}, w: &writer{w: bufio.NewWriterSize(conn, 1<<20)}}
	go func() { <-exited; conn.Close() }() // a dead worker ends any read
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	go func() {
		<-ctx.Done()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			conn.Close()
		}
	}()
	blocks, err := d.handshake(s.Backend, ds)
	if err != nil {
		_ = cmd.Process.Kill()
		<-exited
		var we *workerError
		switch {
		case errors.As(err, &we) && we.noDevice:
			return nil, fmt.Errorf("%w: the %s device worker says: %s", model.ErrNoDevice, s.Backend, we.msg)
		case errors.As(err, &we):
			return nil, fmt.Errorf("the %s device worker says: %s", s.Backend, we.msg)
		default: // it never answered: it could not load or exited at start
			return nil, fmt.Errorf("%w: the %s device worker did not start (%v); it printed: %s", model.ErrNoDevice, s.Backend, err, st.String())
		}
	}
	d.cfg = ds.Weights.Config
	if d.kv, err = model.NewKVBlocks(d.cfg, ds.KVTokens); err != nil {
		d.Close()
		return nil, err
	}
	if d.kv.Blocks() != blocks {
		d.Close()
		return nil, fmt.Errorf("%w: the worker has %d KV blocks, the daemon %d", ErrProtocol, blocks, d.kv.Blocks())
	}
	log.Info("device worker ready", "backend", s.Backend, "pid", cmd.Process.Pid, "blocks", blocks)
	return d, nil
}

// workerError is an error the worker reported (as opposed to a worker
// that died or never spoke); the worker lives on after it.
type workerError struct {
	msg      string
	noDevice bool
}

func (e *workerError) Error() string { return e.msg }

func (e *workerError) Is(target error) bool { return e.noDevice && target == model.ErrNoDevice }

func (d *Remote) handshake(backend string, ds model.DeviceSpec) (int, error) {
	w := d.w
	w.u8(msgOpen)
	w.str(backend)
	w.u64(uint64(ds.KVTokens))
	w.u64(uint64(ds.Threads))
	if err := writeWeights(w, ds.Weights); err != nil {
		return 0, err
	}
	if err := w.flush(); err != nil {
		return 0, fmt.Errorf("sending the weights: %v", err)
	}
	if err := d.status(); err != nil {
		return 0, err
	}
	n := d.r.int()
	return n, d.r.err
}

// status reads an answer's status and turns a reported error into one.
func (d *Remote) status() error {
	switch st := d.r.u8(); {
	case d.r.err != nil:
		return fmt.Errorf("%w: %v", ErrWorker, d.r.err)
	case st == statusOK:
		return nil
	case st == statusNoDevice:
		return &workerError{msg: d.r.str(), noDevice: true}
	default:
		return &workerError{msg: d.r.str()}
	}
}

// Name is the worker's backend.
func (d *Remote) Name() string { return d.backend }

// Config is the model's shape.
func (d *Remote) Config() *model.Config { return &d.cfg }

// Blocks is the KV bookkeeping; the blocks live in the worker.
func (d *Remote) Blocks() *model.KVCache { return d.kv }

// Step sends b to the worker, with any adapter it has not seen, and reads
// back the logits of b.LogitRows.
func (d *Remote) Step(b *model.Batch) error {
	if b.Rows() == 0 {
		return nil
	}
	if err := b.Validate(&d.cfg); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dead != nil {
		return d.dead
	}
	d.steps++
	if d.steps%forgetEvery == 0 {
		d.forgetIdleLocked()
	}
	for _, refs := range b.Adapters {
		for _, ref := range refs {
			d.lastUse[ref.A] = d.steps
			if _, ok := d.sent[ref.A]; !ok {
				d.next++
				id := fmt.Sprintf("%d:%s", d.next, ref.A.CID)
				d.w.u8(msgAdapter)
				writeAdapter(d.w, id, ref.A)
				d.sent[ref.A] = id
			}
		}
	}
	writeStep(d.w, b, func(a *model.Adapter) string { return d.sent[a] })
	if err := d.w.flush(); err != nil {
		return d.fail(err)
	}
	if err := d.status(); err != nil {
		var we *workerError
		if errors.As(err, &we) {
			return fmt.Errorf("%s device: %s", d.backend, we.msg) // the step failed; the worker lives on
		}
		return d.fail(err)
	}
	b.Logits = readRaw(d.r, b.Logits[:0])
	if d.r.err != nil {
		return d.fail(d.r.err)
	}
	if len(b.Logits) != len(b.LogitRows)*d.cfg.Vocab {
		return d.fail(fmt.Errorf("%w: %d logits for %d rows", ErrProtocol, len(b.Logits), len(b.LogitRows)))
	}
	return nil
}

// Adapters unused for forgetAfter steps are dropped from the worker
// (checked every forgetEvery steps), so that a daemon whose host tier
// reloads adapters does not grow the worker without bound; one used again
// is sent again.
const (
	forgetEvery = 256
	forgetAfter = 1024
)

// forgetIdleLocked tells the worker to drop idle adapters; the messages
// go out with the next step's.
func (d *Remote) forgetIdleLocked() {
	for a, last := range d.lastUse {
		if d.steps-last < forgetAfter {
			continue
		}
		if id, ok := d.sent[a]; ok {
			d.w.u8(msgForget)
			d.w.str(id)
			delete(d.sent, a)
		}
		delete(d.lastUse, a)
	}
}

// Resident is the number of adapters the worker holds for this daemon.
func (d *Remote) Resident() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.sent)
}

func (d *Remote) fail(err error) error {
	d.dead = fmt.Errorf("%w: %v; it said: %s", ErrWorker, err, d.stderr.String())
	d.log.Error("device worker lost", "backend", d.backend, "err", d.dead)
	return d.dead
}

// Close ends the worker: it sees the socket close and exits.
func (d *Remote) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dead == nil {
		d.dead = fmt.Errorf("%w: closed", ErrWorker)
	}
	d.conn.Close()
	select {
	case <-d.exited:
	case <-time.After(5 * time.Second):
		_ = d.cmd.Process.Kill()
	}
}

// tail keeps the last 4 KiB a worker wrote, for error messages.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 4096 {
		t.buf = t.buf[len(t.buf)-4096:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.TrimSpace(string(t.buf))
	if s == "" {
		return "(nothing)"
	}
	return s
}
