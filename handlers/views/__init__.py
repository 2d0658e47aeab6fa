"""The Slack front end's views: Block Kit and mrkdwn built from the core's objects, one
module per concept of the decision model (the round, a stance, the outcome, an escalation,
the roster, a revision, a recorded vote, the decision log) and one per screen of its own (the
App Home tab, help); ``common`` holds what several share.

Pure builders: domain objects in, Slack JSON out; no I/O, no Bolt. Their words are the
catalog's (``handlers.messages``). Every text that could grow with user input is cut to
Slack's limits with an ellipsis, so a long proposal or reason is shortened, never rejected
by Slack. Text people typed goes into mrkdwn through ``literal`` (``handlers.mrkdwn``), so it
is shown as typed and never becomes a mention, a broadcast or a link; ``plain_text``
objects take it as it is.
"""
