#!/usr/bin/python3
"""Benchmark one `unifeed --once` poll cycle: wall time, CPU, peak RSS.

This is a benchmark, not a test: it prints figures and is not part of
`make check`. It measures two workloads:

  demo   the bundled demo (examples/demo), its files copied into a fresh
         temporary directory as tests/e2e/demo.py does: two cycles, the
         first on an empty state, the second on the state the first left.
  N src  N generated feeds (--sources, default 100) served over HTTP from
         127.0.0.1 on a free port by the e2e Fixture server (threaded,
         sends ETag and Last-Modified, answers 304 to If-None-Match).
         Three cycles: 1 "all new" on an empty state, 2 "all 304" right
         after it, 3 "10% changed" after a tenth of the feeds got new
         items and new validators.

The generated feeds are deterministic for a --seed: half RSS 2.0, half
Atom 1.0, 20-100 items each with a title, a link on a made-up
*.example.org site, a guid/id, an author, 1-3 categories, a date and a
1-3.5 KB HTML description or content. About 10% of the articles are also
syndicated into a second feed under the same link plus utm_* tracking
parameters, so the store must merge them by canonical link. Sentences
come from the article bodies in the shared corpus
(article-extraction-benchmark/ground-truth.json, read at run time, never
copied into the repository) or, when that is missing, are synthesized.
The feeds file has N [source] sections, listen = off and a few [topic]
sections with match keywords.

Every measurement is repeated --runs times (default 3), each run with a
fresh state directory, and the median and minimum are printed. Wall time
is taken around the child. Peak RSS comes from GNU time (/usr/bin/time
-f "%M"; Debian package `time`, apt-get install time), and user+sys CPU
from the rusage of that time process, which includes its child. GNU time
is needed because Linux keeps a process's peak RSS across exec: a child
forked from this Python process (which holds the whole workload) would
report at least the script's own RSS. Without it the script falls back
to os.wait4 and says in its header that RSS is an upper bound.

The fixture server is Python in this same process, so wall time includes
its answers (about a millisecond per feed on 127.0.0.1); the numbers are
only as quiet as the machine: the header prints the load average.

Run it on an optimized, non-sanitized build (ASan inflates RSS and time):

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/cycle.py --unifeed ./unifeed                # demo, N=100
  ../tests/bench/cycle.py --unifeed ./unifeed --sources 1000 --runs 1

Options: --unifeed PATH (default $UNIFEED or ./unifeed), --sources N
(0 skips the generated workload; a comma list runs several), --runs R,
--seed S, --no-demo, --fetch-timeout DURATION (writes `timeout =` into
the feeds file; the daemon's default is 60s), --timeout SECONDS (kill a
cycle after this), --keep (leave the temporary directories and print
where). See tests/bench/README.md for the columns.
"""
import argparse
import json
import os
import random
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SRCDIR, "tests", "e2e"))
from fixture import Fixture  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
TIME = "/usr/bin/time"          # GNU time, Debian package `time`
HAVE_TIME = os.access(TIME, os.X_OK)
CORPUS = os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..",
                                                       "shared"))
GROUND_TRUTH = os.path.join(CORPUS, "corpus", "article-extraction-benchmark",
                            "ground-truth.json")
BASE_TIME = 1717243200          # 2024-06-01T12:00:00Z: dates don't drift
CATEGORIES = ["Politics", "Economy", "Business", "Health", "Science",
              "Technology", "Climate", "Education", "Sports", "Culture",
              "World", "Local", "Opinion", "Travel", "Food", "Media"]
AUTHORS = ["Ada Park", "Ben Okafor", "Chloe Martin", "Dmitri Volkov",
           "Elena Ruiz", "Farid Haddad", "Grace Liu", "Hugo Weber",
           "Ines Costa", "Jon Berg", "Kim Tanaka", "Lea Novak"]
TOPICS = [                      # (name, title, match keywords)
    ("health", "Health", "health, hospital, doctors, medical"),
    ("economy", "Economy", "economy, market, inflation, \"interest rates\""),
    ("politics", "Politics", "election, president, senate, parliament"),
    ("tech", "Technology", "software, internet, computer, \"data\""),
    ("climate", "Climate", "climate, energy, emissions, weather"),
]
SYNTH_WORDS = ("the a of city council market health school report new "
               "government energy police water budget data service local "
               "plan project vote court year people week said officials "
               "students hospital climate price rate bank workers road "
               "company software computer election museum team season "
               "program research study public").split()


def die(msg):
    print("cycle.py: %s" % msg, file=sys.stderr)
    sys.exit(2)


# --- text --------------------------------------------------------------------

def load_sentences(rng):
    """Sentences from the corpus article bodies, or synthesized ones."""
    out = []
    try:
        with open(GROUND_TRUTH, encoding="utf-8") as f:
            data = json.load(f)
        for key in sorted(data):
            body = data[key].get("articleBody", "")
            body = "".join(c for c in body if c >= " " or c == "\n")
            for para in body.split("\n"):
                for s in para.replace("? ", "?\n").replace(
                        "! ", "!\n").replace(". ", ".\n").split("\n"):
                    s = s.strip()
                    if 40 <= len(s) <= 300:
                        out.append(s)
    except (OSError, ValueError):
        pass
    if len(out) >= 500:
        return out, "corpus article-extraction-benchmark"
    out = []
    for _ in range(3000):
        words = [rng.choice(SYNTH_WORDS) for _ in range(rng.randint(8, 30))]
        out.append(" ".join(words).capitalize() + ".")
    return out, "synthesized"


class Text:
    """Deterministic titles and HTML bodies built from a sentence pool."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences, self.origin = load_sentences(rng)
        self.short = [s for s in self.sentences
                      if 5 <= len(s.split()) <= 16] or self.sentences

    def title(self):
        s = self.rng.choice(self.short).rstrip(".")
        return s[:1].upper() + s[1:]

    def body(self, site):
        """1-3 KB of HTML paragraphs with links, emphasis, a list."""
        rng = self.rng
        target = rng.randint(1000, 2700)    # overshoots by < 1 paragraph
        parts, size = [], 0
        while size < target:
            sents = [escape(rng.choice(self.sentences))
                     for _ in range(rng.randint(2, 5))]
            kind = rng.random()
            if kind < 0.25:
                words = sents[0].split(" ", 3)
                if len(words) == 4:
                    sents[0] = '%s <a href="https://%s/related/%d">%s %s' \
                        '</a> %s' % (words[0], site, rng.randint(1, 99999),
                                     words[1], words[2], words[3])
            elif kind < 0.35:
                sents[-1] = "<em>%s</em>" % sents[-1]
            elif kind < 0.42:
                sents[0] = "<strong>%s</strong>" % sents[0]
            if kind > 0.93:
                p = "<ul>%s</ul>" % "".join("<li>%s</li>" % s
                                            for s in sents)
            elif kind > 0.88:
                p = "<blockquote><p>%s</p></blockquote>" % " ".join(sents)
            else:
                p = "<p>%s</p>" % " ".join(sents)
            parts.append(p)
            size += len(p)
        if rng.random() < 0.3:
            parts.insert(1, '<p><img src="https://%s/img/%d.jpg" alt="%s">'
                         '</p>' % (site, rng.randint(1, 99999),
                                   escape(self.title(), {'"': "&quot;"})))
        return "\n".join(parts)


# --- workload ----------------------------------------------------------------

class Item:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Workload:
    """N deterministic feeds, the syndicated copies, and a 10% change."""

    def __init__(self, n, seed):
        self.rng = rng = random.Random(seed)
        self.text = Text(rng)
        self.n = n
        self.names = ["s%04d" % i for i in range(n)]
        self.atom = [i % 2 == 1 for i in range(n)]
        self.items = [[] for _ in range(n)]
        self.articles = 0
        for i in range(n):
            for _ in range(rng.randint(20, 100)):
                self.items[i].append(self._item(i, "a"))
        self.copies = 0
        if n > 1:
            for i in range(n):
                for it in list(self.items[i]):
                    if rng.random() < 0.10:
                        self._syndicate(it, i)
        for lst in self.items:
            lst.sort(key=lambda it: -it.date)
        self.changed = sorted(rng.sample(range(n), max(1, n // 10)))
        self.fresh = {}
        for i in self.changed:
            self.fresh[i] = [self._item(i, "b", future=True)
                             for _ in range(rng.randint(2, 10))]
            self.fresh[i].sort(key=lambda it: -it.date)

    def _item(self, i, gen, future=False):
        rng = self.rng
        site = "site%04d.example.org" % i
        self.articles += 1
        k = self.articles
        date = BASE_TIME + (rng.randint(60, 6 * 3600) if future
                            else -rng.randint(3600, 30 * 86400))
        return Item(
            site=site, guid="tag:%s,2024:%s%d" % (site, gen, k),
            link="https://%s/%d/%02d/article-%s%d.html" % (
                site, 2024, rng.randint(1, 5), gen, k),
            title=self.text.title(), author=rng.choice(AUTHORS),
            cats=rng.sample(CATEGORIES, rng.randint(1, 3)), date=date,
            body=self.text.body(site))

    def _syndicate(self, it, i):
        """Copy it into another feed under a tracking-parameter URL."""
        j = self.rng.randrange(self.n - 1)
        j += j >= i
        self.copies += 1
        copy = Item(**it.__dict__)
        copy.guid = "tag:site%04d.example.org,2024:syn%d" % (j, self.copies)
        copy.link = "%s?utm_source=%s&utm_medium=rss&utm_campaign=feed" % (
            it.link, self.names[j])
        self.items[j].append(copy)

    def items_in(self, i, changed):
        extra = self.fresh.get(i, []) if changed else []
        return extra + self.items[i]

    def document(self, i, changed=False):
        items = self.items_in(i, changed)
        site = "site%04d.example.org" % i
        if self.atom[i]:
            return atom_doc(self.names[i], site, items)
        return rss_doc(self.names[i], site, items)

    def total_items(self, changed=False):
        return sum(len(self.items_in(i, changed)) for i in range(self.n))

    def new_in_change(self):
        return sum(len(v) for v in self.fresh.values())


def rfc822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def rss_doc(name, site, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
           "<channel>", "<title>Bench source %s</title>" % name,
           "<link>https://%s/</link>" % site,
           "<description>Generated feed %s</description>" % name,
           "<language>en</language>",
           "<lastBuildDate>%s</lastBuildDate>" % rfc822(items[0].date)]
    for it in items:
        out += ["<item>", "<title>%s</title>" % escape(it.title),
                "<link>%s</link>" % escape(it.link),
                '<guid isPermaLink="false">%s</guid>' % escape(it.guid),
                "<pubDate>%s</pubDate>" % rfc822(it.date),
                "<dc:creator>%s</dc:creator>" % escape(it.author)]
        out += ["<category>%s</category>" % c for c in it.cats]
        out += ["<description>%s</description>" % escape(it.body),
                "</item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode()


def atom_doc(name, site, items):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Bench source %s</title>" % name,
           "<id>tag:%s,2024:feed</id>" % site,
           '<link rel="alternate" type="text/html" href="https://%s/"/>'
           % site, "<updated>%s</updated>" % rfc3339(items[0].date)]
    for it in items:
        out += ["<entry>", "<title>%s</title>" % escape(it.title),
                '<link rel="alternate" type="text/html" href=%s/>'
                % quoteattr(it.link),
                "<id>%s</id>" % escape(it.guid),
                "<published>%s</published>" % rfc3339(it.date),
                "<updated>%s</updated>" % rfc3339(it.date),
                "<author><name>%s</name></author>" % escape(it.author)]
        out += ["<category term=%s/>" % quoteattr(c) for c in it.cats]
        out += ['<content type="html">%s</content>' % escape(it.body),
                "</entry>"]
    out += ["</feed>", ""]
    return "\n".join(out).encode()


def serve(fx, wl, changed):
    """Point the fixture's routes at the original or the changed feeds."""
    size = 0
    for i, name in enumerate(wl.names):
        is_new = changed and i in wl.fresh
        body = wl.document(i, is_new)
        size += len(body)
        stamp = BASE_TIME + (7200 if is_new else 0) + i
        fx.route("/feeds/%s.xml" % name, body=body,
                 ctype="application/atom+xml" if wl.atom[i]
                 else "application/rss+xml",
                 etag='"%s-%s"' % (name, "v2" if is_new else "v1"),
                 last_modified=time.strftime(
                     "%a, %d %b %Y %H:%M:%S GMT", time.gmtime(stamp)))
    return size


def write_conf(path, wl, fx, fetch_timeout=None):
    lines = ["# unifeed benchmark: %d generated sources" % wl.n,
             "[unifeed]", "title = bench", "listen = off",
             "output = public", "state = state.db", "interval = 1h"]
    if fetch_timeout:
        lines.append("timeout = %s" % fetch_timeout)
    for i, name in enumerate(wl.names):
        lines += ["", "[source %s]" % name,
                  "url = %s" % fx.url("/feeds/%s.xml" % name)]
        if i % 7 == 0:
            lines.append("topics = %s" % TOPICS[i % len(TOPICS)][0])
    for name, title, match in TOPICS:
        lines += ["", "[topic %s]" % name, "title = %s" % title,
                  "match = %s" % match]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# --- measuring ---------------------------------------------------------------

class Sample:
    """One unifeed run: its figures, exit status, what it stored and
    published."""

    def __init__(self, wall, cpu, rss_kib, rc, stderr):
        self.wall = wall
        self.cpu = cpu
        self.rss = rss_kib / 1024.0
        self.rc = rc
        self.stderr = stderr
        self.stored = self.published = 0
        self.ok = self.notmod = None


def run_cycle(unifeed, wdir, conf, tag, timeout):
    """Run `unifeed --once -q -c conf` under /usr/bin/time.

    CPU is time's rusage, which includes its waited child (microseconds,
    where %U %S print hundredths). The peak RSS must come from a small
    parent: Linux keeps a
    process's peak RSS across exec, so a child forked (or vforked) from
    this big Python process reports at least Python's own RSS. GNU time
    is tiny and reports its child's rusage; without it, fall back to
    os.wait4 and say that RSS is an upper bound.
    """
    errpath = os.path.join(wdir, "stderr-%s.log" % tag)
    timepath = os.path.join(wdir, "time-%s.txt" % tag)
    cmd = [unifeed, "--once", "-q", "-c", conf]
    if HAVE_TIME:
        cmd = [TIME, "-f", "%M", "-o", timepath] + cmd
    with open(errpath, "w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)
        killer = threading.Timer(timeout, os.killpg,
                                 (p.pid, signal.SIGKILL))
        killer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        killer.cancel()
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    cpu, rss = ru.ru_utime + ru.ru_stime, ru.ru_maxrss
    if HAVE_TIME:
        try:
            with open(timepath) as f:
                lines = f.read().splitlines()
            rss = int(lines[-1].split()[-1])
            text += "".join("\n" + l for l in lines[:-1])
        except (OSError, ValueError, IndexError):
            pass
    s = Sample(wall, cpu, rss, rc, text)
    if rc < 0 or rc > 128:
        s.stderr += "\n(ended by a signal after %.0f s; --timeout is %g s)" \
            % (wall, timeout)
    inspect(s, wdir)
    return s


def inspect(s, wdir):
    """Count the stored entries and those published in feed.atom."""
    state = os.path.join(wdir, "state.db")
    if os.path.exists(state):
        db = sqlite3.connect(state)
        try:
            s.stored = db.execute("SELECT count(*) FROM entries").fetchone()[0]
        except sqlite3.Error:
            pass
        db.close()
    out = os.path.join(wdir, "public")
    s.published = count_entries(os.path.join(out, "feed.atom"))


def count_entries(path):
    try:
        return len(ET.parse(path).getroot().findall(ATOM + "entry"))
    except (OSError, ET.ParseError):
        return 0


def fresh_dir(tmp, label, run):
    path = os.path.join(tmp, "%s-run%d" % (label, run))
    os.makedirs(path)
    return path


def bench_demo(args, tmp):
    src = os.path.join(SRCDIR, "examples", "demo")
    rows = {1: [], 2: []}
    for r in range(args.runs):
        wdir = fresh_dir(tmp, "demo", r)
        for f in sorted(os.listdir(src)):
            if f.endswith((".conf", ".rss", ".atom", ".rdf")):
                shutil.copy(os.path.join(src, f), wdir)
        conf = os.path.join(wdir, "feeds.conf")
        for c in (1, 2):
            rows[c].append(run_cycle(args.unifeed, wdir, conf, "c%d" % c,
                                     args.timeout))
    items = sum(count_source_items(os.path.join(src, f))
                for f in os.listdir(src)
                if f.endswith((".rss", ".atom", ".rdf")))
    return [("demo", "1 all new", rows[1], items, None),
            ("demo", "2 again", rows[2], items, None)]


def count_source_items(path):
    root = ET.parse(path).getroot()
    return sum(1 for e in root.iter()
               if e.tag.rsplit("}", 1)[-1] in ("item", "entry"))


def bench_sources(args, tmp, n):
    t0 = time.perf_counter()
    wl = Workload(n, args.seed)
    fx = Fixture()
    # a client closing a kept-alive connection is no news here
    fx._srv.handle_error = lambda request, address: None
    gen = time.perf_counter() - t0
    rows = {1: [], 2: [], 3: []}
    try:
        size = serve(fx, wl, False)
        print("# workload N=%d: %d RSS 2.0 + %d Atom feeds, %d items "
              "(%d syndicated copies), %d articles, %.1f MiB; cycle 3: "
              "%d feeds changed, %d new items; text: %s; built in %.1f s"
              % (n, n - sum(wl.atom), sum(wl.atom), wl.total_items(),
                 wl.copies, wl.total_items() - wl.copies, size / 1048576.0,
                 len(wl.changed), wl.new_in_change(), wl.text.origin, gen))
        sys.stdout.flush()
        for r in range(args.runs):
            serve(fx, wl, False)
            wdir = fresh_dir(tmp, "n%d" % n, r)
            conf = os.path.join(wdir, "feeds.conf")
            write_conf(conf, wl, fx, args.fetch_timeout)
            for c in (1, 2, 3):
                if c == 3:
                    serve(fx, wl, True)
                req0, nm0 = len(fx.requests), fx.not_modified
                s = run_cycle(args.unifeed, wdir, conf, "c%d" % c,
                              args.timeout)
                s.notmod = fx.not_modified - nm0
                s.ok = len(fx.requests) - req0 - s.notmod
                rows[c].append(s)
    finally:
        fx.close()
    label = "N=%d" % n
    expect = wl.total_items() - wl.copies
    return [(label, "1 all new", rows[1], wl.total_items(), expect),
            (label, "2 all 304", rows[2], 0, expect),
            (label, "3 10% changed", rows[3],
             sum(len(wl.items_in(i, True)) for i in wl.changed),
             expect + wl.new_in_change())]


# --- report ------------------------------------------------------------------

HEAD = ("%-7s %-13s %4s %15s %13s %13s %9s %4s %6s %6s %5s %5s %7s"
        % ("set", "cycle", "runs", "wall s med/min", "cpu s med/min",
           "rss MiB m/min", "200/304", "fail", "items", "stored", "new",
           "publ", "items/s"))


def fmt_pair(vals, f):
    return "%s/%s" % (f % statistics.median(vals), f % min(vals))


def row(label, cycle, samples, items, expect, prev):
    wall = [s.wall for s in samples]
    http = "-"
    if samples[0].ok is not None:
        http = "%d/%d" % (statistics.median([s.ok for s in samples]),
                          statistics.median([s.notmod for s in samples]))
    fails = max(count_failures(s) for s in samples)
    stored = samples[-1].stored
    new = stored - (prev[-1].stored if prev else 0)
    rate = "-"
    if cycle.startswith("1"):
        rate = "%.0f" % (items / statistics.median(wall)) if fails == 0 \
            else "n/a"
    line = ("%-7s %-13s %4d %15s %13s %13s %9s %4d %6d %6d %5d %5d %7s"
            % (label, cycle, len(samples), fmt_pair(wall, "%.3f"),
               fmt_pair([s.cpu for s in samples], "%.3f"),
               fmt_pair([s.rss for s in samples], "%.1f"), http, fails,
               items, stored, new, samples[-1].published, rate))
    notes = []
    if expect is not None and any(s.stored != expect for s in samples):
        notes.append("stored %s, expected %d" % (
            ",".join(str(s.stored) for s in samples), expect))
    for s in samples:
        if s.rc != 0:
            notes.append("exit status %d" % s.rc)
    return line, notes


def count_failures(s):
    """Sources the daemon logged a warning about ("source X: ...")."""
    names = set()
    for l in s.stderr.splitlines():
        parts = l.split("warning: source ", 1)
        if len(parts) == 2:
            names.add(parts[1].split(":", 1)[0])
    return len(names)


def report(results):
    print(HEAD)
    for label, cycle, samples, items, expect, prev in results:
        line, notes = row(label, cycle, samples, items, expect, prev)
        print(line)
        for n in notes:
            print("#   %s: %s" % (cycle, n))
        for s in samples:
            if s.stderr.strip():
                lines = s.stderr.strip().splitlines()
                for l in lines[:5]:
                    print("#   stderr: %s" % l[:160])
                if len(lines) > 5:
                    print("#   stderr: ... %d more lines" % (len(lines) - 5))
                break
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--sources", default="100",
                    help="N generated sources; a comma list runs several; "
                    "0 skips them")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-demo", action="store_true")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds before one cycle is killed")
    ap.add_argument("--fetch-timeout", metavar="DURATION",
                    help="write `timeout = DURATION` (a fetch's whole "
                    "time, the daemon's default is 60s) in the feeds file")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directories")
    args = ap.parse_args()
    try:
        counts = [int(x) for x in args.sources.split(",") if x.strip()]
    except ValueError:
        die("--sources: a number or a comma list of numbers")
    if args.runs < 1 or any(n < 0 for n in counts):
        die("--runs and --sources must be positive")
    args.unifeed = os.path.abspath(args.unifeed)
    if not os.access(args.unifeed, os.X_OK):
        die("%s: not an executable (give --unifeed or $UNIFEED)"
            % args.unifeed)
    print("# command: %s" % " ".join(shlex.quote(a) for a in sys.argv))
    print("# unifeed: %s   nproc: %d   load %s   python %s   seed %d"
          % (args.unifeed, os.cpu_count() or 0, loadavg(),
             sys.version.split()[0], args.seed))
    if not HAVE_TIME:
        print("# %s missing (apt-get install time): cpu and rss come from "
              "os.wait4, rss includes this script's own" % TIME)
    sys.stdout.flush()
    tmp = tempfile.mkdtemp(prefix="unifeed-bench-")
    results = []
    try:
        if not args.no_demo:
            results += add_prev(bench_demo(args, tmp))
        for n in counts:
            if n > 0:
                results += add_prev(bench_sources(args, tmp, n))
    finally:
        if args.keep:
            print("# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, True)
    print("# load average at the end: %s" % loadavg())
    report(results)


def loadavg():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "?"


def add_prev(rows):
    """Attach each row's previous cycle, for the "new" column."""
    out, prev = [], None
    for label, cycle, samples, items, expect in rows:
        out.append((label, cycle, samples, items, expect, prev))
        prev = samples
    return out


if __name__ == "__main__":
    main()
