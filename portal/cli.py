"""``portal``: the editors' command line.

    portal new news "Tiêu đề bài viết"      scaffold a draft in the default language (Vietnamese)
    portal check [--csv status.csv]         check everything, report translations
    portal stage --output DIR               what the build publishes, for any site engine
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from portal.checks.content import check_links_and_images, translation_status
from portal.clock import now
from portal.site.project import load_project
from portal.errors import ERROR_LANGUAGES, PortalError
from portal.site.assembly import assemble
from portal.site.config_files import declared_languages, read_chain
from portal.site.portals import check_config_files
from portal.site.publication import Rule
from portal.printing.pdf import PrintError
from portal.printing.printer import Printer
from portal.printing.publications import FOLDER as PUBLICATIONS
from portal.site.settings import read_settings
from portal.site.stage import stage
from portal.data.models import SLUG
from portal.generation.articles import slugify
from portal.i18n import t

#: kind of item -> its folder in content/<lang>/ (archetypes/<kind>.md is its template)
KINDS = {"news": "news", "event": "events", "document": "documents", "clarification": "clarifications", "press": "press"}


def _both(key: str, separator: str = " / ", **params: str) -> str:
    """The string ``key`` in the editors' languages, Vietnamese first."""
    return separator.join(t(lang, key, **params) for lang in ERROR_LANGUAGES)


def _help(key: str) -> str:
    """A help text: one line per language."""
    return _both(f"cli.{key}", "\n")


class _Help(argparse.HelpFormatter):
    """argparse's layout with our words (its headings and "usage:" are English
    only); each language's line of help is wrapped on its own."""

    def add_usage(self, usage, actions, groups, prefix=None):
        if prefix is None:  # not a sub-command's name being made
            prefix = _both("cli.usage") + ": "
        super().add_usage(usage, actions, groups, prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return [line for part in text.splitlines() for line in textwrap.wrap(part, width, break_on_hyphens=False)]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(textwrap.fill(part, width, initial_indent=indent, subsequent_indent=indent,
                                       break_on_hyphens=False)
                         for part in text.splitlines())


class _Parser(argparse.ArgumentParser):
    """Headings and mistakes in Vietnamese and English (argparse's own words stay, after ours)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=_Help, add_help=False, **kwargs)
        self._positionals.title = _both("cli.arguments")
        self._optionals.title = _both("cli.options")
        self.add_argument("-h", "--help", action="help", help=_help("help"))

    def error(self, message: str):
        self.print_usage(sys.stderr)
        key, params = "cli.bad_command", {"message": message}
        for pattern, known in ARGPARSE_SAYS:
            if match := pattern.fullmatch(message):
                key, params = known, match.groupdict()
        told = "".join(f"  {lang}: {t(lang, key, **params)} {t(lang, 'cli.see_help', command=self.prog)}\n"
                       for lang in ERROR_LANGUAGES)
        self.exit(2, told)


#: argparse's mistakes (English only) -> ours, with what it named.
ARGPARSE_SAYS = [
    (re.compile(r"the following arguments are required: (?P<names>.+)"), "cli.missing"),
    (re.compile(r"argument (?P<name>\S+): invalid choice: '(?P<value>.*)' \(choose from (?P<choices>.+)\)"),
     "cli.invalid_choice"),
    (re.compile(r"unrecognized arguments: (?P<value>.+)"), "cli.unknown"),
]


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="portal", description=_help("description"))
    parser.add_argument("--config", default="mkdocs.yml", help=_help("config"))
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                     title=_both("cli.commands"))
    new = commands.add_parser("new", help=_help("new"), description=_help("new"))
    new.add_argument("kind", choices=sorted(KINDS), help=_help("new_kind"))
    new.add_argument("title", help=_help("new_title"))
    new.add_argument("--date", help=_help("new_date"))
    new.add_argument("--slug", help=_help("new_slug"))
    check = commands.add_parser("check", help=_help("check"), description=_help("check"))
    check.add_argument("--csv", help=_help("check_csv"))
    stage = commands.add_parser("stage", help=_help("stage"), description=_help("stage"))
    stage.add_argument("--output", required=True, type=Path, help=_help("stage_output"))
    printing = commands.add_parser("print", help=_help("print"), description=_help("print"))
    printing.add_argument("--output", default="build/print", type=Path, help=_help("print_output"))
    printing.add_argument("--portal", action="append", default=[], help=_help("print_portal"))
    serve = commands.add_parser("serve", help=_help("serve"), description=_help("serve"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help=_help("serve_address"))
    args = parser.parse_args(argv)
    config_file = Path(args.config).resolve()
    if args.command == "new":
        return _new(config_file, args.kind, args.title, args.date, args.slug)
    if args.command == "serve":
        return _serve(config_file, args.dev_addr)
    if args.command == "stage":
        return _stage(config_file, args.output)
    if args.command == "print":
        return _print(config_file, args.output, tuple(args.portal))
    return _check(config_file, args.csv)


def _serve(config_file: Path, address: str) -> int:
    """The preview (portal/engine/preview.py: `mkdocs serve`, showing a failed
    build's errors in the browser), after reading the config files with our
    checks (MkDocs' own messages for them name no line and are in English only)."""
    try:
        read_chain(config_file)
    except PortalError as problem:
        return _report(problem.errors)
    command = [sys.executable, "-m", "portal.engine.preview", str(config_file), address]
    os.execv(sys.executable, command)  # become the preview: Ctrl+C and signals reach it directly


def _stage(config_file: Path, output: Path) -> int:
    """The assembled tree and page versions for any site engine (portal/site/stage.py)."""
    output = output.resolve()
    if (output / "docs").exists() and not (output / "pages.json").is_file():  # e.g. `--output .`: our guides
        return _report([PortalError("stage_not_ours", file=output / "docs")])
    try:
        assembly = assemble(read_settings(config_file), Rule(now()))
    except PortalError as problem:
        return _report(problem.errors)
    stage(assembly, output)
    print(_both("editor.staged", path=str(output)))
    return 0


def _print(config_file: Path, output: Path, only: tuple[str, ...]) -> int:
    """Every portal's publications, as its build prints them, into ``output``/<portal>/ (for proofreading
    before a build; portal/printing/). All are printed before any is written: an error writes nothing."""
    root = config_file.parent
    try:
        portals = check_config_files(root)
        unknown = sorted(set(only) - {portal.id for portal in portals})
        if unknown:
            raise PortalError("portal_unknown", file="portals/", field="--portal", value=", ".join(unknown),
                              allowed=", ".join(portal.id for portal in portals))
        printer = Printer.for_project(root)
        made = {portal.id: assemble(read_settings(portal.config_file), Rule(now()), printer).generated
                for portal in portals if not only or portal.id in only}
    except PortalError as problem:
        return _report(problem.errors)
    except PrintError as problem:
        return _report([PortalError("print_failed", value=problem.publication, reason=str(problem))])
    for portal_id, files in made.items():
        folder = output.resolve() / portal_id
        shutil.rmtree(folder, ignore_errors=True)
        pdfs = [file for file in files if file.path.startswith(f"{PUBLICATIONS}/") and isinstance(file.content, bytes)]
        for file in pdfs:
            (folder / file.path).parent.mkdir(parents=True, exist_ok=True)
            (folder / file.path).write_bytes(file.content)
        print(_both("cli.printed", path=str(folder / PUBLICATIONS)) if pdfs else _both("cli.printed_none", portal=portal_id))
    return 0


def _languages(config_file: Path) -> tuple[Path, list[str], str]:
    """The content folder, the portal's languages and its default one (checked by ``load_project``)."""
    _file, declared = declared_languages(read_chain(config_file))
    default = next((lang.code for lang in declared if lang.default), declared[0].code if declared else "vi")
    return read_settings(config_file).content_dir, [lang.code for lang in declared], default


def _new(config_file: Path, kind: str, title: str, date: str | None, slug: str | None) -> int:
    """The item in the default language only, as a draft: translations are added
    later (``portal check`` lists them as missing) and are not needed to publish it."""
    content_dir, _languages_list, default = _languages(config_file)
    if slug is not None and not SLUG.fullmatch(slug):  # it becomes a file name: nothing that leaves the folder
        return _report([PortalError("data_bad_slug", field="--slug", value=slug)])
    day = datetime.date.fromisoformat(date) if date else now().date()
    path = content_dir / default / KINDS[kind] / f"{day.isoformat()}-{slug or slugify(title)}.md"
    shown = path.relative_to(config_file.parent).as_posix()
    if path.exists():
        print(PortalError("file_exists", file=shown), file=sys.stderr)
        return 1
    archetypes = Environment(loader=FileSystemLoader(config_file.parent / "archetypes"), undefined=StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True)
    archetypes.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    text = archetypes.get_template(f"{kind}.md").render(title=title, date=day.isoformat(), body=t(default, "editor.body"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    for key in ("editor.created", "editor.created_next"):
        print(_both(key, path=shown))
    return 0


def _check(config_file: Path, csv_path: str | None) -> int:
    try:  # every portal's config files first: the rest depends on them
        root = read_chain(config_file).root  # the project: file names are shown from there
        check_config_files(root)
    except PortalError as problem:
        return _report(problem.errors)
    content_dir, languages, default = _languages(config_file)
    errors: list[PortalError] = []
    generated: set[str] | None = None
    elsewhere: frozenset[str] = frozenset()
    try:
        project = load_project(config_file)
        generated = {file.path for file in project.generated}
        elsewhere = project.elsewhere
    except PortalError as problem:
        errors += problem.errors
    own = read_settings(config_file).own_content_dir
    layers = [layer for layer in (content_dir, own) if layer is not None and layer.is_dir()]
    errors += check_links_and_images(layers, languages, default, root, generated, elsewhere)
    errors = list({error.render(): error for error in errors}.values())  # a file both checks could not read
    _report(errors)
    report = translation_status(content_dir, languages, default)
    others = [lang for lang in languages if lang != default]
    print(_both("editor.status_header"))
    width = max((len(row.page) for row in report), default=4)
    print(f"{'':{width}}  " + "  ".join(f"{lang:22}" for lang in others))
    for row in report:
        print(f"{row.page:{width}}  " + "  ".join(f"{t(default, 'editor.status_' + row.statuses[lang]):22}" for lang in others))
    if csv_path:
        with open(csv_path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["page", *others])
            for row in report:
                writer.writerow([row.page, *(row.statuses[lang] for lang in others)])
    pages = len({page.relative_to(layer).as_posix() for layer in layers for page in layer.rglob("*.md")} - elsewhere)
    print(_both("editor.checked", pages=str(pages), errors=str(len(errors))))
    return 1 if errors else 0


def _report(errors: list[PortalError]) -> int:
    for error in errors:
        print(error.render(), end="\n\n", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
