"""The theme's templates compiled once per process, not once per language
and per preview rebuild: MkDocs makes a new Jinja environment for each
language's build (mkdocs-static-i18n), and each compiles every template of
Material again (about a third of a small portal's build)."""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, by template and source checksum
    (Jinja checks the checksum: a changed template is compiled again)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self.compiled.clear()


#: One for the process: every language, every preview rebuild.
THEME_TEMPLATES = MemoryBytecodeCache()
