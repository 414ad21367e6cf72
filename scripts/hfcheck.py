#!/usr/bin/env python3
"""Check provenet's formats and forward pass against Hugging Face.

Loads MODEL_DIR with transformers (LlamaForCausalLM, PreTrainedTokenizerFast
over tokenizer.json) and ADAPTER_DIR with peft (PeftModel), and compares with
REF, the JSON that `go run ./cmd/hfcheck` wrote from provenet's own loaders,
tokenizer and engine:

  - token IDs of the test strings must be identical;
  - logits at every prompt position, base and base+adapter, must agree to
    a small tolerance (float32, different summation order);
  - the adapter must change the logits (so the comparison means something).

Usage: python3 scripts/hfcheck.py MODEL_DIR ADAPTER_DIR REF.json
Needs torch, transformers, peft (not installed by the project: this is an
interop check for a machine that has them).
"""
import json
import sys

import torch
import transformers
import peft
import tokenizers
from transformers import LlamaForCausalLM, PreTrainedTokenizerFast


def load_model(d):
    try:
        return LlamaForCausalLM.from_pretrained(d, dtype=torch.float32, attn_implementation="eager")
    except TypeError:
        return LlamaForCausalLM.from_pretrained(d, torch_dtype=torch.float32, attn_implementation="eager")


def compare(name, ours, theirs):
    ours = torch.tensor(ours, dtype=torch.float32)
    diff = (ours - theirs).abs().max().item()
    scale = theirs.abs().max().item()
    agree = (ours.argmax(-1) == theirs.argmax(-1)).float().mean().item()
    print(f"{name}: positions {ours.shape[0]}, vocab {ours.shape[1]}, max |diff| {diff:.3e} "
          f"(max |logit| {scale:.2f}), argmax agreement {agree*100:.1f}%")
    return diff <= 1e-3 * max(1.0, scale) and agree == 1.0


def main():
    model_dir, adapter_dir, ref_path = sys.argv[1:4]
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}, tokenizers {tokenizers.__version__}")
    ref = json.load(open(ref_path))
    ok = True

    # transformers matches special-token text (<s>, </s>) in input by
    # default, which is provenet's parse_special=true; the tokenizers
    # library with encode_special_tokens=True treats it as plain text,
    # which is provenet's default for user text.
    tok = PreTrainedTokenizerFast(tokenizer_file=f"{model_dir}/tokenizer.json")
    raw = tokenizers.Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    raw.encode_special_tokens = True
    modes = [
        ("parse special", ref["ids_special"], lambda t: tok.encode(t, add_special_tokens=False)),
        ("special as text", ref["ids"], lambda t: raw.encode(t, add_special_tokens=False).ids),
    ]
    for mode, want, encode in modes:
        same = 0
        for text, ids in zip(ref["texts"], want):
            theirs = encode(text)
            if theirs == ids:
                same += 1
            else:
                ok = False
                print(f"tokenizer ({mode}) MISMATCH on {text!r}:\n  provenet {ids}\n  hf       {theirs}")
        print(f"tokenizer ({mode}): {same}/{len(ref['texts'])} strings give identical IDs")

    torch.set_grad_enabled(False)
    m = load_model(model_dir).eval()
    ids = torch.tensor([ref["prompt_ids"]])
    base = m(ids).logits[0]
    ok &= compare("base logits", ref["base_logits"], base)

    if ref.get("adapter_logits"):
        pm = peft.PeftModel.from_pretrained(m, adapter_dir).eval()
        with_adapter = pm(ids).logits[0]
        ok &= compare("adapter logits", ref["adapter_logits"], with_adapter)
        moved = (with_adapter - base).abs().max().item()
        print(f"adapter moves the logits by up to {moved:.3e}")
        ok &= moved > 1e-3
    print("HFCHECK OK" if ok else "HFCHECK FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
