#!/usr/bin/python3
"""Benchmark reading HTML pages: full-text extraction and listing scraping.

This is a benchmark, not a test: it prints figures and is not part of
`make check`. It times, median of --runs (default 7), interleaved:

  article   unifeed preview --article --json FILE   (charset, libxml2's
            HTML parser, readability-style scoring, sanitizing, text)
  listing   unifeed preview --json FILE             (charset, parse, the
            list finder, scraping, normalizing, JSON)

on the three largest pages of the Zyte article-extraction benchmark
(gunzipped into a temporary directory), a synthetic article page of
about 1 MB (the largest page with its paragraphs repeated inside its
article), and a synthetic listing page of about 1 MB (the demo's
shanghai-news/index.html with its list items repeated). A tiny page is
timed the same way and its median subtracted, so the figures are the
page's own cost without process start; ms per 100 KB is printed.
Corpus files are read at run time, never copied into the repository.

Run it on an optimized, non-sanitized build:

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/page.py --unifeed ./unifeed
"""
import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.join(HERE, "..", "..")


def run_ms(cmd):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    ms = (time.perf_counter() - t) * 1000
    if p.returncode != 0:
        sys.exit("failed: %s: %s" % (" ".join(cmd), p.stderr.decode()[:300]))
    return ms


def synthetic_article(html, size):
    """Repeat the page's run of <p> elements until the page is size bytes."""
    paras = re.findall(rb"<p[ >].*?</p>", html, re.S)
    block = b"".join(p for p in paras if len(p) > 200) or b"<p>x</p>"
    at = html.find(paras[-1]) + len(paras[-1]) if paras else len(html) // 2
    extra = block * max(1, (size - len(html)) // len(block) + 1)
    return html[:at] + extra + html[at:]


def synthetic_listing(html, size):
    """Repeat the <li> items of the first ul.news-list to size bytes."""
    m = re.search(rb'(<ul class="news-list">)(.*?)(</ul>)', html, re.S)
    items = m.group(2)
    n = max(1, (size - len(html)) // len(items) + 1)
    body = b"".join(re.sub(rb'href="([^"]+)"',
                           lambda h: b'href="%d-%s"' % (i, h.group(1)), items)
                    for i in range(n))
    return html[:m.start(2)] + body + html[m.end(2):]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", default=os.path.join(
        os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..",
                                                      "shared")), "corpus"))
    a = ap.parse_args()
    zyte = os.path.join(a.corpus, "article-extraction-benchmark", "html")
    if not os.path.isdir(zyte):
        sys.exit("page.py: %s not found: the corpus is needed" % zyte)
    tmp = tempfile.mkdtemp(prefix="unifeed-bench-page-")
    pages = []
    largest = sorted(os.listdir(zyte), key=lambda f: -os.path.getsize(
        os.path.join(zyte, f)))[:3]
    for f in largest:
        with gzip.open(os.path.join(zyte, f)) as g:
            data = g.read()
        path = os.path.join(tmp, f[:12] + ".html")
        with open(path, "wb") as out:
            out.write(data)
        pages.append(("article", "zyte " + f[:12], path))
    with gzip.open(os.path.join(zyte, largest[0])) as g:
        big = synthetic_article(g.read(), 1 << 20)
    path = os.path.join(tmp, "article-1mb.html")
    with open(path, "wb") as out:
        out.write(big)
    pages.append(("article", "synthetic article", path))
    with open(os.path.join(SRCDIR, "examples", "demo", "shanghai-news",
                           "index.html"), "rb") as f:
        listing = synthetic_listing(f.read(), 1 << 20)
    path = os.path.join(tmp, "listing-1mb.html")
    with open(path, "wb") as out:
        out.write(listing)
    pages.append(("listing", "synthetic listing", path))
    tiny = os.path.join(tmp, "tiny.html")
    with open(tiny, "w") as out:
        out.write("<html><body><article><p>" + "word, " * 60 +
                  "</p></article><ul>" + "".join(
                      "<li><a href=%d>Shanghai opens metro line %d to the "
                      "airport</a> <span>Apr %d, 2024</span></li>" % (i, i, i)
                      for i in range(1, 4)) + "</ul></body></html>")
    cmd = {"article": [a.unifeed, "preview", "--article", "--json"],
           "listing": [a.unifeed, "preview", "--json"]}
    base = {k: [] for k in cmd}
    times = {p[2]: [] for p in pages}
    for _ in range(a.runs):
        for k in cmd:
            base[k].append(run_ms(cmd[k] + [tiny]))
        for kind, _, path in pages:
            times[path].append(run_ms(cmd[kind] + [path]))
    print("unifeed page reading, median of %d runs (process start "
          "subtracted: %.1f ms article, %.1f ms listing)" %
          (a.runs, statistics.median(base["article"]),
           statistics.median(base["listing"])))
    print("%-8s %-22s %9s %9s %12s" % ("kind", "page", "KB", "ms",
                                        "ms/100KB"))
    for kind, name, path in pages:
        kb = os.path.getsize(path) / 1024
        ms = statistics.median(times[path]) - statistics.median(base[kind])
        print("%-8s %-22s %9.0f %9.1f %12.2f" % (kind, name, kb, ms,
                                                 ms / kb * 100))
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)


if __name__ == "__main__":
    main()
