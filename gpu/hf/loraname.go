package hf

import (
	"fmt"
	"strings"
)

// maxLayerDigits bounds the layer number in a tensor name (< MaxLayers).
const maxLayerDigits = 4

// ParseLoraTensorName parses a PEFT LoRA tensor name such as
// "base_model.model.model.layers.3.self_attn.q_proj.lora_A.weight". It also
// accepts the ".lora_A.default.weight" spelling of an in-memory state dict,
// names without the ".weight" suffix, and the shorter prefixes
// "base_model.model.", "model." or none before "layers.". module is one of
// LlamaModules and aOrB is 'A' or 'B'.
func ParseLoraTensorName(name string) (layer int, module string, aOrB byte, ok bool) {
	rest := name
	for _, p := range []string{"base_model.model.model.", "base_model.model.", "model."} {
		if strings.HasPrefix(rest, p) {
			rest = rest[len(p):]
			break
		}
	}
	rest, found := strings.CutPrefix(rest, "layers.")
	if !found {
		return 0, "", 0, false
	}
	parts := strings.Split(rest, ".")
	if len(parts) < 4 || len(parts) > 6 {
		return 0, "", 0, false
	}
	layer, ok = parseLayer(parts[0])
	if !ok {
		return 0, "", 0, false
	}
	group, module, lora := parts[1], parts[2], parts[3]
	if g, known := moduleGroup(module); !known || g != group {
		return 0, "", 0, false
	}
	switch lora {
	case "lora_A":
		aOrB = 'A'
	case "lora_B":
		aOrB = 'B'
	default:
		return 0, "", 0, false
	}
	switch tail := strings.Join(parts[4:], "."); tail {
	case "", "weight", "default", "default.weight":
	default:
		return 0, "", 0, false
	}
	return layer, module, aOrB, true
}

func parseLayer(s string) (int, bool) {
	if s == "" || len(s) > maxLayerDigits || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n < MaxLayers
}

// LoraTensorName is the canonical PEFT name of a LoRA weight, as
// save_pretrained writes it: "base_model.model.model.layers.<layer>.
// self_attn.q_proj.lora_A.weight". It returns "" for an unknown module, a
// layer outside 0..MaxLayers-1 or aOrB other than 'A' or 'B'.
func LoraTensorName(layer int, module string, aOrB byte) string {
	g, ok := moduleGroup(module)
	if !ok || layer < 0 || layer >= MaxLayers || (aOrB != 'A' && aOrB != 'B') {
		return ""
	}
	return fmt.Sprintf("base_model.model.model.layers.%d.%s.%s.lora_%c.weight", layer, g, module, aOrB)
}
