"""A channel of 1,000 people, with Slack's rate tiers enforced by the emulator."""

from __future__ import annotations

from collections import Counter

from harness.local import LocalWorkspace, Person

CHANNEL = "C0EVERYONE"
CHAIR = Person("U0CHAIR", "amira", "Amira Haddad")
PEOPLE = [CHAIR, *(Person(f"U1{i:05d}", f"p{i}", f"Partner {i}") for i in range(999))]


def test_a_round_in_a_channel_of_1000_opens_with_a_few_bulk_look_ups_and_no_rate_limit() -> None:
    channels = {CHANNEL: ("everyone", [p.id for p in PEOPLE])}
    with LocalWorkspace(PEOPLE, channels) as ws:
        ws.emulator.rate_limits.enable()  # Slack's tiers, per method per minute
        answer = ws.sim.slash_command(CHAIR.id, CHANNEL, text="start Extend clinic hours")
        assert answer.status == 200
        ws.settle()
        message = ws.round_message(CHANNEL)
        assert "0 of 1000 have responded" in message.text
        calls = Counter(c.method for c in ws.emulator.calls)
        assert calls["users.info"] <= 1, calls  # the chair's time zone at most
        # 1,000 people and the bot: 6 pages of 200, and 2 pages of members (the bot is one)
        assert calls["users.list"] == 6 and calls["conversations.members"] == 2, calls
        assert not [c for c in ws.emulator.calls if c.status == 429]
        assert "Proposal #1 is open" in ws.emulator.ephemerals(user=CHAIR.id)[-1].text
