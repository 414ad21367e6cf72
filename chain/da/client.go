package da

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
)

// Client talks to eigenda-proxy or to the dev Server over the same REST API,
// and verifies what it reads: the payload is re-encoded into a blob and its
// KZG commitment recomputed before Get returns it. That works for the dev
// server's VersionDevKZG commitments and for eigenda-proxy's V2 certificates
// (version 0x01, RLP coretypes.EigenDACert), whose blob commitment is
// compared; the certificate's signatures are not checked here. Other
// versions are refused (ErrUnverifiable) unless AllowUnverified is set.
type Client struct {
	cfg  ClientConfig
	base string
	srs  *SRS
	http *http.Client
	log  *slog.Logger
}

// NewClient checks cfg and returns a client. A nil srs means DefaultSRS; a
// nil hc means a fresh http.Client; a nil log discards.
func NewClient(cfg ClientConfig, srs *SRS, hc *http.Client, log *slog.Logger) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if srs == nil {
		srs = DefaultSRS()
	}
	if hc == nil {
		hc = &http.Client{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Client{cfg: cfg, base: strings.TrimRight(cfg.URL, "/"), srs: srs, http: hc,
		log: log.With("component", "da-client")}, nil
}

// Put posts one payload and returns its commitment.
func (c *Client) Put(ctx context.Context, payload []byte) (Commitment, error) {
	if len(payload) == 0 {
		return Commitment{}, ErrEmptyPayload
	}
	if len(payload) > c.cfg.MaxPayloadBytes {
		return Commitment{}, fmt.Errorf("%w: %d bytes, limit %d", ErrPayloadTooLarge, len(payload), c.cfg.MaxPayloadBytes)
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/put"+c.query(), bytes.NewReader(payload))
	if err != nil {
		return Commitment{}, fmt.Errorf("da: put: %w", err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	body, err := c.do(req, maxCommitmentLen+2)
	if err != nil {
		return Commitment{}, fmt.Errorf("da: put: %w", err)
	}
	com, err := DecodeCommitment(body, c.cfg.Mode)
	if err != nil {
		return Commitment{}, fmt.Errorf("da: put: server answered: %w", err)
	}
	if c.cfg.VerifyPut && c.verifiable(com) {
		if err := c.srs.VerifyAny(com, payload); err != nil {
			return Commitment{}, fmt.Errorf("da: put: server commitment: %w", err)
		}
	}
	c.log.Debug("put", "commitment", com.String(), "bytes", len(payload))
	return com, nil
}

// Get fetches the payload of com and verifies it against com's KZG
// commitment; see Client for which versions can be verified.
func (c *Client) Get(ctx context.Context, com Commitment) ([]byte, error) {
	if !c.verifiable(com) && !c.cfg.AllowUnverified {
		return nil, fmt.Errorf("%w: version 0x%02x", ErrUnverifiable, com.Version)
	}
	if com.IsDevKZG() && int(com.PayloadLen) > c.cfg.MaxPayloadBytes {
		return nil, fmt.Errorf("%w: commitment declares %d bytes", ErrPayloadTooLarge, com.PayloadLen)
	}
	limit := int64(c.cfg.MaxPayloadBytes)
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	hexc := fmt.Sprintf("0x%x", com.Encode(c.cfg.Mode))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/get/"+hexc+c.query(), nil)
	if err != nil {
		return nil, fmt.Errorf("da: get: %w", err)
	}
	payload, err := c.do(req, limit)
	if err != nil {
		return nil, fmt.Errorf("da: get %s: %w", shortHex(hexc), err)
	}
	if c.verifiable(com) {
		if err := c.srs.VerifyAny(com, payload); err != nil {
			return nil, fmt.Errorf("da: get %s: %w", shortHex(hexc), err)
		}
	}
	return payload, nil
}

// Health checks GET /health.
func (c *Client) Health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/health", nil)
	if err != nil {
		return fmt.Errorf("da: health: %w", err)
	}
	_, err = c.do(req, 4096)
	return err
}

// verifiable reports whether the client can check payloads of com: dev
// commitments and eigenda-proxy V2 certificates (version 0x01).
func (c *Client) verifiable(com Commitment) bool {
	return com.IsDevKZG() || com.Version == VersionProxyCertV2
}

func (c *Client) query() string {
	if c.cfg.Mode == ModeStandard {
		return "?commitment_mode=standard"
	}
	return ""
}

// do runs req and returns a 200 body of at most limit bytes; a longer body
// is ErrPayloadTooLarge, a 404 ErrNotFound, any other status ErrServer.
func (c *Client) do(req *http.Request, limit int64) ([]byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		err := ErrServer
		switch resp.StatusCode {
		case http.StatusNotFound:
			err = ErrNotFound
		case http.StatusRequestEntityTooLarge:
			err = ErrPayloadTooLarge
		}
		return nil, fmt.Errorf("%w: HTTP %d: %s", err, resp.StatusCode, strings.TrimSpace(string(msg)))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: response over %d bytes", ErrPayloadTooLarge, limit)
	}
	return body, nil
}

func shortHex(s string) string {
	if len(s) > 18 {
		return s[:18] + "…"
	}
	return s
}
