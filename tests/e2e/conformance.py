"""The conformance runner's summary as a regression guard: every feed of
the third-party corpus goes through `unifeed preview --json` and
python3-feedparser (tests/conformance/run), and each corpus group must stay
at or above its agreement floor, with no crash, hang or sanitizer report
on any file. The floors are the figures of the issue (97% well-formed, 90%
ill-formed and encoding cases) or, where unifeed does better, close below
what it measured, so that a regression shows here first."""
import json
import os
import subprocess
import tempfile
from harness import *

SHARED = os.environ.get("UNIFEED_SHARED", "")
CORPUS = os.path.join(SHARED, "corpus")
RUNNER = os.path.join(os.environ.get("UNIFEED_SRCDIR", "."),
                      "tests", "conformance", "run")
SANITIZE = os.path.join(os.path.dirname(RUNNER), "sanitize")
ARTICLE = os.path.join(os.path.dirname(RUNNER), "article")

# (name, folders, floor in %); measured on 2026-11-26 in README.md.
GROUPS = [
    ("feedparser well-formed", ["feedparser/wellformed"], 99.0),
    ("feedparser ill-formed and encodings",
     ["feedparser/illformed", "feedparser/encoding"], 95.0),
    ("feedparser entities", ["feedparser/entities"], 99.0),
    ("real feeds (feed-rs, rss-parser, node-feedparser, NetNewsWire)",
     ["feed-rs", "rss-parser/input", "node-feedparser",
      "netnewswire-rsparser"], 98.0),
    ("W3C feed validator cases", ["feedvalidator/testcases"], 96.0),
]

if not os.path.isdir(CORPUS):
    skip_all("the shared corpus is not at %s (as inside make distcheck)"
             % CORPUS)
try:
    import feedparser  # noqa: F401 (the oracle must be importable)
except ImportError:
    skip_all("python3-feedparser is not installed (apt-get install "
             "python3-feedparser)")

for name, folders, floor in GROUPS:
    paths = [os.path.join(CORPUS, f) for f in folders]
    missing = [p for p in paths if not os.path.isdir(p)]
    if missing:
        skip(name, "missing corpus folder %s" % missing[0])
        continue
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        p = subprocess.run(["/usr/bin/python3", RUNNER, "--unifeed",
                            UNIFEED, "--json-summary", out.name] + paths,
                           capture_output=True, text=True, timeout=1800)
        try:
            s = json.load(open(out.name))
        except ValueError:
            s = None
    ok(p.returncode == 0 and s is not None, "%s: the runner ran" % name,
       p.stdout[-2000:] + p.stderr[-2000:])
    if s is None:
        continue
    diag("%s: %s" % (name, p.stdout.strip().splitlines()[-1]))
    ok(s["crashes"] == 0 and s["hangs"] == 0 and s["errors"] == 0,
       "%s: no crash, hang or odd exit in %d files" % (name, s["files"]),
       "\n".join(l for l in p.stdout.splitlines()
                 if " crash" in l or " hang" in l or " error" in l))
    ok(s["agreement"] >= floor, "%s: agreement %.1f%% >= %.1f%% (%d of %d "
       "compared values, %d excused by reviewed exceptions)" %
       (name, s["agreement"], floor, s["agreed"], s["compared"],
        s["excused"]), p.stdout[-3000:])
# The sanitizer's measure: feedparser's sanitize cases through preview;
# nothing dangerous may survive (the script exits 1 if anything does).
p = subprocess.run(["/usr/bin/python3", SANITIZE, "--self-test"],
                   capture_output=True, text=True, timeout=600)
ok(p.returncode == 0, "the sanitizer measure's own detector catches what "
   "it must", p.stdout[-2000:] + p.stderr[-2000:])
folder = os.path.join(CORPUS, "feedparser", "wellformed", "sanitize")
p = subprocess.run(["/usr/bin/python3", SANITIZE, "--unifeed", UNIFEED,
                    folder], capture_output=True, text=True, timeout=1800)
last = (p.stdout.strip().splitlines() or [""])[-1]
diag(last)
ok(p.returncode == 0 and last.endswith(" 0 dangerous"),
   "no script, handler, dangerous URL or CSS survives the sanitize cases",
   p.stdout[-3000:] + p.stderr[-2000:])

# Full text: the article extractor on the Zyte benchmark, scored as
# upstream scores it (F1 of 4-token shingles); the floor is 0.95.
folder = os.path.join(CORPUS, "article-extraction-benchmark")
with tempfile.NamedTemporaryFile(suffix=".json") as out:
    p = subprocess.run(["/usr/bin/python3", ARTICLE, "--unifeed", UNIFEED,
                        "--json-summary", out.name, folder],
                       capture_output=True, text=True, timeout=1800)
    try:
        a = json.load(open(out.name))[0]
    except (ValueError, IndexError):
        a = None
ok(a is not None and a["errors"] == 0 and a["f1"] >= 0.95,
   "article extraction: F1 %.4f >= 0.95 on %d pages, no failure" %
   (a["f1"] if a else 0, a["pages"] if a else 0),
   p.stdout[-2000:] + p.stderr[-2000:])
done()
