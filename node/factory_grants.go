package node

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/internal/canon"
	"github.com/provenet/provenet/p2p"
)

// TopicGrants carries Model Factory access requests and grants. A grant is
// signed by the Datanet's owner and names the grantee's account address;
// a node trains on a Datanet's records only with a live grant for its own
// address.
const TopicGrants = "/provenet/grants/2"

// Errors of the access flow.
var (
	ErrBadGrant = datanet.ErrAccess
	ErrNoGrant  = errors.New("node: no access grant for this datanet")
	ErrNotOwner = errors.New("node: this node does not own the datanet")
)

// accessMsg is a signed access request or grant (datanet.Access).
type accessMsg = datanet.Access

// grants holds access requests and grants seen on gossip or issued here.
type grants struct {
	mu       sync.Mutex
	grants   map[[2]string]accessMsg // (datanet, grantee) -> latest grant
	requests map[[2]string]accessMsg // (datanet, requester) -> latest request
}

func key(datanet string, a common.Address) [2]string { return [2]string{datanet, a.Hex()} }

// checkAccess validates m: a request against its own address, a grant
// against the Datanet's owner.
func (n *Node) checkAccess(m accessMsg) error {
	id, err := m.DatanetID()
	if err != nil {
		return err
	}
	var owner common.Address
	if m.Kind == datanet.AccessGrant {
		d, err := n.store.GetDatanet(id)
		if err != nil {
			return err
		}
		owner = d.Owner
	}
	return m.Check(owner)
}

// storeAccess keeps m when it is newer than what is held for its
// (datanet, address), and writes the set to disk so that grants survive
// a restart (they are gossiped once, not re-sent).
func (n *Node) storeAccess(m accessMsg) {
	if n.putAccess(m) {
		n.saveAccess()
	}
}

func (n *Node) putAccess(m accessMsg) bool {
	n.grants.mu.Lock()
	defer n.grants.mu.Unlock()
	if n.grants.grants == nil {
		n.grants.grants, n.grants.requests = map[[2]string]accessMsg{}, map[[2]string]accessMsg{}
	}
	k := key(m.Datanet, common.BytesToAddress(m.Address))
	dst := n.grants.requests
	if m.Kind == "grant" {
		dst = n.grants.grants
	}
	if old, ok := dst[k]; !ok || old.At < m.At {
		dst[k] = m
		return true
	}
	return false
}

const accessFile = "factory-access.cbor"

// accessFileDec reads the saved list: many messages, each as strict as on
// gossip.
var accessFileDec = canon.DecMode(canon.Limits{MaxArrayElements: 1 << 20, MaxMapPairs: 16, MaxNestedLevels: 4})

// saveAccess writes every held request and grant (each still signed).
func (n *Node) saveAccess() {
	n.grants.mu.Lock()
	var all []accessMsg
	for _, set := range []map[[2]string]accessMsg{n.grants.requests, n.grants.grants} {
		for _, m := range set {
			all = append(all, m)
		}
	}
	n.grants.mu.Unlock()
	b, err := syncEnc.Marshal(all)
	if err == nil {
		path := filepath.Join(n.home.Path(DataDir), accessFile)
		if err = os.WriteFile(path+".tmp", b, 0o600); err == nil {
			err = os.Rename(path+".tmp", path)
		}
	}
	if err != nil {
		n.log.Warn("factory: save access messages", "err", err)
	}
}

// loadAccess restores the saved requests and grants, checking each
// signature again; ones that no longer check are dropped.
func (n *Node) loadAccess() error {
	b, err := os.ReadFile(filepath.Join(n.home.Path(DataDir), accessFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var all []accessMsg
	if err := accessFileDec.Unmarshal(b, &all); err != nil {
		n.log.Warn("factory: saved access messages unreadable; starting without them", "err", err)
		return nil
	}
	for _, m := range all {
		if err := n.checkAccess(m); err == nil {
			n.putAccess(m)
		}
	}
	return nil
}

// granted reports whether addr holds a live grant for datanet.
func (n *Node) granted(datanet string, addr common.Address, now time.Time) error {
	n.grants.mu.Lock()
	defer n.grants.mu.Unlock()
	g, ok := n.grants.grants[key(datanet, addr)]
	if !ok || g.Expires < now.UnixMilli() {
		return fmt.Errorf("%w: %s for %s (ask its owner: provenet factory request --datanet %s)", ErrNoGrant, datanet, addr, datanet)
	}
	return nil
}

func (n *Node) startGrants(context.Context) error {
	if err := n.loadFactoryJobs(); err != nil {
		return err
	}
	if err := n.loadAccess(); err != nil {
		return err
	}
	t, err := n.host.Join(TopicGrants, n.validateAccessMsg)
	if err != nil {
		return err
	}
	n.grantTopic = t
	return t.Subscribe(func(_ context.Context, _ peer.ID, b []byte) {
		if m, err := decodeAccess(b); err == nil && n.checkAccess(m) == nil {
			n.storeAccess(m)
		}
	})
}

func decodeAccess(b []byte) (accessMsg, error) { return datanet.DecodeAccess(b) }

func (n *Node) validateAccessMsg(_ context.Context, from peer.ID, b []byte) p2p.Result {
	m, err := decodeAccess(b)
	if err == nil {
		err = n.checkAccess(m)
	}
	return verdict(err)
}

// publishAccess signs, stores and gossips an access message.
func (n *Node) publishAccess(ctx context.Context, m accessMsg) (accessMsg, error) {
	m.At = n.clock.Now().UnixMilli()
	if err := m.Sign(n.home.Account); err != nil {
		return m, err
	}
	if err := n.checkAccess(m); err != nil {
		return m, err
	}
	n.storeAccess(m)
	b, err := datanet.EncodeAccess(m)
	if err != nil {
		return m, err
	}
	return m, n.grantTopic.Publish(ctx, b)
}
