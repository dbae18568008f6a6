"""A daemon stopped and started again publishes nothing twice and loses
nothing; what arrives while it was down is published once."""
import os
import signal
import subprocess
import time
from harness import *
from fixture import Fixture

fx = Fixture()
items = [dict(title="Story %d" % i, guid="s%d" % i,
              link="https://r.example/%d" % i,
              date="Mon, %02d Apr 2024 08:00:00 GMT" % (10 + i))
         for i in range(3)]
fx.route("/r.rss", body=rss("R", items))
wd = Workdir("restart")
wd.write_conf([("r", fx.url("/r.rss"), {})], listen="127.0.0.1:%d" % free_port())
d = Daemon(wd)
ok(wait_for(lambda: len(entry_titles(wd.read("feed.atom"))) == 3),
   "the daemon publishes", d.log())
rc = d.stop()
ok(rc == 0, "SIGTERM stops it with status 0", d.log())
first = entries(wd.read("feed.atom"))[1]
ids1 = {e.findtext(ATOM + "title"): e.findtext(ATOM + "id") for e in first}
ok(len(first) == 3, "three entries", list(ids1))

items.append(dict(title="Story new", guid="s-new", link="https://r.example/n",
                  date="Mon, 15 Apr 2024 08:00:00 GMT"))
fx.route("/r.rss", body=rss("R", items))
before = os.stat(wd.file("feed.atom"))
d = Daemon(wd)
ok(d.wait_log("started"), "the daemon starts again", d.log())
time.sleep(1.5)
rc = d.stop()
ok(rc == 0, "stops cleanly again", d.log())
after = os.stat(wd.file("feed.atom"))
ok("source r:" not in d.log(), "a restart does not poll before the source "
   "is due", d.log())
ok(before.st_ino == after.st_ino, "a restart rewrites no feed")
p = once(wd)
ok(p.returncode == 0, "a --once run polls it", p.stderr)
second = entries(wd.read("feed.atom"))[1]
titles = [e.findtext(ATOM + "title") for e in second]
ok(sorted(titles) == sorted(["Story 0", "Story 1", "Story 2", "Story new"]),
   "each story once after the restart", titles)
ids2 = {e.findtext(ATOM + "title"): e.findtext(ATOM + "id") for e in second}
ok(all(ids2.get(t) == i for t, i in ids1.items()),
   "entry ids survive the restart", (ids1, ids2))
p = once(wd)
ok(p.returncode == 0 and len(entry_titles(wd.read("feed.atom"))) == 4,
   "one more run adds nothing", p.stderr)

# SIGTERM with a transfer in flight cancels it and exits at once.
fx.route("/slow.rss", body=rss("S", []), delay=15)
wd.write_conf([("slow", fx.url("/slow.rss"), {})],
              listen="127.0.0.1:%d" % free_port(), extra="timeout = 60s")
d = Daemon(wd)
ok(wait_for(lambda: any(r[0] == "/slow.rss" for r in fx.requests)),
   "the slow source is being fetched", d.log())
t0 = time.time()
rc = d.stop()
ok(rc == 0 and time.time() - t0 < 5, "SIGTERM mid-transfer exits 0 at "
   "once (%.2fs)" % (time.time() - t0), d.log())

# --once ignores SIGHUP (it would otherwise kill it or reload mid-cycle)
# and ends in a publish; SIGTERM during --once is exit status 3.
fx.route("/slow2.rss", body=rss("S2", [dict(title="Slow but fine",
         guid="s2", link="https://r.example/s2",
         date="Mon, 15 Apr 2024 08:00:00 GMT")]), delay=1.5)
wd.write_conf([("slow2", fx.url("/slow2.rss"), {})])
proc = subprocess.Popen([UNIFEED, "--once", "-c", wd.conf],
                        stderr=subprocess.PIPE, text=True)
time.sleep(0.5)
proc.send_signal(signal.SIGHUP)
_, err = proc.communicate(timeout=30)
ok(proc.returncode == 0 and "ignoring SIGHUP" in err and
   "Slow but fine" in entry_titles(wd.read("feed.atom")),
   "--once ignores SIGHUP and finishes its cycle", (proc.returncode, err))
fx.route("/slow2.rss", body=rss("S2", []), delay=5)
proc = subprocess.Popen([UNIFEED, "--once", "-c", wd.conf],
                        stderr=subprocess.PIPE, text=True)
time.sleep(0.5)
proc.send_signal(signal.SIGTERM)
_, err = proc.communicate(timeout=30)
ok(proc.returncode == 3, "SIGTERM during --once exits 3", (proc.returncode,
                                                          err))
fx.close()
done()
