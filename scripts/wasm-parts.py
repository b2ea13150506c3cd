#!/usr/bin/env python3
"""What each part of a wasm weighs: its functions' code grouped by where they come from (our
modules, e.g. ui::inspector or model::routing, and each crate: yew, serde_json, hashbrown, the
standard library), raw and gzip, and the data section (text, tables).

It reads the wasm cargo writes, before wasm-bindgen and wasm-opt: that one still names its
functions (the `name` section). wasm-opt -Oz then makes the code ~10-15% smaller, and gzip
compresses the whole file at once, so a part's gzip here (its functions compressed together)
is an estimate of its share, not bytes to subtract. Generic code is counted where it was
instantiated from when its name says (`<vpc_planner::ui::app::App as yew::...>::run` is
ui::app), else under its crate (`yew::...::use_effect<...>` is yew).

wasm-bindgen's describe functions are left out: wasm-bindgen reads and removes them.

usage: scripts/wasm-parts.py WASM [OUT]   (prints the table; writes it to OUT too if given)
"""
import re
import sys
import zlib
from collections import defaultdict


def leb(data, i):
    """An unsigned LEB128 number at i, and the position after it."""
    value = shift = 0
    while True:
        byte = data[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit(f"{sys.argv[1]} is not a wasm module")
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, i, size
        i += size


def imported_functions(data, start):
    """How many imports are functions: the code section numbers functions after them."""
    count, j = leb(data, start)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, j = leb(data, j)
            j += n
        kind = data[j]
        j += 1
        if kind == 0:  # function: a type index
            _, j = leb(data, j)
            functions += 1
        elif kind == 1:  # table: element type, limits
            j += 1
            flags = data[j]
            _, j = leb(data, j + 1)
            if flags & 1:
                _, j = leb(data, j)
        elif kind == 2:  # memory: limits
            flags = data[j]
            _, j = leb(data, j + 1)
            if flags & 1:
                _, j = leb(data, j)
        elif kind == 3:  # global: value type, mutability
            j += 2
        else:
            sys.exit(f"unknown import kind {kind}")
    return functions


def function_names(data, start, size):
    names = {}
    n, j = leb(data, start)
    if data[j : j + n] != b"name":
        return names
    j += n
    end = start + size
    while j < end:
        sub = data[j]
        sub_size, j = leb(data, j + 1)
        if sub == 1:
            count, k = leb(data, j)
            for _ in range(count):
                index, k = leb(data, k)
                length, k = leb(data, k)
                names[index] = data[k : k + length].decode("utf8", "replace")
                k += length
        j += sub_size
    return names


LEGACY = {"$LT$": "<", "$GT$": ">", "$u20$": " ", "$RF$": "&", "$C$": ",", "$BP$": "*",
          "$u7b$": "{", "$u7d$": "}", "$u5b$": "[", "$u5d$": "]", "$u27$": "'", "$SP$": "@"}


def demangle(name):
    """Enough of Rust's legacy mangling to read paths (`_ZN3yew4html...E`); v0 names (`_R...`)
    keep their identifiers, which is all the grouping needs."""
    m = re.match(r"_ZN(.*)E(\.\d+)?$", name)
    if not m:
        return name
    body, parts, i = m.group(1), [], 0
    while i < len(body) and body[i].isdigit():
        j = i
        while body[j].isdigit():
            j += 1
        n = int(body[i:j])
        parts.append(body[j : j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    # An identifier that starts with `$` is mangled with a `_` before it.
    text = "::".join(p[1:] if p.startswith("_$") else p for p in parts)
    for code, char in LEGACY.items():
        text = text.replace(code, char)
    return text.replace("..", "::")


STD = {"core", "alloc", "std", "dlmalloc", "compiler_builtins", "hashbrown", "memchr"}


def part_of(name):
    if name.startswith("__wbindgen_describe"):
        return None  # read by wasm-bindgen, then removed: not in the shipped wasm
    if name.startswith(("__wbindgen", "__wbg", "__externref")):
        return "wasm_bindgen"
    text = demangle(name)
    # Our code, by module: the first of our paths in the name (a trait impl names its type first).
    ours = re.search(r"vpc_planner(?:_web)?::((?:[a-z_][a-z0-9_]*::)*)", text)
    first = re.match(r"[<&\s]*([A-Za-z_][A-Za-z0-9_]*)", text)
    crate = first.group(1) if first else ""
    if ours and (crate.startswith("vpc_planner") or text.lstrip("<&").startswith("vpc_planner")):
        modules = [m for m in ours.group(1).split("::") if m]
        if modules and modules[0] in ("model", "ui"):
            return "::".join(modules[:2])
        return modules[0] if modules else "vpc_planner"
    if not first:
        return "(unnamed)"
    if name.startswith("_R"):
        # v0: crate names follow a `C` + length, e.g. `NtCs..._9hashbrown` or `Cs..._3std`.
        crates = re.findall(r"Cs[0-9A-Za-z]*_(\d+)([A-Za-z_][A-Za-z0-9_]*)", name)
        crate = crates[0][1][: int(crates[0][0])] if crates else "(v0)"
    if crate in ("vpc_planner",):
        return "vpc_planner"
    if crate in ("mut", "dyn") or re.fullmatch(r"[A-Z][A-Za-z]?", crate):
        return "blanket impls (<T as ...>)"
    if crate in STD:
        return "std: " + ("hashbrown" if crate == "hashbrown" else "core/alloc/std")
    return crate or "(unnamed)"


def main():
    path = sys.argv[1]
    data = open(path, "rb").read()
    imports, bodies, names, data_bytes = 0, [], {}, b""
    for sid, start, size in sections(data):
        if sid == 2:
            imports = imported_functions(data, start)
        elif sid == 10:
            count, j = leb(data, start)
            for _ in range(count):
                length, k = leb(data, j)
                bodies.append(data[k : k + length])
                j = k + length
        elif sid == 11:
            data_bytes = data[start : start + size]
        elif sid == 0:
            names.update(function_names(data, start, size))
    if not names:
        print(f"{path} has no function names (built with strip?): nothing to group")
        return
    groups = defaultdict(list)
    kept = []
    for i, body in enumerate(bodies):
        part = part_of(names.get(imports + i, "(unnamed)"))
        if part is not None:
            groups[part].append(body)
            kept.append(body)
    bodies = kept
    code_raw = sum(len(b) for b in bodies)
    code_gz = len(zlib.compress(b"".join(bodies), 9))
    rows = sorted(
        ((sum(len(b) for b in bs), len(zlib.compress(b"".join(bs), 9)), len(bs), part)
         for part, bs in groups.items()),
        reverse=True,
    )
    assert sum(r[0] for r in rows) == code_raw, "every function belongs to one part"
    lines = [
        f"What each part of {path} weighs (before wasm-opt; gzip -9 of each part alone)",
        f"{'part':<34} {'functions':>9} {'code bytes':>11} {'gzip':>9} {'share':>6}",
        "-" * 73,
    ]
    small = [r for r in rows if r[0] < code_raw * 0.002]
    for raw, gz, n, part in rows:
        if small and (raw, gz, n, part) in small:
            continue
        lines.append(f"{part:<34} {n:>9,} {raw:>11,} {gz:>9,} {100 * raw / code_raw:>5.1f}%")
    if small:
        raw, n = sum(r[0] for r in small), sum(r[2] for r in small)
        label = f"{len(small)} smaller parts"
        lines.append(f"{label:<34} {n:>9,} {raw:>11,} {'':>9} {100 * raw / code_raw:>5.1f}%")
    lines += [
        "-" * 73,
        f"{'code, all parts':<34} {len(bodies):>9,} {code_raw:>11,} {code_gz:>9,}",
        f"{'data (text, tables)':<34} {'':>9} {len(data_bytes):>11,} "
        f"{len(zlib.compress(data_bytes, 9)):>9,}",
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if len(sys.argv) > 2:
        open(sys.argv[2], "w").write(text)


if __name__ == "__main__":
    main()
