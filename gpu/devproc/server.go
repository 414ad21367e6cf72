package devproc

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"github.com/provenet/provenet/gpu/model"
)

// Serve runs a device worker over rw (the daemon's end of a socket): it
// opens the device the first message asks for (through model.OpenDevice,
// so a worker built with the cuda tag serves "cuda"), then answers steps
// until rw closes. It returns nil when the daemon hangs up.
func Serve(rw io.ReadWriter, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &reader{r: bufio.NewReaderSize(rw, 1<<20)}
	w := &writer{w: bufio.NewWriterSize(rw, 1<<20)}
	if t := r.u8(); r.err != nil || t != msgOpen {
		return fmt.Errorf("%w: expected open, got %d (%v)", ErrProtocol, t, r.err)
	}
	backend := r.str()
	kvTokens, threads := r.int(), r.int()
	ws, err := readWeights(r)
	if err != nil {
		return answerErr(w, err)
	}
	dev, err := model.OpenDevice(backend, model.DeviceSpec{Weights: ws, KVTokens: kvTokens, Threads: threads, Log: log})
	if err != nil {
		return answerErr(w, err)
	}
	defer dev.Close()
	c := dev.Config()
	w.u8(statusOK)
	w.u64(uint64(dev.Blocks().Blocks()))
	if err := w.flush(); err != nil {
		return err
	}
	log.Info("device worker serving", "backend", dev.Name(), "blocks", dev.Blocks().Blocks())

	adapters := map[string]*model.Adapter{}
	var b model.Batch
	for {
		t := r.u8()
		if r.err != nil {
			if errors.Is(r.err, io.EOF) {
				return nil
			}
			return r.err
		}
		switch t {
		case msgAdapter:
			id, a, err := readAdapter(r, c)
			if err != nil {
				return err // the stream is out of step: end it
			}
			adapters[id] = a
		case msgForget:
			delete(adapters, r.str())
		case msgStep:
			if err := readStep(r, &b, adapters); err != nil {
				return err
			}
			if err := step(dev, &b); err != nil {
				if err := answerErr(w, err); err != nil {
					return err
				}
				continue
			}
			w.u8(statusOK)
			raw(w, b.Logits)
			if err := w.flush(); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: message type %d", ErrProtocol, t)
		}
	}
}

// step runs one batch; a panic in the device becomes the step's error.
func step(dev model.Device, b *model.Batch) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("device panic: %v\n%s", p, debug.Stack())
		}
	}()
	return dev.Step(b)
}

func answerErr(w *writer, err error) error {
	if errors.Is(err, model.ErrNoDevice) {
		w.u8(statusNoDevice)
	} else {
		w.u8(statusErr)
	}
	w.str(err.Error())
	return w.flush()
}

// writeStep sends b; adapters are named by the ids the daemon gave them.
func writeStep(w *writer, b *model.Batch, idOf func(*model.Adapter) string) {
	w.u8(msgStep)
	raw(w, b.Tokens)
	raw(w, b.Pos)
	for _, t := range b.Tables {
		raw(w, t)
	}
	for _, refs := range b.Adapters {
		w.u64(uint64(len(refs)))
		for _, ref := range refs {
			w.str(idOf(ref.A))
			w.f32(ref.Weight)
		}
	}
	w.u64(uint64(len(b.LogitRows)))
	for _, r := range b.LogitRows {
		w.u64(uint64(r))
	}
}

func readStep(r *reader, b *model.Batch, adapters map[string]*model.Adapter) error {
	tokens := readRaw[int32](r, nil)
	pos := readRaw[int32](r, nil)
	if r.err != nil || len(tokens) != len(pos) {
		return fmt.Errorf("%w: step of %d tokens and %d positions (%v)", ErrProtocol, len(tokens), len(pos), r.err)
	}
	b.Reset()
	tables := make([][]int32, len(tokens))
	for i := range tokens {
		tables[i] = readRaw[int32](r, nil)
	}
	refs := make([][]model.AdapterRef, len(tokens))
	for i := range tokens {
		n := r.int()
		for range n {
			id, wt := r.str(), r.f32()
			a := adapters[id]
			if a == nil && r.err == nil {
				return fmt.Errorf("%w: step names adapter %q the worker was not sent", ErrProtocol, id)
			}
			refs[i] = append(refs[i], model.AdapterRef{A: a, Weight: wt})
		}
	}
	logit := map[int]bool{}
	prev := -1
	for range r.int() {
		row := r.int()
		if row <= prev || row >= len(tokens) {
			return fmt.Errorf("%w: logit rows out of order or range", ErrProtocol)
		}
		logit[row], prev = true, row
	}
	if r.err != nil {
		return r.err
	}
	for i := range tokens {
		b.Add(tokens[i], pos[i], tables[i], refs[i], logit[i])
	}
	return nil
}
