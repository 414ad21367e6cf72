package points

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules enforces DESIGN.md §3: points is a domain package and
// must not reach the network, chain, node wiring or GPU code, directly or
// through a dependency. Nor may it depend on package tasks, which feeds it
// events.
func TestImportRules(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/provenet/provenet/"
	forbidden := []string{"p2p", "chain", "node", "gpu", "tasks", "cmd"}
	for _, dep := range strings.Fields(string(out)) {
		for _, f := range forbidden {
			if dep == mod+f || strings.HasPrefix(dep, mod+f+"/") {
				t.Errorf("points imports %s", dep)
			}
		}
		if strings.HasPrefix(dep, "github.com/libp2p/") {
			t.Errorf("points imports %s", dep)
		}
	}
}
