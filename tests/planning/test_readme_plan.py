"""The README's plan example ("A planner's question, end to end") is what the tool prints."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

from analyser.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## A planner's question, end to end")
    return text[start:text.index("\n## ", start + 1)]


def test_the_readme_plan_is_what_the_tool_prints():
    section = _section()
    command = re.search(r"```sh\n(.*?)```", section, re.S).group(1).replace("\\\n", " ")
    argv = shlex.split(command)[1:]
    shown = re.search(r"```text\n(.*?)```", section, re.S).group(1).splitlines()
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdout=out, stderr=err) == 0
    printed = out.getvalue().splitlines()
    # every line shown is printed, in the same order; "…" stands for lines left out
    position = 0
    for line in shown:
        if line.strip() == "…":
            continue
        assert line in printed[position:], line
        position = printed.index(line, position) + 1
    assert shown[-1] == printed[-1]  # the assumptions, word for word
