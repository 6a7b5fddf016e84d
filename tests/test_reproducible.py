"""Two builds of the same sources are byte-identical: dates come from the
content (and the publishing clock, which only decides what is published),
never from the time or the machine a build runs on."""

from __future__ import annotations

import time

from conftest import ROOT, SITE_NOW, folder_files, run_mkdocs_build


def test_two_builds_are_byte_identical(site, tmp_path):
    """The shared site build against one made later, in another time zone and locale."""
    second = tmp_path / "second"
    time.sleep(1.1)  # at least a later second: none may show in the output
    result = run_mkdocs_build(ROOT, second, env={**SITE_NOW, "TZ": "America/New_York", "LC_ALL": "C.UTF-8"})
    assert result.returncode == 0, result.stderr
    a, b = folder_files(site), folder_files(second)
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert not different, different[:10]
