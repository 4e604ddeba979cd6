# title: Pengembang memperbaiki; persetujuan lama menjadi usang / the developer fixes; old decisions go stale
set -euo pipefail
cd "$WORK"
APP="$(cat "$(dirname "$WORK")/app-demo")"
export GIT_AUTHOR_NAME="Pengembang Dinkes" GIT_AUTHOR_EMAIL="pengembang@dinkes.example"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
git checkout -q perbarui-app
sed -i '/^versi_rilis:/d' "registry/apps/$APP/app.yaml"
DOC="registry/apps/$APP/manual.md"; [ -f "$DOC" ] || DOC="registry/apps/$APP/app.yaml"
if [ "${DOC##*.}" = md ]; then printf '\n## Perubahan versi 2.0\n\nAntrean dapat dipesan lewat situs Pemda.\n' >> "$DOC"
else sed -i 's/^deskripsi: \(.*\)$/deskripsi: \1 Versi 2.0./' "$DOC"; fi
git commit -qam "Catat perubahan versi 2.0 di dokumen"
git checkout -q main
KUNCI="$(dirname "$WORK")/kunci"
"$RPB" mr pipeline 1 --kunci "$KUNCI/pengembang-dinkes"
"$RPB" mr list
