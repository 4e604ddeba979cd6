# title: Pengembang OPD membuka merge request bertanda tangan / a developer opens a signed merge request
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
# Aplikasi yang diubah: contoh SI-Antrean bila seluruh pipeline-nya lulus saat ini (pemeriksaan registri
# dan pemindaian sumber); bila tidak, aplikasi tanpa kode sumber yang kekurangannya hanya manual.md
# (merge request ini sekaligus melengkapi manualnya).
only_manual_missing() {
  local report; report="$("$RPB" check "$1" --format json 2>/dev/null || true)"
  printf '%s' "$report" | python3 -c '
import json, sys
f = json.load(sys.stdin)["findings"]
sys.exit(0 if len(f) == 1 and f[0]["check_id"] == "doc.missing" and f[0]["message"].find("manual.md") >= 0 else 1)'
}
APP=""
if [ -f registry/apps/diskominfo/si-antrean/app.yaml ] \
   && "$RPB" check registry/apps/diskominfo/si-antrean >/dev/null 2>&1 \
   && "$RPB" scan diskominfo/si-antrean >/dev/null 2>&1; then
  APP=diskominfo/si-antrean
else
  for d in registry/apps/*/*; do
    [ -f "$d/app.yaml" ] && ! grep -q '^sumber:' "$d/app.yaml" || continue
    if only_manual_missing "$d"; then APP="${d#registry/apps/}"; break; fi
  done
fi
[ -n "$APP" ] || { echo "Tidak ada aplikasi yang cocok untuk cerita tata kelola."; exit 1; }
export GIT_AUTHOR_NAME="Pengembang Dinkes" GIT_AUTHOR_EMAIL="pengembang@dinkes.example"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
git checkout -q -b perbarui-app
if [ ! -f "registry/apps/$APP/manual.md" ]; then
  NAMA="$(sed -n 's/^nama: //p' "registry/apps/$APP/app.yaml")"
  cat > "registry/apps/$APP/manual.md" <<MANUAL
# Manual Penggunaan $NAMA

## Pendahuluan

$NAMA digunakan oleh Perangkat Daerah sesuai kewenangannya. Manual ini menjelaskan cara mengakses
aplikasi, langkah penggunaan sehari-hari, dan ke mana pengguna meminta bantuan bila menemui kendala.

## Akses dan Instalasi

Aplikasi diakses melalui peramban web pada alamat resmi yang diumumkan Diskominfo. Pengguna masuk
dengan akun yang diberikan admin OPD; tidak ada perangkat lunak yang perlu dipasang di komputer.

## Penggunaan

Setelah masuk, pengguna memilih menu sesuai tugasnya. Setiap isian wajib dilengkapi sebelum disimpan,
dan setiap perubahan tercatat beserta nama pengguna dan waktunya. Laporan dapat diunduh dari menu
laporan dalam format PDF atau lembar kerja. Pengguna wajib keluar dari aplikasi setelah selesai,
terutama pada komputer bersama, dan tidak membagikan kata sandi kepada siapa pun.

## Bantuan

Hubungi layanan bantuan Diskominfo melalui surel helpdesk atau telepon kantor pada jam kerja.
MANUAL
  git add "registry/apps/$APP/manual.md"
fi
echo "$APP" > "$(dirname "$WORK")/app-demo"
echo "Aplikasi yang diubah: $APP"
echo "versi_rilis: 2.0  # bidang yang tidak dikenal skema" >> "registry/apps/$APP/app.yaml"
git commit -qam "Perbarui $APP ke versi 2.0"
git checkout -q main
# Dengan PKI DEMO (49) pembukaan juga membawa tanda tangan sertifikat pengembang (pembukaan.p7s).
PKI="$(dirname "$WORK")/pki-demo"; SERT=()
[ -f "$PKI/pengembang.pem" ] && SERT=(--sertifikat "$PKI/pengembang.pem" --kunci-sertifikat "$PKI/pengembang.key")
"$RPB" mr open --source perbarui-app --title "Perbarui $APP ke versi 2.0" --kunci "$KUNCI/pengembang-dinkes" "${SERT[@]}"
"$RPB" mr show 1 | sed -n '/^Dibuka/,/tanda tangan yang dihitung/p'
echo "Pipeline dijalankan pengembang (rekaman ini tidak dipercaya reviewer: tidak ditandatangani runner):"
"$RPB" mr pipeline 1 --kunci "$KUNCI/pengembang-dinkes" || echo "=> pipeline GAGAL, seperti diharapkan"
