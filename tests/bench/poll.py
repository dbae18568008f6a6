#!/usr/bin/python3
"""Benchmark the poll cycle: unifeed --once against sfeed_update and newsboat.

This is a benchmark, not a test: it prints figures and PASS/FAIL lines
against the targets, exits 0 whatever they say, and is not part of
`make check`.

For each N of --feeds (default 100,1000; 5000 allowed) it writes the
workload of tests/bench/workload.py (N feeds of real corpus items, RSS
2.0, Atom and RDF, ~110 KB a feed, ~10% of the items syndicated into a
second feed under a tracking URL; same --seed, same bytes) into a
temporary folder and starts nginx over it on a free 127.0.0.1 port
(tests/bench/nginx.py: one worker, ETag and Last-Modified, 304 to
If-None-Match and If-Modified-Since, an access log read to count 200s
and 304s). Then --runs times (default 3), the tools in an order that
rotates run by run so that machine noise hits them alike:

  unifeed   `unifeed --once -q -c feeds.conf` on a fresh state: cycle 1
            "all new", cycle 2 "all 304" on the state it left, cycle 3
            "10% changed" after a tenth of the feeds got 2-10 new items
            (their files rewritten, so their validators change); then
            the files are put back. The feeds file has N sources (all
            on 127.0.0.1, so the daemon's 2 connections per host
            apply), every seventh with `topics =`, and five [topic]
            sections with `match` keywords, listen = off.
  sfeed     `sfeed_update sfeedrc` (Debian package sfeed, its defaults:
            8 feeds at a time, each through curl, sfeed, sort) into a
            fresh folder, twice. sfeed_update 1.7 sends no conditional
            requests: its second run fetches and parses everything again.
  newsboat  `newsboat -C config -u urls -c cache.db -x reload` on a
            fresh cache, three times: newsboat 2.21 loses the validators
            of a feed's very first fetch, so its second run is all 200
            again and only the third is its all-304 cycle. The config
            file is empty (newsboat's defaults, one reload thread); HOME
            is the run's folder so that nothing under ~/.newsboat is
            read or written.

Each command runs under GNU time (/usr/bin/time, Debian package `time`):
wall time is taken around it, user+sys CPU is the rusage of the time
process (its child and every descendant the child waited for: all of
sfeed_update's curl, sfeed and sort processes), peak RSS is `%M`, the
largest resident set of one process (for sfeed_update, the largest
single process of its tree, not their sum). Per tool and cycle it prints
median and minimum wall, median CPU, median and maximum peak RSS, the
requests nginx answered with 200/304 (median) and what the tool stored:
unifeed's rows in the state's `entries` table against the distinct
articles of the workload (items minus syndicated copies, plus the new
ones in cycle 3), sfeed's lines in its feed files and newsboat's rows in
`rss_item` against the items served, so that no peer is fast because it
failed. Then unifeed's ratios (peer wall / unifeed wall, and CPU, the
median of the per-run ratios) and a PASS/FAIL line per target that
applies at that N:

  N=1000: first cycle <= 2 s wall, >= 10x faster than sfeed_update's
          first run, >= 20x faster than newsboat's; all-304 cycle
          <= 0.3 s
  N=5000: first cycle <= 10 s; peak RSS <= 100 MB in every cycle

--soak CYCLES (default off; the target says 20) then runs the daemon
itself (`unifeed -d -c feeds.conf`, listen = off, interval = 10s, the
shortest the feeds file allows; sources are polled on their own timers,
10% jitter) over the largest N (or --soak-feeds N): a cycle ends when
every source has logged the end of one more poll ("source S: N items,
..." or, at debug level, "source S: not modified", or a warning). After
each cycle it reads VmRSS and VmHWM from /proc/PID/status and gives a
tenth of the feeds new items (a new tenth each time), then prints the
series and whether the second half of the cycles grew over the first
(median VmRSS and the high-water mark; flat means within 1 MiB).

Run it on an optimized, non-sanitized build:

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/poll.py --unifeed ./unifeed                 # N=100,1000
  ../tests/bench/poll.py --unifeed ./unifeed --feeds 5000 --runs 1 --soak 20

Options: --unifeed PATH (default $UNIFEED or ./unifeed), --feeds LIST,
--runs R, --seed S, --tools LIST (default unifeed,sfeed,newsboat),
--soak CYCLES, --soak-feeds N, --corpus DIR, --timeout S (kill one
command after S seconds, default 900), --keep (keep the temporary
folder and print where). See tests/bench/README.md for the columns.
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import workload
from benchutil import die, leave_workdir, loadavg, workdir
from nginx import Nginx

TIME = "/usr/bin/time"          # GNU time, Debian package `time`
SFEED_UPDATE = shutil.which("sfeed_update") or "/usr/bin/sfeed_update"
NEWSBOAT = shutil.which("newsboat") or "/usr/bin/newsboat"
ATOM = "{http://www.w3.org/2005/Atom}"
TOPICS = [                      # (name, title, match keywords)
    ("health", "Health", "health, hospital, doctors, medical"),
    ("economy", "Economy", "economy, market, inflation, \"interest rates\""),
    ("politics", "Politics", "election, president, senate, parliament"),
    ("tech", "Technology", "software, internet, computer, \"data\""),
    ("climate", "Climate", "climate, energy, emissions, weather"),
]
CYCLES = {                      # tool: its cycles, in order
    "unifeed": ("1 all new", "2 all 304", "3 10% changed"),
    "sfeed": ("1 first", "2 again (200)"),
    "newsboat": ("1 first", "2 again (200)", "3 all 304"),
}
RATIOS = [                      # (peer, peer cycle, unifeed cycle)
    ("sfeed", "1 first", "1 all new"),
    ("newsboat", "1 first", "1 all new"),
    ("sfeed", "2 again (200)", "2 all 304"),
    ("newsboat", "3 all 304", "2 all 304"),
]
SOAK_INTERVAL = 10              # the daemon's MIN_INTERVAL (defaults.h)
FLAT_MIB = 1.0                  # growth still called flat
MB = 1e6



# --- measuring ---------------------------------------------------------------

class Sample:
    """One command: wall and CPU seconds, peak RSS, exit status, the
    200/304 answers nginx logged for it and what it stored."""

    def __init__(self, wall, cpu, rss_kib, rc, stderr):
        self.wall, self.cpu, self.rss = wall, cpu, rss_kib / 1024.0
        self.rc, self.stderr = rc, stderr
        self.ok = self.notmod = 0
        self.got = self.expect = None
        self.published = None


def run_timed(cmd, cwd, tag, timeout, env=None):
    """Run cmd under GNU time in its own process group; on a timeout or
    an interrupt, TERM then KILL the whole group."""
    errpath = os.path.join(cwd, "stderr-%s.log" % tag)
    timepath = os.path.join(cwd, "time-%s.txt" % tag)
    full = [TIME, "-f", "%M", "-o", timepath] + cmd
    with open(errpath, "w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                             stdout=err, stderr=err, start_new_session=True)
        killer = threading.Timer(timeout, stop_group, (p.pid,))
        killer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        except BaseException:
            stop_group(p.pid)
            p.wait()
            raise
        finally:
            killer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    rss = 0
    try:
        with open(timepath) as f:
            lines = f.read().splitlines()
        rss = int(lines[-1].split()[-1])
    except (OSError, ValueError, IndexError):
        pass
    s = Sample(wall, ru.ru_utime + ru.ru_stime, rss, rc, text)
    if wall >= timeout:
        s.stderr += "\n(killed after %.0f s: --timeout)" % wall
    return s


def stop_group(pid):
    """TERM a process group (sfeed_update cleans up on it), then KILL."""
    try:
        os.killpg(pid, signal.SIGTERM)
        time.sleep(3)
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


class AccessLog:
    """Counts nginx's 200 and 304 answers since the last call."""

    STATUS = re.compile(rb'" (\d{3}) ')

    def __init__(self, path):
        self.path, self.pos = path, 0

    def take(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.pos)
                data = f.read()
        except OSError:
            return 0, 0
        self.pos += len(data)
        codes = [m.group(1) for m in self.STATUS.finditer(data)]
        return codes.count(b"200"), codes.count(b"304")


def measure(log, cmd, cwd, tag, timeout, env=None):
    log.take()
    s = run_timed(cmd, cwd, tag, timeout, env)
    s.ok, s.notmod = log.take()
    return s


# --- the tools ---------------------------------------------------------------

def write_conf(path, wl, ng, interval="1h"):
    lines = ["# unifeed poll benchmark: %d sources" % wl.n, "[unifeed]",
             "title = bench", "listen = off", "output = public",
             "state = state.db", "interval = %s" % interval]
    for f in wl.feeds:
        lines += ["", "[source %s]" % f.name, "url = %s" % ng.url(f.path)]
        if f.i % 7 == 0:
            lines.append("topics = %s" % TOPICS[f.i % len(TOPICS)][0])
    for name, title, match in TOPICS:
        lines += ["", "[topic %s]" % name, "title = %s" % title,
                  "match = %s" % match]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def run_unifeed(args, wl, ng, log, www, wdir):
    """Cycles 1-3 of unifeed --once on a fresh state; files put back."""
    conf = os.path.join(wdir, "feeds.conf")
    write_conf(conf, wl, ng)
    cmd = [args.unifeed, "--once", "-q", "-c", conf]
    out = []
    articles = wl.articles()
    for c, expect in ((1, articles), (2, articles), (3, None)):
        if c == 3:
            _, new = wl.change(www)
            expect = articles + new
        s = measure(log, cmd, wdir, "unifeed-c%d" % c, args.timeout)
        s.got, s.expect = count_entries(wdir), expect
        s.published = count_published(os.path.join(wdir, "public",
                                                    "feed.atom"))
        out.append(s)
    wl.reset(www)
    return out


def count_entries(wdir):
    try:
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(wdir,
                                                              "state.db"),
                             uri=True)
        try:
            return db.execute("SELECT count(*) FROM entries").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return None


def count_published(path):
    try:
        return len(ET.parse(path).getroot().findall(ATOM + "entry"))
    except (OSError, ET.ParseError):
        return 0


def run_sfeed(args, wl, ng, log, wdir):
    """sfeed_update twice into a fresh folder."""
    rc = os.path.join(wdir, "sfeedrc")
    lines = ['sfeedpath="%s/feeds"' % wdir, "feeds() {"]
    lines += ['\tfeed "%s" "%s"' % (f.name, ng.url(f.path))
              for f in wl.feeds]
    with open(rc, "w") as f:
        f.write("\n".join(lines + ["}", ""]))
    env = dict(os.environ, HOME=wdir)
    out = []
    for c in (1, 2):
        s = measure(log, [SFEED_UPDATE, rc], wdir, "sfeed-%d" % c,
                    args.timeout, env)
        s.got, s.expect = count_lines(os.path.join(wdir, "feeds")), wl.items()
        out.append(s)
    return out


def count_lines(folder):
    n = 0
    try:
        for name in os.listdir(folder):
            with open(os.path.join(folder, name), "rb") as f:
                n += sum(1 for _ in f)
    except OSError:
        pass
    return n


def run_newsboat(args, wl, ng, log, wdir):
    """newsboat -x reload three times on a fresh cache."""
    conf, urls = os.path.join(wdir, "config"), os.path.join(wdir, "urls")
    with open(conf, "w") as f:
        f.write("# newsboat's defaults\n")
    with open(urls, "w") as f:
        f.write("".join(ng.url(fd.path) + "\n" for fd in wl.feeds))
    cache = os.path.join(wdir, "cache.db")
    env = dict(os.environ, HOME=wdir)
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    cmd = [NEWSBOAT, "-C", conf, "-u", urls, "-c", cache, "-x", "reload"]
    out = []
    for c in (1, 2, 3):
        s = measure(log, cmd, wdir, "newsboat-%d" % c, args.timeout, env)
        s.got, s.expect = count_rows(cache, "rss_item"), wl.items()
        out.append(s)
    return out


def count_rows(path, table):
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        try:
            return db.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return None


def bench_n(args, pool, tmp, n, results):
    """Generate the workload for n feeds, serve it, run every tool."""
    t0 = time.perf_counter()
    wl = workload.Workload(n, args.seed, pool)
    www = os.path.join(tmp, "n%d" % n, "www")
    size = wl.write(www)
    print("# N=%d workload: %s; built in %.1f s" % (
        n, wl.summary(size), time.perf_counter() - t0))
    sys.stdout.flush()
    samples = {(t, c): [] for t in args.tools for c in CYCLES[t]}
    runners = {"unifeed": lambda d: run_unifeed(args, wl, ng, log, www, d),
               "sfeed": lambda d: run_sfeed(args, wl, ng, log, d),
               "newsboat": lambda d: run_newsboat(args, wl, ng, log, d)}
    took = {t: 0.0 for t in args.tools}
    with Nginx(www, workers=1, access_log=True) as ng:
        log = AccessLog(os.path.join(ng.dir, "access.log"))
        for r in range(args.runs):
            order = args.tools[r % len(args.tools):] + \
                args.tools[:r % len(args.tools)]
            for tool in order:
                wdir = os.path.join(tmp, "n%d" % n, "%s-run%d" % (tool, r))
                os.makedirs(wdir)
                t1 = time.perf_counter()
                for c, s in zip(CYCLES[tool], runners[tool](wdir)):
                    samples[(tool, c)].append(s)
                took[tool] += time.perf_counter() - t1
            print("# N=%d run %d done (%s)" % (n, r + 1, ", ".join(order)))
            sys.stdout.flush()
        soak = None
        if args.soak and n == args.soak_feeds:
            soak = run_soak(args, wl, ng, www, os.path.join(tmp, "n%d" % n,
                                                            "soak"))
    results.append((n, wl, size, samples, took, soak))


# --- soak --------------------------------------------------------------------

DONE = re.compile(r"source (\S+): (\d+ items?, |not modified|.*://)")


class Polls:
    """Reads the daemon's stderr: polls ended per source."""

    def __init__(self, stream, names, logpath):
        self.count = dict.fromkeys(names, 0)
        self.cond = threading.Condition()
        self.lines = 0
        self.thread = threading.Thread(target=self._read,
                                       args=(stream, logpath), daemon=True)
        self.thread.start()

    def _read(self, stream, logpath):
        with open(logpath, "w") as out:
            for line in stream:
                out.write(line)
                m = DONE.search(line)
                if m and "fetching" not in line and m.group(1) in self.count:
                    with self.cond:
                        self.count[m.group(1)] += 1
                        self.cond.notify_all()
        with self.cond:
            self.lines = -1
            self.cond.notify_all()

    def wait_cycle(self, k, timeout):
        """Until every source ended k polls; False on a timeout or exit."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while min(self.count.values()) < k:
                left = deadline - time.monotonic()
                if left <= 0 or self.lines < 0:
                    return False
                self.cond.wait(left)
        return True


def proc_status(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "VmHWM"):
                    out[k] = int(v.split()[0]) / 1024.0
    except (OSError, ValueError):
        pass
    return out


def run_soak(args, wl, ng, www, wdir):
    """The daemon over the workload for args.soak cycles, 10% changed
    between cycles; returns [(cycle, seconds, VmRSS, VmHWM, entries)]."""
    os.makedirs(wdir)
    conf = os.path.join(wdir, "feeds.conf")
    write_conf(conf, wl, ng, "%ds" % SOAK_INTERVAL)
    print("# soak: unifeed -d -c feeds.conf over N=%d, interval %ds, %d "
          "cycles" % (wl.n, SOAK_INTERVAL, args.soak))
    sys.stdout.flush()
    p = subprocess.Popen([args.unifeed, "-d", "-c", conf], cwd=wdir,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, errors="replace",
                         start_new_session=True)
    polls = Polls(p.stderr, [f.name for f in wl.feeds],
                  os.path.join(wdir, "stderr.log"))
    series = []
    t0 = time.monotonic()
    try:
        for k in range(1, args.soak + 1):
            if not polls.wait_cycle(k, args.timeout):
                print("# soak: cycle %d did not end (daemon %s)" % (
                    k, "exited %s" % p.poll() if p.poll() is not None
                    else "still running"))
                break
            st = proc_status(p.pid)
            series.append((k, time.monotonic() - t0, st.get("VmRSS", 0),
                           st.get("VmHWM", 0), count_entries(wdir)))
            if k < args.soak:
                wl.change(www)
    finally:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        wl.reset(www)
    return series


# --- report ------------------------------------------------------------------

def med(vals):
    return statistics.median(vals) if vals else float("nan")


def report_n(n, wl, size, samples, took, args):
    print()
    print("N=%d: %s" % (n, wl.summary(size)))
    print("%-9s %-14s %4s %15s %9s %15s %11s %8s %8s %5s %s" % (
        "tool", "cycle", "runs", "wall s med/min", "cpu s med",
        "rss MiB med/max", "200/304", "stored", "expected", "publ", "exit"))
    for (tool, cycle), ss in samples.items():
        if not ss:
            continue
        wall = [s.wall for s in ss]
        rss = [s.rss for s in ss]
        print("%-9s %-14s %4d %15s %9.3f %15s %11s %8s %8d %5s %s" % (
            tool, cycle, len(ss), "%.3f/%.3f" % (med(wall), min(wall)),
            med([s.cpu for s in ss]), "%.1f/%.1f" % (med(rss), max(rss)),
            "%d/%d" % (med([s.ok for s in ss]), med([s.notmod for s in ss])),
            ss[-1].got, ss[-1].expect,
            "-" if ss[-1].published is None else ss[-1].published,
            ",".join(sorted(set(str(s.rc) for s in ss)))))
        for note in notes(tool, cycle, ss):
            print("#   %s %s: %s" % (tool, cycle, note))
    print("time spent per tool (all runs, all cycles): %s" % ", ".join(
        "%s %.0f s" % (t, v) for t, v in took.items()))
    ratios(samples)
    targets(n, samples)
    sys.stdout.flush()


def notes(tool, cycle, ss):
    """Trouble worth a line: counts off, exit statuses, stderr."""
    out = []
    for i, s in enumerate(ss):
        if s.got != s.expect:
            out.append("run %d: stored %s, expected %d (difference %+d)" % (
                i + 1, s.got, s.expect, (s.got or 0) - s.expect))
        if s.rc != 0:
            out.append("run %d: exit status %d" % (i + 1, s.rc))
    bad = [s for s in ss if s.rc != 0 or (tool == "unifeed" and
                                            s.stderr.strip())]
    if bad:
        lines = bad[0].stderr.strip().splitlines()
        out += ["stderr: %s" % l[:150] for l in lines[:4]]
        if len(lines) > 4:
            out.append("stderr: ... %d more lines" % (len(lines) - 4))
    return out


def ratios(samples):
    """Peer wall / unifeed wall (and CPU), median of per-run ratios."""
    rows = []
    for peer, pc, uc in RATIOS:
        ps, us = samples.get((peer, pc)), samples.get(("unifeed", uc))
        if not ps or not us:
            continue
        w = [p.wall / u.wall for p, u in zip(ps, us) if u.wall > 0]
        c = [p.cpu / u.cpu for p, u in zip(ps, us) if u.cpu > 0]
        rows.append("  %-9s %-14s / unifeed %-14s wall %6.1fx   cpu %6.1fx"
                    % (peer, pc, uc, med(w), med(c)))
    if rows:
        print("unifeed's ratios (peer / unifeed, median of same-run "
              "ratios):")
        print("\n".join(rows))


def targets(n, samples):
    """PASS/FAIL per target at n; a figure only counts when the samples
    behind it (unifeed's, and the peer's for a ratio) exited 0 and
    stored what they should."""
    def get(tool, cycle):
        return samples.get((tool, cycle)) or []

    def ratio(peer, pc, uc):
        ps, us = get(peer, pc), get("unifeed", uc)
        return med([p.wall / u.wall for p, u in zip(ps, us) if u.wall > 0])

    first, c304 = get("unifeed", "1 all new"), get("unifeed", "2 all 304")
    checks = []
    if n == 1000 and first:
        w = med([s.wall for s in first])
        checks.append((w <= 2.0, first, "1000 feeds, first cycle <= 2 s "
                       "wall: %.3f s" % w))
        for peer, want in (("sfeed", 10), ("newsboat", 20)):
            if get(peer, "1 first"):
                x = ratio(peer, "1 first", "1 all new")
                checks.append((x >= want, first + get(peer, "1 first"),
                               ">= %dx faster than %s (first run): %.1fx"
                               % (want, "sfeed_update" if peer == "sfeed"
                                  else peer, x)))
    if n == 1000 and c304:
        w = med([s.wall for s in c304])
        checks.append((w <= 0.3, c304, "1000 feeds, all-304 cycle <= 0.3 s "
                       "wall: %.3f s" % w))
    if n == 5000 and first:
        w = med([s.wall for s in first])
        checks.append((w <= 10.0, first, "5000 feeds, first cycle <= 10 s "
                       "wall: %.3f s" % w))
        every = [s for c in CYCLES["unifeed"] for s in get("unifeed", c)]
        peak = max(s.rss for s in every) * 1048576
        checks.append((peak <= 100 * MB, every, "5000 feeds, peak RSS <= "
                       "100 MB: %.1f MB (%.1f MiB), worst cycle"
                       % (peak / MB, peak / 1048576)))
    for met, behind, what in checks:
        sound = all(s.rc == 0 and s.got == s.expect for s in behind)
        print("%s  %s%s" % ("PASS" if met and sound else "FAIL", what,
                            "" if sound else " (a run behind it failed or "
                            "stored the wrong count)"))
    if not checks:
        print("(no target applies at N=%d)" % n)


def report_soak(series, cycles):
    print()
    print("soak: %d of %d cycles" % (len(series), cycles))
    print("%5s %8s %10s %10s %9s" % ("cycle", "t s", "VmRSS MiB",
                                     "VmHWM MiB", "entries"))
    for k, t, rss, hwm, ent in series:
        print("%5d %8.1f %10.1f %10.1f %9s" % (k, t, rss, hwm, ent))
    if len(series) < 4:
        print("FAIL  flat RSS: too few cycles to tell")
        return
    half = len(series) // 2
    a, b = series[:half], series[len(series) - half:]
    grow = med([s[2] for s in b]) - med([s[2] for s in a])
    hwm = series[-1][3] - series[half - 1][3]
    ok = grow <= FLAT_MIB and hwm <= FLAT_MIB and len(series) == cycles
    print("%s  flat RSS over %d cycles: median VmRSS of the last %d cycles "
          "%+.1f MiB over the first %d; VmHWM %+.1f MiB from cycle %d to %d "
          "(flat: <= %.0f MiB)" % ("PASS" if ok else "FAIL", len(series),
                                   half, grow, half, hwm, half, len(series),
                                   FLAT_MIB))


# --- main --------------------------------------------------------------------


def interrupted(sig, frame):
    """SIGTERM ends the script as Ctrl-C does: children, nginx, folder."""
    raise KeyboardInterrupt


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--feeds", default="100,1000",
                    help="comma list of feed counts (100, 1000, 5000)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tools", default="unifeed,sfeed,newsboat")
    ap.add_argument("--soak", type=int, default=0, metavar="CYCLES",
                    help="then run the daemon for CYCLES cycles over the "
                    "largest N and follow its RSS")
    ap.add_argument("--soak-feeds", type=int, metavar="N",
                    help="the N of --feeds the soak runs over (default: "
                    "the largest)")
    ap.add_argument("--corpus", default=workload.corpus_dir())
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds before one command is killed")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary folder")
    args = ap.parse_args()
    try:
        args.feeds = [int(x) for x in args.feeds.split(",") if x.strip()]
    except ValueError:
        die("--feeds: a comma list of numbers")
    if args.soak_feeds is None:
        args.soak_feeds = max(args.feeds or [0])
    elif args.soak_feeds not in args.feeds:
        die("--soak-feeds must be one of --feeds")
    args.tools = [t for t in args.tools.split(",") if t]
    if any(t not in CYCLES for t in args.tools) or "unifeed" not in \
            args.tools:
        die("--tools: unifeed plus any of sfeed, newsboat")
    if args.runs < 1 or not args.feeds or any(n < 2 or n > 10000
                                              for n in args.feeds):
        die("--runs must be positive, --feeds between 2 and 10000")
    args.unifeed = os.path.abspath(args.unifeed)
    for path in [args.unifeed, TIME] + \
            ([SFEED_UPDATE] if "sfeed" in args.tools else []) + \
            ([NEWSBOAT] if "newsboat" in args.tools else []):
        if not os.access(path, os.X_OK):
            die("%s: not an executable (apt-get install time sfeed "
                "newsboat nginx-light; --unifeed or $UNIFEED)" % path)
    if not os.path.isdir(args.corpus):
        die("no corpus at %s (give --corpus)" % args.corpus)
    return args


def main():
    args = parse_args()
    print("# command: %s" % " ".join(shlex.quote(a) for a in sys.argv))
    print("# unifeed: %s   nproc: %d   load %s   python %s   seed %d   "
          "runs %d" % (args.unifeed, os.cpu_count() or 0, loadavg(),
                       sys.version.split()[0], args.seed, args.runs))
    print("# peers: sfeed_update (sfeed 1.7 defaults: 8 feeds at a time, "
          "no conditional GET); newsboat -x reload (empty config: "
          "defaults, reload-threads 1; HOME set to its run folder)")
    sys.stdout.flush()
    t0 = time.perf_counter()
    pool, files = workload.workload_pool(args.corpus)
    print("# corpus: %d real items from %d feed files (read in %.1f s)"
          % (len(pool), files, time.perf_counter() - t0))
    signal.signal(signal.SIGTERM, interrupted)
    tmp = workdir("unifeed-poll-")
    results = []
    try:
        for n in args.feeds:
            bench_n(args, pool, tmp, n, results)
    except KeyboardInterrupt:
        print("# interrupted")
    finally:
        leave_workdir(tmp, args.keep)
    for n, wl, size, samples, took, soak in results:
        report_n(n, wl, size, samples, took, args)
        if soak is not None:
            report_soak(soak, args.soak)


if __name__ == "__main__":
    main()
