# title: Reviewer menolak dengan alasan bertanda tangan / a reviewer rejects with a signed reason
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
"$RPB" mr reject 1 --kunci "$KUNCI/reviewer-ani" --alasan "Pipeline gagal: bidang versi_rilis tidak dikenal skema app. Catat versi di dokumen, bukan di app.yaml."
"$RPB" mr show 1
echo "Mencoba menggabung sekarang:"
"$RPB" mr merge 1 || echo "=> ditolak, seperti diharapkan"
