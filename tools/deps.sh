#!/usr/bin/env bash
# Installs what building and testing xemu needs on Debian 12 (apt, with sudo when not
# root). Does nothing when everything is already there.
set -euo pipefail
pkgs=(cmake make gcc pkg-config libcapstone-dev libffi-dev libglib2.0-dev
      gcc-arm-linux-gnueabihf gcc-mips-linux-gnu gcc-mipsel-linux-gnu
      libc6-dev-armhf-cross libc6-dev-mips-cross libc6-dev-mipsel-cross
      qemu-user csmith libcsmith-dev meson ninja-build
      # integration/debian: the native (amd64) programs its expected outputs come from
      python3.11-minimal xz-utils bzip2 sqlite3 lua5.4 openssl 7zip)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# integration/debian fetches armhf and mipsel packages with `apt-get download`: the
# foreign architectures must be known to dpkg and their package lists present.
arches=()
for a in armhf mipsel; do
  dpkg --print-foreign-architectures | grep -qx "$a" \
    && compgen -G "/var/lib/apt/lists/*_binary-${a}_Packages*" >/dev/null || arches+=("$a")
done
[[ ${#missing[@]} -eq 0 && ${#arches[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
for a in "${arches[@]}"; do
  echo "xemu: adding the $a package architecture (for integration/debian)"
  $sudo dpkg --add-architecture "$a"
done
# A mirror failing one index (e.g. a foreign architecture's security list mid-sync) must
# not stop the build: apt keeps the lists it has.
$sudo apt-get update -qq || echo "xemu: apt-get update reported errors; using the lists it has"
[[ ${#missing[@]} -eq 0 ]] && exit 0
echo "xemu: installing ${missing[*]}"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
