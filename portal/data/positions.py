"""YAML loaded twice over: as plain data, and as a node tree that knows the
line of every value, so errors found in the data can point into the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.errors import PortalError


@dataclass(frozen=True)
class Located:
    """A YAML document's data and its node tree."""

    data: Any
    root: yaml.Node | None
    shown: str  # the file name to print

    def line(self, path: tuple[Any, ...]) -> int | None:
        """1-based line of the deepest node on ``path`` (keys and list indexes)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for step in path:
            node = _child(node, step)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    def key_line(self, path: tuple[Any, ...]) -> int | None:
        """Line of the key of the last step (for a field that is present)."""
        parent = self.root
        for step in path[:-1]:
            parent = _child(parent, step)
        if isinstance(parent, yaml.MappingNode):
            for key_node, _value in parent.value:
                if key_node.value == path[-1]:
                    return key_node.start_mark.line + 1
        return self.line(path)


def load_located(path: Path, shown: str) -> Located:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PortalError("file_unreadable", file=shown, problem=str(error)) from None
    # One parse (with libyaml when PyYAML has it): the node tree, then the data built from it.
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PortalError(
            "data_yaml",
            file=shown,
            line=mark.line + 1 if mark else None,
            problem=error.problem or error.context or str(error),
        ) from None
    finally:
        loader.dispose()
    return Located(data=data, root=root, shown=shown)


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _child(node: yaml.Node | None, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == str(step):
                return value_node
    return None
