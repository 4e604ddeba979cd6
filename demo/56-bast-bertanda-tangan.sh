# title: BAST bertanda tangan elektronik dengan PKI DEMO (bukan sertifikat PSrE/BSrE) / BAST signed with a demo PKI
set -euo pipefail
# A separate copy: the demo trust anchor must never enter the demo registry's main history.
D="$OUT/bast-bertanda-tangan"
rm -rf "$D" && mkdir -p "$D" && cp -r "$WORK" "$D/registri"
cd "$D/registri"
APP=diskominfo/si-antrean
"$RPB" handover bast-pdf --app "$APP" -o "$D/bast-si-antrean.pdf"
"$REPO/.venv/bin/python" "$REPO/scripts/demo_pki_bast.py" . "$D/bast-si-antrean.pdf" "registry/apps/$APP/bast.pdf"
"$RPB" check "registry/apps/$APP"
echo "PDF yang diubah setelah ditandatangani ditolak (pdfsig.altered):"
sed 's|/Producer (repospbe)|/Producer (repospbX)|' "registry/apps/$APP/bast.pdf" > "$D/bast-diubah.pdf"
cp "$D/bast-diubah.pdf" "registry/apps/$APP/bast.pdf"
if "$RPB" check "registry/apps/$APP"; then echo "GAGAL: PDF yang diubah diterima" >&2; exit 1; fi
echo "PKI DEMO: sertifikat dibuat saat demo, bukan dari PSrE/BSrE; registri nyata hanya memercayai akar PSrE di registry/trust/."
