#!/usr/bin/env python3
"""xemu benchmark harness (see bench/README.md).

Builds the benchmark programs of bench/src for every guest variant and natively, then
for each workload times native, xemu-<arch> and qemu-<arch> in the same run (best of N),
checks that their checksums agree and prints a table of times and ratios with geometric
means.  Real programs (busybox-static from Debian armhf, optionally dynamically linked
xz / python3 / 7zz with a sysroot) are fetched with `apt-get download` into a cache.

Only the Python standard library is used.
"""

import argparse
import glob
import hashlib
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SRC = os.path.join(HERE, "src")
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                     "xemu-bench")

# --------------------------------------------------------------------------------------
# Workloads: name -> (group, quick size, full size).  The size is a repetition count (run
# time is about linear in it).  Full sizes run ~0.5-2 s natively; quick sizes run about
# 0.7-0.9 s under the xemu IR interpreter (A32, before the JIT) - raise them as xemu gets
# faster (or use --scale).
WORKLOADS = {
    "hash":    ("int", 160, 10000),
    "crc32":   ("int", 50, 4000),
    "sort":    ("int", 4, 300),
    "hashtab": ("int", 20, 600),
    "vm":      ("int", 8, 1000),
    "strops":  ("int", 16, 6000),
    "nbody":   ("fp", 24000, 7000000),
    "matmul":  ("fp", 2, 4500),
    "floatk":  ("fp", 12, 6000),
    "memops":  ("mem", 14, 5000),
    "strfn":   ("mem", 40, 30000),
    "simd":    ("simd", 200, 5000),
}
GROUP_ORDER = ["int", "fp", "mem", "simd", "real", "real-dyn"]

# Extra compiler flags of one workload, per variant ("native" too), after the common ones.
# simd is meant to be vectorised: -O3, and NEON for ARM (GCC vectorises float only with
# -funsafe-math-optimizations, since NEON flushes denormals; the program's data is exact).
SIMD_ARM = ["-O3", "-mfpu=neon", "-funsafe-math-optimizations"]
WORKLOAD_FLAGS = {
    "simd": {"native": ["-O3"], "arm": SIMD_ARM, "thumb": SIMD_ARM,
             "mips": ["-O3"], "mipsel": ["-O3"]},
}

# Guest variants: name -> (compiler, flags, xemu/qemu arch suffix)
COMMON_FLAGS = ["-O2", "-ffp-contract=off", "-Wall", "-Wextra"]
VARIANTS = {
    "arm":    ("arm-linux-gnueabihf-gcc", ["-static", "-marm"], "arm"),
    "thumb":  ("arm-linux-gnueabihf-gcc", ["-static", "-mthumb"], "arm"),
    "mips":   ("mips-linux-gnu-gcc", ["-static"], "mips"),
    "mipsel": ("mipsel-linux-gnu-gcc", ["-static"], "mipsel"),
}
NATIVE = ("gcc", [])

# Debian architecture for each xemu arch (for the real programs).  Debian 12 has no
# 32-bit big-endian MIPS port, so no real programs for xemu-mips.
DEB_ARCH = {"arm": "armhf", "mipsel": "mipsel"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_quiet(argv, **kw):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


# --------------------------------------------------------------------------------------
# Building the programs

def build_programs(bdir, variants, names):
    """Returns {(name, variant or 'native'): path}; skips variants without a compiler."""
    os.makedirs(bdir, exist_ok=True)
    header = os.path.join(SRC, "bench.h")
    out = {}
    targets = [("native", NATIVE[0], NATIVE[1])]
    for v in variants:
        cc, flags, _ = VARIANTS[v]
        targets.append((v, cc, flags))
    for tag, cc, flags in targets:
        if not shutil.which(cc):
            log(f"note: {cc} not found: variant {tag} not built")
            continue
        for name in names:
            src = os.path.join(SRC, name + ".c")
            exe = os.path.join(bdir, f"{name}-{tag}")
            extra = WORKLOAD_FLAGS.get(name, {}).get(tag, [])
            argv = [cc] + COMMON_FLAGS + flags + extra + ["-o", exe, src, "-lm"]
            stamp = exe + ".cmd"
            sig = shlex.join(argv)
            fresh = (os.path.exists(exe) and os.path.exists(stamp)
                     and open(stamp).read() == sig
                     and os.path.getmtime(exe) >= max(os.path.getmtime(src),
                                                      os.path.getmtime(header)))
            if not fresh:
                r = run_quiet(argv)
                if r.returncode != 0:
                    log(f"error: building {name} for {tag} failed:\n{r.stderr}")
                    sys.exit(2)
                with open(stamp, "w") as f:
                    f.write(sig)
            out[(name, tag)] = exe
    return out


# --------------------------------------------------------------------------------------
# Timing

class Result:
    def __init__(self, secs=None, out="", status="ok", detail=""):
        self.secs = secs        # best wall time in seconds, None if not run / failed
        self.out = out          # stdout of a run
        self.status = status    # ok | failed | timeout | missing
        self.detail = detail    # why it failed


def time_plain(argv, reps, timeout, env, cwd):
    best, out = None, ""
    for _ in range(reps):
        t0 = time.perf_counter()
        try:
            r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout, env=env, cwd=cwd)
        except subprocess.TimeoutExpired:
            return Result(status="timeout", detail=f"> {timeout:g} s")
        dt = time.perf_counter() - t0
        if r.returncode != 0:
            err = r.stderr.decode(errors="replace").strip().splitlines()
            return Result(status="failed",
                          detail=f"exit {r.returncode}" + (f": {err[-1][:160]}" if err else ""))
        o = r.stdout.decode(errors="replace") if not isinstance(r.stdout, str) else r.stdout
        if out and o != out:
            return Result(status="failed", detail="output differs between repetitions")
        out = o
        out_bytes = r.stdout
        best = dt if best is None else min(best, dt)
    res = Result(best, out)
    res.raw = out_bytes
    return res


def time_hyperfine(argv, reps, timeout, env, cwd):
    with tempfile.TemporaryDirectory(prefix="xemu-bench-") as td:
        outf, jsonf = os.path.join(td, "out"), os.path.join(td, "r.json")
        hf = ["hyperfine", "-N", "-i", "--style", "none", "--runs", str(reps),
              "--output", outf, "--export-json", jsonf, "--", shlex.join(argv)]
        try:
            r = run_quiet(hf, timeout=timeout * reps + 10, env=env, cwd=cwd)
        except subprocess.TimeoutExpired:
            return Result(status="timeout", detail=f"> {timeout:g} s")
        if r.returncode != 0 or not os.path.exists(jsonf):
            return Result(status="failed", detail="hyperfine: " + r.stderr.strip()[-200:])
        res = json.load(open(jsonf))["results"][0]
        codes = [c for c in res.get("exit_codes", []) if c != 0]
        if codes:
            # hyperfine drops stderr: when that is cheap, run once more for the message
            detail = f"exit {codes[0]}"
            if res["min"] < 5:
                detail = time_plain(argv, 1, timeout, env, cwd).detail or detail
            return Result(status="failed", detail=detail)
        raw = open(outf, "rb").read()
        out = Result(res["min"], raw.decode(errors="replace"))
        out.raw = raw
        return out


def time_cmd(argv, args, env=None, cwd=None):
    if not os.path.exists(argv[0]) and not shutil.which(argv[0]):
        return Result(status="missing", detail=f"{argv[0]} not found")
    e = dict(os.environ)
    if env:
        e.update(env)
    timer = time_hyperfine if args.timer == "hyperfine" else time_plain
    return timer(argv, args.reps, args.timeout, e, cwd)


def checksum_of(res, kind):
    if res.status != "ok":
        return None
    if kind == "line":
        lines = [l.strip() for l in res.out.splitlines() if l.startswith("checksum ")]
        return lines[-1] if lines else "(no checksum line)"
    if kind == "none":
        return "-"
    return "sha256:" + hashlib.sha256(getattr(res, "raw", res.out.encode())).hexdigest()[:16]


# --------------------------------------------------------------------------------------
# Real programs from Debian packages

def deb_cached(pkg, arch, debdir):
    base = pkg.split(":")[0]
    hits = sorted(glob.glob(os.path.join(debdir, f"{base}_*_{arch}.deb")) +
                  glob.glob(os.path.join(debdir, f"{base}_*_all.deb")))
    return hits[-1] if hits else None


def sudo_prefix():
    return [] if os.geteuid() == 0 else ["sudo"]


def fetch_debs(pkgs, arch, debdir):
    """apt-get download each package for arch into debdir (cached).  Returns paths or
    raises RuntimeError."""
    os.makedirs(debdir, exist_ok=True)
    missing = [p for p in pkgs if not deb_cached(p, arch, debdir)]
    if missing:
        native = run_quiet(["dpkg", "--print-architecture"]).stdout.strip()
        if arch != native:
            foreign = run_quiet(["dpkg", "--print-foreign-architectures"]).stdout.split()
            if arch not in foreign:
                log(f"adding dpkg architecture {arch} (once)")
                subprocess.run(sudo_prefix() + ["dpkg", "--add-architecture", arch], check=True)
                subprocess.run(sudo_prefix() + ["apt-get", "update", "-qq"], check=False)
        qual = [f"{p}:{arch}" for p in missing]
        log(f"apt-get download {' '.join(qual)}")
        r = run_quiet(["apt-get", "download", "-q"] + qual, cwd=debdir)
        if r.returncode != 0:
            log("apt-get download failed; running apt-get update once and retrying")
            subprocess.run(sudo_prefix() + ["apt-get", "update", "-qq"], check=False)
            r = run_quiet(["apt-get", "download", "-q"] + qual, cwd=debdir)
            if r.returncode != 0:
                raise RuntimeError(f"apt-get download failed: {r.stderr.strip()[-300:]}")
    paths = []
    for p in pkgs:
        d = deb_cached(p, arch, debdir)
        if not d:
            raise RuntimeError(f"{p}:{arch} not in {debdir} after download")
        paths.append(d)
    return paths


def extract(debs, root):
    stamp = os.path.join(root, ".xemu-bench-debs")
    want = "\n".join(sorted(os.path.basename(d) for d in debs))
    if os.path.exists(stamp) and open(stamp).read() == want:
        return root
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    for d in debs:
        subprocess.run(["dpkg", "-x", d, root], check=True)
    with open(stamp, "w") as f:
        f.write(want)
    return root


def gen_data(path, size):
    """Deterministic, moderately compressible data: log-like text lines."""
    if os.path.exists(path) and os.path.getsize(path) == size:
        return path
    words = [b"alpha", b"bravo", b"charlie", b"delta", b"echo", b"foxtrot", b"golf",
             b"hotel", b"india", b"juliett", b"kilo", b"lima", b"mike", b"november",
             b"oscar", b"papa", b"quebec", b"romeo", b"sierra", b"tango", b"ERROR",
             b"WARN", b"INFO", b"DEBUG", b"/usr/lib/arm-linux-gnueabihf", b"0x"]
    x = 2463534242
    buf = bytearray()
    while len(buf) < size:
        x ^= (x << 13) & 0xffffffff; x ^= x >> 17; x ^= (x << 5) & 0xffffffff
        n = 3 + (x & 7)
        line = []
        for k in range(n):
            x ^= (x << 13) & 0xffffffff; x ^= x >> 17; x ^= (x << 5) & 0xffffffff
            if x & 3 == 0:
                line.append(b"%d" % (x >> 12))
            elif x & 3 == 1:
                line.append(b"%08x" % x)
            else:
                line.append(words[(x >> 4) % len(words)])
        buf += b" ".join(line) + b"\n"
    with open(path + ".tmp", "wb") as f:
        f.write(bytes(buf[:size]))
    os.replace(path + ".tmp", path)
    return path


# Real programs.  "size" picks the input; argv uses {bin} (the program inside the root),
# {data}, {n}.  checksum: sha256 of stdout, or "none" when the output is not
# deterministic (7zz b prints speed ratings).
STATIC_REAL = {
    # name: (busybox applet argv, quick data bytes, full data bytes)
    "bb-gzip":   (["gzip", "-9", "-c", "{data}"], 128 << 10, 8 << 20),
    "bb-bzip2":  (["bzip2", "-c", "{data}"], 128 << 10, 8 << 20),
    "bb-sha256": (["sha256sum", "{data}"], 512 << 10, 32 << 20),
}

DYN_PKGS = ["libc6", "libgcc-s1", "libstdc++6", "liblzma5", "xz-utils", "zlib1g",
            "libexpat1", "python3.11-minimal", "libpython3.11-minimal", "7zip"]
PY_LOOP = ("import sys\n"
           "n=int(sys.argv[1]); s=0; d={}\n"
           "for i in range(n):\n"
           "    s=(s*31+i*i)%1000003\n"
           "    if i%4==0: d[str(i)]=s\n"
           "print(s, len(d), sum(d.values())%99991)\n")
DYN_REAL = {
    # name: (argv, checksum kind, quick n/data, full n/data)
    "xz-6":     (["/usr/bin/xz", "-6", "-T1", "-c", "{data}"], "sha", 32 << 10, 8 << 20),
    "python3":  (["/usr/bin/python3.11", "-S", "-c", PY_LOOP, "{n}"], "sha", 5000, 2000000),
    # `7zz b` is calibrated on wall time (about 12 s natively whatever the speed) and
    # reports a rating, so its wall time cannot be compared; LZMA2 compression to .xz on
    # stdout is deterministic instead.
    "7zz-xz":   (["/usr/bin/7zz", "a", "-txz", "-mx5", "-mmt1", "-so", "out.xz", "{data}"],
                 "sha", 32 << 10, 8 << 20),
}


def real_rows(args, arches, bdir):
    """Yields (name, group, variant, argv_native|None, {arch: (argv, env)}, kind)."""
    rows = []
    debdir = os.path.join(CACHE, "debs")
    datadir = os.path.join(CACHE, "data")
    os.makedirs(datadir, exist_ok=True)

    def want(name):
        return selected(args, name, "real" if name.startswith("bb-") else "real-dyn")

    # busybox-static: the amd64 build of the same Debian package is the native reference
    if any(want(n) for n in STATIC_REAL):
        roots = {}
        for arch in ["native"] + arches:
            darch = "amd64" if arch == "native" else DEB_ARCH.get(arch)
            if not darch:
                continue
            try:
                debs = fetch_debs(["busybox-static"], darch, debdir)
                roots[arch] = extract(debs, os.path.join(CACHE, f"root-busybox-{darch}"))
            except (RuntimeError, subprocess.CalledProcessError) as e:
                log(f"warning: busybox-static for {darch} unavailable: {e}")
        for name, (app, qsz, fsz) in STATIC_REAL.items():
            if not want(name):
                continue
            size = int((fsz if args.full else qsz) * args.scale)
            data = gen_data(os.path.join(datadir, f"text-{size}"), size)
            sub = [a.replace("{data}", data) for a in app]
            nat = None
            if "native" in roots:
                nat = [os.path.join(roots["native"], "bin/busybox")] + sub
            guests = {a: ([os.path.join(r, "bin/busybox")] + sub, None, None)
                      for a, r in roots.items() if a != "native"}
            rows.append((name, "real", guests, nat, None, "sha", False, f"{size >> 10} KiB"))

    # dynamically linked programs: a sysroot per Debian arch, run with -L
    if args.real_dynamic and any(want(n) for n in DYN_REAL):
        roots = {}
        for arch in ["native"] + arches:
            darch = "amd64" if arch == "native" else DEB_ARCH.get(arch)
            if not darch:
                continue
            try:
                debs = fetch_debs(DYN_PKGS, darch, debdir)
                roots[arch] = extract(debs, os.path.join(CACHE, f"sysroot-{darch}"))
            except (RuntimeError, subprocess.CalledProcessError) as e:
                log(f"warning: sysroot for {darch} unavailable: {e}")
        for name, (argv, kind, qn, fn) in DYN_REAL.items():
            if not want(name):
                continue
            n = fn if args.full else qn
            n = int(n * args.scale)
            label = f"n={n}"
            data = None
            if "{data}" in " ".join(argv):
                data = gen_data(os.path.join(datadir, f"text-{n}"), n)
                label = f"{n >> 10} KiB"
            sub = [a.replace("{data}", data or "").replace("{n}", str(n)) for a in argv]
            guests = {}
            for a, root in roots.items():
                e = {"PYTHONHOME": os.path.join(root, "usr")} if name == "python3" else None
                prog = [os.path.join(root, sub[0].lstrip("/"))] + sub[1:]
                if a == "native":
                    ld = os.path.join(root, "lib64/ld-linux-x86-64.so.2")
                    libs = ":".join(os.path.join(root, p) for p in
                                    ["lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu"])
                    nat = ([ld, "--library-path", libs] + prog, e)
                else:
                    guests[a] = (prog, e, root)
            natv = nat[0] if "native" in roots else None
            nenv = nat[1] if "native" in roots else None
            rows.append((name, "real-dyn", guests, natv, nenv, kind, True, label))
    return rows


def selected(args, name, group):
    if not args.only:
        return True
    return any(o in (name, group) for o in args.only)


# --------------------------------------------------------------------------------------
# Table

def fmt_s(r):
    if r is None:
        return "-"
    if r.status == "ok":
        return f"{r.secs:.3f}"
    return r.status


def ratio(a, b):
    if a is None or b is None or a.status != "ok" or b.status != "ok" or not b.secs:
        return None
    return a.secs / b.secs


def geomean(xs):
    xs = [x for x in xs if x]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_r(x):
    return "-" if x is None else (f"{x:.1f}x" if x >= 10 else f"{x:.2f}x")


def print_table(rows):
    hdr = ["workload", "variant", "group", "size", "native s", "xemu s", "qemu s",
           "xemu/qemu", "xemu/native", "check"]
    lines = []
    # geometric means only over rows whose result was checked (or not checkable)
    all_rows, rows = rows, [r for r in rows if r["check"].startswith(("ok", "not checked"))]
    for r in all_rows:
        lines.append([r["name"], r["variant"], r["group"], str(r["size"]), fmt_s(r["native"]),
                      fmt_s(r["xemu"]), fmt_s(r["qemu"]), fmt_r(r["xq"]), fmt_r(r["xn"]),
                      r["check"]])
    lines.append(None)
    groups = [g for g in GROUP_ORDER if any(r["group"] == g for r in all_rows)]
    for g in groups:
        sel = [r for r in rows if r["group"] == g]
        lines.append([f"geomean {g}", "all", "", "", "", "", "",
                      fmt_r(geomean([r["xq"] for r in sel])),
                      fmt_r(geomean([r["xn"] for r in sel])), ""])
    for v in sorted({r["variant"] for r in rows}):
        sel = [r for r in rows if r["variant"] == v and r["group"] in ("int", "fp", "mem")]
        if sel:
            lines.append([f"geomean synthetic", v, "", "", "", "", "",
                          fmt_r(geomean([r["xq"] for r in sel])),
                          fmt_r(geomean([r["xn"] for r in sel])), ""])
    lines.append([f"geomean overall", "all", "", "", "", "", "",
                  fmt_r(geomean([r["xq"] for r in rows])),
                  fmt_r(geomean([r["xn"] for r in rows])), ""])
    width = [max(len(hdr[i]), *(len(l[i]) for l in lines if l)) for i in range(len(hdr))]
    right = {3, 4, 5, 6, 7, 8}

    def show(cells):
        return "  ".join(c.rjust(width[i]) if i in right else c.ljust(width[i])
                         for i, c in enumerate(cells)).rstrip()
    print(show(hdr))
    print("  ".join("-" * w for w in width))
    for l in lines:
        print("  ".join("-" * w for w in width) if l is None else show(l))


# --------------------------------------------------------------------------------------

def run_benchmarks(args):
    xbuild = os.path.abspath(args.xemu_build)
    bdir = os.path.abspath(args.bench_build)
    variants = [v for v in args.variants]
    names = [n for n, (g, _, _) in WORKLOADS.items() if selected(args, n, g)]

    progs = build_programs(bdir, variants, names) if names else {}
    engines = {}  # arch -> (xemu path or None, qemu path or None)
    for v in variants:
        arch = VARIANTS[v][2]
        x = os.path.join(xbuild, f"xemu-{arch}")
        engines[arch] = (x if os.access(x, os.X_OK) else None, shutil.which(f"qemu-{arch}"))
    runnable = [v for v in variants if engines[VARIANTS[v][2]][0]]
    for v in variants:
        if v not in runnable:
            log(f"note: {xbuild}/xemu-{VARIANTS[v][2]} not found: variant {v} built, not run")
    if not runnable:
        log("error: no xemu binary to run (pass --xemu-build DIR)")
        return 2
    arches = sorted({VARIANTS[v][2] for v in runnable})

    rows, bad = [], []
    xargs = shlex.split(args.xemu_args or "")

    def do_row(name, group, variant, size_label, native, guest_argv, arch, kind, env=None,
               root=None, may_fail=False):
        xemu, qemu = engines[arch]
        pre_x = [xemu] + xargs + (["-L", root] if root else [])
        pre_q = [qemu] + (["-L", root] if root else []) if qemu else None
        log(f"  {name:10s} {variant:7s} xemu ...")
        rx = time_cmd(pre_x + guest_argv, args, env)
        if pre_q and not args.no_qemu:
            log(f"  {name:10s} {variant:7s} qemu ...")
            rq = time_cmd(pre_q + guest_argv, args, env)
        else:
            rq = None
        cn, cx = checksum_of(native, kind) if native else None, checksum_of(rx, kind)
        cq = checksum_of(rq, kind) if rq else None
        ref = cn if cn is not None else cq
        check = "ok"
        if rx.status != "ok":
            check = f"xemu {rx.status}" + (f" ({rx.detail})" if rx.detail else "")
            if not may_fail:
                bad.append(f"{name}/{variant}: xemu {rx.status}: {rx.detail}")
        elif kind == "none":
            check = "not checked"
        elif ref is None:
            check = "no reference"
        elif cx != ref:
            check = "MISMATCH"
            msg = (f"MISMATCH {name}/{variant}: xemu {cx!r} vs "
                   f"{'native' if cn is not None else 'qemu'} {ref!r}")
            log("!" * 78 + "\n" + msg + "\n" + "!" * 78)
            bad.append(msg)
        if cq is not None and cn is not None and cq != cn and check == "ok":
            check = "ok (qemu differs)"
        if rq is not None and rq.status != "ok":
            check += f"; qemu {rq.status}"
        rows.append(dict(name=name, variant=variant, group=group, size=size_label,
                         native=native, xemu=rx, qemu=rq, xq=ratio(rx, rq),
                         xn=ratio(rx, native), check=check,
                         sums=dict(native=cn, xemu=cx, qemu=cq)))

    for name in names:
        group, qs, fs = WORKLOADS[name]
        size = max(1, int((fs if args.full else qs) * args.scale))
        log(f"{name} (size {size})")
        nat = progs.get((name, "native"))
        native = time_cmd([nat, str(size)], args) if nat else None
        if native and native.status != "ok":
            bad.append(f"{name}: native run {native.status}: {native.detail}")
        for v in runnable:
            exe = progs.get((name, v))
            if exe:
                do_row(name, group, v, size, native, [exe, str(size)], VARIANTS[v][2], "line")

    if not args.no_real:
        for (name, group, guests, nat_argv, nat_env, kind, may_fail, label) in \
                real_rows(args, arches, bdir):
            log(f"{name} ({label})")
            native = time_cmd(nat_argv, args, nat_env) if nat_argv else None
            for arch, (argv, env, root) in sorted(guests.items()):
                if arch in engines and engines[arch][0]:
                    do_row(name, group, arch, label, native, argv, arch, kind, env, root,
                           may_fail)

    print()
    print(f"xemu: {xbuild}  timer: {args.timer}  best of {args.reps}  "
          f"mode: {'full' if args.full else 'quick'}" +
          (f"  scale {args.scale:g}" if args.scale != 1 else ""))
    print_table(rows)
    if args.json:
        with open(args.json, "w") as f:
            json.dump([dict(r, native=r["native"] and r["native"].secs,
                            xemu=r["xemu"] and r["xemu"].secs,
                            qemu=r["qemu"] and r["qemu"].secs) for r in rows], f, indent=1)
    if bad:
        print()
        for b in bad:
            print("FAILED: " + b if not b.startswith("MISMATCH") else b)
        return 1
    return 0


def run_callgrind(args):
    name = args.callgrind
    if name not in WORKLOADS:
        log(f"error: --callgrind takes one of {', '.join(WORKLOADS)}")
        return 2
    if not shutil.which("valgrind"):
        log("error: valgrind not installed (apt-get install valgrind)")
        return 2
    v = args.variants[0]
    arch = VARIANTS[v][2]
    xemu = os.path.join(os.path.abspath(args.xemu_build), f"xemu-{arch}")
    if not os.access(xemu, os.X_OK):
        log(f"error: {xemu} not found")
        return 2
    progs = build_programs(os.path.abspath(args.bench_build), [v], [name])
    group, qs, fs = WORKLOADS[name]
    # callgrind is ~50x slower than the program: default to a fifth of the quick size
    size = args.size or max(1, int(qs * args.scale / 5))
    outdir = os.path.join(os.path.abspath(args.bench_build), "callgrind")
    os.makedirs(outdir, exist_ok=True)
    outf = os.path.join(outdir, f"callgrind.out.{name}-{v}-{size}")
    argv = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={outf}", xemu] + \
        shlex.split(args.xemu_args or "") + [progs[(name, v)], str(size)]
    log("running: " + shlex.join(argv))
    t0 = time.perf_counter()
    r = run_quiet(argv)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        log(f"error: exit {r.returncode}\n{r.stderr[-2000:]}")
        return 1
    total = None
    for line in open(outf):
        if line.startswith("summary:") or line.startswith("totals:"):
            total = int(line.split()[1])
    chk = [l for l in r.stdout.splitlines() if l.startswith("checksum ")]
    nat = build_programs(os.path.abspath(args.bench_build), [], [name])[(name, "native")]
    nchk = [l for l in run_quiet([nat, str(size)]).stdout.splitlines()
            if l.startswith("checksum ")]
    print(f"workload {name} variant {v} size {size}: xemu executed {total:,} host instructions "
          f"(Ir)  [{dt:.1f} s under callgrind]")
    print(f"checksum: {chk[-1] if chk else '?'}" +
          ("" if chk == nchk else f"   MISMATCH (native: {nchk[-1] if nchk else '?'})"))
    print(f"profile: {outf}")
    if shutil.which("callgrind_annotate"):
        a = run_quiet(["callgrind_annotate", "--inclusive=no", outf])
        body = a.stdout.splitlines()
        # print the function table head
        start = next((i for i, l in enumerate(body) if "file:function" in l), None)
        if start is not None:
            print("\ntop functions (self Ir):")
            for l in body[start + 2:start + 2 + args.top]:
                if l.strip():
                    print("  " + l.strip())
    return 0 if chk == nchk else 1


# --------------------------------------------------------------------------------------
# openssl speed (--openssl): throughput of Debian armhf's libcrypto, whose ARMv7 assembly
# takes NEON paths (sha256/sha512 block functions, ChaCha20, Poly1305) when AT_HWCAP says
# NEON.  Uses the sysroot of tests/integration/debian/fetch.sh (docs/debian-test.md).

OPENSSL_ALGS = ["sha256", "sha512", "aes-128-cbc", "chacha20-poly1305"]


def debian_sysroot(arch):
    cache = os.environ.get("XEMU_DEBIAN_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "xemu-debian")
    return os.path.join(cache, f"sysroot-{arch}")


def openssl_speed(cmd, alg, secs):
    """kB/s that `openssl speed` reports for alg at 16 KiB blocks, or None."""
    r = run_quiet(cmd + ["speed", "-seconds", str(secs), "-bytes", "16384", "-evp", alg],
                  timeout=60 + 4 * secs)
    if r.returncode != 0:
        return None
    last = [l for l in r.stdout.splitlines() if l.strip()][-1:]
    if not last or not last[0].rstrip().endswith("k"):
        return None
    return float(last[0].split()[-1][:-1])


def run_openssl(args):
    root = debian_sysroot("armhf")
    exe = os.path.join(root, "usr/bin/openssl")
    if not os.access(exe, os.X_OK):
        print(f"openssl: skipped: no {exe} (run tests/integration/debian/fetch.sh, "
              "see docs/debian-test.md)")
        return 0
    xemu = os.path.join(os.path.abspath(args.xemu_build), "xemu-arm")
    if not os.access(xemu, os.X_OK):
        log(f"error: {xemu} not found (pass --xemu-build DIR)")
        return 2
    qemu = None if args.no_qemu else shutil.which("qemu-arm")
    algs = [a for a in (args.only or OPENSSL_ALGS)]
    secs = max(1, int(args.openssl_seconds))
    print(f"openssl speed -seconds {secs} -bytes 16384 -evp ALG (kB/s, best of {args.reps}); "
          f"xemu: {xemu}")
    print(f"{'algorithm':20s} {'xemu kB/s':>12s} {'qemu kB/s':>12s} {'xemu/qemu':>10s}")
    status = 0
    for alg in algs:
        def best(engine):
            if not engine:
                return None
            vals = [openssl_speed([engine] + (shlex.split(args.xemu_args or "")
                                              if engine == xemu else []) +
                                  ["-L", root, exe], alg, secs) for _ in range(args.reps)]
            vals = [v for v in vals if v is not None]
            return max(vals) if vals else None
        x, q = best(xemu), best(qemu)
        if x is None:
            status = 1
        fx = f"{x:12.0f}" if x is not None else f"{'failed':>12s}"
        fq = f"{q:12.0f}" if q is not None else f"{'-':>12s}"
        fr = f"{x / q:10.2f}" if x and q else f"{'-':>10s}"
        print(f"{alg:20s} {fx} {fq} {fr}")
    return status


def main():
    ap = argparse.ArgumentParser(
        description="Time xemu against qemu-user and native on the bench/ workloads.")
    ap.add_argument("--full", action="store_true",
                    help="full sizes (~0.5-2 s natively per workload) instead of quick ones")
    ap.add_argument("--reps", type=int, default=3, help="best of N runs (default 3)")
    ap.add_argument("--xemu-build", default=os.path.join(REPO, "build"),
                    help="directory with xemu-arm/xemu-mips/xemu-mipsel (default build/)")
    ap.add_argument("--xemu-args", default="", help="extra xemu options, e.g. '--interp'")
    ap.add_argument("--bench-build", default=os.path.join(CACHE, "build"),
                    help=f"where the benchmark programs are built (default {CACHE}/build)")
    ap.add_argument("--only", default="",
                    help="comma list of workload names and/or groups "
                         "(int, fp, mem, real, real-dyn)")
    ap.add_argument("--variants", default="arm,thumb,mips,mipsel",
                    help="guest variants to build (run only where xemu-<arch> exists)")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    ap.add_argument("--timeout", type=float, default=600, help="per run, seconds")
    ap.add_argument("--timer", choices=["hyperfine", "plain"],
                    default="hyperfine" if shutil.which("hyperfine") else "plain")
    ap.add_argument("--no-qemu", action="store_true", help="do not run qemu-user")
    ap.add_argument("--no-real", action="store_true",
                    help="skip the real programs (busybox from Debian armhf)")
    ap.add_argument("--real-dynamic", action="store_true",
                    help="also run dynamically linked xz, python3, 7zz with a sysroot (-L)")
    ap.add_argument("--json", help="also write the results to this JSON file")
    ap.add_argument("--list", action="store_true", help="list workloads and exit")
    ap.add_argument("--callgrind", metavar="NAME",
                    help="run workload NAME under valgrind --tool=callgrind in xemu "
                         "(first of --variants) and report instruction counts")
    ap.add_argument("--size", type=int, help="with --callgrind: the workload size")
    ap.add_argument("--top", type=int, default=15, help="with --callgrind: functions shown")
    ap.add_argument("--openssl", action="store_true",
                    help="instead of the workloads: `openssl speed` of Debian armhf's libcrypto "
                         "under xemu-arm and qemu-arm (--only picks algorithms)")
    ap.add_argument("--openssl-seconds", type=int, default=1,
                    help="with --openssl: seconds per measurement (default 1)")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    args.only = [o for o in args.only.split(",") if o]
    args.variants = [v for v in args.variants.split(",") if v]
    for v in args.variants:
        if v not in VARIANTS:
            ap.error(f"unknown variant {v} (have {', '.join(VARIANTS)})")
    if args.openssl:
        return run_openssl(args)
    known = set(WORKLOADS) | set(STATIC_REAL) | set(DYN_REAL) | set(GROUP_ORDER)
    for o in args.only:
        if o not in known:
            ap.error(f"--only {o}: unknown (have {', '.join(sorted(known))})")
    if any(o in DYN_REAL or o == "real-dyn" for o in args.only):
        args.real_dynamic = True
    if args.reps < 1:
        ap.error("--reps must be >= 1")
    if args.list:
        for n, (g, q, f) in WORKLOADS.items():
            print(f"{n:10s} {g:8s} quick {q:<8d} full {f}")
        for n in STATIC_REAL:
            print(f"{n:10s} real     busybox-static (Debian armhf)")
        for n in DYN_REAL:
            print(f"{n:10s} real-dyn --real-dynamic (sysroot, -L)")
        return 0
    if args.callgrind:
        return run_callgrind(args)
    return run_benchmarks(args)


if __name__ == "__main__":
    sys.exit(main())
