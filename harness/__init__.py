"""Test and demo support: the real bot wired to the Slack emulator. Not shipped in the wheel.

``harness.local`` runs the whole bot (uvicorn, signed requests, Bolt, SQL, the scheduler)
against ``slack_emulator`` with simulated people; the end-to-end tests and the demo
(``python -m harness.demo``, or ``make demo``) use it. No production module imports this
package or the emulator (an import-linter contract in ``make test`` keeps it so).
"""
