package node

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/provenet/provenet/internal/clock"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/provenet/provenet/gpu/adaptercache"
	"github.com/provenet/provenet/gpu/engine"
	gpumodel "github.com/provenet/provenet/gpu/model"
)

// ProtoAdapter fetches a LoRA adapter's files by content ID: the request
// is one frame (JSON {cid}); the answer is one frame (JSON {sizes} or
// {error}) followed by the files' bytes in model.AdapterFiles order. The
// fetcher checks the CID of what it received before using it.
const ProtoAdapter = "/provenet/adapter/1"

// maxAdapterBytes caps one fetched adapter.
const maxAdapterBytes = 1 << 30

type adapterReq struct {
	CID string `json:"cid"`
}

type adapterResp struct {
	Sizes []int64 `json:"sizes,omitempty"`
	Error string  `json:"error,omitempty"`
}

// ErrAdapterUnavailable: no peer could supply an adapter.
var ErrAdapterUnavailable = errors.New("node: adapter unavailable from peers")

// serveAdapter sends a local adapter's files.
func (n *Node) serveAdapter(s network.Stream) {
	defer s.Close()
	_ = s.SetDeadline(clock.NetDeadline(5 * time.Minute))
	var req adapterReq
	if err := readInferFrame(bufio.NewReader(s), 1024, &req); err != nil {
		s.Reset()
		return
	}
	dir, ok := n.infer.lib.Dir(req.CID)
	if !ok {
		_ = writeInferFrame(s, adapterResp{Error: "adapter not held here"})
		return
	}
	var sizes []int64
	for _, f := range gpumodel.AdapterFiles {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			_ = writeInferFrame(s, adapterResp{Error: "adapter unreadable"})
			return
		}
		sizes = append(sizes, st.Size())
	}
	bw := bufio.NewWriter(s)
	if err := writeInferFrame(bw, adapterResp{Sizes: sizes}); err != nil {
		s.Reset()
		return
	}
	for _, f := range gpumodel.AdapterFiles {
		fh, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			s.Reset()
			return
		}
		_, err = io.Copy(bw, fh)
		fh.Close()
		if err != nil {
			s.Reset()
			return
		}
	}
	if bw.Flush() != nil {
		s.Reset()
	}
}

// adapterFetcher is the adapter cache's remote tier: it fetches an
// adapter from a GPU peer that advertises its CID.
type adapterFetcher struct {
	n   *Node
	dir string
}

var _ adaptercache.Fetcher = adapterFetcher{}

func (f adapterFetcher) Fetch(ctx context.Context, id string) error {
	var errs []error
	for p, ad := range f.n.gpuAds.live(f.n.clock.Now(), f.n.adTTL()) {
		if !adServes(ad, id) {
			continue
		}
		err := f.fetchFrom(ctx, p, id)
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %w", p, err))
	}
	return fmt.Errorf("%w: %s: %w", ErrAdapterUnavailable, id, errors.Join(errs...))
}

func (f adapterFetcher) fetchFrom(ctx context.Context, p peer.ID, id string) error {
	s, err := f.n.host.Libp2p().NewStream(ctx, p, ProtoAdapter)
	if err != nil {
		return err
	}
	defer s.Close()
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	if err := writeInferFrame(s, adapterReq{CID: id}); err != nil {
		return err
	}
	_ = s.CloseWrite()
	br := bufio.NewReader(s)
	var resp adapterResp
	if err := readInferFrame(br, 1<<12, &resp); err != nil {
		return err
	}
	if resp.Error != "" {
		return errors.New(resp.Error)
	}
	if len(resp.Sizes) != len(gpumodel.AdapterFiles) {
		return fmt.Errorf("answer lists %d files", len(resp.Sizes))
	}
	var total int64
	for _, sz := range resp.Sizes {
		if sz < 0 || sz > maxAdapterBytes {
			return fmt.Errorf("file of %d bytes", sz)
		}
		total += sz
	}
	if total > maxAdapterBytes {
		return fmt.Errorf("adapter of %d bytes", total)
	}
	if err := os.MkdirAll(f.dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(f.dir, ".fetch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for i, name := range gpumodel.AdapterFiles {
		fh, err := os.Create(filepath.Join(tmp, name))
		if err != nil {
			return err
		}
		_, err = io.CopyN(fh, br, resp.Sizes[i])
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	got, _, err := engine.AdapterCID(tmp)
	if err != nil {
		return err
	}
	if got != id {
		return fmt.Errorf("peer sent an adapter with CID %s", got)
	}
	return os.Rename(tmp, filepath.Join(f.dir, id))
}
