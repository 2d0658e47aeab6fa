"""The `/consensus` grammar's refusals are codes the Slack catalog words: what a person reads
is the sentence it always was, typed words shown literally, usage lines with placeholders."""

from __future__ import annotations

import pytest

from bot.domain.errors import ConsensusError, Typed
from handlers import messages
from handlers.grammar.commands import parse
from handlers.grammar.problems import GrammarProblem
from handlers.messages import grammar
from handlers.views import common


def _refusal(text: str) -> ConsensusError:
    with pytest.raises(ConsensusError) as caught:
        parse(text)
    return caught.value


def test_every_grammar_refusal_has_words_in_the_catalog() -> None:
    assert [p for p in GrammarProblem if p not in grammar.MESSAGES] == []


def test_an_unknown_vote_option_quotes_the_usage_line_literally() -> None:
    error = _refusal("vote --colour")
    assert error.problem is GrammarProblem.NOT_A_VOTE_OPTION
    assert common.error_text(error) == (
        ":warning: `--colour` is not an option of `vote`. Usage: `/consensus vote [round] "
        "[--deadline 3d] [--sector &lt;sector&gt;] | vote close &lt;vote&gt; | "
        'vote cancel &lt;vote&gt; --reason "&lt;why&gt;"`'
    )
    assert messages.render_plain(error).endswith('vote cancel <vote> --reason "<why>"`')


def test_a_typed_word_in_a_refusal_is_shown_as_typed_not_as_markup() -> None:
    error = _refusal("start x --deadline <!channel>")
    assert error.params == {"text": Typed("@channel")}
    assert common.error_text(error).startswith(":warning: `@channel` is not a deadline.")
    error = _refusal("start x --quorum &lt;b&gt;")
    assert common.error_text(error).startswith(":warning: `&lt;b&gt;` is not a quorum.")
    assert messages.render_plain(error).startswith("`<b>` is not a quorum.")


def test_the_options_of_a_subcommand_are_listed_in_the_refusal() -> None:
    error = _refusal("start x --colour red")
    assert common.error_text(error) == (
        ":warning: `--colour` is not an option of `start`. Options: --deadline, --voters, "
        "--quorum, --rule, --remind, --include-outside. Usage: `/consensus start [proposal] "
        "[--deadline 3d|36h|90m|2026-12-01T17:00] [--voters @a @b] [--include-outside] "
        "[--quorum 75%] [--rule 1-4|1-5] [--remind 50%,90%|none]`"
    )


def test_a_long_command_names_its_length_and_the_limit() -> None:
    error = _refusal("start " + "x" * 5000)
    assert messages.render_plain(error) == (
        "That command is 5,006 characters long; the limit is 4,000. Put the long explanation "
        "in the form's details: type `/consensus start` alone."
    )
