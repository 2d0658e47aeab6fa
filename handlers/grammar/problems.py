"""What the `/consensus` grammar refuses, as codes: the catalog (``handlers.messages.grammar``)
words each one, so a translation covers the grammar's refusals too."""

from __future__ import annotations

from bot.domain.errors import Problem


class GrammarProblem(Problem):
    # The command as a whole
    COMMAND_TOO_LONG = "grammar.command_too_long"
    USAGE = "grammar.usage"
    TOO_MANY_WORDS = "grammar.too_many_words"
    # Options
    UNKNOWN_OPTION = "grammar.unknown_option"
    OPTION_TWICE = "grammar.option_twice"
    ONE_VALUE = "grammar.one_value"
    OPTION_NEEDS_VALUE = "grammar.option_needs_value"
    # Values
    NOT_A_DEADLINE = "grammar.not_a_deadline"
    NOT_A_QUORUM = "grammar.not_a_quorum"
    NOT_A_THRESHOLD = "grammar.not_a_threshold"
    NOT_A_REMINDER = "grammar.not_a_reminder"
    NOT_A_RULE = "grammar.not_a_rule"
    # Numbers
    NOT_AN_OPEN_ROUND_NUMBER = "grammar.not_an_open_round_number"
    NOT_A_DECISION_ROUND_NUMBER = "grammar.not_a_decision_round_number"
    NOT_A_VOTE_NUMBER = "grammar.not_a_vote_number"
    NOT_AN_ESCALATION_NUMBER = "grammar.not_an_escalation_number"
    # start, extend, resolve, config
    TITLE_TOO_LONG = "grammar.title_too_long"
    OPTIONS_BEFORE_TITLE = "grammar.options_before_title"
    NOT_A_VOTER = "grammar.not_a_voter"
    NO_VOTERS = "grammar.no_voters"
    EXTEND_BY_WHAT = "grammar.extend_by_what"
    RESOLVE_USAGE = "grammar.resolve_usage"
    NAME_COORDINATORS = "grammar.name_coordinators"
    NAME_THE_CHANNEL = "grammar.name_the_channel"
    REPRESENTATION_USAGE = "grammar.representation_usage"
    CONFIG_VOTE_USAGE = "grammar.config_vote_usage"
    # roster
    NOT_A_ROSTER_PERSON = "grammar.not_a_roster_person"
    ROSTER_SHOW_TAKES_NOTHING = "grammar.roster_show_takes_nothing"
    ROSTER_REMOVE_USAGE = "grammar.roster_remove_usage"
    UNKNOWN_ROSTER_ACTION = "grammar.unknown_roster_action"
    ROSTER_SET_TOO_FEW = "grammar.roster_set_too_few"
    ROSTER_SET_AFTER_PERSON = "grammar.roster_set_after_person"
    CLOSING_QUOTE_MISSING = "grammar.closing_quote_missing"
    # vote
    VOTE_CLOSE_USAGE = "grammar.vote_close_usage"
    NOT_A_VOTE_OPTION = "grammar.not_a_vote_option"
    CANCEL_NEEDS_NUMBER_AND_REASON = "grammar.cancel_needs_number_and_reason"
    CANCEL_NEEDS_REASON = "grammar.cancel_needs_reason"
