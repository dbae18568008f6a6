"""Shared helpers for unifeed's end-to-end tests.

Each test is a script that speaks TAP: it starts unifeed (built with the
tree, from $UNIFEED) on a feeds file in a fresh temporary directory,
usually against a Fixture server on 127.0.0.1, and reads back what it
published.
"""
import atexit
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
UNIFEED = os.environ.get("UNIFEED", "unifeed")
SRCDIR = os.environ.get("UNIFEED_SRCDIR", os.path.join(
    os.path.dirname(__file__), "..", ".."))
BUILDDIR = os.environ.get("UNIFEED_BUILDDIR", os.getcwd())
SHARED = os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..", "shared"))

_count = 0
_failed = 0


def ok(cond, name, detail=""):
    """Report one TAP test case; return cond."""
    global _count, _failed
    _count += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _count, name))
    if not cond:
        _failed += 1
        for line in str(detail).splitlines()[:40]:
            print("# " + line)
    sys.stdout.flush()
    return cond


def skip_all(reason):
    print("1..0 # SKIP %s" % reason)
    sys.exit(0)


def skip(name, reason):
    global _count
    _count += 1
    print("ok %d - %s # SKIP %s" % (_count, name, reason))


def diag(msg):
    for line in str(msg).splitlines():
        print("# " + line)


def done():
    print("1..%d" % _count)
    sys.exit(0)


def wait_for(pred, timeout=20):
    """Poll pred() until true or timeout; exceptions count as false."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            if pred():
                return True
        except Exception:
            pass
        time.sleep(0.05)
    return False


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Workdir:
    """A temporary directory holding a feeds file, state and output."""

    def __init__(self, name="e2e"):
        self.path = tempfile.mkdtemp(prefix="unifeed-%s-" % name)
        self.conf = os.path.join(self.path, "feeds.conf")
        self.output = os.path.join(self.path, "public")
        self.state = os.path.join(self.path, "state.db")
        atexit.register(shutil.rmtree, self.path, True)

    def write_conf(self, sources, topics=None, listen="off", extra=""):
        """sources: list of (name, url, options dict)."""
        lines = ["[unifeed]", "title = e2e", "listen = %s" % listen,
                 "output = public", "state = state.db", "interval = 1h",
                 "timeout = 3s", "connect-timeout = 2s"]
        if listen != "off":
            lines.append("base-url = http://%s/" % listen)
        # extra lines override the defaults above, key by key
        extra_lines = extra.splitlines()
        keys = {l.split("=")[0].strip() for l in extra_lines if "=" in l}
        lines = [l for l in lines if l.split("=")[0].strip() not in keys]
        lines += extra_lines
        for name, url, opts in sources:
            lines += ["", "[source %s]" % name, "url = %s" % url]
            lines += ["%s = %s" % kv for kv in (opts or {}).items()]
        for name, opts in (topics or {}).items():
            lines += ["", "[topic %s]" % name]
            lines += ["%s = %s" % kv for kv in opts.items()]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    def file(self, rel):
        return os.path.join(self.output, rel)

    def read(self, rel):
        with open(self.file(rel), "rb") as f:
            return f.read()


def sanitizer_trouble(stderr):
    """The lines where ASan/UBSan/LSan reported something, if any."""
    keys = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
            "runtime error:", "SUMMARY: ")
    return [l for l in stderr.splitlines() if any(k in l for k in keys)]


def run(args, timeout=60):
    """Run unifeed with args; return CompletedProcess (text)."""
    p = subprocess.run([UNIFEED] + args, capture_output=True, text=True,
                       timeout=timeout)
    trouble = sanitizer_trouble(p.stderr)
    if trouble:
        ok(False, "no sanitizer report from unifeed %s" % " ".join(args),
           p.stderr)
    return p


def once(wd, timeout=60):
    return run(["--once", "-c", wd.conf], timeout)


class Daemon:
    """unifeed running in the foreground as under systemd."""

    def __init__(self, wd, args=()):
        self.wd = wd
        self.errpath = os.path.join(wd.path, "daemon.log")
        self._err = open(self.errpath, "w")
        self.proc = subprocess.Popen([UNIFEED, "-c", wd.conf] + list(args),
                                     stdout=subprocess.DEVNULL,
                                     stderr=self._err)

    def log(self):
        with open(self.errpath) as f:
            return f.read()

    def wait_log(self, needle, timeout=20, count=1):
        end = time.time() + timeout
        while time.time() < end:
            if self.log().count(needle) >= count:
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=20):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self._err.close()
        trouble = sanitizer_trouble(self.log())
        if trouble:
            ok(False, "no sanitizer report from the daemon", self.log())
        return rc


def entries(xml_bytes):
    """Parse an Atom document; return (feed element, list of entries)."""
    root = ET.fromstring(xml_bytes)
    return root, root.findall(ATOM + "entry")


def entry_titles(xml_bytes):
    return [e.findtext(ATOM + "title") for e in entries(xml_bytes)[1]]


_rng = None


def relaxng():
    """Path of the Atom RELAX NG schema (XML syntax), made with trang from
    the corpus copy of RFC 4287's compact schema; None when unavailable."""
    global _rng
    if _rng:
        return _rng
    rnc = os.path.join(SHARED, "corpus", "atom-schema", "atom.rnc")
    if not os.path.exists(rnc) or not shutil.which("trang") or \
            not shutil.which("xmllint"):
        return None
    out = os.path.join(tempfile.mkdtemp(prefix="unifeed-rng-"), "atom.rng")
    atexit.register(shutil.rmtree, os.path.dirname(out), True)
    subprocess.run(["trang", rnc, out], check=True, capture_output=True)
    _rng = out
    return out


def validate_atom(path):
    """(valid, message): RELAX NG plus the schema's two Schematron rules,
    which plain RELAX NG validators skip."""
    rng = relaxng()
    if rng is None:
        return None, "schema unavailable"
    p = subprocess.run(["xmllint", "--noout", "--relaxng", rng, path],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return False, p.stderr
    with open(path, "rb") as f:
        root, ents = entries(f.read())
    if root.find(ATOM + "author") is None and any(
            e.find(ATOM + "author") is None for e in ents):
        return False, "feed without author has an entry without author"
    for e in ents:
        alt = [l for l in e.findall(ATOM + "link")
               if l.get("rel", "alternate") == "alternate"]
        if not alt and e.find(ATOM + "content") is None:
            return False, "entry with neither alternate link nor content"
    return True, ""


def _esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def rss(title, items, link="https://news.example/"):
    """An RSS 2.0 document; items are dicts with title, link, guid,
    description, date (RFC 822), categories."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0">',
           "<channel>", "<title>%s</title>" % _esc(title),
           "<link>%s</link>" % _esc(link), "<description>d</description>"]
    for it in items:
        out.append("<item>")
        for k in ("title", "link", "description"):
            if k in it:
                out.append("<%s>%s</%s>" % (k, _esc(it[k]), k))
        if "guid" in it:
            out.append('<guid isPermaLink="false">%s</guid>' % _esc(it["guid"]))
        if "date" in it:
            out.append("<pubDate>%s</pubDate>" % it["date"])
        for c in it.get("categories", []):
            out.append("<category>%s</category>" % _esc(c))
        out.append("</item>")
    out += ["</channel>", "</rss>"]
    return "\n".join(out) + "\n"


def atom(title, entries_, feed_id="urn:e2e:feed"):
    """An Atom 1.0 document; entries are dicts with id, title, link,
    summary, updated (RFC 3339)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>%s</title>" % _esc(title), "<id>%s</id>" % feed_id,
           "<updated>2024-04-15T00:00:00Z</updated>"]
    for e in entries_:
        out += ["<entry>", "<id>%s</id>" % _esc(e["id"]),
                "<title>%s</title>" % _esc(e["title"])]
        if "link" in e:
            out.append('<link href="%s"/>' % _esc(e["link"]))
        out.append("<updated>%s</updated>" % e.get("updated",
                                                   "2024-04-15T00:00:00Z"))
        if "summary" in e:
            out.append("<summary>%s</summary>" % _esc(e["summary"]))
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out) + "\n"
