package work

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/tasks"
	"github.com/provenet/provenet/tasks/crawl"
)

// maybeCrawl starts a crawl task this node holds and has not run. A crawl
// task goes to one worker at a time; when its lease runs out without a
// result, the next worker in rendezvous order takes it.
func (w *Service) maybeCrawl(ctx context.Context, id tasks.ID, t *tasks.Task, me common.Address, live []common.Address, now time.Time, lease time.Duration) {
	done := func(a common.Address) bool { return w.store.HasResult(id, a) }
	holders := tasks.Holders(id, live, 1, time.UnixMilli(t.CreatedAt), now, lease, done)
	if len(holders) == 0 {
		return
	}
	w.mu.Lock()
	p, running := w.crawls[id]
	start := holders[0].Worker == me && (!running || p.State == "queued")
	if !running {
		p = newProgress(t)
		w.crawls[id] = p
	}
	p.Worker = holders[0].Worker.Hex()
	if start {
		p.State = "running"
	}
	w.mu.Unlock()
	if !start {
		return
	}
	w.group.Go(func(ctx context.Context) { w.runCrawl(ctx, t) })
}

func newProgress(t *tasks.Task) *CrawlProgress {
	return &CrawlProgress{Task: t.ID().String(), Datanet: t.Datanet.String(), Target: t.Target, MaxPages: t.MaxPages, State: "queued"}
}

func (w *Service) setCrawl(id tasks.ID, t *tasks.Task, fn func(*CrawlProgress)) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.crawls[id]
	if !ok {
		p = newProgress(t)
		w.crawls[id] = p
	}
	fn(p)
}

// runCrawl fetches the task's pages, submits each page's text as a record
// (signed by this node, the source URL kept), and publishes the result.
// The crawl is bounded by the lease, so a stuck site cannot hold the task.
func (w *Service) runCrawl(ctx context.Context, t *tasks.Task) {
	id := t.ID()
	ctx, cancel := context.WithTimeout(ctx, w.cfg.Lease.D())
	defer cancel()
	var produced []cid.Cid
	emit := func(p *crawl.Page) error {
		c, err := w.d.Records.Submit(ctx, t.Datanet, fitRecord(p.Text), p.FinalURL)
		if err != nil {
			return err
		}
		w.setCrawl(id, t, func(cp *CrawlProgress) { cp.Pages++ })
		if c.Defined() && len(produced) < tasks.MaxProduced {
			produced = append(produced, c)
			w.setCrawl(id, t, func(cp *CrawlProgress) { cp.Records++ })
		}
		return nil
	}
	ctx = crawl.WithProgress(ctx, func(s crawl.Stats, queued int) {
		w.setCrawl(id, t, func(cp *CrawlProgress) {
			cp.Queued, cp.Fetched, cp.Failed = queued, s.Fetched, s.Errors+s.Blocked+s.Robots+s.Skipped
		})
	})
	var (
		st  crawl.Stats
		err error
	)
	if t.MaxPages <= 1 {
		st, err = w.crawler.CrawlURLs(ctx, []string{t.Target}, emit)
	} else {
		st, err = w.crawler.CrawlSite(ctx, t.Target, int(t.MaxPages), emit)
	}
	failed := st.Errors + st.Blocked + st.Robots + st.Skipped
	w.setCrawl(id, t, func(cp *CrawlProgress) {
		cp.Fetched, cp.Failed, cp.Queued = st.Fetched, failed, 0
		cp.State = "done"
		if err != nil {
			cp.State, cp.Error = "failed", err.Error()
		}
	})
	if ctx.Err() != nil && len(produced) == 0 {
		return // stopping, or the lease ran out: the next worker takes it
	}
	res := tasks.NewResult(t, w.d.Clock.Now())
	res.Produced, res.Failed = produced, uint32(failed)
	if err := w.publishResult(ctx, res); err != nil {
		w.log.Warn("work: crawl result", "task", id, "err", err)
		return
	}
	w.count(func(c *WorkCounts) { c.Crawled++ })
	w.log.Info("crawl done", "target", t.Target, "pages", st.Pages, "records", len(produced), "failed", failed)
}

// Progress lists the crawl tasks this node knows, with their progress;
// for a crawl another worker ran, what its result says.
func (w *Service) Progress() []CrawlProgress {
	for _, t := range w.store.Tasks() {
		id := t.ID()
		rs := w.store.Results(id)
		if len(rs) == 0 {
			continue
		}
		w.setCrawl(id, t, func(p *CrawlProgress) {
			if p.State != "done" && p.State != "failed" {
				p.State, p.Worker = "done", rs[0].Worker.Hex()
				p.Records, p.Pages, p.Failed = len(rs[0].Produced), len(rs[0].Produced), int(rs[0].Failed)
			}
		})
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]CrawlProgress, 0, len(w.crawls))
	for _, p := range w.crawls {
		out = append(out, *p)
	}
	return out
}

// fitRecord cuts a page's text that is longer than a record may be
// (datanet.MaxContentBytes: a whole-page table of contents can be) at the
// last paragraph, line or rune boundary before the limit, so that the page
// still yields a record.
func fitRecord(text string) string {
	if len(text) <= datanet.MaxContentBytes {
		return text
	}
	cut := text[:datanet.MaxContentBytes]
	for _, sep := range []string{"\n\n", "\n"} {
		if i := strings.LastIndex(cut, sep); i > datanet.MaxContentBytes/2 {
			return cut[:i]
		}
	}
	for len(cut) > 0 && !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return cut
}
