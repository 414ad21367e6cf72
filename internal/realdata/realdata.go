// Package realdata finds the real data that tests and benchmarks read: text
// made by others and shipped in Debian packages (python3.11-doc's HTML,
// fortunes), named by the path those packages install it at, such as
// PythonDocs ("/usr/share/doc/python3.11/html").
//
// A path is looked up under these roots, and the first that has it wins:
//
//  1. $PROVENET_TESTDATA, when set (`make test` sets it to the repository's
//     .cache/testdata/root);
//  2. .cache/testdata/root of the repository that holds the working
//     directory (found by walking up to this module's go.mod), which
//     `make testdata` (scripts/testdata.sh) fills with the packages'
//     files without installing them;
//  3. / , the packages installed system-wide.
//
// Path is for tests: when no root has the data it fails the test (it does
// not skip it), saying to run `make testdata`. Find is the same lookup
// without a test, for tools such as `provenet bench work`. The package does
// not import "testing", so such tools may use it; other production code
// should not.
//
// (It is not called testdata: the go command leaves directories of that
// name out of ./... patterns, so its own tests and vet would not run.)
package realdata

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Env names the environment variable holding the first root.
const Env = "PROVENET_TESTDATA"

// CacheDir is where `make testdata` extracts the packages, relative to the
// repository root.
const CacheDir = ".cache/testdata/root"

// The data the tests use, by the path its Debian package installs it at.
const (
	// PythonDocs is the HTML of the Python 3.11 documentation (Debian
	// package python3.11-doc): about 530 interlinked Sphinx pages whose
	// _static/jquery.js and underscore.js link into libjs-jquery and
	// libjs-underscore.
	PythonDocs = "/usr/share/doc/python3.11/html"
	// Fortunes holds the fortune(6) topic files of the Debian packages
	// fortunes and fortunes-min: labelled text, one item per "%" line.
	Fortunes = "/usr/share/games/fortunes"
	// Promtool is Prometheus's promtool (Debian package prometheus), a
	// tool rather than data: the tests lint the nodes' /metrics with it.
	Promtool = "/usr/bin/promtool"
)

// modulePath is the module whose go.mod marks the repository root.
const modulePath = "github.com/provenet/provenet"

// ErrNotFound reports data that no root has.
var ErrNotFound = errors.New("realdata: not found")

// TB is the part of testing.TB that Path uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// Roots returns the roots Find searches, in order: $PROVENET_TESTDATA when
// set, the repository's CacheDir when the working directory is inside the
// repository, and "/". A root may not exist.
func Roots() []string {
	var roots []string
	add := func(r string) {
		if r == "" {
			return
		}
		if abs, err := filepath.Abs(r); err == nil {
			r = abs
		}
		for _, have := range roots {
			if have == r {
				return
			}
		}
		roots = append(roots, r)
	}
	add(os.Getenv(Env))
	if repo, ok := repoRoot(); ok {
		add(filepath.Join(repo, filepath.FromSlash(CacheDir)))
	}
	add(string(filepath.Separator))
	return roots
}

// Find returns where the data installed at rel (such as PythonDocs) is:
// rel under the first of Roots that has it. Otherwise the error wraps
// ErrNotFound and names the roots and `make testdata`.
func Find(rel string) (string, error) {
	roots := Roots()
	for _, r := range roots {
		p := filepath.Join(r, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: %s is under none of the roots %s; run `make testdata` "+
		"(scripts/testdata.sh downloads the Debian packages with the data and extracts them into %s of the repository), "+
		"or set %s to a root that has it", ErrNotFound, rel, strings.Join(roots, ", "), CacheDir, Env)
}

// Path returns Find(rel) and fails the test when no root has it.
func Path(t TB, rel string) string {
	t.Helper()
	p, err := Find(rel)
	if err != nil {
		t.Fatalf("%v", err)
		return ""
	}
	return p
}

// repoRoot walks up from the working directory to the directory whose
// go.mod declares this module.
func repoRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if isModuleRoot(dir) {
			return dir, true
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", false
		}
		dir = up
	}
}

func isModuleRoot(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "go.mod"))
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`) == modulePath
		}
	}
	return false
}
