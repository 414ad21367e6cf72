package node

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/gpu"
	"github.com/provenet/provenet/node/work"
	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// TopicGPUAds carries what GPU peers serve: their base models and
// adapters, and their price per 1,000 tokens. Nodes without the inference
// role route OpenAI requests to a peer that advertises the model.
const TopicGPUAds = "/provenet/gpu/1"

// ProtoInfer is the inference protocol. The request is one frame (a
// uvarint length, then JSON inferRequest: the path, the OpenAI request
// body and, for a paid request, the payer's signed authorization). The
// response is one header frame (JSON inferHeader: status, content type,
// Retry-After and, optionally, the SSE headers), then the HTTP response
// body as the GPU node's handler writes it (SSE included) in chunks, each
// a uvarint length and the bytes, ended by an empty chunk, then one
// trailer frame (JSON inferTrailer) carrying the signed receipt of a paid
// request and the output token IDs it was charged for, which the payer's
// wallet checks before it signs a voucher. It carries exactly what
// /v1/completions and /v1/chat/completions carry.
const ProtoInfer = "/provenet/infer/2"

const (
	maxInferRequest = 1 << 20
	maxAdModels     = 10000
	maxAdBytes      = 1 << 20
)

// gpuAd is one GPU peer's advertisement.
type gpuAd struct {
	Peer       string          `json:"peer"`
	Models     []gpu.ModelInfo `json:"models"`
	PricePer1k uint64          `json:"price_per_1k"`
	// Operator is the account that signs the peer's receipts and that
	// payment authorizations name; PromptPrice and OutputPrice are its
	// prices per 1,000 tokens. Empty Operator: the peer takes no payments.
	Operator    string `json:"operator,omitempty"`
	PromptPrice uint64 `json:"prompt_price,omitempty"`
	OutputPrice uint64 `json:"output_price,omitempty"`
	// ModelPrices are the models (by ID and CID) with prices of their own.
	ModelPrices map[string]adPrice `json:"model_prices,omitempty"`
	// Trainer is set by a node that runs Model Factory jobs for peers.
	Trainer *trainerAd `json:"trainer,omitempty"`
	At      int64      `json:"at"`
}

// trainerAd advertises a Model Factory trainer: the base model it
// fine-tunes and whether it is free to take a job now.
type trainerAd struct {
	Base string `json:"base"`
	Idle bool   `json:"idle"`
}

// gpuPeers is the table of live advertisements.
type gpuPeers struct {
	mu  sync.Mutex
	ads map[peer.ID]gpuAdEntry
}

type gpuAdEntry struct {
	ad   gpuAd
	seen time.Time
}

func (g *gpuPeers) put(p peer.ID, ad gpuAd, now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ads == nil {
		g.ads = map[peer.ID]gpuAdEntry{}
	}
	g.ads[p] = gpuAdEntry{ad: ad, seen: now}
}

// live returns the advertisements heard within ttl, by peer.
func (g *gpuPeers) live(now time.Time, ttl time.Duration) map[peer.ID]gpuAd {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := map[peer.ID]gpuAd{}
	for p, e := range g.ads {
		if now.Sub(e.seen) <= ttl {
			out[p] = e.ad
		}
	}
	return out
}

func (n *Node) adTTL() time.Duration { return work.PresenceTTL * n.cfg.Tasks.PresenceEvery.D() }

// pickGPUPeer returns a live peer serving model (by name or CID) and its
// advertisement: the cheapest, ties broken at random so that load spreads.
func (n *Node) pickGPUPeer(model string) (peer.ID, gpuAd, bool) {
	var best []peer.ID
	var price uint64
	live := n.gpuAds.live(n.clock.Now(), n.adTTL())
	for p, ad := range live {
		if !adServes(ad, model) {
			continue
		}
		switch {
		case len(best) == 0 || ad.PricePer1k < price:
			best, price = []peer.ID{p}, ad.PricePer1k
		case ad.PricePer1k == price:
			best = append(best, p)
		}
	}
	if len(best) == 0 {
		return "", gpuAd{}, false
	}
	p := best[rand.IntN(len(best))]
	return p, live[p], true
}

// adPrice is a model's own prices in an advertisement.
type adPrice struct {
	Prompt uint64 `json:"prompt"`
	Output uint64 `json:"output"`
}

// pricesOf are the prices the peer asks for model.
func (ad gpuAd) pricesOf(model string) pay.Prices {
	if p, ok := ad.ModelPrices[model]; ok {
		return pay.Prices{Prompt: p.Prompt, Output: p.Output}
	}
	return pay.Prices{Prompt: ad.PromptPrice, Output: ad.OutputPrice}
}

// contextOf is the context length a peer advertises for model, 0 when
// it does not say.
func (ad gpuAd) contextOf(model string) int {
	for _, m := range ad.Models {
		if m.ID == model || (m.CID != "" && m.CID == model) {
			return m.ContextLength
		}
	}
	return 0
}

func adServes(ad gpuAd, model string) bool {
	for _, m := range ad.Models {
		if m.ID == model || (m.CID != "" && m.CID == model) {
			return true
		}
	}
	return false
}

func (n *Node) startInferRoute(context.Context) error {
	t, err := n.host.Join(TopicGPUAds, n.validateGPUAd)
	if err != nil {
		return err
	}
	n.gpuAdTopic = t
	if err := t.Subscribe(n.onGPUAd); err != nil {
		return err
	}
	if n.infer == nil {
		return nil
	}
	n.roleCtx, n.roleCancel = context.WithCancel(n.ctx)
	n.host.Libp2p().SetStreamHandler(ProtoInfer, n.handleInferStream)
	n.host.Libp2p().SetStreamHandler(ProtoAdapter, n.serveAdapter)
	if n.canTrain() {
		n.host.Libp2p().SetStreamHandler(ProtoFactory, n.handleFactoryStream)
	}
	n.goRole(n.advertiseGPU)
	return nil
}

func (n *Node) stopInferRoute(context.Context) error {
	if n.infer != nil {
		n.host.Libp2p().RemoveStreamHandler(ProtoInfer)
		n.host.Libp2p().RemoveStreamHandler(ProtoAdapter)
		n.host.Libp2p().RemoveStreamHandler(ProtoFactory)
	}
	if n.roleCancel != nil {
		// Advertisements and training jobs end (jobs keep a checkpoint)
		// before the engine they use is stopped.
		n.roleCancel()
		n.roleWG.Wait()
	}
	return nil
}

func decodeGPUAd(b []byte) (gpuAd, error) {
	var ad gpuAd
	if len(b) > maxAdBytes {
		return ad, fmt.Errorf("gpu ad of %d bytes", len(b))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ad); err != nil {
		return ad, err
	}
	if dec.More() {
		return ad, errors.New("trailing data after gpu ad")
	}
	if len(ad.Models) == 0 || len(ad.Models) > maxAdModels {
		return ad, fmt.Errorf("gpu ad with %d models", len(ad.Models))
	}
	return ad, nil
}

// validateGPUAd accepts well-formed advertisements that their author makes
// for itself; one peer cannot advertise another.
func (n *Node) validateGPUAd(ctx context.Context, from peer.ID, data []byte) p2p.Result {
	ad, err := decodeGPUAd(data)
	if err != nil {
		n.log.Debug("gossip: bad gpu ad", "from", from, "err", err)
		return p2p.Reject
	}
	author, ok := p2p.Author(ctx)
	if !ok || ad.Peer != author.String() {
		return p2p.Reject
	}
	return p2p.Accept
}

func (n *Node) onGPUAd(_ context.Context, _ peer.ID, data []byte) {
	ad, err := decodeGPUAd(data)
	if err != nil {
		return
	}
	id, err := peer.Decode(ad.Peer)
	if err != nil || id == n.host.ID() {
		return
	}
	n.gpuAds.put(id, ad, n.clock.Now())
}

// advertiseGPU publishes what this node serves every presence interval.
func (n *Node) advertiseGPU(ctx context.Context) {
	t := n.clock.NewTicker(n.cfg.Tasks.PresenceEvery.D())
	defer t.Stop()
	for {
		ad := gpuAd{Peer: n.host.ID().String(), Models: n.infer.eng.Models(), PricePer1k: n.cfg.GPU.PricePer1k, At: n.clock.Now().UnixMilli()}
		if p := n.payments(); p != nil && p.Operating() {
			pr := p.OperatorPrices()
			ad.Operator, ad.PromptPrice, ad.OutputPrice = n.home.Account.Address().Hex(), pr.Prompt, pr.Output
			ad.ModelPrices = n.adPrices()
		}
		if n.canTrain() {
			ad.Trainer = &trainerAd{Base: n.infer.baseName(), Idle: !n.factory.busy()}
		}
		if b, err := json.Marshal(ad); err == nil {
			if err := n.gpuAdTopic.Publish(ctx, b); err != nil && ctx.Err() == nil {
				n.log.Debug("gpu ad: publish", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		case <-n.adKick:
		}
	}
}

// kickGPUAd makes advertiseGPU publish now (an adapter was added, the
// trainer became busy or idle) instead of at its next tick.
func (n *Node) kickGPUAd() {
	select {
	case n.adKick <- struct{}{}:
	default:
	}
}

type inferRequest struct {
	Path string          `json:"path"`
	Body json.RawMessage `json:"body"`
	// Auth is the payer's pay.SignedAuthorization (canonical CBOR) for
	// a paid request; empty for the free tier.
	Auth []byte `json:"auth,omitempty"`
}

// inferTrailer ends a routed answer: the receipt (canonical CBOR, as
// signed) of a paid request, the prompt token count and the output token
// IDs it charged for; empty for a free one.
type inferTrailer struct {
	Receipt      []byte  `json:"receipt,omitempty"`
	PromptTokens uint32  `json:"prompt_tokens,omitempty"`
	OutputIDs    []int32 `json:"output_ids,omitempty"`
}

type inferHeader struct {
	Status      int    `json:"status"`
	ContentType string `json:"content_type,omitempty"`
	RetryAfter  string `json:"retry_after,omitempty"`
	// Headers are the other response headers of routedHeaders that the
	// GPU node's handler set (optional: a peer that omits it is still
	// understood).
	Headers map[string]string `json:"headers,omitempty"`
}

// routedHeaders are the response headers, beyond the content type and
// Retry-After, that a routed answer carries back: those of an SSE stream.
var routedHeaders = []string{"Cache-Control", "X-Accel-Buffering"}

func writeInferFrame(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := w.Write(binary.AppendUvarint(nil, uint64(len(b)))); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func readInferFrame(r *bufio.Reader, max int, v any) error {
	b, err := readChunk(r, max, nil)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// readChunk reads one length-prefixed chunk of at most max bytes into
// buf's storage.
func readChunk(r *bufio.Reader, max int, buf []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(max) {
		return nil, fmt.Errorf("infer frame of %d bytes, cap %d", n, max)
	}
	if uint64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	return buf, nil
}

// writeChunk writes b as one length-prefixed chunk.
func writeChunk(w io.Writer, b []byte) error {
	if _, err := w.Write(binary.AppendUvarint(nil, uint64(len(b)))); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

var inferPaths = map[string]bool{"/v1/completions": true, "/v1/chat/completions": true}
