"""Reading MkDocs config files as YAML nodes, which know their lines, and
following ``INHERIT`` as MkDocs does: for errors that name the file and the
line, and for what one portal's build must know of the other portals'.

The files get the same checks as data (:mod:`portal.yamlfile`): a key
written twice, which MkDocs would silently take the last of, is an error.
``check_config_file`` reads a whole chain before MkDocs does, so that bad
YAML or a missing ``INHERIT`` target gets our message (file, line, both
languages) rather than MkDocs' English one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from portal.errors import PortalError
from portal.sources import read_text, shown
from portal.yamlfile import compose

#: More would be a loop of INHERITs.
MAX_CHAIN = 10


@dataclass(frozen=True)
class ConfigChain:
    """A config file and the files it INHERITs, nearest first, as YAML nodes."""

    files: list[tuple[Path, yaml.Node]]

    @property
    def root(self) -> Path:
        """The project: the folder of the file at the top of the chain."""
        return self.files[-1][0].parent

    def shown(self, path: Path) -> str:
        return shown(path, self.root)

    def lookup(self, keys: tuple[str, ...]) -> yaml.Node | None:
        """The value at ``keys`` in the nearest file that sets it (MkDocs merges
        mappings key by key; a list or a scalar comes whole from one file)."""
        found = self.lookup_with_file(keys)
        return found[1] if found else None

    def lookup_with_file(self, keys: tuple[str, ...]) -> tuple[Path, yaml.Node] | None:
        for path, node in self.files:
            found = node_at(node, keys)
            if found is not None:
                return path, found
        return None

    def line_in(self, path: Path, keys: tuple[str, ...]) -> int | None:
        """Line of the key ``keys`` in one file of the chain (not the nearest that sets it)."""
        return next((_key_line(node, keys) for file, node in self.files if file == path), None)

    def where(self, keys: tuple[str, ...]) -> tuple[str, int | None]:
        """File (shown) and line of the key ``keys``; the nearest file, no line, if unset."""
        found = self.lookup_with_file(keys)
        if found is None:
            return self.shown(self.files[0][0]), None
        return self.shown(found[0]), self.line_in(found[0], keys)


def read_chain(config_file: Path, root: Path | None = None) -> ConfigChain:
    """Read ``config_file`` and what it INHERITs; raise PortalError(s) on
    bad YAML, a key written twice or a missing INHERIT target. ``root``:
    the project, for the file names errors show (default: the folder of the
    file at the top of the chain)."""
    root = root or _top(config_file).parent
    files: list[tuple[Path, yaml.Node]] = []
    current = config_file.resolve()
    while True:
        name = shown(current, root)
        node = compose(read_text(current, name), name)
        files.append((current, node))
        parent = mapping_value(node, "INHERIT")
        if not isinstance(parent, yaml.ScalarNode):
            return ConfigChain(files)
        target = (current.parent / parent.value).resolve()
        if not target.is_file() or len(files) >= MAX_CHAIN:
            raise PortalError("config_inherit_missing", file=name, line=parent.start_mark.line + 1,
                              field="INHERIT", value=parent.value)
        current = target


def _top(config_file: Path) -> Path:
    """The file at the top of the INHERIT chain, as far as it can be followed
    (a first quick pass; :func:`read_chain` reports what stops it)."""
    current = config_file.resolve()
    for _ in range(MAX_CHAIN):
        try:
            node = yaml.compose(current.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return current
        parent = mapping_value(node, "INHERIT")
        if not isinstance(parent, yaml.ScalarNode) or not (current.parent / parent.value).is_file():
            return current
        current = (current.parent / parent.value).resolve()
    return current


def node_at(node: yaml.Node | None, keys: tuple[str, ...]) -> yaml.Node | None:
    """The node at ``keys`` in one file's tree (``plugins`` as a list or a mapping)."""
    previous = None
    for key in keys:
        node = _plugin(node, key) if previous == "plugins" else mapping_value(node, key)
        previous = key
    return node


def _key_line(node: yaml.Node, keys: tuple[str, ...]) -> int | None:
    """Line of the last key of ``keys`` (a value that is a list or a mapping
    starts on the line after its key)."""
    parent = node_at(node, keys[:-1]) if len(keys) > 1 else node
    if keys[:-1] and keys[-2] == "plugins":
        parent = node_at(node, keys[:-2])
        if isinstance(parent, yaml.SequenceNode):  # `- name: {...}`
            parent = next((entry for entry in parent.value if mapping_value(entry, keys[-1]) is not None), None)
    if isinstance(parent, yaml.MappingNode):
        for key_node, _value in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == keys[-1]:
                return key_node.start_mark.line + 1
    return None


def _plugin(plugins: yaml.Node | None, name: str) -> yaml.Node | None:
    """A plugin's options, whether ``plugins`` is a mapping or a list."""
    if isinstance(plugins, yaml.SequenceNode):  # `- i18n: {...}`
        return next((mapping_value(entry, name) for entry in plugins.value if mapping_value(entry, name) is not None), None)
    return mapping_value(plugins, name)


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """Value node of ``key`` in a YAML mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None


@dataclass(frozen=True)
class Declared:
    """A language as a config file declares it."""

    code: str
    default: bool
    line: int


def declared_languages(chain: ConfigChain) -> tuple[Path | None, list[Declared]]:
    """The file that declares the i18n plugin's languages, and each language in it."""
    found = chain.lookup_with_file(("plugins", "i18n", "languages"))
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return None, []
    path, languages = found
    declared = []
    for item in languages.value:
        locale = mapping_value(item, "locale")
        default = mapping_value(item, "default")
        if isinstance(locale, yaml.ScalarNode):
            is_default = isinstance(default, yaml.ScalarNode) and default.value.lower() in ("true", "yes", "on")
            line = (default if is_default else locale).start_mark.line + 1
            declared.append(Declared(locale.value, is_default, line))
    return path, declared
