# title: Pemindaian kode sumber: aplikasi contoh (bersih) vs aplikasi rentan / source scan: clean vs vulnerable
set -uo pipefail
cd "$WORK"
export REPOSPBE_CACHE_DIR="$OUT/cache"
echo "1) Aplikasi Khusus contoh diskominfo/si-antrean, pada commit yang dipatok di app.yaml:"
if [ -f registry/apps/diskominfo/si-antrean/app.yaml ] && [ -d registry/sources ]; then
  "$RPB" scan diskominfo/si-antrean --output-dir "$OUT/scan-si-antrean" >/dev/null; rc_clean=$?
  "$RPB" scan diskominfo/si-antrean --format markdown >/dev/null 2>&1  # kedua kali: dari cache (pohon sama)
  echo "   kode keluar: $rc_clean (0 = lulus). Laporan: $OUT/scan-si-antrean/"
  isolasi=$(sed -n 's/.*"isolation": *"\([^"]*\)".*/\1/p' "$OUT/scan-si-antrean/pipeline-record.json" | head -1)
  echo "   uji aplikasi (perintah_uji vendor) berjalan di: ${isolasi:-tidak dijalankan}" \
       "(bubblewrap = sandbox tanpa akses ke kunci, registri, virtualenv maupun jaringan)"
else
  echo "   (registri ini belum memuat kode sumber contoh; dilewati)"
fi
echo
echo "2) Aplikasi rentan (salinan fikstur), dipindai seperti vendor memindai sebelum serah terima (--path):"
VULN="$OUT/aplikasi-rentan"
rm -rf "$VULN"
if [ -d "$REPO/tests/fixtures/apps/vulnerable" ]; then
  cp -r "$REPO/tests/fixtures/apps/vulnerable" "$VULN"
else
  mkdir -p "$VULN"
  printf 'import subprocess\n\n\ndef jalankan(perintah):\n    subprocess.call(perintah, shell=True)\n' > "$VULN/app.py"
  printf 'DB_PASSWORD = "Rahasia-Sekali-2026!x"\n' > "$VULN/config.py"
fi
"$RPB" scan --path "$VULN" --output-dir "$OUT/scan-rentan" >"$OUT/scan-rentan.txt" 2>&1; rc_vuln=$?
grep -E "^(KRITIS|TINGGI|CRITICAL|HIGH)" "$OUT/scan-rentan.txt" | head -12
tail -2 "$OUT/scan-rentan.txt"
echo "   kode keluar: $rc_vuln (1 = ada temuan yang memblokir)."
echo "   Laporan (JSON, SARIF, GitLab SAST, JUnit, Markdown) dan catatan pipeline: $OUT/scan-rentan/"
