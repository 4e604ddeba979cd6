#!/usr/bin/env bash
# Rebuild the source bundle of the example special app SI-Antrean from examples/si-antrean/.
#
# Deterministic: fixed author, committer, dates and file modes, no user or system git config,
# so the commit SHA pinned in registry/apps/diskominfo/si-antrean/app.yaml (sumber.commit) is
# reproducible. Prints that SHA.
#
# Usage: scripts/build-example-source.sh [OUTPUT.bundle]
#        (default: registry/sources/diskominfo/si-antrean.bundle)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SRC="$REPO/examples/si-antrean"
OUT="${1:-$REPO/registry/sources/diskominfo/si-antrean.bundle}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/si-antrean-build.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

export HOME="$TMP/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME="Tim Pengembang SI-Antrean" GIT_AUTHOR_EMAIL="si-antrean@example.invalid"
export GIT_COMMITTER_NAME="Tim Pengembang SI-Antrean" GIT_COMMITTER_EMAIL="si-antrean@example.invalid"
export GIT_AUTHOR_DATE="2026-03-02T09:00:00+07:00" GIT_COMMITTER_DATE="2026-03-02T09:00:00+07:00"
export TZ=UTC LC_ALL=C

mkdir -p "$HOME" "$TMP/src"
tar -C "$SRC" --exclude=__pycache__ --exclude=.pytest_cache --exclude=hasil-uji --exclude=data \
    --exclude='*.pyc' -cf - . | tar -C "$TMP/src" -xf -
cd "$TMP/src"
git init -q -b main
git -c core.autocrlf=false add -A
git ls-files -z | xargs -0 git update-index --chmod=-x
git -c commit.gpgsign=false commit -q -m "SI-Antrean 1.0.0: antrean harian, API JSON, penyimpanan, uji"
git bundle create -q "$TMP/out.bundle" main
mkdir -p "$(dirname "$OUT")"
mv "$TMP/out.bundle" "$OUT"
git rev-parse HEAD
