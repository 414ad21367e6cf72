package crawl

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps crawl a pure domain package: nothing from provenet,
// in particular not p2p, chain or node (the design card's rule for tasks).
// Its tests may also use internal/realdata, which finds their real data.
func TestImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const mod = "github.com/provenet/provenet/"
	for _, args := range [][]string{{"-deps"}, {"-deps", "-test"}} {
		out, err := exec.Command("go", append(append([]string{"list"}, args...), mod+"tasks/crawl")...).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		test := len(args) == 2
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, mod) {
				continue
			}
			if dep != mod+"tasks/crawl" && !(test && (dep == mod+"tasks/crawl.test" || dep == mod+"internal/realdata")) {
				t.Errorf("tasks/crawl depends on %s (go list %s)", dep, strings.Join(args, " "))
			}
		}
	}
}
