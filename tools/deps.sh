#!/usr/bin/env bash
# Installs what building and testing xemu needs on Debian 12 (apt, with sudo when not
# root). Does nothing when everything is already there.
set -euo pipefail
pkgs=(cmake make gcc pkg-config libcapstone-dev libffi-dev libglib2.0-dev
      gcc-arm-linux-gnueabihf gcc-mips-linux-gnu gcc-mipsel-linux-gnu
      libc6-dev-armhf-cross libc6-dev-mips-cross libc6-dev-mipsel-cross
      qemu-user csmith libcsmith-dev meson ninja-build)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
echo "xemu: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
