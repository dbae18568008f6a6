"""A changed article (same guid, new text) is updated in place: same entry
id, new content, a later <updated>, no second entry."""
from harness import *
from fixture import Fixture

fx = Fixture()
item = dict(title="Bridge closed", guid="b-1", link="https://c.example/bridge",
            date="Mon, 15 Apr 2024 08:00:00 GMT",
            description="The bridge is closed for repairs.")
other = dict(title="Park reopens", guid="b-2", link="https://c.example/park",
             date="Sun, 14 Apr 2024 08:00:00 GMT", description="Good news.")
fx.route("/c.rss", body=rss("C", [item, other]))
wd = Workdir("upd")
wd.write_conf([("c", fx.url("/c.rss"), {})])
p = once(wd)
ok(p.returncode == 0, "first cycle exits 0", p.stderr)
_, e1 = entries(wd.read("feed.atom"))
old = {e.findtext(ATOM + "title"): e for e in e1}
item["title"] = "Bridge closed until May"
item["description"] = "The bridge stays closed until May."
fx.route("/c.rss", body=rss("C", [item, other]))
p = once(wd)
ok(p.returncode == 0, "second cycle exits 0", p.stderr)
_, e2 = entries(wd.read("feed.atom"))
ok(len(e2) == 2, "no second entry for the changed article",
   [e.findtext(ATOM + "title") for e in e2])
new = {e.findtext(ATOM + "title"): e for e in e2}
b_old, b_new = old.get("Bridge closed"), new.get("Bridge closed until May")
ok(b_old is not None and b_new is not None, "the title changed in place",
   list(new))
if b_old is not None and b_new is not None:
    ok(b_old.findtext(ATOM + "id") == b_new.findtext(ATOM + "id"),
       "the entry id is unchanged")
    ok(b_new.findtext(ATOM + "updated") > b_old.findtext(ATOM + "updated"),
       "<updated> moved forward", (b_old.findtext(ATOM + "updated"),
                                   b_new.findtext(ATOM + "updated")))
    ok("until May" in (b_new.findtext(ATOM + "summary") or ""),
       "the new text is published")
    ok(b_new.findtext(ATOM + "published") ==
       b_old.findtext(ATOM + "published"), "<published> is kept")
park_old, park_new = old["Park reopens"], new["Park reopens"]
ok(park_old.findtext(ATOM + "updated") == park_new.findtext(ATOM + "updated"),
   "the unchanged article keeps its <updated>")
fx.close()
done()
