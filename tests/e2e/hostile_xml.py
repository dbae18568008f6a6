"""XXE and billion-laughs feeds are neutralized or refused: no local file
content reaches the output, the parse stays fast and small, and healthy
sources beside them publish."""
import os
import time
from harness import *
from fixture import Fixture

wd = Workdir("hostile")
secret = os.path.join(wd.path, "secret.txt")
with open(secret, "w") as f:
    f.write("TOP-SECRET-MARKER\n")
fx = Fixture()
fx.route("/xxe.rss", body='<?xml version="1.0"?>\n'
         '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://%s">]>\n'
         '<rss version="2.0"><channel><title>x</title>'
         '<item><title>leak &xxe;</title><guid>x1</guid>'
         '<description>&xxe;</description></item></channel></rss>\n' % secret)
fx.route("/xxe-param.rss", body='<?xml version="1.0"?>\n'
         '<!DOCTYPE rss [<!ENTITY %% p SYSTEM "file://%s"> %%p;]>\n'
         '<rss version="2.0"><channel><title>x</title>'
         '<item><title>param</title><guid>x2</guid></item></channel></rss>\n'
         % secret)
lol = ['<!ENTITY lol0 "lol">'] + [
    '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1)) * 10)
    for i in range(1, 10)]
fx.route("/laughs.rss", body='<?xml version="1.0"?>\n<!DOCTYPE rss [%s]>\n'
         '<rss version="2.0"><channel><title>x</title><item>'
         '<title>&lol9;</title><guid>l1</guid></item></channel></rss>\n'
         % "".join(lol))
fx.route("/good.rss", body=rss("Good", [dict(title="Calm story", guid="c1",
         link="https://ok.example/c", date="Mon, 15 Apr 2024 08:00:00 GMT")]))
wd.write_conf([("xxe", fx.url("/xxe.rss"), {}),
               ("xxeparam", fx.url("/xxe-param.rss"), {}),
               ("laughs", fx.url("/laughs.rss"), {}),
               ("good", fx.url("/good.rss"), {})])
t0 = time.time()
p = once(wd)
elapsed = time.time() - t0
out = b"".join(wd.read(n) for n in ["feed.atom", "index.html"])
ok(b"TOP-SECRET-MARKER" not in out, "no external entity content published")
ok(b"lollollol" not in out, "no entity expansion published")
ok("Calm story" in entry_titles(wd.read("feed.atom")),
   "the healthy source publishes")
ok(elapsed < 20, "the hostile feeds cost no time (%.2fs)" % elapsed)
ok(p.returncode in (0, 4), "unifeed exits normally", p.returncode)
ok("TOP-SECRET-MARKER" not in p.stderr, "the secret is not logged either")
fx.close()
done()
