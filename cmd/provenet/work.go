package main

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/node"
)

func seedCommand() *cli.Command {
	return &cli.Command{
		Name:      "seed",
		Usage:     "give a Datanet crawl targets (owner only): pages by --url, or a site crawl from --root",
		ArgsUsage: "ID",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "url", Usage: "a page to fetch; repeat or comma-separate"},
			&cli.StringFlag{Name: "root", Usage: "crawl this site from here, same-site links only"},
			&cli.IntFlag{Name: "max-pages", Usage: "page limit of the site crawl (default: the node's tasks.crawl_max_pages)"},
		},
		Action: func(c *cli.Context) error {
			id, _, err := datanetID(c)
			if err != nil {
				return err
			}
			req := node.SeedRequest{URLs: c.StringSlice("url"), Root: c.String("root"), MaxPages: c.Int("max-pages")}
			return callAndPrint(c, "POST", "/api/v1/datanets/"+id+"/seed", req)
		},
	}
}

func voteCommand() *cli.Command {
	return &cli.Command{
		Name:      "vote",
		Usage:     "as a whitelisted validator, accept a record with a label (--label) or reject it (--reject)",
		ArgsUsage: "RECORD_CID",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "label"},
			&cli.BoolFlag{Name: "reject", Usage: "reject the record"},
			&cli.BoolFlag{Name: "accept", Usage: "accept without a label (Datanets without a label schema only)"},
		},
		Action: func(c *cli.Context) error {
			args, err := positional(c)
			if err != nil {
				return err
			}
			if len(args) != 1 {
				return fmt.Errorf("vote: need one record CID")
			}
			req, err := voteRequest(args[0], c.String("label"), c.Bool("accept"), c.Bool("reject"))
			if err != nil {
				return err
			}
			return callAndPrint(c, "POST", "/api/v1/votes", req)
		},
	}
}

func tasksCommand() *cli.Command {
	return &cli.Command{
		Name:  "tasks",
		Usage: "show live workers, work done, pending records and crawl progress",
		Flags: []cli.Flag{&cli.BoolFlag{Name: "json"}},
		Action: func(c *cli.Context) error {
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			var info node.TasksInfo
			if err := cl.Do(c.Context, "GET", "/api/v1/tasks", nil, &info); err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, info)
			}
			w := c.App.Writer
			fmt.Fprintf(w, "workers %d  pending records %d\n", len(info.Workers), info.Pending)
			fmt.Fprintf(w, "done here: crawled %d  classified %d  voted %d  finalised %d\n",
				info.Done.Crawled, info.Done.Classified, info.Done.Voted, info.Done.Finalised)
			for _, k := range []string{"classify", "validate"} {
				if c, ok := info.Kinds[k]; ok {
					fmt.Fprintf(w, "%s: queued %d  in flight %d\n", k, c.Queued, c.InFlight)
				}
			}
			if len(info.Crawls) == 0 {
				return nil
			}
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TARGET\tSTATE\tPAGES\tQUEUED\tFETCHED\tFAILED\tRECORDS\tWORKER")
			for _, p := range info.Crawls {
				fmt.Fprintf(tw, "%s\t%s\t%d/%d\t%d\t%d\t%d\t%d\t%s\n", p.Target, p.State, p.Pages, p.MaxPages, p.Queued, p.Fetched, p.Failed, p.Records, short(p.Worker))
			}
			return tw.Flush()
		},
	}
}

func pointsCommand() *cli.Command {
	return &cli.Command{
		Name:  "points",
		Usage: "show the points leaderboard (overall or of one Datanet) up to an epoch",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "datanet"},
			&cli.Uint64Flag{Name: "epoch", Usage: "sum up to this epoch (default: the current one)"},
			&cli.IntFlag{Name: "limit", Value: 20},
			&cli.BoolFlag{Name: "json"},
		},
		Action: func(c *cli.Context) error {
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			q := url.Values{"limit": {strconv.Itoa(c.Int("limit"))}}
			if d := c.String("datanet"); d != "" {
				q.Set("datanet", d)
			}
			if c.IsSet("epoch") {
				q.Set("epoch", strconv.FormatUint(c.Uint64("epoch"), 10))
			}
			var info node.PointsInfo
			if err := cl.Do(c.Context, "GET", "/api/v1/points?"+q.Encode(), nil, &info); err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, info)
			}
			w := c.App.Writer
			fmt.Fprintf(w, "epoch %d (current %d, length %s)  events %d  root %s\n", info.Epoch, info.Current, info.EpochLength, info.Events, info.Root)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "RANK\tADDRESS\tPOINTS\tGOLD ACCURACY")
			for _, s := range info.Leaderboard {
				gold := "-"
				if g, ok := info.Gold[s.Address.Hex()]; ok {
					gold = fmt.Sprintf("%.1f%%", float64(g)/10)
				}
				fmt.Fprintf(tw, "%d\t%s\t%d\t%s\n", s.Rank, s.Address.Hex(), s.Points, gold)
			}
			return tw.Flush()
		},
	}
}

func short(s string) string {
	if len(s) > 10 {
		return s[:10] + "…"
	}
	return s
}

func goldCommand() *cli.Command {
	return &cli.Command{
		Name:      "gold",
		Usage:     "mark records as gold tests with their right answers (owner only); revealed once final",
		ArgsUsage: "ID",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "entry", Usage: "RECORD_CID=LABEL, or RECORD_CID=reject; repeat"},
		},
		Action: func(c *cli.Context) error {
			id, _, err := datanetID(c)
			if err != nil {
				return err
			}
			var req node.GoldRequest
			for _, e := range c.StringSlice("entry") {
				rec, label, ok := strings.Cut(e, "=")
				if !ok || rec == "" {
					return fmt.Errorf("--entry %q: want RECORD_CID=LABEL or RECORD_CID=reject", e)
				}
				ge := node.GoldEntry{Record: rec, Accept: label != "reject", Label: label}
				if !ge.Accept {
					ge.Label = ""
				}
				req.Entries = append(req.Entries, ge)
			}
			if len(req.Entries) == 0 {
				return fmt.Errorf("gold: give at least one --entry")
			}
			return callAndPrint(c, "POST", "/api/v1/datanets/"+id+"/gold", req)
		},
	}
}

func reviewCommand() *cli.Command {
	return &cli.Command{
		Name:  "review",
		Usage: "as a validator, list the pending records you have not voted on, unsure ones first, then oldest: suggestion, confidence, age, source, near-duplicates, excerpt",
		Flags: []cli.Flag{&cli.IntFlag{Name: "limit", Value: 20}, &cli.BoolFlag{Name: "json"}},
		Action: func(c *cli.Context) error {
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			var out struct {
				Records []node.RecordWork `json:"records"`
			}
			if err := cl.Do(c.Context, "GET", "/api/v1/review?limit="+strconv.Itoa(c.Int("limit")), nil, &out); err != nil {
				return err
			}
			if c.Bool("json") {
				return printJSON(c.App.Writer, out)
			}
			printReview(c.App.Writer, out.Records)
			fmt.Fprintln(c.App.Writer, "vote with: provenet vote <RECORD> --label L   (or --reject)")
			return nil
		},
	}
}

// printReview prints the review queue, one block per record: whether the
// classifiers were sure, the suggested label and its confidence, the CID,
// the pending age and the votes; then the source, a near-duplicate's
// earlier record and the excerpt, each on its own line.
func printReview(w io.Writer, recs []node.RecordWork) {
	for _, r := range recs {
		sure, sugg := "UNSURE", "-"
		if r.Sure {
			sure = "sure"
		}
		if r.Suggested != "" {
			sugg = fmt.Sprintf("%s %.2f", r.Suggested, r.Confidence)
		}
		age := (time.Duration(r.PendingAgeMS) * time.Millisecond).Round(time.Second)
		fmt.Fprintf(w, "%-6s  %s  %s  pending %s  votes %d/%d\n", sure, sugg, r.Record, age, len(r.Votes), r.Quorum)
		if r.Source != "" {
			fmt.Fprintf(w, "    source:    %s\n", r.Source)
		}
		if r.Redundant != nil {
			fmt.Fprintf(w, "    redundant: nearly duplicates %s (similarity %.2f)\n", r.Redundant.Of, r.Redundant.Similarity)
		}
		fmt.Fprintf(w, "    %s\n", r.Excerpt)
	}
}

// errVoteFlags reports a vote command without exactly one verdict flag.
var errVoteFlags = errors.New("vote: give exactly one of --label L (accept with label L), --reject, or --accept (a Datanet without labels)")

// voteRequest is the vote a command line asks for: exactly one of an
// accept with a label, a reject, or a plain accept.
func voteRequest(record, label string, accept, reject bool) (node.VoteRequest, error) {
	n := 0
	for _, set := range []bool{label != "", accept, reject} {
		if set {
			n++
		}
	}
	if n != 1 {
		return node.VoteRequest{}, errVoteFlags
	}
	return node.VoteRequest{Record: record, Accept: !reject, Label: label}, nil
}
