package datanet

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common/hexutil"
)

func TestRecordJSON(t *testing.T) {
	dn := newTestDatanet(t, "json", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "json <content> & \"quotes\"\n", "positive")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"cid":        r.CID().String(),
		"datanet":    dn.ID().String(),
		"content":    r.Content,
		"source":     r.Source,
		"submitter":  r.Submitter.Hex(),
		"label":      "positive",
		"created_at": float64(r.CreatedAt),
		"signature":  hexutil.Encode(r.Signature),
	}
	if len(m) != len(want) {
		t.Fatalf("JSON has keys %v, want %v", m, want)
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
	// Record marshals the same by value and by pointer.
	if b2, _ := json.Marshal(*r); string(b2) != string(b) {
		t.Fatal("value and pointer JSON differ")
	}

	var got Record
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if d := recordDiff(r, &got); d != "" {
		t.Fatalf("JSON round trip differs: %s", d)
	}
	if err := got.Validate(dn); err != nil {
		t.Fatalf("round-tripped record does not validate: %v", err)
	}
	// Without "cid" it also decodes; lower-case addresses are accepted.
	delete(m, "cid")
	m["submitter"] = strings.ToLower(r.Submitter.Hex())
	b3, _ := json.Marshal(m)
	var got2 Record
	if err := json.Unmarshal(b3, &got2); err != nil {
		t.Fatalf("Unmarshal without cid: %v", err)
	}
	if d := recordDiff(r, &got2); d != "" {
		t.Fatalf("differs: %s", d)
	}
}

func TestRecordJSONRejects(t *testing.T) {
	dn := newTestDatanet(t, "json", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "content", "positive")
	good, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cases := []struct {
		name string
		in   string
		want error
	}{
		{"unknown field", edit(func(m map[string]any) { m["extra"] = 1 }), ErrMalformed},
		{"state", edit(func(m map[string]any) { m["state"] = "golden" }), ErrMalformed},
		{"seq", edit(func(m map[string]any) { m["seq"] = 3 }), ErrMalformed},
		{"received_at", edit(func(m map[string]any) { m["received_at"] = 3 }), ErrMalformed},
		{"wrong cid", edit(func(m map[string]any) { m["cid"] = dn.ID().String() }), ErrInvalid},
		{"bad datanet", edit(func(m map[string]any) { m["datanet"] = "not-a-cid" }), ErrMalformed},
		{"missing datanet", edit(func(m map[string]any) { delete(m, "datanet") }), ErrMalformed},
		{"bad submitter", edit(func(m map[string]any) { m["submitter"] = "0x1234" }), ErrMalformed},
		{"missing submitter", edit(func(m map[string]any) { delete(m, "submitter") }), ErrMalformed},
		{"bad signature hex", edit(func(m map[string]any) { m["signature"] = "0xzz" }), ErrMalformed},
		{"float time", edit(func(m map[string]any) { m["created_at"] = 1.5 }), ErrMalformed},
		{"not an object", `["a"]`, ErrMalformed},
		{"trailing value", string(good) + ` {}`, ErrMalformed},
		{"trailing brace", string(good) + `}`, ErrMalformed},
		{"trailing bracket", string(good) + ` ]`, ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got Record
			// Call UnmarshalJSON directly: json.Unmarshal would reject
			// trailing data before the method sees it.
			wantErr(t, "UnmarshalJSON", got.UnmarshalJSON([]byte(tc.in)), tc.want)
			if got.Content != "" {
				t.Fatal("a failed UnmarshalJSON modified the record")
			}
		})
	}
	// Trailing white space is fine.
	var ok Record
	if err := ok.UnmarshalJSON(append(good, " \n\t"...)); err != nil {
		t.Fatalf("trailing white space: %v", err)
	}
}

func TestDatanetJSON(t *testing.T) {
	d := newTestDatanet(t, "json ✓", testLabels)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["id"] != d.ID().String() || m["owner"] != d.Owner.Hex() || m["signature"] != hexutil.Encode(d.Signature) {
		t.Fatalf("JSON %s: wrong id, owner or signature", b)
	}
	vals, _ := m["validators"].([]any)
	if len(vals) != 3 || vals[0] != d.Validators[0].Hex() {
		t.Fatalf("validators %v", m["validators"])
	}
	var got Datanet
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if diff := datanetDiff(d, &got); diff != "" {
		t.Fatalf("JSON round trip differs: %s", diff)
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("round-tripped datanet does not validate: %v", err)
	}

	// An unlabelled datanet has "labels": [], not null.
	open := newTestDatanet(t, "open", nil)
	ob, err := json.Marshal(open)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ob), `"labels":[]`) {
		t.Fatalf("unlabelled datanet JSON %s", ob)
	}

	// A wrong id, an unknown field or a bad address is rejected.
	for name, tc := range map[string]struct {
		edit func(map[string]any)
		want error
	}{
		"wrong id":                 {func(m map[string]any) { m["id"] = open.ID().String() }, ErrInvalid},
		"id of the edited content": {func(m map[string]any) { m["name"] = "other" }, ErrInvalid},
		"unknown field":            {func(m map[string]any) { m["owner_name"] = "x" }, ErrMalformed},
		"bad owner":                {func(m map[string]any) { m["owner"] = "alice" }, ErrMalformed},
		"bad validator":            {func(m map[string]any) { m["validators"] = []any{"0x00"} }, ErrMalformed},
		"negative quorum":          {func(m map[string]any) { m["quorum"] = -1 }, ErrMalformed},
	} {
		t.Run(name, func(t *testing.T) {
			var mm map[string]any
			if err := json.Unmarshal(b, &mm); err != nil {
				t.Fatal(err)
			}
			tc.edit(mm)
			in, _ := json.Marshal(mm)
			var got Datanet
			wantErr(t, "Unmarshal", json.Unmarshal(in, &got), tc.want)
		})
	}
	// Without "id" the name may change.
	delete(m, "id")
	m["name"] = "renamed"
	in, _ := json.Marshal(m)
	var renamed Datanet
	if err := json.Unmarshal(in, &renamed); err != nil {
		t.Fatalf("without id: %v", err)
	}
	if renamed.Name != "renamed" {
		t.Fatalf("name %q", renamed.Name)
	}
	wantErr(t, "renamed datanet", renamed.Validate(), ErrBadSignature)
}

func TestStoredRecordJSON(t *testing.T) {
	dn := newTestDatanet(t, "json", testLabels)
	r := newSignedRecord(t, dn, submitterKey, "stored", "")
	s := StoredRecord{Record: *r, CID: r.CID(), State: StateGolden, Seq: 42, ReceivedAt: 1_700_000_000_123}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["state"] != "golden" || m["seq"] != float64(42) || m["received_at"] != float64(1_700_000_000_123) || m["cid"] != r.CID().String() {
		t.Fatalf("stored record JSON %s", b)
	}
	if pb, _ := json.Marshal(&s); string(pb) != string(b) {
		t.Fatal("value and pointer JSON differ")
	}
	var got StoredRecord
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if d := recordDiff(r, &got.Record); d != "" || got.State != StateGolden || got.Seq != 42 || got.ReceivedAt != s.ReceivedAt || !got.CID.Equals(s.CID) {
		t.Fatalf("round trip: %+v (%s)", got, d)
	}
	// A bad state string is rejected, and a zero state cannot be written.
	m["state"] = "accepted"
	bad, _ := json.Marshal(m)
	wantErr(t, "bad state", json.Unmarshal(bad, &got), ErrMalformed)
	if _, err := json.Marshal(StoredRecord{Record: *r, CID: r.CID()}); err == nil {
		t.Fatal("marshalled a stored record with the zero state")
	}
}

func TestState(t *testing.T) {
	for _, st := range []State{StatePending, StateGolden, StateRejected} {
		if !st.Valid() {
			t.Errorf("%v not valid", st)
		}
		got, err := ParseState(st.String())
		if err != nil || got != st {
			t.Errorf("ParseState(%q) = %v, %v", st.String(), got, err)
		}
		txt, err := st.MarshalText()
		if err != nil || string(txt) != st.String() {
			t.Errorf("MarshalText(%v) = %q, %v", st, txt, err)
		}
		var back State
		if err := back.UnmarshalText(txt); err != nil || back != st {
			t.Errorf("UnmarshalText(%q) = %v, %v", txt, back, err)
		}
	}
	if StatePending.String() != "pending" || StateGolden.String() != "golden" || StateRejected.String() != "rejected" {
		t.Fatal("state names changed")
	}
	for _, st := range []State{0, 4, 255} {
		if st.Valid() {
			t.Errorf("%d valid", st)
		}
		if _, err := st.MarshalText(); err == nil {
			t.Errorf("MarshalText(%d) succeeded", st)
		}
	}
	if State(7).String() != "state(7)" {
		t.Errorf("String of an invalid state: %q", State(7).String())
	}
	_, err := ParseState("Golden")
	wantErr(t, "ParseState is case-sensitive", err, ErrInvalid)
	var s State
	wantErr(t, "UnmarshalText", s.UnmarshalText([]byte("")), ErrInvalid)
	if KindDatanet.String() != "datanet" || KindRecord.String() != "record" || Kind(9).String() != "unknown" {
		t.Fatal("Kind.String")
	}
}
