"""Two sources carrying one shared article (under a tracking-parameter URL
in the second) publish it once, crediting the source that carried it first."""
from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/a.rss", body=rss("Source A", [
    dict(title="Metro line 21 opens", link="https://news.example/metro-21",
         guid="a-1", date="Mon, 15 Apr 2024 08:00:00 +0800",
         description="The new line links Pudong to the airport."),
    dict(title="Hospital expands", link="https://news.example/hospital",
         guid="a-2", date="Sun, 14 Apr 2024 08:00:00 +0800",
         description="A new medical wing."),
]))
fx.route("/b.atom", body=atom("Source B", [
    dict(id="urn:b:1", title="Metro line 21 opens",
         link="https://NEWS.example:443/metro-21?utm_source=rss&utm_medium=b#x",
         updated="2024-04-15T00:00:00Z", summary="Syndicated copy."),
    dict(id="urn:b:2", title="Ferry timetable changes",
         link="https://news.example/ferry", updated="2024-04-13T00:00:00Z"),
]))
wd = Workdir("two")
# A carries the story first; B syndicates it a cycle later.
wd.write_conf([("a", fx.url("/a.rss"), {"topics": "city"})])
p = once(wd)
ok(p.returncode == 0, "a cycle over the first source exits 0", p.stderr)
wd.write_conf([("a", fx.url("/a.rss"), {"topics": "city"}),
               ("b", fx.url("/b.atom"), {})])
p = once(wd)
ok(p.returncode == 0, "a cycle over both sources exits 0", p.stderr)
feed = wd.read("feed.atom")
titles = entry_titles(feed)
ok(sorted(titles) == sorted(["Metro line 21 opens", "Hospital expands",
                             "Ferry timetable changes"]),
   "the unified feed holds each article once", titles)
ok(titles == ["Metro line 21 opens", "Hospital expands",
              "Ferry timetable changes"], "newest first", titles)
root, ents = entries(feed)
metro = ents[0]
ok(metro.findtext(ATOM + "source/" + ATOM + "title") == "Source A",
   "the shared article credits its first source",
   ET.tostring(metro, encoding="unicode"))
ok("Pudong" in (metro.findtext(ATOM + "summary") or ""),
   "the first source's text is kept")
ids = [e.findtext(ATOM + "id") for e in ents]
ok(len(set(ids)) == 3 and all(i.startswith("urn:uuid:") for i in ids),
   "entry ids are unifeed's own and distinct", ids)
city = entry_titles(wd.read("topics/city.atom"))
ok(sorted(city) == ["Hospital expands", "Metro line 21 opens"],
   "a source's topic collects its articles", city)
ok(len(fx.requests) == 3, "each source fetched once per cycle",
   fx.requests)
ua = fx.requests[0][1].get("User-Agent", "")
ok(ua.startswith("unifeed/"), "the User-Agent names unifeed", ua)
fx.close()
done()
