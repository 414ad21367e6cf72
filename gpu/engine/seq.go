package engine

import (
	"context"
	"time"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/gpu/model"
	"github.com/provenet/provenet/gpu/sample"
	"github.com/provenet/provenet/gpu/tokenizer"
)

// seq is one request's state inside a base's loop.
type seq struct {
	ctx      context.Context
	req      gpu.Request
	events   chan gpu.Event
	key      string // adapter set, for ordering and fairness
	adapters []model.AdapterRef
	uses     []gpu.AdapterUse
	release  []func()

	prompt []int32
	out    []int32
	fed    int // prompt tokens already in the cache
	table  []int32
	// blockKeys name the prompt's full blocks for the prefix cache;
	// published counts those in the cache (or taken from it).
	blockKeys []model.BlockKey
	published int
	noPublish bool // a prefill step ran on merged weights
	max       int
	sampler   *sample.Sampler
	dec       *tokenizer.Decoder
	stop      *sample.StopMatcher
	text      []byte
	usage     gpu.Usage
	lastTok   time.Time // when the latest output token was sampled

	// scorePrompt: logits at every prompt position, for the prompt's
	// logprobs (Echo with Logprobs); promptLP[i] scores prompt[i+1].
	scorePrompt bool
	promptLP    []gpu.TokenLogprob

	// json is the JSON-mode automaton of the output so far (nil when the
	// request is unconstrained).
	json *sample.JSONState
}

func (s *seq) pos() int { return s.fed + len(s.out) }

// send delivers an event; the channel is sized so that the loop never
// blocks on a slow reader.
func (s *seq) send(ev gpu.Event) {
	select {
	case s.events <- ev:
	default:
	}
}

func (s *seq) releaseAdapters() {
	for _, r := range s.release {
		r()
	}
	s.release = nil
}

func now() time.Time { return time.Now() }
