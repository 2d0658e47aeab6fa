"""Block Kit validation and id filling, done the way Slack's servers do it.

The checks are deep (every nested element), unlike slack_sdk's model classes, and work on
plain dicts, which is what a bot actually sends. Each problem is reported with a JSON pointer
in the style of Slack's own ``invalid_blocks`` answers, e.g.
``must be less than 3001 characters [json-pointer:/blocks/0/text/text]``.
"""

from __future__ import annotations

import copy
import random
import re
import string
from collections.abc import Iterator
from typing import Any, Literal

from slack_emulator import limits as L

Surface = Literal["message", "modal", "home"]

TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})

SINGLE_SELECTS = frozenset(
    {"static_select", "external_select", "users_select", "conversations_select", "channels_select"}
)
MULTI_SELECTS = frozenset({f"multi_{name}" for name in SINGLE_SELECTS})
SELECTS = SINGLE_SELECTS | MULTI_SELECTS
TEXT_INPUTS = frozenset(
    {"plain_text_input", "email_text_input", "url_text_input", "number_input", "rich_text_input"}
)
PICKERS = frozenset({"datepicker", "timepicker", "datetimepicker"})

ACTIONS_ELEMENTS = (
    frozenset({"button", "checkboxes", "overflow", "radio_buttons", "workflow_button"})
    | SELECTS
    | PICKERS
)
SECTION_ACCESSORIES = (ACTIONS_ELEMENTS - {"datetimepicker"}) | {"image"}
INPUT_ELEMENTS = frozenset({"checkboxes", "radio_buttons", "file_input"}) | SELECTS | PICKERS
INPUT_ELEMENTS = INPUT_ELEMENTS | TEXT_INPUTS
INTERACTIVE_ELEMENTS = ACTIONS_ELEMENTS | INPUT_ELEMENTS

VIEW_BLOCK_TYPES = frozenset(
    {"actions", "context", "divider", "header", "image", "input", "rich_text", "section", "video"}
)
MESSAGE_BLOCK_TYPES = VIEW_BLOCK_TYPES | {"file", "markdown", "table"}

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ID_ALPHABET = string.ascii_letters + string.digits


class _Checker:
    """Walks one message or view, collecting every problem (Slack reports them all)."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.block_ids: set[str] = set()
        self.action_ids: set[str] = set()

    # -- primitives ------------------------------------------------------------------------
    def err(self, ptr: str, msg: str) -> None:
        self.errors.append(f"{msg} [json-pointer:{ptr}]")

    def string(
        self, obj: dict[str, Any], key: str, ptr: str, max_len: int, *, required: bool = False
    ) -> str | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.err(f"{ptr}/{key}", f"missing required field: {key}")
            return None
        if not isinstance(value, str):
            self.err(f"{ptr}/{key}", "expected a string")
            return None
        if required and not value:
            self.err(f"{ptr}/{key}", "must be more than 0 characters")
        if len(value) > max_len:
            self.err(f"{ptr}/{key}", f"must be less than {max_len + 1} characters")
        return value

    def boolean(self, obj: dict[str, Any], key: str, ptr: str) -> None:
        if key in obj and not isinstance(obj[key], bool):
            self.err(f"{ptr}/{key}", "expected a boolean")

    def integer(
        self, obj: dict[str, Any], key: str, ptr: str, low: int, high: int | None = None
    ) -> int | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(f"{ptr}/{key}", "expected an integer")
            return None
        if value < low or (high is not None and value > high):
            upper = "" if high is None else f" and at most {high}"
            self.err(f"{ptr}/{key}", f"must be at least {low}{upper}")
        return value

    def items(
        self,
        obj: dict[str, Any],
        key: str,
        ptr: str,
        max_items: int,
        *,
        min_items: int = 1,
        required: bool = True,
    ) -> list[Any]:
        value = obj.get(key)
        if value is None:
            if required:
                self.err(f"{ptr}/{key}", f"missing required field: {key}")
            return []
        if not isinstance(value, list):
            self.err(f"{ptr}/{key}", "expected an array")
            return []
        if len(value) < min_items:
            self.err(f"{ptr}/{key}", f"must provide at least {min_items} items")
        if len(value) > max_items:
            self.err(f"{ptr}/{key}", f"must be less than {max_items + 1} items")
        return value

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        ptr: str,
        max_len: int = L.TEXT_OBJECT_MAX,
        *,
        plain_only: bool = False,
        required: bool = True,
    ) -> None:
        value = obj.get(key)
        if value is None:
            if required:
                self.err(f"{ptr}/{key}", f"missing required field: {key}")
            return
        self.text_object(value, f"{ptr}/{key}", max_len, plain_only=plain_only)

    def text_object(
        self, value: Any, ptr: str, max_len: int = L.TEXT_OBJECT_MAX, *, plain_only: bool = False
    ) -> None:
        if not isinstance(value, dict):
            self.err(ptr, "expected a text object")
            return
        kind = value.get("type")
        if kind not in TEXT_TYPES:
            self.err(f"{ptr}/type", "must be one of: plain_text, mrkdwn")
            return
        if plain_only and kind != "plain_text":
            self.err(f"{ptr}/type", "must be plain_text")
        self.string(value, "text", ptr, max_len, required=True)
        if "emoji" in value and kind != "plain_text":
            self.err(f"{ptr}/emoji", "emoji is only allowed on plain_text")
        if "verbatim" in value and kind != "mrkdwn":
            self.err(f"{ptr}/verbatim", "verbatim is only allowed on mrkdwn")
        self.boolean(value, "emoji", ptr)
        self.boolean(value, "verbatim", ptr)

    def unique_id(self, obj: dict[str, Any], key: str, ptr: str, max_len: int) -> None:
        value = self.string(obj, key, ptr, max_len)
        if value is None:
            return
        if not value:
            self.err(f"{ptr}/{key}", "must be more than 0 characters")
        seen = self.block_ids if key == "block_id" else self.action_ids
        if value in seen:
            self.err(f"{ptr}/{key}", f"duplicate {key}: {value}")
        seen.add(value)

    # -- surfaces --------------------------------------------------------------------------
    def blocks(self, blocks: Any, ptr: str, surface: Surface) -> None:
        if not isinstance(blocks, list):
            self.err(ptr, "expected an array")
            return
        max_blocks = L.MESSAGE_MAX_BLOCKS if surface == "message" else L.VIEW_MAX_BLOCKS
        if len(blocks) > max_blocks:
            self.err(ptr, f"must be less than {max_blocks + 1} items")
        allowed = MESSAGE_BLOCK_TYPES if surface == "message" else VIEW_BLOCK_TYPES
        for i, block in enumerate(blocks):
            self.block(block, f"{ptr}/{i}", allowed)

    def block(self, block: Any, ptr: str, allowed: frozenset[str]) -> None:
        if not isinstance(block, dict):
            self.err(ptr, "expected an object")
            return
        kind = block.get("type")
        if kind not in allowed:
            self.err(f"{ptr}/type", f"unsupported block type: {kind}")
            return
        if "block_id" in block:
            self.unique_id(block, "block_id", ptr, L.BLOCK_ID_MAX)
        getattr(self, f"block_{kind}")(block, ptr)

    # -- blocks ----------------------------------------------------------------------------
    def block_section(self, b: dict[str, Any], ptr: str) -> None:
        if "text" not in b and "fields" not in b:
            self.err(ptr, "must provide text or fields")
        self.text(b, "text", ptr, L.SECTION_TEXT_MAX, required=False)
        fields = self.items(b, "fields", ptr, L.SECTION_FIELDS_MAX, required=False)
        for i, field in enumerate(fields):
            self.text_object(field, f"{ptr}/fields/{i}", L.SECTION_FIELD_TEXT_MAX)
        if "accessory" in b:
            self.element(b["accessory"], f"{ptr}/accessory", SECTION_ACCESSORIES)
        self.boolean(b, "expand", ptr)

    def block_divider(self, b: dict[str, Any], ptr: str) -> None:
        return None

    def block_header(self, b: dict[str, Any], ptr: str) -> None:
        self.text(b, "text", ptr, L.HEADER_TEXT_MAX, plain_only=True)

    def block_context(self, b: dict[str, Any], ptr: str) -> None:
        for i, el in enumerate(self.items(b, "elements", ptr, L.CONTEXT_ELEMENTS_MAX)):
            el_ptr = f"{ptr}/elements/{i}"
            if isinstance(el, dict) and el.get("type") == "image":
                self.element_image(el, el_ptr)
            else:
                self.text_object(el, el_ptr)

    def block_actions(self, b: dict[str, Any], ptr: str) -> None:
        for i, el in enumerate(self.items(b, "elements", ptr, L.ACTIONS_ELEMENTS_MAX)):
            self.element(el, f"{ptr}/elements/{i}", ACTIONS_ELEMENTS)

    def block_input(self, b: dict[str, Any], ptr: str) -> None:
        self.text(b, "label", ptr, L.INPUT_LABEL_MAX, plain_only=True)
        self.text(b, "hint", ptr, L.INPUT_HINT_MAX, plain_only=True, required=False)
        self.boolean(b, "optional", ptr)
        self.boolean(b, "dispatch_action", ptr)
        if "element" not in b:
            self.err(f"{ptr}/element", "missing required field: element")
        else:
            self.element(b["element"], f"{ptr}/element", INPUT_ELEMENTS)

    def block_image(self, b: dict[str, Any], ptr: str) -> None:
        self.element_image(b, ptr)
        self.text(b, "title", ptr, L.IMAGE_TITLE_MAX, plain_only=True, required=False)

    def block_rich_text(self, b: dict[str, Any], ptr: str) -> None:
        self.items(b, "elements", ptr, 10_000, min_items=0)

    def block_markdown(self, b: dict[str, Any], ptr: str) -> None:
        self.string(b, "text", ptr, L.MARKDOWN_BLOCK_TEXT_MAX, required=True)

    def block_video(self, b: dict[str, Any], ptr: str) -> None:
        for key in ("alt_text", "thumbnail_url", "video_url"):
            self.string(b, key, ptr, L.IMAGE_URL_MAX, required=True)
        self.text(b, "title", ptr, 200, plain_only=True)

    def block_file(self, b: dict[str, Any], ptr: str) -> None:
        self.string(b, "external_id", ptr, L.EXTERNAL_ID_MAX, required=True)
        if b.get("source") != "remote":
            self.err(f"{ptr}/source", "must be remote")

    def block_table(self, b: dict[str, Any], ptr: str) -> None:
        self.items(b, "rows", ptr, 100)

    # -- elements --------------------------------------------------------------------------
    def element(self, el: Any, ptr: str, allowed: frozenset[str]) -> None:
        if not isinstance(el, dict):
            self.err(ptr, "expected an object")
            return
        kind = el.get("type")
        if kind not in allowed:
            self.err(f"{ptr}/type", f"element type {kind} is not allowed here")
            return
        if kind != "image" and "action_id" in el:
            self.unique_id(el, "action_id", ptr, L.ACTION_ID_MAX)
        if "confirm" in el:
            self.confirm(el["confirm"], f"{ptr}/confirm")
        if kind in SELECTS:
            self.element_select(el, ptr, kind)
        elif kind in TEXT_INPUTS:
            self.element_text_input(el, ptr, kind)
        else:
            getattr(self, f"element_{kind}")(el, ptr)

    def element_button(self, el: dict[str, Any], ptr: str) -> None:
        self.text(el, "text", ptr, L.BUTTON_TEXT_MAX, plain_only=True)
        self.string(el, "value", ptr, L.BUTTON_VALUE_MAX)
        self.string(el, "url", ptr, L.BUTTON_URL_MAX)
        self.string(el, "accessibility_label", ptr, L.BUTTON_ACCESSIBILITY_LABEL_MAX)
        if "style" in el and el["style"] not in L.BUTTON_STYLES:
            self.err(f"{ptr}/style", "must be one of: primary, danger")

    def element_workflow_button(self, el: dict[str, Any], ptr: str) -> None:
        self.element_button(el, ptr)
        if not isinstance(el.get("workflow"), dict):
            self.err(f"{ptr}/workflow", "missing required field: workflow")

    def element_image(self, el: dict[str, Any], ptr: str) -> None:
        if "image_url" not in el and "slack_file" not in el:
            self.err(ptr, "must provide image_url or slack_file")
        self.string(el, "image_url", ptr, L.IMAGE_URL_MAX)
        self.string(el, "alt_text", ptr, L.IMAGE_ALT_TEXT_MAX, required=True)

    def element_overflow(self, el: dict[str, Any], ptr: str) -> None:
        options = self.items(
            el, "options", ptr, L.OVERFLOW_OPTIONS_MAX, min_items=L.OVERFLOW_OPTIONS_MIN
        )
        for i, opt in enumerate(options):
            self.option(opt, f"{ptr}/options/{i}", plain_only=True)

    def element_checkboxes(self, el: dict[str, Any], ptr: str) -> None:
        self.choice_list(el, ptr, L.CHECKBOX_OPTIONS_MAX, "initial_options")

    def element_radio_buttons(self, el: dict[str, Any], ptr: str) -> None:
        self.choice_list(el, ptr, L.RADIO_OPTIONS_MAX, "initial_option")

    def element_datepicker(self, el: dict[str, Any], ptr: str) -> None:
        self.text(el, "placeholder", ptr, L.PLACEHOLDER_MAX, plain_only=True, required=False)
        date = self.string(el, "initial_date", ptr, 10)
        if date is not None and not _DATE_RE.match(date):
            self.err(f"{ptr}/initial_date", "must be in the format YYYY-MM-DD")

    def element_timepicker(self, el: dict[str, Any], ptr: str) -> None:
        self.text(el, "placeholder", ptr, L.PLACEHOLDER_MAX, plain_only=True, required=False)
        time_ = self.string(el, "initial_time", ptr, 5)
        if time_ is not None and not _TIME_RE.match(time_):
            self.err(f"{ptr}/initial_time", "must be in the format HH:mm")

    def element_datetimepicker(self, el: dict[str, Any], ptr: str) -> None:
        self.integer(el, "initial_date_time", ptr, 0)

    def element_file_input(self, el: dict[str, Any], ptr: str) -> None:
        self.integer(el, "max_files", ptr, 1, 10)

    def element_select(self, el: dict[str, Any], ptr: str, kind: str) -> None:
        self.text(el, "placeholder", ptr, L.PLACEHOLDER_MAX, plain_only=True, required=False)
        if kind.startswith("multi_"):
            self.integer(el, "max_selected_items", ptr, 1)
        if kind not in ("static_select", "multi_static_select"):
            return
        has_options, has_groups = "options" in el, "option_groups" in el
        if has_options == has_groups:
            self.err(ptr, "must provide exactly one of options or option_groups")
        values: list[Any] = []
        for i, opt in enumerate(
            self.items(el, "options", ptr, L.SELECT_OPTIONS_MAX, required=False)
        ):
            values.append(self.option(opt, f"{ptr}/options/{i}", plain_only=True))
        groups = self.items(el, "option_groups", ptr, L.SELECT_OPTION_GROUPS_MAX, required=False)
        for g, group in enumerate(groups):
            gptr = f"{ptr}/option_groups/{g}"
            if not isinstance(group, dict):
                self.err(gptr, "expected an object")
                continue
            self.text(group, "label", gptr, L.OPTION_GROUP_LABEL_MAX, plain_only=True)
            for i, opt in enumerate(self.items(group, "options", gptr, L.SELECT_OPTIONS_MAX)):
                values.append(self.option(opt, f"{gptr}/options/{i}", plain_only=True))
        self.initial_options(el, ptr, values)

    def element_text_input(self, el: dict[str, Any], ptr: str, kind: str) -> None:
        self.text(el, "placeholder", ptr, L.PLACEHOLDER_MAX, plain_only=True, required=False)
        if kind == "number_input" and not isinstance(el.get("is_decimal_allowed"), bool):
            self.err(f"{ptr}/is_decimal_allowed", "missing required field: is_decimal_allowed")
        if kind != "plain_text_input":
            return
        self.boolean(el, "multiline", ptr)
        low = self.integer(el, "min_length", ptr, 0, L.PLAIN_TEXT_INPUT_MIN_LENGTH_MAX)
        high = self.integer(
            el,
            "max_length",
            ptr,
            L.PLAIN_TEXT_INPUT_MAX_LENGTH_MIN,
            L.PLAIN_TEXT_INPUT_MAX_LENGTH_MAX,
        )
        if low is not None and high is not None and low > high:
            self.err(f"{ptr}/min_length", "must not be greater than max_length")
        self.string(el, "initial_value", ptr, high or L.PLAIN_TEXT_INPUT_MAX_LENGTH_MAX)

    # -- composition objects ---------------------------------------------------------------
    def option(self, opt: Any, ptr: str, *, plain_only: bool) -> Any:
        if not isinstance(opt, dict):
            self.err(ptr, "expected an object")
            return None
        self.text(opt, "text", ptr, L.OPTION_TEXT_MAX, plain_only=plain_only)
        self.text(opt, "description", ptr, L.OPTION_DESCRIPTION_MAX, required=False)
        self.string(opt, "url", ptr, L.BUTTON_URL_MAX)
        return self.string(opt, "value", ptr, L.OPTION_VALUE_MAX, required=True)

    def choice_list(self, el: dict[str, Any], ptr: str, max_items: int, initial_key: str) -> None:
        values = [
            self.option(opt, f"{ptr}/options/{i}", plain_only=False)
            for i, opt in enumerate(self.items(el, "options", ptr, max_items))
        ]
        self.initial_options(el, ptr, values, keys=(initial_key,))

    def initial_options(
        self,
        el: dict[str, Any],
        ptr: str,
        values: list[Any],
        keys: tuple[str, ...] = ("initial_option", "initial_options"),
    ) -> None:
        # Slack rejects an initial option that is not one of the offered options.
        for key in keys:
            if key not in el:
                continue
            chosen = el[key] if isinstance(el[key], list) else [el[key]]
            for opt in chosen:
                if not isinstance(opt, dict) or opt.get("value") not in values:
                    self.err(f"{ptr}/{key}", "must match one of the provided options")

    def confirm(self, conf: Any, ptr: str) -> None:
        if not isinstance(conf, dict):
            self.err(ptr, "expected an object")
            return
        self.text(conf, "title", ptr, L.CONFIRM_TITLE_MAX, plain_only=True)
        self.text(conf, "text", ptr, L.CONFIRM_TEXT_MAX)
        self.text(conf, "confirm", ptr, L.CONFIRM_BUTTON_MAX, plain_only=True)
        self.text(conf, "deny", ptr, L.CONFIRM_BUTTON_MAX, plain_only=True)
        if "style" in conf and conf["style"] not in L.BUTTON_STYLES:
            self.err(f"{ptr}/style", "must be one of: primary, danger")


def validate_message_blocks(blocks: Any) -> list[str]:
    """Problems with a message's ``blocks`` (empty list = Slack would accept them)."""
    checker = _Checker()
    checker.blocks(blocks, "/blocks", "message")
    return checker.errors


def validate_view(view: Any) -> list[str]:
    """Problems with a modal or Home tab view, pointers rooted at ``/view``."""
    checker = _Checker()
    if not isinstance(view, dict):
        checker.err("/view", "expected an object")
        return checker.errors
    kind = view.get("type")
    if kind not in ("modal", "home"):
        checker.err("/view/type", "must be one of: modal, home")
        return checker.errors
    checker.blocks(view.get("blocks"), "/view/blocks", kind)
    checker.string(view, "private_metadata", "/view", L.PRIVATE_METADATA_MAX)
    checker.string(view, "callback_id", "/view", L.CALLBACK_ID_MAX)
    checker.string(view, "external_id", "/view", L.EXTERNAL_ID_MAX)
    checker.boolean(view, "clear_on_close", "/view")
    checker.boolean(view, "notify_on_close", "/view")
    if kind == "modal":
        checker.text(view, "title", "/view", L.MODAL_TITLE_MAX, plain_only=True)
        checker.text(view, "submit", "/view", L.MODAL_SUBMIT_MAX, plain_only=True, required=False)
        checker.text(view, "close", "/view", L.MODAL_CLOSE_MAX, plain_only=True, required=False)
        raw = view.get("blocks")
        blocks: list[Any] = raw if isinstance(raw, list) else []
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if has_input and "submit" not in view:
            checker.err("/view/submit", "submit is required when a view contains input blocks")
    return checker.errors


def iter_elements(blocks: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield ``(block, element)`` for every interactive element, in display order."""
    for block in blocks:
        kind = block.get("type")
        candidates: list[Any] = []
        if kind == "actions":
            candidates = list(block.get("elements") or [])
        elif kind == "section" and "accessory" in block:
            candidates = [block["accessory"]]
        elif kind == "input" and "element" in block:
            candidates = [block["element"]]
        for el in candidates:
            if isinstance(el, dict) and el.get("type") in INTERACTIVE_ELEMENTS:
                yield block, el


def fill_ids(blocks: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Return a copy of already-validated ``blocks`` with every missing id generated.

    Slack stores a random ``block_id`` for each block and a random ``action_id`` for each
    interactive element when the app leaves them out, and sends those ids back in payloads.
    """
    filled = copy.deepcopy(blocks)
    taken = {b["block_id"] for b in filled if "block_id" in b}
    taken |= {el["action_id"] for _, el in iter_elements(filled) if "action_id" in el}

    def new_id() -> str:
        while True:
            candidate = "".join(rng.choice(_ID_ALPHABET) for _ in range(5))
            if candidate not in taken:
                taken.add(candidate)
                return candidate

    for block in filled:
        block.setdefault("block_id", new_id())
    for _, element in iter_elements(filled):
        element.setdefault("action_id", new_id())
    return filled


def find_element(
    blocks: list[dict[str, Any]], action_id: str
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The ``(block, element)`` carrying ``action_id``, or None."""
    for block, element in iter_elements(blocks):
        if element.get("action_id") == action_id:
            return block, element
    return None
