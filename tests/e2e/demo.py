"""The bundled demo (examples/demo, made from the seed articles): one cycle
publishes every article once in the unified feed, the doubled and
syndicated ones included, and fills the topic feeds."""
import os
import shutil
from harness import *

src = os.path.join(SRCDIR, "examples", "demo")
wd = Workdir("demo")
for f in os.listdir(src):
    if f.endswith((".conf", ".rss", ".atom", ".rdf")):
        shutil.copy(os.path.join(src, f), wd.path)
p = once(wd)
ok(p.returncode == 0, "the demo runs offline and exits 0", p.stderr)
titles = entry_titles(wd.read("feed.atom"))
ok(len(titles) == 6 and len(set(titles)) == 6,
   "six distinct articles from ten source items", titles)
ok(any(t.startswith("Chen Jining led a delegation") for t in titles),
   "the syndicated Kashgar story is there", titles)
gov = entry_titles(wd.read("topics/government.atom"))
ok(len(gov) == 4, "the government source's four articles", gov)
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
done()
