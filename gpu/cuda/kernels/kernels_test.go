package kernels

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/provenet/provenet/gpu/model"
)

// Every listed entry point is an extern "C" kernel of the source, and the
// source's constants agree with the host's.
func TestSourceMatchesEntryPoints(t *testing.T) {
	got := map[string]bool{}
	for _, m := range regexp.MustCompile(`extern "C" __global__ void (\w+)\(`).FindAllStringSubmatch(Source, -1) {
		got[m[1]] = true
	}
	for _, n := range Names {
		if !got[n] {
			t.Errorf("entry point %s is not in kernels.cu", n)
		}
		delete(got, n)
	}
	for n := range got {
		t.Errorf("kernel %s is not listed in Names", n)
	}
	if BlockTokens != model.BlockTokens {
		t.Fatalf("BlockTokens %d, model.BlockTokens %d", BlockTokens, model.BlockTokens)
	}
	for def, v := range map[string]int{"BLOCK_TOKENS": BlockTokens, "TOPK_MAX": MaxTopK} {
		if !strings.Contains(Source, fmt.Sprintf("#define %s %d\n", def, v)) {
			t.Errorf("kernels.cu does not define %s as %d", def, v)
		}
	}
	if !strings.Contains(Source, fmt.Sprintf("__shared__ float qs[%d]", MaxHeadDim)) {
		t.Errorf("paged_attention's buffers are not %d wide", MaxHeadDim)
	}
}
