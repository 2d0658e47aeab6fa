"""Reading a modal submission, whatever shape it arrives in.

Anything not shaped as Slack sends it reads as empty, so the person gets a field error
instead of the listener failing.
"""

from __future__ import annotations

import json
from typing import Any

from handlers import ids


def metadata(view: dict[str, Any]) -> dict[str, Any]:
    """The view's private_metadata as a dict (empty when missing or malformed)."""
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def submitted(view: dict[str, Any], block_id: str) -> Any:
    """The value of an input block: text, a selected option's value, or a list of users."""
    element: Any = view
    for key in ("state", "values", block_id, ids.input_action(block_id)):
        element = element.get(key) if isinstance(element, dict) else None
    if not isinstance(element, dict):
        return ""
    if "selected_users" in element:
        users = element.get("selected_users")
        return [str(u) for u in users] if isinstance(users, list) else []
    if "selected_option" in element:
        option = element.get("selected_option")
        return option.get("value") if isinstance(option, dict) else None
    return element.get("value") or ""


def submitted_text(view: dict[str, Any], block_id: str) -> str:
    """The value of a text input or single select, as text ("" when empty)."""
    value = submitted(view, block_id)
    return value if isinstance(value, str) else ""
