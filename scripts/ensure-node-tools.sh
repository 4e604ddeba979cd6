#!/usr/bin/env bash
# Installs the Node tools repospbe's tests need into a project-local prefix (.tools/):
#   gitlab-ci-local (runs the shipped GitLab pipelines job by job, shell executor; needs rsync).
# Pinned: 4.73.0 is the newest release that runs on Debian 12's Node 20 (4.74+ use
# Set.prototype.union, Node 22). Installs Debian's nodejs/npm first when missing.
# Never fails the build by itself: tests needing a missing tool skip locally and fail under CI=true.
set -u
GLCL_VERSION="4.73.0"
cd "$(dirname "$0")/.."
PREFIX="$PWD/.tools"
BIN="$PREFIX/node_modules/.bin/gitlab-ci-local"
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
command -v rsync >/dev/null 2>&1 || need+=(rsync)  # gitlab-ci-local copies the work tree with it
if [ ${#need[@]} -gt 0 ]; then
  echo "repospbe: memasang paket sistem: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi
  if command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    $SUDO apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
      || { echo "repospbe: gagal memasang ${need[*]}; uji gitlab-ci-local akan dilewati (gagal bila CI=true)"; exit 0; }
  else
    echo "repospbe: apt-get tidak tersedia; pasang ${need[*]} secara manual"; exit 0
  fi
fi
mkdir -p "$PREFIX" && printf "*\n" > "$PREFIX/.gitignore"
if [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null)" = "$GLCL_VERSION" ]; then
  exit 0
fi
echo "repospbe: memasang gitlab-ci-local@$GLCL_VERSION ke .tools/"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error --save-exact \
  "gitlab-ci-local@$GLCL_VERSION" >/dev/null \
  || echo "repospbe: gagal memasang gitlab-ci-local; uji pipeline GitLab akan dilewati (gagal bila CI=true)"
exit 0
