#!/usr/bin/env bash
# Installs the Debian packages repospbe's tests need when they are missing:
#   bind9-utils (named-checkzone), chromium (catalogue browser tests) and bubblewrap
#   (bwrap: the sandbox every app test command runs in).
# Never fails the build by itself: tests that need a missing tool skip locally and
# fail under CI=true, naming the tool.
set -u
need=()
command -v named-checkzone >/dev/null 2>&1 || need+=(bind9-utils)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v bwrap >/dev/null 2>&1 || [ -x /usr/bin/bwrap ] || need+=(bubblewrap)
[ ${#need[@]} -eq 0 ] && exit 0
echo "repospbe: memasang paket sistem: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo -n"
else
  SUDO=""
fi
if command -v apt-get >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 \
    || echo "repospbe: gagal memasang ${need[*]}; uji yang memerlukannya akan dilewati (gagal bila CI=true)"
else
  echo "repospbe: apt-get tidak tersedia; pasang ${need[*]} secara manual"
fi
exit 0
