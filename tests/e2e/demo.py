"""The bundled demo (examples/demo, made from the seed articles): one cycle
publishes every article once in the unified feed, the doubled and
syndicated ones included, and fills the topic feeds. The scraped news site
(shanghai-news/, no feed) adds its articles with full text; the stories it
shares with the feeds (same rel=canonical, or the same title and text
under another URL) stay one entry each."""
import os
import re
import shutil
from harness import *

src = os.path.join(SRCDIR, "examples", "demo")


def demo_dir(name):
    """A work folder holding a copy of the demo."""
    w = Workdir(name)
    for f in os.listdir(src):
        if f.endswith((".conf", ".rss", ".atom", ".rdf")):
            shutil.copy(os.path.join(src, f), w.path)
    shutil.copytree(os.path.join(src, "shanghai-news"),
                    os.path.join(w.path, "shanghai-news"))
    return w


wd = demo_dir("demo")
p = once(wd)
ok(p.returncode == 0, "the demo runs offline and exits 0", p.stderr)
titles = entry_titles(wd.read("feed.atom"))
ok(len(titles) == 9 and len(set(titles)) == 9,
   "nine stories from seventeen source items, each once", titles)
for story in ("Chen Jining led", "What does Shanghai rely on",
              "Serving the Citizens"):
    ok(sum(t.startswith(story) for t in titles) == 1,
       "'%s...', in a feed and on the site (same rel=canonical), is one "
       "entry" % story, titles)
ok(sum(t.startswith("Are you familiar with Ling Jiajia") for t in titles)
   == 1, "the story the site and a feed share only by title and text is "
   "one entry (near-duplicate)", titles)
_, es = entries(wd.read("feed.atom"))
mukam = [e for e in es if e.findtext(ATOM + "title", "").startswith(
    "Twelve Mukam")]
ok(len(mukam) == 1, "the scraped site's own story is there", titles)
if mukam:
    m = mukam[0]
    ok("radio" in (m.findtext(ATOM + "content") or "") and
       "Share" not in (m.findtext(ATOM + "content") or ""),
       "with the full text of its article page", ET.tostring(m)[:1500])
    ok(m.findtext(ATOM + "published") == "2024-04-08T10:05:00Z",
       "dated from the listing's release time in Asia/Shanghai",
       m.findtext(ATOM + "published"))
hosp = [e for e in es if "telemedicine" in e.findtext(ATOM + "title", "")]
ok(len(hosp) == 1 and hosp[0].findtext(ATOM + "author/" + ATOM +
                                       "name") == "Xinhua",
   "a byline from the article page becomes the author",
   hosp and ET.tostring(hosp[0])[:800])
ok(any(t.startswith("Chen Jining led a delegation") for t in titles),
   "the syndicated Kashgar story is there", titles)
gov = entry_titles(wd.read("topics/government.atom"))
ok(len(gov) == 9 and any(t.startswith("Twelve Mukam") for t in gov),
   "the two government sources' nine articles", gov)
health = entry_titles(wd.read("topics/health.atom"))
ok(any("medical insurance" in t for t in health), "health collects the "
   "medical insurance story", health)
city = entry_titles(wd.read("topics/city.atom"))
ok(any("Suishen" in t for t in city), "city collects Suishen Code", city)
for name in ["feed.atom", "topics/health.atom", "topics/economy.atom"]:
    valid, msg = validate_atom(wd.file(name))
    if valid is None:
        skip("%s is valid Atom" % name, msg)
    else:
        ok(valid, "%s is valid Atom" % name, msg)
p = once(wd)
ok(p.returncode == 0 and entry_titles(wd.read("feed.atom")) == titles,
   "a second run changes nothing", p.stderr)

# Which source is stored first must not matter: the site alone first (its
# listing cuts the Suishen Code title at a '|' tag), then every source;
# the feed listed first keeps the story (merge-keep = source-order).
wo = demo_dir("demo-order")
with open(wo.conf) as f:
    full = f.read()
sections = re.split(r"(?m)^(?=\[)", full)
with open(wo.conf, "w") as f:
    f.write("".join(b for b in sections if not b.startswith("[source ") or
                    b.startswith("[source shanghai-news]")))
p1 = once(wo)
with open(wo.conf, "w") as f:
    f.write(full)
p2 = once(wo)
city = entry_titles(wo.read("topics/city.atom"))
ok(p1.returncode == 0 and "warning" not in p1.stderr and
   p2.returncode == 0 and any("Suishen" in t for t in city),
   "the site stored before the feeds: the feed's story is kept all the same",
   (p1.stderr, p2.stderr, city))
done()
