# title: Rilis: rencana, checksum, perintah deploy, rekaman rilis bertanda tangan / deploy
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
APP="$(cat "$(dirname "$WORK")/app-demo")"
mkdir -p "$OUT/rilis"
HOOK="$(dirname "$WORK")/deploy-demo.sh"
printf '#!/bin/sh\necho "deploy $REPOSPBE_APP versi $REPOSPBE_VERSI ke $REPOSPBE_ENV dari $REPOSPBE_COMMIT" | tee -a "%s/rilis/deploy.log"\n' "$OUT" > "$HOOK"
chmod +x "$HOOK"
echo "--- Tanpa perintah deploy, rilis ditolak (tidak ada rekaman rilis yang memasang apa pun):"
if "$RPB" deploy "$APP" --env produksi >/dev/null; then echo "seharusnya ditolak"; exit 1; fi
echo "--- Lingkungan yang tidak dikenal ditolak dengan saran:"
if "$RPB" deploy "$APP" --env production >/dev/null; then echo "seharusnya ditolak"; exit 1; fi
echo "--- Dengan perintah deploy: rencana dan gerbang rilis (status, dokumen, pipeline hijau, perintah):"
export REPOSPBE_DEPLOY_HOOK="$HOOK"
"$RPB" deploy "$APP" --env produksi
SUM="$("$RPB" deploy "$APP" --env produksi --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["checksum"])')"
echo "Kepala Bidang menyetujui rencana dengan checksum $SUM"
"$RPB" deploy "$APP" --env produksi --terapkan "$SUM" --kunci "$KUNCI/reviewer-citra" | tail -2
