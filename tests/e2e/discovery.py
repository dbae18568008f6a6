"""Feed auto-discovery: a source whose URL is an HTML page that announces
its feed with <link rel="alternate"> (type = auto, the default) publishes
that feed's articles, and says which feed it chose; with type = feed the
page is an error. unifeed preview follows the page the same way and names
it. A page announcing a page is not followed further."""
import json
from harness import *
from fixture import Fixture

fx = Fixture()
page = ('<!DOCTYPE html><html><head><meta charset="gbk"><title>News</title>'
        '<link rel="stylesheet" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" '
        'title="Comments" href="/comments.rss">'
        '<link rel="alternate" type="application/rss+xml" title="News" '
        'href="feeds/news.rss"></head><body><p>hello</p></body></html>')
fx.route("/news/index.html", body=page, ctype="text/html")
fx.route("/news/feeds/news.rss", body=rss("City news", [dict(
    title="Harbour tunnel opens", link="https://city.example/tunnel",
    guid="t1", date="Mon, 15 Apr 2024 08:00:00 GMT")]))
fx.route("/comments.rss", body=rss("Comments", [dict(
    title="Re: tunnel", link="https://city.example/c1", guid="c1")]))
fx.route("/loop.html", body='<html><head><link rel="alternate" '
         'type="application/rss+xml" href="/news/index.html"></head></html>',
         ctype="text/html")

wd = Workdir("discovery")
wd.write_conf([("city", fx.url("/news/index.html"), {}),
               ("loop", fx.url("/loop.html"), {}),
               ("strict", fx.url("/news/index.html"), {"type": "feed"})])
p = once(wd)
ok(p.returncode == 4, "--once exits 4: two sources have no feed",
   (p.returncode, p.stderr))
titles = entry_titles(wd.read("feed.atom"))
ok(titles == ["Harbour tunnel opens"], "the page's feed is published, "
   "not its comments feed", titles)
log = p.stderr
ok("source city: %s is a page that announces the rss feed %s" % (
   fx.url("/news/index.html"), fx.url("/news/feeds/news.rss")) in log,
   "the log says which feed the page announced", log)
strict = [l for l in log.splitlines() if "source strict:" in l]
ok(len(strict) == 1 and "not a feed: an HTML page" in strict[0],
   "type = feed takes no page for a feed", strict)
loop = [l for l in log.splitlines() if "source loop:" in l and
        "warning" in l]
ok(len(loop) == 1 and "not a feed: an HTML page" in loop[0],
   "a page announced by a page is not followed", loop)
paths = [r[0] for r in fx.requests]
ok(paths.count("/news/feeds/news.rss") == 1,
   "the discovered feed is fetched once", paths)

p = run(["preview", "--json", fx.url("/news/index.html")])
try:
    d = json.loads(p.stdout)
except ValueError:
    d = {}
ok(p.returncode == 0 and d.get("page") == fx.url("/news/index.html") and
   [i["title"] for i in d.get("items", [])] == ["Harbour tunnel opens"],
   "preview follows the page to its feed and names the page", p.stdout)
p = run(["preview", fx.url("/news/index.html")])
ok(p.returncode == 0 and "announces the feed at %s" %
   fx.url("/news/feeds/news.rss") in p.stdout,
   "the text form says which feed it chose", p.stdout)
fx.close()
done()
