"""Every Slack limit the emulator enforces, in one place.

Sources: Slack's Block Kit reference pages (docs.slack.dev/reference/block-kit/...), the
modal-views page, the Web API method pages and the rate-limit page. Changing a number here
changes it everywhere (validation, the simulator and the rate limiter).
"""

from __future__ import annotations

# --- Surfaces -----------------------------------------------------------------------------
MESSAGE_MAX_BLOCKS = 50
VIEW_MAX_BLOCKS = 100  # modals and the Home tab
MESSAGE_TEXT_MAX = 40_000  # Slack truncates beyond this; the emulator rejects (msg_too_long)
VIEW_STACK_MAX = 3  # at most three modals can be stacked (views.push -> push_limit_reached)

# --- Identifiers --------------------------------------------------------------------------
BLOCK_ID_MAX = 255
ACTION_ID_MAX = 255
CALLBACK_ID_MAX = 255
EXTERNAL_ID_MAX = 255

# --- Text objects -------------------------------------------------------------------------
TEXT_OBJECT_MAX = 3000  # generic upper bound for any text object
SECTION_TEXT_MAX = 3000
SECTION_FIELDS_MAX = 10
SECTION_FIELD_TEXT_MAX = 2000
HEADER_TEXT_MAX = 150
CONTEXT_ELEMENTS_MAX = 10
ACTIONS_ELEMENTS_MAX = 25
IMAGE_URL_MAX = 3000
IMAGE_ALT_TEXT_MAX = 2000
IMAGE_TITLE_MAX = 2000
MARKDOWN_BLOCK_TEXT_MAX = 12_000

# --- Elements -----------------------------------------------------------------------------
BUTTON_TEXT_MAX = 75
BUTTON_VALUE_MAX = 2000
BUTTON_URL_MAX = 3000
BUTTON_ACCESSIBILITY_LABEL_MAX = 75
BUTTON_STYLES = frozenset({"primary", "danger"})
PLACEHOLDER_MAX = 150
SELECT_OPTIONS_MAX = 100
SELECT_OPTION_GROUPS_MAX = 100
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
OPTION_DESCRIPTION_MAX = 75
OPTION_GROUP_LABEL_MAX = 75
OVERFLOW_OPTIONS_MIN = 2
OVERFLOW_OPTIONS_MAX = 5
CHECKBOX_OPTIONS_MAX = 10
RADIO_OPTIONS_MAX = 10
PLAIN_TEXT_INPUT_MIN_LENGTH_MAX = 3000  # min_length must be within 0..3000
PLAIN_TEXT_INPUT_MAX_LENGTH_MIN = 1  # max_length must be within 1..3000
PLAIN_TEXT_INPUT_MAX_LENGTH_MAX = 3000
CONFIRM_TITLE_MAX = 100
CONFIRM_TEXT_MAX = 300
CONFIRM_BUTTON_MAX = 30

# --- Input block --------------------------------------------------------------------------
INPUT_LABEL_MAX = 2000
INPUT_HINT_MAX = 2000

# --- Modal / Home views -------------------------------------------------------------------
MODAL_TITLE_MAX = 24
MODAL_SUBMIT_MAX = 24
MODAL_CLOSE_MAX = 24
PRIVATE_METADATA_MAX = 3000

# --- Interactivity ------------------------------------------------------------------------
TRIGGER_ID_TTL_SECONDS = 3.0  # "Pass a valid trigger_id within 3 seconds of receiving it"
ACK_DEADLINE_SECONDS = 3.0  # Slack shows an error if the app does not answer in 3 s
RESPONSE_URL_MAX_USES = 5  # response_url: up to 5 responses ...
RESPONSE_URL_TTL_SECONDS = 30 * 60  # ... within 30 minutes

# --- Socket Mode --------------------------------------------------------------------------
# Envelopes are acknowledged within ACK_DEADLINE_SECONDS, as HTTP requests are answered.
# After a `disconnect` message Slack closes the old connection about 10 s later ("warning":
# the connection closes in 10 s) ⚠ from Slack's Socket Mode page, not measured.
SOCKET_MODE_DISCONNECT_GRACE_SECONDS = 10.0
APP_TOKEN_PREFIX = "xapp-"  # app-level tokens: only they may call apps.connections.open
APP_LEVEL_METHODS = frozenset({"apps.connections.open"})

# --- Pagination ---------------------------------------------------------------------------
MEMBERS_DEFAULT_LIMIT = 100
MEMBERS_MAX_LIMIT = 1000
USERS_LIST_MAX_LIMIT = 1000  # users.list: Slack suggests pages of at most 200
HISTORY_DEFAULT_LIMIT = 100  # conversations.history / conversations.replies
HISTORY_MAX_LIMIT = 999

# --- Rate limits (per method, per workspace, per app) -------------------------------------
CHAT_POST_MESSAGE_PER_CHANNEL_PER_SECOND = 1
TIER_PER_MINUTE = {1: 1, 2: 20, 3: 50, 4: 100}
METHOD_TIERS = {
    "chat.postEphemeral": 4,
    "chat.update": 3,
    "conversations.history": 3,
    "conversations.replies": 3,
    "conversations.members": 4,
    "conversations.open": 3,
    "conversations.info": 3,
    "users.info": 4,
    "users.list": 2,
    "views.open": 4,
    "views.update": 4,
    "views.push": 4,
    "views.publish": 4,
}
