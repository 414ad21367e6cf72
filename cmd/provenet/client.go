package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/datanet"
	"github.com/provenet/provenet/node"
)

// apiClient builds a client from --api/--token, falling back to the home's
// config and token file.
func apiClient(c *cli.Context) (*node.Client, error) {
	base, token := c.String("api"), c.String("token")
	home := homeDir(c)
	if base == "" {
		cfg, err := loadConfig(c)
		if err != nil {
			return nil, fmt.Errorf("no --api given and %w", err)
		}
		base = "http://" + cfg.API.Listen
	}
	if token == "" {
		token, _ = node.ReadToken(home) // read-only calls need none
	}
	return node.NewClient(base, token), nil
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func statusCommand() *cli.Command {
	return &cli.Command{
		Name:  "status",
		Usage: "show the node's identity, peers and counts",
		Action: func(c *cli.Context) error {
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			var info node.NodeInfo
			if err := cl.Do(c.Context, "GET", "/api/v1/node", nil, &info); err != nil {
				return err
			}
			tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
			fmt.Fprintf(tw, "peer id\t%s\naddress\t%s\nversion\t%s\nroles\t%s\napi\t%s\npeers\t%d\ndatanets\t%d\nrecords\t%d\nuptime\t%s\n",
				info.PeerID, info.Address, info.Version, strings.Join(info.Roles, ","), info.API,
				info.Peers, info.Datanets, info.Records, info.Uptime)
			for _, a := range info.P2PAddrs {
				fmt.Fprintf(tw, "p2p\t%s\n", a)
			}
			return tw.Flush()
		},
	}
}

func datanetCommand() *cli.Command {
	return &cli.Command{
		Name:  "datanet",
		Usage: "create, inspect and fill Datanets",
		Subcommands: []*cli.Command{
			{
				Name:  "create",
				Usage: "create a Datanet owned by this node's account",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "name", Required: true},
					&cli.StringFlag{Name: "description"},
					&cli.StringSliceFlag{Name: "labels", Usage: "label schema, comma-separated"},
					&cli.StringSliceFlag{Name: "validators", Usage: "whitelisted validator addresses, comma-separated"},
					&cli.UintFlag{Name: "quorum", Usage: "validator votes needed to finalise a label"},
				},
				Action: func(c *cli.Context) error {
					cl, err := apiClient(c)
					if err != nil {
						return err
					}
					req := node.CreateDatanetRequest{
						Name: c.String("name"), Description: c.String("description"),
						Labels: c.StringSlice("labels"), Validators: c.StringSlice("validators"),
						Quorum: uint32(c.Uint("quorum")),
					}
					var out json.RawMessage
					if err := cl.Do(c.Context, "POST", "/api/v1/datanets", req, &out); err != nil {
						return err
					}
					return printJSON(c.App.Writer, out)
				},
			},
			{
				Name:  "list",
				Usage: "list Datanets",
				Action: func(c *cli.Context) error {
					cl, err := apiClient(c)
					if err != nil {
						return err
					}
					var out struct {
						Datanets []map[string]any `json:"datanets"`
					}
					if err := cl.Do(c.Context, "GET", "/api/v1/datanets", nil, &out); err != nil {
						return err
					}
					tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
					fmt.Fprintln(tw, "ID\tNAME\tOWNER\tLABELS\tQUORUM")
					for _, d := range out.Datanets {
						fmt.Fprintf(tw, "%v\t%v\t%v\t%v\t%v\n", d["id"], d["name"], d["owner"], d["labels"], d["quorum"])
					}
					return tw.Flush()
				},
			},
			{
				Name: "show", Usage: "show one Datanet", ArgsUsage: "ID",
				Action: func(c *cli.Context) error {
					id, _, err := datanetID(c)
					if err != nil {
						return err
					}
					return getAndPrint(c, "/api/v1/datanets/"+id)
				},
			},
			submitCommand(),
			seedCommand(),
			goldCommand(),
			{
				Name: "records", Usage: "list a Datanet's records", ArgsUsage: "ID",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "state", Usage: "pending, golden or rejected"},
					&cli.Uint64Flag{Name: "after", Usage: "cursor from a previous page"},
					&cli.IntFlag{Name: "limit", Value: 20},
					&cli.BoolFlag{Name: "json", Usage: "print JSON instead of a table"},
				},
				Action: listRecords,
			},
			{
				Name: "export", Usage: "export a Datanet's records as JSONL", ArgsUsage: "ID",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "state", Usage: "only records in this state"},
					&cli.StringFlag{Name: "out", Usage: "file to write (default stdout)"},
					&cli.BoolFlag{Name: "dataset", Usage: "the golden records as a labelled dataset: JSONL of {text, label, source, cid, contributor}"},
				},
				Action: exportRecords,
			},
		},
	}
}

func getAndPrint(c *cli.Context, path string) error { return callAndPrint(c, "GET", path, nil) }

// callAndPrint calls the API and prints the JSON answer.
func callAndPrint(c *cli.Context, method, path string, body any) error {
	cl, err := apiClient(c)
	if err != nil {
		return err
	}
	var out json.RawMessage
	if err := cl.Do(c.Context, method, path, body, &out); err != nil {
		return err
	}
	return printJSON(c.App.Writer, out)
}

func submitCommand() *cli.Command {
	return &cli.Command{
		Name:      "submit",
		Usage:     "submit records: TEXT, stdin, or --file JSONL of {content, source, label}",
		ArgsUsage: "ID [TEXT]",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "label"},
			&cli.StringFlag{Name: "source"},
			&cli.StringFlag{Name: "file", Usage: "JSONL file, one record per line ('-' for stdin); rejected lines are listed on stderr and make the exit status 1"},
			&cli.IntFlag{Name: "batch", Value: 500, Usage: "records per request with --file"},
		},
		Action: func(c *cli.Context) error {
			id, rest, err := datanetID(c)
			if err != nil {
				return err
			}
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			if f := c.String("file"); f != "" {
				return submitFile(c.Context, c.App.Writer, c.App.ErrWriter, cl, id, f, c.Int("batch"))
			}
			text := strings.Join(rest, " ")
			if text == "" {
				b, err := io.ReadAll(os.Stdin)
				if err != nil {
					return err
				}
				text = string(b)
			}
			rec := node.SubmitRecord{Content: text, Source: c.String("source"), Label: c.String("label")}
			var out node.SubmitResult
			if err := cl.Do(c.Context, "POST", "/api/v1/datanets/"+id+"/records", rec, &out); err != nil {
				return err
			}
			return printJSON(c.App.Writer, out)
		},
	}
}

// errRejectedLines reports a --file submission in which some lines were
// rejected; the accepted lines are stored.
var errRejectedLines = errors.New("lines rejected")

// submitFile streams a JSONL file to the node in batches and prints totals
// on w. Each rejected line, one that is not a JSON record or that the node
// refused, is listed on errw with its line number and the reason; the
// other lines are still submitted, and the error then counts the rejected
// ones (exit status 1). A request that fails as a whole stops the upload.
func submitFile(ctx context.Context, w, errw io.Writer, cl *node.Client, id, path string, batch int) error {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), datanet.MaxRecordBytes)
	var pending []node.SubmitRecord
	var lines []int // the line number of each pending record
	created, existing, failed, line := 0, 0, 0, 0
	reject := func(n int, why string) {
		failed++
		fmt.Fprintf(errw, "%s:%d: rejected: %s\n", path, n, why)
	}
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		var out struct {
			Results []node.SubmitResult `json:"results"`
		}
		body := map[string]any{"records": pending}
		if err := cl.Do(ctx, "POST", "/api/v1/datanets/"+id+"/records", body, &out); err != nil {
			return fmt.Errorf("%s: lines %d-%d: %w (created %d, already stored %d, rejected %d before them)",
				path, lines[0], lines[len(lines)-1], err, created, existing, failed)
		}
		if len(out.Results) != len(pending) {
			return fmt.Errorf("%s: lines %d-%d: the node answered %d results for %d records", path, lines[0], lines[len(lines)-1], len(out.Results), len(pending))
		}
		for i, res := range out.Results {
			switch {
			case res.Error != "":
				why := res.Error
				if res.Code != "" {
					why += " (" + res.Code + ")"
				}
				reject(lines[i], why)
			case res.Created:
				created++
			default:
				existing++
			}
		}
		pending, lines = pending[:0], lines[:0]
		return nil
	}
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var rec node.SubmitRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			reject(line, "not a JSON record: "+err.Error())
			continue
		}
		pending, lines = append(pending, rec), append(lines, line)
		if len(pending) >= batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: after line %d: %w", path, line, err)
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "created %d, already stored %d, rejected %d\n", created, existing, failed)
	if failed > 0 {
		return fmt.Errorf("%s: %d %w (listed above); the other lines are stored", path, failed, errRejectedLines)
	}
	return nil
}

func listRecords(c *cli.Context) error {
	id, _, err := datanetID(c)
	if err != nil {
		return err
	}
	cl, err := apiClient(c)
	if err != nil {
		return err
	}
	var out struct {
		Records []map[string]any `json:"records"`
		Next    uint64           `json:"next"`
	}
	path := node.RecordsPath(id, c.String("state"), c.Uint64("after"), c.Int("limit"))
	if err := cl.Do(c.Context, "GET", path, nil, &out); err != nil {
		return err
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, out)
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tCID\tSTATE\tLABEL\tCONTENT")
	for _, r := range out.Records {
		content := fmt.Sprint(r["content"])
		if len(content) > 48 {
			content = content[:45] + "..."
		}
		fmt.Fprintf(tw, "%v\t%v\t%v\t%v\t%q\n", r["seq"], r["cid"], r["state"], recordLabel(r), content)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if out.Next > 0 {
		fmt.Fprintf(c.App.Writer, "next page: --after %d\n", out.Next)
	}
	return nil
}

func exportRecords(c *cli.Context) error {
	id, _, err := datanetID(c)
	if err != nil {
		return err
	}
	cl, err := apiClient(c)
	if err != nil {
		return err
	}
	w := c.App.Writer
	if p := c.String("out"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	q := url.Values{}
	if s := c.String("state"); s != "" {
		q.Set("state", s)
	}
	if c.Bool("dataset") {
		q.Set("format", "dataset")
	}
	path := "/api/v1/datanets/" + id + "/export"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return cl.Stream(c.Context, path, w)
}

// recordLabel is the label to show for a record: the final one once it is
// decided, else the submitter's.
func recordLabel(r map[string]any) any {
	if f, ok := r["final"].(map[string]any); ok {
		return f["label"]
	}
	return r["label"]
}

// datanetID is the first positional argument, the Datanet ID, and the rest.
func datanetID(c *cli.Context) (string, []string, error) {
	args, err := positional(c)
	if err != nil {
		return "", nil, err
	}
	if len(args) == 0 || args[0] == "" {
		return "", nil, fmt.Errorf("%s: need a Datanet ID", c.Command.Name)
	}
	return args[0], args[1:], nil
}
