package classify

import (
	"os"
	"path/filepath"
	"testing"
)

// This file is the one place the package's tests find Debian test data
// (python3.11-doc, fortunes). Roots, in order: $PROVENET_TESTDATA, the
// repository's .cache/testdata/root (where `make testdata` unpacks the
// packages), then / (the packages installed). It is meant to give way to
// the shared internal/testdata lookup.

// testdataRoots lists the candidate roots.
func testdataRoots() []string {
	var roots []string
	if r := os.Getenv("PROVENET_TESTDATA"); r != "" {
		roots = append(roots, r)
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				roots = append(roots, filepath.Join(d, ".cache", "testdata", "root"))
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return append(roots, "/")
}

// testdataPath returns rel (a path such as usr/share/doc/python3.11/html)
// under the first root that has it, or under / when none has.
func testdataPath(rel string) string {
	for _, r := range testdataRoots() {
		p := filepath.Join(r, filepath.FromSlash(rel))
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return filepath.Join("/", filepath.FromSlash(rel))
}

// needTestdata returns testdataPath(rel) and fails the test when it is
// missing.
func needTestdata(tb testing.TB, rel string) string {
	tb.Helper()
	p := testdataPath(rel)
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("test data %s missing (looked under %q): run make testdata, or set PROVENET_TESTDATA to a root that holds it", rel, testdataRoots())
	}
	return p
}
