package node

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/account"
)

// ProtoFactory runs a Model Factory job on a peer. A node that cannot
// train (no inference role) or whose trainer is busy picks a GPU peer
// whose advertisement (TopicGPUAds) shows an idle trainer, and sends one
// frame (a uvarint length, then JSON): an order signed by the requester's
// account. The trainer checks the signature, the order's freshness, and
// the requester's access to the Datanet (its owner, or a live grant), then
// answers with one reply frame and, once accepted, a frame with the job's
// state every progressEvery until the job ends. The requester resetting
// the stream cancels the job; the trainer going away fails it.
const ProtoFactory = "/provenet/factory/1"

const (
	maxFactoryOrder = 1 << 16
	maxFactoryFrame = 1 << 20
	// factoryOrderTTL bounds an order's clock skew and replay window.
	factoryOrderTTL = 5 * time.Minute
	// factoryProgressEvery is how often a trainer reports a remote job.
	factoryProgressEvery = 500 * time.Millisecond
	// factoryFrameTimeout fails a remote job whose trainer goes quiet.
	factoryFrameTimeout = time.Minute
)

// Errors of remote Model Factory jobs.
var (
	ErrNoTrainer = errors.New("node: no idle Model Factory trainer among the peers")
	ErrBadOrder  = errors.New("node: bad factory order")
	errBusy      = errors.New("node: trainer busy")
)

// factoryOrder is a requester's signed job order. Body is the JSON of a
// factoryOrderBody exactly as signed.
type factoryOrder struct {
	Body json.RawMessage `json:"body"`
	Sig  []byte          `json:"sig"`
}

type factoryOrderBody struct {
	Request   FactoryJobRequest `json:"request"`
	Requester string            `json:"requester"` // the 0x account that signs and owns the result
	Trainer   string            `json:"trainer"`   // the peer the order is for
	At        int64             `json:"at"`        // unix milliseconds
	// Resume, when set, is the trainer's ID of a cancelled or failed job
	// of the requester's to continue from its checkpoint.
	Resume string `json:"resume,omitempty"`
}

// factoryReply is a trainer's answer to an order.
type factoryReply struct {
	Status string      `json:"status"` // accepted, busy, forbidden, rejected
	Error  string      `json:"error,omitempty"`
	Job    *factoryJob `json:"job,omitempty"`
}

func factoryOrderDigest(body []byte) [32]byte {
	return crypto.Keccak256Hash([]byte("provenet factory order\n"), body)
}

// seenOrders remembers the orders a trainer accepted within the TTL, so
// that a replayed order does not train twice.
type seenOrders struct {
	mu   sync.Mutex
	seen map[[32]byte]time.Time
}

func (s *seenOrders) first(d [32]byte, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[[32]byte]time.Time{}
	}
	for k, t := range s.seen {
		if now.Sub(t) > 2*factoryOrderTTL {
			delete(s.seen, k)
		}
	}
	if _, ok := s.seen[d]; ok {
		return false
	}
	s.seen[d] = now
	return true
}

// checkFactoryOrder verifies an order addressed to this node, not seen
// before, and returns its body and the requester's account.
func (n *Node) checkFactoryOrder(o factoryOrder, now time.Time) (factoryOrderBody, common.Address, error) {
	b, signer, d, err := verifyFactoryOrder(o, n.host.ID().String(), now)
	if err != nil {
		return b, signer, err
	}
	if !n.factory.orders.first(d, now) {
		return b, common.Address{}, fmt.Errorf("%w: replayed", ErrBadOrder)
	}
	return b, signer, nil
}

// verifyFactoryOrder decodes o strictly and checks its signature, that it
// is addressed to trainer, and that it is fresh at now.
func verifyFactoryOrder(o factoryOrder, trainer string, now time.Time) (factoryOrderBody, common.Address, [32]byte, error) {
	var b factoryOrderBody
	d := factoryOrderDigest(o.Body)
	dec := json.NewDecoder(bytes.NewReader(o.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return b, common.Address{}, d, fmt.Errorf("%w: %v", ErrBadOrder, err)
	}
	if dec.More() {
		return b, common.Address{}, d, fmt.Errorf("%w: trailing data", ErrBadOrder)
	}
	signer, err := account.Recover(d, o.Sig)
	switch {
	case err != nil:
		return b, common.Address{}, d, fmt.Errorf("%w: %v", ErrBadOrder, err)
	case !common.IsHexAddress(b.Requester) || signer != common.HexToAddress(b.Requester):
		return b, common.Address{}, d, fmt.Errorf("%w: signed by %s, not the requester %q", ErrBadOrder, signer, b.Requester)
	case b.Trainer != trainer:
		return b, common.Address{}, d, fmt.Errorf("%w: addressed to %s", ErrBadOrder, b.Trainer)
	case now.Sub(time.UnixMilli(b.At)).Abs() > factoryOrderTTL:
		return b, common.Address{}, d, fmt.Errorf("%w: issued at %s", ErrBadOrder, time.UnixMilli(b.At).UTC())
	}
	b.Request.Where = ""
	return b, signer, d, nil
}

// handleFactoryStream serves one order (see ProtoFactory).
func (n *Node) handleFactoryStream(s network.Stream) {
	defer s.Close()
	defer func() {
		if p := recover(); p != nil {
			n.log.Error("factory stream: panic", "panic", p)
			s.Reset()
		}
	}()
	_ = s.SetReadDeadline(clock.NetDeadline(30 * time.Second))
	var o factoryOrder
	if err := readInferFrame(bufio.NewReader(s), maxFactoryOrder, &o); err != nil {
		n.log.Debug("factory stream: bad order", "peer", s.Conn().RemotePeer(), "err", err)
		s.Reset()
		return
	}
	_ = s.SetReadDeadline(time.Time{})
	body, requester, err := n.checkFactoryOrder(o, n.clock.Now())
	if err != nil {
		_ = writeInferFrame(s, factoryReply{Status: "rejected", Error: err.Error()})
		return
	}
	if n.factory.busy() {
		_ = writeInferFrame(s, factoryReply{Status: "busy", Error: errBusy.Error()})
		return
	}
	var job *factoryJob
	if body.Resume != "" {
		job, err = n.resumeLocalFactoryJob(body.Resume, requester, true)
	} else {
		job, err = n.startLocalFactoryJobIf(body.Request, requester, true)
	}
	switch {
	case errors.Is(err, errBusy):
		_ = writeInferFrame(s, factoryReply{Status: "busy", Error: err.Error()})
		return
	case errors.Is(err, ErrNoGrant):
		_ = writeInferFrame(s, factoryReply{Status: "forbidden", Error: err.Error()})
		return
	case err != nil:
		_ = writeInferFrame(s, factoryReply{Status: "rejected", Error: err.Error()})
		return
	}
	n.log.Info("factory: job for a peer", "job", job.ID, "requester", requester, "peer", s.Conn().RemotePeer(), "datanet", body.Request.Datanet)
	v := n.jobView(job)
	if err := writeInferFrame(s, factoryReply{Status: "accepted", Job: &v}); err != nil {
		n.factory.cancel(job)
		return
	}
	t := time.NewTicker(factoryProgressEvery)
	defer t.Stop()
	for {
		v := n.jobView(job)
		_ = s.SetWriteDeadline(clock.NetDeadline(factoryFrameTimeout))
		if err := writeInferFrame(s, v); err != nil {
			n.log.Info("factory: requester went away; cancelling", "job", job.ID, "err", err)
			n.factory.cancel(job)
			return
		}
		if jobEnded(v.State) {
			return
		}
		select {
		case <-n.ctx.Done():
			return
		case <-t.C:
		}
	}
}

func jobEnded(state string) bool { return state == "done" || state == "failed" || state == "cancelled" }

// idleTrainers lists live peers advertising an idle trainer of base (any
// base when ""), in random order so that jobs spread.
func (n *Node) idleTrainers(base string) []peer.ID {
	var out []peer.ID
	for p, ad := range n.gpuAds.live(n.clock.Now(), n.adTTL()) {
		if ad.Trainer != nil && ad.Trainer.Idle && (base == "" || ad.Trainer.Base == base) {
			out = append(out, p)
		}
	}
	rand.Shuffle(len(out), func(i, k int) { out[i], out[k] = out[k], out[i] })
	return out
}

// startRemoteFactoryJob orders the job from an idle trainer peer, trying
// the next one when a trainer is busy or unreachable.
func (n *Node) startRemoteFactoryJob(req FactoryJobRequest) (*factoryJob, error) {
	req.Where = ""
	me := n.home.Account.Address()
	id, err := cid.Decode(req.Datanet)
	if err != nil {
		return nil, fmt.Errorf("%w: datanet: %v", ErrFactory, err)
	}
	// What this node can check, it checks before asking a peer.
	if d, err := n.store.GetDatanet(id); err == nil && d.Owner != me {
		if err := n.granted(req.Datanet, me, n.clock.Now()); err != nil {
			return nil, err
		}
	}
	req = withFactoryDefaults(req)
	if err := req.check(); err != nil {
		return nil, err
	}
	peers := n.idleTrainers(req.Base)
	if len(peers) == 0 {
		return nil, fmt.Errorf("%w (base %q)", ErrNoTrainer, req.Base)
	}
	var errs []error
	for _, p := range peers {
		job, err := n.orderFactoryJob(p, req, nil)
		if err == nil {
			return job, nil
		}
		if errors.Is(err, ErrNoGrant) || errors.Is(err, ErrFactory) {
			return nil, err // the next trainer would say the same
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("%w: %w", ErrNoTrainer, errors.Join(errs...))
}

// resumeRemoteFactoryJob asks the trainer of job (cancelled or failed) to
// continue it from its checkpoint there.
func (n *Node) resumeRemoteFactoryJob(job *factoryJob) (*factoryJob, error) {
	p, err := peer.Decode(job.Peer)
	if err != nil {
		return nil, fmt.Errorf("%w: job %s: trainer %q: %v", ErrFactory, job.ID, job.Peer, err)
	}
	v := n.jobView(job)
	if v.State != "cancelled" && v.State != "failed" {
		return nil, fmt.Errorf("%w: job %s is %s", ErrFactory, job.ID, v.State)
	}
	return n.orderFactoryJob(p, v.Request, job)
}

// orderFactoryJob sends a signed order to p and, once p accepts, follows
// the job in the background under a local job ID. With resume set, the
// order continues that job (its RemoteID on p) instead of starting one.
func (n *Node) orderFactoryJob(p peer.ID, req FactoryJobRequest, resume *factoryJob) (*factoryJob, error) {
	ob := factoryOrderBody{Request: req, Requester: n.home.Account.Address().Hex(), Trainer: p.String(), At: n.clock.Now().UnixMilli()}
	if resume != nil {
		ob.Resume = resume.RemoteID
	}
	body, err := json.Marshal(ob)
	if err != nil {
		return nil, err
	}
	sig, err := n.home.Account.SignDigest(factoryOrderDigest(body))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(n.ctx)
	openCtx, openCancel := context.WithTimeout(ctx, 15*time.Second)
	s, err := n.host.Libp2p().NewStream(openCtx, p, ProtoFactory)
	openCancel()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("trainer %s: %w", p, err)
	}
	fail := func(err error) (*factoryJob, error) {
		s.Reset()
		cancel()
		return nil, err
	}
	if err := writeInferFrame(s, factoryOrder{Body: body, Sig: sig}); err != nil {
		return fail(fmt.Errorf("trainer %s: %w", p, err))
	}
	_ = s.CloseWrite()
	_ = s.SetReadDeadline(clock.NetDeadline(30 * time.Second))
	br := bufio.NewReader(s)
	var r factoryReply
	if err := readInferFrame(br, maxFactoryFrame, &r); err != nil {
		return fail(fmt.Errorf("trainer %s: %w", p, err))
	}
	switch r.Status {
	case "accepted":
		if r.Job == nil {
			return fail(fmt.Errorf("trainer %s: accepted without a job", p))
		}
	case "busy":
		return fail(fmt.Errorf("trainer %s: %w", p, errBusy))
	case "forbidden":
		return fail(fmt.Errorf("%w: trainer %s: %s", ErrNoGrant, p, r.Error))
	default:
		return fail(fmt.Errorf("%w: trainer %s: %s: %s", ErrFactory, p, r.Status, r.Error))
	}
	job := resume
	if job == nil {
		job = &factoryJob{ID: newJobID(), Request: req, State: r.Job.State, Peer: p.String(), RemoteID: r.Job.ID, cancel: cancel}
		n.factory.add(job)
	} else {
		n.factory.mu.Lock()
		job.State, job.Error, job.cancel = r.Job.State, "", cancel
		job.Resumed++
		n.factory.mu.Unlock()
	}
	n.saveFactoryJobs()
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	n.goBackground(func(context.Context) {
		defer stop()
		defer cancel()
		n.followRemoteJob(ctx, s, br, job)
	})
	n.log.Info("factory: job ordered from a peer", "job", job.ID, "peer", p, "remote_id", r.Job.ID)
	return job, nil
}

// followRemoteJob mirrors the trainer's frames into job until it ends.
func (n *Node) followRemoteJob(ctx context.Context, s network.Stream, br *bufio.Reader, job *factoryJob) {
	defer s.Close()
	defer func() {
		v := n.jobView(job)
		n.metrics.FactoryJobEnded("remote", v.State, v.Progress.Tokens)
		n.saveFactoryJobs()
	}()
	set := func(f func()) {
		n.factory.mu.Lock()
		f()
		n.factory.mu.Unlock()
	}
	for {
		_ = s.SetReadDeadline(clock.NetDeadline(factoryFrameTimeout))
		var v factoryJob
		if err := readInferFrame(br, maxFactoryFrame, &v); err != nil {
			set(func() {
				job.State, job.Error = "failed", fmt.Sprintf("lost the trainer %s: %v", job.Peer, err)
				if ctx.Err() != nil {
					job.State, job.Error = "cancelled", ""
				}
			})
			return
		}
		set(func() {
			job.State, job.Progress, job.Error, job.ResumedFrom = v.State, v.Progress, v.Error, v.ResumedFrom
			job.Before, job.After, job.Samples, job.Result = v.Before, v.After, v.Samples, v.Result
		})
		if !jobEnded(v.State) {
			continue
		}
		if v.State == "done" && v.Result != nil {
			n.log.Info("factory: adapter trained by a peer", "job", job.ID, "peer", job.Peer, "adapter", v.Result.AdapterCID)
			if v.Result.Owner == n.home.Account.Address().Hex() {
				n.registerAdapterAsset(ctx, v.Result)
			}
		}
		return
	}
}
