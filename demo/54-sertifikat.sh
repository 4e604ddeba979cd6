# title: Persetujuan bertanda tangan sertifikat elektronik dari PKI DEMO, diperiksa ulang dengan openssl / a certificate-signed approval
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"; PKI="$(dirname "$WORK")/pki-demo"
# Citra menyetujui dengan kunci SSH-nya DAN sertifikat PKI DEMO: keputusan membawa .sig dan .p7s (CMS).
"$RPB" mr approve 1 --kunci "$KUNCI/reviewer-citra" --sertifikat "$PKI/citra.pem" --kunci-sertifikat "$PKI/citra.key"
NAME="$(git ls-tree --name-only refs/repospbe/mr/1 keputusan/ | grep -- '-citra\.p7s$' | tail -1)"
echo "Tanda tangan sertifikat tersimpan: refs/repospbe/mr/1:$NAME"
# Cara auditor, openssl saja: isi keputusan persis, .p7s, jangkar + CRL dari registry/trust/.
T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
git show "refs/repospbe/mr/1:${NAME%.p7s}.json" > "$T/keputusan.json"
git show "refs/repospbe/mr/1:$NAME" > "$T/keputusan.p7s"
cat registry/trust/*.pem > "$T/percaya.pem"
for crl in registry/trust/crl/*; do openssl crl -in "$crl" >> "$T/percaya.pem"; done
openssl cms -verify -binary -inform DER -in "$T/keputusan.p7s" -content "$T/keputusan.json" \
  -CAfile "$T/percaya.pem" -crl_check_all -out /dev/null
openssl pkcs7 -inform DER -in "$T/keputusan.p7s" -print_certs -noout | sed -n 's/^subject=/  penanda tangan (PKI DEMO): /p' | head -1
"$RPB" mr show 1 | sed -n '/^Keputusan:/,$p'
