"""The words a person reads privately about their own level: the confirmation after a click
or a form, the forms that ask for an explanation or a reservation, and their field errors.
"""

from __future__ import annotations

from handlers.messages.marker import N_

RECORDED = N_(":ballot_box_with_ballot: Recorded for proposal {round}: *{level}* — {meaning}")
RECORDED_CHANGED = N_(
    ":ballot_box_with_ballot: Recorded for proposal {round}: *{level}* (was {previous}) — {meaning}"
)
YOUR_RESERVATION = N_("Your reservation: {reservation}")
CHANGE_UNTIL = N_("You can change it any time before {closes}.")
ADD_RESERVATION = N_("Add a reservation")
EDIT_RESERVATION = N_("Edit your reservation")

# The level-5/6 form.
CHOOSING = N_("You are choosing *{level}* for proposal #{round}.")
KEPT_HINT = N_("What you wrote before is kept; change it if it no longer fits.")
LEVEL_TITLE = N_("Level {level}")
SUBMIT = N_("Submit")
ANSWER_REQUIRED = N_("Please answer this: your level counts once you do.")
CLICK_AGAIN = N_("This form is out of date; click the level again.")

# The optional reservation form (levels 2-4).
RESERVATION_LABEL = N_("Your reservation")
RESERVATION_HINT = N_("Shown with the outcome so the group can address it.")
RESERVATION_TITLE = N_("Add a reservation")
SAVE = N_("Save")
RESERVATION_SAVED = N_("Saved your reservation. Level: {level}.")
RESERVATION_REMOVED = N_("Removed your reservation. Level: {level}.")

# Any form whose hidden state is not as the bot wrote it.
OUT_OF_DATE = N_("This form is out of date; open it again.")
