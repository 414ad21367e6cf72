package p2p

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/p2p/discovery/mdns"
	drouting "github.com/libp2p/go-libp2p/p2p/discovery/routing"
)

// Rendezvous is the DHT namespace provenet nodes advertise themselves under.
const Rendezvous = "provenet/nodes/1"

// dialTimeout bounds one discovery dial.
const dialTimeout = 5 * time.Second

// discoverLoop dials bootstrap peers now and whenever they are
// disconnected, and, with the DHT, advertises this node and dials peers
// found under the rendezvous while below the low watermark.
func (h *Host) discoverLoop(ctx context.Context) {
	var rd *drouting.RoutingDiscovery
	if h.dht != nil {
		rd = drouting.NewRoutingDiscovery(h.dht)
	}
	t := time.NewTicker(h.cfg.DiscoveryInterval)
	defer t.Stop()
	advertised := time.Time{}
	for {
		h.dialBootstrap(ctx)
		if rd != nil && len(h.h.Network().Peers()) > 0 {
			if err := h.dht.Bootstrap(ctx); err != nil {
				h.log.Debug("p2p: dht bootstrap", "err", err)
			}
			if time.Since(advertised) > 10*time.Minute {
				if _, err := rd.Advertise(ctx, Rendezvous); err == nil {
					advertised = time.Now()
				} else {
					h.log.Debug("p2p: advertise", "err", err)
				}
			}
			if len(h.h.Network().Peers()) < h.cfg.ConnLow {
				h.findPeers(ctx, rd)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// dialBootstrap dials, in parallel, every bootstrap peer not connected.
func (h *Host) dialBootstrap(ctx context.Context) {
	var wg sync.WaitGroup
	for _, pi := range h.boot {
		if pi.ID == h.h.ID() || h.h.Network().Connectedness(pi.ID) == network.Connected {
			continue
		}
		wg.Go(func() { h.dial(ctx, pi) })
	}
	wg.Wait()
}

func (h *Host) dial(ctx context.Context, pi peer.AddrInfo) {
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	if err := h.h.Connect(ctx, pi); err != nil {
		h.log.Debug("p2p: dial", "peer", pi.ID, "err", err)
	}
}

func (h *Host) findPeers(ctx context.Context, rd *drouting.RoutingDiscovery) {
	ctx, cancel := context.WithTimeout(ctx, h.cfg.DiscoveryInterval)
	defer cancel()
	ch, err := rd.FindPeers(ctx, Rendezvous)
	if err != nil {
		h.log.Debug("p2p: find peers", "err", err)
		return
	}
	for pi := range ch {
		if pi.ID == h.h.ID() || len(pi.Addrs) == 0 || h.h.Network().Connectedness(pi.ID) == network.Connected {
			continue
		}
		h.dial(ctx, pi)
	}
}

// mdnsNotifee dials peers mDNS finds.
type mdnsNotifee struct{ h *Host }

func (n mdnsNotifee) HandlePeerFound(pi peer.AddrInfo) {
	if pi.ID == n.h.h.ID() {
		return
	}
	go n.h.dial(n.h.ctx, pi)
}

func (h *Host) startMDNS() error {
	svc := mdns.NewMdnsService(h.h, "provenet", mdnsNotifee{h})
	if err := svc.Start(); err != nil {
		return fmt.Errorf("p2p: mdns: %w", err)
	}
	h.closers = append(h.closers, svc.Close)
	h.log.Warn("p2p: mDNS enabled; it multicasts on the local network")
	return nil
}
