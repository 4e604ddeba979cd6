"""A calibration tree for the secrets scanner: hundreds of package hashes, dozens of
translation labels, and exactly four planted real secrets."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

# (path, line) of each planted secret.
PLANTED = {
    ("config/aws.js", 2),
    ("deploy/id_rsa", 1),
    (".env", 3),
    ("app/Services/Sms.php", 4),
}
_KEY = "-----BEGIN RSA PRIVATE KEY-----\n" + "MIIEowIBAAKCAQEA7x" + "Qz" * 30 + "\n-----END RSA PRIVATE KEY-----\n"


def _lock(n: int) -> str:
    packages: dict[str, object] = {"": {"name": "layanan", "version": "1.0.0"}}
    for i in range(n):
        digest = base64.b64encode(hashlib.sha512(f"pkg{i}".encode()).digest()).decode()
        packages[f"node_modules/pkg-{i}"] = {
            "version": f"1.{i}.0",
            "resolved": f"https://registry.npmjs.org/pkg-{i}/-/pkg-{i}-1.{i}.0.tgz",
            "integrity": "sha512-" + digest,
            "shasum": hashlib.sha1(digest.encode()).hexdigest(),
        }
    return json.dumps({"name": "layanan", "lockfileVersion": 3, "packages": packages}, indent=2) + "\n"


def _labels(n: int) -> tuple[str, str]:
    keys = ["PASSWORD", "SECRET", "TOKEN", "API_KEY", "PASSWORD_CONFIRM", "OLD_PASSWORD", "NEW_PASSWORD", "AUTH_TOKEN"]
    js = {f"LABEL_{keys[i % len(keys)]}_{i}": f"{keys[i % len(keys)].title().replace('_', ' ')} {i}" for i in range(n)}
    js["LABEL_PASSWORD"] = "Password"
    php = "<?php\n\nreturn [\n" + "".join(
        f"    '{k.lower()}_{i}' => '{k.title().replace('_', ' ')} Kata Sandi',\n" for i, k in enumerate(keys * 4)
    )
    php += "    'pusher_app_secret' => 'Pusher App Secret',\n    'password' => 'Kata sandi',\n];\n"
    return json.dumps(js, indent=2) + "\n", php


def write(dest: Path, *, hashes: int = 400, labels: int = 60) -> Path:
    lock = _lock(hashes)
    js, php = _labels(labels)
    files = {
        "package-lock.json": lock,
        "package-lock.json.bak": lock,
        "composer.lock": json.dumps({"packages": [{"name": "a/b", "dist": {"shasum": "9" * 40}}]}) + "\n",
        "src/i18n/en.json": js,
        "src/locales/id.json": js,
        "resources/lang/en/settings.php": php,
        "lang/id/auth.php": php,
        "config/aws.js": "module.exports = {\n  accessKeyId: 'AKIAQ3EGUW7R5XYZ2ABC',\n  region: 'id',\n};\n",
        "deploy/id_rsa": _KEY,
        ".env": "APP_NAME=Layanan\nDB_USERNAME=layanan\nDB_PASSWORD=r3alV4lue-Pr0d-2026\n",
        "app/Services/Sms.php": "<?php\nclass Sms\n{\n    private $apiToken = 'f3a9c2e71b8d4f60a5e2c9b7d1f08e4a';\n}\n",
        "src/app.js": "const label = t('LABEL_PASSWORD');\nexport default label;\n",
    }
    for rel, text in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_text(text)
    return dest
