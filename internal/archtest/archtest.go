package archtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// Package is one node of the import graph.
type Package struct {
	ImportPath string
	Standard   bool
	// Imports are the imports of the package's non-test files.
	Imports []string
	// TestImports are the imports of its _test.go files, in-package and
	// external (package x_test) together.
	TestImports []string
}

// Graph is a module's packages and everything they depend on, keyed by
// import path.
type Graph struct {
	Module   string
	Packages map[string]*Package
}

// Rule is one row of the import rules. See the package documentation for
// the pattern syntax.
type Rule struct {
	Name string
	// From and Except select the module packages the rule constrains.
	From, Except []string
	// Forbid and Allow select the imports those packages must not have.
	Forbid, Allow []string
	// Direct limits the rule to the package's own imports; otherwise it
	// covers every package it depends on, directly or not.
	Direct bool
	// Tests adds the imports of the package's _test.go files (and, unless
	// Direct, what they depend on).
	Tests bool
	// Pending, when set, says why a rule we want does not hold yet.
	Pending string
}

// Violation is one forbidden import: Pkg reaches Dep through Path, which
// starts at Pkg and ends at Dep.
type Violation struct {
	Rule string
	Pkg  string
	Dep  string
	Path []string
}

func (v Violation) String() string {
	if len(v.Path) <= 2 {
		return fmt.Sprintf("%s imports %s", v.Pkg, v.Dep)
	}
	return fmt.Sprintf("%s depends on %s via %s", v.Pkg, v.Dep, strings.Join(v.Path, " -> "))
}

// ErrNoMatch reports a rule whose From selects no package, which is almost
// always a typo in the table.
var ErrNoMatch = errors.New("archtest: rule matches no package")

// Load runs `go list -deps -test -json ./...` in dir, which must be inside
// a module, and returns the graph of that module's packages.
func Load(ctx context.Context, goTool, dir string) (*Graph, error) {
	gomod, err := goOutput(ctx, goTool, dir, "env", "GOMOD")
	if err != nil {
		return nil, err
	}
	gomod = strings.TrimSpace(gomod)
	if gomod == "" || gomod == "/dev/null" || gomod == "NUL" {
		return nil, fmt.Errorf("archtest: %s is not inside a module", dir)
	}
	root := filepath.Dir(gomod)
	module, err := goOutput(ctx, goTool, root, "list", "-m")
	if err != nil {
		return nil, err
	}
	out, err := goOutput(ctx, goTool, root, "list", "-deps", "-test",
		"-json=ImportPath,ForTest,Standard,Imports,TestImports,XTestImports", "./...")
	if err != nil {
		return nil, err
	}
	g := &Graph{Module: strings.TrimSpace(module), Packages: map[string]*Package{}}
	dec := json.NewDecoder(strings.NewReader(out))
	for {
		var p struct {
			ImportPath, ForTest       string
			Standard                  bool
			Imports                   []string
			TestImports, XTestImports []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("archtest: decoding go list output: %w", err)
		}
		// -test adds the test variants ("p [p.test]", "p_test [p.test]")
		// and the test mains ("p.test"). The plain entry of p already
		// carries its test imports, so the variants add nothing.
		if p.ForTest != "" || strings.HasSuffix(p.ImportPath, ".test") {
			continue
		}
		g.Packages[p.ImportPath] = &Package{
			ImportPath:  p.ImportPath,
			Standard:    p.Standard,
			Imports:     p.Imports,
			TestImports: append(p.TestImports, p.XTestImports...),
		}
	}
	return g, nil
}

func goOutput(ctx context.Context, goTool, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, goTool, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("archtest: go %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}

// Check returns the violations of r in g, in a stable order: for each
// package, the forbidden packages it reaches, each once with a shortest
// path, and not what lies beyond them. It returns ErrNoMatch if r.From selects no package of the module.
func (g *Graph) Check(r Rule) ([]Violation, error) {
	var from []string
	for path, p := range g.Packages {
		if !p.Standard && g.inModule(path) && g.matchAny(r.From, p) && !g.matchAny(r.Except, p) {
			from = append(from, path)
		}
	}
	if len(from) == 0 {
		return nil, fmt.Errorf("%w: %q (From %v)", ErrNoMatch, r.Name, r.From)
	}
	slices.Sort(from)
	var vs []Violation
	for _, path := range from {
		vs = append(vs, g.checkPackage(r, path)...)
	}
	return vs, nil
}

func (g *Graph) checkPackage(r Rule, path string) []Violation {
	p := g.Packages[path]
	first := p.Imports
	if r.Tests {
		first = append(slices.Clone(p.Imports), p.TestImports...)
	}
	// Breadth first from the package's imports, so that the path kept for
	// each dependency is a shortest one.
	parent := map[string]string{path: ""}
	var queue []string
	for _, imp := range first {
		if _, seen := parent[imp]; !seen {
			parent[imp] = path
			queue = append(queue, imp)
		}
	}
	var vs []Violation
	for len(queue) > 0 {
		dep := queue[0]
		queue = queue[1:]
		d := g.Packages[dep]
		if d == nil {
			// Not listed (a "C" pseudo-import, or a fake graph): match
			// on the path alone.
			d = &Package{ImportPath: dep}
		}
		if g.matchAny(r.Forbid, d) && !g.matchAny(r.Allow, d) {
			vs = append(vs, Violation{Rule: r.Name, Pkg: path, Dep: dep, Path: chain(parent, dep)})
			// What it imports in turn is the same mistake: report the
			// first forbidden package on each path only.
			continue
		}
		if r.Direct {
			continue
		}
		for _, imp := range d.Imports {
			if _, seen := parent[imp]; !seen {
				parent[imp] = dep
				queue = append(queue, imp)
			}
		}
	}
	slices.SortFunc(vs, func(a, b Violation) int { return strings.Compare(a.Dep, b.Dep) })
	return vs
}

func chain(parent map[string]string, dep string) []string {
	var path []string
	for p := dep; p != ""; p = parent[p] {
		path = append(path, p)
	}
	slices.Reverse(path)
	return path
}

func (g *Graph) inModule(path string) bool {
	return path == g.Module || strings.HasPrefix(path, g.Module+"/")
}

func (g *Graph) matchAny(patterns []string, p *Package) bool {
	for _, pat := range patterns {
		if g.match(pat, p) {
			return true
		}
	}
	return false
}

func (g *Graph) match(pattern string, p *Package) bool {
	switch pattern {
	case "...":
		return true
	case "std":
		return p.Standard
	case "./...":
		return g.inModule(p.ImportPath)
	}
	if first, _, _ := strings.Cut(pattern, "/"); !strings.Contains(first, ".") {
		pattern = g.Module + "/" + pattern
	}
	if prefix, ok := strings.CutSuffix(pattern, "/..."); ok {
		return p.ImportPath == prefix || strings.HasPrefix(p.ImportPath, prefix+"/")
	}
	return p.ImportPath == pattern
}
