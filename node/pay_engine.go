package node

import (
	"context"
	"encoding/json"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/openai"
	"github.com/provenet/provenet/node/payments"
)

// payEngine is the engine as the OpenAI handler sees it on a node that
// takes payments: a request that carries a paid ticket (withPaid) gets a
// Budget, so that the engine caps its output to what the authorization
// covers once the prompt is tokenized, before any token is generated.
type payEngine struct {
	openai.Engine
	pay *payments.Service
}

func (e payEngine) Generate(ctx context.Context, req gpu.Request) (<-chan gpu.Event, error) {
	pr := payments.PaidFrom(ctx)
	if pr == nil || !pr.Operated() {
		return e.Engine.Generate(ctx, req)
	}
	if !pr.Claim(req.ID) {
		return nil, payments.ErrOneChoice
	}
	promptOnly := req.PromptOnly
	req.Budget = func(promptTokens int) (int, error) {
		return e.pay.Budget(pr, promptTokens, promptOnly)
	}
	ch, err := e.Engine.Generate(ctx, req)
	if err != nil {
		e.pay.Release(pr)
	}
	return ch, err
}

// oneChoice reports whether an OpenAI request body asks for one choice
// of one prompt, as a paid request must (one authorization, one receipt).
func oneChoice(body []byte) bool {
	var head struct {
		N      *int            `json:"n"`
		Prompt json.RawMessage `json:"prompt"`
	}
	if json.Unmarshal(body, &head) != nil {
		return true // the handler reports the malformed body
	}
	if head.N != nil && *head.N != 1 {
		return false
	}
	var many []json.RawMessage
	if len(head.Prompt) > 0 && head.Prompt[0] == '[' && json.Unmarshal(head.Prompt, &many) == nil && len(many) > 0 {
		// An array of token IDs is one prompt; an array of strings or of
		// arrays is several.
		var id int
		return len(many) == 1 || json.Unmarshal(many[0], &id) == nil
	}
	return true
}
