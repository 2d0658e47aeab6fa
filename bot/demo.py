"""`consensus-bot demo`: a scripted round, offline, printed as each person would see it.

A chair and five partners of an Ontario Health Team decide on a shared referral form. No
token and no network: the bot runs for real (HTTP, Bolt, SQLite, scheduler) against the
built-in Slack emulator, and every request is signed as Slack signs it.
"""

from __future__ import annotations

import logging

from bot.local import LocalWorkspace, Person

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Dr. Amira Haddad (hospital, chair)")
PARTNERS = (
    Person("U0PRIMARY", "raj", "Raj Patel (primary care)"),
    Person("U0HOME", "lucie", "Lucie Tremblay (home and community care)", "America/Montreal"),
    Person("U0MENTAL", "owen", "Owen Clarke (mental health and addictions)"),
    Person("U0LTC", "grace", "Grace Liu (long-term care)", "America/Winnipeg"),
    Person("U0ADVISOR", "sam", "Sam Okafor (patient and family advisor)", "America/Vancouver"),
)
OBSERVER = Person("U0GUEST", "jo", "Jo Bright (visitor, not a voter)")
PROPOSAL = "Adopt one shared discharge-referral form across all partners"


def _step(title: str) -> None:
    print(f"\n=== {title} ===")


def run_demo() -> int:
    logging.basicConfig(level=logging.ERROR)
    voters = [CHAIR, *PARTNERS]
    people = [*voters, OBSERVER]
    channels = {CHANNEL: ("oht-partners", [p.id for p in people])}
    mentions = " ".join(f"<@{p.id}|{p.name}>" for p in voters)
    with LocalWorkspace(people, channels) as ws:
        sim, emulator = ws.sim, ws.emulator
        _step("The chair opens a round")
        sim.slash_command(
            CHAIR.id, CHANNEL, text=f"start {PROPOSAL} --deadline 3d --voters {mentions}"
        )
        ws.settle()
        ts = ws.round_message(CHANNEL).ts

        _step("Partners respond from the channel")
        raj, lucie, owen, grace, sam = PARTNERS
        sim.click(raj.id, CHANNEL, ts, "vote_1")
        sim.click(lucie.id, CHANNEL, ts, "vote_3")
        ws.settle()
        confirmation = [e for e in emulator.ephemerals(user=lucie.id) if e.blocks][-1]
        sim.click_ephemeral(lucie.id, confirmation, "add_reservation")
        sim.submit_view(lucie.id, inputs={"reason_input": "Home care needs a field for equipment."})
        sim.click(owen.id, CHANNEL, ts, "vote_4")
        sim.click(grace.id, CHANNEL, ts, "explain_5")
        sim.submit_view(
            grace.id, inputs={"reason_input": "How will residents' consent be recorded?"}
        )
        sim.click(sam.id, CHANNEL, ts, "explain_6")
        sim.submit_view(
            sam.id,
            inputs={"reason_input": "Co-design the form with patient advisors, then adopt it."},
        )
        ws.settle()

        _step("Someone who is not a voter clicks, and a partner tries to close")
        sim.click(OBSERVER.id, CHANNEL, ts, "vote_1")
        sim.slash_command(raj.id, CHANNEL, text="close")
        ws.settle()

        _step("The chair closes the round")
        sim.click(CHAIR.id, CHANNEL, ts, "vote_2")
        ws.settle()
        sim.click(CHAIR.id, CHANNEL, ts, "round_close")
        ws.settle()

        print("\nWhat everyone in #oht-partners saw, in order:\n")
        print(emulator.transcript.format())
        print(f"\nThe same, as {sam.real_name} saw it (their own time zone, {sam.tz}):\n")
        print(emulator.transcript.format(viewer=sam.id))
    return 0
