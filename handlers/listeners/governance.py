"""Governance listeners: roster/revise/vote/log subcommands, ballots, the revise modal."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.errors import ConsensusError, InvalidInput
from bot.domain.recorded_vote import Choice
from bot.requests import (
    CallVote,
    CancelVote,
    CloseVote,
    ConfigGovernance,
    GovernanceCommand,
    Revise,
    RosterRemove,
    RosterSet,
    RosterShow,
    ShowLog,
)
from bot.usecases.governance_service import GovernanceService
from handlers import block_kit, ids, messages
from handlers.grammar.values import parse_deadline
from handlers.listeners import chair as chair_controls
from handlers.listeners.deps import Deps, after_ack, channel_id, log, user_id, workspace_of
from handlers.listeners.view_state import metadata, submitted_text
from handlers.messages import recorded_vote as vote_words
from handlers.messages import revision as revision_words
from handlers.messages import roster as roster_words
from handlers.messages import round_message as round_words
from handlers.messages.outcome import result_name
from handlers.views import common
from handlers.views import decision_log as log_view
from handlers.views import recorded_vote as vote_view
from handlers.views import revision as revision_view
from handlers.views import roster as roster_view

Reply = dict[str, Any]
UNAVAILABLE = "Partnership governance is not set up in this deployment."


def _governance(deps: Deps) -> GovernanceService:
    if deps.governance is None:
        raise InvalidInput(UNAVAILABLE)
    return deps.governance


async def _tell(respond: AsyncRespond, text: str, body: list[dict[str, Any]] | None = None) -> None:
    answer = respond(
        response_type="ephemeral", replace_original=False, text=text, blocks=body or None
    )
    await after_ack("an ephemeral answer", answer)


async def handle_command(
    deps: Deps,
    command: GovernanceCommand,
    body: dict[str, Any],
    respond: AsyncRespond,
    client: AsyncWebClient,
    team: str,
) -> None:
    """Carry out a governance subcommand (already acknowledged) and answer privately.

    ``team`` is the installation's workspace (`deps.workspace_of`), not the person's.
    """
    language = await deps.language_of(str(body.get("user_id", "")))
    try:
        if isinstance(command, Revise):
            await _open_revise_form(
                deps,
                client,
                str(body.get("trigger_id", "")),
                team,
                str(body.get("channel_id", "")),
                command.round_id,
                str(body.get("user_id", "")),
                language,
            )
            return
        reply = await deps.call(run_command, deps, command, body, team, language)
    except ConsensusError as error:
        reply = {"text": common.error_text(error, language)}
    answer = respond(response_type="ephemeral", replace_original=False, **reply)
    await after_ack("answering a governance command", answer)


def run_command(
    deps: Deps,
    command: GovernanceCommand,
    body: dict[str, Any],
    team: str,
    language: str | None = None,
) -> Reply:
    """The work of a governance subcommand, in a worker thread; answered in ``language``."""
    say = messages.say
    gov = _governance(deps)
    user = str(body.get("user_id", ""))
    channel = str(body.get("channel_id", ""))
    if isinstance(command, RosterShow):
        return {
            "text": messages.label(roster_words.ROSTER_TITLE, language),
            "blocks": roster_view.roster_message(gov.roster(team), team, language),
        }
    if isinstance(command, RosterSet):
        entry = gov.set_roster_entry(team, user, command)
        return {"text": roster_view.roster_set_text(entry, language)}
    if isinstance(command, RosterRemove):
        gov.remove_roster_entry(team, user, command.user)
        removed = f"<@{command.user}>"
        return {"text": say(roster_words.ROSTER_REMOVED, language, person=removed)}
    if isinstance(command, ConfigGovernance):
        change = gov.configure(team, user, command.key, command.value)
        return {"text": roster_view.configured_text(change, language)}
    if isinstance(command, CallVote):
        vote = gov.call_vote(
            team, channel, command.round_id, user, command.deadline, command.sector
        )
        closes = block_kit.when(vote.closes_at, language=language)
        called = say(
            vote_words.VOTE_CALLED, language, vote=vote.id, round=vote.round_id, closes=closes
        )
        return {"text": called}
    if isinstance(command, CloseVote):
        vote, closed_now = gov.close_vote(command.vote_id, user)
        closed = vote_words.VOTE_CLOSED_NOW if closed_now else vote_words.VOTE_WAS_CLOSED
        result = messages.label(result_name(vote.result), language)
        return {"text": say(closed, language, vote=vote.id, result=result)}
    if isinstance(command, CancelVote):
        vote = gov.cancel_vote(command.vote_id, user, command.reason)
        cancelled = say(vote_words.VOTE_CANCELLED, language, vote=vote.id, round=vote.round_id)
        return {"text": cancelled}
    if isinstance(command, ShowLog):
        if command.round_id is None:
            rounds = gov.recent_decisions(team, channel, user)
            return {"text": "Recent decisions", "blocks": log_view.recent_message(rounds, language)}
        round_ = deps.service.find_round(team, channel, command.round_id, reader=user)
        decision = gov.decision(round_.id)
        return {"text": "Decision record", "blocks": log_view.decision_message(decision, language)}
    log.error("unhandled governance command %r", command)
    return {"text": f":warning: {say(round_words.DID_NOT_WORK, language)}"}


async def _open_revise_form(
    deps: Deps,
    client: AsyncWebClient,
    trigger_id: str,
    team: str,
    channel: str,
    round_id: int | None,
    user: str,
    language: str | None = None,
) -> None:
    """Open a modal at once (a trigger_id lives 3 seconds), then fill it from the database."""
    label = messages.label
    try:
        opened = await client.views_open(
            trigger_id=trigger_id,
            view=common.notice_modal(
                label(revision_words.REVISE_TITLE, language),
                label(revision_words.LOADING, language),
                language,
            ),
        )
        view_id = str(opened["view"]["id"])
    except Exception as error:  # the click is already acknowledged: log, do not raise
        log.warning("could not open the revise form: %s", type(error).__name__)
        return
    try:
        form = await deps.call(_governance(deps).revision_form, team, channel, round_id, user)
        view = revision_view.revise_modal(form, channel, language)
    except ConsensusError as error:
        view = common.notice_modal(
            label(revision_words.CANNOT_REVISE, language),
            common.error_text(error, language),
            language,
        )
    await after_ack("filling the revise form", client.views_update(view_id=view_id, view=view))


def register(app: AsyncApp, deps: Deps) -> None:
    @app.action(ids.REVISE_ACTION)
    async def on_revise(
        ack: AsyncAck,
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
        context: AsyncBoltContext,
    ) -> None:
        """Chair: open the revise modal from the outcome message."""
        await ack()
        parsed = chair_controls.button_value(action)
        if parsed is None:
            return
        round_id, chair = parsed
        user = user_id(body)
        if user != chair:
            language = await deps.language_of(user_id(body))
            await _tell(respond, chair_controls.only_the_chair(chair, "revise", round_id, language))
            return
        await _open_revise_form(
            deps,
            client,
            str(body.get("trigger_id", "")),
            workspace_of(context),
            channel_id(body),
            round_id,
            user,
            await deps.language_of(user),
        )

    @app.view(ids.REVISE_VIEW)
    async def on_revise_submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """The revise form: the revision opens once every field checks out."""
        meta = metadata(view)
        user = user_id(body)
        language = await deps.language_of(user)
        errors: dict[str, str] = {}
        title = submitted_text(view, ids.TITLE_BLOCK).strip()
        if not title:
            errors[ids.TITLE_BLOCK] = messages.label(revision_words.NO_TITLE, language)
        deadline = None
        try:
            deadline = parse_deadline(submitted_text(view, ids.DEADLINE_BLOCK) or "3d")
        except ConsensusError as error:
            errors[ids.DEADLINE_BLOCK] = messages.render_plain(error, language)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        adopted = submitted_text(view, ids.ADOPT_BLOCK)
        try:
            round_ = await deps.call(
                _governance(deps).revise_round,
                int(meta["round"]),
                user,
                title,
                revision_view.details_as_marked(submitted_text(view, ids.DETAILS_BLOCK)),
                submitted_text(view, ids.ANSWERS_BLOCK),
                "" if adopted in ("", ids.KEEP_PROPOSAL) else adopted,
                deadline,
            )
        except ConsensusError as error:
            refusal = messages.render_plain(error, language)
            await ack(response_action="errors", errors={ids.TITLE_BLOCK: refusal})
            return
        except (KeyError, ValueError, TypeError):
            out_of_date = messages.label(revision_words.OUT_OF_DATE, language)
            await ack(response_action="errors", errors={ids.TITLE_BLOCK: out_of_date})
            return
        await ack()
        channel = str(meta.get("channel", ""))
        if channel:
            try:
                await client.chat_postEphemeral(
                    channel=channel,
                    user=user,
                    text=messages.say(
                        revision_words.REVISION_OPEN,
                        language,
                        round=block_kit.round_name(round_, language),
                        closes=block_kit.when(round_.closes_at, language=language),
                        parent=round_.parent_id,
                    ),
                )
            except Exception as error:  # the revision is open; a lost confirmation is only logged
                log.warning("could not confirm the revision: %s", type(error).__name__)

    @app.action(ids.BALLOT_ACTION)
    async def on_ballot(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """For / Against / Abstain in a recorded vote; acknowledged once stored."""
        match = ids.BALLOT_ACTION.match(str(action.get("action_id", "")))
        try:
            assert match is not None
            vote_id, choice = int(str(action.get("value"))), Choice(match.group(1))
        except (AssertionError, ValueError):
            await ack()
            return
        try:
            result = await deps.call(_governance(deps).cast_ballot, vote_id, user_id(body), choice)
        except ConsensusError as error:
            await ack()
            await _tell(respond, common.error_text(error, await deps.language_of(user_id(body))))
            return
        await ack()
        language = await deps.language_of(user_id(body))
        await _tell(
            respond,
            vote_view.ballot_confirmation(vote_id, choice, result.previous, language),
        )

    @app.action(ids.CLOSE_VOTE_ACTION)
    async def on_close_vote(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        """Chair: close the recorded vote now."""
        await ack()
        try:
            vote_text, _chair = ids.unpack(action.get("value"), 2)
            vote_id = int(vote_text)
        except ValueError:
            return
        language = await deps.language_of(user_id(body))
        try:
            vote, closed_now = await deps.call(_governance(deps).close_vote, vote_id, user_id(body))
        except ConsensusError as error:
            await _tell(respond, common.error_text(error, language))
            return
        closed = vote_words.VOTE_CLOSED if closed_now else vote_words.VOTE_ALREADY_CLOSED
        result = messages.label(result_name(vote.result), language)
        await _tell(respond, messages.say(closed, language, vote=vote.id, result=result))
