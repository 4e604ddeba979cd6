"""Third-party by content and manifest, not folder names alone."""

from __future__ import annotations

from pathlib import Path

from repospbe.pipeline.scan import scan_tree
from repospbe.scanners.thirdparty import detect
from repospbe.source import SourceCache
from tests.scanners.conftest import options, write_app

THREE = (
    "/**\n * @license\n * Copyright 2010-2023 Three.js Authors\n * SPDX-License-Identifier: MIT\n */\n"
    "const REVISION = '152';\nfunction Scene() { eval(code); }\n"
)
ACE_MODE = (
    'ace.define("ace/mode/php_highlight_rules",["require","exports","module"], function(require, exports, module){\n'
    '"use strict";\nvar token = "comment.doc.tag";\n});\n'
)
MINIFIED = "!function(e){" + ";".join(f"var a{i}=e.b{i}||{{}}" for i in range(600)) + "}(window);\n"
OWN_VIEW = "<div>{{ $title }}</div>\n<?php eval($_GET['x']); ?>\n"
FILES = {
    "public/js/three.js": THREE,
    "public/js/ace/mode-php.js": ACE_MODE,
    "public/js/app.bundle.js": MINIFIED,
    "public/js/moment.js": "//! moment.js\n//! version : 2.29.4\n//! authors : Tim Wood\nvar m = 1;\n",
    "public/swagger/swagger-ui-bundle.js": "/*! For license information see swagger-ui-bundle.js.LICENSE.txt */\n"
    "var SwaggerUIBundle = 1;\n",
    "resources/views/vendor/mail/html/layout.blade.php": OWN_VIEW,
    "resources/lang/vendor/backup/id/notifications.php": "<?php\nreturn ['a' => 'b'];\n",
    "vendor/laravel/framework/src/x.php": "<?php\neval($a);\n",
    "node_modules/lodash/lodash.js": "var x = 1;\n",
    "resources/js/app.js": "export function halo(nama) {\n  return 'Halo ' + nama;\n}\n",
    "app/Http/Controllers/Home.php": "<?php\nfunction home() { return view('home'); }\n",
}


def test_libraries_are_recognised_by_content(tmp_path: Path) -> None:
    tp = detect(write_app(tmp_path, FILES))
    assert set(tp.dirs) == {"vendor", "node_modules"}
    assert set(tp.files) == {
        "public/js/three.js",
        "public/js/ace/mode-php.js",
        "public/js/app.bundle.js",
        "public/js/moment.js",
        "public/swagger/swagger-ui-bundle.js",
    }
    names = {path: (lib, ver) for path, lib, ver in tp.libraries}
    assert names["public/js/three.js"] == ("three.js", "152")
    assert names["public/js/ace/mode-php.js"][0] == "ace"
    assert names["public/js/moment.js"] == ("Moment.js", "2.29.4")
    assert names["public/swagger/swagger-ui-bundle.js"][0] == "swagger-ui"
    assert "public/js/app.bundle.js" not in names  # minified, no banner: excluded, not inventoried


def test_own_code_is_never_taken_for_a_library(tmp_path: Path) -> None:
    tp = detect(write_app(tmp_path, FILES))
    for own in (
        "resources/js/app.js",
        "app/Http/Controllers/Home.php",
        "resources/views/vendor/mail/html/layout.blade.php",
    ):
        assert not tp.excluded(own), own
    assert not tp.excluded("resources/lang/vendor/backup/id/notifications.php")


def test_a_planted_issue_in_laravel_overridden_views_is_found(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path / "cache")
    source = cache.directory_tree(write_app(tmp_path / "app", FILES))
    [out] = scan_tree(source, options(), cache, only=("semgrep",))
    paths = {f.path for f in out.result.findings if f.check_id == "repospbe.php.test.eval"}
    assert paths == {"resources/views/vendor/mail/html/layout.blade.php"}


def test_a_long_but_spaced_source_file_is_not_minified(tmp_path: Path) -> None:
    text = "".join(f"export const pesan{i} = 'Layanan nomor {i} untuk warga kota';\n" for i in range(400))
    text += "const panjang = [" + ", ".join(f"'nilai {i}'" for i in range(600)) + "];\n"
    tp = detect(write_app(tmp_path, {"src/data.js": text}))
    assert tp.files == ()
