"""unifeed preview: one document fetched from 127.0.0.1 (or read from a
file) and printed as the daemon would extract it, in the JSON shape that
unifeed(8) documents; the charset comes from HTTP, a JSON Feed is read,
broken XML is recovered with a warning, and a page that is not a feed is
refused with exit status 4. Nothing is written anywhere."""
import json
import os
import tempfile
from harness import *
from fixture import Fixture

KEYS = {"format", "title", "link", "encoding", "warnings", "items"}
ITEM_KEYS = {"id", "link", "title", "author", "published", "updated",
             "summary", "content", "categories", "enclosures", "image"}

fx = Fixture()
latin1 = ('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
          '<title>Caf\xe9 news</title><link>/home</link>'
          '<item><title>Cr\xe8me &amp; more</title><link>a/1</link>'
          '<guid isPermaLink="false">x1</guid>'
          '<author>ed@example.org (Ed Itor)</author>'
          '<pubDate>Apr 15, 2024 19:48 PM</pubDate>'
          '<description>&lt;p onclick="x()"&gt;Hi&lt;script&gt;bad()'
          '&lt;/script&gt;&lt;/p&gt;</description>'
          '<category>City</category>'
          '<enclosure url="/ep1.mp3" type="audio/mpeg" length="123"/>'
          '</item></channel></rss>').encode("iso-8859-1")
fx.route("/latin1.rss", body=latin1,
         ctype="application/rss+xml; charset=ISO-8859-1")
fx.route("/feed.json", body=json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "JSON news",
    "home_page_url": "https://json.example/",
    "items": [{"id": "j1", "url": "https://json.example/1",
               "title": "From JSON", "content_html": "<b>bold</b>",
               "date_published": "2024-04-15T11:48:00+08:00",
               "tags": ["one"], "authors": [{"name": "Jo"}]}]}),
         ctype="application/feed+json")
fx.route("/broken.rss", body='<rss><channel><title>B</title><item>'
         '<title>Q & A</title></item><item><title>Cut', ctype="text/xml")
fx.route("/page.html", body="<!DOCTYPE html><html><head><title>x</title>"
         "</head><body><p>hello</p></body></html>", ctype="text/html")
fx.route("/error.json", body='{"error": "rate limited"}',
         ctype="application/json")
story = ("<p>The Shanghai Municipal Government released the plan on "
         "Monday, setting out how the city will expand its metro network "
         "over the next five years, with four new lines.</p>") * 4
fx.route("/news/2024/story.html", body=(
    '<html><head><meta charset="gbk"><title>Shanghai sets out its metro '
    'plan for 2030 - City News'
    '</title><meta name="author" content="Li Wei">'
    '<meta property="article:published_time" '
    'content="2024-04-15T19:48:00+08:00">'
    '<link rel="canonical" href="/news/story"></head><body>'
    '<nav><a href="/">Home</a> <a href="/city">City</a></nav>'
    '<article><h1>Shanghai sets out its metro plan for 2030</h1>' + story +
    '</article>'
    '<div class="share-bar">Share on Weibo</div>'
    '<footer>Copyright City News</footer></body></html>').encode("gbk"),
    ctype="text/html")
ARTICLE_KEYS = {"title", "author", "published", "image", "canonical",
                "content", "text"}


def preview(*args):
    p = run(["preview"] + list(args))
    ok(not sanitizer_trouble(p.stderr), "no sanitizer report: %s" %
       " ".join(args), p.stderr)
    try:
        doc = json.loads(p.stdout) if "--json" in args else None
    except ValueError:
        doc = None
    return p, doc


p, d = preview("--json", fx.url("/latin1.rss"))
ok(p.returncode == 0 and d is not None, "an RSS feed previews", p.stderr)
ok(set(d) == KEYS, "the object has the documented keys", sorted(d))
it = d["items"][0]
ok(set(it) == ITEM_KEYS, "each item has the documented keys", sorted(it))
ok(d["format"] == "rss" and d["encoding"] == "windows-1252",
   "format and the HTTP charset are reported", (d["format"], d["encoding"]))
ok(d["title"] == "Caf\u00e9 news" and it["title"] == "Cr\u00e8me & more",
   "text is decoded to UTF-8 and plain", (d["title"], it["title"]))
ok(d["link"] == fx.url("/home") and it["link"] == fx.url("/a/1"),
   "relative links resolve against the URL fetched", (d["link"], it["link"]))
ok(it["id"] == "x1" and it["author"] == "Ed Itor",
   "id and the author's name", (it["id"], it["author"]))
ok(it["published"] == "2024-04-15T19:48:00Z" and
   it["updated"] == it["published"],
   "a sloppy date is read, as RFC 3339 UTC", it["published"])
ok(it["summary"] == "<p>Hi</p>", "HTML is sanitized", it["summary"])
ok(it["categories"] == ["City"], "categories", it["categories"])
ok(it["enclosures"] == [{"url": fx.url("/ep1.mp3"), "type": "audio/mpeg",
                         "length": 123}], "enclosures", it["enclosures"])

p, d = preview("--json", fx.url("/feed.json"))
ok(p.returncode == 0 and d["format"] == "json" and
   d["items"][0]["title"] == "From JSON" and
   d["items"][0]["published"] == "2024-04-15T03:48:00Z" and
   d["items"][0]["author"] == "Jo",
   "a JSON Feed previews", p.stdout)

p, d = preview("--json", fx.url("/broken.rss"))
ok(p.returncode == 0 and [i["title"] for i in d["items"]] ==
   ["Q & A", "Cut"] and len(d["warnings"]) == 1 and
   "not well-formed XML" in d["warnings"][0],
   "broken XML is read as far as it goes, with a warning", p.stdout)

for path, why in [("/page.html", "not a feed: an HTML page"),
                  ("/error.json", "not a JSON Feed"),
                  ("/missing.rss", "404")]:
    p, d = preview("--json", fx.url(path))
    ok(p.returncode == 4 and d is not None and d["items"] == [] and
       why in (d.get("error") or "") and why in p.stderr,
       "%s is refused with exit 4 (%s)" % (path, why), (p.returncode,
                                                       p.stdout, p.stderr))

# A local file, and the plain-text form.
with tempfile.TemporaryDirectory() as tmp:
    f = os.path.join(tmp, "local feed.rss")
    with open(f, "wb") as out:
        out.write(latin1)
    p, d = preview("--json", f)
    ok(p.returncode == 0 and d["items"][0]["link"] is None and
       d["items"][0]["enclosures"] == [],
       "a file previews; relative links against file:// are not kept",
       p.stdout)
    p, _ = preview(f)
    ok(p.returncode == 0 and "format:   rss" in p.stdout and
       "Cr\u00e8me & more" in p.stdout, "the text form names the feed and "
       "its items", p.stdout)
    ok(os.listdir(tmp) == ["local feed.rss"], "preview writes nothing",
       os.listdir(tmp))

# --article: what full text would take from one page.
p, d = preview("--article", "--json", fx.url("/news/2024/story.html"))
ok(p.returncode == 0 and d is not None and set(d) == ARTICLE_KEYS,
   "--article prints the documented object", p.stdout[:300])
if d:
    ok(d["title"] == "Shanghai sets out its metro plan for 2030" and
       d["author"] == "Li Wei" and
       d["published"] == "2024-04-15T11:48:00Z" and
       d["canonical"] == fx.url("/news/story"),
       "title (site name cut), byline, date and canonical",
       {k: d[k] for k in ("title", "author", "published", "canonical")})
    ok("four new lines" in (d["text"] or "") and
       "Share on Weibo" not in (d["text"] or "") and
       "Copyright" not in (d["text"] or "") and
       "\n\n" in (d["text"] or ""),
       "the text is the article's, in paragraphs, without nav, share bar "
       "or footer", d["text"])
p, d = preview("--article", "--json", fx.url("/page.html"))
ok(p.returncode == 4 and d is not None and "error" in d,
   "a page with no article is refused with exit 4", p.stdout)

p = run(["preview"])
ok(p.returncode == 2 and "usage" in p.stderr, "no argument: usage, exit 2",
   (p.returncode, p.stderr))
p = run(["preview", "--bogus", "x"])
ok(p.returncode == 2, "an unknown option: exit 2", p.returncode)
fx.close()
done()
