"""Every kind of feed a reader meets, through the daemon: a JSON Feed, RSS
in ISO-8859-1 named only by HTTP, Atom in UTF-16, a podcast with
enclosures, RSS with a bare ampersand and an unclosed tag, and an item
dated years ahead. All publish into one valid Atom feed, with decoded
text, enclosures as rel="enclosure" links, and one warning per source for
what was repaired or clamped."""
import json
from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/feed.json", body=json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "JSON desk",
    "home_page_url": "https://json.example/",
    "items": [{"id": "j1", "url": "https://json.example/tides",
               "title": "Spring tides & <storms>",
               "content_html": "<p>High water <b>Tuesday</b>.</p>",
               "date_published": "2024-04-15T11:48:00+08:00",
               "tags": ["weather"]}]}), ctype="application/feed+json")
latin1 = ('<?xml version="1.0"?><rss version="2.0"><channel>'
          '<title>Caf\xe9 desk</title><item><title>Cr\xe8me br\xfbl\xe9e '
          'week</title><link>https://latin.example/creme</link>'
          '<pubDate>Apr 15, 2024 19:48 PM</pubDate></item></channel></rss>')
fx.route("/latin1.rss", body=latin1.encode("iso-8859-1"),
         ctype="text/xml; charset=iso-8859-1")
utf16 = ('<?xml version="1.0" encoding="utf-16"?>'
         '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wide desk</title>'
         '<id>urn:w</id><updated>2024-04-14T00:00:00Z</updated><entry>'
         '<id>urn:w:1</id><title>\u4e0a\u6d77 metro news</title>'
         '<link href="https://wide.example/1"/>'
         '<updated>2024-04-14T00:00:00Z</updated></entry></feed>')
fx.route("/utf16.atom", body=utf16.encode("utf-16"),
         ctype="application/atom+xml")
fx.route("/pod.rss", body='<?xml version="1.0"?><rss version="2.0" '
         'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
         '<title>Harbour pod</title><item><title>Episode 7</title>'
         '<guid>https://pod.example/7</guid>'
         '<pubDate>Sat, 13 Apr 2024 10:00:00 GMT</pubDate>'
         '<enclosure url="https://pod.example/7.mp3" type="audio/mpeg" '
         'length="4242"/><itunes:duration>12:34</itunes:duration>'
         '</item></channel></rss>')
fx.route("/broken.rss", body='<rss version="2.0"><channel><title>Q & A desk'
         '</title><item><title>Fish & chips</title>'
         '<link>https://broken.example/fish?a=1&b=2</link>'
         '<pubDate>Fri, 12 Apr 2024 10:00:00 GMT</pubDate></item>'
         '<item><link>https://broken.example/story</link>'
         '<title>Unclosed story</item>'
         '</channel></rss>', ctype="application/rss+xml")
fx.route("/future.rss", body=rss("Far desk", [dict(
    title="From the future", link="https://far.example/1", guid="f1",
    date="Mon, 15 Apr 2124 08:00:00 GMT")]))

wd = Workdir("formats")
wd.write_conf([("json", fx.url("/feed.json"), {}),
               ("latin1", fx.url("/latin1.rss"), {}),
               ("utf16", fx.url("/utf16.atom"), {}),
               ("pod", fx.url("/pod.rss"), {}),
               ("broken", fx.url("/broken.rss"), {}),
               ("future", fx.url("/future.rss"), {})])
p = once(wd)
ok(p.returncode == 0, "one cycle over every kind of source exits 0",
   p.stderr)
feed = wd.read("feed.atom")
titles = entry_titles(feed)
want = ["Spring tides & <storms>", "Cr\u00e8me br\u00fbl\u00e9e week",
        "\u4e0a\u6d77 metro news", "Episode 7", "Fish & chips",
        "Unclosed story", "From the future"]
ok(sorted(titles) == sorted(want), "every source publishes, its text "
   "decoded to UTF-8", titles)
root, ents = entries(feed)
by_title = {e.findtext(ATOM + "title"): e for e in ents}
ep = by_title.get("Episode 7")
encl = [l.attrib for l in ep.findall(ATOM + "link")
        if l.get("rel") == "enclosure"] if ep is not None else []
ok(encl == [{"rel": "enclosure", "type": "audio/mpeg", "length": "4242",
             "href": "https://pod.example/7.mp3"}],
   "a podcast's enclosure is republished as rel=\"enclosure\"", encl)
creme = by_title.get("Cr\u00e8me br\u00fbl\u00e9e week")
ok(creme is not None and
   creme.findtext(ATOM + "published") == "2024-04-15T19:48:00Z",
   "a sloppy date is read", creme is not None and
   creme.findtext(ATOM + "published"))
fish = by_title.get("Fish & chips")
link = [l.get("href") for l in fish.findall(ATOM + "link")] if fish else []
ok("https://broken.example/fish?a=1&b=2" in link,
   "a bare ampersand is read as meant", link)
tides = by_title.get("Spring tides & <storms>")
ok(tides is not None and
   [c.get("term") for c in tides.findall(ATOM + "category")] == ["weather"],
   "JSON Feed tags are categories", tides is not None and
   [c.get("term") for c in tides.findall(ATOM + "category")])
far = by_title.get("From the future")
ok(far is not None and
   far.findtext(ATOM + "published", "").startswith("20") and
   not far.findtext(ATOM + "published", "").startswith("2124"),
   "a date a century ahead is clamped to now",
   far is not None and far.findtext(ATOM + "published"))
valid, msg = validate_atom(wd.file("feed.atom"))
if valid is None:
    skip("the unified feed is valid Atom", msg)
else:
    ok(valid, "the unified feed is valid Atom", msg)

log = p.stderr
for name, why in [("broken", "not well-formed XML, read as far as "
                   "possible"),
                  ("future", "is in the future; read as now"),
                  ("latin1", None), ("utf16", None), ("json", None),
                  ("pod", None)]:
    lines = [l for l in log.splitlines()
             if "source %s:" % name in l and "warning" in l]
    if why is None:
        ok(lines == [], "source %s: no warning" % name, lines)
    else:
        ok(len(lines) == 1 and why in lines[0],
           "source %s: one warning (%s)" % (name, why), log)
fx.close()
done()
