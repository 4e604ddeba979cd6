# title: Gabung: verifikasi ulang, merge-tree, compare-and-swap, bukti di trailer / merge with evidence
set -euo pipefail
cd "$WORK"
"$RPB" mr merge 1
git log -1 --format='%H%n%B' main
