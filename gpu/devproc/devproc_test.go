package devproc

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

// The test binary doubles as the worker: with workerEnv set it serves on
// fd 3 (the CPU backend, so that the whole protocol runs here) and exits.
const workerEnv = "DEVPROC_TEST_WORKER"

func TestMain(m *testing.M) {
	switch os.Getenv(workerEnv) {
	case "serve":
		if err := Serve(os.NewFile(3, "daemon"), nil); err != nil {
			fmt.Fprintln(os.Stderr, "worker:", err)
			os.Exit(1)
		}
		os.Exit(0)
	case "no-gpu":
		// What gorgonia.org/cu's init() does on a machine without a GPU.
		fmt.Println("Error in initialization, please refer to \"https://docs.nvidia.com/cuda/cuda-driver-api/group__CUDA__INITIALIZE.html\" for details on: no CUDA-capable device is detected")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func testBinary() string { return os.Args[0] }

func worker(t *testing.T, mode string) Spec {
	t.Helper()
	t.Setenv(workerEnv, mode)
	return Spec{Command: []string{os.Args[0], "-test.run=^$"}, Backend: "cpu"}
}

func greedy(t *testing.T, dev model.Device, prompt []int32, n int, refs []model.AdapterRef) ([]int32, []float32) {
	t.Helper()
	table, err := dev.Blocks().Reserve(nil, len(prompt)+n)
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Blocks().Release(table)
	var b model.Batch
	for i, tok := range prompt {
		b.Add(tok, int32(i), table, refs, i == len(prompt)-1)
	}
	var out []int32
	var last []float32
	for len(out) < n {
		if err := dev.Step(&b); err != nil {
			t.Fatal(err)
		}
		last = append(last[:0], b.Logits...)
		best := 0
		for i, v := range b.Logits {
			if v > b.Logits[best] {
				best = i
			}
		}
		out = append(out, int32(best))
		b.Reset()
		b.Add(int32(best), int32(len(prompt)+len(out)-1), table, refs, true)
	}
	return out, last
}

// A device in a worker process gives the same tokens and bit-identical
// logits as the same backend in process, with and without adapters.
func TestWorkerMatchesInProcess(t *testing.T) {
	c := model.Stories15M()
	w, err := model.Random(c, 5)
	if err != nil {
		t.Fatal(err)
	}
	local, err := model.OpenDevice("cpu", model.DeviceSpec{Weights: w, KVTokens: 1024, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	remote, err := Open(worker(t, "serve"), model.DeviceSpec{Weights: w, KVTokens: 1024, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	a := model.RandomAdapter(c, "qkvo", 8, 16, []model.Module{model.Q, model.K, model.V, model.O}, 2)
	a.CID = "bafy-qkvo"
	b := model.RandomAdapter(c, "v", 4, 8, []model.Module{model.V}, 3)
	for _, refs := range [][]model.AdapterRef{nil, {{A: a, Weight: 1}}, {{A: a, Weight: 0.5}, {A: b, Weight: 0.5}}} {
		want, wl := greedy(t, local, []int32{1, 415, 2501}, 24, refs)
		got, gl := greedy(t, remote, []int32{1, 415, 2501}, 24, refs)
		if !slices.Equal(got, want) || !slices.Equal(gl, wl) {
			t.Fatalf("%d adapters: worker tokens %v, in process %v", len(refs), got, want)
		}
	}
	if n := remote.Resident(); n != 2 {
		t.Fatalf("worker holds %d adapters, want 2 (each sent once)", n)
	}
}

// A worker that exits at start the way gorgonia.org/cu does without a GPU
// is model.ErrNoDevice, with its words in the error.
func TestWorkerWithoutGPUIsNoDevice(t *testing.T) {
	w, err := model.Random(model.Stories15M(), 5)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(worker(t, "no-gpu"), model.DeviceSpec{Weights: w, KVTokens: 256})
	if !errors.Is(err, model.ErrNoDevice) {
		t.Fatalf("err = %v, want ErrNoDevice", err)
	}
	if !strings.Contains(err.Error(), "no CUDA-capable device") {
		t.Fatalf("the error does not carry the worker's message: %v", err)
	}
	_, err = Open(Spec{Command: []string{"/nonexistent/provenet-cuda"}, Backend: "cuda"}, model.DeviceSpec{Weights: w, KVTokens: 256})
	if !errors.Is(err, model.ErrNoDevice) {
		t.Fatalf("missing binary: err = %v, want ErrNoDevice", err)
	}
}

// A worker killed mid-run fails later steps with ErrWorker; the daemon
// goes on.
func TestWorkerErrorsAndDeath(t *testing.T) {
	c := model.Stories15M()
	w, err := model.Random(c, 5)
	if err != nil {
		t.Fatal(err)
	}
	remote, err := Open(worker(t, "serve"), model.DeviceSpec{Weights: w, KVTokens: 256})
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	greedy(t, remote, []int32{1, 2}, 2, nil)
	if err := remote.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-remote.exited
	table, _ := remote.Blocks().Reserve(nil, 4)
	var b model.Batch
	b.Add(1, 0, table, nil, true)
	if err := remote.Step(&b); !errors.Is(err, ErrWorker) {
		t.Fatalf("after the worker died: err = %v, want ErrWorker", err)
	}
}
