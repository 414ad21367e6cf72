package chain

import (
	"context"
	"errors"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
)

// TestConcurrentSends: one Client anchoring from many goroutines gets
// consecutive nonces and every transaction is mined.
func TestConcurrentSends(t *testing.T) {
	s := newSim(t, 1)
	ctx := context.Background()
	c := s.clients[0]
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 16 {
		wg.Go(func() {
			if _, err := c.Anchor(ctx, uint64(100+i), [32]byte{byte(i)}, [32]byte{byte(i)}, []byte{1}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i := range 16 {
		if _, err := c.Epoch(ctx, uint64(100+i)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMinedRevertDecoded: two claims of the same total pass estimation
// and land in one block; the second reverts on chain, and its reason is
// recovered by replaying the call at that block.
func TestMinedRevertDecoded(t *testing.T) {
	d := startDevChain(t)
	ctx := context.Background()
	who := d.Accounts()[2]
	tree := pointsTree(t, 1, map[common.Address]uint64{who: 5, {1}: 1})
	agg, err := Dial(ctx, d.Config(), d.Keys()[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer agg.Close()
	if _, err := agg.Anchor(ctx, 1, [32]byte{}, tree.Root(), []byte{1}); err != nil {
		t.Fatal(err)
	}
	proof := proofOf(t, tree, pointsLeaf(who, 1, 5))
	other, err := Dial(ctx, d.Config(), d.Keys()[1], nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	d.SetAutomine(false)
	ec := agg.Backend().(*ethclient.Client)
	errs := make(chan error, 2)
	for _, c := range []*Client{agg, other} {
		base, err := ec.NonceAt(ctx, c.From(), nil)
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			_, err := c.ClaimFor(ctx, 1, who, big.NewInt(5), proof)
			errs <- err
		}()
		// Wait for it to reach the pool, so both are estimated before
		// either is mined.
		deadline := time.Now().Add(10 * time.Second)
		for {
			if n, err := ec.PendingNonceAt(ctx, c.From()); err == nil && n > base {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("claim never reached the pool")
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	d.SetAutomine(true)
	var ok, already int
	for range 2 {
		err := <-errs
		var re *RevertError
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrAlreadyClaimed) && errors.As(err, &re) && re.Name == "AlreadyClaimed":
			already++
			t.Logf("second claim: %v", err)
		default:
			t.Fatalf("unexpected: %v", err)
		}
	}
	if ok != 1 || already != 1 {
		t.Fatalf("ok %d, already claimed %d", ok, already)
	}
}
