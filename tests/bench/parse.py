#!/usr/bin/python3
"""Benchmark parsing one large feed: unifeed preview against sfeed and xmllint.

This is a benchmark, not a test: it prints figures and is not part of
`make check`. For each input it runs, in the same session and
interleaved run by run so that machine noise hits all three alike:

  unifeed   unifeed preview --json FILE >/dev/null   (read, decode, parse,
            sanitize, normalize, print JSON: the whole extraction)
  sfeed     sfeed <FILE >/dev/null                   (Debian package sfeed:
            a tiny streaming RSS/Atom to TSV converter, the speed floor
            of a C feed parser that does no sanitizing)
  xmllint   xmllint --stream --noout FILE            (libxml2's reader
            alone, the tokenizer unifeed itself sits on)

Inputs: every feed file (*.xml *.rss *.atom *.rdf) of at least
--min-kb (default 200) KiB under the shared corpus (gzip bodies are
gunzipped into the temporary directory first, as a fetch would), plus
one synthetic RSS 2.0 document of about --synthetic-mb (default 16) MB
made by repeating the <item> elements of the corpus's real RSS 2.0
feeds inside one <channel>, written to a temporary directory (never
into the repository). Corpus files are read at run time, never copied.

Every command runs --runs times (default 5). Wall time is taken around
the child. Peak RSS and user+sys CPU come from GNU time (/usr/bin/time,
Debian package `time`), because Linux keeps a process's peak RSS across
exec: a child forked from this Python process would report at least the
script's own RSS (see poll.py). Without GNU time the script falls back
to os.wait4 and says that RSS is an upper bound.

Run it on an optimized, non-sanitized build:

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/parse.py --unifeed ./unifeed

Options: --unifeed PATH (default $UNIFEED or ./unifeed), --runs R,
--min-kb K, --synthetic-mb M (0: none), --corpus DIR (default
$UNIFEED_SHARED/corpus or ../shared/corpus beside the source tree),
--timeout S (kill one run after S seconds), --keep (leave the temporary
directory and print where). See tests/bench/README.md for the columns.
"""
import argparse
import gzip
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

from benchutil import die, leave_workdir, loadavg, unifeed_path

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..",
                                                       "shared"))
TIME = "/usr/bin/time"          # GNU time, Debian package `time`
HAVE_TIME = os.access(TIME, os.X_OK)
FEED_EXT = (".xml", ".rss", ".atom", ".rdf")
MB = 1e6
# Namespaces the synthetic channel declares; items using others are dropped.
NAMESPACES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "media": "http://search.yahoo.com/mrss/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
}
ITEM = re.compile(rb"<item[\s>].*?</item>", re.S)



# --- inputs ------------------------------------------------------------------

def large_feeds(corpus, min_bytes, tmp):
    """(label, path) of the corpus's large feeds; gzip ones gunzipped."""
    out = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if d not in ("output", "derived"))
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.lower().endswith(FEED_EXT):
                continue
            label = os.path.relpath(path, corpus)
            with open(path, "rb") as f:
                gz = f.read(2) == b"\x1f\x8b"
            if gz:
                path = gunzip(path, tmp)
                label += " (gunzipped)"
            if os.path.getsize(path) >= min_bytes:
                out.append((label, path))
    return out


def gunzip(path, tmp):
    dest = os.path.join(tmp, os.path.basename(path) + ".gunzipped")
    with gzip.open(path, "rb") as src, open(dest, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return dest


def rss_items(corpus):
    """Well-formed UTF-8 <item> elements of the corpus's RSS 2.0 feeds."""
    decls = " ".join('xmlns:%s="%s"' % kv for kv in NAMESPACES.items())
    items = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if d not in ("output", "derived"))
        for name in sorted(files):
            if not name.lower().endswith((".rss", ".xml")):
                continue
            with open(os.path.join(root, name), "rb") as f:
                data = f.read()
            if b"<rss" not in data[:2048] or not utf8(data):
                continue
            for m in ITEM.finditer(data):
                try:
                    ET.fromstring(b"<r %s>%s</r>" % (decls.encode(),
                                                     m.group(0)))
                except ET.ParseError:
                    continue
                items.append(m.group(0))
    return items


def utf8(data):
    head = data[:200].lower()
    if b"encoding=" in head and not re.search(rb"encoding=.utf-8", head):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def synthetic(corpus, mbytes, tmp):
    """An RSS 2.0 file of about mbytes MB made of the corpus's items."""
    items = rss_items(corpus)
    if not items:
        return None, ""
    path = os.path.join(tmp, "synthetic-%dMB.rss" % mbytes)
    decls = " ".join('xmlns:%s="%s"' % kv for kv in NAMESPACES.items())
    with open(path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<rss version="2.0" %s>\n<channel>\n'
                b"<title>unifeed synthetic benchmark feed</title>\n"
                b"<link>https://bench.example.org/</link>\n"
                b"<description>corpus items, repeated</description>\n"
                % decls.encode())
        i = 0
        while f.tell() < mbytes * MB:
            f.write(items[i % len(items)])
            f.write(b"\n")
            i += 1
        f.write(b"</channel>\n</rss>\n")
    return path, "%d items, %d distinct" % (i, len(items))


# --- measuring ---------------------------------------------------------------

class Sample:
    """One run: wall and CPU seconds, peak RSS in MiB, exit status."""

    def __init__(self, wall, cpu, rss_kib, rc):
        self.wall, self.cpu, self.rss, self.rc = wall, cpu, rss_kib / 1024, rc


def commands(unifeed, path):
    """(tool, argv, stdin path or None) for one input."""
    return [("unifeed", [unifeed, "preview", "--json", path], None),
            ("sfeed", ["sfeed"], path),
            ("xmllint", ["xmllint", "--stream", "--noout", path], None)]


def measure(argv, stdin_path, timepath, timeout):
    """Run argv once under GNU time; its Sample."""
    cmd = [TIME, "-f", "%M", "-o", timepath] + argv if HAVE_TIME else argv
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL,
                             start_new_session=True)
        killer = threading.Timer(timeout, os.killpg, (p.pid, signal.SIGKILL))
        killer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        killer.cancel()
    finally:
        if stdin_path:
            stdin.close()
    p.returncode = rc = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss
    if HAVE_TIME:
        rss, rc = time_report(timepath, rss, rc)
    return Sample(wall, ru.ru_utime + ru.ru_stime, rss, rc)


def time_report(timepath, rss, rc):
    """Peak RSS (KiB) and the child's status from GNU time's -o file.

    time exits with its child's status, or 128+N after signal N, which
    it reports as "Command terminated by signal N".
    """
    try:
        with open(timepath) as f:
            text = f.read()
        rss = int(text.split()[-1])
    except (OSError, ValueError, IndexError):
        return rss, rc
    m = re.search(r"terminated by signal (\d+)", text)
    return rss, -int(m.group(1)) if m else rc


def bench(args, inputs, tmp):
    """Samples per (input, tool), the tools interleaved run by run."""
    results = []
    timepath = os.path.join(tmp, "time.txt")
    for label, path in inputs:
        size = os.path.getsize(path)
        cmds = commands(args.unifeed, path)
        samples = {tool: [] for tool, _, _ in cmds}
        for _ in range(args.runs):
            for tool, argv, stdin in cmds:
                samples[tool].append(measure(argv, stdin, timepath,
                                             args.timeout))
        results.append((label, size, samples))
        print_input(label, size, samples)
    return results


# --- reporting ---------------------------------------------------------------

def med(samples, attr):
    return statistics.median(getattr(s, attr) for s in samples)


def print_input(label, size, samples):
    """One block per input: a row per tool."""
    print("\n%s  %.2f MB" % (label, size / MB))
    for tool, ss in samples.items():
        wall = med(ss, "wall")
        rcs = sorted({s.rc for s in ss})
        print("  %-8s %9.4f %9.4f %9.4f %9.1f %8.1f %8.1f  %s"
              % (tool, wall, min(s.wall for s in ss), med(ss, "cpu"),
                 size / MB / wall if wall else 0, med(ss, "rss"),
                 max(s.rss for s in ss),
                 "exit " + ",".join(map(str, rcs))))
    sys.stdout.flush()


def print_ratios(results):
    """unifeed's time per MB over sfeed's, input by input and overall."""
    print("\n%-56s %10s %10s %10s %7s" % ("input", "unifeed", "sfeed",
                                         "xmllint", "uf/sf"))
    print("%-56s %10s %10s %10s %7s" % ("", "ms/MB", "ms/MB", "ms/MB", ""))
    tot = {"unifeed": 0.0, "sfeed": 0.0, "xmllint": 0.0}
    mbytes = 0.0
    for label, size, samples in results:
        per = {t: 1000 * med(ss, "wall") / (size / MB)
               for t, ss in samples.items()}
        for t in tot:
            tot[t] += med(samples[t], "wall")
        mbytes += size / MB
        print("%-56s %10.1f %10.1f %10.1f %6.1fx"
              % (label[-56:], per["unifeed"], per["sfeed"], per["xmllint"],
                 per["unifeed"] / per["sfeed"] if per["sfeed"] else 0))
    if mbytes:
        print("%-56s %10.1f %10.1f %10.1f %6.1fx"
              % ("all inputs (%.1f MB)" % mbytes,
                 1000 * tot["unifeed"] / mbytes, 1000 * tot["sfeed"] / mbytes,
                 1000 * tot["xmllint"] / mbytes,
                 tot["unifeed"] / tot["sfeed"] if tot["sfeed"] else 0))



def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--min-kb", type=int, default=200)
    ap.add_argument("--synthetic-mb", type=int, default=16)
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.unifeed = unifeed_path(args.unifeed)
    for tool in ("sfeed", "xmllint"):
        if shutil.which(tool) is None:
            die("%s missing (apt-get install %s)" % (tool, "sfeed"
                if tool == "sfeed" else "libxml2-utils"))
    if not os.path.isdir(args.corpus) or args.runs < 1:
        die("no corpus at %s (give --corpus), or --runs < 1" % args.corpus)
    print("# command: %s" % " ".join(shlex.quote(a) for a in sys.argv))
    print("# unifeed: %s   nproc: %d   load %s   runs %d"
          % (args.unifeed, os.cpu_count() or 0, loadavg(), args.runs))
    if not HAVE_TIME:
        print("# %s missing (apt-get install time): cpu and rss come from "
              "os.wait4, rss includes this script's own" % TIME)
    tmp = tempfile.mkdtemp(prefix="unifeed-parse-bench-")
    try:
        inputs = large_feeds(args.corpus, args.min_kb * 1024, tmp)
        if args.synthetic_mb > 0:
            path, what = synthetic(args.corpus, args.synthetic_mb, tmp)
            if path:
                inputs.append(("synthetic RSS 2.0 (%s)" % what, path))
        print("# %d inputs; columns: tool, wall s med/min, cpu s med, MB/s "
              "(med wall), rss MiB med/max, exit statuses" % len(inputs))
        results = bench(args, inputs, tmp)
        print_ratios(results)
    finally:
        leave_workdir(tmp, args.keep)


if __name__ == "__main__":
    main()
