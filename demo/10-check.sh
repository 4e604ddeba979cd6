# title: Pemeriksaan kepatuhan registri bawaan / compliance check of the bundled registry
set -uo pipefail
cd "$WORK"
"$RPB" check --format markdown --output "$OUT/kepatuhan.md" >/dev/null; rc=$?
"$RPB" check --format json --output "$OUT/kepatuhan.json" >/dev/null
"$RPB" summary
echo "Kode keluar 'repospbe check' atas seluruh registri: $rc (1 = ada kekurangan nyata)"
echo "Laporan lengkap: $OUT/kepatuhan.md"
