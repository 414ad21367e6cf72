package node

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrAPI reports an error answer from a node's HTTP API.
var ErrAPI = errors.New("node: api error")

// APIError is a node's error answer: its HTTP status and stable code
// (node/api_errors.go). errors.Is(err, ErrAPI) holds for it.
type APIError struct {
	Status  int
	Code    string
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%v: %s (%d %s)", ErrAPI, e.Message, e.Status, e.Code)
}

func (e *APIError) Unwrap() error { return ErrAPI }

// Client calls a node's HTTP API.
type Client struct {
	Base  string // e.g. http://127.0.0.1:8645
	Token string
	HTTP  *http.Client
}

// NewClient returns a client for base with the given write token.
func NewClient(base, token string) *Client {
	return &Client{Base: strings.TrimRight(base, "/"), Token: token, HTTP: &http.Client{Timeout: 60 * time.Second}}
}

// Do sends a request with an optional JSON body and decodes a JSON answer
// into out (unless out is nil). Non-2xx answers become an ErrAPI error with
// the server's message.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	resp, err := c.send(ctx, method, path, in)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%w: decode %s %s: %v", ErrAPI, method, path, err)
	}
	return nil
}

// Stream sends a GET and copies the raw answer to w.
func (c *Client) Stream(ctx context.Context, path string, w io.Writer) error {
	resp, err := c.send(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(w, resp.Body)
	return err
}

func (c *Client) send(ctx context.Context, method, path string, in any) (*http.Response, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.Base+path, body)
	if err != nil {
		return nil, err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		defer resp.Body.Close()
		var e apiError
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		if json.Unmarshal(b, &e) == nil && e.Error != "" {
			return nil, &APIError{Status: resp.StatusCode, Code: e.Code, Message: e.Error}
		}
		return nil, fmt.Errorf("%w: %s %s: %s: %s", ErrAPI, method, path, resp.Status, bytes.TrimSpace(b))
	}
	return resp, nil
}

// RecordsPath builds the records listing path with optional filters.
func RecordsPath(datanetID, state string, after uint64, limit int) string {
	q := url.Values{}
	if state != "" {
		q.Set("state", state)
	}
	if after > 0 {
		q.Set("after", fmt.Sprint(after))
	}
	if limit > 0 {
		q.Set("limit", fmt.Sprint(limit))
	}
	p := "/api/v1/datanets/" + url.PathEscape(datanetID) + "/records"
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}
