"""SIGHUP reloads the feeds file without losing state: a new source is
polled and published; a broken file is refused with its errors logged,
and the daemon keeps running on the old one."""
import os
import signal
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
with open(wd.conf, "a") as f:
    f.write("\n[source broken\nbogus-key = 1\n")
d.signal(signal.SIGHUP)
ok(d.wait_log("reload refused"), "a broken file is refused", d.log())
ok("feeds.conf:" in d.log() and d.proc.poll() is None,
   "its errors are logged with file:line and the daemon runs on", d.log())
with open(wd.conf, "w") as f:
    f.write("[unifeed]\nlisten = %s\n" % listen)
ok(entry_titles(wd.read("feed.atom")) == ["From A", "From B"],
   "the old configuration still holds")
ok(d.stop() == 0, "SIGTERM exits 0", d.log())
fx.close()
done()
