# title: Cadangan dan pemulihan terverifikasi / backup and verified restore
set -euo pipefail
cd "$WORK"
ssh-keygen -q -t ed25519 -N "" -C operator-cadangan -f "$OUT/operator-cadangan"
echo "operator-cadangan namespaces=\"repospbe-backup\" $(cat "$OUT/operator-cadangan.pub")" > "$OUT/allowed_signers_cadangan"
"$RPB" backup create --out "$OUT/cadangan" --key "$OUT/operator-cadangan" --allowed-signers "$OUT/allowed_signers_cadangan"
"$RPB" backup verify "$OUT/cadangan" --allowed-signers "$OUT/allowed_signers_cadangan"
"$RPB" backup restore "$OUT/cadangan" --to "$OUT/pulih" --allowed-signers "$OUT/allowed_signers_cadangan"
if diff <(git -C "$WORK" for-each-ref) <(git -C "$OUT/pulih" for-each-ref) >/dev/null; then
  echo "Ref hasil pemulihan identik dengan aslinya ($(git -C "$OUT/pulih" for-each-ref | wc -l) ref)."
else
  echo "PERINGATAN: ref hasil pemulihan berbeda"; exit 1
fi
