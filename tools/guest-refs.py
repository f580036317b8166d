#!/usr/bin/env python3
"""Produce or check the expected-output files (.ref) of the guest test programs with the
reference emulators (qemu-arm, qemu-mips, qemu-mipsel).

    tools/guest-refs.py BUILD_DIR            check: show where qemu-arm output differs
    tools/guest-refs.py BUILD_DIR --write    write each guest-qemu test's reference file

It takes the guest-qemu/* tests that CMake registered in BUILD_DIR (ctest --show-only),
runs each one's command (tests/guest-bins/run-guest.sh with qemu-user) with --save-stdout,
and compares or writes the file named by its --ref argument.  All variants of a program
that share one reference (-marm and -mthumb, static-pie; big- and little-endian MIPS;
the MIPS FP ABIs) must print the same output; a disagreement is reported and nothing is
written for that file (give the program per-byte-order references, NAME.mips.ref and
NAME.mipsel.ref, when its output depends on the byte order).

Where qemu-user is known to be wrong, the test's reference is NAME.qemu.ref (or
NAME.ARCH.qemu.ref; qemu's output, written here) and NAME.ref (what real Linux prints)
is maintained by hand as a reviewed edit of it: see tests/guest-bins/README.md.  Review
every change with a diff before committing: a reference must describe correct
behaviour, not just qemu's.
"""
import json
import os
import subprocess
import sys
import tempfile


def preferred_ref(ref, arch):
    """The reference CMake would pick now for a guest-qemu test of ARCH that uses REF:
    the most specific of NAME.ARCH.qemu.ref, NAME.qemu.ref, NAME.ARCH.ref, NAME.ref that
    exists (tests/guest-bins/CMakeLists.txt)."""
    base = ref[:-len(".ref")]
    if base.endswith(".qemu"):
        base = base[:-len(".qemu")]
    if base.endswith("." + arch):
        base = base[:-len(arch) - 1]
    for cand in (f"{base}.{arch}.qemu.ref", f"{base}.qemu.ref", f"{base}.{arch}.ref",
                 f"{base}.ref"):
        if os.path.exists(cand):
            return cand
    return ref


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    build = sys.argv[1]
    write = "--write" in sys.argv[2:]
    info = json.loads(subprocess.run(
        ["ctest", "--show-only=json-v1", "-R", "^guest-qemu/"], cwd=build,
        check=True, capture_output=True, text=True).stdout)
    outputs = {}  # ref path -> list of (test name, stdout, runner status, runner output, arch)
    not_run = []  # (test name, runner message): program not built, emulator missing
    with tempfile.TemporaryDirectory() as tmp:
        for t in info["tests"]:
            cmd = list(t["command"])
            if not any(c.endswith("run-guest.sh") for c in cmd):
                continue
            i = next(k for k, c in enumerate(cmd) if c.endswith("run-guest.sh"))
            ref = cmd[cmd.index("--ref") + 1]
            save = os.path.join(tmp, "out")
            cmd[i + 1:i + 1] = ["--save-stdout", save]
            env = dict(os.environ)
            for p in t.get("properties", []):
                if p["name"] == "ENVIRONMENT":
                    for kv in p["value"]:
                        k, _, v = kv.partition("=")
                        env[k] = v
            if os.path.exists(save):
                os.remove(save)
            r = subprocess.run(cmd, cwd=build, env=env, capture_output=True, text=True)
            if not os.path.exists(save):
                not_run.append((t["name"], (r.stdout + r.stderr).strip()))
                continue
            with open(save, "rb") as f:
                out = f.read()
            arch = t["name"].split("/")[1]
            outputs.setdefault(ref, []).append((t["name"], out, r.returncode, r.stdout, arch))
    bad = len(not_run)
    for name, msg in not_run:
        print(f"NOT RUN  {name}: {msg}")
    for ref, runs in sorted(outputs.items()):
        first = runs[0][1]
        if any(o != first for _, o, _, _, _ in runs):
            bad += 1
            print(f"DISAGREE {ref}: variants print different output:")
            for name, o, _, _, _ in runs:
                print(f"  {name}: {len(o)} bytes")
            continue
        status_fail = [(n, s) for n, _, rc, s, _ in runs if rc != 0 and "exit status" in s]
        if status_fail:
            bad += 1
            print(f"STATUS {ref}: the exit status differs from the registered one:")
            for n, s in status_fail:
                print(f"  {n}: {s.strip().splitlines()[-1]}")
        stale = [(n, preferred_ref(ref, a)) for n, _, _, _, a in runs
                 if preferred_ref(ref, a) != ref]
        if stale:
            bad += 1
            print(f"STALE    {os.path.relpath(ref)}: {stale[0][0]} should now use "
                  f"{os.path.relpath(stale[0][1])}: re-run cmake in the build directory")
            continue
        old = open(ref, "rb").read() if os.path.exists(ref) else None
        if old == first:
            print(f"ok       {os.path.relpath(ref)}")
        elif write:
            with open(ref, "wb") as f:
                f.write(first)
            print(f"written  {os.path.relpath(ref)} ({len(first)} bytes, from {len(runs)} runs)")
        else:
            bad += 1
            print(f"DIFFERS  {os.path.relpath(ref)}: rerun with --write to update")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
