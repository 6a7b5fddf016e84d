"""YAML as editors write it: parsed once into data and a node tree that
knows the line of every value, and refused where YAML would silently lose
data, make something up, or take minutes.

Used for ``data/*.yml``, the front matter of pages and the config files.
Refused, each with file, line and field:

- a key written twice in one mapping (YAML keeps the last one silently);
- ``.inf``, ``.nan`` and numbers too large for a float (``1e400``);
- whole numbers longer than :data:`MAX_DIGITS` digits;
- dates that do not exist (``2026-02-30``);
- aliases (``*name``) that expand to more than :data:`MAX_VALUES` values
  ("billion laughs"), and nesting deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from portal.errors import PortalError, raise_all

#: More values than any real data file has (a file of 1,000 projects has ~40,000).
MAX_VALUES = 500_000
MAX_DEPTH = 40
MAX_DIGITS = 18  # 10**18 đồng is forty billion US dollars

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLOAT = "tag:yaml.org,2002:float"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"


@dataclass(frozen=True)
class Located:
    """A YAML document's data and its node tree."""

    data: Any
    root: yaml.Node | None
    shown: str  # the file name to print
    first_line: int = 1  # line of the file where the YAML starts (front matter: 2)

    def line(self, path: tuple[Any, ...]) -> int | None:
        """1-based line of the deepest node on ``path`` (keys and list indexes)."""
        node = self.root
        line = self._line(node) if node is not None else None
        for step in path:
            node = child(node, step)
            if node is None:
                break
            line = self._line(node)
        return line

    def key_line(self, path: tuple[Any, ...]) -> int | None:
        """Line of the key of the last step (for a field that is present)."""
        parent = self.root
        for step in path[:-1]:
            parent = child(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key_node, _value in parent.value:
                if key_node.value == str(path[-1]):
                    return self._line(key_node)
        return self.line(path)

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line


def parse(text: str, shown: str, first_line: int = 1, error_key: str = "data_yaml") -> Located:
    """Parse once: the node tree, checked, then the data built from it.

    ``error_key`` names the message for text that is not YAML at all
    (``data_yaml``, ``frontmatter_yaml``, ``config_yaml``).
    """
    loader = _Loader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            raise _syntax_error(error, shown, first_line, error_key) from None
        except yaml.YAMLError as error:  # no position (e.g. a tab where YAML forbids it, in some versions)
            raise PortalError(error_key, file=shown, line=first_line, problem=str(error)) from None
        if root is not None:
            raise_all(check_nodes(root, shown, first_line))
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return Located(data=data, root=root, shown=shown, first_line=first_line)


def compose(text: str, shown: str, error_key: str = "config_yaml") -> yaml.Node | None:
    """The checked node tree only (config files: MkDocs builds their data itself,
    with its own tags such as ``!ENV``)."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, shown, 1, error_key) from None
    except yaml.YAMLError as error:
        raise PortalError(error_key, file=shown, line=1, problem=str(error)) from None
    if root is not None:
        raise_all(check_nodes(root, shown, 1))
    return root


def check_nodes(root: yaml.Node, shown: str, first_line: int = 1) -> list[PortalError]:
    """What YAML would get wrong silently in this tree (see the module's doc)."""
    problems: list[PortalError] = []
    sizes: dict[int, int] = {}
    constructor = yaml.SafeLoader("")

    def line(node: yaml.Node) -> int:
        return node.start_mark.line + first_line

    def size(node: yaml.Node, path: tuple[str, ...], depth: int, active: set[int]) -> int:
        """Values the node expands to (aliases counted each time they are used)."""
        if id(node) in sizes:
            return sizes[id(node)]
        field = ".".join(path) or None
        if depth > MAX_DEPTH or id(node) in active:
            problems.append(PortalError("yaml_too_deep", file=shown, line=line(node), field=field, limit=MAX_DEPTH))
            raise _Stop
        total = 1
        active.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if key.tag == _MERGE:
                    name = "<<"
                elif name in seen:
                    problems.append(PortalError("yaml_duplicate_key", file=shown, line=line(key),
                                                field=".".join(path + (name,)), other=seen[name]))
                seen.setdefault(name, line(key))
                total += size(value, path + (name,), depth + 1, active)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                total += size(item, path, depth + 1, active)
        else:
            problem = _scalar_problem(node, constructor)
            if problem:
                key, params = problem
                problems.append(PortalError(key, file=shown, line=line(node), field=field, **params))
        active.discard(id(node))
        sizes[id(node)] = total
        if total > MAX_VALUES:
            problems.append(PortalError("yaml_too_large", file=shown, line=line(node), field=field, limit=MAX_VALUES))
            raise _Stop
        return total

    try:
        size(root, (), 0, set())
    except _Stop:
        pass
    return problems


class _Stop(Exception):
    """The tree is too big or too deep to look at further."""


def _scalar_problem(node: yaml.Node, constructor: yaml.SafeLoader) -> tuple[str, dict] | None:
    if node.tag == _FLOAT:
        value = constructor.construct_yaml_float(node)
        if not math.isfinite(value):
            return "yaml_not_finite", {"value": node.value}
    elif node.tag == _INT and len(re.sub(r"[^0-9a-fA-F]", "", node.value)) > MAX_DIGITS:
        return "yaml_number_too_large", {"digits": MAX_DIGITS}
    elif node.tag == _TIMESTAMP:
        try:
            constructor.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return "yaml_bad_date", {"value": node.value}
    return None


def _syntax_error(error: yaml.MarkedYAMLError, shown: str, first_line: int, error_key: str) -> PortalError:
    """Where an editor must look: an unclosed quote or bracket is reported
    where it opens, not at the end of the file where YAML noticed it."""
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    key = error_key
    params: dict[str, Any] = {"problem": error.problem or context or str(error)}
    if error.context_mark is not None and context.startswith("while scanning a quoted scalar"):
        mark, key, params = error.context_mark, "yaml_unclosed_quote", {}
    elif error.context_mark is not None and context.startswith("while parsing a flow"):
        mark, key, params = error.context_mark, "yaml_unclosed_bracket", {}
    elif (error.problem or "").startswith("mapping values are not allowed"):
        key, params = "yaml_colon_in_value", {}
    return PortalError(key, file=shown, line=mark.line + first_line if mark else first_line, **params)


def child(node: yaml.Node | None, step: Any) -> yaml.Node | None:
    """The node at one step (a key or a list index) below ``node``."""
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node
    return None
