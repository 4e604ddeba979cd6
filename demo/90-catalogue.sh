# title: Katalog untuk auditor (MkDocs Material) / the auditors' catalogue
set -euo pipefail
cd "$WORK"
"$RPB" catalogue build --out "$OUT/katalog"
echo
echo "Ekspor untuk sistem lain: $OUT/katalog/site/ekspor/catalogue.json (Satu Data),"
echo "  serta publiccode.yml dan catalog-info.yaml (Backstage) per aplikasi di $OUT/katalog/site/ekspor/"
echo "Layani di localhost (pencarian aktif): $RPB catalogue serve --out $OUT/katalog"
