#!/usr/bin/python3
"""What libxml2 alone costs on the poll benchmark's workload: the floor
under any first cycle that parses with it.

This is a benchmark, not a test: it prints figures. A first cycle must at
least read every feed with an XML parser and every summary and content
with an HTML parser (to sanitize it). This script writes the workload of
tests/bench/poll.py (same generator, same seed) into a temporary folder,
gathers every summary and content that holds markup ('<' or '&') into one
HTML file, and times, --runs times each (median):

  xml    xmllint --stream --noout FEEDS...   libxml2's streaming reader
                                             over every feed file
  html   xmllint --html --noout --nonet F    libxml2's HTML parser over
                                             the bodies, in one document

It prints user+sys CPU (of the child, from os.wait4) and wall for each,
their sum, and that sum halved: the wall time two cores could not beat
even if nothing but parsing were done and it split perfectly (the poll
cycle's targets are for 2 cores). Compare it with unifeed's first cycle
in poll.py's output.

  tests/bench/floor.py --feeds 1000

Options: --feeds N (default 1000), --seed S (default 1), --runs R
(default 3), --corpus DIR, --keep (leave the folder). Needs xmllint
(Debian package libxml2-utils).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchutil  # noqa: E402
import workload   # noqa: E402

BODY_TAGS = ("description", "summary", "content", "encoded")


def bodies(feed_dir, out):
    """Write every body with markup of the feeds into out; (count, MB)."""
    n = size = 0
    with open(out, "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><body>\n")
        for name in sorted(os.listdir(feed_dir)):
            root = ET.parse(os.path.join(feed_dir, name)).getroot()
            for e in root.iter():
                if (e.tag.rsplit("}", 1)[-1] in BODY_TAGS and e.text and
                        ("<" in e.text or "&" in e.text)):
                    f.write("<div>%s</div>\n" % e.text)
                    n += 1
                    size += len(e.text.encode("utf-8"))
        f.write("</body></html>\n")
    return n, size / 1e6


def timed(cmd):
    """(CPU, wall) seconds of one run of cmd, its output discarded."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        benchutil.die("%s failed (%d)" % (cmd[0], status))
    return ru.ru_utime + ru.ru_stime, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", default=workload.corpus_dir())
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        benchutil.die("needs xmllint (apt-get install libxml2-utils)")
    if not os.path.isdir(args.corpus):
        benchutil.die("no corpus at %s (give --corpus)" % args.corpus)
    tmp = benchutil.workdir("unifeed-floor-")
    try:
        pool, _ = workload.workload_pool(args.corpus)
        wl = workload.Workload(args.feeds, args.seed, pool)
        size = wl.write(tmp)
        feed_dir = os.path.join(tmp, "feeds")
        feeds = sorted(os.path.join(feed_dir, f) for f in os.listdir(feed_dir))
        html = os.path.join(tmp, "bodies.html")
        nb, mb = bodies(feed_dir, html)
        print("# libxml2 floor: %s; load average %s"
              % (wl.summary(size), benchutil.loadavg()))
        print("# %d bodies with markup, %.1f MB, into one HTML document"
              % (nb, mb))
        runs = {"xml": [], "html": []}
        for _ in range(args.runs):
            runs["xml"].append(timed([xmllint, "--stream", "--noout"] +
                                     feeds))
            runs["html"].append(timed([xmllint, "--html", "--noout",
                                       "--nonet", html]))
        total = 0.0
        for what, label in (("xml", "XML reader, every feed"),
                            ("html", "HTML parser, every body")):
            cpu = statistics.median(r[0] for r in runs[what])
            wall = statistics.median(r[1] for r in runs[what])
            total += cpu
            print("%-26s %7.2f s CPU %7.2f s wall" % (label, cpu, wall))
        print("%-26s %7.2f s CPU; on 2 cores at best %.2f s wall"
              % ("both", total, total / 2))
    finally:
        benchutil.leave_workdir(tmp, args.keep)


if __name__ == "__main__":
    main()
