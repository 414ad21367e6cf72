// Package openai serves the OpenAI-compatible HTTP API over an inference
// engine: POST /v1/completions, POST /v1/chat/completions and
// GET /v1/models, with streaming as server-sent events.
//
// Extensions to OpenAI's request bodies: top_k, min_p, and adapters (a
// weighted ensemble of LoRA adapters, [{name, weight}]). Extensions to its
// responses: extra fields on models (kind, base, cid, loaded) and an
// x_provenet object carrying what the node's Extra hook supplies (on the
// final chunk when streaming).
//
// Supported OpenAI fields beyond the basics: n (choices per prompt, each
// its own engine request; with a seed, choice k samples with seed+k), a
// completion prompt as a string, a list of strings, a list of token ids
// or a list of lists of token ids (choice index prompt*n + k, at most
// Options.MaxChoices in all), echo (with max_tokens 0: score the prompt
// only), and logprobs: on completions an integer of alternatives (0..20),
// answered as {tokens, token_logprobs, top_logprobs, text_offset} with
// the sampled token always in top_logprobs and text_offset counted, as
// vLLM does, in characters of the listed token strings; on chat
// logprobs: true and top_logprobs (0..20), answered as {content: [{token,
// logprob, bytes, top_logprobs}], refusal: null}. Logprobs are a
// log-softmax of the model's logits, before temperature and truncation.
// Usage counts each prompt's tokens once. With several choices,
// x_provenet is the first choice's (OnUsage sees every choice's usage);
// streamed, each choice's final chunk carries its own.
//
// Unknown request fields are ignored, as OpenAI clients send many; a
// known field of the wrong type is a 400. Errors have OpenAI's shape,
// {"error": {"message", "type", "param", "code"}}.
package openai
