# title: Rilis: rencana, checksum, perintah deploy, rekaman rilis bertanda tangan / deploy
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
APP="$(cat "$(dirname "$WORK")/app-demo")"
mkdir -p "$OUT/rilis"
HOOK="$(dirname "$WORK")/deploy-demo.sh"
printf '#!/bin/sh\necho "deploy $REPOSPBE_APP versi $REPOSPBE_VERSI ke $REPOSPBE_ENV dari $REPOSPBE_COMMIT" | tee -a "%s/rilis/deploy.log"\n' "$OUT" > "$HOOK"
chmod +x "$HOOK"
export REPOSPBE_DEPLOY_HOOK="$HOOK"
"$RPB" deploy "$APP" --env produksi
SUM="$("$RPB" deploy "$APP" --env produksi --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["checksum"])')"
echo "Kepala Bidang menyetujui rencana dengan checksum $SUM"
"$RPB" deploy "$APP" --env produksi --terapkan "$SUM" --kunci "$KUNCI/reviewer-citra" | tail -2
