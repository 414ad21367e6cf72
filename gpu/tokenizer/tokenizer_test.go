package tokenizer

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/provenet/provenet/internal/realdata"
)

func TestChatTemplateCases(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "chat-template-cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Conversation [][2]string
		Cases        []struct {
			Name, Template, Expected string
			ExtraConversation        bool `json:"extra_conversation"`
		}
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	var conv []Message
	for _, m := range data.Conversation {
		conv = append(conv, Message{Role: m[0], Content: m[1]})
	}
	pass, unsupported := 0, 0
	for _, c := range data.Cases {
		got, err := ApplyChatTemplate(c.Template, conv, true)
		if errors.Is(err, ErrUnknownTemplate) {
			unsupported++
			continue
		}
		if err != nil || got != c.Expected {
			t.Errorf("%s: err %v\n got %q\nwant %q", c.Name, err, got, c.Expected)
			continue
		}
		pass++
	}
	t.Logf("chat templates: %d pass, %d families not supported, of %d llama.cpp cases", pass, unsupported, len(data.Cases))
	if pass < 15 {
		t.Errorf("only %d template cases pass", pass)
	}
	if _, err := ApplyChatTemplate("INVALID TEMPLATE", conv, true); !errors.Is(err, ErrUnknownTemplate) {
		t.Error("invalid template:", err)
	}
	if _, err := ApplyChatTemplate("chatml", []Message{{Content: "x"}}, true); !errors.Is(err, ErrBadMessage) {
		t.Error("empty role:", err)
	}
}

func TestSpecialTokensAndEOG(t *testing.T) {
	tk := loadVocab(t, "llama-bpe")
	eot, ok := tk.TokenID("<|eot_id|>")
	if !ok || !tk.IsEOG(eot) || !tk.IsEOG(tk.EOS()) || tk.IsEOG(1000) {
		t.Fatalf("EOG: eot %d eos %d eogs %v", eot, tk.EOS(), tk.EOGs())
	}
	text := "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
	parsed := tk.Encode(text, true, true)
	if parsed[0] != tk.BOS() || parsed[len(parsed)-1] != eot || len(parsed) != 7 {
		t.Fatalf("parse_special: %v", parsed)
	}
	plain := tk.Encode(text, false, false)
	if len(plain) <= 7 || tk.Decode(plain) != text {
		t.Fatalf("without parse_special: %v -> %q", plain, tk.Decode(plain))
	}
	if got := tk.Decode(parsed); got != "user\n\nHi" {
		t.Fatalf("Decode skips control tokens: %q", got)
	}
	if string(tk.TokenPiece(eot)) != "<|eot_id|>" || tk.TokenPiece(-1) != nil || tk.TokenPiece(1<<30) != nil {
		t.Fatal("TokenPiece")
	}
	spm := loadVocab(t, "llama-spm")
	if spm.BOS() != 1 || spm.EOS() != 2 || !spm.AddBOS() || spm.VocabSize() != 32000 {
		t.Fatal("spm specials", spm.BOS(), spm.EOS(), spm.VocabSize())
	}
	if ids := spm.Encode("Hello", true, false); ids[0] != 1 {
		t.Fatal(ids)
	}
}

func roundTripInputs(t *testing.T) []string {
	var ins []string
	for _, v := range readVectors(t, "llama-bpe") {
		ins = append(ins, v.in)
	}
	return append(ins, "emoji 🦙🎉 and 中文 and ‍👩‍👩‍👧 ok", "\x00\x01 tabs\t\tend", "a'S 'LL 12345678")
}

func TestRoundTrip(t *testing.T) {
	for _, name := range vocabs {
		tk := loadVocab(t, name)
		for _, s := range roundTripInputs(t) {
			got := tk.Decode(tk.Encode(s, true, false))
			want := s
			if tk.Kind() == KindSPM {
				// SentencePiece drops nothing but may not keep a leading
				// space run exactly as typed.
				got, want = strings.TrimLeft(got, " "), strings.TrimLeft(want, " ")
			}
			if got != want {
				t.Errorf("%s: %q -> %q", name, s, got)
			}
		}
	}
}

func TestStreamingDecoder(t *testing.T) {
	for _, name := range vocabs {
		tk := loadVocab(t, name)
		text := "Grüße 🦙🦙 中文字符 emoji👩‍👩‍👧!"
		ids := tk.Encode(text, true, false)
		d := tk.NewDecoder()
		var out strings.Builder
		for _, id := range ids {
			s := d.Next(id)
			if !utf8.ValidString(s) {
				t.Fatalf("%s: partial UTF-8 %q after id %d", name, s, id)
			}
			out.WriteString(s)
		}
		out.WriteString(d.Flush())
		if out.String() != text {
			t.Fatalf("%s: streamed %q", name, out.String())
		}
	}
	// A byte-fallback character split over tokens is held back.
	spm := loadVocab(t, "llama-spm")
	ids := spm.Encode("🦙", false, false)
	if len(ids) < 4 {
		t.Fatalf("expected byte fallback for 🦙: %v", ids)
	}
	d := spm.NewDecoder()
	for _, id := range ids[:len(ids)-1] {
		if s := d.Next(id); s != "" {
			t.Fatalf("emitted %q before the character was complete", s)
		}
	}
	if s := d.Next(ids[len(ids)-1]); s != "🦙" {
		t.Fatalf("got %q", s)
	}
}

func TestConcurrentEncode(t *testing.T) {
	tk := loadVocab(t, "llama-bpe")
	vs := readVectors(t, "llama-bpe")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range vs {
				if !equalIDs(tk.Encode(v.in, false, false), v.ids) {
					t.Error("concurrent mismatch")
				}
			}
		}()
	}
	wg.Wait()
}

// benchText is about 1 MB of prose: the Python docs (internal/realdata)
// with tags stripped, topped up with a synthetic mix should they be short.
func benchText(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join(realdata.Path(b, realdata.PythonDocs), "library", "*.html"))
	tags := regexp.MustCompile(`(?s)<[^>]*>`)
	var sb strings.Builder
	for _, f := range files {
		if sb.Len() >= 1<<20 {
			break
		}
		raw, err := os.ReadFile(f)
		if err == nil {
			sb.WriteString(tags.ReplaceAllString(string(raw), " "))
		}
	}
	for sb.Len() < 1<<20 {
		sb.WriteString("The quick brown fox jumps over the lazy dog 12345. Grüße, 中文, emoji 🦙!\n")
	}
	return sb.String()[:1<<20]
}

func BenchmarkEncode(b *testing.B) {
	text := benchText(b)
	for _, name := range vocabs {
		tk := loadVocab(b, name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			n := 0
			for i := 0; i < b.N; i++ {
				n = len(tk.Encode(text, false, false))
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}

func FuzzEncodeDecode(f *testing.F) {
	for _, s := range []string{"", " ", "Hello world", "🦙 中文", "<|eot_id|>x", "\xff\xfe", "  \n\n  a'LL 123"} {
		f.Add(s)
	}
	bpe := loadVocab(f, "llama-bpe")
	spm := loadVocab(f, "llama-spm")
	qwen := loadVocab(f, "qwen2")
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range []*Tokenizer{bpe, qwen} {
			ids := tk.Encode(s, false, false)
			if utf8.ValidString(s) && tk.Decode(ids) != s {
				t.Fatalf("%s: %q -> %q", tk.Pre(), s, tk.Decode(ids))
			}
			_ = tk.Encode(s, true, true)
		}
		ids := spm.Encode(s, true, true)
		_ = spm.Decode(ids)
	})
}
