"""The catalogue in a real browser: headless Debian chromium driven by Playwright, on localhost."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from repospbe.catalogue.build import build_catalogue
from repospbe.catalogue.collect import collect
from repospbe.catalogue.serve import address, make_server
from tests.catalogue.conftest import TODAY, Built
from tests.catalogue.rich_sample import add_governance, advisory_database, enrich_registry
from tests.catalogue.sample import REPO_ROOT, make_registry
from tests.helpers.git import git
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


def _serve(site: Path) -> Iterator[str]:
    """The site on a local HTTP server for as long as the fixture lives; its address."""
    server = make_server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield address(server)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(built: Built) -> Iterator[str]:
    yield from _serve(built.site)


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
    _no_broken_link(base_url)


def test_no_internal_link_is_broken_with_governance_records(rich_url: str) -> None:
    """The pages added for issue 18 (vulnerable dependencies, audit rows, OPD sections) link correctly."""
    _no_broken_link(rich_url)


def _no_broken_link(base_url: str) -> None:
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


# ---------------------------------------------------------------------------------------------
# Issue 18's catalogue points, at desktop (1366 px) and phone (390 px) widths, on a taller sample
# with governance records (tests/catalogue/rich_sample.py). Screenshots go to test-artifacts/.

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Every element matched by the selector, brought into view the way a reader would (scrolling the
# page or the box it scrolls in); reported when it then lies outside the viewport or outside an
# ancestor that clips (overflow not visible).
CLIPPED_JS = """(sel) => {
  const out = [], vw = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll(sel)) {
    el.scrollIntoView({block: "nearest", inline: "nearest"});
    const box = el.getBoundingClientRect();
    const name = el.textContent.trim().slice(0, 24);
    if (box.left < -0.5 || box.right > vw + 0.5) out.push(["viewport", name, box.left, box.right, vw]);
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === "visible") continue;
      const r = p.getBoundingClientRect();
      const cut = box.left < r.left - 0.5 || box.right > r.right + 0.5;
      if (cut) out.push(["clip", name, p.className, box.right, r.right]);
    }
  }
  return out;
}"""


ON_TOP_JS = """t => {
  const r = t.getBoundingClientRect();
  return t.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
}"""


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("katalog-lengkap")
    root = make_registry(base / "reg")
    enrich_registry(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPOSPBE_ADVISORIES_DIR", str(advisory_database(base / "osv")))
        cat = collect(root)
        add_governance(cat)
        return Built(root, build_catalogue(root, base / "out", today=TODAY, collected=cat))


@pytest.fixture(scope="module")
def rich_url(rich: Built) -> Iterator[str]:
    yield from _serve(rich.site)


def _shot(page: object, name: str, tmp: Path) -> None:
    """Full-page screenshot into the test's tmp dir and test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for folder in (tmp, ARTIFACTS):
        page.screenshot(path=str(folder / name), full_page=True)  # type: ignore[attr-defined]
    assert (tmp / name).stat().st_size > 5_000


def _texts(page: object, selector: str) -> list[str]:
    """The text of every match, shown or not (a closed ``details`` too)."""
    texts = page.eval_on_selector_all(selector, "els => els.map(e => e.textContent.trim())")  # type: ignore[attr-defined]
    return [str(t) for t in texts]


def test_zero_percent_bars_are_visible(browser: object, rich_url: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    for chart in ("grafik/kepatuhan-opd.svg", "grafik/kepatuhan-opd-hp.svg"):
        page.goto(rich_url + chart)
        widths = page.eval_on_selector_all("rect.batang", "rs => rs.map(r => r.getBoundingClientRect().width)")
        assert len(widths) == 5 and all(w >= 3 for w in widths), (chart, widths)  # every OPD is at 0 %
    page.goto(rich_url + "index.html")  # a screenshot of the page that shows the chart
    _shot(page, "grafik-0-persen.png", tmp_path)
    page.close()


def test_opd_names_sort_by_indonesian_collation(browser: object, rich_url: str) -> None:
    expected = [
        "arsip dan Perpustakaan Daerah",
        "Badan Kepegawaian dan PSDM",
        "Dinas Penanaman Modal dan PTSP",
        "Énergi dan Sumber Daya Mineral",
        "Fasilitas Umum Kota",
    ]
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(rich_url + "opd.html")
    names = [n for n in _texts(page, "table tbody tr td:first-child") if n in expected]
    assert names == expected
    page.goto(rich_url + "index.html")
    assert [n for n in _texts(page, "details table tbody tr td:first-child") if n in expected] == expected
    page.goto(rich_url + "grafik/kepatuhan-opd.svg")
    labels = _texts(page, "svg > text[text-anchor='end']")
    assert labels[:5] == [
        "arsip dan Perpustakaan Daerah",
        "BKPSDM",
        "DPMPTSP",
        "Énergi dan Sumber Daya Mineral",
        "Fasilitas Umum Kota",
    ]
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_build_date_commit_and_translated_footer(
    browser: object, rich: Built, rich_url: str, viewport: dict[str, int], tmp_path: Path
) -> None:
    commit = git(rich.root, "rev-parse", "HEAD").strip()[:12]
    page = browser.new_page(viewport=viewport)  # type: ignore[attr-defined]
    for rel in ("index.html", "kepatuhan.html", "aplikasi/dpmptsp/sipanda.html"):
        page.goto(rich_url + rel)
        footer = page.locator("footer .md-copyright")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible(), rel
        text = footer.inner_text()
        assert "tanggal build dan commit registri ada di Beranda" in text and "2026" not in text, text
        assert "Made with" not in page.locator("footer").inner_text()
    page.goto(rich_url + "index.html")
    built = page.locator("p.dibangun").inner_text()
    assert "dibangun pada 27 November 2026" in built and commit in built, built
    _shot(page, f"beranda-{viewport['width']}.png", tmp_path)
    page.close()


def test_phone_charts_are_drawn_at_a_readable_size(browser: object, rich_url: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]
    for rel, chart in (("index.html", "kepatuhan-opd-hp.svg"), ("kematangan.html", "kematangan-hp.svg")):
        page.goto(rich_url + rel)
        img = page.locator("img.grafik").first
        img.scroll_into_view_if_needed()
        img.evaluate("i => i.decode()")
        src, shown, natural = img.evaluate("i => [i.currentSrc, i.getBoundingClientRect().width, i.naturalWidth]")
        assert src.endswith(chart), src
        assert shown >= natural - 0.5 and shown <= PHONE["width"], (shown, natural)  # never scaled down: 13 px text
        _shot(page, f"grafik-hp-{rel.replace('.html', '')}.png", tmp_path)
    page.set_viewport_size(DESKTOP)
    page.goto(rich_url + "index.html")
    assert page.locator("img.grafik").first.evaluate("i => i.currentSrc").endswith("kepatuhan-opd.svg")
    page.close()


def test_phone_matrix_lists_every_failing_requirement(browser: object, rich_url: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]
    page.goto(rich_url + "kepatuhan.html")
    assert not page.locator(".matriks-gulir").is_visible()
    cards = page.locator(".kartu-aplikasi")
    assert cards.count() == 43 and cards.first.is_visible()
    # per app, the requirements the (hidden) table marks ✗ or ○ are each a visible line of its card
    table = page.eval_on_selector_all(
        ".matriks-tabel tbody tr",
        "rows => rows.map(r => [r.cells[0].textContent.trim(), "
        "Array.from(r.cells).slice(2, -1).filter(c => c.querySelector('.st-gagal, .st-belum')).length])",
    )
    shown = {
        card.locator(".kartu-judul a").inner_text().strip(): sum(
            1 for li in card.locator("li").all() if li.is_visible()
        )
        for card in cards.all()
    }
    assert len(table) == 43 and all(shown[name.replace("CONTOH", "").strip()] == failing for name, failing in table)
    assert sum(failing for _, failing in table) > 43
    sipanda = page.locator(".kartu-aplikasi", has_text="SIPANDA")
    assert sipanda.locator("li", has_text="KAK: belum memenuhi").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.locator("input.saring-kotak").fill("layanan 07")
    assert [c for c in cards.all() if c.is_visible()] and sum(1 for c in cards.all() if c.is_visible()) == 1
    page.locator("input.saring-kotak").fill("")
    _shot(page, "kepatuhan-390.png", tmp_path)
    page.close()


@pytest.mark.parametrize(
    "rel",
    [
        "kepatuhan.html",
        "reviewer.html",
        "audit.html",
        "aplikasi/dpmptsp/sipanda.html",
        "kerentanan.html",
        "opd/dpmptsp.html",
    ],
)
def test_nothing_is_clipped_at_1366(browser: object, rich_url: str, rel: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(rich_url + rel)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert page.evaluate(CLIPPED_JS, "article th, article tr > td:last-child, article tr > td:first-child") == []
    if rel == "reviewer.html":
        assert page.locator("th", has_text="Tolak").is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, rel.replace("/", "-").replace(".html", "-1366.png"), tmp_path)
    page.close()


def test_matrix_header_stays_in_view(browser: object, rich_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(rich_url + "kepatuhan.html")
    box = page.locator(".matriks-gulir")
    assert box.evaluate("b => b.scrollHeight > b.clientHeight + 500")  # the table is taller than its box
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    box.evaluate("b => { b.scrollTop = b.scrollHeight; }")
    page.wait_for_timeout(100)
    last_row = page.locator(".matriks-tabel tbody tr").last
    for header in ("Aplikasi", "Persetujuan", "Patuh"):
        th = page.locator(".matriks-tabel th", has_text=re.compile(rf"^\s*{header}\s*$"))
        th.evaluate("t => t.scrollIntoView({block: 'nearest', inline: 'nearest'})")  # sideways only: it sticks
        rect = th.bounding_box()
        assert rect is not None and 0 <= rect["y"] and rect["y"] + rect["height"] <= DESKTOP["height"], header
        assert th.evaluate(ON_TOP_JS), header  # on top, not covered by the rows scrolled under it
    row, frame = last_row.bounding_box(), box.bounding_box()
    assert row is not None and frame is not None and row["y"] + row["height"] <= frame["y"] + frame["height"] + 1
    assert last_row.inner_text().startswith("Sistem <img")  # the last app by collation, reached
    page.close()


def test_opd_page_lists_maintainers_and_missing_documents(browser: object, rich_url: str, tmp_path: Path) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(rich_url + "opd/dpmptsp.html")
    assert page.locator("h2#pengelola + div table tbody tr").first.inner_text().startswith("rina\tRina Marlina")
    assert "SHA256:" in page.locator("h2#pengelola + div").inner_text()
    missing = page.locator("h2#dokumen-yang-belum-lengkap + div")
    assert "Kerangka Acuan Kerja (KAK): belum diserahkan" in missing.locator("tr", has_text="SIPANDA").inner_text()
    assert "Dokumen kebutuhan perangkat lunak: diserahkan, 4 kekurangan" in missing.inner_text()
    page.goto(rich_url + "opd/bkpsdm.html")
    assert "Belum ada pengelola terdaftar" in page.locator("h2#pengelola + p").inner_text()
    _shot(page, "opd-1366.png", tmp_path)
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_app_page_statuses_environments_and_vulnerable_dependencies(
    browser: object, rich_url: str, viewport: dict[str, int], tmp_path: Path
) -> None:
    page = browser.new_page(viewport=viewport)  # type: ignore[attr-defined]
    page.goto(rich_url + "aplikasi/dpmptsp/sipanda.html")
    decisions = page.locator("h2#persetujuan + div tbody tr")
    states = [decisions.nth(i).locator("td").nth(3).inner_text() for i in range(decisions.count())]
    assert states == [
        "digantikan keputusan reviewer yang sama yang lebih baru",
        "berlaku",
        "tidak berlaku: usang: merge request berubah setelah keputusan",
    ]
    releases = page.locator("h2#rilis + div tbody tr")
    assert [releases.nth(i).locator("td").nth(1).inner_text() for i in range(2)] == ["staging", "produksi"]
    pipeline = page.locator("h2#pipeline + div")
    assert pipeline.locator("tr", has_text="Status").inner_text().endswith("✓ lulus")
    assert "passed" not in pipeline.inner_text() and "lulus" in page.locator("h2#pipeline ~ div").nth(1).inner_text()
    upkeep = page.locator("h2#rekaman + div tr", has_text="Pemeliharaan").inner_text()
    assert "Oleh vendor (penyedia: CV Contoh Digital; berakhir 2027-12-31)" in upkeep and "jenis:" not in upkeep
    vuln = page.locator("h2#kerentanan + div tbody tr")
    assert vuln.count() == 2
    lodash = vuln.filter(has_text="lodash").inner_text().split("\t")
    assert lodash[0] == "lodash" and lodash[1] == "4.17.20" and lodash[2].startswith("GHSA-35jh-r3h4-6jhm")
    assert lodash[3:] == ["high", "4.17.21", "rentan"]
    assert "mungkin rentan" in vuln.filter(has_text="left-pad").inner_text()
    page.locator("h2#kerentanan").scroll_into_view_if_needed()
    assert page.locator("h2#kerentanan + div").is_visible()
    _shot(page, f"aplikasi-{viewport['width']}.png", tmp_path)
    page.close()


def test_registry_wide_vulnerable_dependencies_and_audit_approvals(
    browser: object, rich_url: str, tmp_path: Path
) -> None:
    page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
    page.goto(rich_url + "kerentanan.html")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2 and all("SIPANDA" in r for r in rows.all_inner_texts())
    assert "42 aplikasi belum punya pemeriksaan dependensi" in page.locator("article").inner_text()
    _shot(page, "kerentanan-1366.png", tmp_path)
    page.goto(rich_url + "audit.html")
    kinds = _texts(page, "table tbody tr td:nth-child(2)")
    assert kinds.count("persetujuan") == 2 and kinds.count("penolakan") == 1
    merge = page.locator("table tbody tr", has_text="gabung").inner_text().split("\t")
    assert merge[3] == "SIPANDA Perizinan" and merge[4] == "rahmat-hidayat"  # the stale approval is not counted
    rejection = page.locator("table tbody tr", has_text="penolakan").inner_text()
    assert "MR !7" in rejection and "SIPANDA Perizinan" in rejection and "Uji belum lengkap" in rejection
    _shot(page, "audit-1366.png", tmp_path)
    page.close()
