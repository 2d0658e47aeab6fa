"""Run the domain tests against every mutant of the rule modules; print the survivors.

    python -m tests.mutation [--module tally] [--jobs 2] [--timeout 30] [--list]

Each mutant runs in a forked child: the project's modules are dropped from the child's
import cache and the mutated module is served from memory, so no file on disk changes and
other test runs in the same checkout are not disturbed. Only the fast tests under
tests/domain run (stopping at the first failure); a mutant is *killed* when they fail, time
out or crash, and *survives* when they pass. Survivors listed in ``equivalent.py`` make no
observable difference and are left out of the score.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.abc
import importlib.util
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, ModuleType

import hypothesis  # noqa: F401  (imported once here, not in every child)
import pytest

from tests.mutation.equivalent import EQUIVALENT
from tests.mutation.operators import Site, enums_of, mutant_code, sites

ROOT = Path(__file__).resolve().parents[2]
TESTS = ("tests/domain",)
PROJECT_PACKAGES = ("bot", "handlers", "storage", "slack_emulator")


@dataclass(frozen=True)
class Target:
    """A rule module, optionally narrowed to some of its top-level functions."""

    path: str
    scopes: tuple[str, ...] = ()

    @property
    def module(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    @property
    def name(self) -> str:
        stem = Path(self.path).stem
        return f"{stem}:{','.join(self.scopes)}" if self.scopes else stem


TARGETS = (
    Target("bot/domain/scale.py"),
    Target("bot/domain/tally.py"),
    Target("bot/domain/round.py"),
    Target("bot/domain/roster.py"),
    Target("bot/domain/recorded_vote.py"),
    Target("bot/domain/outcome.py"),
    Target("bot/domain/quiet_hours.py"),
    Target("bot/deadline.py"),
)


@dataclass(frozen=True)
class Mutant:
    target: Target
    index: int
    site: Site

    @property
    def label(self) -> str:
        return f"{self.target.path}:{self.site.line}: {self.site.original} -> {self.site.mutated}"

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Stable across edits elsewhere in the file: no line number."""
        return (self.target.path, self.site.scope, self.site.original, self.site.mutated)


class _Served(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serve one module from compiled code instead of its file."""

    def __init__(self, name: str, path: str, code: CodeType) -> None:
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname: str, path: object = None, target: object = None):  # type: ignore[no-untyped-def]
        if fullname != self.name:
            return None
        return importlib.util.spec_from_loader(fullname, self, origin=self.path)

    def create_module(self, spec: object) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        module.__file__ = self.path
        exec(self.code, module.__dict__)


def _forget_project_modules() -> None:
    for name in list(sys.modules):
        root = name.split(".")[0]
        if root in PROJECT_PACKAGES or (name.startswith("tests.") and ".mutation" not in name):
            del sys.modules[name]


def _child(served: _Served | None, timeout: int, tests: Sequence[str]) -> None:
    """In the forked child: run the domain tests and exit with pytest's status."""
    status = 99
    try:
        signal.alarm(timeout)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        _forget_project_modules()
        if served is not None:
            sys.meta_path.insert(0, served)
        os.environ["HYPOTHESIS_PROFILE"] = "mutation"
        status = int(
            pytest.main(
                [
                    "-x",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "--confcutdir",
                    str(ROOT / "tests" / "domain"),
                    *(str(ROOT / t) for t in tests),
                ]
            )
        )
    except BaseException:
        status = 98
    os._exit(status)


def _start(served: _Served | None, timeout: int, tests: Sequence[str]) -> int:
    pid = os.fork()
    if pid == 0:
        _child(served, timeout, tests)
    return pid


def _served(
    mutant: Mutant, sources: dict[str, str], enums: dict[str, dict[str, tuple[str, ...]]]
) -> _Served:
    target = mutant.target
    tree = mutant_code(sources[target.path], enums[target.path], target.scopes, mutant.index)
    code = compile(tree, str(ROOT / target.path), "exec")
    return _Served(target.module, str(ROOT / target.path), code)


def _run_all(
    mutants: Sequence[Mutant],
    sources: dict[str, str],
    enums: dict[str, dict[str, tuple[str, ...]]],
    jobs: int,
    timeout: int,
    tests: Sequence[str],
) -> dict[Mutant, str]:
    """Run every mutant, ``jobs`` at a time: mutant -> "killed" | "survived" | "timeout"."""
    results: dict[Mutant, str] = {}
    running: dict[int, tuple[Mutant, float]] = {}
    queue = list(mutants)
    done = 0
    while queue or running:
        while queue and len(running) < jobs:
            mutant = queue.pop(0)
            try:
                served = _served(mutant, sources, enums)
            except (SyntaxError, ValueError, TypeError):
                results[mutant] = "killed"  # does not even compile
                done += 1
                continue
            running[_start(served, timeout, tests)] = (mutant, time.monotonic())
        if not running:
            continue
        pid, status = os.waitpid(-1, 0)
        mutant, _started = running.pop(pid)
        if os.WIFSIGNALED(status):
            results[mutant] = "timeout" if os.WTERMSIG(status) == signal.SIGALRM else "killed"
        else:
            results[mutant] = "survived" if os.WEXITSTATUS(status) == 0 else "killed"
        done += 1
        if results[mutant] == "survived":
            print(f"  survived: {mutant.label}", flush=True)
        elif done % 25 == 0:
            print(f"  … {done}/{len(mutants)}", flush=True)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__)
    parser.add_argument("--module", action="append", help="only targets whose name contains this")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--timeout",
        type=int,
        default=0,
        help="seconds per mutant (default: 10x the clean run, at least 20)",
    )
    parser.add_argument("--list", action="store_true", help="list the mutants without running them")
    parser.add_argument(
        "--tests", nargs="+", default=list(TESTS), help="test paths to run (default: tests/domain)"
    )
    parser.add_argument("--min-score", type=float, default=95.0)
    args = parser.parse_args(argv)
    os.chdir(ROOT)

    targets = [t for t in TARGETS if not args.module or any(m in t.name for m in args.module)]
    sources: dict[str, str] = {}
    enums: dict[str, dict[str, tuple[str, ...]]] = {}
    mutants: list[Mutant] = []
    for target in targets:
        sources[target.path] = (ROOT / target.path).read_text()
        enums[target.path] = enums_of(vars(importlib.import_module(target.module)))
        _tree, found = sites(sources[target.path], enums[target.path], target.scopes)
        mutants.extend(Mutant(target, i, site) for i, site in enumerate(found))
    if args.list:
        for mutant in mutants:
            print(mutant.label)
        print(f"{len(mutants)} mutants")
        return 0
    _forget_project_modules()

    started = time.monotonic()
    pid = _start(None, 600, args.tests)
    _, status = os.waitpid(pid, 0)
    clean = time.monotonic() - started
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        print("The domain tests fail without any mutation; fix them first.")
        return 2
    timeout = args.timeout or max(20, int(clean * 10))
    print(
        f"{len(mutants)} mutants in {len(targets)} modules; clean run {clean:.1f}s, "
        f"timeout {timeout}s, {args.jobs} at a time",
        flush=True,
    )
    results = _run_all(mutants, sources, enums, args.jobs, timeout, args.tests)
    return _report(targets, mutants, results, args.min_score)


def _report(
    targets: Sequence[Target],
    mutants: Sequence[Mutant],
    results: dict[Mutant, str],
    min_score: float,
) -> int:
    print("\nSurviving mutants:")
    for mutant in mutants:
        if results[mutant] == "survived":
            reason = EQUIVALENT.get(mutant.key)
            note = f"   [equivalent: {reason}]" if reason else ""
            print(f"{mutant.label}{note}")
    print(f"\n{'module':<28}{'mutants':>8}{'killed':>8}{'equiv.':>8}{'survived':>9}{'score':>8}")
    all_killed = all_counted = 0
    for target in targets:
        mine = [m for m in mutants if m.target == target]
        killed = sum(results[m] != "survived" for m in mine)
        equivalent = sum(results[m] == "survived" and m.key in EQUIVALENT for m in mine)
        counted = len(mine) - equivalent
        all_killed += killed
        all_counted += counted
        score = 100.0 * killed / counted if counted else 100.0
        survived = counted - killed
        print(
            f"{target.name:<28}{len(mine):>8}{killed:>8}{equivalent:>8}{survived:>9}{score:>7.1f}%"
        )
    total = 100.0 * all_killed / all_counted if all_counted else 100.0
    print(
        f"{'all':<28}{len(mutants):>8}{all_killed:>8}{'':>8}{all_counted - all_killed:>9}{total:>7.1f}%"
    )
    print("Score: killed / (mutants - equivalent survivors). Equivalents: docs/TESTING.md.")
    return 0 if total >= min_score else 1


if __name__ == "__main__":
    sys.exit(main())
