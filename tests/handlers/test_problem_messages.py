"""The catalog's words for the rounds', roster's, recorded votes', escalations' and
coordinators' problems: the same text the core used to write, now rendered by the front end
(people as mentions, channels as links, typed text escaped, the command's name filled in)."""

from __future__ import annotations

from fractions import Fraction

from bot.domain.errors import Conflict, InvalidInput, NotAllowed, NotFound, Person, Place, Typed
from bot.domain.roster import RosterProblem
from bot.domain.round import ChairAction, RoundProblem
from bot.usecases.context import no_such_round
from bot.usecases.coordinators import CoordinatorAction, CoordinatorProblem
from bot.usecases.escalations import EscalationProblem
from bot.usecases.roster import RosterFileProblem
from handlers import messages
from handlers.views import common


def test_every_chair_action_and_coordinator_action_has_words() -> None:
    for action in (*ChairAction, *CoordinatorAction):
        assert action in messages.LABELS


def test_a_chair_only_action_reads_as_the_chair_asked_to_do_it() -> None:
    error = NotAllowed(
        RoundProblem.NOT_CHAIR, chair=Person("U1"), action=ChairAction.REMIND, round=7
    )
    assert messages.render(error) == (
        "Only the chair (<@U1>) can send reminders for round #7. "
        "Ask them, or start your own round with `/consensus start`."
    )


def test_coordinators_are_listed_after_the_workspace_admins() -> None:
    named = NotAllowed(
        CoordinatorProblem.ADMINS_AND_NAMED,
        action=CoordinatorAction.CHANGE_RULES,
        coordinators=(Person("U1"), Person("U2")),
    )
    assert messages.render(named) == (
        "Only the partnership's coordinators (workspace admins and <@U1>, <@U2>) can change "
        "the partnership's rules. Ask one of them; a workspace admin can add coordinators "
        "with `/consensus config coordinators @name`."
    )
    alone = NotAllowed(CoordinatorProblem.ADMINS_ONLY, action=CoordinatorAction.NAME_COORDINATORS)
    assert messages.render(alone).startswith(
        "Only the partnership's coordinators (workspace admins) can name coordinators. "
    )


def test_a_usage_line_shows_its_placeholders_in_slack_and_in_plain_text() -> None:
    error = NotFound(RoundProblem.NONE_OPEN)
    assert messages.render(error).endswith("start one with `/consensus start &lt;proposal&gt;`.")
    assert messages.render_plain(error).endswith("start one with `/consensus start <proposal>`.")


def test_a_resolution_already_recorded_is_quoted_as_typed() -> None:
    error = Conflict(
        EscalationProblem.ALREADY_RESOLVED,
        escalation=3,
        by=Person("U0BEN"),
        resolution=Typed("<!here> pilot & review"),
    )
    assert messages.render(error) == (
        "Escalation 3 was already resolved by <@U0BEN>: &lt;!here&gt; pilot &amp; review"
    )


def test_the_steering_channel_is_a_link() -> None:
    error = NotAllowed(EscalationProblem.NOT_STEERING, escalation=3, channel=Place("C0STEER"))
    assert messages.render(error) == (
        "Escalation 3 is for the steering committee: members of <#C0STEER> or the partnership's "
        "coordinators record how it was resolved."
    )


def test_a_roster_file_line_wraps_its_cause() -> None:
    cause = InvalidInput(RosterProblem.BAD_TIER, text=Typed("<b>"))
    error = InvalidInput(RosterFileProblem.BAD_LINE, line=4, cause=cause)
    assert messages.render(error).startswith("Line 4: `&lt;b&gt;` is not a tier. Use `voting`")
    assert messages.render_plain(error).startswith("Line 4: `<b>` is not a tier.")


def test_a_round_nobody_may_see_reads_like_one_never_opened() -> None:
    assert common.error_text(no_such_round(42)) == (
        ":warning: There is no round #42. `/consensus list` shows the open ones, "
        "`/consensus log` recent decisions."
    )


def test_too_many_voters_gives_the_limit_and_the_count() -> None:
    error = InvalidInput(RoundProblem.TOO_MANY_VOTERS, limit=1000, count=1001)
    assert messages.render(error) == (
        "A round can have at most 1000 voters, and this channel has 1001 people. Name the voters "
        "with `--voters @ana @ben`, or set up the partnership's roster (`/consensus roster`)."
    )


def test_the_quorum_is_shown_as_a_whole_percentage() -> None:
    assert common.quorum_label(Fraction(2, 3)) == "67%"
    assert common.quorum_label(Fraction(1, 2)) == "50%"
