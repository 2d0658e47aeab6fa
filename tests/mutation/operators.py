"""Where a module can be mutated, and how: AST operators, one small change per mutant.

Operators: comparison flips and boundary shifts (``<`` ↔ ``<=``, ``==`` ↔ ``!=``, ``in`` ↔
``not in``, ``is`` ↔ ``is not``), ``and`` ↔ ``or``, arithmetic (``+`` ↔ ``-``, ``*`` ↔ ``/``),
rounding and choice functions (``ceil`` ↔ ``floor``, ``max`` ↔ ``min``, ``any`` ↔ ``all``),
integer constants ±1, ``True`` ↔ ``False``, an enum member swapped for the next one,
negated conditions (``if``, ``while``, conditional expressions, comprehension filters),
a comprehension filter dropped, ``not x`` → ``x``, and a statement inside a function removed (replaced by ``pass``).

Strings, f-strings, annotations, decorators and imports are left alone: an error message
that changes is not a rule that changes.

Sites are enumerated in a fixed order from a fresh parse, so mutant *k* of a file is the
same change every time the file is unchanged.
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

_SKIPPED_FIELDS = frozenset({"annotation", "returns", "decorator_list", "type_params"})

_COMPARE: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Lt: (ast.LtE, ast.GtE),
    ast.LtE: (ast.Lt, ast.Gt),
    ast.Gt: (ast.GtE, ast.LtE),
    ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
}
_BINARY: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
_FUNCTIONS = {"max": "min", "min": "max", "any": "all", "all": "any"}
_METHODS = {"ceil": "floor", "floor": "ceil"}

Setter = Callable[[ast.expr], None]


@dataclass(frozen=True)
class Site:
    """One possible change: where it is, how it reads, and how to make it."""

    line: int
    scope: str
    original: str
    mutated: str
    apply: Callable[[], None]


def _text(node: ast.AST, limit: int = 70) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Walker:
    def __init__(self, enums: Mapping[str, tuple[str, ...]]) -> None:
        self.enums = enums
        self.sites: list[Site] = []

    def add(self, node: ast.AST, scope: str, mutated: str, apply: Callable[[], None]) -> None:
        line = getattr(node, "lineno", 0)
        self.sites.append(Site(line, scope, _text(node), mutated, apply))

    # ------------------------------------------------------------------ traversal
    def walk(self, node: ast.AST, scope: str, setter: Setter | None, in_function: bool) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom | ast.JoinedStr):
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            scope = f"{scope}.{node.name}" if scope else node.name
            in_function = in_function or not isinstance(node, ast.ClassDef)
        for name, value in ast.iter_fields(node):
            if name in _SKIPPED_FIELDS:
                continue
            if isinstance(value, list):
                if in_function and value and all(isinstance(v, ast.stmt) for v in value):
                    self.block(value, scope)
                for index, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        self.walk(item, scope, _list_setter(value, index), in_function)
            elif isinstance(value, ast.AST):
                self.walk(value, scope, _field_setter(node, name), in_function)
        self.node(node, scope, setter)

    def block(self, body: list[ast.stmt], scope: str) -> None:
        """Remove one statement (not a docstring, not a plain binding)."""
        for index, stmt in enumerate(body):
            if _is_docstring(stmt) or isinstance(stmt, ast.Pass):
                continue
            removable = isinstance(
                stmt, ast.Raise | ast.Expr | ast.AugAssign | ast.If | ast.For | ast.Continue
            ) or (isinstance(stmt, ast.Assign) and not isinstance(stmt.targets[0], ast.Name))
            if not removable:
                continue

            def remove(body: list[ast.stmt] = body, index: int = index) -> None:
                old = body[index]
                body[index] = ast.copy_location(ast.Pass(), old)

            first = ast.unparse(stmt).splitlines()[0]
            self.sites.append(
                Site(stmt.lineno, scope, first[:70], "pass  (statement removed)", remove)
            )

    # ------------------------------------------------------------------ operators
    def node(self, node: ast.AST, scope: str, setter: Setter | None) -> None:
        if isinstance(node, ast.Compare):
            self.compare(node, scope)
        elif isinstance(node, ast.BoolOp):
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            self.swap_attr(node, "op", other, scope)
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            self.swap_attr(node, "op", _BINARY[type(node.op)](), scope)
        elif isinstance(node, ast.Call):
            self.call(node, scope)
        elif isinstance(node, ast.Constant):
            self.constant(node, scope, setter)
        elif isinstance(node, ast.Attribute):
            self.enum_member(node, scope)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and setter:
            self.replace(node, node.operand, scope, setter)
        if isinstance(node, ast.If | ast.While | ast.IfExp):
            self.negate(node, "test", scope)
        elif isinstance(node, ast.comprehension):
            for index in range(len(node.ifs)):
                self.negate_item(node.ifs, index, scope)
                self.drop_filter(node.ifs, index, scope)

    def compare(self, node: ast.Compare, scope: str) -> None:
        for index, op in enumerate(node.ops):
            for replacement in _COMPARE.get(type(op), ()):

                def apply(
                    node: ast.Compare = node, index: int = index, new: type = replacement
                ) -> None:
                    node.ops[index] = new()

                copy = ast.Compare(node.left, list(node.ops), node.comparators)
                copy.ops[index] = replacement()
                self.add(node, scope, _text(copy), apply)

    def swap_attr(self, node: ast.AST, name: str, new: ast.AST, scope: str) -> None:
        old = getattr(node, name)
        setattr(node, name, new)
        mutated = _text(node)
        setattr(node, name, old)

        def apply() -> None:
            setattr(node, name, new)

        self.add(node, scope, mutated, apply)

    def call(self, node: ast.Call, scope: str) -> None:
        func = node.func
        if isinstance(func, ast.Name) and func.id in _FUNCTIONS:
            self.swap_attr(func, "id", _FUNCTIONS[func.id], scope)
        elif isinstance(func, ast.Attribute) and func.attr in _METHODS:
            self.swap_attr(func, "attr", _METHODS[func.attr], scope)

    def constant(self, node: ast.Constant, scope: str, setter: Setter | None) -> None:
        value = node.value
        if isinstance(value, bool):
            self.swap_attr(node, "value", not value, scope)
        elif isinstance(value, int):
            for new in (value + 1, value - 1):
                self.swap_attr(node, "value", new, scope)

    def enum_member(self, node: ast.Attribute, scope: str) -> None:
        if not isinstance(node.value, ast.Name) or not isinstance(node.ctx, ast.Load):
            return
        members = self.enums.get(node.value.id, ())
        if node.attr in members and len(members) > 1:
            following = members[(members.index(node.attr) + 1) % len(members)]
            self.swap_attr(node, "attr", following, scope)

    def replace(self, node: ast.expr, new: ast.expr, scope: str, setter: Setter) -> None:
        self.add(node, scope, _text(new), lambda: setter(new))

    def negate(self, node: ast.If | ast.While | ast.IfExp, name: str, scope: str) -> None:
        test = node.test
        if _negation_is_listed(test):
            return
        negated = ast.UnaryOp(ast.Not(), test)

        def apply() -> None:
            node.test = negated

        self.add(test, scope, f"not ({_text(test)})", apply)

    def drop_filter(self, items: list[ast.expr], index: int, scope: str) -> None:
        test = items[index]

        def apply() -> None:
            del items[index]

        self.add(test, scope, "(filter removed)", apply)

    def negate_item(self, items: list[ast.expr], index: int, scope: str) -> None:
        test = items[index]
        if _negation_is_listed(test):
            return

        def apply() -> None:
            items[index] = ast.UnaryOp(ast.Not(), test)

        self.add(test, scope, f"not ({_text(test)})", apply)


def _negation_is_listed(test: ast.expr) -> bool:
    """``not (a < b)`` is ``a >= b`` and ``not (not a)`` is ``a``: already other mutants."""
    single_compare = isinstance(test, ast.Compare) and len(test.ops) == 1
    return single_compare or (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not))


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _list_setter(items: list[ast.AST], index: int) -> Setter:
    def set_item(new: ast.expr) -> None:
        items[index] = new

    return set_item


def _field_setter(parent: ast.AST, name: str) -> Setter:
    def set_field(new: ast.expr) -> None:
        setattr(parent, name, new)

    return set_field


def enums_of(namespace: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """The enum classes a module can see, with their members in definition order."""
    return {
        name: tuple(member.name for member in value)  # type: ignore[attr-defined]
        for name, value in namespace.items()
        if isinstance(value, type) and issubclass(value, enum.Enum)
    }


def sites(
    source: str, enums: Mapping[str, tuple[str, ...]], scopes: tuple[str, ...] = ()
) -> tuple[ast.Module, list[Site]]:
    """Parse ``source`` and list its mutation sites (only within ``scopes``, if given)."""
    tree = ast.parse(source)
    walker = _Walker(enums)
    walker.walk(tree, "", None, in_function=False)
    found = walker.sites
    if scopes:
        found = [s for s in found if s.scope.split(".")[0] in scopes]
    return tree, found


def mutant_code(
    source: str, enums: Mapping[str, tuple[str, ...]], scopes: tuple[str, ...], index: int
) -> ast.Module:
    """The tree of mutant ``index``: a fresh parse with that one change made."""
    tree, found = sites(source, enums, scopes)
    found[index].apply()
    return ast.fix_missing_locations(tree)


def iter_labels(found: list[Site]) -> Iterator[str]:
    for site in found:
        yield f"{site.line}: {site.original} -> {site.mutated}"
