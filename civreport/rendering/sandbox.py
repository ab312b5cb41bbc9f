"""The sandbox office templates run in: Jinja's immutable sandbox, with bounds on what a
template may make the machine do.

Jinja's sandbox blocks internals (attributes starting with ``_``, unsafe callables), but not
work: ``10**10**8`` or ``'a' * 2000000000`` run, and a loop inside a loop can spin for hours.
Here arithmetic and repetition that would build huge values are refused before they run,
counting what a value prints as (``["a" * 100000] * 100000`` is short but prints 10¹⁰
characters): ``*``, ``+``, ``~``, the lists and mappings a template writes, joins and indents.
Filters and string methods that pad or repeat are bounded, the output is bounded as it is
produced, and every ``for`` loop of a template draws on a budget of iterations per render.

And a render draws on a budget of work, counted rather than timed, so that a template is
refused at the same point however busy the machine (a time limit refused a template that took
6 s alone when eight threads rendered at once): each expression and statement the template
runs, each call, and each character and item that calls, filters, operators and comparisons
take and make and that the template prints. Each body (the template's, a loop's on every
iteration, a macro's, a block's) draws on entry for the expressions and statements in it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, cast

from jinja2 import filters as jinja_filters
from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

MAX_STRING = 1_000_000  # characters a single value may reach by repetition or padding
MAX_NUMBER_BITS = 1024  # an integer result larger than 2**1024 is no figure
MAX_OUTPUT = 20_000_000  # characters a template may print
MAX_ITERATIONS = 1_000_000  # loop iterations in one render (a summary's template makes a few hundred)
# Work, in units of about a character handled in Python (some 30 ns here): an expression, a
# call, and an item of a list, tuple, mapping or range handed to or made by a call are 20 each.
# The shipped template takes a third of it on the largest report a file can hold (200,000
# paragraphs); a template that spends it all runs 1–11 s here (benchmarks/scaling.py).
MAX_WORK = 400_000_000
STEP = 20  # an expression, a statement, a call, an item of a list, a tuple, a mapping or a range
# Filters that handle each character or item at many times the cost (measured: benchmarks/scaling.py).
SLOW_FILTERS = {
    "urlize": 50,
    "wordwrap": 12,
    "title": 10,
    "xmlattr": 10,
    "striptags": 5,
    "urlencode": 5,
    "wordcount": 3,
    "pprint": 2,
    "groupby": 2,
    "sort": 2,
    "dictsort": 2,
    "unique": 2,
}
_BUDGET_FILTER = "civreport_budget"
_SIZE_FILTER = "civreport_size"
_WORK_FILTER = "civreport_work"
_WEIGH_FILTER = "civreport_weigh"
_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?|\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"模板的运算超出限制：{what}")


def _check_widths(fmt: str) -> None:
    """Refuse format strings that pad to huge widths: ``%1000000000d``, ``{:>999999999}``."""
    for match in _WIDTH.finditer(fmt):
        for group in match.groups():
            if group == "*" or (group and int(group) > MAX_STRING):
                raise _refuse(f"格式宽度 {group}")


def _weight(value: Any, limit: int = MAX_STRING) -> int:
    """About how many characters ``value`` prints as, counted until past ``limit``: each
    string its length, each list, tuple or mapping its items and one per entry, a value that
    occurs many times (``[big] * 1000``) each time, as printing or joining it would."""
    total, stack, visited = 0, [value], 0
    while stack and total <= limit:
        item = stack.pop()
        visited += 1
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple, dict)):
            total += len(item)
            if total <= limit:
                stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            total += 1
    _charge(STEP * visited)  # the walk is work too
    return total


def _sized(value: Any) -> Any:
    """The size filter: a list, mapping or ``~`` a template writes, refused past the bound."""
    if _weight(value) > MAX_STRING:
        raise _refuse(f"模板写出的值超过 {MAX_STRING} 字")
    return value


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with bounded arithmetic, repetition, formatting and loops,
    and its work counted."""

    intercepted_binops = frozenset(["**", "*", "%", "+"])

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_printed, **options)
        tests = cast(dict[str, Callable[..., Any]], self.tests)  # typed by Jinja's own, not as callables
        self.tests = {name: _metered(name, test) for name, test in tests.items()}
        self.filters = {name: _metered(name, function) for name, function in self.filters.items()}
        self.add_filters(BOUNDED_FILTERS)

    def add_filters(self, filters: Mapping[str, Callable[..., Any]]) -> None:
        """Install ``filters``, each charging the budget for its calls (the budget's own do not)."""
        self.filters.update(
            {name: function if name in _UNMETERED else _metered(name, function) for name, function in filters.items()}
        )

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every loop's iterable, and every iterable a recursive loop recurses into, passes
        through the budget filter; every list, tuple and mapping a template writes and every
        ``~`` it joins passes through the size filter (``[a, a, a]`` of a large ``a``), each
        side of a comparison through the weighing one; and every body draws for its work."""
        tree = super()._parse(source, name, filename)
        _Metered().visit(tree)  # in place: the root is a template, never replaced
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _BUDGET_FILTER, [], [], None, None, lineno=loop.lineno)
            if isinstance(loop.test, nodes.Expr):  # run for every item, the body only for those it lets through
                loop.test = _drawing(loop.test, _own_work([loop.test]), loop.lineno)
            if loop.recursive:
                for call in loop.find_all(nodes.Call):
                    if isinstance(call.node, nodes.Name) and call.node.name == "loop" and call.args:
                        call.args[0] = nodes.Filter(
                            call.args[0], _BUDGET_FILTER, [], [], None, None, lineno=call.lineno
                        )
        bodies = [(tree.body, 1)]
        for owner in tree.find_all(_BODIES):
            assert isinstance(owner, _BODIES)
            bodies.append((owner.body, owner.lineno))
            if isinstance(owner, nodes.For) and owner.else_:
                bodies.append((owner.else_, owner.lineno))
        for body, line in bodies:
            body.insert(0, nodes.ExprStmt(_drawing(nodes.Const(None, lineno=line), _own_work(body), line), lineno=line))
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _charge(STEP + _size(left) + _size(right))
        if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > MAX_NUMBER_BITS:
                raise _refuse(f"{left} ** {right}")
        elif operator == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, (str, list, tuple))
                    and isinstance(count, int)
                    and count > 0
                    and _weight(seq, MAX_STRING // count) * count > MAX_STRING
                ):
                    raise _refuse(f"重复 {count} 次")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_NUMBER_BITS
            ):
                raise _refuse("过大的乘积")
        elif operator == "%" and isinstance(left, str):
            _check_widths(left)
        elif (
            operator == "+"
            and isinstance(left, (str, list, tuple))
            and isinstance(right, (str, list, tuple))
            and _weight(left) + _weight(right) > MAX_STRING
        ):
            raise _refuse(f"相加的结果超过 {MAX_STRING} 字")
        result = super().call_binop(context, operator, left, right)
        _charge(_size(result))
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``'…'.format`` and ``format_map``: refused when they pad to huge widths."""
        owner = getattr(value, "__self__", None)
        if isinstance(owner, str) and getattr(value, "__name__", "") in ("format", "format_map"):
            _check_widths(owner)
        return super().wrap_str_format(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's signature
        """String methods that pad or repeat (``ljust``, ``zfill``, ``replace`` …) are bounded;
        every call charges for itself and what it takes and makes."""
        owner = getattr(__obj, "__self__", None)
        _charge(STEP + _size(owner) + sum(map(_size, args)) + sum(map(_size, kwargs.values())))
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            for arg in (*args, *kwargs.values()):
                if isinstance(arg, int) and arg > MAX_STRING:
                    raise _refuse(f"{name}({arg})")
            if name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
                _check_replace(owner, args[0], args[1])
            elif name == "join" and args and isinstance(args[0], (list, tuple)):
                _check_join(args[0], owner)
            elif name == "expandtabs" and args and isinstance(args[0], int):
                _check_lines(owner, owner.count("\t"), args[0], name)
        result = super().call(__context, __obj, *args, **kwargs)
        _charge(_size(result))
        return result


def _check_replace(text: str, old: str, new: str) -> None:
    grows = (text.count(old) if old else len(text) + 1) * max(len(new) - len(old), 0)
    if len(text) + grows > MAX_STRING:
        raise _refuse("替换后过长")


def _check_join(items: list[Any] | tuple[Any, ...], separator: str) -> None:
    if _weight(items) + len(separator) * len(items) > MAX_STRING:
        raise _refuse(f"连接的结果超过 {MAX_STRING} 字")


def _check_lines(text: str, places: int, width: Any, name: str) -> None:
    """``indent`` and ``expandtabs`` put ``width`` characters at each of ``places``."""
    width = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if len(text) + places * max(width, 0) > MAX_STRING:
        raise _refuse(f"{name} 的结果超过 {MAX_STRING} 字")


class _Metered(NodeTransformer):
    """Puts each list, tuple and mapping a template writes, and each ``~``, inside the size
    filter, and each side of a comparison (``==``, ``in`` …) inside the weighing filter."""

    def sized(self, node: nodes.Node) -> nodes.Node:
        node = self.generic_visit(node)
        if getattr(node, "ctx", "load") != "load":  # an assignment's target
            return node
        return nodes.Filter(node, _SIZE_FILTER, [], [], None, None, lineno=node.lineno)

    visit_List = visit_Tuple = visit_Dict = visit_Concat = sized

    def visit_Getitem(self, node: nodes.Getitem) -> nodes.Node:
        """A slice, which copies what it takes (Jinja slices in Python, not through ``getitem``)."""
        self.generic_visit(node)  # in place: an item's parts are expressions, never removed
        if isinstance(node.arg, nodes.Slice) and node.ctx == "load":
            return nodes.Filter(node, _WEIGH_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Compare(self, node: nodes.Compare) -> nodes.Node:
        self.generic_visit(node)  # in place: a comparison's sides are expressions, never removed
        node.expr = nodes.Filter(node.expr, _WEIGH_FILTER, [], [], None, None, lineno=node.lineno)
        for operand in node.ops:
            operand.expr = nodes.Filter(operand.expr, _WEIGH_FILTER, [], [], None, None, lineno=node.lineno)
        return node


# What has a body of its own, run apart from the body it is in: a loop's on every iteration.
_BODIES = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Block)


def _own_work(body: list[nodes.Node]) -> int:
    """The expressions and statements of ``body``, less those in bodies of their own."""
    count, stack = 0, list(body)
    while stack:
        node = stack.pop()
        count += 1
        if isinstance(node, nodes.For):
            stack += [node.target, node.iter]  # run once here; the rest on each iteration
        elif isinstance(node, nodes.CallBlock):
            stack.append(node.call)
        elif not isinstance(node, _BODIES):
            stack.extend(node.iter_child_nodes())
    return STEP * count


def _drawing(node: nodes.Expr, work: int, line: int) -> nodes.Expr:
    """``node``, drawing ``work`` from the budget each time it is evaluated."""
    return nodes.Filter(node, _WORK_FILTER, [nodes.Const(work, lineno=line)], [], None, None, lineno=line)


def _bounded(filter_: Callable[..., Any], *positions: int) -> Callable[..., Any]:
    """``filter_`` refusing integer arguments (at ``positions``, after the value) that would
    pad, wrap or split into more than the bound."""
    name = filter_.__name__.removeprefix("do_")

    def bounded(*args: Any, **kwargs: Any) -> Any:
        for i in positions:
            if i < len(args) and isinstance(args[i], int) and args[i] > MAX_STRING:
                raise _refuse(f"{name}({args[i]})")
        if any(isinstance(v, int) and v > MAX_STRING for v in kwargs.values()):
            raise _refuse(name)
        return filter_(*args, **kwargs)

    return bounded


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_widths(str(value))
    return jinja_filters.do_format(value, *args, **kwargs)


def _join_filter(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
    if isinstance(value, (list, tuple)):
        _check_join(value, str(d))
    return jinja_filters.do_join(eval_ctx, value, d, attribute)


def _indent(s: str, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
    _check_lines(str(s), str(s).count("\n") + 1, width, "indent")
    return jinja_filters.do_indent(s, width, first, blank)


def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> Any:
    _check_replace(str(s), str(old), str(new))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


_replace.jinja_pass_arg = jinja_filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]
_join_filter.jinja_pass_arg = jinja_filters.do_join.jinja_pass_arg  # type: ignore[attr-defined]


class Budget:
    """The loop iterations and the work one render may take; active for the render in this
    thread (and task) only."""

    current: ContextVar[Budget | None] = ContextVar("civreport_template_budget", default=None)

    def __init__(self) -> None:
        self.iterations = 0
        self.work = 0

    def spend(self, iterable: Iterable[Any]) -> Iterator[Any]:
        for item in iterable:
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise _refuse(f"模板的循环超过 {MAX_ITERATIONS} 次（是否有过大的循环？）")
            yield item

    def charge(self, work: int) -> None:
        self.work += work
        if self.work > MAX_WORK:
            raise _refuse(
                f"运算量超过 {MAX_WORK}（每个表达式、每次调用和列表的每一项算 {STEP}，处理和输出的每个字算 1；"
                "是否有过大的循环，或在循环中反复处理大段文字？）"
            )

    def run(self, chunks: Iterable[str]) -> str:
        """Join the chunks a template yields, within the budget and the output bound."""
        token = Budget.current.set(self)
        try:
            return _join(chunks)
        finally:
            Budget.current.reset(token)


def _charge(work: int) -> None:
    budget = Budget.current.get()
    if budget is not None:
        budget.charge(work)


def _size(value: Any) -> int:
    """The work of handling ``value`` once: its characters, or its items (a record is looked
    into, not copied)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple, dict, range)):
        return STEP * len(value)
    return 0


def _metered(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter or a test charging the budget for its call and what it takes and makes."""
    weight = SLOW_FILTERS.get(name, 1)

    @functools.wraps(function)  # with Jinja's note of what to pass it first
    def metered(*args: Any, **kwargs: Any) -> Any:
        _charge(STEP + weight * (sum(map(_size, args)) + sum(map(_size, kwargs.values()))))
        result = function(*args, **kwargs)
        _charge(weight * _size(result))
        return result

    return metered


def _printed(value: Any) -> Any:
    """What a template prints (Jinja's finalize), charged: its characters, a record's as
    many as its text has."""
    text = value if isinstance(value, str) else str(value)
    _charge(len(text))
    return text


# The budget's own filters: not to be worked out when a template is compiled (Jinja computes
# what it can then), so each takes the context.
@pass_context
def _budget(context: Any, iterable: Iterable[Any]) -> Iterable[Any]:
    budget = Budget.current.get()
    return iterable if budget is None else budget.spend(iterable)


@pass_context
def _work(context: Any, value: Any, work: int) -> Any:
    _charge(work)
    return value


@pass_context
def _weigh(context: Any, value: Any) -> Any:
    _charge(_size(value))
    return value


def _join(chunks: Iterable[str]) -> str:
    out: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise _refuse(f"输出超过 {MAX_OUTPUT} 字")
        out.append(chunk)
    return "".join(out)


# Jinja's filters that pad, wrap or split by a number the template gives.
BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _bounded(jinja_filters.do_center, 1),
    "indent": _indent,
    "join": _join_filter,
    "wordwrap": _bounded(jinja_filters.do_wordwrap, 2),
    "slice": _bounded(jinja_filters.do_slice, 1),
    "batch": _bounded(jinja_filters.do_batch, 1),
    "truncate": _bounded(jinja_filters.do_truncate, 2),
    "replace": _replace,
    "format": _format,
    _BUDGET_FILTER: _budget,
    _SIZE_FILTER: _sized,
    _WORK_FILTER: _work,
    _WEIGH_FILTER: _weigh,
}
_UNMETERED = {_BUDGET_FILTER, _WORK_FILTER, _WEIGH_FILTER}
for _name in ("wordwrap", "truncate"):  # these take the environment first
    BOUNDED_FILTERS[_name].jinja_pass_arg = jinja_filters.FILTERS[_name].jinja_pass_arg  # type: ignore[attr-defined]
