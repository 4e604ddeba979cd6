"""Put generated fragments into rendered pages, as MkDocs writes them.

A page carries marker comments (``site_model.MARKER``) where its bulky, already
escaped HTML belongs; this plugin reads each fragment from its file
(``stream.fragment_path``) and replaces the marker in ``on_post_page``, after the
search index has seen the page. A marker left unreplaced or a fragment never
placed fails the build: an incomplete site is never installed. Pages in ``drop``
are left to another build process or reused from the previous build (``on_files``).
Pages in ``substitute`` (page -> HTML file) are reused too but stay in the site's
navigation: their Markdown is emptied before it is converted and their output is the
file's HTML (their search entries are replaced by the last build's: ``reuse.install``).
The sitemap (written when ``site_url`` is set) still lists the dropped pages.

Once a page is written MkDocs needs only its title, URL and anchors: its Markdown,
rendered HTML and table of contents are dropped so that memory does not grow with
the number of pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from repospbe.catalogue.site_model import MARKER_RE
from repospbe.catalogue.stream import fragment_path
from repospbe.private import private_dir

REUSED_TEMPLATE = "repospbe-dipakai-ulang.html"


class FragmentPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    def __init__(
        self,
        fragment_dir: Path,
        index: dict[str, list[str]],
        drop: frozenset[str] = frozenset(),
        substitute: dict[str, str] | None = None,
    ) -> None:
        self.fragment_dir = fragment_dir
        self.index = index
        self.drop = drop
        self.substitute = substitute or {}
        self.done: set[str] = set()
        self.all_files: Any = None
        self.templates: Path | None = None  # where compiled templates are kept (``mkdocs.Job.templates``)

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        """Leave the pages in ``drop`` to the other build process (or to reuse)."""
        if not self.drop:
            return files
        from mkdocs.structure.files import Files

        self.all_files = files
        # A new collection: removing one by one is quadratic (Files.remove scans a list).
        return Files([f for f in files if f.src_uri not in self.drop])

    def on_template_context(self, context: Any, /, *, template_name: str, config: Any) -> Any:
        """The sitemap lists every page, the dropped ones too (rendered by the other process or
        reused), in the order a build of all of them lists them: each dropped page gets the page
        object that build would give it (its URLs and build date are all the sitemap reads)."""
        if template_name != "sitemap.xml" or self.all_files is None:
            return context
        from mkdocs.structure.pages import Page

        pages = self.all_files.documentation_pages()
        for file in pages:
            if file.page is None:
                Page(None, file, config)
        context["pages"] = pages
        return context

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        """The theme's templates plus ``REUSED_TEMPLATE``, which renders nothing: a substituted
        page's output is the reused file, so the theme's page template is not rendered for it."""
        if self.substitute:
            from jinja2 import ChoiceLoader, DictLoader

            env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: "-"}), env.loader])
        if self.templates is not None:
            from jinja2 import FileSystemBytecodeCache

            env.bytecode_cache = FileSystemBytecodeCache(str(private_dir(self.templates, recreate=True)))
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        """A substituted page is converted from nothing and rendered with an empty template
        (its HTML is the reused file)."""
        if str(page.file.src_uri) not in self.substitute:
            return markdown
        page.meta["template"] = REUSED_TEMPLATE
        return ""

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        src = str(page.file.src_uri)
        idents = self.index.get(src)
        page.markdown, page.content, page.toc = None, None, []
        if src in self.substitute:
            self.done.add(src)
            return Path(self.substitute[src]).read_bytes().decode("utf-8")
        if not idents:
            return output
        found: set[str] = set()

        def replace(match: re.Match[str]) -> str:
            ident = match.group(1)
            if ident not in idents:
                return ""
            found.add(ident)
            return fragment_path(self.fragment_dir, src, ident).read_text(encoding="utf-8")

        output = MARKER_RE.sub(replace, output)
        if found != set(idents):
            raise PluginError(f"{src}: penanda sisipan hilang: {', '.join(sorted(set(idents) - found))}")
        self.done.add(src)
        return output

    def check_all_used(self) -> None:
        missing = set(self.index) - self.drop - self.done
        if missing:
            raise PluginError(f"halaman tanpa sisipan: {', '.join(sorted(missing)[:5])}")
