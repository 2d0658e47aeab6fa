"""Who a start may ask (bot.usecases.rounds over bot.domain.eligibility), with a fixed
directory."""

from __future__ import annotations

import pytest

from bot.domain.eligibility import Ineligible, NotEligible, Standing, Where, Why
from bot.usecases.consensus_service import ConsensusService
from tests.conftest import VOTERS, draft
from tests.fakes import FixedDirectory


def test_named_voters_who_are_not_people_open_nothing_and_are_named_with_why(
    service: ConsensusService, directory: FixedDirectory
) -> None:
    directory.standings.update({"U0ANA": Standing.BOT, "U0BEN": Standing.DEACTIVATED})
    with pytest.raises(NotEligible) as refused:
        service.open_round(draft(voters=("U0CHAIR", "U0ANA", "U0BEN")))
    assert refused.value.where is Where.VOTERS
    assert refused.value.people == (
        Ineligible("U0ANA", Why.BOT),
        Ineligible("U0BEN", Why.DEACTIVATED),
    )
    assert service.open_views("T0001") == []


def test_named_voters_outside_the_channel_need_the_chair_to_include_them(
    service: ConsensusService,
) -> None:
    with pytest.raises(NotEligible) as refused:
        service.open_round(draft(voters=("U0CHAIR", "U0OUT")))
    assert refused.value.people == (Ineligible("U0OUT", Why.OUTSIDE_CHANNEL),)
    opening = service.open_round(draft(voters=("U0CHAIR", "U0OUT"), include_outside=True))
    assert opening.opened and opening.outside == ("U0OUT",)
    assert opening.round.voters == ("U0CHAIR", "U0OUT")


def test_closed_accounts_among_the_members_are_left_out_and_reported(
    service: ConsensusService, directory: FixedDirectory
) -> None:
    directory.standings["U0DEE"] = Standing.DEACTIVATED
    opening = service.open_round(draft())
    assert "U0DEE" not in opening.round.voters
    assert len(opening.round.voters) == len(VOTERS) - 1
    assert opening.left_out == (Ineligible("U0DEE", Why.DEACTIVATED),)
