"""Broken sources (XML beyond repair, HTTP 500, a timeout, a refused
connection, an oversized body, a non-feed page) beside healthy ones: the
healthy ones still publish, each failure is logged once with its source
and reason, and --once exits 4. Broken XML that can be read (an unclosed
tag) publishes what was read, with a warning naming the source and line."""
import os
import sqlite3
import time
from harness import *
from fixture import Fixture

fx = Fixture()
good = lambda n: rss("Good %s" % n, [dict(title="Healthy story %s" % n,
                     guid="g%s" % n, link="https://ok.example/%s" % n,
                     date="Mon, 15 Apr 2024 08:00:00 GMT")])
fx.route("/good1.rss", body=good(1))
fx.route("/good2.rss", body=good(2))
fx.route("/malformed.rss", body='<?xml version="1.0"?>\n\x01\x02 no markup\n')
fx.route("/unclosed.rss", body='<?xml version="1.0"?>\n<rss version="2.0">\n'
         '<channel><title>x</title>\n<item><title>Unclosed story</item>\n'
         '</channel></rss>\n')
fx.route("/500.rss", body="oops", status=500, ctype="text/plain")
fx.route("/slow.rss", body=good(3), delay=6)
fx.route("/big.rss", body=good(4) + "<!--" + "x" * 300000 + "-->")
fx.route("/page.html", body="<!DOCTYPE html><html><body>hi</body></html>",
         ctype="text/html")
dead = free_port()
wd = Workdir("broken")
wd.write_conf([
    ("good1", fx.url("/good1.rss"), {}),
    ("malformed", fx.url("/malformed.rss"), {}),
    ("unclosed", fx.url("/unclosed.rss"), {}),
    ("error500", fx.url("/500.rss"), {}),
    ("slow", fx.url("/slow.rss"), {}),
    ("refused", "http://127.0.0.1:%d/x.rss" % dead, {}),
    ("big", fx.url("/big.rss"), {}),
    ("page", fx.url("/page.html"), {}),
    ("good2", fx.url("/good2.rss"), {}),
], extra="max-size = 100K")
t0 = time.time()
p = once(wd)
elapsed = time.time() - t0
ok(p.returncode == 4, "--once exits 4 when a source failed", p.returncode)
titles = entry_titles(wd.read("feed.atom"))
ok(sorted(titles) == ["Healthy story 1", "Healthy story 2",
                      "Unclosed story"],
   "healthy sources, and what broken XML still holds, publish", titles)
log = p.stderr
for name, why in [("malformed", "line 2"), ("error500", "500"),
                  ("slow", "imeout"), ("refused", "onnect"),
                  ("big", "larger than"), ("page", "not a feed: an HTML"),
                  ("unclosed", "not well-formed XML, read as far as "
                   "possible: line 4")]:
    lines = [l for l in log.splitlines()
             if "source %s:" % name in l and "warning" in l]
    ok(len(lines) == 1 and why in lines[0],
       "source %s is warned about once, with its reason (%s)" % (name, why),
       log)
ok(elapsed < 30, "the slow source did not hold the others beyond its "
   "timeout (%.1fs)" % elapsed)

# Back-off: each failure is counted in the state and pushes the next poll
# further out; a success resets it.
def state(name):
    db = sqlite3.connect(wd.state)
    row = db.execute("SELECT failures, next_fetch, last_attempt, last_error "
                     "FROM sources WHERE name = ?", (name,)).fetchone()
    db.close()
    return row


f1 = state("error500")
ok(f1 is not None and f1[0] == 1 and "500" in (f1[3] or ""),
   "a failure is recorded with its reason", f1)
wd.write_conf([("error500", fx.url("/500.rss"), {})], extra="max-size = 100K")
once(wd)
once(wd)
f3 = state("error500")
ok(f3 is not None and f3[0] == 3, "consecutive failures are counted", f3)
if f1 and f3:
    d1, d3 = f1[1] - f1[2], f3[1] - f3[2]
    ok(d3 >= 3 * d1, "the next poll backs off exponentially (%ds, then "
       "%ds)" % (d1, d3))
fx.route("/500.rss", body=good(5))
once(wd)
f4 = state("error500")
ok(f4 is not None and f4[0] == 0 and f4[3] is None,
   "a success resets the failure count", f4)

# An output that cannot be written: --once says so with status 3.
bad = Workdir("badout")
open(os.path.join(bad.path, "public"), "w").close()   # a file, not a dir
bad.write_conf([("good1", fx.url("/good1.rss"), {})])
p = once(bad)
ok(p.returncode == 3 and "publish" in p.stderr,
   "--once exits 3 when publishing fails", (p.returncode, p.stderr))
fx.close()
done()
