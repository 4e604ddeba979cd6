# title: Pengembang OPD membuka merge request bertanda tangan / a developer opens a signed merge request
set -euo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
# Aplikasi yang diubah: SI-Antrean bila lulus pemeriksaan, jika tidak aplikasi pertama yang lulus.
APP=""
for d in registry/apps/diskominfo/si-antrean registry/apps/*/*; do
  [ -f "$d/app.yaml" ] || continue
  if "$RPB" check "$d" >/dev/null 2>&1; then APP="${d#registry/apps/}"; break; fi
done
export GIT_AUTHOR_NAME="Pengembang Dinkes" GIT_AUTHOR_EMAIL="pengembang@dinkes.example"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
git checkout -q -b perbarui-app
if [ -z "$APP" ]; then  # no bundled app passes every check: the merge request adds a small one
  APP=diskominfo/demo-tata-kelola; mkdir -p "registry/apps/$APP"
  printf 'id: demo-tata-kelola\nnama: Demo Tata Kelola\nopd: diskominfo\njenis: umum\nfungsi: [demo]\nstatus: usulan\ndeskripsi: Aplikasi demo.\n' > "registry/apps/$APP/app.yaml"
  git add -A
fi
echo "$APP" > "$(dirname "$WORK")/app-demo"
echo "Aplikasi yang diubah: $APP"
echo "versi_rilis: 2.0  # bidang yang tidak dikenal skema" >> "registry/apps/$APP/app.yaml"
git commit -qam "Perbarui $APP ke versi 2.0"
git checkout -q main
"$RPB" mr open --source perbarui-app --title "Perbarui $APP ke versi 2.0" --kunci "$KUNCI/pengembang-dinkes"
echo "Pipeline dijalankan pengembang (rekaman ini tidak dipercaya reviewer: tidak ditandatangani runner):"
"$RPB" mr pipeline 1 --kunci "$KUNCI/pengembang-dinkes" || echo "=> pipeline GAGAL, seperti diharapkan"
