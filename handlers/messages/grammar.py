"""Messages for the `/consensus` grammar's refusals (``handlers.grammar``).

``{usage}`` is a subcommand's usage line (``handlers.grammar.subcommands``), shown literally.
"""

from __future__ import annotations

from bot.domain.errors import Problem
from handlers.grammar.problems import GrammarProblem
from handlers.messages.marker import N_

MESSAGES: dict[Problem, str] = {
    GrammarProblem.COMMAND_TOO_LONG: N_(
        "That command is {length} characters long; the limit is {limit}. "
        "Put the long explanation in the form's details: type `{command} start` alone."
    ),
    GrammarProblem.USAGE: N_("Usage: `{usage}`"),
    GrammarProblem.TOO_MANY_WORDS: N_("Too many words. Usage: `{usage}`"),
    GrammarProblem.UNKNOWN_OPTION: N_(
        "`{word}` is not an option of `{subcommand}`. Options: {options}. Usage: `{usage}`"
    ),
    GrammarProblem.OPTION_TWICE: N_("`--{option}` is given twice; give it once."),
    GrammarProblem.ONE_VALUE: N_("`--{option}` takes one value, e.g. `--{option} {example}`."),
    GrammarProblem.OPTION_NEEDS_VALUE: N_("`{word}` needs a value. Usage: `{usage}`"),
    GrammarProblem.NOT_A_DEADLINE: N_(
        "`{text}` is not a deadline. Use a duration such as `3d`, `36h`, `90m`, "
        "`40s`, or a date and time such as `2026-12-01T17:00` (your time zone) or "
        "`2026-12-01T17:00-05:00` (with an offset)."
    ),
    GrammarProblem.NOT_A_QUORUM: N_(
        "`{text}` is not a quorum. Give a share of the voters between 1% and "
        "100%, e.g. `--quorum 75%` or `--quorum 2/3`."
    ),
    GrammarProblem.NOT_A_THRESHOLD: N_(
        "`{text}` is not a passing threshold. Give a share of the votes cast "
        "above half, e.g. `2/3` (the default), `75%` or `1` (unanimous)."
    ),
    GrammarProblem.NOT_A_REMINDER: N_(
        "`{text}` is not a reminder time. Give shares of the voting window, "
        "e.g. `--remind 50%,90%`, or `--remind none`."
    ),
    GrammarProblem.NOT_A_RULE: N_(
        "`--rule {text}` is not a rule profile. Use `--rule 1-4` "
        "(levels 1-4 are consensus, the default) or `--rule 1-5` (only a 6 blocks)."
    ),
    GrammarProblem.NOT_AN_OPEN_ROUND_NUMBER: N_(
        "`{word}` is not a round number. Round numbers look like `#12`; "
        "`{command} list` shows the open ones."
    ),
    GrammarProblem.NOT_A_DECISION_ROUND_NUMBER: N_(
        "`{word}` is not a round number. Round numbers look like `#12`; "
        "`{command} log` lists recent decisions."
    ),
    GrammarProblem.NOT_A_VOTE_NUMBER: N_(
        "`{word}` is not a vote number. Vote numbers look like `#12`; "
        "`{command} log` lists recent decisions."
    ),
    GrammarProblem.NOT_AN_ESCALATION_NUMBER: N_(
        "`{word}` is not an escalation number. Usage: `{usage}`"
    ),
    GrammarProblem.TITLE_TOO_LONG: N_(
        "The proposal is {length} characters; keep its title under {limit} and "
        "put the rest in the details: type `{command} start` alone to open the form."
    ),
    GrammarProblem.OPTIONS_BEFORE_TITLE: N_(
        "Options need a proposal before them, e.g. "
        "`{command} start Adopt the shared referral form --deadline 3d`."
    ),
    GrammarProblem.NOT_A_VOTER: N_(
        "`{word}` is not a person. Mention voters with @ so Slack links them, "
        "e.g. `--voters @ana @ben`."
    ),
    GrammarProblem.NO_VOTERS: N_(
        "`--voters` needs at least one @mention, e.g. `--voters @ana @ben`."
    ),
    GrammarProblem.EXTEND_BY_WHAT: N_("Say how long to extend by, e.g. `{command} extend 1d`."),
    GrammarProblem.RESOLVE_USAGE: N_(
        "Usage: `{usage}`, e.g. `{command} resolve 3 Agreed to pilot for 6 months`."
    ),
    GrammarProblem.NAME_COORDINATORS: N_(
        "Name the coordinators with @, e.g. `{command} config coordinators @ana @ben`."
    ),
    GrammarProblem.NAME_THE_CHANNEL: N_(
        "Name the channel with # so Slack links it, e.g. `{command} config steering #steering`."
    ),
    GrammarProblem.REPRESENTATION_USAGE: N_(
        "Usage: `{command} config representation sector` (a speaker speaks for a sector) "
        "or `… organisation` (for an organisation)."
    ),
    GrammarProblem.CONFIG_VOTE_USAGE: N_(
        "Usage: `{command} config vote threshold 2/3`, `{command} config vote weights "
        "hospital=1 primary-care=2` or `{command} config vote protect on|off`."
    ),
    GrammarProblem.NOT_A_ROSTER_PERSON: N_(
        "`{word}` is not a person. Mention them with @ so Slack links them, "
        "e.g. `{command} roster set @ana Riverside-FHT primary-care voting speaker`."
    ),
    GrammarProblem.ROSTER_SHOW_TAKES_NOTHING: N_(
        "`roster show` takes nothing more. Usage: `{usage}`"
    ),
    GrammarProblem.ROSTER_REMOVE_USAGE: N_("Usage: `{command} roster remove @person`."),
    GrammarProblem.UNKNOWN_ROSTER_ACTION: N_(
        "`roster {word}` is not something I can do. Usage: `{usage}`"
    ),
    GrammarProblem.ROSTER_SET_TOO_FEW: N_(
        "Give the person, organisation, sector and tier (and optionally the role), e.g. "
        '`{command} roster set @ana "Riverside FHT" primary-care voting speaker`.'
    ),
    GrammarProblem.ROSTER_SET_AFTER_PERSON: N_(
        "After the person give organisation, sector and tier, e.g. "
        '`{command} roster set @ana "Riverside FHT" primary-care voting`.'
    ),
    GrammarProblem.CLOSING_QUOTE_MISSING: N_(
        "The organisation's closing quote is missing. Put it in quotes, e.g. "
        '`{command} roster set @ana "Riverside FHT" primary-care voting`.'
    ),
    GrammarProblem.VOTE_CLOSE_USAGE: N_("Usage: `{command} vote close &lt;vote number&gt;`."),
    GrammarProblem.NOT_A_VOTE_OPTION: N_("`{word}` is not an option of `vote`. Usage: `{usage}`"),
    GrammarProblem.CANCEL_NEEDS_NUMBER_AND_REASON: N_(
        "Give the vote's number and the reason for the record. "
        "Usage: `{command} vote cancel &lt;vote number&gt; --reason &lt;why&gt;`."
    ),
    GrammarProblem.CANCEL_NEEDS_REASON: N_(
        "`--reason` needs the reason for the record. "
        "Usage: `{command} vote cancel &lt;vote number&gt; --reason &lt;why&gt;`."
    ),
}
