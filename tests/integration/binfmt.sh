#!/bin/sh
# integration/binfmt: registers xemu with the kernel's binfmt_misc under the test-only
# prefix "xemu-test-", runs an ARM program directly with each flag set (none, P, O, C, F),
# through a #! line naming a foreign interpreter, and in a chroot when xemu-arm is
# static; checks that another registration for the same binaries is refused; then
# unregisters and checks that no xemu-test- entry is left and no other entry changed.
# Needs root and a binfmt_misc that can be mounted: otherwise exits 77 (skip).
# usage: binfmt.sh XEMU_BINFMT XEMU_ARM ARGV0_ARM
set -u
bf=$1 xemu=$2 prog_src=$3
D=/proc/sys/fs/binfmt_misc
P=xemu-test-

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to register binfmt_misc entries (run as root to test)"
mounted_here=
if [ ! -e "$D/register" ]; then
    mount -t binfmt_misc binfmt_misc "$D" 2>/dev/null \
        || skip "binfmt_misc is not mounted and cannot be mounted on $D here"
    mounted_here=1
fi
[ -w "$D/register" ] || skip "$D/register is not writable"
command -v bash >/dev/null || skip "bash not found (needed for exec -a)"

work=$(mktemp -d /tmp/xemu-binfmt-test.XXXXXX)
chmod 755 "$work"
fails=0
cleanup() {
    "$bf" unregister --name-prefix "$P" >/dev/null 2>&1
    "$bf" unregister --name-prefix xemu-test2- >/dev/null 2>&1
    umount "$work/root/proc" 2>/dev/null
    grep -qF " $work/root/proc " /proc/self/mountinfo || rm -rf "$work"
    if [ -n "$mounted_here" ] && [ -z "$(ls "$D" | grep -v -e '^register$' -e '^status$')" ]; then
        umount "$D" 2>/dev/null
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }
# check NAME OUTPUT-FILE LINE...: every LINE must be a line of the output.
check() {
    name=$1 out=$2
    shift 2
    for l in "$@"; do
        if ! grep -qxF -- "$l" "$out"; then
            bad "$name: no line '$l' in:"
            sed 's/^/     | /' "$out"
            return
        fi
    done
    ok "$name"
}
reg() { # flags-options... ; registers arm under the test prefix, replacing
    "$bf" register --name-prefix "$P" --force --interpreter "$xemu" "$@" arm >"$work/reg.log" 2>&1 \
        || { bad "register $*:"; cat "$work/reg.log"; }
}

# Leftovers of an interrupted run are test entries by definition: remove them.
"$bf" unregister --name-prefix "$P" >/dev/null 2>&1
before=$(ls "$D" | sort)

prog=$work/prog
cp "$prog_src" "$prog"
chmod 755 "$prog"

# --- all three guests, no flags: the kernel accepts our strings and reports them back.
xdir=$(dirname "$xemu")
if "$bf" register --name-prefix "$P" --force --path "$xdir" >"$work/reg.log" 2>&1; then
    "$bf" status --name-prefix "$P" >"$work/status.log" 2>&1
    for g in arm mips mipsel; do
        grep -q "^${P}$g  *enabled  *interpreter $xdir/xemu-$g  *flags: none$" "$work/status.log" \
            || bad "status does not show ${P}$g as registered by us: $(cat "$work/status.log")"
    done
    grep -q "magic differs" "$work/status.log" && bad "kernel reports a different magic: $(cat "$work/status.log")"
    ok "registered ${P}arm, ${P}mips, ${P}mipsel; status reads them back"
    "$bf" unregister --name-prefix "$P" mips mipsel >/dev/null
    [ ! -e "$D/${P}mips" ] && [ ! -e "$D/${P}mipsel" ] && [ -e "$D/${P}arm" ] \
        && ok "unregister mips mipsel removed exactly those" || bad "unregister mips mipsel"
else
    bad "register all guests:"
    cat "$work/reg.log"
fi

# --- no flags: argv[0] becomes the path the kernel was given; /proc/self/exe the program.
reg
(cd "$work" && ./prog a -strace) >"$work/out" 2>&1
check "run ./prog directly (no flags)" "$work/out" "argc=3" "argv[0]=./prog" "argv[1]=a" \
    "argv[2]=-strace" "exe=$prog"
bash -c 'exec -a myname "$0" x' "$prog" >"$work/out" 2>&1
check "no P: argv[0] is replaced by the path" "$work/out" "argv[0]=$prog" "argv[1]=x"
"$prog" --exit 7 >/dev/null 2>&1
st=$?
[ "$st" = 7 ] && ok "exit status 7 passes through" || bad "exit status: got $st, want 7"
sh -c '"$0" --abort; echo "status=$?"' "$prog" >"$work/out" 2>&1
grep -q "^status=134$" "$work/out" && ok "SIGABRT passes through (status 134)" \
    || bad "SIGABRT: $(cat "$work/out")"

# Refusals: another prefix for the same binaries, and the same name with other flags.
if "$bf" register --name-prefix xemu-test2- --interpreter "$xemu" arm >"$work/out" 2>&1; then
    bad "a second handler for ARM binaries was registered without --force"
else
    grep -q "entry ${P}arm .*already handles ARM" "$work/out" && [ ! -e "$D/xemu-test2-arm" ] \
        && ok "refused to shadow ${P}arm: $(cat "$work/out")" || bad "refusal message: $(cat "$work/out")"
fi
if "$bf" register --name-prefix "$P" --interpreter "$xemu" -P arm >"$work/out" 2>&1; then
    bad "re-registered ${P}arm with other flags without --force"
else
    grep -q "already exists" "$work/out" && ok "refused to replace ${P}arm without --force" \
        || bad "replace message: $(cat "$work/out")"
fi
"$bf" register --name-prefix "$P" --interpreter "$xemu" arm >"$work/out" 2>&1 \
    && grep -q "already registered" "$work/out" && ok "identical registration is a no-op" \
    || bad "identical registration: $(cat "$work/out")"

# --- P: argv[0] preserved; a #! script naming a foreign interpreter; guest options kept.
reg -P
grep -q "flags: P$" "$D/${P}arm" || bad "kernel does not report flag P"
bash -c 'exec -a myname "$0" x -L y' "$prog" >"$work/out" 2>&1
check "P: argv[0] preserved" "$work/out" "argc=4" "argv[0]=myname" "argv[1]=x" "argv[2]=-L" \
    "argv[3]=y" "exe=$prog"
printf '#!%s --from-shebang\n' "$prog" >"$work/script"
chmod 755 "$work/script"
"$work/script" arg >"$work/out" 2>&1
check "#! line naming an ARM interpreter" "$work/out" "argc=4" "argv[0]=$prog" \
    "argv[1]=--from-shebang" "argv[2]=$work/script" "argv[3]=arg"

# --- O: the kernel opens the program; an execute-only file runs for an unprivileged user.
if command -v setpriv >/dev/null; then
    run_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    chmod 711 "$prog"
    run_nobody "$prog" >"$work/out" 2>&1
    st=$?
    [ "$st" != 0 ] && ok "P only: execute-only program cannot be read by xemu (status $st)" \
        || bad "P only: execute-only program ran although xemu cannot open it"
    reg -P -O
    grep -q "flags: PO$" "$D/${P}arm" || bad "kernel does not report flags PO"
    run_nobody "$prog" >"$work/out" 2>&1
    check "O: execute-only program runs from AT_EXECFD" "$work/out" "argv[0]=$prog" \
        "exe=$prog" "uid=65534 euid=65534"
    chmod 755 "$prog"

    # --- C: credentials from the binary (setuid root).
    cp "$prog" "$work/suid"
    chown 0:0 "$work/suid"
    chmod 4755 "$work/suid"
    mkdir -m 1777 "$work/w"
    XEMU_STRACE=1 XEMU_LOG_FILENAME="$work/w/plain.log" run_nobody "$work/suid" >"$work/out" 2>&1
    check "O without C: setuid bit ignored" "$work/out" "uid=65534 euid=65534"
    [ -s "$work/w/plain.log" ] && ok "O without C: XEMU_* environment honoured" \
        || bad "O without C: XEMU_LOG_FILENAME not written"
    reg -P -C
    grep -q "flags: POC$" "$D/${P}arm" || bad "kernel does not report flags POC"
    XEMU_STRACE=1 XEMU_LOG_FILENAME="$work/w/secure.log" run_nobody "$work/suid" >"$work/out" 2>&1
    if grep -qx "uid=65534 euid=0" "$work/out"; then
        ok "C: setuid program runs with the binary's credentials"
        [ ! -e "$work/w/secure.log" ] && ok "C: XEMU_* environment ignored when setuid (AT_SECURE)" \
            || bad "C: a setuid-root xemu honoured XEMU_LOG_FILENAME"
    elif grep -qw nosuid /proc/self/mountinfo && findmnt -no OPTIONS --target "$work" 2>/dev/null | grep -qw nosuid; then
        echo "note: $work is on a nosuid mount: C flag not checked"
    else
        bad "C: $(cat "$work/out")"
    fi
else
    echo "note: setpriv not found: O and C flags not checked"
fi

# --- F: the emulator is opened at registration; removing the file afterwards is fine.
cp "$xemu" "$work/xemu-arm-copy"
"$bf" register --name-prefix "$P" --force --interpreter "$work/xemu-arm-copy" -F arm \
    >"$work/reg.log" 2>&1 || bad "register -F: $(cat "$work/reg.log")"
rm -f "$work/xemu-arm-copy"
"$prog" f >"$work/out" 2>&1
check "F: runs after the registered emulator file was deleted" "$work/out" "argv[1]=f"

# --- chroot with F: only a static emulator can start inside a root without its libraries.
if ldd "$xemu" >/dev/null 2>&1; then
    echo "note: $xemu is dynamically linked: chroot check skipped (configure with -DXEMU_STATIC=ON)"
else
    mkdir -p "$work/root/bin" "$work/root/proc"
    cp "$prog_src" "$work/root/bin/prog"
    reg -F -P
    chroot "$work/root" /bin/prog in-chroot >"$work/out" 2>&1
    check "F: static xemu runs a program in a chroot without xemu in it" "$work/out" \
        "argv[0]=/bin/prog" "argv[1]=in-chroot"
    # A guest execve inside the chroot: xemu's own path is not there, /proc/self/exe is.
    if mount -t proc proc "$work/root/proc" 2>/dev/null; then
        chroot "$work/root" /bin/prog --exec /bin/prog second >"$work/out" 2>&1
        umount "$work/root/proc"
        check "F: guest execve inside the chroot" "$work/out" "argv[0]=/bin/prog" \
            "argv[1]=second" "exe=/bin/prog"
    else
        echo "note: cannot mount /proc in the chroot: guest execve there not checked"
    fi
fi

# --- unregister: nothing with the test prefix left, nothing else touched.
"$bf" unregister --name-prefix "$P" >"$work/out" 2>&1 || bad "unregister: $(cat "$work/out")"
left=$(ls "$D" | grep "^xemu-test")
[ -z "$left" ] && ok "nothing named xemu-test* left registered" || bad "left registered: $left"
after=$(ls "$D" | sort)
[ "$before" = "$after" ] && ok "other entries unchanged" || bad "entries changed: '$before' -> '$after'"
"$prog" >/dev/null 2>&1 && [ -z "$(ls "$D" | grep -v -e '^register$' -e '^status$')" ] \
    && bad "ARM program still runs directly after unregister"

[ "$fails" = 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all binfmt checks passed"
