"""SIGHUP reloads the feeds file without losing state: a new source is
polled and published; a broken file is refused with its errors logged,
and the daemon keeps running on the old one."""
import os
import signal
import time
from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/a.rss", body=rss("A", [dict(title="From A", guid="a",
         link="https://a.example/1", date="Mon, 15 Apr 2024 08:00:00 GMT")]))
fx.route("/b.rss", body=rss("B", [dict(title="From B", guid="b",
         link="https://b.example/1", date="Sun, 14 Apr 2024 08:00:00 GMT")]))
port = free_port()
listen = "127.0.0.1:%d" % port
wd = Workdir("reload")
wd.write_conf([("a", fx.url("/a.rss"), {})], listen=listen)
d = Daemon(wd)
ok(wait_for(lambda: entry_titles(wd.read("feed.atom")) == ["From A"]),
   "first configuration publishes", d.log())
wd.write_conf([("a", fx.url("/a.rss"), {}), ("b", fx.url("/b.rss"), {})],
              listen=listen, topics={"bee": {"match": "from b"}})
d.signal(signal.SIGHUP)
ok(wait_for(lambda: entry_titles(wd.read("feed.atom")) == ["From A", "From B"]),
   "a source added by reload is polled and published", d.log())
ok(wait_for(lambda: entry_titles(wd.read("topics/bee.atom")) == ["From B"]),
   "a topic added by reload is published", d.log())
wd.write_conf([("a", fx.url("/a.rss"), {}), ("b", fx.url("/b.rss"), {})],
              listen=listen)
d.signal(signal.SIGHUP)
ok(wait_for(lambda: not os.path.exists(wd.file("topics/bee.atom"))),
   "a topic removed by reload is no longer published", d.log())
a_requests = len([r for r in fx.requests if r[0] == "/a.rss"])
ok(a_requests == 1, "the kept source is not polled again early", fx.requests)
fx.route("/a2.rss", body=rss("A2", [dict(title="From A, moved", guid="a2",
         link="https://a.example/2", date="Tue, 16 Apr 2024 08:00:00 GMT")]),
         etag='"a2"')
wd.write_conf([("a", fx.url("/a2.rss"), {}), ("b", fx.url("/b.rss"), {})],
              listen=listen)
d.signal(signal.SIGHUP)
ok(wait_for(lambda: "From A, moved" in entry_titles(wd.read("feed.atom"))),
   "a source whose URL changed is polled at its new URL at once", d.log())
moved = [h for p, h in fx.requests if p == "/a2.rss"]
ok(len(moved) == 1 and "If-None-Match" not in moved[0],
   "without the old URL's validators", moved)
wd.write_conf([("a", fx.url("/a2.rss"), {}), ("b", fx.url("/b.rss"), {})],
              listen=listen)
with open(wd.conf, "a") as f:
    f.write("\n[source broken\nbogus-key = 1\n")
d.signal(signal.SIGHUP)
ok(d.wait_log("reload refused"), "a broken file is refused", d.log())
ok("feeds.conf:" in d.log() and d.proc.poll() is None,
   "its errors are logged with file:line and the daemon runs on", d.log())
time.sleep(1.5)
ok(entry_titles(wd.read("feed.atom")) ==
   ["From A, moved", "From A", "From B"], "the old configuration still holds",
   entry_titles(wd.read("feed.atom")))
# Shortening the interval on reload takes effect without waiting out the
# old one (it was 1h): the source is polled again within the new 10s.
n = len([r for r in fx.requests if r[0] == "/b.rss"])
wd.write_conf([("a", fx.url("/a2.rss"), {}),
               ("b", fx.url("/b.rss"), {"interval": "10s"})], listen=listen)
d.signal(signal.SIGHUP)
ok(wait_for(lambda: len([r for r in fx.requests if r[0] == "/b.rss"]) > n,
            timeout=25), "a shortened interval applies at once", fx.requests)
ok(d.stop() == 0, "SIGTERM exits 0", d.log())
fx.close()
done()
