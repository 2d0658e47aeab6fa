"""Slack's request signature, checked by slack_sdk's SignatureVerifier (handlers.http)."""

from __future__ import annotations

import hashlib
import hmac

from handlers.http import signature_checker

SECRET = "local-signing-secret"
NOW = 1_800_000_000.0


def _sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def test_a_request_signed_with_the_secret_within_five_minutes_is_accepted() -> None:
    ok = signature_checker(SECRET, lambda: NOW)
    body = b"command=%2Fconsensus&text=help"
    for skew in (0, 300, -300):
        timestamp = str(int(NOW) + skew)
        assert ok(body, timestamp, _sign(body, timestamp))


def test_a_signature_older_or_newer_than_five_minutes_is_refused() -> None:
    ok = signature_checker(SECRET, lambda: NOW)
    for skew in (301, -301):
        timestamp = str(int(NOW) + skew)
        assert not ok(b"x=1", timestamp, _sign(b"x=1", timestamp))


def test_another_secret_a_changed_body_or_missing_headers_are_refused() -> None:
    ok = signature_checker(SECRET, lambda: NOW)
    timestamp = str(int(NOW))
    assert not ok(b"x=1", timestamp, _sign(b"x=1", timestamp, "another-secret"))
    assert not ok(b"x=2", timestamp, _sign(b"x=1", timestamp))
    assert not ok(b"x=1", None, _sign(b"x=1", timestamp))
    assert not ok(b"x=1", timestamp, None)


def test_a_timestamp_that_is_not_a_number_is_refused_not_an_error() -> None:
    ok = signature_checker(SECRET, lambda: NOW)
    assert not ok(b"x=1", "soon", _sign(b"x=1", "soon"))


def test_a_body_that_is_not_utf8_is_refused_not_an_error() -> None:
    ok = signature_checker(SECRET, lambda: NOW)
    timestamp = str(int(NOW))
    body = b"\xff\xfe not utf-8"
    assert not ok(body, timestamp, _sign(body, timestamp))


def test_without_a_signing_secret_every_request_is_refused() -> None:
    for secret in ("", "   "):
        ok = signature_checker(secret, lambda: NOW)
        timestamp = str(int(NOW))
        assert not ok(b"x=1", timestamp, _sign(b"x=1", timestamp, secret))
