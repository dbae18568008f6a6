#!/usr/bin/python3
"""Benchmark serving: unifeed's built-in HTTP server against nginx.

This is a benchmark, not a test: it prints figures and is not part of
`make check`. It measures requests per second and 99th-percentile
latency with wrk (Debian package wrk) on one published feed.atom of
about 500 KB, served by:

  unifeed    the daemon's own server (one event loop thread), started
             with `listen = 127.0.0.1:PORT` over the output it published
  nginx      nginx (tests/bench/nginx.py) over the same output folder,
             worker_processes 1 (the fair peer of one loop thread), gzip
             on for application/atom+xml (comp level 6, compressed per
             request: nginx keeps no compressed copy), ETag on
  nginx x2   the same with 2 workers (auto on this machine's 2 cores),
             printed as information only

The feed is made by unifeed itself: --items (default 360) generated RSS
2.0 items with 0.5-1 KB of text each, in four file:// sources (same
--seed, same bytes; gzip takes it to about a quarter), `keep` = --items,
`unifeed --once -c feeds.conf`. The daemon then runs on the same feeds
file with a one-day interval, so nothing is polled or rewritten while wrk
runs (feed.atom's inode, size and mtime are checked before and after).

Cases: plain (GET), gzip (Accept-Encoding: gzip), 304 (If-None-Match
with the ETag that server sent for the plain GET), each at --conns
connections (default 1,64,512): `wrk -t2 -cC -dD --latency` with -H
headers, the servers alternating run by run (--runs, default 3) so the
machine's noise hits them alike; the median run is printed. Before any
measuring every server's answers are checked (status, Content-Encoding,
body bytes or gunzipped bytes, empty 304 body), so no server is fast by
answering wrong. The target (issue 6): unifeed at least 70% of nginx's
(1 worker) req/s for each case at 64 connections: PASS/FAIL.

Run it on an optimized, non-sanitized build:

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/serve.py --unifeed ./unifeed

Options: --unifeed PATH (default $UNIFEED or ./unifeed), --duration S
(seconds per wrk run, default 3, at most 60), --conns LIST (default
1,64,512), --runs R, --items N, --seed S, --no-nginx2, --keep (leave the
temporary directory and print where). Before each run the script waits
until the servers are idle (nginx goes on compressing for clients wrk
has left), at most 60 s. Everything started is stopped at the end,
even on error.
"""
import argparse
import gzip
import http.client
import os
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from nginx import Nginx, free_port  # noqa: E402
from benchutil import (die, leave_workdir, loadavg,  # noqa: E402
                       unifeed_path, workdir)

CASES = ("plain", "gzip", "304")
TARGET_CONNS = 64
TARGET_RATIO = 0.70
SOURCES = 4
SYLLABLES = ("ka ri to mens al port er in ve sta lo qua dri fen gor "
             "ath ul bre nis co tem pha sel ur win dan ex mo hel tra "
             "cit y on ble gen cor vi sur pel").split()



# --- the feed ----------------------------------------------------------------

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def vocabulary(rng, n=4000):
    """n made-up words, short ones more often, as in prose."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.choice(
        (1, 1, 2, 2, 2, 3, 3, 4)))) for _ in range(n)]


def sentence(rng, words):
    """Some words, enough variety that gzip sees text, not a pattern."""
    w = [rng.choice(words) for _ in range(rng.randint(8, 18))]
    w.append("%d" % rng.randint(1, 99999))
    rng.shuffle(w)
    return " ".join(w).capitalize() + "."


def rss_source(rng, words, k, items):
    """One RSS 2.0 document; item n dated n hours before 2024-04-15."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0">',
           "<channel>", "<title>Bench source %d</title>" % k,
           "<link>https://bench%d.example/</link>" % k,
           "<description>generated</description>"]
    for i in range(items):
        n = i * SOURCES + k
        when = time.gmtime(1713139200 - n * 3600)
        body = " ".join(sentence(rng, words) for _ in range(rng.randint(5, 9)))
        out += ["<item>",
                "<title>%s</title>" % esc(sentence(rng, words)[:80]),
                "<link>https://bench%d.example/story/%d</link>" % (k, n),
                '<guid isPermaLink="false">bench-%d</guid>' % n,
                "<pubDate>%s</pubDate>" % time.strftime(
                    "%a, %d %b %Y %H:%M:%S GMT", when),
                "<description>%s</description>" % esc("<p>%s</p>" % body),
                "</item>"]
    out += ["</channel>", "</rss>"]
    return "\n".join(out) + "\n"


def write_conf(tmp, port, keep):
    """feeds.conf: the file sources, output/ and state.db under tmp."""
    lines = ["[unifeed]", "title = serve bench", "output = output",
             "state = state.db", "interval = 24h", "keep = %d" % keep,
             "listen = 127.0.0.1:%d" % port,
             "base-url = http://127.0.0.1:%d/" % port]
    for k in range(SOURCES):
        lines += ["", "[source bench%d]" % k,
                  "url = file://%s/src%d.rss" % (tmp, k)]
    conf = os.path.join(tmp, "feeds.conf")
    with open(conf, "w") as f:
        f.write("\n".join(lines) + "\n")
    return conf


def make_feed(args, tmp, conf):
    """Publish feed.atom with unifeed --once on the daemon's own feeds file
    (the same base-url, so the daemon finds nothing to rewrite); its path."""
    rng = random.Random(args.seed)
    words = vocabulary(rng)
    per = (args.items + SOURCES - 1) // SOURCES
    for k in range(SOURCES):
        with open(os.path.join(tmp, "src%d.rss" % k), "w") as f:
            f.write(rss_source(rng, words, k, per))
    p = subprocess.run([args.unifeed, "--once", "-c", conf],
                       capture_output=True, text=True, timeout=300)
    path = os.path.join(tmp, "output", "feed.atom")
    if p.returncode != 0 or not os.path.exists(path):
        die("unifeed --once failed (exit %d): %s" % (p.returncode,
                                                     p.stderr[-800:]))
    return path


# --- the servers -------------------------------------------------------------

class Daemon:
    """unifeed in the foreground on feeds.conf, with listen = 127.0.0.1:P."""

    def __init__(self, args, tmp, conf, port):
        self.port, self.conf = port, conf
        self.log = os.path.join(tmp, "daemon.log")
        self.args, self.proc = args, None

    def start(self):
        with open(self.log, "w") as err:
            self.proc = subprocess.Popen([self.args.unifeed, "-c",
                                          self.conf],
                                         stdout=subprocess.DEVNULL,
                                         stderr=err, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if get(self.port, "/health")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        with open(self.log) as f:
            die("unifeed did not answer on port %d: %s" % (self.port,
                                                          f.read()[-800:]))

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def get(port, path, headers=None):
    """(status, headers dict with lower-case names, body) of one request."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        c.request("GET", path, headers=headers or {})
        r = c.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body
    finally:
        c.close()


def check(name, port, feed):
    """Check the three answers; the case -> wrk headers map, or die."""
    bad = []
    st, hd, body = get(port, "/feed.atom")
    if st != 200 or body != feed or "content-encoding" in hd:
        bad.append("plain: %d, %d bytes, %s" % (st, len(body), hd))
    etag = hd.get("etag")
    st, hd, body = get(port, "/feed.atom", {"Accept-Encoding": "gzip"})
    try:
        plain = gzip.decompress(body)
    except (OSError, EOFError):
        plain = None
    if st != 200 or hd.get("content-encoding") != "gzip" or plain != feed:
        bad.append("gzip: %d, %d bytes, %s" % (st, len(body), hd))
    gzlen = len(body)
    st, hd, body = get(port, "/feed.atom", {"If-None-Match": etag or "x"})
    if not etag or st != 304 or body:
        bad.append("304: %d, ETag %s, %d bytes" % (st, etag, len(body)))
    if bad:
        die("%s answers wrong: %s" % (name, "; ".join(bad)))
    return gzlen, {"plain": [], "gzip": ["Accept-Encoding: gzip"],
                   "304": ["If-None-Match: %s" % etag]}


# --- measuring ---------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def wrk(port, headers, conns, duration):
    """(req/s, p99 ms, errors) of one wrk run."""
    argv = ["wrk", "-t%d" % min(2, conns), "-c%d" % conns,
            "-d%ds" % duration, "--latency", "--timeout",
            "%ds" % max(2, duration)]
    for h in headers:
        argv += ["-H", h]
    argv.append("http://127.0.0.1:%d/feed.atom" % port)
    p = subprocess.run(argv, capture_output=True, text=True,
                       timeout=duration + 30)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", p.stdout)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", p.stdout, re.M)
    if p.returncode != 0 or not rps:
        die("wrk failed: %s %s" % (p.stdout[-400:], p.stderr[-400:]))
    errs = re.search(r"Socket errors: (.*)", p.stdout)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", p.stdout)
    err = []
    if errs:
        err.append(errs.group(1).strip())
    if non2xx:
        err.append("non-2xx/3xx %s" % non2xx.group(1))
    return (float(rps.group(1)),
            float(p99.group(1)) * UNITS[p99.group(2)] if p99 else
            float("nan"), "; ".join(err))


def cpu_ticks(pids):
    """User + system clock ticks used so far by pids (gone ones: 0)."""
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


def wait_idle(pids, timeout=60):
    """Wait until the servers stop working off the last run's requests
    (nginx keeps compressing for clients wrk has left); False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t0 = cpu_ticks(pids)
        time.sleep(0.25)
        if cpu_ticks(pids) - t0 <= 1:
            return True
    return False


def measure(args, servers):
    """{(server, case, conns): [(rps, p99, err)]}, servers alternating."""
    res = {}
    for case in CASES:
        for conns in args.conns:
            for _ in range(args.runs):
                for name, port, hdrs, pids in servers:
                    if not wait_idle(pids()):
                        print("# %s still busy after 60 s" % name)
                    res.setdefault((name, case, conns), []).append(
                        wrk(port, hdrs[case], conns, args.duration))
            print_rows(res, servers, case, conns)
    return res


def median_run(runs):
    """The run of median req/s (its own p99 goes with it)."""
    return sorted(runs, key=lambda r: r[0])[len(runs) // 2]


def print_rows(res, servers, case, conns):
    """Rows of one case and connection count: unifeed against each nginx."""
    uf = median_run(res[("unifeed", case, conns)])
    for name, _, _, _ in servers[1:]:
        ng = median_run(res[(name, case, conns)])
        ratio = uf[0] / ng[0] if ng[0] else 0
        verdict = ""
        if name == "nginx" and conns == TARGET_CONNS:
            verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
        elif name != "nginx":
            verdict = "info"
        print("%-6s %5d  %10.0f %9.2f  %-8s %10.0f %9.2f  %5.2f  %s"
              % (case, conns, uf[0], uf[1], name, ng[0], ng[1], ratio,
                 verdict))
        for who, r in (("unifeed", uf), (name, ng)):
            if r[2]:
                print("#   %s: %s" % (who, r[2]))
    sys.stdout.flush()



def stat_key(path):
    st = os.stat(path)
    return st.st_ino, st.st_size, st.st_mtime_ns


def run(args, tmp):
    """Publish, start the servers, check them, measure, print."""
    port = free_port()
    keep = (args.items + SOURCES - 1) // SOURCES * SOURCES
    conf = write_conf(tmp, port, keep)
    path = make_feed(args, tmp, conf)
    with open(path, "rb") as f:
        feed = f.read()
    out = os.path.dirname(path)
    started = []
    try:
        d = Daemon(args, tmp, conf, port).start()
        started.append(d)
        servers = [("unifeed", d.port, lambda: [d.proc.pid])]
        for name, workers in (("nginx", 1), ("nginx x2", 2)):
            if name == "nginx x2" and args.no_nginx2:
                continue
            ng = Nginx(out, workers=workers, gzip=True)
            started.append(ng)
            ng.start()
            servers.append((name, ng.port, ng.pids))
        time.sleep(0.5)     # let the daemon's start-up settle
        key = stat_key(path)
        with open(path, "rb") as f:
            feed = f.read()
        checked = []
        for name, port, pids in servers:
            gzlen, hdrs = check(name, port, feed)
            checked.append((name, port, hdrs, pids))
            print("# %-8s port %5d: answers checked; gzip body %d bytes"
                  % (name, port, gzlen))
        print("# feed.atom: %d bytes (%.0f KB), %d entries"
              % (len(feed), len(feed) / 1000, feed.count(b"<entry>")))
        print("\n%-6s %5s  %10s %9s  %-8s %10s %9s  %5s"
              % ("case", "conns", "unifeed", "p99 ms", "peer", "peer",
                 "p99 ms", "ratio"))
        print("%-6s %5s  %10s %9s  %-8s %10s %9s  %5s"
              % ("", "", "req/s", "", "", "req/s", "", "uf/pe"))
        measure(args, checked)
        if stat_key(path) != key:
            print("# WARNING: feed.atom changed during the benchmark")
    finally:
        for s in reversed(started):
            s.stop()
    with open(d.log) as f:
        trouble = [l for l in f if any(w in l.lower() for w in
                                       ("warn", "error", "sanitizer"))]
    for line in trouble[:5]:
        print("# daemon: %s" % line.rstrip())


def conns_list(s):
    try:
        v = [int(x) for x in s.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected e.g. 1,64,512")
    if not v or min(v) < 1:
        raise argparse.ArgumentTypeError("expected e.g. 1,64,512")
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--duration", type=int, default=3)
    ap.add_argument("--conns", type=conns_list, default=[1, 64, 512])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--items", type=int, default=360,
                    help="generated items (default 360: about 500 KB)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-nginx2", action="store_true")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.unifeed = unifeed_path(args.unifeed)
    if shutil.which("wrk") is None:
        die("wrk missing (apt-get install wrk)")
    if not 1 <= args.duration <= 60 or args.runs < 1 or args.items < 1:
        die("--duration must be 1..60, --runs and --items at least 1")
    print("# command: %s" % " ".join(shlex.quote(a) for a in sys.argv))
    print("# unifeed: %s   nproc: %d   load %s   runs %d x %ds"
          % (args.unifeed, os.cpu_count() or 0, loadavg(), args.runs,
             args.duration))
    tmp = workdir("unifeed-serve-bench-")
    try:
        run(args, tmp)
    finally:
        leave_workdir(tmp, args.keep)


if __name__ == "__main__":
    main()
