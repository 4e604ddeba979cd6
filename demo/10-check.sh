# title: Pemeriksaan kepatuhan registri bawaan / compliance check of the bundled registry
set -uo pipefail
cd "$WORK"
"$RPB" check --format json --output "$OUT/kepatuhan.json" >/dev/null; rc=$?
"$RPB" summary --format markdown > "$OUT/ringkasan-kepatuhan.md"
"$RPB" summary
echo
echo "Aplikasi contoh yang lengkap (jalur hijau): repospbe check registry/apps/diskominfo/si-antrean"
"$RPB" check registry/apps/diskominfo/si-antrean; rc_ok=$?
echo
echo "Kode keluar 'repospbe check' atas seluruh registri: $rc (1 = ada kekurangan nyata); atas si-antrean: $rc_ok (0 = lengkap)"
echo "Laporan: $OUT/kepatuhan.json (semua temuan), $OUT/ringkasan-kepatuhan.md (ringkasan)"
[ "$rc" -eq 1 ] && [ "$rc_ok" -eq 0 ]
