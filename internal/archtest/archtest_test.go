package archtest

import (
	"context"
	"errors"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"
)

// domain are the packages that hold the protocol's data and rules. They are
// tested in process and never reach the network, the chain or the node
// wiring.
var domain = []string{
	"account/...", "datanet/...", "tasks/...", "points/...",
	"attribution/...", "merkle/...", "gpu/...", "pay/...",
}

// domainExcept are the domain paths that talk to hardware rather than to
// the protocol and so are exempt from the domain rule. gpu/cuda does not
// exist yet; it is named so that the cgo driver has a place to land.
var domainExcept = []string{"gpu/cuda/..."}

const geth = "github.com/ethereum/go-ethereum"

// gethPrimitives are the go-ethereum packages the domain may use directly:
// addresses and hex, Keccak and secp256k1, and the signed-text hash.
var gethPrimitives = []string{geth + "/common", geth + "/common/hexutil", geth + "/crypto", geth + "/accounts"}

func join(lists ...[]string) []string { return slices.Concat(lists...) }

// rules is the module's import rules. Unless Direct, a rule covers
// everything a package builds against; unless Tests, only its non-test
// files.
var rules = []Rule{
	// The node's services know each other and the node only through the
	// interfaces of their Deps.
	{
		Name:   "node services import no node, chain, gpu or other service",
		From:   []string{"node/replica/...", "node/work/..."},
		Forbid: []string{"node", "chain/...", "gpu/...", "cmd/..."},
		Tests:  true,
	},
	{
		Name:   "node/work imports no node/replica",
		From:   []string{"node/work/..."},
		Forbid: []string{"node/replica/..."},
		Tests:  true,
	},
	{
		Name:   "node/replica imports no node/work",
		From:   []string{"node/replica/..."},
		Forbid: []string{"node/work/..."},
		Tests:  true,
	},
	// Bench tooling stays out of the daemon.
	{
		Name:   "node imports no node/attrbench (bench tooling for cmd only)",
		From:   []string{"node", "node/replica/...", "node/work/...", "node/payments/..."},
		Forbid: []string{"node/attrbench/..."},
	},
	// Domain packages against transport, chain and wiring.
	{
		Name:   "domain imports no transport, chain, node or cmd",
		From:   domain,
		Except: domainExcept,
		Forbid: []string{"github.com/libp2p/...", "p2p/...", "chain/...", "node/...", "cmd/..."},
		Tests:  true,
	},
	{
		Name:   "domain uses only go-ethereum's primitives",
		From:   domain,
		Except: domainExcept,
		Forbid: []string{geth + "/..."},
		Allow:  gethPrimitives,
		Direct: true,
	},
	{
		Name:   "domain tests use only go-ethereum's primitives and ABI encoding",
		From:   domain,
		Except: domainExcept,
		Forbid: []string{geth + "/..."},
		// apitypes is the independent EIP-712 reference that pay's tests
		// check digests against.
		Allow:  join(gethPrimitives, []string{geth + "/accounts/abi", geth + "/signer/core/apitypes"}),
		Direct: true,
		Tests:  true,
	},
	{
		Name:   "domain reaches no go-ethereum client, node, RPC or EVM",
		From:   domain,
		Except: domainExcept,
		Forbid: []string{
			geth + "/ethclient/...", geth + "/rpc/...", geth + "/eth/...", geth + "/node/...",
			geth + "/p2p/...", geth + "/core/vm/...", geth + "/core/state/...", geth + "/accounts/abi/bind/...",
		},
		Tests: true,
	},
	{
		Name:    "domain imports no go-ethereum",
		From:    domain,
		Except:  domainExcept,
		Forbid:  []string{geth + "/..."},
		Direct:  true,
		Pending: "the domain takes Address, Keccak256, secp256k1 and TextHash from go-ethereum (common, crypto, accounts); a small internal package of primitives would have to replace them",
	},

	// Domain packages sideways.
	{
		Name:   "tasks/crawl and tasks/classify import no other provenet package",
		From:   []string{"tasks/crawl/...", "tasks/classify/..."},
		Forbid: []string{"./..."},
		Allow:  []string{"internal/realdata"}, // their tests find real data through it
		Tests:  true,
	},
	{
		Name:   "tasks/classify builds on the standard library only",
		From:   []string{"tasks/classify/..."},
		Forbid: []string{"..."},
		Allow:  []string{"std"},
	},
	{
		Name:   "tasks import no attribution, points or gpu",
		From:   []string{"tasks/..."},
		Forbid: []string{"attribution/...", "points/...", "gpu/..."},
		Tests:  true,
	},
	{
		Name:   "datanet imports no tasks, points, attribution or gpu",
		From:   []string{"datanet/..."},
		Forbid: []string{"tasks/...", "points/...", "attribution/...", "gpu/..."},
		Tests:  true,
	},
	{
		Name:   "points imports no tasks or gpu",
		From:   []string{"points/..."},
		Forbid: []string{"tasks/...", "gpu/..."},
		Tests:  true,
	},
	{
		Name:   "attribution imports no gpu",
		From:   []string{"attribution/..."},
		Forbid: []string{"gpu/..."},
		Tests:  true,
	},
	{
		Name:   "attribution imports no pay (pay builds on attribution's receipts and fee)",
		From:   []string{"attribution/..."},
		Forbid: []string{"pay/..."},
		Tests:  true,
	},
	{
		Name:   "pay imports no datanet, tasks, points or gpu",
		From:   []string{"pay/..."},
		Forbid: []string{"datanet/...", "tasks/...", "points/...", "gpu/..."},
		Tests:  true,
	},
	{
		Name:   "account imports no other domain package",
		From:   []string{"account/..."},
		Forbid: domain,
		Allow:  []string{"account/..."},
		Tests:  true,
	},
	{
		Name:   "merkle imports no other domain package",
		From:   []string{"merkle/..."},
		Forbid: domain,
		Allow:  []string{"merkle/..."},
		Tests:  true,
	},
	{
		Name:   "gpu imports no datanet, tasks, points or attribution",
		From:   []string{"gpu/..."},
		Forbid: []string{"datanet/...", "tasks/...", "points/...", "attribution/..."},
	},
	{
		Name:    "gpu tests import no datanet, tasks, points or attribution",
		From:    []string{"gpu/..."},
		Forbid:  []string{"datanet/...", "tasks/...", "points/...", "attribution/..."},
		Tests:   true,
		Pending: "gpu/train's tests use attribution to check the training records they produce",
	},

	// Shared helpers.
	{
		Name:   "internal imports no domain, transport, chain or node",
		From:   []string{"internal/..."},
		Forbid: join(domain, []string{"github.com/libp2p/...", geth + "/...", "p2p/...", "chain/...", "node/...", "cmd/..."}),
		Tests:  true,
	},

	// Transport and chain against the domain.
	{
		Name:   "p2p imports no domain, chain or node",
		From:   []string{"p2p/..."},
		Forbid: join(domain, []string{"chain/...", "node/...", "cmd/..."}),
		Tests:  true,
	},
	{
		Name:   "chain imports no domain, p2p or node",
		From:   []string{"chain/..."},
		Forbid: join(domain, []string{"p2p/...", "node/...", "cmd/..."}),
	},
	{
		Name:   "chain's tests import no domain package but merkle, and no p2p or node",
		From:   []string{"chain/..."},
		Forbid: join(domain, []string{"p2p/...", "node/...", "cmd/..."}),
		Allow:  []string{"merkle/..."},
		Tests:  true,
	},
	{
		Name:   "chain's own imports from provenet are chain/bindings only",
		From:   []string{"chain/..."},
		Forbid: []string{"./..."},
		Allow:  []string{"chain/bindings"},
		Direct: true,
	},
	{
		Name:   "chain's tests add merkle, the shared proof format, and nothing else",
		From:   []string{"chain/..."},
		Forbid: []string{"./..."},
		Allow:  []string{"chain/bindings", "merkle"},
		Direct: true,
		Tests:  true,
	},

	// The dashboard is static files: it reaches the node through its HTTP
	// API only, never its Go packages.
	{
		Name:   "web imports nothing from provenet",
		From:   []string{"web/..."},
		Forbid: []string{"./..."},
		Tests:  true,
	},

	// Commands.
	{
		Name:    "cmd imports no gpu/engine, gpu/model or gpu/train directly",
		From:    []string{"cmd/..."},
		Forbid:  []string{"gpu/engine", "gpu/model", "gpu/train"},
		Direct:  true,
		Pending: "cmd/provenet builds the engine, loads models and runs the trainer itself, and cmd/hfcheck loads models; they should go through node or a gpu facade",
	},
}

func TestRules(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	g, err := Load(ctx, goTool, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules {
		t.Run(r.Name, func(t *testing.T) {
			vs, err := g.Check(r)
			if err != nil {
				t.Fatal(err)
			}
			if r.Pending != "" {
				if len(vs) == 0 {
					t.Fatalf("pending rule now holds: drop its Pending (%s)", r.Pending)
				}
				for _, v := range vs {
					t.Log(v)
				}
				t.Skipf("known to fail (%d violations): %s", len(vs), r.Pending)
			}
			for _, v := range vs {
				t.Error(v)
			}
		})
	}
}

// fake is a small graph with a planted violation: dom reaches the
// transport through helper, and only in a test does it import chain.
func fake() *Graph {
	const m = "example.com/m"
	pkgs := []*Package{
		{ImportPath: "fmt", Standard: true},
		{ImportPath: "example.com/lib/net", Imports: []string{"fmt"}},
		{ImportPath: m + "/dom", Imports: []string{"fmt", m + "/helper"}, TestImports: []string{m + "/chain", m + "/dom"}},
		{ImportPath: m + "/dom/sub", Imports: []string{"fmt"}},
		{ImportPath: m + "/helper", Imports: []string{m + "/p2p"}},
		{ImportPath: m + "/p2p", Imports: []string{"example.com/lib/net"}},
		{ImportPath: m + "/chain"},
		{ImportPath: m + "/pure", Imports: []string{"fmt"}},
	}
	g := &Graph{Module: m, Packages: map[string]*Package{}}
	for _, p := range pkgs {
		g.Packages[p.ImportPath] = p
	}
	return g
}

func TestCheckReportsPlantedViolation(t *testing.T) {
	g := fake()
	cases := []struct {
		name string
		rule Rule
		want []string // Violation.String of each, in order
	}{
		{
			name: "transitive",
			rule: Rule{From: []string{"dom/..."}, Forbid: []string{"example.com/lib/..."}},
			want: []string{
				"example.com/m/dom depends on example.com/lib/net via example.com/m/dom -> example.com/m/helper -> example.com/m/p2p -> example.com/lib/net",
			},
		},
		{
			name: "nothing reported beyond the first forbidden package",
			rule: Rule{From: []string{"dom/..."}, Forbid: []string{"p2p/...", "example.com/lib/..."}},
			want: []string{
				"example.com/m/dom depends on example.com/m/p2p via example.com/m/dom -> example.com/m/helper -> example.com/m/p2p",
			},
		},
		{
			name: "direct does not see through helper",
			rule: Rule{From: []string{"dom/..."}, Forbid: []string{"p2p/..."}, Direct: true},
		},
		{
			name: "tests only with Tests",
			rule: Rule{From: []string{"dom"}, Forbid: []string{"chain"}},
		},
		{
			name: "tests",
			rule: Rule{From: []string{"dom"}, Forbid: []string{"chain"}, Tests: true},
			want: []string{"example.com/m/dom imports example.com/m/chain"},
		},
		{
			name: "a package never violates a rule by being itself",
			rule: Rule{From: []string{"dom"}, Forbid: []string{"./..."}, Allow: []string{"helper", "p2p"}, Tests: true},
			want: []string{"example.com/m/dom imports example.com/m/chain"},
		},
		{
			name: "allow",
			rule: Rule{From: []string{"dom"}, Forbid: []string{"./..."}, Allow: []string{"helper", "p2p", "chain"}, Tests: true},
		},
		{
			name: "except",
			rule: Rule{From: []string{"./..."}, Except: []string{"dom", "helper", "p2p"}, Forbid: []string{"example.com/lib/..."}},
		},
		{
			name: "std only",
			rule: Rule{From: []string{"pure", "p2p"}, Forbid: []string{"..."}, Allow: []string{"std"}},
			want: []string{"example.com/m/p2p imports example.com/lib/net"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vs, err := g.Check(c.rule)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range vs {
				got = append(got, v.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("violations:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestCheckRejectsRuleMatchingNothing(t *testing.T) {
	_, err := fake().Check(Rule{Name: "typo", From: []string{"dmo/..."}, Forbid: []string{"..."}})
	if !errors.Is(err, ErrNoMatch) {
		t.Fatalf("err = %v, want ErrNoMatch", err)
	}
}
