# title: Kepemilikan: perubahan lintas OPD ditolak / ownership: a cross-OPD change is refused
set -uo pipefail
cd "$WORK"
KUNCI="$(dirname "$WORK")/kunci"
export GIT_AUTHOR_NAME="Pengelola BAPPEDA" GIT_AUTHOR_EMAIL="pengelola-bappeda@bappeda.example"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
echo "Pengelola BAPPEDA mencoba mengubah KAK aplikasi SIMAKDA milik BKD:"
git checkout -q -b bappeda-ubah-simakda main
printf '# Kerangka Acuan Kerja SIMAKDA\n\nDiubah oleh BAPPEDA.\n' > registry/apps/bkd/simakda/kak.md
git add registry/apps/bkd/simakda/kak.md
git commit -qm "Ubah KAK SIMAKDA"
git checkout -q main
N=$("$RPB" mr open --source bappeda-ubah-simakda --title "Ubah KAK SIMAKDA (oleh BAPPEDA)" \
      --kunci "$KUNCI/pengelola-bappeda" | sed -n 's/.*!\([0-9][0-9]*\).*/\1/p' | head -1)
echo "Merge request !$N dibuka. Pipeline (dengan kunci pembuka) menilai kepemilikan setiap berkas:"
"$RPB" mr pipeline "$N" --kunci "$KUNCI/pengelola-bappeda" 2>&1 | grep -E "owner\.|milik|Galat|pipeline" | head -6
"$RPB" mr show "$N" | grep -iE "kepemilikan|siap|masalah" | head -5
if "$RPB" mr merge "$N"; then
  echo "PERINGATAN: perubahan lintas OPD tergabung"; exit 1
else
  echo "=> 'repospbe mr merge' MENOLAK perubahan lintas OPD, seperti diharapkan."
fi
