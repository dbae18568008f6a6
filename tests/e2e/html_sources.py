"""HTML sources: a news site with no feed, read with selectors and with none.

A listing page in the shape of a government news site (titles carrying
topic tags, "Release time:" dates in the site's own zone) is scraped into
entries; between polls a new article appears on top, one leaves, one is
edited. Dates that are missing, relative or sloppy are stored once and
never move. full text fetches each new article's page once, at the
per-host rate, and a slow or failing article keeps its summary. A listing
whose selectors stop matching is a source error, not an empty success. A
page in GBK reads right, and a page without selectors is read through the
list unifeed finds on it.
"""
import json
import os
import sqlite3

from harness import *
from fixture import Fixture

fx = Fixture()
HTML = "text/html; charset=utf-8"


def listing(items, ul_class="news-list", charset="utf-8"):
    """A listing page: nav, breadcrumb, the list, a pager and a footer."""
    lis = []
    for it in items:
        date = ('<span class="date">%s</span>' % it["date"]
                if it.get("date") else "")
        lis.append('<li><a href="%s">%s</a>%s<p class="sum">%s</p></li>'
                   % (it["href"], it["title"], date, it.get("sum", "")))
    return ("""<!DOCTYPE html>
<html><head><meta charset="%s"><title>What's New - Shanghai</title></head>
<body><div class="header"><ul class="nav">
<li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
<li><a href="/gov/">Government</a></li><li><a href="/biz/">Business</a></li>
<li><a href="/live/">Living</a></li><li><a href="/visit/">Visiting</a></li>
</ul></div>
<div class="crumb"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>
<ul class="%s">
%s
</ul>
<div class="pager"><a href="?p=1">1</a> <a href="?p=2">2</a>
<a href="?p=2">Next</a></div>
<div class="footer"><a href="/about">About us</a> <a href="/contact">Contact</a>
<a href="/sitemap">Site map</a></div>
</body></html>
""" % (charset, ul_class, "\n".join(lis)))


def article(title, paras, meta="", byline=""):
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>%s - Shanghai</title>%s</head><body>
<div class="header"><a href="/">Home</a> <a href="/news/">News</a></div>
<div class="article"><h1>%s</h1>%s<div class="content">%s</div>
<div class="share">Share: WeChat Weibo</div></div>
<div class="footer"><a href="/about">About us</a></div></body></html>
""" % (title, meta, title, byline, body))


PARA = ("Shanghai will add forty kilometres of protected bicycle lanes this "
        "year, with new signals at two hundred junctions and parking for two "
        "thousand bicycles near metro stations, the city's transport "
        "commission said on Monday.")
PARA2 = ("Construction begins in spring along the river and through the old "
         "town, and the first segments open before the end of the year, "
         "weather permitting, officials told reporters at a briefing.")

items = [
    dict(href="/news/a3.html", title="Bike lanes expand | Transport | City",
         date="Release time:Apr 15, 2024 19:48 PM", sum="Forty kilometres."),
    dict(href="/news/a2.html", title="Hospital opens in Kashgar | Health",
         date="Release time:Apr 14, 2024 10:02 AM", sum="A new hospital."),
    dict(href="/news/a1.html", title="Port traffic grows | Economy",
         date="Release time:Apr 13, 2024 9:05 AM", sum="Container volumes."),
    dict(href="/news/a0.html", title="Museum night | Culture",
         date="", sum="Open late on Fridays."),
]
fx.route("/news/", body=listing(items), ctype=HTML)
wd = Workdir("html")
SEL = {"items": "ul.news-list > li", "link": "a @href", "date": "span.date",
       "summary": "p.sum", "timezone": "Asia/Shanghai"}
wd.write_conf([("gov", fx.url("/news/"), SEL)])
p = once(wd)
ok(p.returncode == 0, "a listing page with selectors: --once exits 0",
   p.stderr)
feed, es = entries(wd.read("feed.atom"))
by = {e.findtext(ATOM + "title"): e for e in es}
ok(sorted(by) == ["Bike lanes expand", "Hospital opens in Kashgar",
                  "Museum night", "Port traffic grows"],
   "one entry per listed article, tags cut from the titles", sorted(by))
e = by.get("Bike lanes expand")
ok(e is not None and e.findtext(ATOM + "published") == "2024-04-15T11:48:00Z",
   "'Release time:Apr 15, 2024 19:48 PM' in Asia/Shanghai is 11:48 UTC",
   e is not None and e.findtext(ATOM + "published"))
ok(e is not None and sorted(c.get("term") for c in
                            e.findall(ATOM + "category")) ==
   ["City", "Transport"], "title tags become categories",
   e is not None and [c.get("term") for c in e.findall(ATOM + "category")])
ok(e is not None and any(l.get("href") == fx.url("/news/a3.html")
                         for l in e.findall(ATOM + "link")),
   "relative links resolve against the page")
ok(e is not None and "Forty kilometres" in (e.findtext(ATOM + "summary") or ""),
   "the summary selector gives the summary")
ok(by.get("Port traffic grows") is not None and
   by["Port traffic grows"].findtext(ATOM + "published") ==
   "2024-04-13T01:05:00Z", "a sloppy 'Apr 13, 2024 9:05 AM' reads right")
museum = by.get("Museum night")
ok(museum is not None and museum.find(ATOM + "published") is None,
   "an article without a date has no <published>")
first_updated = museum.findtext(ATOM + "updated") if museum is not None else ""
ids = {t: e.findtext(ATOM + "id") for t, e in by.items()}

# Second poll: a new article on top, a3 edited, a1 gone; "2 hours ago".
time.sleep(1.1)
items2 = [dict(href="/news/a4.html", title="Metro line opens | Transport",
               date="2 hours ago", sum="Line 18.")]
items2 += [dict(items[0], title="Bike lanes expand to 40 km | Transport | City"),
           items[1], items[3]]
fx.route("/news/", body=listing(items2), ctype=HTML)
p = once(wd)
ok(p.returncode == 0, "second poll exits 0", p.stderr)
_, es2 = entries(wd.read("feed.atom"))
by2 = {e.findtext(ATOM + "title"): e for e in es2}
ok(len(es2) == 5, "five entries: the new one added, the removed one kept",
   sorted(by2))
ok(by2.get("Bike lanes expand to 40 km") is not None and
   by2["Bike lanes expand to 40 km"].findtext(ATOM + "id") ==
   ids["Bike lanes expand"], "the edited article is updated in place")
m2 = by2.get("Museum night")
ok(m2 is not None and m2.findtext(ATOM + "updated") == first_updated and
   m2.findtext(ATOM + "id") == ids["Museum night"],
   "an undated article keeps its first-seen date on the next poll",
   (first_updated, m2 is not None and m2.findtext(ATOM + "updated")))
metro = by2.get("Metro line opens")
metro_pub = metro.findtext(ATOM + "published") if metro is not None else None
ok(metro_pub is not None, "'2 hours ago' gives a date")
time.sleep(1.1)
p = once(wd)
_, es3 = entries(wd.read("feed.atom"))
by3 = {e.findtext(ATOM + "title"): e for e in es3}
ok(by3.get("Metro line opens") is not None and
   by3["Metro line opens"].findtext(ATOM + "published") == metro_pub and
   by3["Metro line opens"].findtext(ATOM + "updated") ==
   metro.findtext(ATOM + "updated"),
   "a relative date is stored once: the entry does not move", metro_pub)
ok([e.findtext(ATOM + "id") for e in es3] ==
   [e.findtext(ATOM + "id") for e in es2],
   "a third poll of the same page changes nothing")

# Selector rot: the site redesigns its list; the source fails, loudly.
fx.route("/news/", body=listing(items2, ul_class="list-v2"), ctype=HTML)
p = once(wd)
ok(p.returncode == 4, "a listing whose selectors stop matching fails the "
   "source (--once exits 4)", (p.returncode, p.stderr))
ok("no items found on the page (usually" in p.stderr,
   "the log says the selectors may no longer match", p.stderr)
db = sqlite3.connect(wd.state)
err = db.execute("SELECT last_error FROM sources WHERE name = 'gov'"
                 ).fetchone()[0]
db.close()
ok(err is not None and "selectors may no longer match" in err,
   "the source's status carries the error", err)
ok(len(entries(wd.read("feed.atom"))[1]) == 5,
   "the published feed keeps its entries")
st = run(["status", "--json", "-c", wd.conf])
try:
    sj = {x["source"]: x for x in json.loads(st.stdout)}
except (ValueError, KeyError, TypeError):
    sj = {}
ok(st.returncode == 4 and sj.get("gov", {}).get("state") == "failing" and
   "selectors may no longer match" in (sj["gov"].get("error") or ""),
   "unifeed status shows the source failing, with the reason",
   (st.returncode, st.stdout, st.stderr))

# Far fewer items than usual is rot too; a source back to normal recovers.
fx.route("/news/", body=listing(items2), ctype=HTML)
p = once(wd)
ok(p.returncode == 0, "the listing back: the source succeeds again",
   p.stderr)
big = [dict(it, href=it["href"] + "?v=%d" % k) for k in range(3)
       for it in items2]
fx.route("/news/", body=listing(big), ctype=HTML)
p = once(wd)
ok(p.returncode == 0 and "12 items" in p.stderr, "a longer listing is fine",
   p.stderr)
fx.route("/news/", body=listing(big[:1]), ctype=HTML)
p = once(wd)
ok(p.returncode == 4 and "only 1 item found on the page (usually" in
   p.stderr, "a listing that falls to a quarter of its usual count fails",
   (p.returncode, p.stderr))

# preview -s: the configured source's selectors, on its URL or a saved page.
pv = run(["preview", "--json", "-c", wd.conf, "-s", "gov"])
try:
    j = json.loads(pv.stdout)
except ValueError:
    j = {}
ok(pv.returncode == 0 and "selectors" not in j and
   len(j.get("items", [])) == 1, "preview -s reads the source's URL with "
   "its selectors", pv.stdout[:1500])
saved = os.path.join(wd.path, "saved.html")
with open(saved, "w") as f:
    f.write(listing(items))
pv = run(["preview", "--json", "-c", wd.conf, "-s", "gov", saved])
try:
    j = json.loads(pv.stdout)
except ValueError:
    j = {}
pubs = sorted(i.get("published") or "" for i in j.get("items", []))
ok(pv.returncode == 0 and "2024-04-15T11:48:00Z" in pubs,
   "preview -s FILE applies the source's timezone to a saved page", pubs)
pv = run(["preview", "-c", wd.conf, "-s", "nope"])
ok(pv.returncode == 2 and "no [source nope]" in pv.stderr,
   "preview -s of an unknown source is a usage error", pv.stderr)

# Full text: article pages fetched once each, at the per-host rate; one
# slow and one failing page keep their summaries.
fx2 = Fixture()
arts = [
    dict(href="/a/1.html", title="Bike lanes expand | City",
         date="Release time:Apr 15, 2024 19:48 PM", sum="Short one."),
    dict(href="/a/2.html", title="Hospital opens | Health", date="",
         sum="Short two."),
    dict(href="/a/3.html", title="Slow page story | City",
         date="Release time:Apr 12, 2024 8:00 AM", sum="Summary three."),
    dict(href="/a/4.html", title="Broken page story | City",
         date="Release time:Apr 11, 2024 8:00 AM", sum="Summary four."),
]
fx2.route("/list", body=listing(arts), ctype=HTML)
fx2.route("/a/1.html", ctype=HTML, body=article(
    "Bike lanes expand", [PARA, PARA2], byline='<p class="byline">By Li Wei</p>'))
fx2.route("/a/2.html", ctype=HTML, body=article(
    "Hospital opens", [PARA2, PARA],
    meta='<meta property="article:published_time" '
         'content="2024-04-14T10:02:00+08:00">'))
fx2.route("/a/3.html", ctype=HTML, body=article("Slow", [PARA]), delay=5)
fx2.route("/a/4.html", status=500, body="oops", ctype="text/plain")
wd2 = Workdir("fulltext")
wd2.write_conf([("site", fx2.url("/list"),
                 dict(SEL, fulltext="yes"))], extra="article-rate = 2")
p = once(wd2)
ok(p.returncode == 0, "a fulltext source with failing articles still "
   "succeeds", (p.returncode, p.stderr))
_, fe = entries(wd2.read("feed.atom"))
fb = {e.findtext(ATOM + "title"): e for e in fe}
b = fb.get("Bike lanes expand")
content = b.findtext(ATOM + "content") if b is not None else ""
ok(content is not None and "forty kilometres" in content and
   "weather permitting" in content and "WeChat" not in content,
   "the article's main content is published, without its share bar",
   content)
h = fb.get("Hospital opens")
ok(h is not None and h.findtext(ATOM + "published") == "2024-04-14T02:02:00Z",
   "a listing without a date takes the article page's published time",
   h is not None and h.findtext(ATOM + "published"))
for t, want in (("Slow page story", "Summary three"),
                ("Broken page story", "Summary four")):
    e = fb.get(t)
    ok(e is not None and want in (e.findtext(ATOM + "summary") or "") and
       e.find(ATOM + "content") is None,
       "%s keeps its summary" % t.split()[0].lower(),
       e is not None and ET.tostring(e))
ok("article %s" % fx2.url("/a/4.html") in p.stderr and
   "keeping its summary" in p.stderr, "the failing article is logged",
   p.stderr)
starts = sorted(t for path, t in fx2.times if path.startswith("/a/"))
gaps = [b - a for a, b in zip(starts, starts[1:])]
ok(len(starts) == 4 and all(g >= 0.4 for g in gaps),
   "article pages are requested at most 2 a second from one host", gaps)
n_before = len(fx2.times)
p = once(wd2)
again = sorted(path for path, _ in fx2.times[n_before:]
               if path.startswith("/a/"))
ok(p.returncode == 0 and again == ["/a/3.html", "/a/4.html"],
   "a second poll fetches only the pages that failed again", again)
_, fe2 = entries(wd2.read("feed.atom"))
ok([(e.findtext(ATOM + "id"), e.findtext(ATOM + "updated")) for e in fe2] ==
   [(e.findtext(ATOM + "id"), e.findtext(ATOM + "updated")) for e in fe],
   "and changes nothing while they still fail")
fx2.route("/a/4.html", ctype=HTML, body=article("Broken page story",
                                                 [PARA2, PARA]))
n_before = len(fx2.times)
p = once(wd2)
_, fe3 = entries(wd2.read("feed.atom"))
b4 = [e for e in fe3 if e.findtext(ATOM + "title") == "Broken page story"]
ok(len(fe3) == len(fe) and b4 and "weather permitting" in
   (b4[0].findtext(ATOM + "content") or ""),
   "a page that works again gives its entry the full text, in place",
   b4 and ET.tostring(b4[0])[:800])
n_before = len(fx2.times)
p = once(wd2)
again = sorted(path for path, _ in fx2.times[n_before:]
               if path.startswith("/a/"))
ok(again == ["/a/3.html"], "then only the still slow page is tried", again)

# Full text on a feed: the feed's short description gives way to the page.
fx2.route("/feed.rss", body=rss("F", [dict(
    title="Bike lanes expand", guid="f-1", link=fx2.url("/a/1.html"),
    date="Mon, 15 Apr 2024 11:48:00 GMT", description="Short.")]))
wd5 = Workdir("fulltext-feed")
wd5.write_conf([("f", fx2.url("/feed.rss"), {"fulltext": "yes"})])
p = once(wd5)
_, ff = entries(wd5.read("feed.atom"))
ok(p.returncode == 0 and len(ff) == 1 and "weather permitting" in
   (ff[0].findtext(ATOM + "content") or "") and
   ff[0].findtext(ATOM + "author/" + ATOM + "name") == "Li Wei",
   "fulltext = yes on a feed: the article's text and byline",
   ff and ET.tostring(ff[0])[:1500])
fx2.close()

# GBK: a Chinese listing, declared in <meta> only, reads as UTF-8.
fx3 = Fixture()
gbk = [dict(href="/c/1.html", title="上海发布新政策 | 经济",
            date="发布时间：2024年04月15日 19:48", sum="浦东新区。"),
       dict(href="/c/2.html", title="地铁新线开通 | 交通",
            date="发布时间：2024年04月14日 08:00", sum="十八号线。")]
fx3.route("/cn", body=listing(gbk, charset="gbk").encode("gbk"),
          ctype="text/html")
wd3 = Workdir("gbk")
wd3.write_conf([("cn", fx3.url("/cn"), SEL)])
p = once(wd3)
ok(p.returncode == 0, "a GBK listing: --once exits 0", p.stderr)
_, ce = entries(wd3.read("feed.atom"))
ct = sorted(e.findtext(ATOM + "title") for e in ce)
ok(ct == ["上海发布新政策", "地铁新线开通"], "GBK titles read as UTF-8", ct)
pub = [e.findtext(ATOM + "published") for e in ce]
ok("2024-04-15T11:48:00Z" in pub, "CJK release times read in the zone", pub)
fx3.close()

# No selectors: the list is found on the page (type auto, no feed).
wd4 = Workdir("auto")
wd4.write_conf([("auto", fx.url("/news/"), {"timezone": "Asia/Shanghai"})])
fx.route("/news/", body=listing(items), ctype=HTML)
p = once(wd4)
ok(p.returncode == 0, "a page with neither feed nor selectors: --once "
   "exits 0", p.stderr)
at = sorted(entry_titles(wd4.read("feed.atom")))
ok(at == ["Bike lanes expand", "Hospital opens in Kashgar", "Museum night",
          "Port traffic grows"],
   "the article list is found, not the menu, pager or footer", at)
pv = run(["preview", "--json", fx.url("/news/")])
try:
    j = json.loads(pv.stdout)
except ValueError:
    j = {}
ok(pv.returncode == 0 and j.get("selectors", {}).get("items") and
   len(j.get("items", [])) == 4,
   "preview says which selectors it found", pv.stdout[:2000])
fx.close()
done()
