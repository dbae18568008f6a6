"""The daemon polling one source again and again (no validators, so every
poll is a 200): items unchanged since the last poll are left out of the
work, yet an edited item is updated, a new one added, the log counts all
of them, and a topic added by reload reaches the unchanged items too."""
import signal
from harness import *
from fixture import Fixture

items = [dict(title="Tram line %d opens" % i, guid="t-%d" % i,
              link="https://t.example/%d" % i,
              date="Mon, 1%d Apr 2024 08:00:00 GMT" % i,
              description="Line %d runs every ten minutes." % i)
         for i in range(1, 4)]
fx = Fixture()
fx.route("/t.rss", body=rss("T", items))
wd = Workdir("repoll")
listen = "127.0.0.1:%d" % free_port()
wd.write_conf([("t", fx.url("/t.rss"), {"interval": "10s"})], listen=listen)
d = Daemon(wd, ["-d"])
ok(d.wait_log("source t: 3 items, 3 new, 0 updated"),
   "the first poll stores three items", d.log())
ok(d.wait_log("source t: 3 items, 0 new, 0 updated", timeout=30),
   "the same feed again: three items, nothing new", d.log())
items[1]["description"] = "Line 2 now runs every five minutes."
items.append(dict(title="Tram line 4 opens", guid="t-4",
                  link="https://t.example/4",
                  date="Sun, 14 Apr 2024 08:00:00 GMT",
                  description="Line 4 runs at night."))
fx.route("/t.rss", body=rss("T", items))
ok(d.wait_log("source t: 4 items, 1 new, 1 updated", timeout=30),
   "an edited and a new item among unchanged ones are both seen", d.log())
ok(wait_for(lambda: len(entry_titles(wd.read("feed.atom"))) == 4),
   "four entries are published", d.log())
xml = wd.read("feed.atom").decode()
ok("every five minutes" in xml, "the edited text is published")
wd.write_conf([("t", fx.url("/t.rss"), {"interval": "10s"})], listen=listen,
              topics={"one": {"match": "\"line 1\""}})
d.signal(signal.SIGHUP)
ok(wait_for(lambda: entry_titles(wd.read("topics/one.atom")) ==
            ["Tram line 1 opens"], timeout=30),
   "a topic added by reload is given to an item that did not change",
   d.log())
rc = d.stop()
ok(rc == 0, "the daemon stops cleanly", d.log())
done()
