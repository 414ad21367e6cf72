package classify

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

func smallModel(tb testing.TB, cfg Config) *NaiveBayes {
	tb.Helper()
	nb := mustNew(tb, cfg)
	if err := nb.Train([]Example{
		{Text: "red apples and green pears", Label: "fruit"},
		{Text: "ripe bananas, sweet mangoes", Label: "fruit"},
		{Text: "the truck drove down the road", Label: "vehicle"},
		{Text: "a bicycle and a bus", Label: "vehicle"},
		{Text: "", Label: "empty"},
	}); err != nil {
		tb.Fatal(err)
	}
	return nb
}

func TestMarshalRoundTrip(t *testing.T) {
	ctx := context.Background()
	examples := corpus(t)
	nb := mustNew(t, DefaultConfig())
	if err := nb.Train(examples); err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples[:300] {
		nb.Observe(ex.Text)
	}
	if _, err := nb.Calibrate(ctx, examples); err != nil {
		t.Fatal(err)
	}
	data := mustMarshal(t, nb)
	got, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Config() != nb.Config() {
		t.Fatalf("config %+v, want %+v", got.Config(), nb.Config())
	}
	if again := mustMarshal(t, got); !bytes.Equal(again, data) {
		t.Fatal("re-encoding differs")
	}
	for _, ex := range examples[:200] {
		a, err1 := nb.Predict(ctx, ex.Text)
		b, err2 := got.Predict(ctx, ex.Text)
		if err1 != nil || err2 != nil || a.Label != b.Label || a.Confidence != b.Confidence || a.Unsure != b.Unsure {
			t.Fatalf("predictions differ: %+v / %+v", a, b)
		}
	}
	// A decoded model keeps learning like the original.
	extra := Example{Text: "one more golden record about compilers", Label: examples[0].Label}
	if err := nb.Add(extra); err != nil {
		t.Fatal(err)
	}
	if err := got.Add(extra); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustMarshal(t, nb), mustMarshal(t, got)) {
		t.Fatal("Add after Unmarshal diverges")
	}
	t.Logf("model: %d examples, %d features, %d bytes", nb.Stats().Examples, nb.Stats().Features, len(data))
}

func TestUnmarshalRejects(t *testing.T) {
	data := mustMarshal(t, smallModel(t, DefaultConfig()))
	if _, err := Unmarshal(data); err != nil {
		t.Fatal(err)
	}
	// Every proper prefix is truncated.
	for n := range len(data) {
		if _, err := Unmarshal(data[:n]); !errors.Is(err, ErrMalformed) {
			t.Fatalf("prefix of %d bytes: %v, want ErrMalformed", n, err)
		}
	}
	mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(data)) }
	const cfgEnd = 4 + 1 + 4 + 4*8 // magic, version, bytes, floats
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"trailing", append(bytes.Clone(data), 0), ErrMalformed},
		{"magic", mut(func(b []byte) []byte { b[0] = 'X'; return b }), ErrMalformed},
		{"version", mut(func(b []byte) []byte { b[4] = 1; return b }), ErrVersion},
		{"bucket bits", mut(func(b []byte) []byte { b[5] = 40; return b }), ErrMalformed},
		{"flags", mut(func(b []byte) []byte { b[6] |= 0x80; return b }), ErrMalformed},
		{"alpha nan", mut(func(b []byte) []byte {
			binary.BigEndian.PutUint64(b[9:], math.Float64bits(math.NaN()))
			return b
		}), ErrMalformed},
		// An over-long uvarint for max text bytes decodes to the same value.
		{"non-minimal uvarint", func() []byte {
			b := append([]byte(nil), data[:cfgEnd]...)
			v, n := binary.Uvarint(data[cfgEnd:])
			for v >= 0x80 {
				b = append(b, byte(v)|0x80)
				v >>= 7
			}
			b = append(b, byte(v)|0x80, 0)
			return append(b, data[cfgEnd+n:]...)
		}(), ErrMalformed},
		{"too large", make([]byte, MaxModelBytes+1), ErrTooLarge},
	} {
		if _, err := Unmarshal(tc.data); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// FuzzUnmarshal checks that Unmarshal never panics or hangs on any input,
// that what it accepts re-encodes to the same bytes, and that an accepted
// model predicts and learns without trouble.
func FuzzUnmarshal(f *testing.F) {
	f.Add(mustMarshal(f, smallModel(f, DefaultConfig())))
	words := DefaultConfig()
	words.CharNGramMin, words.CharNGramMax, words.BucketBits, words.Complement = 0, 0, 8, false
	f.Add(mustMarshal(f, smallModel(f, words)))
	f.Add([]byte(modelMagic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := Unmarshal(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		again, err := nb.Marshal()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted bytes re-encode differently (%v)", err)
		}
		p, err := nb.Predict(context.Background(), "red truck with green apples")
		if err != nil || math.IsNaN(p.Confidence) || p.Confidence < 0 || p.Confidence > 1 {
			t.Fatalf("Predict on a decoded model: %+v, %v", p, err)
		}
		if err := nb.Add(Example{Text: "a new bus", Label: nb.Labels()[0]}); err != nil && !errors.Is(err, ErrTooLarge) {
			t.Fatal(err)
		}
	})
}

// TestUnmarshalVersion2 decodes a model that the encoder before the prior
// shift wrote (smallModel, calibrated, no texts observed): it predicts as
// it did then, and encodes again as version 3.
func TestUnmarshalVersion2(t *testing.T) {
	h, err := os.ReadFile("testdata/model-v2.hex")
	if err != nil {
		t.Fatal(err)
	}
	data, err := hex.DecodeString(strings.TrimSpace(string(h)))
	if err != nil {
		t.Fatal(err)
	}
	if data[4] != 2 {
		t.Fatalf("fixture version %d", data[4])
	}
	nb, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if nb.Config().AdjustPriors {
		t.Fatal("a version 2 model adjusts priors")
	}
	p, err := nb.Predict(context.Background(), "green bananas on a bus")
	if err != nil {
		t.Fatal(err)
	}
	// What the version 2 code predicted for this model.
	if p.Label != "fruit" || p.Confidence != 0.045 || !p.Unsure || p.Scores[0].Probability != 0.3517517965276171 {
		t.Fatalf("prediction %+v", p)
	}
	again := mustMarshal(t, nb)
	if again[4] != modelVersion {
		t.Fatalf("re-encoded as version %d", again[4])
	}
	if _, err := Unmarshal(again); err != nil {
		t.Fatal(err)
	}
	// Version 2 has no adjust-priors flag.
	bad := bytes.Clone(data)
	bad[6] |= flagAdjust
	if _, err := Unmarshal(bad); !errors.Is(err, ErrMalformed) {
		t.Fatalf("version 2 with the adjust flag: %v", err)
	}
}

// TestMarshalPriorShift round-trips a model calibrated with observed texts,
// whose predictions carry a prior shift, and checks that a new label added
// afterwards is not shifted.
func TestMarshalPriorShift(t *testing.T) {
	ctx := context.Background()
	train, test := fortunes(t)
	cfg := DefaultConfig()
	cfg.LabelPrecision = true
	nb := mustNew(t, cfg)
	if err := nb.Train(train[:600]); err != nil {
		t.Fatal(err)
	}
	for _, ex := range test {
		nb.Observe(ex.Text)
	}
	cal, err := nb.Calibrate(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cal.Priors == nil || len(nb.shift) != len(nb.Labels()) {
		t.Fatalf("no prior shift: priors %v, shift %v", cal.Priors, nb.shift)
	}
	data := mustMarshal(t, nb)
	got, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.shift, nb.shift) {
		t.Fatalf("shift %v, want %v", got.shift, nb.shift)
	}
	if len(nb.labelPrecision) != n0(nb) || !slices.EqualFunc(got.labelPrecision, nb.labelPrecision, func(a, b precisionMap) bool {
		return slices.Equal(a.p, b.p) && slices.Equal(a.conf, b.conf)
	}) {
		t.Fatalf("label precision %v, want %v", got.labelPrecision, nb.labelPrecision)
	}
	for _, ex := range test[:100] {
		a, _ := nb.Predict(ctx, ex.Text)
		b, _ := got.Predict(ctx, ex.Text)
		if a.Label != b.Label || a.Confidence != b.Confidence || a.Scores[0] != b.Scores[0] {
			t.Fatalf("predictions differ: %+v / %+v", a, b)
		}
	}
	// A shift for the wrong number of labels is rejected.
	n := len(nb.shift)
	cut := bytes.Clone(data)
	at := bytes.Index(cut, binary.BigEndian.AppendUint64(nil, math.Float64bits(nb.shift[0])))
	cut[at-1] = byte(n - 1)
	cut = append(cut[:at+8*(n-1)], cut[at+8*n:]...)
	if _, err := Unmarshal(cut); !errors.Is(err, ErrMalformed) {
		t.Fatalf("short shift: %v", err)
	}
	if err := nb.Add(Example{Text: "a new kind of record", Label: "aaa-new"}); err != nil {
		t.Fatal(err)
	}
	if len(nb.shift) != n+1 || nb.shift[0] != 0 || !slices.Equal(nb.shift[1:], got.shift) {
		t.Fatalf("shift after Add %v", nb.shift)
	}
	// The new label has no precision of its own yet: never sure.
	if len(nb.labelPrecision) != n+1 || len(nb.labelPrecision[0].p) != 0 {
		t.Fatalf("label precision after Add %v", nb.labelPrecision)
	}
	if p, _ := nb.Predict(ctx, "a new kind of record"); p.Label == "aaa-new" && (p.Confidence != 0 || !p.Unsure) {
		t.Fatalf("new label: %+v", p)
	}
}

func n0(nb *NaiveBayes) int { return len(nb.Labels()) }

// TestCalibrateShiftOrderIndependent: two nodes that train on the same
// golden records and observe the same pending ones, each in its own order,
// hold byte-identical calibrated models, prior shift and label maps
// included.
func TestCalibrateShiftOrderIndependent(t *testing.T) {
	train, test := fortunes(t)
	train, test = train[:500], test[:300]
	cfg := DefaultConfig()
	cfg.LabelPrecision = true
	var models [][]byte
	for seed := range uint64(2) {
		nb := mustNew(t, cfg)
		if err := nb.Train(shuffled(train, seed)); err != nil {
			t.Fatal(err)
		}
		for _, ex := range shuffled(test, seed+10) {
			nb.Observe(ex.Text)
		}
		if _, err := nb.Calibrate(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if nb.shift == nil || nb.labelPrecision == nil {
			t.Fatal("no prior shift or label precision")
		}
		models = append(models, mustMarshal(t, nb))
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Fatal("calibrated models differ with the order of examples and observed texts")
	}
}
