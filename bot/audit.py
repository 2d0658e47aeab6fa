"""The record for an auditor: `consensus-bot export` and `consensus-bot verify`.

The export lists every round in scope with its chair, times, rule profile, quorum, outcome,
revision link, escalation and resolution; every stance change (from the append-only record,
not only the last) with whether and why it counted, computed with the core's own counting
rules (`bot.domain.tally`, `bot.domain.recorded_vote`) over the final state; who did not
respond; and recorded votes with every ballot change and the result. It carries the head of
the record's hash chain (`bot.record`), so a file can be checked against the database.

JSON keeps codes (enum values, ids, ISO-8601 UTC times); CSV is one file for people, one
row per thing, told apart by its ``record`` column (docs/GOVERNANCE.md lists the columns).
The core lays the CSV's rows out but words none of its cells: whoever builds the export (the
composition root) passes ``ExportWords`` from a front end's catalog, which words outcomes,
results, times, why something counted, and sectors. Checking a file against the database
(``check_export``) reports its findings as data (``FileFinding``), for a front end to word.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from types import TracebackType
from typing import Any, Protocol

from bot.domain.recorded_vote import (
    Ballot,
    Choice,
    RecordedVote,
    VoteResult,
    VoteStatus,
    count_vote,
)
from bot.domain.roster import RosterEntry, Standing, Tier, resolve, standing
from bot.domain.round import Round, RoundStatus, Stance
from bot.domain.tally import Outcome, tally
from bot.ports import Clock, Escalation
from bot.record import (
    GENESIS,
    ChainBreak,
    ChainedEntry,
    ChainHead,
    ChainReport,
    RecordStore,
    check_chain,
)
from bot.record_entries import EntryKind, entry_params

EXPORT_FORMAT = "consensus-bot-export/2"
Names = Callable[[str], str]  # a person's id -> their display name ("" when unknown)
Permalink = Callable[[str, str], str]  # (channel, message ts) -> a link ("" when unknown)


class ExportWhy(StrEnum):
    """Why a response (or ballot) counted or not, beyond the person's ``Standing``: the JSON's
    ``why`` codes, with Standing's own values (docs/GOVERNANCE.md lists them all)."""

    AFTER_CLOSE = "after_close"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"
    SEAT_UNANSWERED = "seat_unanswered"  # of someone who did not respond
    SEAT_ANSWERED_BY_OTHER = "seat_answered_by_other"  # of someone who did not respond


# Every ``why`` an export gives, for the front ends' words; an outranked alternate is filed
# behind the speaker (``_Counting.why``).
WHY_CODES: frozenset[str] = frozenset({*Standing, *ExportWhy}) - {Standing.OUTRANKED}
CSV_COLUMNS = (
    "record",
    "workspace",
    "round",
    "proposal",
    "revision",
    "revision_of",
    "chair",
    "chair_name",
    "channel",
    "message_ts",
    "permalink",
    "opened_at",
    "closes_at",
    "closed_at",
    "status",
    "outcome",
    "rule_profile",
    "quorum",
    "seats",
    "quorum_needed",
    "counted_seats",
    "escalation",
    "escalated_by",
    "escalated_at",
    "escalation_due",
    "resolved_by",
    "resolved_at",
    "resolution",
    "vote",
    "result",
    "person",
    "name",
    "organisation",
    "sector",
    "tier",
    "role",
    "level",
    "choice",
    "reason",
    "at",
    "counted",
    "why",
    "entry",
    "entry_hash",
)
# The cells of a response or ballot row that its cited entry vouches for (verify --export).
CITED = ("round", "vote", "person", "level", "choice", "reason", "at", "entry_hash")
# The cells of a round or recorded-vote row that cannot change without a later entry.
SETTLED = (
    "round",
    "proposal",
    "revision",
    "revision_of",
    "chair",
    "opened_at",
    "closes_at",
    "closed_at",
    "status",
    "outcome",
    "rule_profile",
    "quorum",
    "seats",
    "quorum_needed",
    "counted_seats",
    "escalation",
    "escalated_by",
    "escalated_at",
    "escalation_due",
    "resolved_by",
    "resolved_at",
    "resolution",
    "vote",
    "result",
    "why",
)


class AuditStore(RecordStore, Protocol):
    """What the export reads (storage.store.SqlStore)."""

    def __enter__(self) -> AuditStore: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def rounds_since(self, since: datetime | None, workspace: str | None) -> list[Round]: ...
    def votes_for_round(self, round_id: int) -> list[RecordedVote]: ...
    def escalation_for_round(self, round_id: int) -> Escalation | None: ...
    def chained_entries_of_rounds(
        self, round_ids: Sequence[int], upto: int | None = None
    ) -> list[ChainedEntry]: ...


@dataclass(frozen=True)
class Scope:
    since: datetime | None = None
    workspace: str | None = None


def iso(value: datetime | None) -> str | None:
    """ISO-8601 UTC with a ``Z`` (JSON)."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------- building
def build_export(
    store: AuditStore,
    scope: Scope,
    now: datetime,
    names: Names = lambda _user: "",
    permalink: Permalink = lambda _channel, _ts: "",
    upto: ChainHead | None = None,
) -> dict[str, Any]:
    """The export document (JSON-ready, codes), as of the chain head (or ``upto``)."""
    head = upto or store.chain_head() or ChainHead(0, GENESIS)
    rounds = store.rounds_since(scope.since, scope.workspace)
    entries = store.chained_entries_of_rounds([r.id for r in rounds], upto=head.seq)
    by_round: dict[int, list[ChainedEntry]] = {}
    for entry in entries:
        assert entry.fields.round_id is not None
        by_round.setdefault(entry.fields.round_id, []).append(entry)
    cached: dict[str, str] = {}

    def name(user: str) -> str:
        if user not in cached:
            cached[user] = names(user) if user else ""
        return cached[user]

    documents = []
    for round_ in rounds:
        mine = by_round.get(round_.id, [])
        documents.append(
            _round_document(
                round_,
                mine,
                store.escalation_for_round(round_.id),
                store.votes_for_round(round_.id),
                name,
                permalink,
            )
        )
    return {
        "format": EXPORT_FORMAT,
        "exported_at": iso(now),
        "scope": {
            "since": scope.since.date().isoformat() if scope.since else None,
            "workspace": scope.workspace,
        },
        "chain_head": {"seq": head.seq, "hash": head.hash},
        "rounds": documents,
    }


def _person(user: str, member: RosterEntry | None, name: Callable[[str], str]) -> dict[str, Any]:
    listed = member is not None and member.organisation != ""
    return {
        "person": user,
        "name": name(user),
        "organisation": member.organisation if member and listed else None,
        "sector": member.sector if member and listed else None,
        "tier": member.tier.value if member else Tier.VOTING.value,
        "role": member.role.value if member and listed else None,
    }


def _final(entries: Iterable[ChainedEntry], until: datetime | None) -> dict[str, ChainedEntry]:
    """Each person's last change (later time wins; same time, later entry), up to ``until``:
    the rule by which the bot keeps one current level per person."""
    final: dict[str, ChainedEntry] = {}
    for entry in entries:
        if until is not None and entry.fields.at > until:
            continue
        known = final.get(entry.fields.actor)
        if known is None or (entry.fields.at, entry.seq) >= (known.fields.at, known.seq):
            final[entry.fields.actor] = entry
    return final


class _Counting:
    """Who counted, by the core's resolution of seats (the same as tally/count_vote)."""

    def __init__(
        self, voters: tuple[str, ...], members: tuple[RosterEntry, ...], responded: Iterable[str]
    ) -> None:
        self.voters = voters
        self.members = members
        self.responded = frozenset(responded)
        resolution = resolve(voters, members, self.responded)
        self.counted = resolution.counted
        self.waiting = resolution.waiting

    def member(self, user: str) -> RosterEntry | None:
        return next((m for m in self.members if m.user == user), None)

    def why(self, user: str) -> tuple[str, str | None, str | None]:
        """(code, the group's key, who counted instead) for a response: the core's standing,
        with a lower-ranked alternate filed, as before, behind the speaker."""
        place = standing(self.voters, self.members, self.responded, user)
        if place.code in (Standing.BEHIND_SPEAKER, Standing.OUTRANKED):
            return Standing.BEHIND_SPEAKER.value, place.group, place.instead
        if place.code in (Standing.SPEAKER, Standing.ALTERNATE):
            return place.code.value, place.group, None
        return place.code.value, None, None

    def silence(self, user: str) -> tuple[str, str | None, str | None]:
        """(code, group, who answered instead) for a voter who did not respond."""
        member = self.member(user)
        if member is not None and member.tier is Tier.ADVISORY:
            return "advisory_tier", None, None
        if user in self.waiting or member is None or not self.members:
            return ExportWhy.SEAT_UNANSWERED, None, None
        instead = self.counted.get(member.seat)
        if instead is None:  # a member behind a speaker group nobody has answered for
            return ExportWhy.SEAT_UNANSWERED, member.seat, None
        return ExportWhy.SEAT_ANSWERED_BY_OTHER, member.seat, instead


def _round_document(
    round_: Round,
    entries: list[ChainedEntry],
    escalation: Escalation | None,
    votes: list[RecordedVote],
    name: Callable[[str], str],
    permalink: Permalink,
) -> dict[str, Any]:
    members = {m.user: m for m in round_.members}
    closed_at = round_.closed_at if round_.status is RoundStatus.CLOSED else None
    changes = [
        e for e in entries if e.fields.kind == EntryKind.STANCE and e.fields.level is not None
    ]
    final = _final(changes, closed_at)
    stances = [
        Stance(e.fields.actor, e.fields.level or 0, e.fields.text, e.fields.at)
        for e in final.values()
    ]
    counted_tally = tally(round_, stances)
    counting = _Counting(round_.voters, round_.members, (v for v in final if v in round_.voters))
    responses = []
    for entry in changes:
        user = entry.fields.actor
        if closed_at is not None and entry.fields.at > closed_at:
            why: tuple[str, str | None, str | None] = (ExportWhy.AFTER_CLOSE, None, None)
        elif final.get(user) is not entry:
            why = (ExportWhy.SUPERSEDED, None, None)
        elif round_.status is RoundStatus.CANCELLED:
            why = (ExportWhy.CANCELLED, None, None)
        else:
            why = counting.why(user)
        is_counted = why[0] in ("own_seat", "speaker", "alternate")
        responses.append(
            {
                **_person(user, members.get(user), name),
                "level": entry.fields.level,
                "reason": entry.fields.text,
                "at": iso(entry.fields.at),
                "counted": is_counted,
                "why": why[0],
                "group": why[1],
                "counted_instead": why[2],
                "entry": entry.seq,
                "entry_hash": entry.hash,
            }
        )
    silent = []
    for user in round_.voters:
        if user in final:
            continue
        code, group, instead = counting.silence(user)
        silent.append(
            {
                **_person(user, members.get(user), name),
                "why": code,
                "group": group,
                "counted_instead": instead,
            }
        )
    ref = round_.message_ref
    return {
        "round": round_.id,
        "workspace": round_.workspace,
        "channel": round_.channel,
        "message_ts": ref,
        "permalink": (permalink(round_.channel, ref) or None) if ref else None,
        "proposal": round_.title,
        "revision": round_.revision,
        "revision_of": round_.parent_id,
        "chair": round_.chair,
        "chair_name": name(round_.chair),
        "opened_at": iso(round_.opened_at),
        "closes_at": iso(round_.closes_at),
        "closed_at": iso(round_.closed_at),
        "status": round_.status.value,
        "outcome": round_.outcome,
        "rule_profile": round_.profile_key,
        "quorum": str(round_.quorum),
        "seats": counted_tally.eligible,
        "quorum_needed": counted_tally.quorum_needed,
        "counted_seats": len(counted_tally.stances),
        # The outcome recounted from the responses below with the core's tally: it matches
        # `outcome` for a closed round; for an open one it is how things stand.
        "recount": None if round_.status is RoundStatus.CANCELLED else counted_tally.outcome.value,
        "escalation": _escalation_document(escalation, name, permalink),
        "responses": responses,
        "not_responded": silent,
        "recorded_votes": [_vote_document(v, entries, name, permalink) for v in votes],
    }


def _escalation_document(
    escalation: Escalation | None, name: Callable[[str], str], permalink: Permalink
) -> dict[str, Any] | None:
    if escalation is None:
        return None
    ref = escalation.message_ref
    return {
        "id": escalation.id,
        "channel": escalation.channel,
        "message_ts": ref,
        "permalink": (permalink(escalation.channel, ref) or None) if ref else None,
        "escalated_by": escalation.opened_by,
        "escalated_by_name": name(escalation.opened_by),
        "escalated_at": iso(escalation.opened_at),
        "due_at": iso(escalation.due_at),
        "resolved_by": escalation.resolved_by,
        "resolved_by_name": name(escalation.resolved_by) if escalation.resolved_by else None,
        "resolved_at": iso(escalation.resolved_at),
        "resolution": escalation.resolution or None,
    }


def _of_vote(entry: ChainedEntry, kind: EntryKind, vote_id: int) -> dict[str, Any] | None:
    """The parameters of an entry of ``kind`` about recorded vote ``vote_id``, else None."""
    if entry.fields.kind != kind:
        return None
    params = entry_params(entry.fields.kind, entry.fields.text)
    return params if params is not None and params["vote"] == vote_id else None


def _ballot_choice(entry: ChainedEntry, vote_id: int) -> Choice | None:
    params = _of_vote(entry, EntryKind.BALLOT, vote_id)
    return params["choice"] if params else None


def _vote_document(
    vote: RecordedVote,
    entries: list[ChainedEntry],
    name: Callable[[str], str],
    permalink: Permalink,
) -> dict[str, Any]:
    changes = [e for e in entries if _ballot_choice(e, vote.id) is not None]
    final = _final(changes, vote.closed_at)
    ballots = [
        Ballot(e.fields.actor, _ballot_choice(e, vote.id) or Choice.ABSTAIN, e.fields.at)
        for e in final.values()
    ]
    count = count_vote(vote, ballots)
    counting = _Counting(vote.voters, vote.members, (v for v in final if v in vote.voters))
    members = {m.user: m for m in vote.members}
    rows = []
    for entry in changes:
        user = entry.fields.actor
        if vote.status is VoteStatus.CANCELLED:
            why: tuple[str, str | None, str | None] = (ExportWhy.CANCELLED, None, None)
        elif vote.closed_at is not None and entry.fields.at > vote.closed_at:
            why = ("after_close", None, None)
        elif final.get(user) is not entry:
            why = ("superseded", None, None)
        else:
            why = counting.why(user)
        choice = _ballot_choice(entry, vote.id)
        rows.append(
            {
                **_person(user, members.get(user), name),
                "choice": choice.value if choice else None,
                "at": iso(entry.fields.at),
                "counted": why[0] in ("own_seat", "speaker", "alternate"),
                "why": why[0],
                "group": why[1],
                "counted_instead": why[2],
                "entry": entry.seq,
                "entry_hash": entry.hash,
            }
        )
    ref = vote.message_ref
    cancelled = next((e for e in entries if _of_vote(e, EntryKind.VOTE_CANCELLED, vote.id)), None)
    cancellation = _of_vote(cancelled, EntryKind.VOTE_CANCELLED, vote.id) if cancelled else None
    return {
        "vote": vote.id,
        "chair": vote.chair,
        "chair_name": name(vote.chair),
        "message_ts": ref,
        "permalink": (permalink(vote.channel, ref) or None) if ref else None,
        "opened_at": iso(vote.opened_at),
        "closes_at": iso(vote.closes_at),
        "closed_at": iso(vote.closed_at),
        "status": vote.status.value,
        "result": vote.result,
        "threshold": str(vote.rules.threshold),
        "weights": {sector: weight for sector, weight in vote.rules.weights},
        "protect_sector": vote.rules.protect_sector,
        "affected_sector": vote.affected_sector or None,
        "quorum": str(vote.quorum),
        "seats": count.seats,
        "quorum_needed": count.quorum_needed,
        "counted_seats": len(count.counted),
        "for_weight": count.for_weight,
        "against_weight": count.against_weight,
        # Who cancelled a vote called by mistake, and why (null unless cancelled).
        "cancelled_by": cancelled.fields.actor if cancelled else None,
        "cancel_reason": cancellation["reason"] if cancellation else None,
        "ballots": rows,
    }


# --------------------------------------------------------------------------- rendering
def export_json(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class ExportWords(Protocol):
    """The CSV's words for people, from a front end's catalog. The core hands over what the
    JSON holds (codes, ids, numbers, UTC times) and writes none of the words itself. An
    outcome or result this version does not know (a JSON file from a later one) arrives as
    its code, to be shown as it is."""

    def time(self, at: datetime) -> str: ...
    def exported(self, export_format: str, at: datetime) -> str:
        """The export row's ``proposal``: the file's format and when it was written."""
        ...

    def outcome(self, outcome: Outcome | str) -> str: ...
    def result(self, result: VoteResult | str) -> str: ...
    def rule_profile(self, key: str) -> str: ...
    def recount(self, recount: Outcome | str, *, still_open: bool, agrees: bool) -> str:
        """A round's outcome recounted from its responses, and whether it agrees with the
        outcome recorded (``still_open``: how things stand)."""
        ...

    def counted(self, counted: bool) -> str: ...
    def why(self, code: str, group: str | None, instead: str | None, instead_name: str) -> str:
        """Why a response, ballot or silence counted or not: a ``WHY_CODES`` code (an unknown
        one as it is), the seat's group key (``sector:hospital``, ``org:…``) and who counted
        for it instead (id, and name when known)."""
        ...

    def vote_count(self, threshold: str, for_weight: int, against_weight: int) -> str: ...
    def cancelled_by(self, person: str) -> str: ...


def csv_rows(document: dict[str, Any], words: ExportWords) -> list[dict[str, Any]]:
    """The document as the CSV's rows, in ``words`` (not yet neutralised)."""

    def time(value: str | None) -> str:
        return words.time(datetime.fromisoformat(value)) if value else ""

    def why(p: dict[str, Any], names: dict[str, str]) -> str:
        instead = p["counted_instead"]
        return words.why(p["why"], p["group"], instead, names.get(instead, "") if instead else "")

    scope, head = document["scope"], document["chain_head"]
    rows: list[dict[str, Any]] = [
        {
            "record": "export",
            "proposal": words.exported(
                document["format"], datetime.fromisoformat(document["exported_at"])
            ),
            "workspace": scope["workspace"] or "",
            "opened_at": scope["since"] or "",
            "at": time(document["exported_at"]),
            "entry": head["seq"],
            "entry_hash": head["hash"],
        }
    ]
    for r in document["rounds"]:
        names = {
            p["person"]: p["name"] for p in [*r["responses"], *r["not_responded"]] if p["name"]
        }
        base = {"workspace": r["workspace"], "round": r["round"], "proposal": r["proposal"]}
        esc = r["escalation"] or {}
        rows.append(
            {
                **base,
                "record": "round",
                "revision": r["revision"],
                "revision_of": r["revision_of"] or "",
                "chair": r["chair"],
                "chair_name": r["chair_name"],
                "channel": r["channel"],
                "message_ts": r["message_ts"] or "",
                "permalink": r["permalink"] or "",
                "opened_at": time(r["opened_at"]),
                "closes_at": time(r["closes_at"]),
                "closed_at": time(r["closed_at"]),
                "status": r["status"],
                "outcome": _outcome_words(r["outcome"], words),
                "rule_profile": words.rule_profile(r["rule_profile"]),
                "quorum": r["quorum"],
                "seats": r["seats"],
                "quorum_needed": r["quorum_needed"],
                "counted_seats": r["counted_seats"],
                "why": _recount_words(r, words),
                "escalation": esc.get("id", ""),
                "escalated_by": esc.get("escalated_by") or "",
                "escalated_at": time(esc.get("escalated_at")),
                "escalation_due": time(esc.get("due_at")),
                "resolved_by": esc.get("resolved_by") or "",
                "resolved_at": time(esc.get("resolved_at")),
                "resolution": esc.get("resolution") or "",
            }
        )
        for p in r["responses"]:
            rows.append(
                {
                    **base,
                    **_person_cells(p),
                    "record": "response",
                    "level": p["level"],
                    "reason": p["reason"],
                    "at": time(p["at"]),
                    "counted": words.counted(p["counted"]),
                    "why": why(p, names),
                    "entry": p["entry"],
                    "entry_hash": p["entry_hash"],
                }
            )
        for p in r["not_responded"]:
            rows.append(
                {
                    **base,
                    **_person_cells(p),
                    "record": "no_response",
                    "counted": words.counted(False),
                    "why": why(p, names),
                }
            )
        for v in r["recorded_votes"]:
            rows.append(
                {
                    **base,
                    "record": "recorded_vote",
                    "vote": v["vote"],
                    "chair": v["chair"],
                    "chair_name": v["chair_name"],
                    "channel": r["channel"],
                    "message_ts": v["message_ts"] or "",
                    "permalink": v["permalink"] or "",
                    "opened_at": time(v["opened_at"]),
                    "closes_at": time(v["closes_at"]),
                    "closed_at": time(v["closed_at"]),
                    "status": v["status"],
                    "result": _result_words(v["result"], words),
                    "quorum": v["quorum"],
                    "seats": v["seats"],
                    "quorum_needed": v["quorum_needed"],
                    "counted_seats": v["counted_seats"],
                    "reason": v["cancel_reason"] or "",
                    "why": words.cancelled_by(v["cancelled_by"])
                    if v["cancelled_by"]
                    else words.vote_count(v["threshold"], v["for_weight"], v["against_weight"]),
                }
            )
            for b in v["ballots"]:
                rows.append(
                    {
                        **base,
                        **_person_cells(b),
                        "record": "ballot",
                        "vote": v["vote"],
                        "choice": b["choice"] or "",
                        "at": time(b["at"]),
                        "counted": words.counted(b["counted"]),
                        "why": why(b, names),
                        "entry": b["entry"],
                        "entry_hash": b["entry_hash"],
                    }
                )
    return rows


def _person_cells(p: dict[str, Any]) -> dict[str, Any]:
    return {
        "person": p["person"],
        "name": p["name"],
        "organisation": p["organisation"] or "",
        "sector": p["sector"] or "",
        "tier": p["tier"] or "",
        "role": p["role"] or "",
    }


def _outcome_words(code: str | None, words: ExportWords) -> str:
    return words.outcome(Outcome(code) if code in set(Outcome) else code) if code else ""


def _recount_words(r: dict[str, Any], words: ExportWords) -> str:
    if r["recount"] is None:
        return ""
    recount = r["recount"]
    return words.recount(
        Outcome(recount) if recount in set(Outcome) else recount,
        still_open=r["status"] == RoundStatus.OPEN.value,
        agrees=r["recount"] == r["outcome"],
    )


def _result_words(code: str | None, words: ExportWords) -> str:
    return words.result(VoteResult(code) if code in set(VoteResult) else code) if code else ""


def export_csv_text(
    document: dict[str, Any], neutralise: Callable[[Any], Any], words: ExportWords
) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(document, words):
        full = {column: row.get(column, "") for column in CSV_COLUMNS}
        writer.writerow({key: neutralise(value) for key, value in full.items()})
    return out.getvalue()


# --------------------------------------------------------------------------- verifying
def verify_chain(store: RecordStore) -> ChainReport:
    """Check the whole chain, also while a bot appends to it.

    An append inserts its entries and moves the head in one commit, so the head is read
    after the entries: any entry read before it that lies beyond it was not appended by the
    bot. Entries appended while the check runs are read in a further pass.
    """
    head: list[ChainHead | None] = [None]

    def entries() -> Iterator[ChainedEntry]:
        after = 0
        while True:
            count = 0
            for entry in store.chain_entries(after=after):
                count, after = count + 1, entry.seq
                yield entry
            head[0] = store.chain_head()
            if not count or head[0] is None or head[0].seq <= after:
                return

    return check_chain(entries(), lambda: head[0], store.unchained_entries())


class RowKind(StrEnum):
    """The rows the chain vouches for: a response's or ballot's entry, a round, a vote."""

    ENTRY = "entry"
    ROUND = "round"
    VOTE = "vote"


@dataclass(frozen=True)
class RowKey:
    """Which row: the cells that name it, as the file holds them (text, compared as text)."""

    kind: RowKind
    entry: str = ""  # ENTRY: the entry a response or ballot row cites
    round: str = ""  # ROUND and VOTE: the round's id
    vote: str = ""  # VOTE: the recorded vote's id


class FindingCode(StrEnum):
    """What checking a file found (the fields of ``FileFinding`` each uses)."""

    UNREADABLE = "unreadable"  # ``detail``: why it cannot be read as an export
    RECORD_BROKEN = "record_broken"  # the database's own chain is broken: ``chain``
    HEAD_NOT_IN_CHAIN = "head_not_in_chain"  # the file's ``head`` is no entry of the chain
    ROW_NOT_IN_DATABASE = "row_not_in_database"  # ``key`` (and ``more`` problems after it)
    ROW_NOT_IN_FILE = "row_not_in_file"  # ``key`` (and ``more``)
    ROW_DIFFERS = "row_differs"  # ``key``'s first differing ``column``, both values (``more``)
    MATCHES = "matches"  # ``cited`` and ``settled`` rows hold what the chain does up to ``head``
    LATER_ENTRIES = "later_entries"  # ``later`` entries after the file's head, up to ``upto``


@dataclass(frozen=True)
class FileFinding:
    """One finding of a file check, as data: the code says which fields are filled in."""

    code: FindingCode
    detail: str = ""  # UNREADABLE: the error met reading it, as Python shows it
    chain: ChainBreak | None = None
    head: ChainHead | None = None  # the file's chain head
    key: RowKey | None = None
    column: str = ""
    in_file: str = ""
    in_database: str = ""
    more: int = 0  # further row problems after this one, not reported one by one
    cited: int = 0  # response and ballot rows
    settled: int = 0  # round and recorded-vote rows
    later: int = 0
    upto: int = 0  # the database's chain head


@dataclass(frozen=True)
class FileCheck:
    """An exported file checked against the database: whether it passes, and why (or why not)."""

    ok: bool
    findings: tuple[FileFinding, ...]


def _flat(rows: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]


def _file_rows(text: str, words: ExportWords) -> tuple[list[dict[str, str]], bool]:
    """An export's rows in the CSV's shape (a JSON export is flattened the same way), and
    whether it was CSV."""
    if text.lstrip().startswith("{"):
        return _flat(csv_rows(json.loads(text), words)), False
    return list(csv.DictReader(io.StringIO(text))), True


def _scope(since: str, workspace: str) -> Scope:
    return Scope(
        datetime.strptime(since, "%Y-%m-%d").replace(tzinfo=UTC) if since else None,
        workspace or None,
    )


def _by_key(rows: Iterable[dict[str, str]], later: set[int]) -> dict[RowKey, dict[str, str]]:
    """The rows the chain vouches for, by what they are: each entry-citing row (response,
    ballot), and each round (with its recorded votes) that has no entry after the head."""
    keyed: dict[RowKey, dict[str, str]] = {}
    for row in rows:
        record = row.get("record", "")
        if record in ("response", "ballot") and row.get("entry"):
            keyed[RowKey(RowKind.ENTRY, entry=row["entry"])] = {k: row.get(k) or "" for k in CITED}
        elif record in ("round", "recorded_vote") and row.get("round"):
            if int(row["round"]) in later:
                continue  # it has changed since the export; its later entries say how
            key = (
                RowKey(RowKind.VOTE, round=row["round"], vote=row["vote"])
                if record == "recorded_vote"
                else RowKey(RowKind.ROUND, round=row["round"])
            )
            keyed[key] = {k: row.get(k) or "" for k in SETTLED}
    return keyed


def check_export(
    store: RecordStore,
    expected_at: Callable[[ChainHead, Scope], dict[str, Any]],
    text: str,
    neutralise: Callable[[Any], Any],
    words: ExportWords,
    *,
    current: bool = False,
) -> FileCheck:
    """Check an exported file against the database.

    The file passes when the database's chain is intact, the file's chain head is an entry
    of that chain, and what the chain vouches for in the file is exactly what the database
    gives for the file's scope up to that head: every response and ballot row (person,
    level or choice, reason, time, hash), and the round and recorded-vote rows of rounds
    with no entry after the head (chair, times, outcome, result, escalation, resolution, …).
    Entries recorded after the export are reported; with ``current`` they fail the check.
    """
    try:
        rows, is_csv = _file_rows(text, words)
        first = next(r for r in rows if r.get("record") == "export")
        head = ChainHead(int(first["entry"]), first["entry_hash"])
        scope = _scope(first.get("opened_at") or "", first.get("workspace") or "")
    except (ValueError, KeyError, TypeError, StopIteration) as error:
        return _fails(FileFinding(FindingCode.UNREADABLE, detail=repr(error)))
    chain = verify_chain(store)
    if chain.broken is not None:
        return _fails(FileFinding(FindingCode.RECORD_BROKEN, chain=chain.broken))
    at_head = store.chain_entry(head.seq) if head.seq else None
    if (head.seq and at_head is None) or (at_head.hash if at_head else GENESIS) != head.hash:
        return _fails(FileFinding(FindingCode.HEAD_NOT_IN_CHAIN, head=head))
    later = {e.fields.round_id for e in store.chain_entries(after=head.seq) if e.fields.round_id}
    document = expected_at(head, scope)
    expected_rows = (
        list(csv.DictReader(io.StringIO(export_csv_text(document, neutralise, words))))
        if is_csv
        else _flat(csv_rows(document, words))
    )
    mine, theirs = _by_key(rows, later), _by_key(expected_rows, later)
    problems: list[FileFinding] = []
    for key in sorted(set(mine) | set(theirs), key=_natural):
        if key not in theirs:
            problems.append(FileFinding(FindingCode.ROW_NOT_IN_DATABASE, key=key))
        elif key not in mine:
            problems.append(FileFinding(FindingCode.ROW_NOT_IN_FILE, key=key))
        else:
            changed = [k for k in mine[key] if mine[key][k] != theirs[key][k]]
            if changed:
                column = changed[0]
                problems.append(
                    FileFinding(
                        FindingCode.ROW_DIFFERS,
                        key=key,
                        column=column,
                        in_file=mine[key][column],
                        in_database=theirs[key][column],
                    )
                )
    if problems:
        return _fails(replace(problems[0], more=len(problems) - 1))
    cited = sum(1 for key in theirs if key.kind is RowKind.ENTRY)
    findings = [
        FileFinding(FindingCode.MATCHES, head=head, cited=cited, settled=len(theirs) - cited)
    ]
    now_head = store.chain_head() or ChainHead(0, GENESIS)
    if now_head.seq > head.seq:
        findings.append(
            FileFinding(
                FindingCode.LATER_ENTRIES,
                head=head,
                later=now_head.seq - head.seq,
                upto=now_head.seq,
            )
        )
        if current:
            return FileCheck(False, tuple(findings))
    return FileCheck(True, tuple(findings))


def _fails(finding: FileFinding) -> FileCheck:
    return FileCheck(False, (finding,))


# Rows are reported entries first (by entry), then rounds, then recorded votes (by vote).
_KIND_ORDER = (RowKind.ENTRY, RowKind.ROUND, RowKind.VOTE)


def _natural(key: RowKey) -> tuple[int, int, int, str]:
    number = key.entry if key.kind is RowKind.ENTRY else key.vote
    return (
        _KIND_ORDER.index(key.kind),
        int(number) if number.isdigit() else 0,
        int(key.round) if key.round.isdigit() else 0,
        key.round,
    )


class Audit:
    """The export and the checks, over a database (the command line's use-cases)."""

    def __init__(
        self,
        store: Callable[[], AuditStore],
        clock: Clock,
        neutralise: Callable[[Any], Any],
        names: Names = lambda _user: "",
        permalink: Permalink = lambda _channel, _ts: "",
        *,
        words: ExportWords,
    ) -> None:
        self._store = store
        self._clock = clock
        self._neutralise = neutralise
        self._words = words
        self.names = names
        self.permalink = permalink

    def export(self, scope: Scope, upto: ChainHead | None = None) -> dict[str, Any]:
        with self._store() as store:
            return build_export(
                store, scope, self._clock.now(), self.names, self.permalink, upto=upto
            )

    def render(self, document: dict[str, Any], fmt: str) -> str:
        if fmt == "json":
            return export_json(document)
        return export_csv_text(document, self._neutralise, self._words)

    def verify(self) -> ChainReport:
        with self._store() as store:
            return verify_chain(store)

    def check_file(self, text: str, *, current: bool = False) -> FileCheck:
        with self._store() as store:
            return check_export(
                store,
                lambda head, scope: build_export(store, scope, self._clock.now(), upto=head),
                text,
                self._neutralise,
                self._words,
                current=current,
            )
