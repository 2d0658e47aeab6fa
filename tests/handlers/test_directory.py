"""SlackDirectory: who is in a channel (cached) and who administers the installation."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from slack_sdk import WebClient

from bot.domain.eligibility import Standing
from handlers.notifier import (
    MEMBERS_RECHECK_SECONDS,
    MEMBERS_TTL_SECONDS,
    PEOPLE_PAGE_SIZE,
    PEOPLE_TTL_SECONDS,
    SlackDirectory,
)
from slack_emulator import SlackEmulator


class Ticker:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def slack() -> Iterator[SlackEmulator]:
    emulator = SlackEmulator(enterprise_id="E0001", enterprise_name="Durham OHT")
    emulator.add_team("T0002", "lakeridge", enterprise_id="E0001", enterprise_name="Durham OHT")
    emulator.add_team("T0009", "elsewhere")
    emulator.add_user("UADMIN", "admin", is_admin=True)
    emulator.add_user("UORG", "org", is_org_admin=True)
    emulator.add_user("UANA", "ana")
    emulator.add_user("WSIBLING", "sib", team_id="T0002", is_admin=True)
    emulator.add_user("WCONNECT", "con", team_id="T0009", is_admin=True)
    emulator.add_channel("CPART", "partners", ["UADMIN", "UANA"])
    with emulator:
        yield emulator


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def directory(slack: SlackEmulator, ticker: Ticker) -> SlackDirectory:
    return SlackDirectory(WebClient(token="xoxb-t", base_url=slack.api_url), monotonic=ticker)


def _lookups(slack: SlackEmulator) -> int:
    return len(slack.calls_to("conversations.members"))


def test_membership_is_looked_up_once_and_then_answered_from_the_cache(
    slack: SlackEmulator, directory: SlackDirectory, ticker: Ticker
) -> None:
    assert directory.is_member("CPART", "UANA")
    assert directory.is_member("CPART", "UANA")
    assert not directory.is_member("CPART", "UORG")  # asked again too soon: no new look-up
    assert _lookups(slack) == 1
    ticker.now += MEMBERS_TTL_SECONDS
    assert directory.is_member("CPART", "UANA")
    assert _lookups(slack) == 2


def test_someone_who_just_joined_is_recognised_after_a_short_recheck(
    slack: SlackEmulator, directory: SlackDirectory, ticker: Ticker
) -> None:
    assert not directory.is_member("CPART", "WSIBLING")
    slack.join_channel("CPART", "WSIBLING")
    assert not directory.is_member("CPART", "WSIBLING")  # within the recheck interval
    ticker.now += MEMBERS_RECHECK_SECONDS
    assert directory.is_member("CPART", "WSIBLING")


def test_someone_who_left_is_refused_once_the_list_expires(
    slack: SlackEmulator, directory: SlackDirectory, ticker: Ticker
) -> None:
    assert directory.is_member("CPART", "UANA")
    slack.leave_channel("CPART", "UANA")
    ticker.now += MEMBERS_TTL_SECONDS
    assert not directory.is_member("CPART", "UANA")


def test_a_failed_look_up_shows_nothing(slack: SlackEmulator, directory: SlackDirectory) -> None:
    slack.faults.add(method="conversations.members", kind="error", error="fatal_error")
    assert not directory.is_member("CPART", "UANA")


@pytest.mark.parametrize(
    ("user", "workspace", "expected"),
    [
        ("UADMIN", "T0001", True),  # an admin of the installing workspace
        ("UANA", "T0001", False),
        ("WSIBLING", "T0001", False),  # an admin of a sibling workspace of the org
        ("WCONNECT", "T0001", False),  # an admin of another organisation (Slack Connect)
        ("UORG", "E0001", True),  # an org admin, for an org-wide installation
        ("UADMIN", "E0001", False),  # a workspace admin is not an org admin
        ("WSIBLING", "E0001", False),
    ],
)
def test_only_the_installations_own_admins_are_admins(
    directory: SlackDirectory, user: str, workspace: str, expected: bool
) -> None:
    assert directory.is_admin(user, workspace) is expected


def test_a_big_channel_costs_a_few_bulk_calls_not_one_per_person(ticker: Ticker) -> None:
    with SlackEmulator() as slack:
        people = [f"U{i:05d}" for i in range(1000)]
        for person in people:
            slack.add_user(person, person.lower())
        slack.add_user("UBOT2", "otherbot", is_bot=True)
        slack.add_channel("CBIG", "everyone", [*people, "UBOT2"])
        directory = SlackDirectory(
            WebClient(token="xoxb-t", base_url=slack.api_url), monotonic=ticker
        )
        assert directory.human_members("CBIG") == people
        calls = [c.method for c in slack.calls]
        assert calls.count("users.list") == -(-(1001 + 1) // PEOPLE_PAGE_SIZE)  # + the bot
        assert calls.count("conversations.members") == 2  # 1,000 a page, the bots make 1,002
        assert "users.info" not in calls


def test_someone_the_list_lacks_is_looked_up_alone_and_the_list_is_not_reread(
    slack: SlackEmulator, directory: SlackDirectory
) -> None:
    assert directory.timezone("UANA") == "America/Toronto"
    assert directory.timezone("WCONNECT") == "America/Toronto"  # another organisation's
    assert len(slack.calls_to("users.list")) == 1
    assert [c.params["user"] for c in slack.calls_to("users.info")] == ["WCONNECT"]


def test_the_people_list_is_read_again_once_it_expires(
    slack: SlackEmulator, directory: SlackDirectory, ticker: Ticker
) -> None:
    directory.timezone("UANA")
    ticker.now += PEOPLE_TTL_SECONDS - 1
    directory.timezone("UANA")
    assert len(slack.calls_to("users.list")) == 1
    ticker.now += 2
    directory.timezone("UANA")
    assert len(slack.calls_to("users.list")) == 2


def test_standing_tells_people_from_bots_deactivated_and_unknown_accounts_from_one_listing(
    slack: SlackEmulator, directory: SlackDirectory
) -> None:
    slack.add_user("UGONE", "gone", deleted=True)
    slack.add_user("UHELPER", "helper", is_bot=True)
    assert directory.standing("UANA") is Standing.PERSON
    assert directory.standing("UGONE") is Standing.DEACTIVATED
    assert directory.standing("UHELPER") is Standing.BOT
    assert directory.standing(slack.bot_user_id) is Standing.BOT
    assert len(slack.calls_to("users.list")) == 1
    assert not slack.calls_to("users.info")
    assert directory.standing("UNOBODY") is Standing.UNKNOWN  # one users.info: not listed


def test_channel_people_come_from_one_members_look_up(
    slack: SlackEmulator, directory: SlackDirectory
) -> None:
    assert directory.channel_people("CPART") == {"UADMIN", "UANA", slack.bot_user_id}
    assert directory.channel_people("CPART") == {"UADMIN", "UANA", slack.bot_user_id}
    assert _lookups(slack) == 1
    assert directory.channel_people("CNOWHERE") is None  # Slack cannot say: refuse nobody


def test_a_persons_language_comes_from_the_same_cached_listing_as_their_time_zone(
    slack: SlackEmulator, directory: SlackDirectory
) -> None:
    slack.add_user("UELO", "elodie", locale="fr-CA")
    assert directory.language("UELO") == "fr-CA"
    assert directory.language("UANA") == "en-US"
    assert directory.timezone("UELO") == "America/Toronto"
    assert len(slack.calls_to("users.list")) == 1
    assert not slack.calls_to("users.info")


def test_a_language_changed_in_slack_is_read_again_in_the_background_once_the_listing_expires(
    slack: SlackEmulator, ticker: Ticker
) -> None:
    later: list[Callable[[], None]] = []
    directory = SlackDirectory(
        WebClient(token="xoxb-t", base_url=slack.api_url),
        monotonic=ticker,
        in_background=later.append,
    )
    slack.add_user("UELO", "elodie", locale="en-US")
    assert directory.language("UELO") == "en-US"
    slack.add_user("UELO", "elodie", locale="fr-CA")  # the person changes their language
    assert directory.language("UELO") == "en-US"
    ticker.now += PEOPLE_TTL_SECONDS + 1
    listings = len(slack.calls_to("users.list"))
    # Past its time, the answer is what is at hand, without waiting for Slack (it goes in
    # an acknowledgement); one read again is queued, however many ask meanwhile.
    assert directory.language("UELO") == "en-US"
    assert directory.language("UELO") == "en-US"
    assert len(slack.calls_to("users.list")) == listings
    assert len(later) == 1
    later.pop()()
    assert len(slack.calls_to("users.list")) == listings + 1
    assert directory.language("UELO") == "fr-CA"


def test_a_person_of_another_organisation_has_no_language_to_read(
    directory: SlackDirectory,
) -> None:
    assert directory.language("WCONNECT") is None
