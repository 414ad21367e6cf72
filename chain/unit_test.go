package chain

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/provenet/provenet/chain/bindings"
)

func TestDisabledClient(t *testing.T) {
	c, err := Dial(context.Background(), DefaultConfig(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["anchor"] = c.Anchor(ctx, 1, [32]byte{}, [32]byte{}, []byte{1})
	_, checks["epoch"] = c.Epoch(ctx, 1)
	_, checks["claim"] = c.Claim(ctx, 1, big.NewInt(1), nil)
	_, checks["claimed"] = c.Claimed(ctx, common.Address{})
	_, checks["verify"] = c.VerifyReceipt(ctx, 1, [32]byte{}, nil)
	_, checks["datanet"] = c.RegisterDatanet(ctx, [32]byte{1})
	_, checks["validators"] = c.Validators(ctx, [32]byte{1})
	_, checks["operator"] = c.IsOperator(ctx, common.Address{})
	_, checks["asset"] = c.Asset(ctx, [32]byte{1})
	_, checks["deploy"] = DeployAll(ctx, c)
	for name, err := range checks {
		if !errors.Is(err, ErrNoChain) {
			t.Errorf("%s: %v, want ErrNoChain", name, err)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatalf("disabled default: %v", err)
	}
	c := DefaultConfig()
	c.RPCURL = "http://127.0.0.1:8545"
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, mut := range []func(*Config){
		func(c *Config) { c.RPCURL = "ftp://x" },
		func(c *Config) { c.RPCURL = "http://" },
		func(c *Config) { c.GasLimitCap = 100 },
		func(c *Config) { c.FeeBumpPercent = 5 },
		func(c *Config) { c.PollInterval = 0 },
	} {
		bad := c
		mut(&bad)
		if err := bad.Validate(); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestDevKeysDeterministic(t *testing.T) {
	a, _ := DevKeys("seed", 3)
	b, _ := DevKeys("seed", 3)
	c, _ := DevKeys("other", 3)
	for i := range a {
		if !a[i].Equal(b[i]) {
			t.Fatal("same seed, different keys")
		}
		if a[i].Equal(c[i]) {
			t.Fatal("different seeds, same key")
		}
	}
	if crypto.PubkeyToAddress(a[0].PublicKey) == crypto.PubkeyToAddress(a[1].PublicKey) {
		t.Fatal("keys repeat")
	}
	if _, err := DevKeys("s", -1); !errors.Is(err, ErrBadInput) {
		t.Fatal(err)
	}
}

func TestDecodeRevert(t *testing.T) {
	// Every custom error of the contracts is known.
	for _, js := range []string{bindings.RegistryMetaData.ABI, bindings.EpochAnchorMetaData.ABI, bindings.ClaimsDistributorMetaData.ABI, bindings.PaymentEscrowMetaData.ABI} {
		parsed, err := abi.JSON(strings.NewReader(js))
		if err != nil {
			t.Fatal(err)
		}
		for name, e := range parsed.Errors {
			if got, ok := contractErrors[[4]byte(e.ID[:4])]; !ok || got.Name != name {
				t.Errorf("error %s missing from the decoder", name)
			}
		}
	}
	parsed, _ := abi.JSON(strings.NewReader(bindings.ClaimsDistributorMetaData.ABI))
	e := parsed.Errors["AlreadyClaimed"]
	args, _ := e.Inputs.Pack(common.Address{1}, big.NewInt(5))
	re := decodeRevert(append(e.ID[:4:4], args...))
	if re.Name != "AlreadyClaimed" || !errors.Is(re, ErrAlreadyClaimed) || !errors.Is(re, ErrReverted) || errors.Is(re, ErrInvalidProof) {
		t.Fatalf("decoded %v", re)
	}
	if !strings.Contains(re.Error(), "AlreadyClaimed(0x0100000000000000000000000000000000000000, 5)") {
		t.Fatalf("message %q", re.Error())
	}
	// Short, unknown and malformed data never panic.
	for _, d := range [][]byte{nil, {1}, {1, 2, 3, 4}, e.ID[:4], append(e.ID[:4:4], 1, 2)} {
		if re := decodeRevert(d); re.Name != "" || !errors.Is(re, ErrReverted) {
			t.Fatalf("%x decoded as %v", d, re)
		}
	}
	msg, _ := abi.NewType("string", "", nil)
	enc, _ := abi.Arguments{{Type: msg}}.Pack("boom")
	if re := decodeRevert(append([]byte{0x08, 0xc3, 0x79, 0xa0}, enc...)); re.Name != "Error" || re.Args[0] != "boom" {
		t.Fatalf("Error(string): %v", re)
	}
}

func TestBump(t *testing.T) {
	if got := bump(big.NewInt(100), 20); got.Int64() != 120 {
		t.Fatal(got)
	}
	if got := bump(big.NewInt(1), 20); got.Int64() != 2 {
		t.Fatal(got)
	}
	if got := bump(big.NewInt(0), 20); got.Int64() != 1 {
		t.Fatal(got)
	}
}
