"""A second, minimal front end: plain text lines in, plain text lines out.

It runs rounds through the same core as the Slack front end (``handlers/``) without any
change to ``bot/``: it provides the ports a front end owes the core (``bot.ports.Notifier``
and ``bot.ports.Directory``) by writing lines to a stream, and turns lines such as
``ben> level 2`` into calls of ``bot.usecases.consensus_service.ConsensusService``. It is the spike of issue 12
("a second front end without any change to the core"); what it found missing in the core
is written down in docs/ARCHITECTURE.md.

It imports neither Slack, nor the Slack front end, nor storage: a composition function
outside this package (``harness/terminal_demo.py``, the tests' fixture) wires it to a store.
"""
