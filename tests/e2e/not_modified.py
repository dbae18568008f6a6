"""A second cycle answered with 304 sends the validators, parses nothing and
rewrites no published file."""
import os
from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/etag.rss", body=rss("E", [dict(title="One", guid="1",
         link="https://e.example/1", date="Mon, 15 Apr 2024 08:00:00 GMT")]),
         etag='"v1"')
fx.route("/lm.rss", body=rss("L", [dict(title="Two", guid="2",
         link="https://l.example/2", date="Mon, 15 Apr 2024 09:00:00 GMT")]),
         last_modified="Mon, 15 Apr 2024 09:00:00 GMT")
wd = Workdir("304")
wd.write_conf([("etag", fx.url("/etag.rss"), {}),
               ("lm", fx.url("/lm.rss"), {})],
              topics={"all": {"match": "one, two"}})
p = once(wd)
ok(p.returncode == 0, "first cycle exits 0", p.stderr)
names = ["feed.atom", "topics/all.atom", "index.html", "sources.opml"]
before = {n: os.stat(wd.file(n)) for n in names}
p = once(wd)
ok(p.returncode == 0, "second cycle exits 0", p.stderr)
second = fx.requests[2:]
ok(len(second) == 2, "each source asked again", fx.requests)
hdr = {path: h for path, h in second}
ok(hdr.get("/etag.rss", {}).get("If-None-Match") == '"v1"',
   "the stored ETag is sent as If-None-Match", hdr)
ok(hdr.get("/lm.rss", {}).get("If-Modified-Since") ==
   "Mon, 15 Apr 2024 09:00:00 GMT",
   "the stored Last-Modified is sent verbatim", hdr)
ok(fx.not_modified == 2, "both answered 304", fx.not_modified)
after = {n: os.stat(wd.file(n)) for n in names}
same = all(before[n].st_ino == after[n].st_ino and
           before[n].st_mtime_ns == after[n].st_mtime_ns for n in names)
ok(same, "no published file was rewritten",
   {n: (before[n].st_ino, after[n].st_ino) for n in names})
ok(len(entry_titles(wd.read("feed.atom"))) == 2, "still two entries")

# The source moves to another URL (edit and restart): the old URL's
# validators are not sent there, so nothing is skipped as "not modified".
fx.route("/moved.rss", body=rss("E", [dict(title="Moved story", guid="m",
         link="https://e.example/m", date="Tue, 16 Apr 2024 08:00:00 GMT")]),
         etag='"v1"')
wd.write_conf([("etag", fx.url("/moved.rss"), {}),
               ("lm", fx.url("/lm.rss"), {})],
              topics={"all": {"match": "one, two"}})
n = len(fx.requests)
p = once(wd)
moved = [h for path, h in fx.requests[n:] if path == "/moved.rss"]
ok(len(moved) == 1 and "If-None-Match" not in moved[0],
   "a moved source is asked without the old URL's validators", moved)
ok("Moved story" in entry_titles(wd.read("feed.atom")),
   "and its articles are published", entry_titles(wd.read("feed.atom")))
fx.close()
done()
