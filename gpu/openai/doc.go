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
// Unknown request fields are ignored, as OpenAI clients send many; a
// known field of the wrong type is a 400. Errors have OpenAI's shape,
// {"error": {"message", "type", "param", "code"}}.
package openai
