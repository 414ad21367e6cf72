package node

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules enforces the design card: domain packages never import the
// transport, the chain or the node, and p2p knows nothing of the domain.
func TestImportRules(t *testing.T) {
	const mod = "github.com/provenet/provenet/"
	forbidden := map[string][]string{
		"datanet":        {"p2p", "chain", "node"},
		"tasks":          {"p2p", "chain", "node"},
		"tasks/crawl":    {"p2p", "chain", "node", "datanet", "points", "gpu", "attribution"},
		"tasks/classify": {"p2p", "chain", "node", "datanet", "points", "gpu", "attribution"},
		"merkle":         {"p2p", "chain", "node", "datanet", "tasks", "points", "gpu", "attribution"},
		"points":         {"p2p", "chain", "node", "gpu"},
		"gpu":            {"p2p", "chain", "node"},
		"attribution":    {"p2p", "chain", "node", "gpu"},
		"account":        {"p2p", "chain", "node", "datanet"},
		"p2p":            {"datanet", "tasks", "points", "gpu", "attribution", "chain", "node"},
		"chain":          {"datanet", "tasks", "points", "gpu", "node", "p2p"},
		"internal/canon": {"p2p", "chain", "node", "datanet", "tasks", "points", "gpu", "attribution", "account", "merkle"},
	}
	for pkg, bad := range forbidden {
		out, err := exec.Command("go", "list", "-deps", "-test", mod+pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range bad {
				if dep == mod+b || strings.HasPrefix(dep, mod+b+"/") {
					t.Errorf("%s imports %s (directly or indirectly)", pkg, dep)
				}
			}
		}
	}
}
