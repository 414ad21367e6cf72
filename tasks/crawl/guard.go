package crawl

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// guard decides which addresses the crawler may connect to. It runs on the
// resolved address of every connection (net.Dialer.Control), so a host name
// that resolves, or later re-resolves, to a forbidden address is refused
// before any packet is sent; the URL check is only a fast path.
type guard struct {
	allowLoopback bool
	allowPrivate  bool
}

var (
	cgnat      = netip.MustParsePrefix("100.64.0.0/10")
	thisNet    = netip.MustParsePrefix("0.0.0.0/8")
	nat64      = netip.MustParsePrefix("64:ff9b::/96")
	nat64Local = netip.MustParsePrefix("64:ff9b:1::/48")
	sixToFour  = netip.MustParsePrefix("2002::/16")
	teredo     = netip.MustParsePrefix("2001::/32")
	// Special-purpose ranges (RFC 6890 and successors) that no public web
	// server lives on.
	reserved = []netip.Prefix{
		netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
		netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
		netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
		netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
		netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
		netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and broadcast
		netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated)
		netip.MustParsePrefix("100::/64"),        // discard-only
		netip.MustParsePrefix("2001:db8::/32"),   // documentation
		netip.MustParsePrefix("3fff::/20"),       // documentation
		netip.MustParsePrefix("5f00::/16"),       // segment routing SIDs
		netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
	}
)

// check returns nil if the crawler may connect to a, or an error wrapping
// ErrBlocked that names the reason.
func (g guard) check(a netip.Addr) error {
	if !a.IsValid() {
		return fmt.Errorf("%w: invalid address", ErrBlocked)
	}
	a = a.WithZone("").Unmap()
	if a.Is6() {
		// Addresses that embed an IPv4 address are judged by it.
		switch {
		case nat64.Contains(a) || nat64Local.Contains(a):
			b := a.As16()
			return g.check(netip.AddrFrom4([4]byte(b[12:])))
		case sixToFour.Contains(a):
			b := a.As16()
			return g.check(netip.AddrFrom4([4]byte(b[2:6])))
		case teredo.Contains(a):
			return fmt.Errorf("%w: %s is a Teredo address", ErrBlocked, a)
		}
	}
	why := ""
	switch {
	case a.IsUnspecified() || thisNet.Contains(a):
		why = "unspecified"
	case a.IsLoopback():
		if g.allowLoopback {
			return nil
		}
		why = "loopback"
	case a.IsLinkLocalUnicast():
		why = "link-local"
	case a.IsMulticast() || a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast():
		why = "multicast"
	case a.IsPrivate() || cgnat.Contains(a):
		if g.allowPrivate {
			return nil
		}
		why = "private"
	default:
		for _, p := range reserved {
			if p.Contains(a) {
				why = "reserved"
				break
			}
		}
	}
	if why != "" {
		return fmt.Errorf("%w: %s address %s", ErrBlocked, why, a)
	}
	return nil
}

// checkHost is the URL-level fast path: it refuses a host that is an IP
// literal the guard forbids. Host names pass here and are checked at dial
// time. host is a canonical host without port (IPv6 in brackets).
func (g guard) checkHost(host string) error {
	if len(host) > 2 && host[0] == '[' {
		host = host[1 : len(host)-1]
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return nil
	}
	return g.check(a)
}

// control is a net.Dialer Control function: it runs after name resolution
// and before connect(2), on every address the dialer tries.
func (g guard) control(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return fmt.Errorf("%w: network %q", ErrBlocked, network)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: unparsable address %q", ErrBlocked, address)
	}
	return g.check(ap.Addr())
}

// dialer returns a dialer that enforces the guard on every connection.
func (g guard) dialer(timeout time.Duration) *net.Dialer {
	return &net.Dialer{
		Timeout:   timeout,
		KeepAlive: 30 * time.Second,
		Control:   g.control,
	}
}
