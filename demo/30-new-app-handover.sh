# title: Aplikasi khusus baru dari templat, lalu serah terima kode dari vendor / new special app and vendor handover
set -euo pipefail
cd "$WORK"
APP=diskominfo/si-antrean-layanan
ringkas() {  # repospbe check, summarised per file and check id (the full report is long)
  local json
  json=$("$RPB" check "registry/apps/$APP" --format json || true)  # exit 1: there are findings
  printf '%s' "$json" | "$REPO/.venv/bin/python" -c '
import collections, json, sys
found = json.load(sys.stdin)["findings"]
counts = collections.Counter((f["path"].rsplit("/", 1)[-1], f["check_id"], f["severity"]) for f in found)
for (name, cid, sev), n in sorted(counts.items()):
    print(f"  {name:14s} {cid:24s} {sev:8s} x{n}")
schema = "GAGAL" if any(f["check_id"].startswith("schema.") for f in found) else "lolos"
print(f"  jumlah: {len(found)} temuan; skema: {schema}")'
}

echo "--- 1. OPD membuat Aplikasi Khusus baru dari templat (jawaban divalidasi sebelum dirender)"
"$RPB" new app --no-input --opd diskominfo --nama "Sistem Informasi Antrean Layanan" --id si-antrean-layanan \
  --subdomain si-antrean-layanan --pemeliharaan vendor --sumber "$OUT/kode-awal-si-antrean"
git add "registry/apps/$APP" && git commit -qm "Aplikasi baru $APP (demo: langsung di main)"
echo
echo "--- Rekaman baru lolos skema; dokumen yang belum diisi dilaporkan belum selesai (repospbe check, ringkas):"
ringkas

echo
echo "--- 2. Vendor mengirim arsip zip (dibuat di sini dari kode awal + pekerjaan vendor, termasuk .git-nya)"
KIRIMAN="$OUT/kiriman-vendor"
rm -rf "$KIRIMAN" && cp -r "$OUT/kode-awal-si-antrean" "$KIRIMAN"
printf '#!/bin/sh\necho "hook vendor dijalankan!" > /tmp/hook-vendor-dijalankan\n' > "$KIRIMAN/.git/hooks/post-checkout"
chmod +x "$KIRIMAN/.git/hooks/post-checkout"
cat > "$KIRIMAN/aplikasi/loket.py" <<'PY'
"""Pengelolaan loket antrean (pekerjaan vendor)."""


def loket_berikutnya(jumlah_loket: int, terakhir: int) -> int:
    """Nomor loket berikutnya secara bergiliran, mulai dari 1.

    Masukan: jumlah loket yang buka dan nomor loket terakhir (0 bila belum ada).
    """
    return terakhir % jumlah_loket + 1
PY
"$REPO/.venv/bin/python" - "$KIRIMAN" "$OUT/kiriman-si-antrean-1.0.0.zip" <<'PY'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
    for base, dirs, files in os.walk(src):
        for name in sorted(files):
            path = os.path.join(base, name)
            zf.write(path, os.path.relpath(path, src))
PY
ls -l "$OUT/kiriman-si-antrean-1.0.0.zip" | awk '{print "Arsip vendor: " $NF " (" $5 " bita)"}'

echo
echo "--- 3. Diskominfo menerima arsip: ekstraksi aman, commit kode, manifes, BAST, cabang MR"
"$RPB" handover ingest "$OUT/kiriman-si-antrean-1.0.0.zip" --app "$APP" \
  --vendor "PT Contoh Solusi Digital" --contract "027/123/DISKOMINFO/2026" --version 1.0.0
test ! -e /tmp/hook-vendor-dijalankan && echo "(hook .git milik vendor tidak pernah dijalankan)"

BR=serah-terima/si-antrean-layanan-1.0.0
echo
echo "--- Manifes pada cabang $BR (ringkas):"
git show "$BR:registry/apps/$APP/serah-terima/manifest-1.0.0.json" | "$REPO/.venv/bin/python" -c '
import json, sys
m = json.load(sys.stdin)
print("arsip:", m["arsip"]["nama"], m["arsip"]["sha256"])
print("total:", m["total"]["berkas"], "berkas,", m["total"]["bita"], "bita; .git vendor dibuang:", m["dibuang"]["jumlah"])
for f in m["berkas"][:6]:
    print(" ", f["sha256"][:16], f["ukuran"], f["path"])'
echo
echo "--- BAST (awal dan daftar serah terima):"
git show "$BR:registry/apps/$APP/bast.md" | sed -n '/^## Daftar Serah Terima/,/^## Pernyataan/p' | head -20

echo
echo "--- Yang masih kurang menurut 'repospbe check' pada cabang serah terima (ringkas):"
git switch -q "$BR"
ringkas
git switch -q main

echo
echo "--- 4. Arsip berbahaya ditolak (zip slip), tanpa jejak:"
"$REPO/.venv/bin/python" -c "
import zipfile; z = zipfile.ZipFile('$OUT/jahat.zip', 'w'); z.writestr('index.php', '<?php'); z.writestr('../../etc/cron.d/pintu-belakang', '* * * * * root sh'); z.close()"
"$RPB" handover ingest "$OUT/jahat.zip" --app "$APP" --vendor "PT Jahat" --contract "0/0" --version 9.9.9 || echo "(kode keluar $?)"
