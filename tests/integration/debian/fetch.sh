#!/usr/bin/env bash
# integration/debian, part 1: fetches the Debian 12 packages of one architecture (armhf or
# mipsel) with `apt-get download` into a cache that outlives build trees, and extracts
# them into a merged-/usr sysroot there. A second run with the same package set touches
# neither apt nor the network.
#
# usage: fetch.sh ARCH           prints the sysroot's path on stdout
# env:   XEMU_DEBIAN_CACHE        cache directory (default ${XDG_CACHE_HOME:-~/.cache}/xemu-debian)
#        XEMU_DEBIAN_REFRESH=1    fetch again even if the cache is complete
# exit:  0 ok; 77 the package archive cannot be reached (and nothing is cached);
#        1 anything else (e.g. the architecture is not configured: run tools/deps.sh)
set -euo pipefail
arch=$1
here=$(cd "$(dirname "$0")" && pwd)
cache=${XEMU_DEBIAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xemu-debian}
debs=$cache/debs/$arch
root=$cache/sysroot-$arch
log() { echo "debian[$arch]: $*" >&2; }

# The programs the commands run (libpython3.11-stdlib: json, zlib, threading...); their library dependencies are added below. mips (big
# endian) has no Debian 12 port, so there is no "mips" here.
roots=(bash coreutils perl-base python3.11-minimal libpython3.11-stdlib xz-utils bzip2 gzip tar sqlite3 lua5.4
       openssl 7zip busybox-static)

# specs PKG...: what apt calls each package: PKG:ARCH, or PKG for an Architecture: all
# package (which apt-cache does not find under PKG:ARCH).
specs() {
    local -A found=()
    local p
    for p in $(apt-cache show --no-all-versions "${@/%/:$arch}" 2>/dev/null |
               sed -n 's/^Package: //p'); do
        found[$p]=1
    done
    for p in "$@"; do
        if [[ -n ${found[$p]:-} ]]; then echo "$p:$arch"; else echo "$p"; fi
    done
}

# deps PKG...: the first alternative of every Depends/Pre-Depends of the candidate
# versions, without version constraints or :any qualifiers.
deps() {
    apt-cache show --no-all-versions $(specs "$@") 2>/dev/null |
        sed -n 's/^\(Pre-\)\?Depends: //p' | tr ',' '\n' |
        sed 's/|.*//; s/([^)]*)//g; s/:any//; s/[[:space:]]//g' | grep -v '^$' | sort -u
}

# resolve: the roots plus, recursively, the libraries (lib*, zlib1g) they depend on. Other
# dependencies (base-files, dpkg, debianutils, awk...) are packaging, not needed to run
# the programs.
resolve() {
    local -A seen=()
    local todo=("${roots[@]}") next p
    while ((${#todo[@]})); do
        next=()
        for p in "${todo[@]}"; do
            [[ -n ${seen[$p]:-} ]] && continue
            seen[$p]=1
            next+=("$p")
        done
        ((${#next[@]})) || break
        todo=()
        for p in $(deps "${next[@]}"); do
            [[ ($p == lib* || $p == zlib*) && -z ${seen[$p]:-} ]] && todo+=("$p")
        done
    done
    printf '%s\n' "${!seen[@]}" | sort
}

if [[ -z ${XEMU_DEBIAN_REFRESH:-} && -f $root/.complete ]]; then
    echo "$root"
    exit 0
fi

if ! apt-cache show --no-all-versions "bash:$arch" >/dev/null 2>&1; then
    log "apt does not know the $arch architecture: run tools/deps.sh" \
        "(dpkg --add-architecture $arch && apt-get update)"
    exit 1
fi
mapfile -t pkgs < <(resolve)
mkdir -p "$debs"
start=$(date +%s)
log "fetching ${#pkgs[@]} packages into $debs: ${pkgs[*]}"
rm -f "$debs"/*.deb
if ! (cd "$debs" && apt-get download -q $(specs "${pkgs[@]}")) >"$debs/download.log" 2>&1; then
    cat "$debs/download.log" >&2
    if grep -Eq "Could not resolve|Could not connect|Failed to fetch|Temporary failure|Connection (failed|timed out)|Unable to connect" "$debs/download.log"; then
        log "SKIP: the Debian package archive cannot be reached"
        exit 77
    fi
    exit 1
fi

# Merged /usr as Debian's usrmerge layout has it: /bin, /lib, /sbin are links into /usr,
# so /lib/ld-linux-armhf.so.3 and /lib/ld.so.1 resolve whichever half a package uses.
rm -rf "$root.new"
mkdir -p "$root.new/usr/bin" "$root.new/usr/lib" "$root.new/usr/sbin" "$root.new/etc" "$root.new/tmp"
for d in bin lib sbin; do ln -s "usr/$d" "$root.new/$d"; done
for deb in "$debs"/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root.new"
done
# /bin/sh: Debian's is dash, which is not in the set; bash stands in (python's
# subprocess with shell=True, system(3), busybox-free scripts).
ln -sf bash "$root.new/usr/bin/sh"
ls "$debs"/*.deb | sed 's|.*/||' >"$root.new/.packages"
touch "$root.new/.complete"
rm -rf "$root"
mv "$root.new" "$root"
log "fetched $(du -sh "$debs" | cut -f1) of packages, sysroot $(du -sh "$root" | cut -f1)," \
    "in $(( $(date +%s) - start )) s"
echo "$root"
