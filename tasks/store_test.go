package tasks

import (
	"testing"
)

func TestStorePersistsAndIndexes(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(dir, false, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	owner, w := key(t), key(t)
	dn, rec := testCID("d"), testCID("r")
	crawl := NewCrawl(dn, "http://127.0.0.1/", 5, now)
	_ = crawl.Sign(owner)
	if ok, err := s.PutTask(crawl); !ok || err != nil {
		t.Fatalf("put task: %v %v", ok, err)
	}
	if ok, _ := s.PutTask(crawl); ok {
		t.Fatal("task stored twice")
	}
	v := vote(t, w, dn, rec, true, "x", now.UnixMilli())
	if ok, err := s.PutResult(v); !ok || err != nil {
		t.Fatalf("put result: %v %v", ok, err)
	}
	commit, reveals, _ := NewGold(owner, dn, []GoldEntry{{rec, Verdict{true, "x"}}}, now)
	if _, err := s.PutGoldCommit(commit); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutGoldReveal(reveals[0]); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = OpenStore(dir, false, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	task := Derive(KindValidate, dn, rec).ID()
	if rs := s.Results(task); len(rs) != 1 || rs[0].ID() != v.ID() || !s.HasResult(task, w.Address()) {
		t.Fatalf("results after reopen: %v", rs)
	}
	if ts := s.Tasks(); len(ts) != 1 || ts[0].ID() != crawl.ID() {
		t.Fatalf("tasks after reopen: %v", ts)
	}
	if g, ok := s.GoldReveal(rec.KeyString()); !ok || g.Validate(owner.Address(), s.GoldCommits()) != nil {
		t.Fatal("gold after reopen")
	}
}
