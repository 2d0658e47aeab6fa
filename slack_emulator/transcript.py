"""Plain-text rendering of Block Kit and a transcript of what each person saw.

``render_blocks`` turns blocks into readable lines (buttons as ``[ 1 Full support ]``, inputs as
``<Reason: ...>``), resolving ``<@U123>`` mentions to ``@name`` and ``<!date^...>`` tokens in
the reader's time zone, which is how Slack's clients show them.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any, Protocol
from zoneinfo import ZoneInfo

NameLookup = Mapping[str, str] | Callable[[str], str | None] | None

_TOKEN_RE = re.compile(r"<([^<>\n]+)>")
_DATE_TOKEN_RE = re.compile(r"\{(\w+)\}")
_DIVIDER = "-" * 40


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _clock(moment: datetime, *, seconds: bool) -> str:
    hour = moment.hour % 12 or 12
    secs = f":{moment.second:02d}" if seconds else ""
    return f"{hour}:{moment.minute:02d}{secs} {'AM' if moment.hour < 12 else 'PM'}"


def _relative_day(day: date, today: date) -> str | None:
    delta = (day - today).days
    return {0: "today", -1: "yesterday", 1: "tomorrow"}.get(delta)


def _ago(epoch: float, now: float) -> str:
    diff = int(now - epoch)
    future = diff < 0
    diff = abs(diff)
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if diff >= size:
            count = diff // size
            label = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {label}" if future else f"{label} ago"
    return "just now"


def format_slack_date(epoch: float, template: str, tz: str | tzinfo, now: float) -> str:
    """Expand Slack's ``<!date>`` template tokens for a reader in ``tz``."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    moment = datetime.fromtimestamp(epoch, zone)
    today = datetime.fromtimestamp(now, zone).date()
    long_date = f"{moment:%B} {_ordinal(moment.day)}, {moment.year}"
    short_date = f"{moment:%b} {moment.day}, {moment.year}"
    full_date = f"{moment:%A}, {long_date}"
    relative = _relative_day(moment.date(), today)
    values = {
        "date_num": moment.strftime("%Y-%m-%d"),
        "date": long_date,
        "date_short": short_date,
        "date_long": full_date,
        "date_pretty": relative or long_date,
        "date_short_pretty": relative or short_date,
        "date_long_pretty": relative or full_date,
        "time": _clock(moment, seconds=False),
        "time_secs": _clock(moment, seconds=True),
        "ago": _ago(epoch, now),
    }
    return _DATE_TOKEN_RE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _lookup(names: NameLookup, key: str) -> str | None:
    if names is None:
        return None
    if callable(names):
        return names(key)
    return names.get(key)


def render_mrkdwn(
    text: str, names: NameLookup = None, tz: str | tzinfo = "UTC", now: float | None = None
) -> str:
    """Resolve Slack's angle-bracket tokens the way a reader's client displays them."""
    moment = time.time() if now is None else now

    def token(match: re.Match[str]) -> str:
        body = match.group(1)
        target, _, label = body.partition("|")
        if target.startswith("@"):
            return "@" + (_lookup(names, target[1:]) or label or target[1:])
        if target.startswith("#"):
            return "#" + (_lookup(names, target[1:]) or label or target[1:])
        if target.startswith("!date^"):
            parts = target.split("^")
            try:
                return format_slack_date(float(parts[1]), parts[2], tz, moment)
            except (IndexError, ValueError):
                return label or body
        if target.startswith("!subteam^"):
            return label or "@" + target.split("^", 1)[1]
        if target.startswith("!"):
            return "@" + target[1:]
        return f"{label} ({target})" if label else target

    resolved = _TOKEN_RE.sub(token, text)
    return resolved.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _Renderer:
    def __init__(self, names: NameLookup, tz: str | tzinfo, now: float | None) -> None:
        self.names, self.tz, self.now = names, tz, now

    def text(self, obj: Any) -> str:
        if isinstance(obj, str):
            return self.mrkdwn(obj)
        if not isinstance(obj, dict):
            return ""
        if obj.get("type") == "plain_text":
            return str(obj.get("text", ""))
        return self.mrkdwn(str(obj.get("text", "")))

    def mrkdwn(self, text: str) -> str:
        return render_mrkdwn(text, self.names, self.tz, self.now)

    def element(self, el: dict[str, Any]) -> str:
        kind = el.get("type", "")
        if kind in ("button", "workflow_button"):
            return f"[ {self.text(el.get('text'))} ]"
        if kind == "image":
            return f"[image: {el.get('alt_text', '')}]"
        if kind in ("plain_text", "mrkdwn"):
            return self.text(el)
        if kind == "overflow":
            return "[ ... ]"
        chosen = el.get("initial_option") or {}
        current = self.text(chosen.get("text")) if chosen else ""
        if not current:
            for key in ("initial_value", "initial_date", "initial_time", "initial_user"):
                if key in el:
                    current = str(el[key])
        if kind in ("checkboxes", "radio_buttons"):
            marks = "[x]" if kind == "checkboxes" else "(o)"
            return "  ".join(f"{marks} {self.text(o.get('text'))}" for o in el.get("options", []))
        placeholder = self.text(el.get("placeholder")) if "placeholder" in el else ""
        return f"[ {current or placeholder or kind} v ]"

    def block(self, block: dict[str, Any]) -> list[str]:
        kind = block.get("type")
        if kind == "header":
            title = self.text(block.get("text"))
            return [f"== {title} =="]
        if kind == "divider":
            return [_DIVIDER]
        if kind == "section":
            lines = self.text(block["text"]).splitlines() if "text" in block else []
            lines += [self.text(f) for f in block.get("fields", [])]
            if "accessory" in block and isinstance(block["accessory"], dict):
                accessory = self.element(block["accessory"])
                lines = [*lines[:-1], f"{lines[-1]}  {accessory}"] if lines else [accessory]
            return lines
        if kind == "context":
            return ["  " + " | ".join(self.element(e) for e in block.get("elements", []))]
        if kind == "actions":
            return [" ".join(self.element(e) for e in block.get("elements", []))]
        if kind == "input":
            return [self.input(block)]
        if kind == "image":
            return [f"[image: {block.get('alt_text', '')}]"]
        if kind in ("markdown",):
            return self.mrkdwn(str(block.get("text", ""))).splitlines()
        if kind == "rich_text":
            return ["".join(self.rich_text(e) for e in block.get("elements", []))]
        return [f"[{kind}]"]

    def input(self, block: dict[str, Any]) -> str:
        label = self.text(block.get("label"))
        el = block.get("element") or {}
        shown = el.get("initial_value") or self.text(el.get("placeholder")) or "..."
        if el.get("type") != "plain_text_input":
            shown = self.element(el)
        optional = " (optional)" if block.get("optional") else ""
        return f"<{label}{optional}: {shown}>"

    def rich_text(self, node: Any) -> str:
        if not isinstance(node, dict):
            return ""
        kind = node.get("type")
        if kind == "text":
            return str(node.get("text", ""))
        if kind == "user":
            return "@" + (_lookup(self.names, node.get("user_id", "")) or node.get("user_id", ""))
        if kind == "link":
            return str(node.get("text") or node.get("url", ""))
        return "".join(self.rich_text(child) for child in node.get("elements", []))


def render_blocks(
    blocks: list[dict[str, Any]] | None,
    names: NameLookup = None,
    tz: str | tzinfo = "UTC",
    now: float | None = None,
) -> str:
    """Render ``blocks`` as the plain text a reader in ``tz`` would see.

    ``names`` maps user/channel ids to names (a dict or a callable) for ``<@U…>`` mentions.
    """
    renderer = _Renderer(names, tz, now)
    lines: list[str] = []
    for block in blocks or []:
        if isinstance(block, dict):
            lines.extend(renderer.block(block))
    return "\n".join(lines)


class Directory(Protocol):
    """What the transcript needs to know about the workspace."""

    def display_name(self, object_id: str) -> str | None: ...

    def timezone(self, user_id: str) -> str | None: ...

    def can_see(self, user_id: str, channel_id: str) -> bool: ...


@dataclass(frozen=True)
class TranscriptEntry:
    """One thing that appeared on someone's screen."""

    kind: str  # message | update | delete | ephemeral | modal | modal_update | home
    channel: str | None
    recipient: str | None  # who alone sees it (ephemeral, modal, home), else None
    author: str | None
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    at: float = 0.0
    ts: str | None = None
    title: str | None = None


class Transcript:
    """Ordered record of what was shown to whom; ``format()`` renders it as text."""

    def __init__(self, directory: Directory | None = None, default_tz: str = "UTC") -> None:
        self._directory = directory
        self._entries: list[TranscriptEntry] = []
        self._lock = threading.Lock()
        self.default_tz = default_tz

    def record(self, entry: TranscriptEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    @property
    def entries(self) -> list[TranscriptEntry]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _name(self, object_id: str | None) -> str:
        if not object_id:
            return "?"
        found = self._directory.display_name(object_id) if self._directory else None
        return found or object_id

    def _where(self, channel: str | None) -> str:
        if channel and channel.startswith("D"):
            return f"DM {self._name(channel)}"
        return f"#{self._name(channel)}"

    def _visible(self, entry: TranscriptEntry, viewer: str) -> bool:
        if entry.recipient is not None:
            return entry.recipient == viewer
        if entry.channel is None or self._directory is None:
            return True
        return self._directory.can_see(viewer, entry.channel)

    def format(self, viewer: str | None = None, tz: str | None = None) -> str:
        """Render every entry (or only what ``viewer`` saw, in the viewer's time zone)."""
        lines: list[str] = []
        lookup: NameLookup = self._directory.display_name if self._directory else None
        for entry in self.entries:
            if viewer is not None and not self._visible(entry, viewer):
                continue
            reader = viewer or entry.recipient
            zone = tz or (self._directory.timezone(reader) if reader and self._directory else None)
            body = render_blocks(entry.blocks, lookup, zone or self.default_tz, entry.at)
            if not body:
                body = render_mrkdwn(entry.text, lookup, zone or self.default_tz, entry.at)
            lines.extend(self._format_entry(entry, body))
        return "\n".join(lines)

    def _format_entry(self, entry: TranscriptEntry, body: str) -> list[str]:
        who = self._name(entry.author)
        where = self._where(entry.channel)
        to = f"@{self._name(entry.recipient)}"
        sep = " "
        if entry.kind == "ephemeral":
            head, indent = f"  ephemeral to {to} in {where}:", "    "
        elif entry.kind in ("modal", "modal_update"):
            verb = "modal for" if entry.kind == "modal" else "modal updated for"
            head, indent = f'  {verb} {to}: "{entry.title or ""}"', "    "
        elif entry.kind == "home":
            head, indent = f"  home tab of {to}:", "    "
        elif entry.kind == "delete":
            return [f"{where}  (message {entry.ts} deleted by {who})"]
        else:
            verb = "message" if entry.kind == "message" else f"update of {entry.ts}"
            head, indent, sep = f"{where}  ({verb} by {who})", "  ", "  "
        body_lines = body.splitlines() or [""]
        if len(body_lines) == 1:
            return [f"{head}{sep}{body_lines[0]}".rstrip()]
        return [head, *(f"{indent}{line}" for line in body_lines)]
