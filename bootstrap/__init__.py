"""The composition root: settings, wiring, the scheduler and the `consensus-bot` command.

The one package that imports every side (the core, the Slack front end, storage, the web
server, the scheduler); nothing imports it but the harness and the tests.
"""
