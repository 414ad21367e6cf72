package chain

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportRules: chain (and its bindings) import no domain package; it
// anchors plain roots and proofs (DESIGN.md section 3). Only package
// merkle, which holds the shared proof format, is allowed, and only in
// tests.
func TestImportRules(t *testing.T) {
	const mod = "github.com/provenet/provenet/"
	allowed := map[string]bool{mod + "chain/bindings": true}
	for _, dir := range []string{".", "bindings"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			test := strings.HasSuffix(f, "_test.go")
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(p, mod) || allowed[p] || (test && p == mod+"merkle") {
					continue
				}
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
