"""Errors a person can cause. Each message says what to do instead."""

from __future__ import annotations


class ConsensusError(Exception):
    """Base for errors whose message is shown to the person who caused them."""

    @property
    def message(self) -> str:
        return str(self)


class InvalidInput(ConsensusError):
    """The request is malformed or asks for something impossible."""


class NotAllowed(ConsensusError):
    """The person may not do this."""


class NotFound(ConsensusError):
    """The thing referred to does not exist here."""


class Conflict(ConsensusError):
    """The request does not fit the current state (e.g. the round is closed)."""
