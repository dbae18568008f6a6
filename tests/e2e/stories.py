"""One story, one entry: the same story from three sources (tracking
parameters, http/https, www. and AMP folded; a syndicated copy under
another URL told by its title and text) is one entry with a via link per
further source; a recurring title on another day and a follow-up stay
apart; a source that rewrites all its guids republishes nothing; a chatty
source is capped in the unified feed."""
from harness import *
from fixture import Fixture

ATOM_NAME = ATOM + "name"
TEXT = ("Shanghai will add forty kilometres of protected bicycle lanes this "
        "year, with new signals at two hundred junctions and parking for two "
        "thousand bicycles near metro stations, the city's transport "
        "commission said on Monday.")
fx = Fixture()
fx.route("/a.rss", body=rss("A Daily", [
    dict(title="Shanghai adds forty kilometres of bicycle lanes",
         link="https://www.a.example/2024/04/15/bikes.html", guid="a-1",
         date="Mon, 15 Apr 2024 08:00:00 GMT", description=TEXT,
         categories=["City"]),
    dict(title="Daily briefing: what happened today in the city",
         link="https://www.a.example/2024/04/08/briefing.html", guid="a-0",
         date="Mon, 08 Apr 2024 08:00:00 GMT",
         description="Rain in the morning, a new museum, and the metro "
                     "timetable for the holiday weekend, in one short read "
                     "for the commute home tonight.")]))
fx.route("/b.atom", body=atom("B News", [
    dict(id="urn:b:9", title="Shanghai adds forty kilometres of bicycle "
         "lanes - B News",
         link="http://a.example/2024/04/15/bikes.amp.html?utm_source=b",
         updated="2024-04-15T09:00:00Z", summary=TEXT)]))
fx.route("/c.rss", body=rss("C Wire", [
    dict(title="Shanghai Adds Forty Kilometres Of Bicycle Lanes!",
         link="https://c.example/wire/77", guid="c-77",
         date="Mon, 15 Apr 2024 10:00:00 GMT", description=TEXT,
         categories=["Transport"]),
    dict(title="Daily briefing: what happened today in the city",
         link="https://c.example/wire/briefing-0415", guid="c-78",
         date="Mon, 15 Apr 2024 18:00:00 GMT",
         description="Sunshine all day, the bicycle lanes, and a concert in "
                     "the park on Saturday evening, in one short read for the "
                     "commute home tonight."),
    dict(title="Riders take to Shanghai's new bicycle lanes",
         link="https://c.example/wire/79", guid="c-79",
         date="Tue, 16 Apr 2024 10:00:00 GMT",
         description="Commuters and couriers tried the first segments on "
                     "Tuesday morning, and most of them asked for more of "
                     "the same along the river and in the old town.")]))
wd = Workdir("stories")
wd.write_conf([("a", fx.url("/a.rss"), {}), ("b", fx.url("/b.atom"), {}),
               ("c", fx.url("/c.rss"), {})])
p = once(wd)
ok(p.returncode == 0, "three sources: --once exits 0", p.stderr)
_, es = entries(wd.read("feed.atom"))
titles = [e.findtext(ATOM + "title") for e in es]
bikes = [e for e in es if "forty kilometres" in
         e.findtext(ATOM + "title").lower()]
ok(len(bikes) == 1, "the story from three sources is one entry", titles)
if bikes:
    e = bikes[0]
    # whichever source was stored first is the origin; the others are vias
    links = [(l.get("rel") or "alternate", l.get("href"))
             for l in e.findall(ATOM + "link")]
    vias = [h for r, h in links if r == "via"]
    ok(len(vias) == 2 and sorted(h for _, h in links) == sorted([
        "https://www.a.example/2024/04/15/bikes.html",
        "http://a.example/2024/04/15/bikes.amp.html?utm_source=b",
        "https://c.example/wire/77"]),
       "one alternate link and a via link for each further source", links)
    content = e.findtext(ATOM + "content") or e.findtext(ATOM + "summary")
    names = [n for n in ("A Daily", "B News", "C Wire")
             if n in (content or "").split("Also reported by")[-1]]
    ok("Also reported by" in (content or "") and len(names) == 2,
       "and 'Also reported by' naming the two others", content)
    cats = sorted(c.get("term") for c in e.findall(ATOM + "category"))
    ok(cats == ["City", "Transport"], "categories are united", cats)
ok(sum(t.startswith("Daily briefing") for t in titles) == 2,
   "a recurring title a week apart stays two entries", titles)
ok(any(t.startswith("Riders take") for t in titles),
   "a follow-up is its own entry", titles)
ok(len(es) == 4, "four entries from six items", titles)
ids = {e.findtext(ATOM + "id"): e.findtext(ATOM + "updated") for e in es}

# merge-keep = source-order: the source listed first gives the body and
# the alternate link, whichever stored the story first.
wdo = Workdir("order")
wdo.write_conf([("c", fx.url("/c.rss"), {}), ("a", fx.url("/a.rss"), {}),
                ("b", fx.url("/b.atom"), {})],
               extra="merge-keep = source-order")
p = once(wdo)
_, eo = entries(wdo.read("feed.atom"))
bo = [e for e in eo if "forty kilometres" in
      e.findtext(ATOM + "title").lower()]
alt = [l.get("href") for l in bo[0].findall(ATOM + "link")
       if (l.get("rel") or "alternate") == "alternate"] if bo else []
ok(p.returncode == 0 and len(bo) == 1 and alt == ["https://c.example/wire/77"],
   "merge-keep = source-order: the first listed source's copy leads",
   (p.returncode, len(bo), alt, p.stderr))

# c rewrites every guid (http -> https style change), links unchanged.
body = fx.routes["/c.rss"].body.decode().replace("<guid isPermaLink=\"false\">c-",
                                                 "<guid isPermaLink=\"false\">https://c.example/g/")
fx.route("/c.rss", body=body)
p = once(wd)
_, es2 = entries(wd.read("feed.atom"))
ok(p.returncode == 0 and {e.findtext(ATOM + "id"): e.findtext(ATOM + "updated")
                          for e in es2} == ids,
   "a source that rewrote all its guids republishes nothing",
   [e.findtext(ATOM + "title") for e in es2])
ok("changed their ids while their links did not" in p.stderr,
   "and the log says so", p.stderr)
p = once(wd)
_, es3 = entries(wd.read("feed.atom"))
ok(len(es3) == 4, "and polling it again still changes nothing",
   [e.findtext(ATOM + "title") for e in es3])

# Tombstones: with keep = 2 and retain = 1s, the oldest entry leaves the
# feed, becomes a tombstone, and does not come back when its source lists
# it again, edited.
items = [dict(title="Story number %d of the week in the city" % i,
              link="https://t.example/%d" % i, guid="t-%d" % i,
              date="Mon, %02d Apr 2024 08:00:00 GMT" % (10 + i),
              description="Text %d." % i) for i in range(3)]
fx.route("/t.rss", body=rss("T", items))
wd3 = Workdir("tomb")
wd3.write_conf([("t", fx.url("/t.rss"), {})], extra="keep = 2\nretain = 1s")
p = once(wd3)
first = entry_titles(wd3.read("feed.atom"))
time.sleep(2.2)
fx.route("/t.rss", body=rss("T", items[1:]))
p = once(wd3)
ok(p.returncode == 0 and "left every feed" in p.stderr,
   "an entry outside every feed is kept as a tombstone", p.stderr)
items[0]["description"] = "Text 0, edited."
fx.route("/t.rss", body=rss("T", items))
p = once(wd3)
t3 = entry_titles(wd3.read("feed.atom"))
ok(p.returncode == 0 and t3 == first and
   not any(t.startswith("Story number 0") for t in t3),
   "a tombstoned item back in its source stays gone", (first, t3))

# max-per-source: a chatty source keeps 2 entries in the unified feed.
fx.route("/chatty.rss", body=rss("Chatty", [
    dict(title="Chatty note number %d about nothing much" % i,
         link="https://chatty.example/%d" % i, guid="ch-%d" % i,
         date="Tue, 16 Apr 2024 %02d:00:00 GMT" % (12 + i))
    for i in range(8)]))
wd2 = Workdir("cap")
wd2.write_conf([("a", fx.url("/a.rss"), {}),
                ("chatty", fx.url("/chatty.rss"), {"topics": "noise"})],
               extra="max-per-source = 2")
p = once(wd2)
t2 = entry_titles(wd2.read("feed.atom"))
ok(p.returncode == 0 and sum(t.startswith("Chatty") for t in t2) == 2 and
   len(t2) == 4, "max-per-source caps a chatty source in the unified feed",
   t2)
ok(len(entry_titles(wd2.read("topics/noise.atom"))) == 8,
   "but not in its topic feed")
fx.close()
done()
