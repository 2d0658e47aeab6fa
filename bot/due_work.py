"""One dispatch table for due work: each kind of task → the concept that delivers it, and
the sweeps that turn lapsed deadlines into due work.

The composition root builds one table and hands it to every service it constructs; each
service's constructor has each of its concepts' parts register the kinds that part owns
(``_register_round_work`` in ``bot.usecases.rounds``, and so on), and the root seals the
table before anything runs. So reading a concept's module tells which due work it does, no
part reaches into another's dispatch, a kind cannot be claimed twice, and a kind nobody
delivers is found at start-up, not at 3 a.m.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from bot.ports import Task, TaskKind

# Delivers one claimed task; the float is how many seconds late it is (0: on time).
Handler = Callable[[Task, float], None]
# Closes what has lapsed (rounds, recorded votes); returns how many it closed.
Sweep = Callable[[], int]


class DueWorkTable:
    """Kinds of due work → handlers, and the sweeps run before each delivery pass."""

    def __init__(self) -> None:
        self._handlers: dict[TaskKind, Handler] = {}
        self._sweeps: list[Sweep] = []
        self._sealed = False

    def register(self, kinds: Iterable[TaskKind], handler: Handler) -> None:
        """Make ``handler`` the one deliverer of ``kinds``.

        Raises:
            ValueError: a kind already has a handler, or the table is sealed.
        """
        self._require_open()
        for kind in kinds:
            if kind in self._handlers:
                raise ValueError(f"due work of kind {kind.value} already has a handler")
            self._handlers[kind] = handler

    def register_each(self, handlers: Mapping[TaskKind, Handler]) -> None:
        """Make each handler the one deliverer of its kind (as ``register``)."""
        for kind, handler in handlers.items():
            self.register((kind,), handler)

    def add_sweep(self, sweep: Sweep) -> None:
        """Run ``sweep`` on every interactive pass, in the order sweeps were added."""
        self._require_open()
        self._sweeps.append(sweep)

    def seal(self) -> DueWorkTable:
        """Close the table once every service is built.

        Raises:
            ValueError: naming every kind of due work that nothing delivers.
        """
        missing = self.unhandled()
        if missing:
            raise ValueError(
                "no handler for due work of kind " + ", ".join(k.value for k in missing)
            )
        self._sealed = True
        return self

    def unhandled(self) -> list[TaskKind]:
        return [kind for kind in TaskKind if kind not in self._handlers]

    def handler(self, kind: TaskKind) -> Handler:
        """The handler of ``kind``.

        Raises:
            LookupError: nothing delivers ``kind`` (the task is retried, not dropped).
        """
        try:
            return self._handlers[kind]
        except KeyError:
            raise LookupError(f"no handler for due work of kind {kind.value}") from None

    @property
    def sweeps(self) -> tuple[Sweep, ...]:
        return tuple(self._sweeps)

    def _require_open(self) -> None:
        if self._sealed:
            raise ValueError("the due-work table is sealed: register while building the bot")
