"""The words of Block Kit's own parts (a form's Cancel) and how a moment reads: Slack fills in the date and time for each reader's zone; the words
around them are the reader's language's."""

from __future__ import annotations

from handlers.messages.marker import N_

# Slack date-token styles (``{date_short_pretty}`` and ``{time}`` are Slack's, not fields).
DATE_AND_TIME = N_("{date_short_pretty} at {time}")
# A revision's name beside its round id.
REVISION_NAME = N_("#{id} (revision {revision})")
# A form's button that closes it without saving.
CANCEL = N_("Cancel")
# A confirmation dialog's button that changes nothing.
GO_BACK = N_("Go back")
# A list of people cut short, and an empty one.
AND_MORE = N_("{people} and {count} more")
NOBODY = N_("nobody")
