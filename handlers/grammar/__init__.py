"""The `/consensus` grammar: Slack's slash-command text in, the core's requests out.

Slack's syntax (mentions, channel links, escaping), the subcommand table with its usage and
help lines, and the refusals that say what to type instead live here, in the front end; the
core takes only the typed requests (``bot.requests``).
"""
