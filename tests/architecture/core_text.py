"""Finds user-facing text in the core: platform markup and English sentences.

The core speaks in data (issue 12): codes, enums, counts and ids. A string literal in
``bot/`` that holds Slack markup (``<@``, ``<#``, ``<!``), the command's name, or a sentence
meant for a person belongs in a front end. Strings people never read are not counted:
docstrings, log lines, messages of programming errors (``ValueError`` and the like, and
``assert``'s), SQL, ``help=`` text of the command line (which moves out of the core with
the composition root), and the English keys that entries written before issue 12 hold,
which the legacy reading (``bot/record_legacy.py``) matches against stored text: the keys
of a ``LEGACY_`` mapping.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "bot"
MARKUP = ("<@", "<#", "<!", "/consensus")
# A sentence is four words or more in a row. One that starts with a capital may join its
# words with dashes ("Long-term care is not a sector"); one that starts in lower case, as a
# label does ("not counted: after the close"), must part them with spaces, so that keys
# ("home-and-community-care", "round.not_chair") and formats ("%Y-%m-%d %H:%M") stay data. A
# template's {placeholder} is a word; an f-string's values are left out before matching. A
# capital starts a word (so SQL's capitals, "SELECT id FROM", are not a sentence).
# Measured over bot/ when the lower-case rule came in: it found 34 more strings, the CSV's
# words (16), verify's findings (17) and a legacy error message that was only logged; no
# code, format, id or log line.
_SENTENCE = re.compile(r"\b[A-Z][a-z']*(?:[ ,:;()\-–—]+[A-Za-z'`]+){3,}")
_LOWER_SENTENCE = re.compile(
    r"(?<![\w.%{/-])[a-z][a-z']*(?:[,:;()]*\s+\(?(?:[A-Za-z'`]+|\{\w*\})){3,}"
)
# SQL: a statement's verb first, then one of its clauses (a sentence rarely reads so).
_SQL = re.compile(
    r"^\s*(?:select|insert|update|delete|create|alter|drop)\b.*\b(?:from|into|set|table|where)\b",
    re.IGNORECASE | re.DOTALL,
)
_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
_DEVELOPER_ERRORS = {
    "ValueError",
    "TypeError",
    "RuntimeError",
    "KeyError",
    "AssertionError",
    "NotImplementedError",
    "LookupError",
    "SystemExit",
}


def user_text(text: str) -> bool:
    if any(mark in text for mark in MARKUP):
        return True
    if _SQL.search(text):
        return False
    return bool(_SENTENCE.search(text) or _LOWER_SENTENCE.search(text))


def offenders(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each user-facing string literal in one core module."""
    tree = ast.parse(path.read_text(), str(path))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        elif isinstance(node, ast.Call):
            if _ignored_call(node):
                skip.update(id(inner) for inner in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg == "help":
                    skip.update(id(inner) for inner in ast.walk(keyword.value))
        elif isinstance(node, ast.Raise) and node.exc is not None and _developer_error(node.exc):
            skip.update(id(inner) for inner in ast.walk(node.exc))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            skip.update(id(key) for key in _legacy_keys(node))
        elif isinstance(node, ast.Assert) and node.msg is not None:
            skip.update(id(inner) for inner in ast.walk(node.msg))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            skip.update(id(part) for part in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if user_text(text):
            yield node.lineno, text


def _legacy_keys(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    """The keys of a mapping of old stored keys: ``LEGACY_… = {"No consensus": …}``."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    named = any(isinstance(t, ast.Name) and t.id.startswith("LEGACY_") for t in targets)
    if not named or not isinstance(node.value, ast.Dict):
        return []
    return [key for key in node.value.keys if key is not None]


def _ignored_call(call: ast.Call) -> bool:
    func = call.func
    return isinstance(func, ast.Attribute) and func.attr in _LOG_METHODS


def _developer_error(exc: ast.expr) -> bool:
    func = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(func, ast.Name) and func.id in _DEVELOPER_ERRORS


def count_by_module() -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in sorted(CORE.rglob("*.py")):
        found = sum(1 for _ in offenders(path))
        if found:
            counts[path.relative_to(CORE.parent).as_posix()] = found
    return counts
