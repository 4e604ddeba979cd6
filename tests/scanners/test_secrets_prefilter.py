"""The line pre-filter loses nothing: detect-secrets over the whole tree (the old path)
and over the pre-filtered shadow tree (the new path) give identical results, on a corpus
with a true positive for every enabled plugin, hostile file shapes, and the calibration
fixture (real detect-secrets runs)."""

from __future__ import annotations

import json
from pathlib import Path

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

from repospbe.scanners import secrets, secrets_prefilter
from repospbe.scanners.base import ScanContext, ScanOptions
from repospbe.scanners.thirdparty import detect
from repospbe.source import SourceCache
from tests.scanners import secrets_fixture
from tests.scanners.conftest import write_app

B64 = "ZXhhbXBsZS1zZWNyZXQtdjMtWnE4cFIydEt3OW1Y"  # 40 chars, high entropy
AZURE_TAIL = "aB3dE5fG7hJ9kL1mN2pQ4rS6tU==';"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
# One true-positive line per enabled plugin (the values are made up).
POSITIVES = {
    "AWSKeyDetector": "const k = 'AKIAQ3EGUW7R5XYZ2ABD';",
    "AzureStorageKeyDetector": "conn = 'AccountKey=" + "aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY" * 2 + AZURE_TAIL,
    "BasicAuthDetector": "url = 'https://admin:Hu7r3Kp0Lx@db.internal.example/x';",
    "DiscordBotTokenDetector": "bot = 'MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs';",
    "GitHubTokenDetector": "gh = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';",
    "GitLabTokenDetector": "gl = 'glpat-Ab3De5Gh7Jk9Mn1Pq3St';",
    "Base64HighEntropyString": f"blob = '{B64}';",
    "HexHighEntropyString": "h = '3c9a7f2e1b8d4a6c0f5e7d9b2a4c6e8f';",
    "JwtTokenDetector": f"jwt = '{JWT}';",
    "KeywordDetector": "$password = 'Xy9#kLm2$Qw8';",
    "MailchimpDetector": "mc = '0123456789abcdef0123456789abcdef-us12';",
    "NpmDetector": "//registry.npmjs.org/:_authToken=npm_Ab3De5Gh7Jk9Mn1Pq3StUv5Wx7Yz9Ab1Cd3E",
    "OpenAIDetector": "ai = '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';",
    "PrivateKeyDetector": "-----BEGIN RSA PRIVATE KEY-----",
    "PypiTokenDetector": "pypi = 'pypi-AgEIcHlwaS5vcmc" + "Ab3De5Gh7J" * 8 + "';",
    "SendGridDetector": "sg = 'SG.Ab3De5Gh7Jk9Mn1Pq3StUv.Ab3De5Gh7Jk9Mn1Pq3StUv5Wx7Yz9Ab1Cd3Ef5Gh7Jk';",
    "SlackDetector": "sl = 'xoxb-123456789012-Ab3De5Gh7Jk9Mn1Pq3St';",
    "StripeDetector": "st = 'sk_live_Ab3De5Gh7Jk9Mn1Pq3StUv5W';",
    "TelegramBotTokenDetector": "tg = '123456789:AAAb3De5Gh7Jk9Mn1Pq3StUv5Wx7Yz9Ab1C';",
    "TwilioKeyDetector": "tw = 'AC0123456789abcdef0123456789abcdef';",
}
KEYWORD_STYLES = (
    'password = "Hu7r3Kp0Lx{n}a"',
    'password := "Hu7r3Kp0Lx{n}b"',
    'api_key: "Hu7r3Kp0Lx{n}c"',
    'if (secret == "Hu7r3Kp0Lx{n}d") {{}}',
    "'db_pass' => 'Hu7r3Kp0Lx{n}e',",
    'private_key = @"Hu7r3Kp0Lx{n}f";',
    'char *passwd = "Hu7r3Kp0Lx{n}g";',
    'std::string pwd("Hu7r3Kp0Lx{n}h");',
    'const auth_key = () => "Hu7r3Kp0Lx{n}i";',
    '"secret": "Hu7r3Kp0Lx{n}j";',
)
LANGUAGES = ("go", "java", "c", "cpp", "cs", "m", "swift", "tf", "cls", "py", "js", "php")
NOISE = "function f{i}(a) {{\n  return a + {i}; // hitung\n}}\n"


def _enabled() -> dict[str, str]:
    """Class name -> secret type of every plugin the scanner runs (from its own list)."""
    mapping = get_mapping_from_secret_type_to_class()
    return {c.__name__: t for t, c in mapping.items() if c.__name__ not in secrets.DISABLED_PLUGINS}


def _corpus() -> dict[str, str]:
    files: dict[str, str] = {}
    for n, (name, line) in enumerate(sorted(POSITIVES.items())):
        noise = "".join(NOISE.format(i=i) for i in range(n % 4 + 1))
        for ext in ("js", "php", "py"):
            files[f"src/{name}.{ext}"] = noise + line + "\n" + noise
        files[f"conf/{name}.yaml"] = "a: 1\n" + line.replace("'", '"') + "\n"
    for n, ext in enumerate(LANGUAGES):  # the keyword plugin's patterns differ by file type
        body = "".join(NOISE.format(i=i) + style.format(n=n) + "\n" for i, style in enumerate(KEYWORD_STYLES))
        files[f"keywords/k.{ext}"] = "x = 0\n" + body
    files.update(
        {
            ".env": "APP_NAME=Layanan\nDB_PASSWORD=Hu7r3Kp0LxQw\nAPP_KEY=base64:" + B64 + "\n",
            "deploy.ini.js": "[db]\npassword = Hu7r3Kp0LxQw\n",  # parses as INI: copied whole
            "crlf.php": "<?php\r\n$x = 1;\r\n$secret = 'Zq8pR2tKw9mX4vB7';\r\n",
            "no-newline.js": "let a = 1;\nconst token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456780'",
            "latin1.php": "<?php\n// caf\xe9\n$password = 'Xy9#kLm2$Qw8';\n",
            "dup.js": f"x = '{B64}';\ny = 1;\nz = '{B64}';\n",
            "min.js": "var a=1;" * 400 + f"var k='{B64}';" + "var b=2;" * 400 + "\n",
            "labels.js": "const label = t('LABEL_PASSWORD_1');\nconst p = 'Password';\n",
            "blank.py": "\n\n   \n",
        }
    )
    return files


def _both(tmp_path: Path, tree: Path) -> tuple[list[tuple[str, int, str]], list[tuple[str, int, str]]]:
    source = SourceCache(tmp_path / "cache").directory_tree(tree)
    ctx = ScanContext(source.path, source.tree, ScanOptions(), detect(source.path))
    return secrets.raw_results(ctx, prefilter=False), secrets.raw_results(ctx)


def test_every_enabled_plugin_is_covered_and_nothing_is_lost(tmp_path: Path) -> None:
    tree = write_app(tmp_path / "app", _corpus())
    (tree / "latin1.php").write_bytes((tree / "latin1.php").read_text().encode("latin-1"))
    (tree / "link.js").symlink_to("src/GitHubTokenDetector.js")  # named by its target
    (tmp_path / "outside.js").write_text(POSITIVES["AWSKeyDetector"] + "\n")
    (tree / "escape.js").symlink_to(tmp_path / "outside.js")  # not read at all
    old, new = _both(tmp_path, tree)
    assert set(POSITIVES) == set(_enabled()), "a plugin was enabled or disabled: add or drop its example"
    kinds = {kind for _p, _l, kind in old}
    assert set(_enabled().values()) <= kinds  # the corpus really exercises every plugin
    for name, kind in _enabled().items():
        assert (f"src/{name}.js", NOISE.count("\n") * (sorted(POSITIVES).index(name) % 4 + 1) + 1, kind) in old
    assert new == old
    keywords = {(p, line) for p, line, kind in old if p.startswith("keywords/")}
    assert len({p for p, _ in keywords}) == len(LANGUAGES) and len(keywords) > 3 * len(LANGUAGES)


def test_the_calibration_fixture_is_identical(tmp_path: Path) -> None:
    old, new = _both(tmp_path, secrets_fixture.write(tmp_path / "app"))
    assert new == old
    assert {(p, line) for p, line, _k in new} == secrets_fixture.PLANTED


def test_the_shadow_tree_really_drops_lines(tmp_path: Path) -> None:
    tree = write_app(tmp_path / "app", _corpus())
    candidates = secrets_prefilter.candidates_by_type(secrets.DISABLED_PLUGINS)
    assert None not in candidates.values()
    shadow = secrets_prefilter.build(tree, tmp_path / "shadow", candidates, secrets_prefilter.re.compile("^$"))
    name = "GitHubTokenDetector"
    numbers = shadow.lines[f"src/{name}.js"]
    assert len(numbers) == 2  # the first line (kept for the INI check) and the token
    assert (tmp_path / "shadow/src" / f"{name}.js").read_text().splitlines()[1] == POSITIVES[name]
    assert not (tmp_path / "shadow/blank.py").exists()
    assert not (tmp_path / "shadow/labels.js").exists()  # a keyword, but not in an assignment
    assert (tmp_path / "shadow/.env").read_text() == (tree / ".env").read_text()  # rewritten by detect-secrets
    assert (tmp_path / "shadow/deploy.ini.js").read_text() == (tree / "deploy.ini.js").read_text()
    assert shadow.reduced > 20 and shadow.whole > 20


def test_a_plugin_of_unknown_kind_turns_the_prefilter_off(tmp_path: Path) -> None:
    tree = write_app(tmp_path / "app", {"a.js": "x = 1;\n"})
    unsure = dict.fromkeys(secrets_prefilter.REDUCIBLE)
    shadow = secrets_prefilter.build(tree, tmp_path / "shadow", unsure, secrets_prefilter.re.compile("^$"))
    assert (tmp_path / "shadow/a.js").read_text() == "x = 1;\n" and shadow.whole == 1


# Files detect-secrets types OTHER (issue 19): web-app sources that were copied whole before.
UNTYPED = ("ts", "tsx", "vue", "mjs", "cjs", "jsx", "json", "md", "html", "sh", "d.ts")
HEX = "3c9a7f2e1b8d4a6c0f5e7d9b2a4c6e8f"


def _untyped_corpus() -> dict[str, str]:
    files: dict[str, str] = {}
    for n, ext in enumerate(UNTYPED):
        for m, (name, line) in enumerate(sorted(POSITIVES.items())):
            noise = "".join(NOISE.format(i=i) for i in range((n + m) % 3 + 1))
            files[f"web/{ext}/{name}.{ext}"] = "/** Modul. */\n" + noise + line + "\n" + noise
        body = "".join(NOISE.format(i=i) + style.format(n=n) + "\n" for i, style in enumerate(KEYWORD_STYLES))
        files[f"web/keywords/k.{ext}"] = "// kata kunci\n" + body
    files.update(
        {
            # Every line an INI option: only the eager transformer (quoting the value) finds it.
            "eager/only.ts": "const mode = 1;\npassword: Hu7r3Kp0LxQwZ9\n",
            # The file fails the INI parse (line 2), its reduced copy would not: read whole.
            "eager/would-parse.ts": f"const a = 1;\nexport function f() {{\ntoken = {HEX}\n}}\n",
            "eager/quick.vue": f"<template>\n  <p>{{{{ x }}}}</p>\n</template>\n<script>\nconst k = '{HEX}';\n",
            "eager/comments-first.md": f"# Judul\n; catatan\n\nTeks biasa.\n\n    api_key: '{B64}'\n",
            "eager/section.ts": "[db]\npassword = Hu7r3Kp0LxQw\n",
            "eager/only-comments.sh": f"# password = '{B64}'\n# selesai\n",
            "eager/bom.ts": f"\ufeff[x]\nconst k = '{HEX}';\n",
            "eager/duplicate.ts": f"a = 1\na = 2\nsecret: {HEX}\n",
            "eager/percent.ts": f"a = 100%\nsecret: {HEX}\n",
            ".env.local": "DB_PASSWORD=Hu7r3Kp0LxQw\n",
            "crlf.tsx": f"export const a = 1;\r\nconst token = '{HEX}';\r\n",
            "package.json": json.dumps({"name": "app", "config": {"apiKey": B64}}, indent=2) + "\n",
        }
    )
    return files


def test_untyped_web_files_are_reduced_and_nothing_is_lost(tmp_path: Path) -> None:
    tree = write_app(tmp_path / "app", _untyped_corpus())
    old, new = _both(tmp_path, tree)
    assert new == old
    for ext in UNTYPED:  # every plugin's example and several keyword styles, in every untyped file kind
        assert {k for p, _l, k in old if p.startswith(f"web/{ext}/")} == set(_enabled().values())
        assert len([p for p, _l, _k in old if p == f"web/keywords/k.{ext}"]) > 3
    # Decided by the eager transformer: found only by it; not found, since the file fails its parse.
    assert ("eager/only.ts", 2, "Secret Keyword") in old  # found by the eager transformer only
    assert not [p for p, _l, _k in old if p == "eager/would-parse.ts"]
    candidates = secrets_prefilter.candidates_by_type(secrets.DISABLED_PLUGINS)
    shadow = secrets_prefilter.build(tree, tmp_path / "shadow", candidates, secrets_prefilter.re.compile("^$"))
    for ext in UNTYPED:
        assert f"web/{ext}/GitHubTokenDetector.{ext}" in shadow.lines  # reduced, not copied whole
    for whole in ("eager/only.ts", "eager/would-parse.ts", "eager/section.ts", ".env.local", "eager/bom.ts"):
        assert (tmp_path / "shadow" / whole).read_text(encoding="utf-8") == (tree / whole).read_text(encoding="utf-8")
    assert "eager/quick.vue" in shadow.lines and "eager/comments-first.md" in shadow.lines
