"""The site build renders document pages in worker processes when there are enough to
render (regindex.site.pages.render_documents): the pages are those one process makes,
in the same order, and a render that fails in a worker fails the build as it would in
one process, keeping the previous site."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from regindex.errors import RegindexError
from regindex.library import Library
from regindex.site import build_site
from regindex.site import pages as site_pages_module
from regindex.site.pages import site_pages

from .conftest import REGULATIONS, ROOT
from .test_site_safety import build, illustrative, snapshot

PARENT = os.getpid()


@pytest.fixture()
def renders(monkeypatch, tmp_path):
    """Every document rendered, however small the library, and the process of each
    render written down (workers cannot tell this process otherwise)."""
    monkeypatch.setattr(site_pages_module, "PARALLEL_SIZE", 0)
    log = tmp_path / "renders.log"
    render = site_pages_module.render_document

    def logged(document, library, references):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {document.slug}\n")
        return render(document, library, references)

    monkeypatch.setattr(site_pages_module, "render_document", logged)

    def processes() -> dict[str, int]:
        """Slug → process of its last render; the log is emptied."""
        rows = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        log.unlink()
        return {slug: int(pid) for pid, slug in rows}

    return processes


def _pages(library, **options):
    return [(page.src_uri, page.title, page.html, page.toc, page.forwarded, page.twin)
            for page in site_pages(library, **options)]


def test_pages_rendered_by_two_workers_are_those_of_one_process(renders):
    library = Library.load(REGULATIONS)
    alone = _pages(library, jobs=1)
    assert set(renders().values()) == {PARENT}
    assert _pages(library, jobs=2) == alone
    workers = renders()
    assert len(workers) == len(library.documents)
    assert PARENT not in workers.values(), "every page was rendered in a worker"


def test_fresh_workers_take_over_and_the_pages_stay_the_same(renders, monkeypatch):
    library = Library.load(REGULATIONS)
    alone = _pages(library, jobs=1)
    renders()
    monkeypatch.setattr(site_pages_module, "WORKER_SIZE", 1)   # two workers per two documents
    assert _pages(library, jobs=2) == alone
    workers = set(renders().values()) - {PARENT}     # (a last document alone is rendered here)
    assert len(workers) >= len(library.documents) // 2


def test_kept_pages_and_pages_rendered_in_workers_come_in_their_order(renders, tmp_path):
    folder = tmp_path / "regulations"
    shutil.copytree(REGULATIONS, folder)
    _pages(Library.load(folder), keep=True, jobs=1)
    renders()
    guide = folder / "minh-hoa" / "01-hd-mh-2024.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    mixed = _pages(Library.load(folder), keep=True, jobs=2)
    rendered = renders()
    assert "01-hd-mh-2024" in rendered and len(rendered) < len(Library.load(folder).documents)
    assert PARENT not in rendered.values()
    assert mixed == _pages(Library.load(folder), jobs=1)


@pytest.mark.corpus
def test_two_real_laws_render_alike_in_workers(alqac_laws, tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import alqac

    names = ("Luật Phòng, chống ma túy", "Luật Cư trú")
    laws = [law for law in alqac_laws if law["id"] in names]
    library = Library.load(alqac.write_folder(laws, tmp_path / "laws"))
    monkeypatch.setattr(site_pages_module, "PARALLEL_SIZE", 0)
    assert _pages(library, jobs=2) == _pages(library, jobs=1)


def _failing(monkeypatch, slug: str, fail):
    render = site_pages_module.render_document

    def failing(document, library, references):
        if document.slug == slug:
            fail()
        return render(document, library, references)

    monkeypatch.setattr(site_pages_module, "render_document", failing)


def _refuse():
    raise RegindexError("không dựng được trang", file="02-qd-mh-2024.md", line=3,
                        hint="Sửa tệp rồi dựng lại.")


def test_a_render_failing_in_a_worker_raises_the_error_one_process_raises(
        renders, monkeypatch):
    library = Library.load(REGULATIONS)
    _failing(monkeypatch, "02-qd-mh-2024", _refuse)
    errors = []
    for jobs in (1, 2):
        with pytest.raises(RegindexError) as raised:
            site_pages(library, jobs=jobs)
        errors.append((type(raised.value), str(raised.value)))
    assert errors[0] == errors[1]
    assert errors[0][1] == "02-qd-mh-2024.md:3: không dựng được trang\n  → Sửa tệp rồi dựng lại."


def test_a_worker_that_dies_is_a_clear_error(renders, monkeypatch):
    library = Library.load(REGULATIONS)
    _failing(monkeypatch, "02-qd-mh-2024", lambda: os._exit(1) if os.getpid() != PARENT else None)
    with pytest.raises(RegindexError, match="tiến trình dựng trang bị dừng đột ngột") as raised:
        site_pages(library, jobs=2)
    assert "--jobs 1" in raised.value.hint


def test_build_jobs_reaches_the_renderer_and_a_failing_worker_keeps_the_site(
        renders, monkeypatch, tmp_path):
    folder = illustrative(tmp_path)
    target = tmp_path / "site"
    assert build("-d", folder, "--site-dir", target, "--jobs", "2").exit_code == 0
    assert PARENT not in renders().values()
    before = snapshot(target)
    # fails only in a worker: with --jobs 1 every page is rendered here and the build passes
    _failing(monkeypatch, "02-qd-mh-2024", lambda: _refuse() if os.getpid() != PARENT else None)
    shutil.rmtree(folder.parent / ".regindex" / "site")       # every page rendered again
    result = build("-d", folder, "--site-dir", target, "--jobs", "2")
    assert result.exit_code == 1
    assert "lỗi: 02-qd-mh-2024.md:3: không dựng được trang" in result.output
    assert snapshot(target) == before
    assert PARENT not in renders().values()
    assert build("-d", folder, "--site-dir", target, "--jobs", "1").exit_code == 0
    assert set(renders().values()) == {PARENT}


def test_mkdocs_yml_sets_the_jobs_of_a_plain_mkdocs_build(renders, tmp_path):
    folder = illustrative(tmp_path)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: site_overrides", f"custom_dir: {ROOT / 'site_overrides'}")
    config = config.replace("  - regindex", "  - regindex:\n      jobs: 1")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(folder, tmp_path / "site", config_file=tmp_path / "mkdocs.yml")
    assert set(renders().values()) == {PARENT}
    shutil.rmtree(tmp_path / ".regindex" / "site")
    build_site(folder, tmp_path / "site", config_file=tmp_path / "mkdocs.yml", jobs=2)
    assert PARENT not in renders().values(), "--jobs wins over mkdocs.yml"
