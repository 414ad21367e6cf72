package node

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/ethereum/go-ethereum/common"
)

// factoryJobsFile keeps the node's factory jobs across restarts, so that
// a job interrupted by a restart can still be listed and resumed from its
// checkpoint. It is rewritten when a job starts, ends or is resumed, not
// on every progress step.
const factoryJobsFile = "factory-jobs.json"

// savedJob is a job as kept on disk.
type savedJob struct {
	Job   factoryJob `json:"job"`
	Owner string     `json:"owner,omitempty"`
}

func (n *Node) factoryJobsPath() string { return filepath.Join(n.home.Path(DataDir), factoryJobsFile) }

// saveFactoryJobs writes every job atomically; a failure is logged, the
// jobs go on.
func (n *Node) saveFactoryJobs() {
	n.factory.mu.Lock()
	out := make([]savedJob, 0, len(n.factory.jobs))
	for _, j := range n.factory.jobs {
		v := *j
		v.cancel = nil
		s := savedJob{Job: v}
		if j.owner != (common.Address{}) {
			s.Owner = j.owner.Hex()
		}
		out = append(out, s)
	}
	n.factory.mu.Unlock()
	sort.Slice(out, func(i, k int) bool { return out[i].Job.ID < out[k].Job.ID })
	b, err := json.MarshalIndent(out, "", " ")
	if err == nil {
		tmp := n.factoryJobsPath() + ".tmp"
		if err = os.WriteFile(tmp, b, 0o600); err == nil {
			err = os.Rename(tmp, n.factoryJobsPath())
		}
	}
	if err != nil {
		n.log.Warn("factory: save jobs", "err", err)
	}
}

// loadFactoryJobs restores the jobs of an earlier run. A job that was
// queued or running then is marked failed ("interrupted"): resume
// continues it from its last checkpoint.
func (n *Node) loadFactoryJobs() error {
	b, err := os.ReadFile(n.factoryJobsPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var saved []savedJob
	if err := json.Unmarshal(b, &saved); err != nil {
		return fmt.Errorf("%w: %s: %v (move it away to start without the old jobs)", ErrFactory, n.factoryJobsPath(), err)
	}
	for _, s := range saved {
		j := s.Job
		if j.ID == "" {
			continue
		}
		if common.IsHexAddress(s.Owner) {
			j.owner = common.HexToAddress(s.Owner)
		}
		if !jobEnded(j.State) {
			j.State, j.Error = "failed", "interrupted by a node restart; resume continues from the last checkpoint"
		}
		j.cancel = func() {}
		n.factory.add(&j)
	}
	return nil
}
