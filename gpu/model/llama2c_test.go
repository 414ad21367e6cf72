package model

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAgainstLlama2C runs llama2.c's C forward pass on the same random
// stories15M weights and checks that greedy decoding from BOS gives the
// same tokens, then compares speed. It needs a llama2.c run binary built
// as scripts/compare-llama2c.sh describes, named by PROVENET_LLAMA2C_RUN;
// without it the test is skipped (no network here to fetch llama2.c).
func TestAgainstLlama2C(t *testing.T) {
	bin := os.Getenv("PROVENET_LLAMA2C_RUN")
	if bin == "" {
		t.Skip("set PROVENET_LLAMA2C_RUN to a llama2.c run binary (scripts/compare-llama2c.sh)")
	}
	c := Stories15M()
	const steps = 256
	m := newTestModel(t, c, 11)
	path := filepath.Join(t.TempDir(), "model.bin")
	if err := SaveLlama2C(path, m.W); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, path, fmt.Sprint(steps))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	start := time.Now()
	ours := greedy(t, m, []int32{1}, steps-1, nil)
	elapsed := time.Since(start)
	theirs := strings.Fields(string(out))
	same := 0
	for i := 0; i < len(ours) && i < len(theirs); i++ {
		if fmt.Sprint(ours[i]) != theirs[i] {
			break
		}
		same++
	}
	t.Logf("llama2.c: %s", strings.TrimSpace(stderr.String()))
	t.Logf("provenet: %.1f tok/s (same %d-step greedy run)", float64(len(ours)-1)/elapsed.Seconds(), steps)
	t.Logf("identical greedy tokens: %d of %d", same, len(ours))
	if same < 32 {
		t.Fatalf("greedy tokens diverge at %d:\nours   %v\ntheirs %v", same, ours[:min(40, len(ours))], theirs[:min(40, len(theirs))])
	}
}
