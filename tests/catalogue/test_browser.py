"""The catalogue in a real browser: headless Debian chromium driven by Playwright, on localhost."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from repospbe.catalogue.build import build_catalogue
from repospbe.catalogue.serve import address, make_server
from tests.catalogue.conftest import TODAY, Built
from tests.catalogue.sample import REPO_ROOT, make_registry
from tests.helpers.tools import require_tool

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("katalog")]
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample registry with SIPANDA marked ``contoh: true``, and its catalogue."""
    base = tmp_path_factory.mktemp("katalog-contoh")
    root = make_registry(base / "reg")
    rec = root / "registry" / "apps" / "dpmptsp" / "sipanda" / "app.yaml"
    rec.write_text("contoh: true\n" + rec.read_text(encoding="utf-8"), encoding="utf-8")
    return Built(root, build_catalogue(root, base / "out", today=TODAY))


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    server = make_server(built.site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address(server)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(built: Built) -> Iterator[object]:
    executable = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_home_renders_with_its_chart(browser: object, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + "index.html")
    assert page.locator("h1").first.inner_text() == "Katalog Aplikasi SPBE Pemerintah Kota Pontianak"
    chart = page.locator('img[src$="grafik/kepatuhan-opd.svg"]')
    chart.wait_for()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 300")
    total = page.locator(".kepatuhan-total").inner_text()
    assert "0 dari 2 aplikasi (0%)" in total and "1 rekaman CONTOH tidak dihitung" in total
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "katalog-beranda.png"), full_page=True)
    assert (ARTIFACTS / "katalog-beranda.png").stat().st_size > 10_000
    page.close()


def test_search_finds_an_app_and_opens_its_page(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("SIPANDA", delay=30)
    hit = page.locator(".md-search-result__item a", has_text="SIPANDA Perizinan").first
    hit.wait_for(timeout=20000)
    hit.click()
    page.wait_for_url("**/aplikasi/dpmptsp/sipanda.html*")
    assert page.locator("h1").first.inner_text() == "SIPANDA Perizinan"
    page.close()


def test_app_page_shows_documents_and_pipeline_results(browser: object, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page.goto(base_url + "aplikasi/dpmptsp/sipanda.html")
    assert page.locator("h2#dokumen").inner_text() == "Dokumen"
    assert page.locator("h2#pipeline").inner_text() == "Hasil pipeline terakhir"
    assert page.locator("h2#pipeline + p").inner_text() == "Belum ada catatan."
    assert "diserahkan, 4 kekurangan" in page.locator("#dokumen-kebutuhan + p").inner_text()
    assert page.locator("#dokumen-kak + p").inner_text() == "✗ belum diserahkan"
    body = page.locator("details.dokumen").first
    assert not page.get_by_text("menerbitkan surat izin").is_visible()
    body.locator("summary").click()
    assert page.get_by_text("menerbitkan surat izin", exact=False).is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(200)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "katalog-aplikasi.png"), full_page=True)
    assert (ARTIFACTS / "katalog-aplikasi.png").stat().st_size > 10_000
    page.close()


def test_matrix_sorts_and_filters_and_reads_without_javascript(browser: object, base_url: str) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(base_url + "kepatuhan.html")
    rows = page.locator(".matriks tbody tr")
    assert rows.count() == 3
    page.locator("input.saring-kotak").fill("simpeg")
    assert page.locator(".matriks tbody tr:visible").count() == 1
    page.locator("input.saring-kotak").fill("")
    header = page.locator(".matriks th", has_text=re.compile(r"^\s*Aplikasi\s*$"))
    header.click()
    header.click()
    assert page.locator(".matriks tbody tr").first.inner_text().startswith("Sistem <img")
    page.close()
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    static = context.new_page()
    static.goto(base_url + "kepatuhan.html")
    assert static.locator(".matriks tbody tr").count() == 3
    assert static.locator("input.saring-kotak").count() == 0
    static.goto(base_url + "index.html")
    assert static.locator('img[src$="grafik/kepatuhan-opd.svg"]').evaluate("img => img.naturalWidth > 300")
    context.close()


def test_example_badge_visible_at_phone_width(browser: object, base_url: str) -> None:
    """A record marked contoh: true carries a visible CONTOH badge, also on a phone screen."""
    page = browser.new_page(viewport={"width": 375, "height": 740})  # type: ignore[attr-defined]
    for rel in ("kepatuhan.html", "aplikasi.html", "aplikasi/dpmptsp/sipanda.html"):
        page.goto(base_url + rel)
        badge = page.locator("span.contoh").first
        badge.scroll_into_view_if_needed()
        assert badge.is_visible() and badge.inner_text() == "CONTOH", rel
        box = badge.bounding_box()
        assert box is not None and box["width"] > 20 and box["height"] > 8, rel
    page.goto(base_url + "kepatuhan.html")
    assert "1 rekaman CONTOH tidak dihitung" in page.locator(".kepatuhan-total").inner_text()
    row = page.locator(".matriks tbody tr", has_text="SIPANDA")
    assert row.locator("span.contoh").count() == 1
    assert page.locator(".matriks tbody tr", has_text="SIMPEG").locator("span.contoh").count() == 0
    page.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(str(values[name]))


def test_no_internal_link_is_broken(base_url: str) -> None:
    seen: dict[str, _Links] = {}
    anchors: list[tuple[str, str, str]] = []
    queue = [base_url + "index.html"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        with urllib.request.urlopen(url, timeout=10) as resp:
            assert resp.status == 200, url
            body = resp.read()
            kind = resp.headers.get("Content-Type", "")
        parser = _Links()
        seen[url] = parser
        if "text/html" not in kind:
            continue
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target, _, fragment = urllib.parse.urljoin(url, link).partition("#")
            if not target.startswith(base_url):
                continue
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    assert len(seen) > 25
    missing = [
        (src, target, frag)
        for src, target, frag in anchors
        if target in seen
        and seen[target].links is not None
        and seen[target].ids
        and urllib.parse.unquote(frag) not in seen[target].ids
    ]
    assert missing == []
