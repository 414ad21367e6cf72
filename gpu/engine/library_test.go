package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/model"
)

func TestLibraryServesPEFTDirectories(t *testing.T) {
	c := model.Stories15M()
	dir := t.TempDir()
	for i := 0; i < 3; i++ {
		a := model.RandomAdapter(c, "", 8, 16, []model.Module{model.Q, model.V}, uint64(i+1))
		if err := model.SavePEFT(filepath.Join(dir, fmt.Sprint("ad", i)), a, "stories15m"); err != nil {
			t.Fatal(err)
		}
	}
	cc := adaptercache.DefaultConfig()
	cc.Budget = 2 * 8 * 2 * 288 * 4 * 2 * 6 // room for about two adapters
	lib, err := NewLibrary(dir, "stories15m", c, cc, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if n := len(lib.List()); n != 3 {
		t.Fatalf("%d adapters listed", n)
	}
	info, ok := lib.Resolve("ad1")
	if !ok {
		t.Fatal("ad1 not found")
	}
	if again, _ := lib.Resolve(info.CID); again != info {
		t.Fatal("lookup by CID failed")
	}
	e, _ := newEngine(t, DefaultConfig(), lib, nil)
	var outs []string
	for _, name := range []string{"ad0", "ad1", "ad2", "ad0"} {
		ch, err := e.Generate(context.Background(), gpu.Request{Model: name, Prompt: "Hi", MaxTokens: 6})
		if err != nil {
			t.Fatal(err)
		}
		ids, _, last := collect(t, ch)
		if len(last.Usage.Adapters) != 1 || last.Usage.Adapters[0].CID == "" {
			t.Fatalf("usage adapters %+v", last.Usage.Adapters)
		}
		outs = append(outs, fmt.Sprint(ids))
	}
	if outs[0] != outs[3] || outs[0] == outs[1] {
		t.Fatalf("outputs %v", outs)
	}
	st, _ := lib.Cache().Stats(info.CID)
	if st.Loads != 1 {
		t.Fatalf("ad1 stats %+v", st)
	}
}

// BenchmarkAdapterLoad measures a cold load of a rank-8 and a rank-64
// adapter (q, k, v, o) of the stories15M shape from local disk, and a warm
// switch (a cache hit).
func BenchmarkAdapterLoad(b *testing.B) {
	c := model.Stories15M()
	for _, rank := range []int{8, 64} {
		dir := b.TempDir()
		a := model.RandomAdapter(c, "", rank, float32(2*rank), []model.Module{model.Q, model.K, model.V, model.O}, 1)
		if err := model.SavePEFT(dir, a, "stories15m"); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("cold/rank=%d", rank), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := model.LoadPEFT(dir, &c); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("warm/rank=%d", rank), func(b *testing.B) {
			lib, err := NewLibrary(filepath.Dir(dir), "stories15m", c, adaptercache.DefaultConfig(), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer lib.Close()
			info, _ := lib.Resolve(filepath.Base(dir))
			_, rel, err := lib.Acquire(context.Background(), info.CID)
			if err != nil {
				b.Fatal(err)
			}
			rel()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				_, rel, _ := lib.Acquire(context.Background(), info.CID)
				rel()
			}
		})
	}
}
