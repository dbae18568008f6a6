"""unifeed -t checks a feeds file: 0 for a good one, 1 with every error
as file:line for a bad one; usage errors exit 2; --version and --help."""
import os
from harness import *

wd = Workdir("conf")
wd.write_conf([("ok", "http://127.0.0.1:1/feed.xml", {"topics": "news"})],
              topics={"news": {"match": 'a, "b c"'}})
p = run(["-t", "-c", wd.conf])
ok(p.returncode == 0, "a good file passes -t", p.stderr)
bad = os.path.join(wd.path, "bad.conf")
with open(bad, "w") as f:
    f.write("[unifeed]\ninterval = soon\n\n[source a]\nurl = ftp://x/y\n"
            "colour = blue\n\n[source]\n\n[wat x]\n")
p = run(["-t", "-c", bad])
ok(p.returncode == 1, "a bad file fails -t with status 1", p.returncode)
for line in ["bad.conf:2:", "bad.conf:5:", "bad.conf:6:", "bad.conf:8:",
             "bad.conf:10:"]:
    ok(line in p.stderr, "the error at %s is reported" % line, p.stderr)
p = run(["-t", "-c", os.path.join(wd.path, "missing.conf")])
ok(p.returncode == 1 and "missing.conf" in p.stderr,
   "a missing file is named", p.stderr)
p = run(["--bogus"])
ok(p.returncode == 2, "an unknown option exits 2", p.returncode)
p = run(["--version"])
ok(p.returncode == 0 and p.stdout.startswith("unifeed "), "--version",
   p.stdout)
p = run(["--help"])
ok(p.returncode == 0 and "--once" in p.stdout, "--help", p.stdout)
demo = os.path.join(SRCDIR, "examples", "demo", "feeds.conf")
p = run(["-t", "-c", demo])
ok(p.returncode == 0, "the bundled demo feeds file passes -t", p.stderr)
done()
