package payments

import (
	"context"
	"errors"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/provenet/provenet/chain"
	"github.com/provenet/provenet/p2p"
)

// Escrow is the part of the chain client the service uses
// (*chain.Client with an escrow configured).
type Escrow interface {
	PayerOf(ctx context.Context, signer common.Address) (common.Address, error)
	EscrowBalance(ctx context.Context, payer common.Address) (balance, thawing *big.Int, thawEnd time.Time, err error)
	EpochSettlement(ctx context.Context, epoch uint64) (chain.Settlement, error)
	Settler(ctx context.Context) (common.Address, error)
	Redeemed(ctx context.Context, payer, operator common.Address, epoch uint64) (*big.Int, bool, error)
	Redeem(ctx context.Context, epoch uint64, rs []chain.Redemption) ([]common.Hash, error)
	Finalize(ctx context.Context, epoch uint64, payouts []chain.Payout, claimsRoot [32]byte, claimsTotal *big.Int) (common.Hash, error)
}

// Network is the part of the p2p host the service uses (*p2p.Host).
type Network interface {
	Join(topic string, v p2p.Validator) (*p2p.Topic, error)
	Handle(proto protocol.ID, fn p2p.RequestHandler)
	Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte) ([]byte, error)
	OnPeerConnected(fn func(peer.ID))
	Peers() []p2p.PeerInfo
}

// KeyBook is the node's API key store: the payer a key presented in an
// Authorization header ("Bearer pvn-…") was made for. An error wraps
// ErrInvalidAPIKey; a well-formed key it does not hold wraps ErrKeyUnknown
// too (the escrow may still bind its signer).
type KeyBook interface {
	Payer(header string) (common.Address, error)
}

// Records keeps settlement records (package node's receipt store).
type Records interface {
	PutSettlement(s *SettlementInfo) error
	Settlement(epoch uint64) (*SettlementInfo, error)
	Settlements(limit int) ([]*SettlementInfo, error)
}

// Key errors.
var (
	// ErrInvalidAPIKey: no key, a malformed one, or one neither this node
	// nor the escrow knows (HTTP 401, code invalid_api_key).
	ErrInvalidAPIKey = errors.New("node: invalid API key")
	// ErrKeyUnknown: a well-formed key this node's KeyBook does not hold.
	ErrKeyUnknown = errors.New("unknown key")
)
