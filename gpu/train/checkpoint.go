package train

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/provenet/provenet/gpu/safetensors"
)

// ErrCheckpoint reports a checkpoint that cannot be written or does not
// fit the job resuming from it.
var ErrCheckpoint = errors.New("train: checkpoint")

const (
	stateFile   = "state.json"
	tensorsFile = "trainer.safetensors"
)

// State is the non-tensor part of a checkpoint: everything, with the
// trainable tensors and the AdamW moments, that makes a resumed run
// continue bitwise as if it had never stopped. The data order's RNG state
// is (Seed, Epoch): each epoch's permutation is drawn afresh from them.
type State struct {
	Step    int       `json:"step"`
	Epoch   int       `json:"epoch"`
	Cursor  int       `json:"cursor"`
	Seed    uint64    `json:"seed"`
	AdamT   int       `json:"adam_t"`
	Mode    string    `json:"mode"`
	Data    int       `json:"train_sequences"` // the data order is only valid for the same data
	Tensors []string  `json:"tensors"`
	Losses  []float64 `json:"losses"`
}

// saveCheckpoint writes dir atomically: into a fresh sibling directory,
// then renamed over dir.
func saveCheckpoint(dir string, st State, ts []tensor[float32], opt *adamw) error {
	tmp := dir + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	st.Tensors = st.Tensors[:0]
	var nt []safetensors.NamedTensor
	for i, t := range ts {
		st.Tensors = append(st.Tensors, t.name)
		for _, x := range []struct {
			pre string
			v   []float32
		}{{"param.", t.p}, {"adam_m.", opt.m[i]}, {"adam_v.", opt.v[i]}} {
			nt = append(nt, safetensors.NamedTensor{Name: x.pre + t.name, DType: safetensors.F32, Shape: []int{len(x.v)}, Data: safetensors.EncodeF32(x.v)})
		}
	}
	if err := safetensors.WriteFile(filepath.Join(tmp, tensorsFile), nt, nil); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	js, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	if err := writeFileSync(filepath.Join(tmp, stateFile), js); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	old := dir + ".old"
	_ = os.RemoveAll(old)
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("%w: %w", ErrCheckpoint, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	_ = os.RemoveAll(old)
	return nil
}

func writeFileSync(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadCheckpoint reads dir into the trainables and optimiser moments,
// which must have the same names and sizes, and returns the state.
// CheckpointState reads the non-tensor part of the checkpoint in dir:
// enough to tell a user where a resumed job will continue.
func CheckpointState(dir string) (State, error) {
	var st State
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("%w: %s: %w", ErrCheckpoint, dir, err)
	}
	return st, nil
}

func loadCheckpoint(dir string, ts []tensor[float32], opt *adamw) (State, error) {
	var st State
	raw, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	if err := json.Unmarshal(raw, &st); err != nil {
		return st, fmt.Errorf("%w: %s: %w", ErrCheckpoint, stateFile, err)
	}
	if len(st.Tensors) != len(ts) {
		return st, fmt.Errorf("%w: %d tensors, the job trains %d", ErrCheckpoint, len(st.Tensors), len(ts))
	}
	f, err := safetensors.Open(filepath.Join(dir, tensorsFile))
	if err != nil {
		return st, fmt.Errorf("%w: %w", ErrCheckpoint, err)
	}
	defer f.Close()
	for i, t := range ts {
		if st.Tensors[i] != t.name {
			return st, fmt.Errorf("%w: tensor %d is %q, the job's is %q", ErrCheckpoint, i, st.Tensors[i], t.name)
		}
		for _, x := range []struct {
			pre string
			v   []float32
		}{{"param.", t.p}, {"adam_m.", opt.m[i]}, {"adam_v.", opt.v[i]}} {
			tt, err := f.Tensor(x.pre + t.name)
			if err != nil {
				return st, fmt.Errorf("%w: %w", ErrCheckpoint, err)
			}
			vals, err := tt.Float32()
			if err != nil || len(vals) != len(x.v) {
				return st, fmt.Errorf("%w: %s%s: %d values, want %d (%v)", ErrCheckpoint, x.pre, t.name, len(vals), len(x.v), err)
			}
			copy(x.v, vals)
		}
	}
	opt.t = st.AdamT
	return st, nil
}
