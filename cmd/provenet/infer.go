package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/provenet/provenet/gpu/engine"
	"github.com/provenet/provenet/gpu/gguf"
	"github.com/provenet/provenet/gpu/model"
)

func inferCommand() *cli.Command {
	return &cli.Command{
		Name:      "infer",
		Usage:     "complete a prompt on the node's inference API, streaming the tokens",
		ArgsUsage: "PROMPT",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "model", Usage: "base model name (default: the node's first base)"},
			&cli.StringFlag{Name: "adapter", Usage: "adapter name or CID (overrides --model)"},
			&cli.IntFlag{Name: "max-tokens", Value: 64},
			&cli.Float64Flag{Name: "temperature", Value: 0, Usage: "0: greedy"},
			&cli.Uint64Flag{Name: "seed"},
			&cli.BoolFlag{Name: "chat", Usage: "send the prompt as a chat message (applies the chat template)"},
		},
		Action: func(c *cli.Context) error {
			args, err := positional(c)
			if err != nil {
				return err
			}
			if len(args) != 1 {
				return fmt.Errorf("usage: provenet infer [--adapter X] PROMPT")
			}
			cl, err := apiClient(c)
			if err != nil {
				return err
			}
			name := c.String("adapter")
			if name == "" {
				name = c.String("model")
			}
			if name == "" {
				var models struct {
					Data []struct{ ID, Kind string }
				}
				if err := cl.Do(c.Context, http.MethodGet, "/v1/models", nil, &models); err != nil {
					return err
				}
				for _, m := range models.Data {
					if m.Kind == "base" {
						name = m.ID
						break
					}
				}
			}
			body := map[string]any{"model": name, "max_tokens": c.Int("max-tokens"), "temperature": c.Float64("temperature"),
				"stream": true, "seed": c.Uint64("seed"), "stream_options": map[string]any{"include_usage": true}}
			path := "/v1/completions"
			if c.Bool("chat") {
				path = "/v1/chat/completions"
				body["messages"] = []map[string]string{{"role": "user", "content": args[0]}}
			} else {
				body["prompt"] = args[0]
			}
			return streamCompletion(c, cl.Base+path, cl.Token, body)
		},
	}
}

// streamCompletion posts body and prints each SSE chunk's text as it comes.
func streamCompletion(c *cli.Context, url, token string, body map[string]any) error {
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(c.Context, http.MethodPost, url, strings.NewReader(string(b)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error struct{ Message string }
		}
		json.NewDecoder(resp.Body).Decode(&e)
		return fmt.Errorf("%s: %s", resp.Status, e.Error.Message)
	}
	w := c.App.Writer
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok || line == "[DONE]" {
			continue
		}
		var chunk struct {
			Choices []struct {
				Text  string `json:"text"`
				Delta struct {
					Content string `json:"content"`
				} `json:"delta"`
			} `json:"choices"`
			Usage *struct {
				PromptTokens     int `json:"prompt_tokens"`
				CompletionTokens int `json:"completion_tokens"`
			} `json:"usage"`
			Error *struct{ Message string } `json:"error"`
		}
		if err := json.Unmarshal([]byte(line), &chunk); err != nil {
			return fmt.Errorf("bad stream chunk: %w", err)
		}
		if chunk.Error != nil {
			return fmt.Errorf("inference: %s", chunk.Error.Message)
		}
		for _, ch := range chunk.Choices {
			fmt.Fprint(w, ch.Text, ch.Delta.Content)
		}
		if chunk.Usage != nil {
			fmt.Fprintf(c.App.ErrWriter, "\n[%d prompt tokens, %d completion tokens]\n", chunk.Usage.PromptTokens, chunk.Usage.CompletionTokens)
		}
	}
	fmt.Fprintln(w)
	return sc.Err()
}

func modelCommand() *cli.Command {
	return &cli.Command{
		Name:  "model",
		Usage: "model files",
		Subcommands: []*cli.Command{{
			Name:      "random",
			Usage:     "write a deterministic random-weight model (LLaMA tokenizer) as GGUF, for devnet and benchmarks",
			ArgsUsage: "OUT.gguf",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "shape", Value: "stories15m", Usage: "stories15m or stories110m"},
				&cli.Uint64Flag{Name: "seed", Value: 1},
				&cli.StringFlag{Name: "type", Value: "f16", Usage: "tensor type: f32, f16 or q8_0"},
			},
			Action: func(c *cli.Context) error {
				args, err := positional(c)
				if err != nil {
					return err
				}
				if len(args) != 1 {
					return fmt.Errorf("usage: provenet model random OUT.gguf")
				}
				shape, err := shapeByName(c.String("shape"))
				if err != nil {
					return err
				}
				typ, err := gguf.ParseGGMLType(strings.ToUpper(c.String("type")))
				if err != nil {
					return err
				}
				if err := engine.WriteRandomGGUF(args[0], shape, c.Uint64("seed"), typ); err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "wrote %s: %s shape, %d parameters, %s\n", args[0], c.String("shape"), shape.Params(), typ)
				return nil
			},
		}, {
			Name:      "convert",
			Usage:     "convert a Hugging Face model directory (config.json, *.safetensors, tokenizer.json) to one GGUF file, tokenizer included; with --lora, a PEFT adapter directory to a GGUF LoRA adapter for the GGUF base given by --base",
			ArgsUsage: "HF-DIR|PEFT-DIR OUT.gguf",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "type", Value: "f16", Usage: "tensor type: f32, f16 or q8_0 (a LoRA adapter is always f32)"},
				&cli.BoolFlag{Name: "lora", Usage: "convert a PEFT LoRA adapter (needs --base)"},
				&cli.StringFlag{Name: "base", Usage: "with --lora: the GGUF base model the adapter will run on (its q/k row order is followed)"},
			},
			Action: func(c *cli.Context) error {
				args, err := positional(c)
				if err != nil {
					return err
				}
				if len(args) != 2 {
					return fmt.Errorf("usage: provenet model convert HF-DIR OUT.gguf, or --lora --base BASE.gguf PEFT-DIR OUT.gguf")
				}
				if c.Bool("lora") {
					if c.String("base") == "" {
						return fmt.Errorf("model convert --lora needs --base BASE.gguf")
					}
					if err := engine.ConvertPEFTToGGUF(args[0], c.String("base"), args[1]); err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "wrote %s: GGUF LoRA adapter from %s for %s\n", args[1], args[0], c.String("base"))
					return nil
				}
				typ, err := gguf.ParseGGMLType(strings.ToUpper(c.String("type")))
				if err != nil {
					return err
				}
				params, err := engine.ConvertHFToGGUF(args[0], args[1], typ)
				if err != nil {
					return err
				}
				fmt.Fprintf(c.App.Writer, "wrote %s: %d parameters, %s, tokenizer from %s\n", args[1], params, typ, args[0])
				return nil
			},
		}},
	}
}

func shapeByName(s string) (model.Config, error) {
	switch strings.ToLower(s) {
	case "stories15m", "15m":
		return model.Stories15M(), nil
	case "stories110m", "110m":
		return model.Stories110M(), nil
	}
	return model.Config{}, fmt.Errorf("unknown shape %q: want stories15m or stories110m", s)
}
