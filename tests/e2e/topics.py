"""Topic feeds by rule: a source's topics, keywords and "phrases" on word
boundaries in any script, -exclusions, a PCRE2 regex and source
categories; a merged story shows in its topic feeds with the same id as
in the unified feed; a bad regex is a config error with its line."""
import os

from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/n.rss", body=rss("N", [
    dict(title="New hospital opens in Pudong", link="https://n.example/1",
         guid="n1", description="Beds for two thousand patients."),
    dict(title="Hospitality jobs fair draws crowds", link="https://n.example/2",
         guid="n2", description="Hotels and restaurants hiring."),
    dict(title="Health insurance reform passes", link="https://n.example/3",
         guid="n3", description="Premiums fall next year."),
    dict(title="Hospital drama tops the TV ratings", link="https://n.example/4",
         guid="n4", description="A television series, not news."),
    dict(title="Metro Line 18 opens to the airport", link="https://n.example/5",
         guid="n5", description="Trains every four minutes."),
    dict(title="上海新医院开业", link="https://n.example/6", guid="n6",
         description="浦东新区的医院。"),
    dict(title="Café culture in Xuhui", link="https://n.example/7",
         guid="n7", description="CAFÉ owners say business is good.",
         categories=["Food & Drink"]),
    dict(title="Museum night on Friday", link="https://n.example/8",
         guid="n8", description="Open late.", categories=["Culture"]),
]))
fx.route("/g.rss", body=rss("G", [
    dict(title="Budget approved by the city council", link="https://g.example/1",
         guid="g1", description="Spending rises.")]))
TOPICS = {
    "health": {"title": "Health", "match":
               'hospital, "health insurance", 医院, -drama'},
    "transit": {"regex": r"\bline\s+\d+\b|metro"},
    "food": {"categories": "food & drink", "match": "café"},
    "culture": {"categories": "CULTURE"},
}
wd = Workdir("topics")
wd.write_conf([("n", fx.url("/n.rss"), {}),
               ("g", fx.url("/g.rss"), {"topics": "government"})],
              topics=TOPICS)
p = once(wd)
ok(p.returncode == 0, "--once exits 0", p.stderr)


def topic(slug):
    try:
        return sorted(entry_titles(wd.read("topics/%s.atom" % slug)))
    except OSError:
        return None


ok(topic("health") == sorted(["New hospital opens in Pudong",
                              "Health insurance reform passes",
                              "上海新医院开业"]),
   "keywords on word boundaries, a phrase, CJK as text, -exclusion",
   topic("health"))
ok(topic("transit") == ["Metro Line 18 opens to the airport"],
   "a regex", topic("transit"))
ok(topic("food") == ["Café culture in Xuhui"],
   "a category (any case), and a keyword in another script's case",
   topic("food"))
ok(topic("culture") == ["Museum night on Friday"], "a category",
   topic("culture"))
ok(topic("government") == ["Budget approved by the city council"],
   "a source's topics", topic("government"))
_, all_ = entries(wd.read("feed.atom"))
ids = {e.findtext(ATOM + "title"): e.findtext(ATOM + "id") for e in all_}
_, he = entries(wd.read("topics/health.atom"))
ok(all(ids.get(e.findtext(ATOM + "title")) == e.findtext(ATOM + "id")
       for e in he), "a topic feed shows the entry with the unified id")

# auto-topics: a feed per source category with at least 2 entries.
fx.route("/c.rss", body=rss("C", [
    dict(title="Clinic hours extended", link="https://c.example/1", guid="c1",
         categories=["Public Health", "Pudong"]),
    dict(title="Flu season starts early", link="https://c.example/2",
         guid="c2", categories=["public health"]),
    dict(title="Night market reopens", link="https://c.example/3", guid="c3",
         categories=["Café Society"])]))
wd3 = Workdir("auto-topics")
wd3.write_conf([("c", fx.url("/c.rss"), {})], extra="auto-topics = 2")
p = once(wd3)
try:
    feed3, e3 = entries(wd3.read("topics/public-health.atom"))
except OSError:
    feed3, e3 = None, []
ok(p.returncode == 0 and len(e3) == 2 and
   feed3.findtext(ATOM + "title") == "Public Health",
   "auto-topics: a category with two entries gets its feed, named by a "
   "readable slug", (p.stderr, feed3 is not None and ET.tostring(feed3)[:300]))
ok(not os.path.exists(wd3.file("topics/cafe-society.atom")) and
   not os.path.exists(wd3.file("topics/pudong.atom")),
   "a category with one entry gets none", os.listdir(wd3.file("topics"))
   if os.path.isdir(wd3.file("topics")) else None)
ok(b"topics/public-health.atom" in wd3.read("index.html"),
   "the index lists it")

wd2 = Workdir("topics-bad")
wd2.write_conf([("n", fx.url("/n.rss"), {})],
               topics={"bad": {"regex": "(unclosed"}})
p = run(["-t", "-c", wd2.conf])
ok(p.returncode == 1 and "regex: offset" in p.stderr and
   "feeds.conf:" in p.stderr, "a bad regex is a config error with its line",
   p.stderr)
fx.close()
done()
