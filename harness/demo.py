"""The demo: a scripted round, offline, printed as each person would see it.

Run it from a clone with `make demo` (or `python -m harness.demo`).

A chair and five partners of an Ontario Health Team decide on a shared referral form. No
token and no network: the bot runs for real (HTTP, Bolt, SQLite, scheduler) against the
built-in Slack emulator, and every request is signed as Slack signs it.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from bootstrap.app import offline_audit
from bot.audit import Scope
from harness.local import LocalWorkspace, Person

CHANNEL = "C0PARTNERS"
CHAIR = Person("U0CHAIR", "amira", "Dr. Amira Haddad (hospital, chair)", is_admin=True)
PARTNERS = (
    Person("U0PRIMARY", "raj", "Raj Patel (primary care)"),
    Person("U0HOME", "lucie", "Lucie Tremblay (home and community care)", "America/Montreal"),
    Person("U0MENTAL", "owen", "Owen Clarke (mental health and addictions)"),
    Person("U0LTC", "grace", "Grace Liu (long-term care)", "America/Winnipeg"),
    Person("U0ADVISOR", "sam", "Sam Okafor (patient and family advisor)", "America/Vancouver"),
)
ASSOCIATE = Person("U0ASSOC", "pat", "Pat Singh (community agency, associate partner)")
OBSERVER = Person("U0GUEST", "jo", "Jo Bright (visitor, not a voter)")
# The partnership roster: each organisation's sector, tier, and who speaks for the sector.
ROSTER = (
    (CHAIR, "Lakeridge Health", "hospital", "voting speaker"),
    (PARTNERS[0], "Riverside FHT", "primary-care", "voting speaker"),
    (PARTNERS[1], "Carefirst", "home-and-community-care", "voting speaker"),
    (PARTNERS[2], "CMHA Durham", "mental-health-and-addictions", "voting speaker"),
    (PARTNERS[3], "Fairview Lodge", "long-term-care", "voting speaker"),
    (PARTNERS[4], "Patient and family advisors", "patient-family-caregiver", "voting"),
    (ASSOCIATE, "Community Care Network", "community-support", "advisory"),
)
EXPORT_PREVIEW_LINES = 6
PROPOSAL = "Adopt one shared discharge-referral form across all partners"


def _show(ws: LocalWorkspace, title: str) -> None:
    """Print what people saw since the last step, then start the next step afresh."""
    ws.settle()
    print(f"\n=== {title} ===\n")
    print(ws.emulator.transcript.format())
    ws.emulator.transcript.clear()


def run_demo() -> int:
    logging.basicConfig(level=logging.ERROR)
    voters = [CHAIR, *PARTNERS, ASSOCIATE]
    people = [*voters, OBSERVER]
    channels = {CHANNEL: ("oht-partners", [p.id for p in people])}
    mentions = " ".join(f"<@{p.id}|{p.name}>" for p in voters)
    with LocalWorkspace(people, channels) as ws:
        sim, emulator = ws.sim, ws.emulator
        # Shared messages as the partnership reads them.
        emulator.transcript.default_tz = CHAIR.tz or "UTC"
        for person, organisation, sector, role in ROSTER:
            sim.slash_command(
                CHAIR.id,
                CHANNEL,
                text=f'roster set <@{person.id}|{person.name}> "{organisation}" {sector} {role}',
            )
            ws.settle()
        emulator.transcript.clear()
        sim.slash_command(CHAIR.id, CHANNEL, text="roster")
        _show(ws, "0. The partnership's roster: a speaker per sector, an associate (advisory)")
        command = f"start {PROPOSAL} --deadline 3d --voters {mentions}"
        sim.slash_command(CHAIR.id, CHANNEL, text=command)
        _show(ws, f"1. The chair types: /consensus {command}")
        ts = ws.round_message(CHANNEL).ts

        raj, lucie, owen, grace, sam = PARTNERS
        sim.click(raj.id, CHANNEL, ts, "vote_1")
        sim.click(lucie.id, CHANNEL, ts, "vote_3")
        _show(ws, "2. Raj clicks [1 Full support]; Lucie clicks [3 Support with reservations]")

        confirmation = [e for e in emulator.ephemerals(user=lucie.id) if e.blocks][-1]
        sim.click_ephemeral(lucie.id, confirmation, "add_reservation")
        sim.submit_view(lucie.id, inputs={"reason_input": "Home care needs a field for equipment."})
        sim.click(owen.id, CHANNEL, ts, "vote_4")
        _show(ws, "3. Lucie adds a reservation; Owen clicks [4 Not thrilled, will not block]")

        sim.click(grace.id, CHANNEL, ts, "explain_5")
        sim.submit_view(
            grace.id, inputs={"reason_input": "How will residents' consent be recorded?"}
        )
        sim.click(sam.id, CHANNEL, ts, "explain_6")
        sim.submit_view(
            sam.id,
            inputs={"reason_input": "Co-design the form with patient advisors, then adopt it."},
        )
        _show(ws, "4. Grace picks 5 and Sam picks 6: each must explain before it counts")

        sim.click(ASSOCIATE.id, CHANNEL, ts, "vote_2")
        sim.click(OBSERVER.id, CHANNEL, ts, "vote_1")
        sim.slash_command(raj.id, CHANNEL, text="close")
        _show(ws, "5. Pat (advisory) and a visitor click a level; Raj tries /consensus close")

        sim.click(CHAIR.id, CHANNEL, ts, "vote_2")
        sim.click(CHAIR.id, CHANNEL, ts, "round_close")
        _show(ws, "6. The chair votes, then presses [Close now]")

        print(f"\nThe round message as {sam.real_name} reads it ({sam.tz}):\n")
        message = ws.round_message(CHANNEL)
        from slack_emulator.transcript import render_blocks

        print(render_blocks(message.blocks, emulator.display_name, sam.tz or "UTC", None))
        assert ws.bot is not None
        _export(ws.bot.engine, emulator.team_id)
    return 0


def _export(engine: Engine, workspace: str) -> None:
    """The auditors' export of the decision record, as `consensus-bot export` writes it."""
    audit = offline_audit(engine, names=False, err=sys.stderr)
    document = audit.export(Scope(workspace=workspace))
    path = Path(tempfile.mkdtemp(prefix="consensus-demo-")) / "decision-record.csv"
    path.write_text(audit.render(document, "csv"), encoding="utf-8")
    print(f"\n=== 7. The export (consensus-bot export --format csv) written to {path} ===\n")
    with path.open(encoding="utf-8") as written:
        for line in list(written)[:EXPORT_PREVIEW_LINES]:
            print(line.rstrip()[:160])


if __name__ == "__main__":
    sys.exit(run_demo())
