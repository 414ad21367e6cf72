package crawl

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps crawl a pure domain package: nothing from provenet,
// in particular not p2p, chain or node (the design card's rule for tasks).
func TestImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/provenet/provenet/"
	out, err := exec.Command("go", "list", "-deps", "-test", mod+"tasks/crawl").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if !strings.HasPrefix(dep, mod) {
			continue
		}
		if dep != mod+"tasks/crawl" && dep != mod+"tasks/crawl.test" {
			t.Errorf("tasks/crawl depends on %s", dep)
		}
	}
}
