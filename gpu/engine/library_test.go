package engine

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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

// TestLibraryFollowsSymlinksAndRecordsSkipped scans an adapter directory
// holding a plain adapter folder, a symbolic link to one elsewhere, and
// folders that cannot be used: the link is served, the others are logged
// and listed by Skipped with their reasons, and they do not stop the scan.
func TestLibraryFollowsSymlinksAndRecordsSkipped(t *testing.T) {
	c := model.Stories15M()
	dir, elsewhere := t.TempDir(), t.TempDir()
	save := func(path string, c model.Config, seed uint64) {
		t.Helper()
		a := model.RandomAdapter(c, "", 4, 8, []model.Module{model.Q, model.V}, seed)
		if err := model.SavePEFT(path, a, "stories15m"); err != nil {
			t.Fatal(err)
		}
	}
	save(filepath.Join(dir, "real"), c, 1)
	save(filepath.Join(elsewhere, "target"), c, 2)
	if err := os.Symlink(filepath.Join(elsewhere, "target"), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(elsewhere, "gone"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := c
	other.Dim, other.Heads, other.KVHeads = 128, 4, 4
	save(filepath.Join(dir, "wrongshape"), other, 3)
	save(filepath.Join(dir, "badconfig"), c, 4)
	if err := os.WriteFile(filepath.Join(dir, "badconfig", model.AdapterFiles[0]), []byte(`{"peft_type": "IA3"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".fetch-123"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README"), []byte("adapters"), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	cc := adaptercache.DefaultConfig()
	cc.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	lib, err := NewLibrary(dir, "stories15m", c, cc, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var names []string
	for _, m := range lib.List() {
		names = append(names, m.ID)
	}
	if fmt.Sprint(names) != "[linked real]" {
		t.Fatalf("served %v, want [linked real]", names)
	}
	info, _ := lib.Resolve("linked")
	a, release, err := lib.Acquire(context.Background(), info.CID)
	if err != nil {
		t.Fatalf("the linked adapter does not load: %v", err)
	}
	release()
	if a.Name != "linked" {
		t.Fatalf("loaded as %q", a.Name)
	}
	want := map[string]string{"badconfig": "peft_type", "dangling": "does not resolve", "empty": "adapter_config.json", "wrongshape": "shape"}
	skipped := lib.Skipped()
	if len(skipped) != len(want) {
		t.Fatalf("skipped %+v", skipped)
	}
	for _, s := range skipped {
		if s.Path != filepath.Join(dir, s.Name) || !strings.Contains(s.Reason, want[s.Name]) {
			t.Errorf("skipped %+v, want a reason mentioning %q", s, want[s.Name])
		}
		if !strings.Contains(logs.String(), "path="+s.Path) {
			t.Errorf("%s not logged:\n%s", s.Name, logs.String())
		}
	}
}
