#!/usr/bin/env bash
# make demo: runs the main job end to end on a scratch copy of the bundled registry.
# The checkout is never modified. Each step lives in demo/NN-name.sh and is run in order
# with these variables set: REPO (checkout), WORK (scratch registry, a git repo),
# OUT (where results go), RPB (the repospbe command).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
SCRATCH="${DEMO_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/repospbe-demo.XXXXXX")}"
WORK="$SCRATCH/registri"
OUT="$SCRATCH/hasil"
RPB="$REPO/.venv/bin/repospbe"
export REPO WORK OUT RPB
mkdir -p "$WORK" "$OUT"
cd "$REPO"
git ls-files -z --cached --others --exclude-standard -- registry checks templates pipelines docs mkdocs.yml \
  | tar --null -T - -cf - 2>/dev/null | tar -xf - -C "$WORK"
cd "$WORK"
export GIT_AUTHOR_NAME="Demo repospbe" GIT_AUTHOR_EMAIL="demo@example.invalid"
export GIT_COMMITTER_NAME="Demo repospbe" GIT_COMMITTER_EMAIL="demo@example.invalid"
git init -q -b main
git add -A
git -c commit.gpgsign=false commit -qm "Registri awal (salinan demo)"
for step in "$REPO"/demo/[0-9][0-9]-*.sh; do
  [ -e "$step" ] || continue
  printf '\n\033[1m=== %s ===\033[0m\n' "$(sed -n 's/^# title: //p' "$step" | head -1)"
  bash "$step"
done
printf '\n\033[1mSelesai.\033[0m Registri demo: %s\nHasil: %s\n' "$WORK" "$OUT"
printf 'Perintah repospbe ada di %s; agar cukup mengetik "repospbe": source %s/.venv/bin/activate\n' "$RPB" "$REPO"
printf 'Registri sendiri dari folder kosong: docs/panduan/memulai.md\n'
if [ -f "$OUT/katalog/site/index.html" ]; then
  printf 'Katalog auditor: %s  (atau: %s catalogue serve --out %s)\n' "$OUT/katalog/site/index.html" "$RPB" "$OUT/katalog"
fi
