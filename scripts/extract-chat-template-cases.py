#!/usr/bin/env python3
"""Extract llama.cpp's legacy chat-template test cases into JSON.

Reads tests/test-chat-template.cpp from a llama.cpp checkout (for example
one cloned from node-llama-cpp's llama/gitRelease.bundle) and writes, for
every case, its name, template text and expected_output (the output of
llama.cpp's built-in, non-Jinja formatter) plus the conversation used.

usage: extract-chat-template-cases.py LLAMA_CPP_DIR OUT.json
"""
import json
import re
import sys


def c_string(body):
    """Concatenate adjacent C string literals in body and unescape them."""
    out = []
    for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', body):
        out.append(re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t', 'r': '\r'}.get(m.group(1), m.group(1)), lit))
    return ''.join(out)


def field(block, name):
    m = re.search(r'/\* \.' + name + r'= \*/\s*(.*?),\s*\n', block, re.S)
    return c_string(m.group(1)) if m else None


def main():
    src = open(sys.argv[1] + '/tests/test-chat-template.cpp', encoding='utf-8').read()
    start = src.index('std::vector<TestCase> test_cases {')
    end = src.index('};', start)
    cases = []
    for block in re.split(r'\n        \{\n', src[start:end])[1:]:
        name = field(block, 'name')
        tmpl = field(block, 'template_str')
        want = field(block, 'expected_output')
        if name is None or tmpl is None or want is None:
            continue
        cases.append({'name': name, 'template': tmpl, 'expected': want,
                      'extra_conversation': 'extra_conversation' in block})
    conv = [["system", "You are a helpful assistant"], ["user", "Hello"], ["assistant", "Hi there"],
            ["user", "Who are you"], ["assistant", "   I am an assistant   "], ["user", "Another question"]]
    json.dump({'source': 'llama.cpp tests/test-chat-template.cpp (MIT)', 'conversation': conv, 'cases': cases},
              open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
    print(len(cases), 'cases')


if __name__ == '__main__':
    main()
