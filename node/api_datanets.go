package node

import (
	"bufio"
	"fmt"
	"net/http"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ipfs/go-cid"

	"github.com/provenet/provenet/datanet"
)

func (n *Node) postDatanet(w http.ResponseWriter, r *http.Request) {
	var req CreateDatanetRequest
	if err := decodeBody(r, &req); err != nil {
		writeErr(w, err)
		return
	}
	// The signed wire form must list labels sorted and unique; the request
	// form is sorted for the caller, but a label given twice is a mistake
	// the caller should hear about rather than have merged.
	seen := map[string]bool{}
	for _, l := range req.Labels {
		if seen[l] {
			writeErr(w, fmt.Errorf("%w: label %q given twice", datanet.ErrInvalid, l))
			return
		}
		seen[l] = true
	}
	d, created, err := n.CreateDatanet(r.Context(), req)
	if err != nil {
		writeErr(w, err)
		return
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
	}
	writeJSON(w, code, d)
}

func (n *Node) listDatanets(w http.ResponseWriter, _ *http.Request) {
	ds, err := n.store.ListDatanets()
	if err != nil {
		writeErr(w, err)
		return
	}
	if ds == nil {
		ds = []*datanet.Datanet{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"datanets": ds})
}

// pathCID parses a CID path parameter.
func pathCID(r *http.Request, name string) (cid.Cid, error) {
	c, err := cid.Decode(r.PathValue(name))
	if err != nil {
		return cid.Undef, badRequest("%s %q is not a CID: %v", name, r.PathValue(name), err)
	}
	return c, nil
}

func (n *Node) getDatanet(w http.ResponseWriter, r *http.Request) {
	id, err := pathCID(r, "id")
	if err != nil {
		writeErr(w, err)
		return
	}
	d, err := n.store.GetDatanet(id)
	if err != nil {
		writeErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// submitBody is one record, or a batch under "records".
type submitBody struct {
	SubmitRecord
	Records []SubmitRecord `json:"records,omitempty"`
}

func (n *Node) postRecords(w http.ResponseWriter, r *http.Request) {
	id, err := pathCID(r, "id")
	if err != nil {
		writeErr(w, err)
		return
	}
	var body submitBody
	if err := decodeBody(r, &body); err != nil {
		writeErr(w, err)
		return
	}
	single := len(body.Records) == 0
	subs := body.Records
	if single {
		subs = []SubmitRecord{body.SubmitRecord}
	} else if body.Content != "" {
		writeErr(w, badRequest("give either one record or \"records\", not both"))
		return
	}
	if len(subs) > n.cfg.API.MaxBatchRecords {
		writeErr(w, fmt.Errorf("%w: %d records, at most %d per request ([api] max_batch_records)", ErrBatchTooLarge, len(subs), n.cfg.API.MaxBatchRecords))
		return
	}
	res, err := n.SubmitRecords(r.Context(), id, subs)
	if err != nil {
		writeErr(w, err)
		return
	}
	if single && res[0].Err != nil {
		writeErr(w, res[0].Err)
		return
	}
	code := http.StatusOK
	for _, x := range res {
		if x.Created {
			code = http.StatusCreated
		}
	}
	if single {
		writeJSON(w, code, res[0])
		return
	}
	writeJSON(w, code, map[string]any{"results": res})
}

// recordQuery parses the filters shared by listing and export.
func recordQuery(r *http.Request) (datanet.Query, error) {
	var q datanet.Query
	id, err := pathCID(r, "id")
	if err != nil {
		return q, err
	}
	q.Datanet = id
	if s := r.URL.Query().Get("state"); s != "" {
		st, err := datanet.ParseState(s)
		if err != nil {
			return q, badRequest("state: %v", err)
		}
		q.State = &st
	}
	if s := r.URL.Query().Get("submitter"); s != "" {
		if !common.IsHexAddress(s) {
			return q, badRequest("submitter %q is not an address", s)
		}
		a := common.HexToAddress(s)
		q.Submitter = &a
	}
	if q.After, err = queryInt(r, "after", 0); err != nil {
		return q, err
	}
	limit, err := queryInt(r, "limit", 100)
	if err != nil {
		return q, err
	}
	q.Limit = int(min(limit, 1000))
	return q, nil
}

func (n *Node) listRecords(w http.ResponseWriter, r *http.Request) {
	q, err := recordQuery(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	if _, err := n.store.GetDatanet(q.Datanet); err != nil {
		writeErr(w, err)
		return
	}
	recs, next, err := n.store.ListRecords(q)
	if err != nil {
		writeErr(w, err)
		return
	}
	if recs == nil {
		recs = []*datanet.StoredRecord{}
	}
	for _, rec := range recs {
		n.work.Join(rec)
	}
	writeJSON(w, http.StatusOK, map[string]any{"records": recs, "next": next})
}

func (n *Node) exportRecords(w http.ResponseWriter, r *http.Request) {
	q, err := recordQuery(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	if _, err := n.store.GetDatanet(q.Datanet); err != nil {
		writeErr(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(q.Datanet.String(), `"`, "")+`.jsonl"`)
	bw := bufio.NewWriterSize(w, 64<<10)
	export := func() (int, error) { return n.store.Export(r.Context(), bw, q.Datanet, q.State, n.work.Join) }
	// ?format=dataset: the golden records as a labelled dataset
	// (datanet.DatasetRow: text, label, source, cid, contributor).
	if r.URL.Query().Get("format") == "dataset" {
		export = func() (int, error) { return n.store.ExportDataset(r.Context(), bw, q.Datanet, n.work.Join) }
	}
	if _, err := export(); err != nil {
		n.log.Warn("api: export", "datanet", q.Datanet, "err", err)
		return // headers are out; the client sees a short body
	}
	_ = bw.Flush()
}

func (n *Node) getRecord(w http.ResponseWriter, r *http.Request) {
	c, err := pathCID(r, "cid")
	if err != nil {
		writeErr(w, err)
		return
	}
	rec, err := n.store.GetRecord(c)
	if err != nil {
		writeErr(w, err)
		return
	}
	n.work.Join(rec)
	writeJSON(w, http.StatusOK, rec)
}
