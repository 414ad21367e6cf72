package crawl

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := parseCanonical(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestExtractFallback(t *testing.T) {
	// No main landmark and no dominant column: the whole body, without
	// script, style, nav, hidden or navigation-role text, with a heading,
	// a list and a code block in Markdown form (the code keeps its
	// indentation and spacing).
	doc := `<!doctype html><html><head><title> Short
	page </title><style>p{x:1}</style><base href="/docs/"></head>
	<body><div role="navigation">Home | Up</div><nav>Menu</nav><header><h1>Heading</h1></header>
	<p>First   paragraph
	continues here.</p><ul><li>one</li><li>two</li></ul>
	<pre>code  line 1
  indented</pre><p hidden>secret</p><span aria-hidden="true">icon</span>
	<svg><title>svg title</title><text>svg text</text></svg>
	<a href="page.html">rel</a> <a href="../up.html">up</a> <a href="//cdn.example/x.js">cdn</a> <a href="javascript:void(0)">js</a>
	<template><p>template</p></template><script>document.write("x")</script></body></html>`
	c, err := Extract([]byte(doc), "text/html; charset=utf-8", mustURL(t, "http://site.example/a/b.html"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Short page" {
		t.Errorf("Title = %q", c.Title)
	}
	want := "# Heading\n\nFirst paragraph continues here.\n\n- one\n- two\n\n```\ncode  line 1\n  indented\n```\n\nrel up cdn js"
	if c.Text != want {
		t.Errorf("Text = %q\nwant   %q", c.Text, want)
	}
	wantLinks := []string{"http://site.example/docs/page.html", "http://site.example/up.html", "http://cdn.example/x.js"}
	if !slices.Equal(c.Links, wantLinks) {
		t.Errorf("Links = %q, want %q", c.Links, wantLinks)
	}
}

func TestExtractArticle(t *testing.T) {
	// The article is the main content: the sidebar and footer go.
	para := strings.Repeat("The quick brown fox jumps over the lazy dog, and the article goes on. ", 8)
	doc := `<html><head><title>Article</title></head><body>
	<div class="sidebar"><h3>Related</h3><ul><li><a href="/x">SIDEBARJUNK one</a></li></ul></div>
	<article><h1>Article</h1><p>` + para + `</p><p>` + para + `</p><p>Final words.</p></article>
	<footer class="footer">FOOTERJUNK copyright</footer></body></html>`
	c, err := Extract([]byte(doc), "text/html", mustURL(t, "http://site.example/"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Text, "Final words.") || !strings.HasPrefix(c.Text, "# Article\n\nThe quick brown fox") {
		t.Errorf("Text = %q", c.Text)
	}
	for _, junk := range []string{"SIDEBARJUNK", "FOOTERJUNK"} {
		if strings.Contains(c.Text, junk) {
			t.Errorf("Text contains %s", junk)
		}
	}
}

func TestExtractCharsetAndMeta(t *testing.T) {
	// windows-1252 declared in a meta tag, robots meta with none.
	doc := "<html><head><meta charset=\"windows-1252\"><meta name=\"robots\" content=\"none\"><title>Caf\xe9</title></head><body><p>na\xefve \x93quotes\x94</p><a href=\"/x\">x</a></body></html>"
	c, err := Extract([]byte(doc), "text/html", mustURL(t, "http://site.example/"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if c.Title != "Café" || !strings.HasPrefix(c.Text, "naïve “quotes”") {
		t.Errorf("Title %q Text %q", c.Title, c.Text)
	}
	if !c.NoIndex || !c.NoFollow || len(c.Links) != 0 {
		t.Errorf("robots meta: %+v", c)
	}
}

func TestNormalizeText(t *testing.T) {
	for in, want := range map[string]string{
		"":                               "",
		"  \n\n ":                        "",
		"a  b\t c":                       "a b c",
		"a\r\nb\rc":                      "a\nb c",
		"\n\na\n\n\n\nb\n\n":             "a\n\nb",
		"e\u0301":                        "\u00e9", // NFC
		"e\x00\u0301":                    "\u00e9", // control dropped, then NFC
		"x\u00a0y\u200bz":                "x yz",
		"line one  \n  line two":         "line one\nline two",
		"bad \xff utf8":                  "bad \ufffd utf8",
		"a\u2028b":                       "a b",
		"tab\tsep\v\fend":                "tab sep end",
		"  leading and trailing spaces ": "leading and trailing spaces",
	} {
		got := NormalizeText(in)
		if got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", in, got, want)
		}
		if again := NormalizeText(got); again != got {
			t.Errorf("NormalizeText not idempotent on %q: %q", got, again)
		}
	}
}

func TestExtractWholeMainContent(t *testing.T) {
	// Every section of the main content, in order, as light Markdown; the
	// page furniture around and inside it goes.
	doc := `<html><head><title>T</title></head><body>
	<div class="related" role="navigation"><a href="/">index</a> | <a href="/n">next</a></div>
	<div class="document"><div class="body" role="main">
	<div class="header"><p>Next: <a href="n.html" rel="next">Two</a>, Previous: <a href="p.html" rel="prev">Zero</a></p></div>
	<section><h1>Title<a class="headerlink" href="#t">¶</a></h1><p>Intro.</p>
	<section><h2>Part one</h2><ul><li><p>alpha</p></li><li>beta<ul><li>nested</li></ul></li></ul>
	<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody><tr><td>a</td><td><p>1</p></td></tr></tbody></table>
	</section>
	<section><h3>Part two</h3><pre>def f():
	return 1
</pre><p>After the code.</p></section>
	<p class="pager"><a href="/p">« Previous</a> <a href="/n">Next »</a></p>
	</section></div></div>
	<div class="sphinxsidebar" role="navigation"><h3>SIDEBAR</h3></div><div class="footer">FOOTER</div></body></html>`
	c, err := Extract([]byte(doc), "text/html", mustURL(t, "http://site.example/"), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := "# Title\n\nIntro.\n\n## Part one\n\n- alpha\n- beta\n- nested\n\nName | Value\na | 1\n\n### Part two\n\n```\ndef f():\n    return 1\n```\n\nAfter the code."
	if c.Text != want {
		t.Errorf("Text = %q\nwant   %q", c.Text, want)
	}
}

func TestNormalizeTextKeepsCodeIndentation(t *testing.T) {
	in := "a   b\n```\n  if x:\n\t  y  =  1   \n```\nc   d"
	want := "a b\n```\n  if x:\n      y  =  1\n```\nc d"
	if got := NormalizeText(in); got != want {
		t.Errorf("NormalizeText = %q, want %q", got, want)
	}
	if again := NormalizeText(want); again != want {
		t.Errorf("not idempotent: %q", again)
	}
}
