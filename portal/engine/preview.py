"""The preview (`portal serve`, `make serve`): MkDocs' development server,
with two changes. A rebuild renders only the pages whose source changed
(MkDocs' dirty build; the plugin keeps menus and home pages right, see its
``on_nav``). A build that fails shows its errors in the browser.

MkDocs 1.6 keeps serving the last good site after a failed rebuild, but
marks it out of date, and then holds every request until a build succeeds:
an editor's browser spun with no message while the error sat in a terminal
they may not be watching. Here a failed build leaves a site of one page,
the error page (served at every address, as the 404 page), printed in the
terminal too; the server answers as soon as the build has failed, and the
page asks again every few seconds, so it gives way to the page being edited
as soon as it builds.
"""

from __future__ import annotations

import logging
import shutil
import sys
import traceback
from pathlib import Path
from collections.abc import Callable
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.commands import serve as mkdocs_serve
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.utils import DuplicateFilter

from portal.errors import ERROR_LANGUAGES
from portal.generation.rendering import environment
from portal.i18n import t

log = logging.getLogger("mkdocs.commands.serve")

#: How often the error page asks for the page again.
REFRESH_SECONDS = 3
ERROR_PAGE = "404.html"


def main(argv: list[str]) -> None:
    """``python -m portal.engine.preview CONFIG_FILE DEV_ADDR``: MkDocs' own
    ``serve`` command (its logging, its watcher), with builds that show their errors."""
    from mkdocs.__main__ import cli

    build = mkdocs_serve.build

    def build_or_show_errors(config: Any, **kwargs: Any) -> None:
        shown(lambda: build(config, **kwargs), Path(config.site_dir))

    class Server(mkdocs_serve.LiveReloadServer):
        """A rebuild also reads the config files again, before building: an error there is shown too."""

        def __init__(self, *, builder: Callable[..., None], root: str, **kwargs: Any) -> None:
            super().__init__(builder=lambda config=None: shown(lambda: builder(config), Path(root)),
                             root=root, **kwargs)

    mkdocs_serve.build = build_or_show_errors
    mkdocs_serve.LiveReloadServer = Server
    config_file, dev_addr = argv
    # --dirty: a rebuild renders only the pages whose source changed (the docs folder keeps
    # unchanged files as they were); mkdocs-static-i18n reads the flag from sys.argv.
    sys.argv = ["mkdocs", "serve", "--config-file", config_file, "--dev-addr", dev_addr, "--dirty"]
    cli(sys.argv[1:])


def shown(action: Callable[[], None], site_dir: Path) -> None:
    """Run ``action``; if it fails, the served site becomes the error page."""
    errors = _Errors()  # MkDocs logs a plugin's or the config's errors, then raises a bare "Aborted with..."
    logging.getLogger("mkdocs").addHandler(errors)
    _forget_printed_messages()
    try:
        action()
    except Exception as error:  # noqa: BLE001 (every failure is shown; the server goes on)
        try:
            show_errors(site_dir, error, errors.messages)
        except OSError:  # the error page could not be written: the terminal still has the errors
            log.exception("The preview's error page could not be written")
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)


def _forget_printed_messages() -> None:
    """MkDocs prints a message once per process (``DuplicateFilter``): an
    editor who made the same mistake again would see nothing, in the terminal
    or here. Each build starts with a clean slate."""
    for flt in mkdocs_build.log.filters:
        if isinstance(flt, DuplicateFilter):
            flt.msgs.clear()


class _Errors(logging.Handler):
    """The error messages logged during a build (already printed in the terminal)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def show_errors(site_dir: Path, error: Exception, logged: list[str]) -> None:
    """Replace the served site by the error page; print what was not printed yet."""
    if isinstance(error, Abort) and logged:  # MkDocs printed the errors, then gave up
        message = "\n\n".join(logged)
    else:
        if isinstance(error, MkDocsException):  # ours (PluginError) and MkDocs' own: messages for editors
            message = str(error)
        else:  # a fault of ours, not the editor's: the whole story
            message = "".join(traceback.format_exception(error)).rstrip()
        log.error(message)
    # The search index of the last good build may still be writing into the folder: what it
    # writes there is left alone, never an error of its own.
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    (site_dir / ERROR_PAGE).write_text(error_page(message), encoding="utf-8")


def error_page(message: str) -> str:
    return environment().get_template("preview-error.html.j2").render(
        message=message, languages=ERROR_LANGUAGES, refresh_seconds=REFRESH_SECONDS, t=t)


if __name__ == "__main__":
    main(sys.argv[1:])
