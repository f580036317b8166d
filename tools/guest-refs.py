#!/usr/bin/env python3
"""Produce or check the expected-output files (.ref) of the guest test programs with the
reference emulator (qemu-arm).

    tools/guest-refs.py BUILD_DIR            check: show where qemu-arm output differs
    tools/guest-refs.py BUILD_DIR --write    write each guest-qemu test's reference file

It takes the guest-qemu/* tests that CMake registered in BUILD_DIR (ctest --show-only),
runs each one's command (tests/guest-bins/run-guest.sh with qemu-arm) with --save-stdout,
and compares or writes the file named by its --ref argument.  All variants of a program
(-marm, -mthumb, static-pie) share one reference, so their outputs must agree; a
disagreement is reported and nothing is written for that file.

Where qemu-user is known to be wrong, the test's reference is NAME.qemu.ref (qemu's
output, written here) and NAME.ref (what real ARM Linux prints) is maintained by hand as
a reviewed edit of it: see tests/guest-bins/README.md.  Review every change with a diff
before committing: a reference must describe correct behaviour, not just qemu's.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    build = sys.argv[1]
    write = "--write" in sys.argv[2:]
    info = json.loads(subprocess.run(
        ["ctest", "--show-only=json-v1", "-R", "^guest-qemu/"], cwd=build,
        check=True, capture_output=True, text=True).stdout)
    outputs = {}  # ref path -> list of (test name, stdout bytes, runner status)
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
            r = subprocess.run(cmd, cwd=build, env=env, capture_output=True, text=True)
            with open(save, "rb") as f:
                out = f.read()
            outputs.setdefault(ref, []).append((t["name"], out, r.returncode, r.stdout))
    bad = 0
    for ref, runs in sorted(outputs.items()):
        first = runs[0][1]
        if any(o != first for _, o, _, _ in runs):
            bad += 1
            print(f"DISAGREE {ref}: variants print different output:")
            for name, o, _, _ in runs:
                print(f"  {name}: {len(o)} bytes")
            continue
        status_fail = [(n, s) for n, _, rc, s in runs if rc != 0 and "exit status" in s]
        if status_fail:
            bad += 1
            print(f"STATUS {ref}: the exit status differs from the registered one:")
            for n, s in status_fail:
                print(f"  {n}: {s.strip().splitlines()[-1]}")
        if not ref.endswith(".qemu.ref") and os.path.exists(ref[:-4] + ".qemu.ref"):
            bad += 1
            print(f"STALE    {os.path.relpath(ref)}: a .qemu.ref exists but the test still "
                  "uses the .ref: re-run cmake in the build directory")
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
