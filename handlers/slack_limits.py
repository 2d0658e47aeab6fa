"""The Slack limits the Slack front end builds to, each defined once.

Sources: Slack's Block Kit reference (blocks, elements, composition objects) and the
modal-views page. The builders cut text to these with an ellipsis, so long input is shortened
rather than rejected.

The emulator (``slack_emulator.limits``) keeps its own copy of what Slack enforces: it stands
in for Slack, so it must not take its numbers from the bot, and the bot must not import a test
double. ``tests/handlers/test_slack_limits.py`` checks that no number here exceeds Slack's.
"""

from __future__ import annotations

# --- Surfaces -----------------------------------------------------------------------------
MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100  # modals and the Home tab

# --- Text objects and blocks ----------------------------------------------------------------
TEXT_OBJECT_MAX = 3000  # any text object without a tighter limit of its own
SECTION_TEXT_MAX = 3000
HEADER_TEXT_MAX = 150
CONTEXT_ELEMENTS_MAX = 10

# --- Elements -----------------------------------------------------------------------------
BUTTON_TEXT_MAX = 75
PLACEHOLDER_MAX = 150
SELECT_OPTIONS_MAX = 100
OPTION_TEXT_MAX = 75
PLAIN_TEXT_INPUT_MAX_LENGTH_MAX = 3000  # the largest max_length a text input may declare

# --- Confirmation dialogs -------------------------------------------------------------------
CONFIRM_TITLE_MAX = 100
CONFIRM_TEXT_MAX = 300
CONFIRM_BUTTON_MAX = 30  # the confirm and deny buttons

# --- Input blocks -------------------------------------------------------------------------
INPUT_LABEL_MAX = 2000
INPUT_HINT_MAX = 2000

# --- Modals -------------------------------------------------------------------------------
MODAL_TITLE_MAX = 24
MODAL_SUBMIT_MAX = 24
MODAL_CLOSE_MAX = 24
