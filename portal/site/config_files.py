"""Reading MkDocs config files as YAML nodes, which know their lines, and
following ``INHERIT`` as MkDocs does: for errors that point at a line, and
for what one portal's build must know of the other portals' settings."""

from __future__ import annotations

from pathlib import Path

import yaml



def read_chain(config_file: Path) -> list[tuple[Path, yaml.Node]]:
    """The config file and the files it INHERITs, nearest first, as YAML nodes.

    Unreadable or invalid files end the chain: MkDocs reports them itself.
    """
    chain: list[tuple[Path, yaml.Node]] = []
    current: Path | None = config_file
    while current is not None and len(chain) < 10 and current.is_file():
        try:
            node = yaml.compose(current.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, yaml.YAMLError):
            break
        chain.append((current, node))
        parent = mapping_value(node, "INHERIT")
        current = (current.parent / parent.value).resolve() if isinstance(parent, yaml.ScalarNode) else None
    return chain


def lookup(chain: list[tuple[Path, yaml.Node]], keys: tuple[str, ...]) -> yaml.Node | None:
    """The value at ``keys`` in the nearest file that sets it (MkDocs merges
    mappings key by key; a list or a scalar comes whole from one file)."""
    found = lookup_with_file(chain, keys)
    return found[1] if found else None


def lookup_with_file(chain: list[tuple[Path, yaml.Node]], keys: tuple[str, ...]) -> tuple[Path, yaml.Node] | None:
    for path, node in chain:
        previous = None
        for key in keys:
            node = _plugin(node, key) if previous == "plugins" else mapping_value(node, key)
            previous = key
        if node is not None:
            return path, node
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


def declared_languages(chain: list[tuple[Path, yaml.Node]]) -> tuple[Path | None, list[tuple[str, int]]]:
    """The file that declares the i18n plugin's languages, and ``(code, line)``
    of each ``locale:`` in it."""
    found = lookup_with_file(chain, ("plugins", "i18n", "languages"))
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return None, []
    path, languages = found
    declared = []
    for item in languages.value:
        locale = mapping_value(item, "locale")
        if isinstance(locale, yaml.ScalarNode):
            declared.append((locale.value, locale.start_mark.line + 1))
    return path, declared
