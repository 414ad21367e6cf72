package payments

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// SettlementsProtocol serves settlement records by epoch, so that a node
// that missed an epoch's gossip (offline, or started after) can still
// serve claim proofs. The request is JSON {"epochs": [...]} (at most
// maxFetchEpochs); the answer is JSON {"settlements": [record, ...]}, the
// settled records the peer holds among them, as far as fit in
// maxFetchBytes; a record too large as JSON comes as its claims alone in
// binary ("compact", 28 bytes a claim: some 80,000 claims fit). The requester keeps a record only when it passes the
// gossip rule (checkSettlement: its claims give its root, and the escrow
// finalized that root for the epoch), so a peer cannot make it keep a
// forged one.
const SettlementsProtocol protocol.ID = "/provenet/settlements-fetch/1"

const (
	// maxFetchEpochs bounds the epochs of one request and the window of
	// recent epochs a node back-fills.
	maxFetchEpochs = 64
	// maxFetchBytes bounds one answer (the frame limit is 4 MiB).
	maxFetchBytes = 3 << 20
	// backfillPeers is how many peers one round asks, at most.
	backfillPeers = 4
)

// ErrSettlementUnknown: no peer asked holds a valid settlement record of
// the epoch.
var ErrSettlementUnknown = errors.New("payments: no peer has a settlement record of the epoch")

type fetchRequest struct {
	Epochs []uint64 `json:"epochs"`
}

type fetchResponse struct {
	Settlements []json.RawMessage `json:"settlements"`
	// Compact are records too large for the answer as JSON, as their
	// claims alone (compactSettlement).
	Compact []compactSettlement `json:"compact,omitempty"`
}

// compactSettlement is a settled record's claims in binary, 28 bytes a
// claim (account 20, amount 8 big-endian), about a third of their JSON:
// all a node needs to serve claim proofs.
type compactSettlement struct {
	Epoch       uint64 `json:"epoch"`
	ClaimsRoot  string `json:"claims_root"`
	ClaimsTotal string `json:"claims_total"`
	Claims      []byte `json:"claims"`
}

const compactClaimBytes = common.AddressLength + 8

func compactOf(info *SettlementInfo) compactSettlement {
	b := make([]byte, 0, len(info.Claims)*compactClaimBytes)
	for _, c := range info.Claims {
		b = binary.BigEndian.AppendUint64(append(b, c.Account[:]...), c.Amount)
	}
	return compactSettlement{Epoch: info.Epoch, ClaimsRoot: info.ClaimsRoot, ClaimsTotal: info.ClaimsTotal, Claims: b}
}

// info is the claims-only record of c.
func (c compactSettlement) info() (*SettlementInfo, error) {
	if len(c.Claims)%compactClaimBytes != 0 || len(c.Claims)/compactClaimBytes > 1<<20 {
		return nil, fmt.Errorf("compact settlement of epoch %d: %d bytes of claims", c.Epoch, len(c.Claims))
	}
	info := &SettlementInfo{Epoch: c.Epoch, Status: SettlementSettled, ClaimsRoot: c.ClaimsRoot, ClaimsTotal: c.ClaimsTotal,
		ChargeTotal: "", ClaimsOnly: true, Payouts: []SettlementClaim{}, Redemptions: []SettledPair{},
		Claims: make([]SettlementClaim, 0, len(c.Claims)/compactClaimBytes)}
	for b := c.Claims; len(b) > 0; b = b[compactClaimBytes:] {
		info.Claims = append(info.Claims, SettlementClaim{Account: common.Address(b[:20]), Amount: binary.BigEndian.Uint64(b[20:28])})
	}
	return info, nil
}

// serveSettlements answers a SettlementsProtocol request.
func (s *Service) serveSettlements(_ context.Context, _ peer.ID, req []byte) ([]byte, error) {
	var fr fetchRequest
	if err := json.Unmarshal(req, &fr); err != nil {
		return nil, fmt.Errorf("settlements request: %w", err)
	}
	if len(fr.Epochs) > maxFetchEpochs {
		return nil, fmt.Errorf("settlements request: %d epochs, at most %d", len(fr.Epochs), maxFetchEpochs)
	}
	out := fetchResponse{Settlements: []json.RawMessage{}}
	size := 0
	for _, e := range fr.Epochs {
		info, err := s.records.Settlement(e)
		if err != nil || info.Status != SettlementSettled {
			continue
		}
		b, err := json.Marshal(info)
		if err != nil {
			return nil, err
		}
		if size+len(b) <= maxFetchBytes {
			size += len(b)
			out.Settlements = append(out.Settlements, b)
			continue
		}
		// base64 in JSON: 4/3 of the binary, plus the root and total.
		csize := len(info.Claims)*compactClaimBytes*4/3 + 256
		switch {
		case size+csize <= maxFetchBytes:
			size += csize
			out.Compact = append(out.Compact, compactOf(info))
		case csize > maxFetchBytes:
			continue // too large for any answer
		default:
			return json.Marshal(out) // the requester asks again for the rest
		}
	}
	return json.Marshal(out)
}

// missingEpochs are the recent epochs (up to maxFetchEpochs before the
// current one) of which this node holds no settlement record.
func (s *Service) missingEpochs() []uint64 {
	cur := s.epoch()
	var out []uint64
	for e := cur - min(cur, maxFetchEpochs); e < cur; e++ {
		if _, err := s.records.Settlement(e); err != nil {
			out = append(out, e)
		}
	}
	return out
}

// Backfill asks peers (the connected ones when peers is empty, at most
// backfillPeers of them) for the settlement records of epochs this node
// lacks, keeping each that passes the gossip rule; epochs nil means the
// recent missing ones. It returns how many it kept; a peer that fails or
// serves an invalid record is passed over.
func (s *Service) Backfill(ctx context.Context, epochs []uint64, peers ...peer.ID) (int, error) {
	if epochs == nil {
		epochs = s.missingEpochs()
	}
	want := map[uint64]bool{}
	for _, e := range epochs {
		if _, err := s.records.Settlement(e); err != nil {
			want[e] = true
		}
	}
	if len(want) == 0 {
		return 0, nil
	}
	if len(peers) == 0 {
		for _, pi := range s.net.Peers() {
			peers = append(peers, pi.ID)
		}
		slices.Sort(peers)
		// Rotate, so that rounds do not all ask the same peers.
		if len(peers) > backfillPeers {
			k := int(s.clock.Now().UnixNano()/int64(time.Millisecond)) % len(peers)
			peers = append(peers[k:], peers[:k]...)[:backfillPeers]
		}
	}
	kept := 0
	var errs []error
	for _, p := range peers {
		if len(want) == 0 || ctx.Err() != nil {
			break
		}
		ask := make([]uint64, 0, len(want))
		for e := range want {
			ask = append(ask, e)
		}
		slices.Sort(ask)
		ask = ask[:min(len(ask), maxFetchEpochs)]
		req, _ := json.Marshal(fetchRequest{Epochs: ask})
		raw, err := s.net.Request(ctx, p, SettlementsProtocol, req)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		var fr fetchResponse
		if err := json.Unmarshal(raw, &fr); err != nil {
			errs = append(errs, fmt.Errorf("settlements from %s: %w", p, err))
			continue
		}
		// The records, decoded; only those asked for and still wanted
		// are checked (the check asks the escrow).
		var got []*SettlementInfo
		for _, b := range fr.Settlements {
			var info SettlementInfo
			if err := json.Unmarshal(b, &info); err != nil {
				errs = append(errs, fmt.Errorf("settlement from %s: %w", p, err))
				continue
			}
			got = append(got, &info)
		}
		for _, c := range fr.Compact {
			info, err := c.info()
			if err != nil {
				errs = append(errs, fmt.Errorf("settlement from %s: %w", p, err))
				continue
			}
			got = append(got, info)
		}
		for _, info := range got {
			if !want[info.Epoch] {
				continue // not asked for, or kept from another peer
			}
			info, err := s.checkInfo(ctx, info)
			if err != nil {
				s.log.Debug("pay: back-fill: bad settlement", "from", p, "err", err)
				errs = append(errs, fmt.Errorf("settlement from %s: %w", p, err))
				continue
			}
			if err := s.records.PutSettlement(info); err != nil {
				return kept, err
			}
			delete(want, info.Epoch)
			kept++
			s.applySettled(info)
			s.log.Info("pay: settlement back-filled", "epoch", info.Epoch, "from", p, "claims", len(info.Claims))
		}
	}
	if kept == 0 && len(errs) > 0 {
		return 0, errors.Join(errs...)
	}
	return kept, nil
}

// Settlement returns epoch e's settlement record: this node's, else one
// fetched from peers now (ErrSettlementUnknown when none has it).
func (s *Service) Settlement(ctx context.Context, e uint64) (*SettlementInfo, error) {
	if info, err := s.records.Settlement(e); err == nil {
		return info, nil
	}
	if _, err := s.Backfill(ctx, []uint64{e}); err != nil {
		s.log.Debug("pay: back-fill", "epoch", e, "err", err)
	}
	info, err := s.records.Settlement(e)
	if err != nil {
		return nil, fmt.Errorf("%w: epoch %d", ErrSettlementUnknown, e)
	}
	return info, nil
}

// backfillLoop back-fills the recent missing epochs every period, and
// from each newly connected peer.
func (s *Service) backfillLoop(ctx context.Context, every time.Duration) {
	t := s.clock.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case p := <-s.connected:
			s.backfillRound(ctx, p)
		case <-t.C():
			s.backfillRound(ctx, "")
		}
	}
}

func (s *Service) backfillRound(ctx context.Context, p peer.ID) {
	var peers []peer.ID
	if p != "" {
		peers = []peer.ID{p}
	}
	n, err := s.Backfill(ctx, nil, peers...)
	if err != nil && ctx.Err() == nil {
		s.log.Debug("pay: back-fill round", "kept", n, "err", err)
	}
}

// peerConnected is the host's connection callback: it must not block.
func (s *Service) peerConnected(p peer.ID) {
	select {
	case s.connected <- p:
	default: // a round is due anyway
	}
}
