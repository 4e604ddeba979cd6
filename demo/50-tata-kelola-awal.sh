# title: Tata kelola: reviewer demo, allowed_signers dan genesis audit / governance bootstrap
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"; mkdir -p "$KUNCI"
# Kunci demo dibuat saat ini juga (tidak pernah disimpan di repositori).
for k in reviewer-ani reviewer-budi reviewer-citra pengembang-dinkes pengelola-bkd pengelola-bappeda; do
  ssh-keygen -q -t ed25519 -N "" -C "$k@demo" -f "$KUNCI/$k"
done
{
  echo "# Reviewer DEMO (kunci dibuat oleh demo/50-tata-kelola-awal.sh; bukan pejabat sebenarnya)."
  echo "reviewers:"
  i=1
  for r in ani budi citra; do
    printf '  - id: %s\n    nama: Reviewer Demo %s\n    nip: "19900101201501100%s"\n    peran: diskominfo\n    email: [%s@diskominfo.example]\n    kunci_publik: %s\n' \
      "$r" "${r^}" "$i" "$r" "$(cut -d' ' -f1,2 "$KUNCI/reviewer-$r.pub")"
    i=$((i+1))
  done
} > registry/reviewers.yaml
# Citra juga memegang sertifikat elektronik dari PKI DEMO (demo/49-pki-demo.sh); jangkar dan CRL-nya
# disimpan di registry/trust/ (docs/panduan/sertifikat-elektronik.md).
PKI="$(dirname "$WORK")/pki-demo"
if [ -f "$PKI/akar-demo.pem" ]; then
  printf '    sertifikat: {identitas: "NIP:199001012015011003"}\n' >> registry/reviewers.yaml
  mkdir -p registry/trust/crl && cp "$PKI/akar-demo.pem" registry/trust/ && cp "$PKI/akar-demo.crl" registry/trust/crl/
  git add registry/trust
fi
# Pengelola OPD (kepemilikan): pengembang untuk Diskominfo, satu pengelola BKD dan satu BAPPEDA.
add_maintainer() {  # <opd> <id> <key> [nip]
  printf 'pengelola:\n  - id: %s\n    nama: Pengelola Demo %s\n    email: [%s@%s.example]\n    kunci_publik: %s\n' \
    "$2" "$2" "$2" "$1" "$(cut -d' ' -f1,2 "$KUNCI/$3.pub")" >> "registry/opd/$1.yaml"
  if [ -n "${4:-}" ]; then printf '    nip: "%s"\n' "$4" >> "registry/opd/$1.yaml"; fi
}
add_maintainer diskominfo pengembang pengembang-dinkes 199203032019031005  # NIP: sertifikat DEMO-nya (49)
add_maintainer bkd pengelola-bkd pengelola-bkd
add_maintainer bappeda pengelola-bappeda pengelola-bappeda
"$RPB" reviewer signers
git add registry/reviewers.yaml registry/allowed_signers registry/opd
git commit -qm "Tata kelola demo: reviewer Diskominfo dan allowed_signers"
"$RPB" audit genesis
echo "Mulai titik ini, main hanya boleh berubah lewat 'repospbe mr merge' (diperiksa oleh 'repospbe audit verify')."
