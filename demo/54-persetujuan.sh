# title: Dua persetujuan bertanda tangan (pipeline dijalankan ulang di mesin reviewer) / two signed approvals
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
"$RPB" mr approve 1 --kunci "$KUNCI/reviewer-ani"
"$RPB" mr approve 1 --kunci "$KUNCI/reviewer-budi"
"$RPB" mr show 1 | sed -n '/^Keputusan:/,$p'
