"""Schema migrations: the migrated schema is exactly the code's tables, on both engines."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from bootstrap.cli import main
from storage import migrate
from storage.engine import make_engine


def test_the_migrated_schema_matches_the_sqlmodel_tables(engine: Engine) -> None:
    assert migrate.current(engine) == migrate.head()
    assert migrate.schema_diffs(engine) == []


def test_the_drift_check_notices_a_table_that_no_migration_made(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_task_status_due"))
    diffs = migrate.schema_diffs(engine)
    assert any(diff[0] == "add_index" and diff[1].name == "ix_task_status_due" for diff in diffs)


def test_upgrading_twice_changes_nothing(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert migrate.current(engine) == migrate.head()
    assert migrate.schema_diffs(engine) == []


def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    engines = [make_engine(database_url) for _ in range(3)]
    errors: list[BaseException] = []

    def run(engine: Engine) -> None:
        try:
            migrate.upgrade(engine)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert migrate.current(engines[0]) == migrate.head()
        assert migrate.schema_diffs(engines[0]) == []
    finally:
        for engine in engines:
            engine.dispose()


def test_a_database_made_before_migrations_is_adopted_without_losing_rows(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        migrate.metadata()
        SQLModel.metadata.create_all(engine)  # how the bot made its schema before Alembic
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO setting VALUES ('T1', 'k', 'kept')"))
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT value FROM setting")).scalar() == "kept"
    finally:
        engine.dispose()


def test_without_start_up_migration_an_old_schema_is_refused(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with pytest.raises(RuntimeError, match="consensus-bot db upgrade"):
            migrate.require_head(engine)
        migrate.upgrade(engine)
        migrate.require_head(engine)
    finally:
        engine.dispose()


def test_the_db_command_upgrades_and_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CONSENSUS_ENV_FILE", str(tmp_path / "absent.env"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["db", "current"]) == 0
    assert "not migrated" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "check"]) == 0
    assert "schema matches the code" in capsys.readouterr().out


def test_revisions_stored_with_slack_headings_are_migrated_to_marks_and_back(
    database_url: str,
) -> None:
    """0008: a revision's details held the bot's mrkdwn headings; now they hold the marks
    the core writes (bot.usecases.revisions), and render the same. A first round is left alone."""
    headed = (
        "Beds\n\n*Adopts the alternative offered by <@U0BEN>:* Pilot first\n\n"
        "*Answers to the information requests:* Page 2"
    )
    marked = "Beds\n\n[[adopted:U0BEN]] Pilot first\n\n[[answers]] Page 2"
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0007")
        with engine.begin() as connection:
            for round_id, parent in ((1, None), (2, 1)):
                connection.execute(
                    text(
                        "INSERT INTO round (id, workspace, channel, chair, title, details, "
                        "voters, profile_key, quorum, reminders, opened_at, closes_at, status, "
                        "parent_id, revision) VALUES (:id, 'T1', 'C1', 'U0CHAIR', 't', :details, "
                        "'[]', '1-4', '2/3', '[]', :at, :at, 'closed', :parent, :revision)"
                    ),
                    {
                        "id": round_id,
                        "details": headed,
                        "at": "2026-12-01 10:00:00",
                        "parent": parent,
                        "revision": round_id,
                    },
                )

        def details() -> list[str]:
            with engine.connect() as connection:
                query = text("SELECT details FROM round ORDER BY id")
                return [row[0] for row in connection.execute(query)]

        migrate.upgrade(engine)
        assert details() == [headed, marked]
        with engine.connect() as connection, connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0007")
        assert details() == [headed, headed]
    finally:
        engine.dispose()


def test_outcomes_and_results_stored_as_english_keys_become_codes_and_back(
    database_url: str,
) -> None:
    """0010: rounds and recorded votes held the core's old English keys; now the codes. A
    round still open (no outcome) and a cancelled vote (no result) are left alone."""
    outcomes = {
        "Consensus reached": "consensus",
        "No consensus": "no_consensus",
        "No quorum": "no_quorum",
        None: None,
    }
    results = {
        "Carried": "carried",
        "Not carried": "not_carried",
        "No quorum": "no_quorum",
        "Not carried: sector protection": "not_carried_sector_protection",
        None: None,
    }
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0009")
        with engine.begin() as connection:
            for round_id, outcome in enumerate(outcomes, start=1):
                connection.execute(
                    text(
                        "INSERT INTO round (id, workspace, channel, chair, title, details, "
                        "voters, profile_key, quorum, reminders, opened_at, closes_at, status, "
                        "outcome, revision) VALUES (:id, 'T1', 'C1', 'U0CHAIR', 't', '', '[]', "
                        "'1-4', '2/3', '[]', :at, :at, 'closed', :outcome, 1)"
                    ),
                    {"id": round_id, "at": "2026-12-01 10:00:00", "outcome": outcome},
                )
            for vote_id, result in enumerate(results, start=1):
                connection.execute(
                    text(
                        "INSERT INTO recorded_vote (id, workspace, channel, round_id, chair, "
                        "title, quorum, threshold, weights, protect_sector, affected_sector, "
                        "opened_at, closes_at, status, result) VALUES (:id, 'T1', 'C1', 2, "
                        "'U0CHAIR', 't', '2/3', '2/3', '[]', false, '', :at, :at, 'closed', "
                        ":result)"
                    ),
                    {"id": vote_id, "at": "2026-12-01 10:00:00", "result": result},
                )

        def stored() -> tuple[list[str | None], list[str | None]]:
            with engine.connect() as connection:
                rounds = connection.execute(text("SELECT outcome FROM round ORDER BY id"))
                votes = connection.execute(text("SELECT result FROM recorded_vote ORDER BY id"))
                return list(rounds.scalars()), list(votes.scalars())

        migrate.upgrade(engine)
        assert stored() == (list(outcomes.values()), list(results.values()))
        with engine.connect() as connection, connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0009")
        assert stored() == (list(outcomes), list(results))
    finally:
        engine.dispose()


def test_going_back_before_0010_is_refused_once_entries_are_recorded_as_data(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'data.db'}")
    try:
        migrate.upgrade(engine)
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO history (workspace, round_id, kind, actor, level, text, at, "
                    "seq, prev_hash, hash) VALUES ('T1', 1, 'ballot', 'U0ANA', NULL, :text, "
                    ":at, 1, :genesis, :genesis)"
                ),
                {
                    "text": '{"choice":"for","vote":1}',
                    "at": "2026-12-01 10:00:00",
                    "genesis": "0" * 64,
                },
            )
        with (
            pytest.raises(Exception, match="written as data since revision 0010"),
            engine.connect() as connection,
            connection.begin(),
        ):
            command.downgrade(migrate.alembic_config(connection), "0009")
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()
