"""A person's language, as Slack gives it: only when asked (``include_locale``), and never
for a person of another organisation, whose profile comes reduced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from slack_emulator import SlackEmulator


@pytest.fixture
def client() -> Iterator[WebClient]:
    emulator = SlackEmulator()
    emulator.add_team("T0009", "elsewhere")
    emulator.add_user("UELO", "elodie", locale="fr-CA")
    emulator.add_user("UBEN", "ben")
    emulator.add_user("WCONNECT", "con", team_id="T0009", locale="fr-FR")
    with emulator:
        yield WebClient(token="xoxb-t", base_url=emulator.api_url)


def test_users_info_gives_the_locale_only_when_asked(client: WebClient) -> None:
    assert "locale" not in client.users_info(user="UELO")["user"]
    assert client.users_info(user="UELO", include_locale=True)["user"]["locale"] == "fr-CA"


def test_a_person_who_chose_no_language_reads_slacks_default(client: WebClient) -> None:
    assert client.users_info(user="UBEN", include_locale=True)["user"]["locale"] == "en-US"


def test_users_list_gives_each_locale_when_asked(client: WebClient) -> None:
    asked = client.users_list(include_locale=True)["members"]
    locales = {m["id"]: m["locale"] for m in asked}
    assert (locales["UELO"], locales["UBEN"]) == ("fr-CA", "en-US")
    assert all("locale" not in m for m in client.users_list()["members"])


def test_a_person_of_another_organisation_comes_without_a_locale(client: WebClient) -> None:
    assert "locale" not in client.users_info(user="WCONNECT", include_locale=True)["user"]
