package engine

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
)

// An unknown backend is refused at start with a stable error.
func TestUnknownBackendRefused(t *testing.T) {
	w, err := model.Random(model.Stories15M(), 1)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.Backend = "tpu"
	_, err = New(cfg, []Base{{Name: "b", Weights: w, Tokenizer: llamaSPM(t)}}, nil, nil, nil)
	if !errors.Is(err, model.ErrUnknownBackend) {
		t.Fatalf("err = %v, want ErrUnknownBackend", err)
	}
}

// A backend whose hardware is absent falls back to the CPU device, and
// the engine serves the same tokens as one configured for the CPU.
func TestAbsentDeviceFallsBackToCPU(t *testing.T) {
	model.RegisterDevice("absent-test", func(model.DeviceSpec) (model.Device, error) {
		return nil, fmt.Errorf("%w: no GPU in this test", model.ErrNoDevice)
	})
	cfg := DefaultConfig()
	cfg.Backend = "absent-test"
	e, _ := newEngine(t, cfg, nil, nil)
	ref, _ := newEngine(t, DefaultConfig(), nil, nil)
	if got := e.list[0].dev.Name(); got != "cpu" {
		t.Fatalf("device = %q, want the cpu fallback", got)
	}
	r := gpu.Request{Model: "stories15m", Prompt: "Once upon a time", MaxTokens: 12}
	a, _, _ := collect(t, mustGenerate(t, e, r))
	b, _, _ := collect(t, mustGenerate(t, ref, r))
	if fmt.Sprint(a) != fmt.Sprint(b) || len(a) == 0 {
		t.Fatalf("fallback tokens %v, cpu tokens %v", a, b)
	}
}

func mustGenerate(t *testing.T, e *Engine, r gpu.Request) <-chan gpu.Event {
	t.Helper()
	ch, err := e.Generate(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}
