package node

import (
	"errors"
	"mime"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Errors of the API's request guard (guard).
var (
	// ErrHostNotAllowed: the request's Host is not a name this node answers
	// to, as in a DNS-rebinding attack from a web page.
	ErrHostNotAllowed = errors.New("node: host not allowed")
	// ErrOriginNotAllowed: a browser request from another origin that
	// [api] cors_origins does not name.
	ErrOriginNotAllowed = errors.New("node: cross-origin request not allowed")
	// ErrBatchTooLarge: a submit batch above [api] max_batch_records.
	ErrBatchTooLarge = errors.New("node: batch too large")
	// ErrContentType: a request body that is not application/json.
	ErrContentType = errors.New("node: request body must be application/json")
)

// guard applies the API's security model to every route before routing:
//
//   - Host must be a loopback name or address (localhost, 127.0.0.0/8,
//     ::1), the listen address's own host, or one named in [api]
//     allowed_hosts. A web page that rebinds its own name to 127.0.0.1
//     sends its name as Host, and is refused (403 host_not_allowed).
//   - A request with an Origin header (a browser) is served when the
//     origin is this API's own (same host and port) or is listed in [api]
//     cors_origins, which also answers CORS preflights; any other origin
//     gets 403 origin_not_allowed, so a page cannot even make a "simple"
//     cross-origin request.
//   - A body (POST, PUT, PATCH, DELETE) must be application/json (415
//     unsupported_media_type), which a cross-site form cannot send.
//
// The token (write calls and private reads) and API keys (/v1) are
// checked behind this, per route.
func (n *Node) guard(h http.Handler) http.Handler {
	hosts := map[string]bool{}
	for _, hname := range n.cfg.API.AllowedHosts {
		hosts[strings.ToLower(hname)] = true
	}
	if lh, _, err := net.SplitHostPort(n.cfg.API.Listen); err == nil && lh != "" {
		if ip := net.ParseIP(lh); ip == nil || !ip.IsUnspecified() {
			hosts[strings.ToLower(lh)] = true
		}
	}
	origins := n.cfg.API.CORSOrigins
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, hosts) {
			writeErr(w, ErrHostNotAllowed)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			same := sameOrigin(o, r.Host)
			listed := slices.Contains(origins, o)
			if !same && !listed {
				writeErr(w, ErrOriginNotAllowed)
				return
			}
			if listed {
				w.Header().Set("Access-Control-Allow-Origin", o)
				w.Header().Add("Vary", "Origin")
				if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
					w.Header().Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
					w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
					w.Header().Set("Access-Control-Max-Age", "600")
					w.WriteHeader(http.StatusNoContent)
					return
				}
			}
		}
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
			if r.ContentLength != 0 && !isJSON(r.Header.Get("Content-Type")) {
				writeErr(w, ErrContentType)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed reports whether a Host header names this node.
func hostAllowed(hostport string, extra map[string]bool) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || extra[host] {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin reports whether origin (scheme://host[:port]) is the API
// itself, as reached at host.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && mt == "application/json"
}
