"""Renders chat templates with Jinja2 configured as Hugging Face transformers configures it for apply_chat_template.

Reads a JSON list of cases {template, messages, add_generation_prompt, specials} on stdin; writes a JSON list of
{"text": ...} or {"error": ...} on stdout. The reference for ChatTemplateTests (Debian's python3-jinja2).
"""
import json
import sys

from jinja2.exceptions import TemplateError
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


def raise_exception(message):
    raise TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

results = []
for case in json.load(sys.stdin):
    try:
        template = env.from_string(case["template"])
        text = template.render(messages=case["messages"], tools=None, documents=None,
                               add_generation_prompt=case["add_generation_prompt"], **case["specials"])
        results.append({"text": text})
    except TemplateError as error:
        results.append({"error": str(error)})
json.dump(results, sys.stdout)
