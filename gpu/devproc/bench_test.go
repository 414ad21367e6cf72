package devproc

import (
	"strconv"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

// BenchmarkStep compares one decode step of the CPU device in process
// with the same device in a worker process: the difference is the
// socket's cost per step (the batch out, the logits back).
func BenchmarkStep(b *testing.B) {
	c := model.Stories15M()
	w, err := model.Random(c, 5)
	if err != nil {
		b.Fatal(err)
	}
	for _, rows := range []int{1, 32} {
		local, err := model.OpenDevice("cpu", model.DeviceSpec{Weights: w, KVTokens: 64 * 64})
		if err != nil {
			b.Fatal(err)
		}
		b.Setenv(workerEnv, "serve")
		remote, err := Open(Spec{Command: []string{testBinary(), "-test.run=^$"}, Backend: "cpu"}, model.DeviceSpec{Weights: w, KVTokens: 64 * 64})
		if err != nil {
			b.Fatal(err)
		}
		for _, dev := range []model.Device{local, remote} {
			name := "in-process"
			if dev == model.Device(remote) {
				name = "worker"
			}
			b.Run(name+"/rows="+strconv.Itoa(rows), func(b *testing.B) {
				tables := make([][]int32, rows)
				for i := range tables {
					tables[i], _ = dev.Blocks().Reserve(nil, 64)
				}
				var batch model.Batch
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					batch.Reset()
					for r := range rows {
						batch.Add(int32(r+i%100), int32(i%63), tables[r], nil, true)
					}
					if err := dev.Step(&batch); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				for _, t := range tables {
					dev.Blocks().Release(t)
				}
			})
		}
		local.Close()
		remote.Close()
	}
}
