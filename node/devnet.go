package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/provenet/provenet/internal/clock"
)

// DevnetConfig describes a local network of node processes on loopback.
type DevnetConfig struct {
	Nodes int
	// GPUNodes: the first GPUNodes nodes serve inference with a random
	// dev model (DESIGN.md §5).
	GPUNodes int
	Dir      string
	Binary   string // the provenet binary to run for each node
	APIPort  int    // node i serves its API on APIPort+i
	P2PPort  int    // node i listens for libp2p on P2PPort+i (TCP and QUIC)
	// ChainPort and DAPort are the dev chain's JSON-RPC and the dev DA
	// server's ports on 127.0.0.1. Fixed, so that devnet.json and every
	// node's config stay valid across restarts (and a node's home can run
	// on its own against them). 0 picks a free port.
	ChainPort int
	DAPort    int
	// LogLevel is the nodes' log level (their logs go to node.log in each
	// home); Log is the launcher's own logger.
	LogLevel string
	Log      *slog.Logger
	Out      io.Writer // where the summary goes
	// Clock times restarts and their backoff (nil: the wall clock).
	Clock clock.Clock
}

func (dc DevnetConfig) clock() clock.Clock {
	if dc.Clock == nil {
		return clock.Real()
	}
	return dc.Clock
}

// DefaultDevnetConfig returns a 5-node devnet under ./.devnet.
func DefaultDevnetConfig() DevnetConfig {
	return DevnetConfig{Nodes: 5, Dir: ".devnet", APIPort: 8650, P2PPort: 4200, ChainPort: 8545, DAPort: 3100, LogLevel: "info"}
}

// DevnetNode is one node's entry in devnet.json.
type DevnetNode struct {
	Name    string   `json:"name"`
	Role    string   `json:"role"`
	Home    string   `json:"home"`
	API     string   `json:"api"`
	Token   string   `json:"token"`
	PeerID  string   `json:"peer_id"`
	Address string   `json:"address"`
	P2P     []string `json:"p2p"`
	Log     string   `json:"log"`
	// PID is the node's current process id; it changes when the launcher
	// restarts a node that died.
	PID int `json:"pid,omitempty"`
}

// DevnetInfo is what devnet.json holds. Chain and DA entries come with the
// anchoring work; they are empty until then.
type DevnetInfo struct {
	Nodes    []DevnetNode `json:"nodes"`
	ChainRPC string       `json:"chain_rpc,omitempty"`
	DAURL    string       `json:"da_url,omitempty"`
	ChainID  uint64       `json:"chain_id,omitempty"`
	Registry string       `json:"registry,omitempty"`
	Anchor   string       `json:"anchor,omitempty"`
	Claims   string       `json:"claims,omitempty"`
	Escrow   string       `json:"escrow,omitempty"`
}

// ErrDevnet reports a devnet that could not be set up.
var ErrDevnet = errors.New("node: devnet")

// RunDevnet prepares homes, starts one `provenet run` process per node, waits
// until every API answers, writes DIR/devnet.json and a summary, and then
// runs until ctx ends, when it stops every process (SIGTERM, then SIGKILL
// after a grace period). While it runs, a node process that exits is
// reported on Out and restarted with exponential backoff (1 s doubling to
// 30 s, reset after a minute up); the others keep running. Homes persist:
// a second run keeps keys and data.
func RunDevnet(ctx context.Context, dc DevnetConfig) error {
	if dc.Nodes < 1 || dc.Nodes > 200 {
		return fmt.Errorf("%w: --nodes %d: want 1..200", ErrDevnet, dc.Nodes)
	}
	if dc.GPUNodes < 0 || dc.GPUNodes > dc.Nodes {
		return fmt.Errorf("%w: --gpu-nodes %d: want 0..%d", ErrDevnet, dc.GPUNodes, dc.Nodes)
	}
	if dc.Log == nil {
		dc.Log = slog.New(slog.DiscardHandler)
	}
	if dc.Out == nil {
		dc.Out = io.Discard
	}
	info, infra, err := prepareDevnet(ctx, dc)
	if err != nil {
		return err
	}
	defer infra.stop(context.WithoutCancel(ctx), dc.Log)
	procs, err := startDevnet(dc, info)
	if err != nil {
		return err
	}
	// Supervision ends before the nodes are stopped, so that nothing is
	// restarted while the launcher shuts down.
	sctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
		stopDevnet(dc.Log, procs)
	}()
	if err := waitDevnet(ctx, info, procs); err != nil {
		return err
	}
	path := filepath.Join(dc.Dir, "devnet.json")
	if err := writeDevnetInfo(path, info); err != nil {
		return err
	}
	out := &syncWriter{w: dc.Out}
	printDevnet(out, info, path)
	// A node that dies is reported and restarted with backoff while the
	// others keep running; devnet.json follows its new PID.
	var infoMu sync.Mutex
	for i, p := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.supervise(sctx, dc, out, func(pid int) {
				infoMu.Lock()
				defer infoMu.Unlock()
				info.Nodes[i].PID = pid
				if err := writeDevnetInfo(path, info); err != nil {
					dc.Log.Warn("devnet: update devnet.json", "err", err)
				}
			})
		}()
	}
	<-ctx.Done()
	return nil
}

// prepareDevnet creates or reopens each home and writes its config, with
// distinct loopback ports and every other node as a bootstrap peer.
func prepareDevnet(ctx context.Context, dc DevnetConfig) (*DevnetInfo, *devInfra, error) {
	for _, p := range []struct {
		port int
		flag string
	}{{dc.ChainPort, "--chain-port"}, {dc.DAPort, "--da-port"}} {
		if p.port == 0 {
			continue
		}
		if err := checkTCPFree(p.port, p.flag); err != nil {
			return nil, nil, err
		}
	}
	homes := make([]*Home, dc.Nodes)
	for i := range homes {
		if err := checkPortsFree(dc.APIPort+i, dc.P2PPort+i); err != nil {
			return nil, nil, err
		}
		dir, _ := filepath.Abs(filepath.Join(dc.Dir, fmt.Sprintf("node%d", i)))
		h, err := OpenHome(dir)
		if errors.Is(err, ErrNoHome) {
			h, err = Init(dir, DefaultConfig(), false)
		}
		if err != nil {
			return nil, nil, err
		}
		homes[i] = h
	}
	infra, err := startDevInfra(ctx, dc, homes)
	if err != nil {
		return nil, nil, err
	}
	info := &DevnetInfo{}
	infra.describe(info)
	for i, h := range homes {
		cfg := DefaultConfig()
		cfg.Log.Level = dc.LogLevel
		cfg.API.Listen = net.JoinHostPort("127.0.0.1", strconv.Itoa(dc.APIPort+i))
		cfg.P2P.Listen = p2pListen(dc.P2PPort + i)
		cfg.P2P.MDNS = false
		cfg.Sync.Interval = Duration(5 * time.Second)
		// Devnet crawls servers on this machine and uses short epochs.
		cfg.Tasks.CrawlLoopback = true
		cfg.Tasks.CrawlHostRate = 20
		cfg.Tasks.EpochLength = Duration(30 * time.Second)
		// Devnet's /v1 is a free tier, so that curl and the examples work
		// without a key; `provenet pay keys create` makes one all the same.
		cfg.GPU.Free = true
		for j, o := range homes {
			if j != i {
				cfg.P2P.Bootstrap = append(cfg.P2P.Bootstrap, p2pListen(dc.P2PPort + j)[0]+"/p2p/"+o.PeerID().String())
			}
		}
		role := infra.configure(i, dc, &cfg)
		if err := WriteConfig(h.Path(ConfigFile), cfg); err != nil {
			infra.stop(context.WithoutCancel(ctx), dc.Log)
			return nil, nil, err
		}
		info.Nodes = append(info.Nodes, DevnetNode{
			Name: fmt.Sprintf("node%d", i), Role: role, Home: h.Dir,
			API: "http://" + cfg.API.Listen, Token: h.Token,
			PeerID: h.PeerID().String(), Address: h.Account.Address().Hex(),
			P2P: cfg.P2P.Listen, Log: h.Path("node.log"),
		})
	}
	return info, infra, nil
}

func p2pListen(port int) []string {
	p := strconv.Itoa(port)
	return []string{"/ip4/127.0.0.1/tcp/" + p, "/ip4/127.0.0.1/udp/" + p + "/quic-v1"}
}

// checkTCPFree refuses a busy TCP port on 127.0.0.1, naming the flag that
// picks another.
func checkTCPFree(port int, flag string) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("%w: port %d is in use (pick another with %s): %v", ErrDevnet, port, flag, err)
	}
	return l.Close()
}

func checkPortsFree(apiPort, p2pPort int) error {
	for _, p := range []int{apiPort, p2pPort} {
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			return fmt.Errorf("%w: port %d is in use (pick others with --api-port / --p2p-port): %v", ErrDevnet, p, err)
		}
		l.Close()
	}
	u, err := net.ListenPacket("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p2pPort)))
	if err != nil {
		return fmt.Errorf("%w: udp port %d is in use: %v", ErrDevnet, p2pPort, err)
	}
	return u.Close()
}

// devnetProc is one node process under the launcher's supervision: the
// current run, replaced by a fresh one each time the supervisor restarts
// the node.
type devnetProc struct {
	name string
	nd   DevnetNode
	mu   sync.Mutex
	run  *procRun
}

// procRun is one start of a node process.
type procRun struct {
	cmd     *exec.Cmd
	started time.Time
	exited  chan struct{} // closed when the process has been reaped
	err     error         // valid after exited is closed
}

func (p *devnetProc) current() *procRun {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.run
}

// PID is the current run's process id (0 when it could not start).
func (p *devnetProc) pid() int {
	if r := p.current(); r != nil && r.cmd.Process != nil {
		return r.cmd.Process.Pid
	}
	return 0
}

// startProc starts one `provenet run` for nd, its output appended to the
// node's log. A process that could not start comes back as a run that has
// already exited with the error.
func startProc(clk clock.Clock, bin string, nd DevnetNode) *procRun {
	r := &procRun{started: clk.Now(), exited: make(chan struct{})}
	r.cmd = exec.Command(bin, "run", "--home", nd.Home)
	logf, err := os.OpenFile(nd.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		r.err = err
		close(r.exited)
		return r
	}
	r.cmd.Stdout, r.cmd.Stderr = logf, logf
	// Own process group: the launcher, not the terminal, decides when
	// nodes stop, so one Ctrl-C gives every node a clean shutdown.
	// Pdeathsig: if the launcher itself dies (kill -9), its nodes get
	// SIGTERM instead of running on unattended.
	r.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	if err := r.cmd.Start(); err != nil {
		logf.Close()
		r.err = fmt.Errorf("start: %w", err)
		close(r.exited)
		return r
	}
	go func() {
		r.err = r.cmd.Wait()
		logf.Close()
		close(r.exited)
	}()
	return r
}

func startDevnet(dc DevnetConfig, info *DevnetInfo) ([]*devnetProc, error) {
	var procs []*devnetProc
	for i, nd := range info.Nodes {
		p := &devnetProc{name: nd.Name, nd: nd, run: startProc(dc.clock(), dc.Binary, nd)}
		procs = append(procs, p)
		if p.run.cmd.Process == nil {
			<-p.run.exited
			stopDevnet(dc.Log, procs)
			return nil, fmt.Errorf("%w: start %s: %v", ErrDevnet, nd.Name, p.run.err)
		}
		info.Nodes[i].PID = p.pid()
		dc.Log.Info("devnet: started", "node", nd.Name, "pid", p.pid(), "api", nd.API)
	}
	return procs, nil
}

// waitDevnet polls every node's /healthz until all answer. A node that
// exits before the devnet is up fails the devnet (a broken config would
// otherwise restart for ever); supervision starts once all are up.
func waitDevnet(ctx context.Context, info *DevnetInfo, procs []*devnetProc) error {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for i, nd := range info.Nodes {
		c := NewClient(nd.API, "")
		c.HTTP.Timeout = 2 * time.Second
		r := procs[i].current()
		for {
			if err := c.Do(ctx, "GET", "/healthz", nil, nil); err == nil {
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("%w: %s did not come up: %v (see %s)", ErrDevnet, nd.Name, ctx.Err(), nd.Log)
			case <-r.exited:
				return fmt.Errorf("%w: %s exited: %v (see %s)", ErrDevnet, nd.Name, r.err, nd.Log)
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	return nil
}

// Restart backoff: the first restart waits restartMin, each further one
// twice as long up to restartMax; a run that stayed up restartReset starts
// the sequence again.
var (
	restartMin   = time.Second
	restartMax   = 30 * time.Second
	restartReset = time.Minute
)

// supervise restarts p whenever its process exits, until ctx ends. Each
// exit and restart is reported on out and the log; restarted calls back
// with the new run's PID (the launcher rewrites devnet.json).
func (p *devnetProc) supervise(ctx context.Context, dc DevnetConfig, out io.Writer, restarted func(pid int)) {
	backoff := restartMin
	for {
		r := p.current()
		select {
		case <-ctx.Done():
			return
		case <-r.exited:
		}
		if ctx.Err() != nil {
			return
		}
		if dc.clock().Since(r.started) >= restartReset {
			backoff = restartMin
		}
		fmt.Fprintf(out, "%s exited: %v; restarting in %v\n", p.name, r.err, backoff)
		dc.Log.Warn("devnet: node exited", "node", p.name, "err", r.err, "restart_in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-dc.clock().After(backoff):
		}
		backoff = min(2*backoff, restartMax)
		nr := startProc(dc.clock(), dc.Binary, p.nd)
		p.mu.Lock()
		p.run = nr
		p.mu.Unlock()
		if nr.cmd.Process != nil {
			fmt.Fprintf(out, "%s restarted (pid %d)\n", p.name, nr.cmd.Process.Pid)
			dc.Log.Info("devnet: restarted", "node", p.name, "pid", nr.cmd.Process.Pid)
			restarted(nr.cmd.Process.Pid)
		}
	}
}

// stopDevnet sends SIGTERM to every node and SIGKILL to any still running
// after the grace period. Supervision must have ended.
func stopDevnet(log *slog.Logger, procs []*devnetProc) {
	runs := make([]*procRun, len(procs))
	for i, p := range procs {
		runs[i] = p.current()
		if runs[i].cmd.Process != nil {
			_ = runs[i].cmd.Process.Signal(syscall.SIGTERM)
		}
	}
	deadline := time.After(20 * time.Second)
	for i, r := range runs {
		select {
		case <-r.exited:
			log.Info("devnet: stopped", "node", procs[i].name)
		case <-deadline:
			log.Warn("devnet: killing", "node", procs[i].name)
			_ = r.cmd.Process.Kill()
			<-r.exited
		}
	}
}

// syncWriter serialises writes from the supervisors.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

// writeDevnetInfo writes devnet.json atomically (readers never see half a
// file).
func writeDevnetInfo(path string, info *DevnetInfo) error {
	b, _ := json.MarshalIndent(info, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("%w: %v", ErrDevnet, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("%w: %v", ErrDevnet, err)
	}
	return nil
}

func printDevnet(w io.Writer, info *DevnetInfo, path string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NODE\tROLE\tAPI\tPEER ID\tADDRESS")
	for _, n := range info.Nodes {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", n.Name, n.Role, n.API, n.PeerID, n.Address)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nchain  %s (id %d)  registry %s  anchor %s  claims %s  escrow %s\nDA     %s\n",
		info.ChainRPC, info.ChainID, info.Registry, info.Anchor, info.Claims, info.Escrow, info.DAURL)
	fmt.Fprintf(w, "\ndevnet of %d nodes is up; details and API tokens in %s\n", len(info.Nodes), path)
	fmt.Fprintf(w, "try:  provenet --api %s --token %s datanet list\n", info.Nodes[0].API, info.Nodes[0].Token)
	fmt.Fprintln(w, "A node that dies is restarted with backoff; Ctrl-C stops every node.")
}
