package payments

import (
	"context"
	"errors"
	"fmt"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/p2p"
	"github.com/provenet/provenet/pay"
)

// keepVoucher hands a checked voucher to this node's gate (when it names
// this operator) and pool (on the aggregator).
func (s *Service) keepVoucher(sv pay.SignedVoucher) {
	if s.gate != nil && sv.Operator == s.self {
		if err := s.gate.AcceptVoucher(sv); err != nil && !errors.Is(err, pay.ErrStaleVoucher) {
			s.log.Debug("pay: voucher", "payer", sv.Payer, "epoch", sv.Epoch, "err", err)
		}
	}
	if s.pool != nil {
		if _, err := s.pool.Put(sv); err != nil {
			s.log.Warn("pay: voucher pool", "payer", sv.Payer, "epoch", sv.Epoch, "err", err)
		}
	}
}

// checkVoucher is the gossip rule for a voucher: canonical, of an epoch
// in the window, and signed by its payer or a signer bound to it.
func (s *Service) checkVoucher(data []byte) (pay.SignedVoucher, error) {
	sv, err := pay.DecodeSignedVoucher(data)
	if err != nil {
		return sv, err
	}
	cur := s.epoch()
	if sv.Epoch > cur || sv.Epoch+s.lag < cur {
		return sv, fmt.Errorf("%w: voucher of epoch %d, now %d", pay.ErrWrongEpoch, sv.Epoch, cur)
	}
	signer, err := sv.Recover(s.domain)
	if err != nil {
		return sv, err
	}
	return sv, pay.CheckSigner(signer, sv.Payer, s.payers.PayerOf)
}

func (s *Service) validateVoucher(_ context.Context, from peer.ID, data []byte) p2p.Result {
	if _, err := s.checkVoucher(data); err != nil {
		s.log.Debug("gossip: bad voucher", "from", from, "err", err)
		return p2p.Reject
	}
	return p2p.Accept
}

func (s *Service) onVoucher(_ context.Context, _ peer.ID, data []byte) {
	sv, err := pay.DecodeSignedVoucher(data) // checked by validateVoucher
	if err != nil {
		return
	}
	s.keepVoucher(sv)
}
