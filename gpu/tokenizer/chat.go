package tokenizer

import (
	"fmt"
	"strings"
)

// Message is one chat turn. Role is "system", "user" or "assistant"
// (other roles are passed through where the format allows).
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Chat template families, named as llama.cpp names its built-in templates.
const (
	TemplateChatML          = "chatml"
	TemplateLlama2          = "llama2"
	TemplateLlama2Sys       = "llama2-sys"
	TemplateLlama2SysBOS    = "llama2-sys-bos"
	TemplateLlama2SysStrip  = "llama2-sys-strip"
	TemplateMistralV1       = "mistral-v1"
	TemplateMistralV3       = "mistral-v3"
	TemplateMistralV3Tekken = "mistral-v3-tekken"
	TemplateMistralV7       = "mistral-v7"
	TemplateMistralV7Tekken = "mistral-v7-tekken"
	TemplatePhi3            = "phi3"
	TemplatePhi4            = "phi4"
	TemplateFalcon3         = "falcon3"
	TemplateZephyr          = "zephyr"
	TemplateGemma           = "gemma"
	TemplateLlama3          = "llama3"
)

var supportedTemplates = map[string]bool{
	TemplateChatML: true, TemplateLlama2: true, TemplateLlama2Sys: true, TemplateLlama2SysBOS: true,
	TemplateLlama2SysStrip: true, TemplateMistralV1: true, TemplateMistralV3: true,
	TemplateMistralV3Tekken: true, TemplateMistralV7: true, TemplateMistralV7Tekken: true,
	TemplatePhi3: true, TemplatePhi4: true, TemplateFalcon3: true, TemplateZephyr: true,
	TemplateGemma: true, TemplateLlama3: true,
}

// DetectTemplate names the family of a Jinja chat template (or accepts a
// family name), following llama.cpp's llm_chat_detect_template: the same
// substring tests in the same order. Families llama.cpp knows but this
// package does not render, and unrecognised templates, give
// ErrUnknownTemplate.
func DetectTemplate(tmpl string) (string, error) {
	if supportedTemplates[tmpl] {
		return tmpl, nil
	}
	has := func(s string) bool { return strings.Contains(tmpl, s) }
	name := ""
	switch {
	case has("<|im_start|>"):
		switch {
		case has("<|im_sep|>"):
			name = TemplatePhi4
		case has("<end_of_utterance>"):
			name = "smolvlm"
		default:
			name = TemplateChatML
		}
	case strings.HasPrefix(tmpl, "mistral") || has("[INST]"):
		switch {
		case has("[SYSTEM_PROMPT]"):
			name = TemplateMistralV7
		case has("' [INST] ' + system_message") || has("[AVAILABLE_TOOLS]"):
			switch {
			case has(" [INST]"):
				name = TemplateMistralV1
			case has(`"[INST]"`):
				name = TemplateMistralV3Tekken
			default:
				name = TemplateMistralV3
			}
		case has("content.strip()"):
			name = TemplateLlama2SysStrip
		case has("bos_token + '[INST]"):
			name = TemplateLlama2SysBOS
		case has("<<SYS>>"):
			name = TemplateLlama2Sys
		default:
			name = TemplateLlama2
		}
	case has("<|assistant|>") && has("<|end|>"):
		name = TemplatePhi3
	case has("[gMASK]<sop>"):
		name = "chatglm4"
	case has("<|assistant|>") && has("<|user|>"):
		switch {
		case has("<|tool_declare|>"):
			name = "exaone-moe"
		case has("</s>"):
			name = TemplateFalcon3
		default:
			name = "glmedge"
		}
	case has("<|{{ item['role'] }}|>") && has("<|begin_of_image|>"):
		name = "glmedge"
	case has("<|user|>") && has("<|endoftext|>"):
		name = TemplateZephyr
	case has("bos_token + message['role']"):
		name = "monarch"
	case has("<start_of_turn>"):
		name = TemplateGemma
	case has("'\\n\\nAssistant: ' + eos_token"):
		name = "orion"
	case has("GPT4 Correct "):
		name = "openchat"
	case has("USER: ") && has("ASSISTANT: "):
		name = "vicuna"
	case has("### Instruction:") && has("<|EOT|>"):
		name = "deepseek"
	case has("<|START_OF_TURN_TOKEN|>") && has("<|USER_TOKEN|>"):
		name = "command-r"
	case has("<|start_header_id|>") && has("<|end_header_id|>"):
		name = TemplateLlama3
	}
	if !supportedTemplates[name] {
		if name == "" {
			return "", ErrUnknownTemplate
		}
		return "", fmt.Errorf("%w: %s is not supported", ErrUnknownTemplate, name)
	}
	return name, nil
}

// trim is llama-chat.cpp's trim: ASCII whitespace at both ends.
func trim(s string) string { return strings.Trim(s, " \t\n\v\f\r") }

// ApplyChatTemplate renders msgs in the format of template (a Jinja
// template from the model, or a family name such as "llama3"), as
// llama.cpp's llm_chat_apply_template does. addGenerationPrompt appends
// the assistant turn header where the format has one. BOS is not
// included: add it when encoding.
func ApplyChatTemplate(template string, msgs []Message, addGenerationPrompt bool) (string, error) {
	name, err := DetectTemplate(template)
	if err != nil {
		return "", err
	}
	for i, m := range msgs {
		if m.Role == "" {
			return "", fmt.Errorf("%w: message %d has no role", ErrBadMessage, i)
		}
	}
	var b strings.Builder
	switch name {
	case TemplateChatML:
		for _, m := range msgs {
			b.WriteString("<|im_start|>" + m.Role + "\n" + m.Content + "<|im_end|>\n")
		}
		if addGenerationPrompt {
			b.WriteString("<|im_start|>assistant\n")
		}
	case TemplatePhi4:
		for _, m := range msgs {
			b.WriteString("<|im_start|>" + m.Role + "<|im_sep|>" + m.Content + "<|im_end|>")
		}
		if addGenerationPrompt {
			b.WriteString("<|im_start|>assistant<|im_sep|>")
		}
	case TemplateMistralV7, TemplateMistralV7Tekken:
		sp := " "
		if name == TemplateMistralV7Tekken {
			sp = ""
		}
		for _, m := range msgs {
			switch m.Role {
			case "system":
				b.WriteString("[SYSTEM_PROMPT]" + sp + m.Content + "[/SYSTEM_PROMPT]")
			case "user":
				b.WriteString("[INST]" + sp + m.Content + "[/INST]")
			default:
				b.WriteString(sp + m.Content + "</s>")
			}
		}
	case TemplateMistralV1, TemplateMistralV3, TemplateMistralV3Tekken:
		lead, trail := "", " "
		if name == TemplateMistralV1 {
			lead = " "
		}
		if name == TemplateMistralV3Tekken {
			trail = ""
		}
		inTurn := false
		for _, m := range msgs {
			if !inTurn {
				b.WriteString(lead + "[INST]" + trail)
				inTurn = true
			}
			switch m.Role {
			case "system":
				b.WriteString(m.Content + "\n\n")
			case "user":
				b.WriteString(m.Content + lead + "[/INST]")
			default:
				c := m.Content
				if name == TemplateMistralV3 {
					c = trim(c)
				}
				b.WriteString(trail + c + "</s>")
				inTurn = false
			}
		}
	case TemplateLlama2, TemplateLlama2Sys, TemplateLlama2SysBOS, TemplateLlama2SysStrip:
		inTurn := true
		b.WriteString("[INST] ")
		for _, m := range msgs {
			c := m.Content
			if name == TemplateLlama2SysStrip {
				c = trim(c)
			}
			if !inTurn {
				inTurn = true
				if name == TemplateLlama2SysBOS {
					b.WriteString("<s>[INST] ")
				} else {
					b.WriteString("[INST] ")
				}
			}
			switch m.Role {
			case "system":
				if name != TemplateLlama2 {
					b.WriteString("<<SYS>>\n" + c + "\n<</SYS>>\n\n")
				} else {
					b.WriteString(c + "\n")
				}
			case "user":
				b.WriteString(c + " [/INST]")
			default:
				b.WriteString(c + "</s>")
				inTurn = false
			}
		}
	case TemplatePhi3, TemplateFalcon3, TemplateZephyr:
		end := map[string]string{TemplatePhi3: "<|end|>\n", TemplateFalcon3: "\n", TemplateZephyr: "<|endoftext|>\n"}[name]
		for _, m := range msgs {
			b.WriteString("<|" + m.Role + "|>\n" + m.Content + end)
		}
		if addGenerationPrompt {
			b.WriteString("<|assistant|>\n")
		}
	case TemplateGemma:
		system := ""
		for _, m := range msgs {
			if m.Role == "system" {
				system += trim(m.Content)
				continue
			}
			role := m.Role
			if role == "assistant" {
				role = "model"
			}
			b.WriteString("<start_of_turn>" + role + "\n")
			if system != "" && role != "model" {
				b.WriteString(system + "\n\n")
				system = ""
			}
			b.WriteString(trim(m.Content) + "<end_of_turn>\n")
		}
		if addGenerationPrompt {
			b.WriteString("<start_of_turn>model\n")
		}
	case TemplateLlama3:
		for _, m := range msgs {
			b.WriteString("<|start_header_id|>" + m.Role + "<|end_header_id|>\n\n" + trim(m.Content) + "<|eot_id|>")
		}
		if addGenerationPrompt {
			b.WriteString("<|start_header_id|>assistant<|end_header_id|>\n\n")
		}
	}
	return b.String(), nil
}
