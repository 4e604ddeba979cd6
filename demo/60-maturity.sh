# title: Tingkat kematangan SPBE: sebuah aplikasi naik tingkat setelah dokumennya lengkap
set -euo pipefail
cd "$WORK"
echo "Tingkat kematangan aplikasi Inspektorat sekarang:"
"$RPB" maturity --opd inspektorat
echo
echo "Inspektorat menyerahkan lima dokumen WBS-Ponti (disalin dari contoh lengkap, belum di-commit)..."
for doc in kebutuhan kak pengujian manual bast; do
  cp registry/apps/diskominfo/si-antrean/$doc.md registry/apps/inspektorat/wbs-ponti/$doc.md
done
"$RPB" maturity --opd inspektorat --since HEAD
echo
"$RPB" maturity --format markdown > "$OUT/kematangan.md"
"$RPB" evidence export --period "$(date +%Y)" --out "$OUT/paket-bukti"
(cd "$OUT/paket-bukti" && sha256sum --quiet -c SHA256SUMS && echo "Paket bukti terverifikasi dengan sha256sum -c.")
git checkout -q -- registry/apps/inspektorat/wbs-ponti 2>/dev/null || true
git clean -qfd registry/apps/inspektorat/wbs-ponti
