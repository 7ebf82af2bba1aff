#!/usr/bin/env python3
"""Builds the table of what sysdig 0.29.3 formats differently from the current event schema.

sysdig 0.29.3 (falcosecurity/libs e5c53d64) formats every parameter with its own event table:
its parameter names, types, print formats and flag tables, its categories and flags, and its
syscall table for generic events. The project's schema is today's libs table. This script reads
the 0.29.3 sources and writes, into the reader package's resources, only the rows where the two
differ:

  sysdig029_events.tsv   per event type that differs: 0.29.3 name, category, flags and parameters
  sysdig029_flags.tsv    per flag table whose 0.29.3 content differs: its 0.29.3 names and values
  sysdig029_syscalls.tsv the 0.29.3 syscall table (name and category by ppm_sc code) where it differs

Usage: tools/gen-sysdig029-table.py [LIBS029_DIR] [RESOURCE_DIR]
(LIBS029_DIR: an extracted falcosecurity/libs e5c53d64 tree, /tmp/libs029 by default)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
libs = sys.argv[1] if len(sys.argv) > 1 else "/tmp/libs029"
out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, "..", "src", "main", "resources", "org", "scapscope", "scap")
schema_dir = os.path.join(HERE, "..", "src", "main", "resources", "org", "scapscope", "scap")


def read(path):
    with open(os.path.join(libs, path), encoding="utf-8") as f:
        return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


# ---------------------------------------------------------------- constants of ppm_events_public.h
header = read("driver/ppm_events_public.h")
consts = {}


def evaluate(expr):
    expr = expr.strip()
    expr = re.sub(r"\b(\d+)U?L{0,2}\b", r"\1", expr)
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"\b0[xX][0-9a-fA-F]+", "0", expr))
    for n in names:
        if n not in consts:
            raise KeyError(n)
    return int(eval(expr, {}, dict(consts)))


defines = []
for m in re.finditer(r"^#define\s+(PPM_\w+|EC_\w+|EF_\w+)\s+([^\n]+)$", header, re.M):
    defines.append((m.group(1), re.sub(r"/\*.*?\*/|//.*", "", m.group(2)).strip()))
body = strip_comments(header)


def resolve_enums():
    for em in re.finditer(r"enum\s+\w+\s*\{(.*?)\}", body, re.S):
        value = -1
        for item in em.group(1).split(","):
            item = item.strip()
            if not item:
                continue
            try:
                if "=" in item:
                    name, expr = item.split("=", 1)
                    value = evaluate(expr)
                    consts[name.strip()] = value
                else:
                    value += 1
                    consts[item] = value
            except (KeyError, SyntaxError):
                break


for _ in range(5):
    resolve_enums()
    for name, expr in defines:
        try:
            consts[name] = evaluate(expr)
        except (KeyError, SyntaxError, NameError):
            pass

# ---------------------------------------------------------------- flag tables
flags_src = strip_comments(read("driver/flags_table.c"))
flag_tables = {}
for m in re.finditer(r"const struct ppm_name_value (\w+)\[\]\s*=\s*\{(.*?)\};", flags_src, re.S):
    entries = []
    for e in re.finditer(r'\{\s*"([^"]+)"\s*,\s*([^}]+)\}', m.group(2)):
        entries.append((e.group(1), evaluate(e.group(2))))
    flag_tables[m.group(1)] = entries

# ---------------------------------------------------------------- event table
ev_src = read("driver/event_table.c")
events = []
for m in re.finditer(r"/\*\s*(PPME_\w+)\s*\*/\s*\{\s*\"([^\"]*)\"\s*,([^,]+),([^,]+),\s*(\d+)\s*(.*?)\}\s*,?\s*\n",
                     ev_src):
    enum, name, cat, flg, nparams, rest = m.groups()
    params = []
    for p in re.finditer(r'\{\s*"([^"]+)"\s*,\s*(PT_\w+)\s*,\s*(PF_\w+)\s*(?:,\s*([^,}]+))?\s*(?:,\s*([^}]+))?\}', rest):
        pname, ptype, pfmt, info, _ = p.groups()
        info = (info or "").strip()
        extra = ""
        if info.startswith("DIRFD_PARAM"):
            extra = "dirfd=" + re.search(r"\((\d+)\)", info).group(1)
        elif ptype == "PT_DYN" and info:
            extra = "dyn=" + info
        elif info:
            extra = info
        params.append(":".join([pname, ptype, pfmt] + ([extra] if extra else [])))
    if len(params) < int(nparams):
        sys.exit(f"{enum}: nparams {nparams} but {len(params)} parsed")
    # the count rules: PPME_SYSCALL_SECCOMP_E lists two parameters but declares one
    params = params[:int(nparams)]
    events.append((enum, name, evaluate(cat), evaluate(flg), params))
if len(events) != consts["PPM_EVENT_MAX"]:
    sys.exit(f"parsed {len(events)} events, expected {consts['PPM_EVENT_MAX']}")

# ---------------------------------------------------------------- syscall table
sc_src = strip_comments(read("userspace/libscap/syscall_info_table.c"))
syscalls = []
for m in re.finditer(r'\{\s*(EC_\w+)\s*,\s*\(enum ppm_event_flags\)\(([^)]*)\)\s*,\s*"([^"]*)"\s*\}', sc_src):
    syscalls.append((evaluate(m.group(1)), m.group(3)))


# ---------------------------------------------------------------- current schema
def read_tsv(name):
    with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return rows[1:]


current = {int(r[0]): r for r in read_tsv("event_schema.tsv")}
current_flags = {}
for table, fname, value in read_tsv("flags.tsv"):
    current_flags.setdefault(table, []).append((fname, int(value, 0)))
current_sc = {int(r[0]): r[1] for r in read_tsv("ppm_sc.tsv")}

# Bits of today's categories that 0.29.3 does not have (EC_SYSCALL, EC_TRACEPOINT, ...) are not
# differences; of the flags, only those some field or the text reads are compared (EF_OLD_VERSION,
# EF_DROP_SIMPLE_CONS and EF_CONVERTER_MANAGED change no output).
CAT_MASK = 0x1FF
FLAG_MASK = 0x1FF

header_line = "# generated by tools/gen-sysdig029-table.py from falcosecurity/libs e5c53d64 (sysdig 0.29.3); do not edit\n"
os.makedirs(out_dir, exist_ok=True)
changed_tables = set()
with open(os.path.join(out_dir, "sysdig029_flags.tsv"), "w", encoding="utf-8") as f:
    f.write(header_line)
    f.write("table\tname\tvalue\n")
    for table, entries in flag_tables.items():
        if current_flags.get(table) != entries:
            changed_tables.add(table)
            for fname, value in entries:
                f.write(f"{table}\t{fname}\t{value}\n")

n_events = 0
with open(os.path.join(out_dir, "sysdig029_events.tsv"), "w", encoding="utf-8") as f:
    f.write(header_line)
    f.write("id\tenum\tname\tcategory\tflags\tnparams\tparams\n")
    for i, (enum, name, cat, flg, params) in enumerate(events):
        cur = current.get(i)
        same = (cur is not None and cur[2] == name and (int(cur[5]) & CAT_MASK) == cat
                and (int(cur[7]) & FLAG_MASK) == (flg & FLAG_MASK)
                and [p for p in cur[10].split(";") if p] == params)
        if not same:
            n_events += 1
            f.write(f"{i}\t{enum}\t{name}\t{cat}\t{flg}\t{len(params)}\t{';'.join(params)}\n")
    f.write(f"# PPM_EVENT_MAX of sysdig 0.29.3\n")
    f.write(f"{len(events)}\tPPM_EVENT_MAX\t\t\t\t\t\n")

n_sc = 0
with open(os.path.join(out_dir, "sysdig029_syscalls.tsv"), "w", encoding="utf-8") as f:
    f.write(header_line)
    f.write("id\tname\tcategory\n")
    for i, (cat, name) in enumerate(syscalls):
        f.write(f"{i}\t{name}\t{cat}\n")
        n_sc += 1
print(f"{n_events} event types and {len(changed_tables)} flag tables differ; {n_sc} syscalls")
