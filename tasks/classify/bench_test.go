package classify

import (
	"context"
	"testing"
)

// Benchmarks run on the fortunes training split (internal/realdata). Each
// reports examples or predictions per second; Predict also reports MB/s of
// text.

func benchConfigs() []struct {
	name string
	cfg  Config
} {
	words := DefaultConfig()
	words.CharNGramMin, words.CharNGramMax = 0, 0
	return []struct {
		name string
		cfg  Config
	}{{"default", DefaultConfig()}, {"no-char-ngrams", words}}
}

func BenchmarkTrain(b *testing.B) {
	examples := corpus(b)
	for _, bc := range benchConfigs() {
		b.Run(bc.name, func(b *testing.B) {
			nb := mustNew(b, bc.cfg)
			b.ReportAllocs()
			for b.Loop() {
				if err := nb.Train(examples); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(examples)*b.N)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}

func BenchmarkAdd(b *testing.B) {
	examples := corpus(b)
	for _, bc := range benchConfigs() {
		b.Run(bc.name, func(b *testing.B) {
			nb := mustNew(b, bc.cfg)
			if err := nb.Train(examples); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := nb.Add(examples[i%len(examples)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}

func BenchmarkPredict(b *testing.B) {
	examples := corpus(b)
	var size int
	for _, ex := range examples {
		size += len(ex.Text)
	}
	ctx := context.Background()
	for _, bc := range benchConfigs() {
		nb := mustNew(b, bc.cfg)
		if err := nb.Train(examples); err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(size / len(examples)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := nb.Predict(ctx, examples[i%len(examples)].Text); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "predictions/s")
		})
		b.Run(bc.name+"-parallel", func(b *testing.B) {
			b.SetBytes(int64(size / len(examples)))
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					if _, err := nb.Predict(ctx, examples[i%len(examples)].Text); err != nil {
						b.Error(err)
						return
					}
					i++
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "predictions/s")
		})
	}
}

func BenchmarkCalibrate(b *testing.B) {
	examples := corpus(b)
	nb := mustNew(b, DefaultConfig())
	if err := nb.Train(examples); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := nb.Calibrate(context.Background(), examples); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(examples)*b.N)/b.Elapsed().Seconds(), "examples/s")
}

// BenchmarkCalibrateObserved is Calibrate with the fortunes test split
// observed as the stream: the label mix is estimated and, with
// AdjustPriors, the predictions shifted to it.
func BenchmarkCalibrateObserved(b *testing.B) {
	train, test := fortunes(b)
	nb := mustNew(b, DefaultConfig())
	if err := nb.Train(train); err != nil {
		b.Fatal(err)
	}
	for _, ex := range test {
		nb.Observe(ex.Text)
	}
	for b.Loop() {
		if _, err := nb.Calibrate(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(train)*b.N)/b.Elapsed().Seconds(), "examples/s")
}
