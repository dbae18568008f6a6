"""The published feeds are valid Atom (RFC 4287 RELAX NG schema plus its two
Schematron rules) and real clients read them: python3-feedparser parses
them without error and sees what unifeed published; the index page's
auto-discovery links point at every feed."""
import html.parser
import os
import shutil
import subprocess
from harness import *
from fixture import Fixture

try:
    import feedparser
except ImportError:
    feedparser = None

fx = Fixture()
fx.route("/x.rss", body=rss("Tricky & <Co>", [
    dict(title="Fish & chips < 5 \"today\"", guid="t1",
         link="https://t.example/a?x=1&y=2",
         date="Mon, 15 Apr 2024 08:00:00 +0800",
         description='<p onclick="evil()">Hi <script>alert(1)</script>'
                     '<a href="javascript:alert(2)">x</a> '
                     '<a href="/rel">rel</a> &amp; bye ]]&gt;</p>',
         categories=["Food", "Health & care"]),
    dict(title="", guid="t2", link="https://t.example/b",
         description="An item with no title but a body of text."),
]))
fx.route("/y.atom", body=atom("Y", [dict(id="urn:y:1", title="Hospital news",
         link="https://y.example/1", summary="medical")]))
wd = Workdir("clients")
wd.write_conf([("x", fx.url("/x.rss"), {"topics": "food"}),
               ("y", fx.url("/y.atom"), {})],
              topics={"health": {"title": "Health", "match": "hospital"}})
p = once(wd)
ok(p.returncode == 0, "cycle exits 0", p.stderr)
feeds = ["feed.atom", "topics/food.atom", "topics/health.atom"]
for name in feeds:
    valid, msg = validate_atom(wd.file(name))
    if valid is None:
        skip("%s validates against the Atom schema" % name,
             "trang/xmllint or ../shared/corpus/atom-schema missing")
    else:
        ok(valid, "%s validates against the RFC 4287 schema" % name, msg)

if feedparser is None:
    skip("feedparser reads the feeds", "python3-feedparser not installed")
else:
    for name in feeds:
        d = feedparser.parse(wd.file(name))
        ok(not d.bozo, "feedparser reads %s without error" % name,
           d.get("bozo_exception"))
    d = feedparser.parse(wd.file("feed.atom"))
    ok(len(d.entries) == 3, "feedparser sees three entries",
       [e.get("title") for e in d.entries])
    fish = [e for e in d.entries if e.get("title", "").startswith("Fish")]
    ok(fish and fish[0].title == 'Fish & chips < 5 "today"',
       "escaping round-trips the title", fish and fish[0].title)
    if fish:
        s = fish[0].get("summary", "")
        ok("<script" not in s and "javascript:" not in s and
           "onclick" not in s, "republished HTML is sanitized", s)
        ok('href="%s"' % fx.url("/rel") in s,
           "relative links in HTML are made absolute (against the feed's "
           "URL, RFC 4287)", s)
        ok(fish[0].link == "https://t.example/a?x=1&y=2",
           "the link survives escaping", fish[0].link)
        terms = sorted(t.term for t in fish[0].get("tags", []))
        ok(terms == ["Food", "Health & care"], "categories are kept", terms)
        ok(fish[0].get("source", {}).get("title") == "Tricky & <Co>",
           "<source> names the feed it came from", fish[0].get("source"))
    untitled = [e for e in d.entries if e.get("link") == "https://t.example/b"]
    ok(untitled and untitled[0].title.startswith("An item with no title"),
       "an untitled item gets a title from its text",
       untitled and untitled[0].title)
    self_links = [l.href for l in d.feed.links if l.rel == "self"]
    ok(self_links and self_links[0].endswith("/feed.atom"),
       "the feed has a self link", d.feed.links)

# newsboat, a terminal reader, fetching the published feed over HTTP.
if shutil.which("newsboat") is None:
    skip("newsboat reads the feed", "newsboat not installed")
else:
    fx.route("/pub/feed.atom", body=wd.read("feed.atom"),
             ctype="application/atom+xml")
    nb = os.path.join(wd.path, "newsboat")
    os.mkdir(nb)
    with open(os.path.join(nb, "urls"), "w") as f:
        f.write(fx.url("/pub/feed.atom") + "\n")
    r = subprocess.run(["newsboat", "-u", os.path.join(nb, "urls"), "-c",
                        os.path.join(nb, "cache.db"), "-x", "reload",
                        "print-unread"], capture_output=True, text=True,
                       timeout=60, env=dict(os.environ, HOME=nb))
    ok(r.returncode == 0 and r.stdout.strip() == "3 unread articles",
       "newsboat reads the feed: three unread articles",
       r.stdout + r.stderr)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.alt = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate":
            self.alt.append((a.get("type"), a.get("href")))


lp = _Links()
lp.feed(wd.read("index.html").decode())
hrefs = sorted(h for t, h in lp.alt if t == "application/atom+xml")
ok(len(hrefs) == 3 and all(h.startswith("http") for h in hrefs) and
   sorted(os.path.basename(h) for h in hrefs) ==
   ["feed.atom", "food.atom", "health.atom"],
   "index.html has an auto-discovery link per feed", lp.alt)
fx.close()
done()
