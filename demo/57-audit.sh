# title: Audit luring: seluruh riwayat main dan rilis diverifikasi / offline audit
set -euo pipefail
cd "$WORK"
"$RPB" audit verify --format markdown --output "$OUT/audit.md"
"$RPB" audit verify
echo "Laporan audit: $OUT/audit.md  (auditor dapat memeriksa ulang dengan git, ssh-keygen dan alat shell baku, tanpa Python: docs/panduan/auditor.md)"
