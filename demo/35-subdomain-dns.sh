# title: Permohonan subdomain dan rencana DNS / subdomain request and DNS plan
set -euo pipefail
cd "$WORK"
DNS="$OUT/dns"; mkdir -p "$DNS"
STATE="$DNS/state.json"; ZONE="$DNS/zona.zone"
checksum() { sed -n 's/^sha256: //p'; }

echo "--- Zona yang sudah terpasang: terapkan registri saat ini sebagai keadaan awal"
"$RPB" dns apply --state "$STATE" --zone-file "$ZONE" \
  --checksum "$("$RPB" dns plan --state "$STATE" | checksum)" | tail -1

# Aplikasi yang belum punya subdomain: yang dibuat pada langkah 30 bila ada.
first=$(git rev-list --max-parents=0 HEAD)
candidates=$( { git ls-files --others --exclude-standard -- 'registry/apps/*/*/app.yaml'
                git diff --name-only --diff-filter=A "$first" HEAD -- 'registry/apps/*/*/app.yaml'
                git ls-files -- 'registry/apps/*/*/app.yaml'; } 2>/dev/null || true)
app_file=""
for f in $candidates; do
  [ -e "registry/subdomains/$(basename "$(dirname "$f")").yaml" ] || { app_file=$f; break; }
done
if [ -n "$app_file" ]; then
  APP=$(basename "$(dirname "$app_file")"); OPD=$(basename "$(dirname "$(dirname "$app_file")")"); FOR=(--app "$APP")
  LABEL=$("$REPO/.venv/bin/python" -c 'import sys, yaml; print((yaml.safe_load(open(sys.argv[1])).get("subdomain") or [sys.argv[2]])[0])' "$app_file" "$APP")
else  # no app without a subdomain: the Diskominfo OPD asks for its own site
  OPD=$(sed -n 's/^opd_diskominfo: //p' registry/instance.yaml); APP=$OPD; LABEL=$OPD; FOR=()
fi
minta() {  # request subdomain $1; print the findings (stderr) and the first line of the result
  "$RPB" new subdomain --nama "$1" --opd "$OPD" "${FOR[@]}" --tujuan "Situs aplikasi $APP" \
    --surat-nomor "800/35/${OPD^^}/2026" --surat-tanggal 2026-11-27 --a 192.0.2.30 --contoh 2>&1 \
    | grep -vE "^\[info\]|^    Ganti rentang|^    Informasi" | head -6 || true
  [ -e "registry/subdomains/$1.yaml" ]
}
echo; echo "--- OPD $OPD mengajukan subdomain $LABEL untuk ${FOR[1]:-situsnya sendiri}"
echo "\$ repospbe new subdomain --nama $LABEL --opd $OPD ${FOR[*]} --a 192.0.2.30 --contoh ..."
if ! minta "$LABEL"; then
  echo "--- Nama harus id/singkatan aplikasi: OPD mencatat singkatan '$LABEL' di $app_file (ikut ditinjau Diskominfo)"
  sed -i "/^nama: /a singkatan: [$LABEL]" "$app_file"
  git add "$app_file"
  minta "$LABEL"
fi
git add "registry/subdomains/$LABEL.yaml" && git commit -qm "Permohonan subdomain $LABEL"

echo; echo "--- Diskominfo meninjau rencana DNS (dibandingkan dengan zona terpasang)"
"$RPB" dns plan --state "$STATE" | tee "$DNS/rencana.txt"
SUM=$(checksum < "$DNS/rencana.txt")

echo; echo "--- Diskominfo menerapkan tepat rencana yang ditinjau"
"$RPB" dns apply --checksum "$SUM" --state "$STATE" --zone-file "$ZONE"
grep -E "^$LABEL " "$ZONE"
if command -v named-checkzone >/dev/null; then named-checkzone -q pontianakkota.go.id "$ZONE" && echo "named-checkzone: OK"; fi
echo "Checksum yang sama tidak dapat diterapkan dua kali (rencananya kini kosong):"
"$RPB" dns apply --checksum "$SUM" --state "$STATE" --zone-file "$ZONE" 2>&1 | head -1 || true
