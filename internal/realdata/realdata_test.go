package realdata

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// write creates the file root/rel (rel slash-separated).
func write(t *testing.T, root, rel, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeRepo makes a repository with this module's go.mod, its cache root
// holding rel, and a package directory a/b to run from.
func fakeRepo(t *testing.T, rel string) (repo, pkg string) {
	t.Helper()
	repo = t.TempDir()
	write(t, repo, "go.mod", "// a comment\nmodule "+modulePath+"\n\ngo 1.26\n")
	write(t, repo, CacheDir+rel, "cache")
	pkg = filepath.Join(repo, "a", "b")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	return repo, pkg
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const rel = "/usr/share/provenet-testdata/item"

func TestFindOrder(t *testing.T) {
	repo, pkg := fakeRepo(t, rel)
	env := t.TempDir()
	write(t, env, rel, "env")
	t.Chdir(pkg)

	t.Setenv(Env, env)
	roots := Roots()
	want := []string{env, filepath.Join(repo, CacheDir), "/"}
	if fmt.Sprint(roots) != fmt.Sprint(want) {
		t.Fatalf("roots %v, want %v", roots, want)
	}
	if p := Path(t, rel); read(t, p) != "env" {
		t.Fatalf("%s: want the $%s root first", p, Env)
	}

	// The variable's root lacks it: the repository's cache has it.
	t.Setenv(Env, t.TempDir())
	if p := Path(t, rel); p != filepath.Join(repo, CacheDir, rel) || read(t, p) != "cache" {
		t.Fatalf("%s: want the repository's cache", p)
	}
	t.Setenv(Env, "")
	if p := Path(t, rel); read(t, p) != "cache" {
		t.Fatalf("%s: want the repository's cache", p)
	}
}

func TestFindSystemRoot(t *testing.T) {
	t.Setenv(Env, "")
	t.Chdir(t.TempDir()) // no repository above
	sys := filepath.Join(t.TempDir(), "sys", "file")
	write(t, "/", sys, "system")
	if got := Roots(); len(got) != 1 || got[0] != "/" {
		t.Fatalf("roots %v, want just /", got)
	}
	if p := Path(t, sys); p != sys {
		t.Fatalf("got %s, want %s", p, sys)
	}
}

func TestOtherModuleIsNotTheRepository(t *testing.T) {
	repo, pkg := fakeRepo(t, rel)
	// A nested module in between does not stop the walk.
	write(t, filepath.Join(repo, "a"), "go.mod", "module example.com/other\n")
	write(t, filepath.Join(repo, "a", CacheDir), rel, "other")
	t.Setenv(Env, "")
	t.Chdir(pkg)
	if p := Path(t, rel); read(t, p) != "cache" {
		t.Fatalf("%s: want the provenet repository's cache", p)
	}
}

// recorder is a TB that records Fatalf.
type recorder struct{ failed []string }

func (*recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = append(r.failed, fmt.Sprintf(format, args...))
}

func TestMissingFails(t *testing.T) {
	_, pkg := fakeRepo(t, rel)
	t.Setenv(Env, t.TempDir())
	t.Chdir(pkg)
	missing := "/usr/share/provenet-testdata/missing"
	_, err := Find(missing)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err %v, want ErrNotFound", err)
	}
	var r recorder
	if p := Path(&r, missing); p != "" || len(r.failed) != 1 {
		t.Fatalf("Path = %q, failures %q: want one failure", p, r.failed)
	}
	for _, s := range []string{missing, "make testdata", Env, CacheDir} {
		if !strings.Contains(r.failed[0], s) {
			t.Errorf("failure %q does not name %q", r.failed[0], s)
		}
	}
}

// TestPackages checks the data the repository's tests read, wherever it is
// found: `make testdata` must have fetched all of it, and python3.11-doc's
// links into libjs-jquery and libjs-underscore must resolve.
func TestPackages(t *testing.T) {
	for _, p := range []string{
		PythonDocs + "/index.html",
		PythonDocs + "/tutorial/interpreter.html",
		PythonDocs + "/library/os.html",
		PythonDocs + "/_static/jquery.js",
		PythonDocs + "/_static/underscore.js",
		Fortunes + "/computers", // fortunes-min
		Fortunes + "/startrek",  // fortunes
		Fortunes + "/science",
	} {
		f := Path(t, p)
		st, err := os.Stat(f)
		if err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
			t.Errorf("%s: %v, %v", f, st, err)
		}
	}
}

// TestImporters keeps the package out of production code: it does not
// import "testing", and outside tests only the benches use it: the work
// bench (node, and cmd/provenet through it) and the attribution bench
// (node/attrbench, which the node may not import; see internal/archtest).
func TestImporters(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	self := modulePath + "/internal/realdata"
	out, err := exec.Command("go", "list", "-deps", self).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	if slices.Contains(strings.Fields(string(out)), "testing") {
		t.Errorf("%s imports testing", self)
	}
	out, err = exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", modulePath+"/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	allowed := map[string]bool{modulePath + "/node": true, modulePath + "/node/attrbench": true}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && !allowed[f[0]] && slices.Contains(f[1:], self) {
			t.Errorf("%s (not a test) imports %s", f[0], self)
		}
	}
}
