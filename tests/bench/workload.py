#!/usr/bin/python3
"""Workload of the poll-cycle benchmark: N feeds made from real items.

This is a benchmark helper, not a test. It writes N feed files (RSS 2.0,
Atom 1.0 and RSS 1.0/RDF in a fixed mix: 10 of every 20 feeds RSS 2.0, 6
Atom, 4 RDF) under DIR/feeds/, deterministic for a --seed (same seed,
same bytes), for a static server (tests/bench/nginx.py) to serve with
ETag and Last-Modified. tests/bench/poll.py drives it; dedup.py reads the
corpus through it.

Items are real items of the shared corpus (the RSS 2.0, RSS 1.0 and Atom
feeds of feed-rs, rss-parser, node-feedparser and netnewswire-rsparser,
read at run time with xml.etree, never copied into the repository;
about 840 usable ones with at most 7 KB of body): their real titles,
authors, categories and HTML bodies (description or summary, and
content:encoded or content when the original had both), and their real
dates. A feed holds 20-100 items.
A real item is used in many feeds, each use a distinct article: its link
is rewritten onto the feed's own made-up host
(https://siteNNNN.example.org/<use>/<original host and path>), it gets
its own guid, and each further use of one real item is dated 4 days
before the previous one (the daemon's default merge-window is 3 days, so
equal title and text do not make two uses one story). About 10% of the
items are also syndicated into a second feed under the same link plus
tracking parameters (utm_*, fbclid) and another guid: the daemon must
merge those. So the articles of a workload are its items minus the
syndicated copies.

The "changed" variant (Workload.change) gives a tenth of the feeds 2-10
new items each (real items again, dated after everything else) and drops
as many of their oldest, rewriting only those files, so their size, mtime
and thus nginx's ETag and Last-Modified change; successive calls make
successive generations, Workload.reset goes back to the first.

  tests/bench/workload.py --feeds 1000 --seed 1 --out /tmp/wl

prints one line: feeds per format, items, syndicated copies, articles,
MB. Options: --feeds N, --seed S, --out DIR, --corpus DIR (default
$UNIFEED_SHARED/corpus, else ../shared/corpus beside the tree),
--changed G (also apply G generations of changes and say what changed).
"""
import argparse
import calendar
import email.utils
import gzip
import html
import html.parser
import os
import random
import re
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..",
                                                       "shared"))
CORPUS_DIRS = ("feed-rs", "rss-parser", "node-feedparser",
               "netnewswire-rsparser")
FEED_EXT = (".xml", ".rss", ".atom", ".rdf")
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM03 = "{http://purl.org/atom/ns#}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XHTML = "{http://www.w3.org/1999/xhtml}"
MAX_WORDS = 250                 # words of a real description kept (text)
# A link with nothing to normalize: exact comparison must hold.
CLEAN_LINK = re.compile(r"https?://[a-z0-9][a-z0-9.-]*\.[a-z]{2,}"
                        r"(/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$")
# Spec examples and parser tests, not news.
EXAMPLE_HOST = re.compile(r"https?://([^/]*\.)?(example\.(com|org|net)|"
                          r"localhost)(/|$)")
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WORD = re.compile(r"\w+", re.U)
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|spm|from)=", re.I)
AMP_PARAM = re.compile(r"^(amp|outputtype)(=|$)", re.I)

DAY = 86400
BASE = calendar.timegm((2024, 6, 1, 12, 0, 0))  # newest original item
REUSE_GAP = 4 * DAY             # > the daemon's default merge-window
MIN_ITEMS, MAX_ITEMS = 20, 100
SYNDICATED = 0.10               # items copied into a second feed
FORMATS = ("rss",) * 10 + ("atom",) * 6 + ("rdf",) * 4
EXT = {"rss": "xml", "atom": "atom", "rdf": "rdf"}
FORMAT_NAME = {"rss": "RSS 2.0", "atom": "Atom", "rdf": "RDF"}

# --- corpus ------------------------------------------------------------------

class Real:
    """One usable item of the corpus: plain-text title and text (what
    dedup.py uses) and, for workloads, its HTML summary and content,
    date (seconds or None), author and categories as the feed gave them."""

    def __init__(self, title, link, text, origin):
        self.title, self.link, self.text, self.origin = \
            title, link, text, origin
        self.summary = self.content = self.author = ""
        self.date = None
        self.cats = []


class TextOf(html.parser.HTMLParser):
    """The text of an HTML fragment, scripts and styles left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("p", "br", "div", "li", "h1", "h2", "h3", "td"):
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def plain(fragment, is_html=True):
    """Collapsed plain text of a (possibly HTML) string."""
    if fragment is None:
        return ""
    if is_html and "<" in fragment:
        p = TextOf()
        try:
            p.feed(fragment)
            p.close()
            fragment = "".join(p.out)
        except Exception:       # html.parser raises little, but be safe
            fragment = re.sub(r"<[^>]*>", " ", fragment)
    elif is_html:
        fragment = html.unescape(fragment)
    fragment = INVALID_XML.sub(" ", fragment)
    return " ".join(fragment.split())


def elem_text(e):
    """Text of an element, HTML-decoded when it holds escaped HTML."""
    if e is None:
        return ""
    if len(e):                  # inline XHTML
        return " ".join(" ".join(e.itertext()).split())
    return plain(e.text or "")


def feed_files(corpus):
    for sub in CORPUS_DIRS:
        top = os.path.join(corpus, sub)
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs
                             if d not in ("output", "derived", "xml"))
            for name in sorted(files):
                if name.lower().endswith(FEED_EXT):
                    yield os.path.join(root, name)


def read_feed(path):
    """The parsed root of a feed file, or None (gzip bodies unpacked)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        return ET.fromstring(data)
    except (OSError, EOFError, ET.ParseError, ValueError):
        return None


def entry_link(e):
    """An Atom entry's alternate link (Atom 1.0 or 0.3)."""
    for ns in (ATOM, ATOM03):
        for l in e.findall(ns + "link"):
            if l.get("rel", "alternate") == "alternate" and l.get("href"):
                return l.get("href").strip()
    return ""


def feed_base(root):
    """What relative links of a feed resolve against: its xml:base, else
    its own site link."""
    base = root.get(XML_BASE)
    if base is None:
        for ns in (ATOM, ATOM03):
            l = root.find(ns + "link")
            if l is not None and l.get("href"):
                base = l.get("href")
                break
    if base is None:
        base = root.findtext("channel/link") or \
            root.findtext(RSS1 + "channel/" + RSS1 + "link")
    return (base or "").strip()


def real_of(e, origin, base=""):
    """A Real from an RSS item or Atom entry, or None."""
    tag = e.tag
    if tag in (ATOM + "entry", ATOM03 + "entry"):
        ns = tag[:tag.index("}") + 1]
        title = elem_text(e.find(ns + "title"))
        link = entry_link(e)
        body = e.find(ns + "summary")
        if body is None or not elem_text(body):
            body = e.find(ns + "content")
        text = elem_text(body)
    else:
        ns = RSS1 if tag == RSS1 + "item" else ""
        title = plain((e.findtext(ns + "title") or ""), True)
        link = (e.findtext(ns + "link") or "").strip()
        text = plain(e.findtext(ns + "description") or
                     e.findtext(DC + "description") or
                     e.findtext(CONTENT + "encoded") or "")
    title = INVALID_XML.sub(" ", " ".join(title.split()))
    if link and "://" not in link:
        link = urllib.parse.urljoin(
            urllib.parse.urljoin(base, e.get(XML_BASE) or ""), link)
    if len(title.split()) < 4 or not CLEAN_LINK.match(link) or \
            len(link) > 300 or len(text.split()) < 5 or \
            EXAMPLE_HOST.match(link):
        return None
    words = text.split()
    if len(words) > MAX_WORDS:
        text = " ".join(words[:MAX_WORDS])
    r = Real(title, link, text, origin)
    real_extras(r, e)
    return r


def body_html(e):
    """An element's body as HTML: escaped HTML as is, inline XHTML
    serialized without namespaces, Atom type="text" escaped."""
    if e is None:
        return ""
    if len(e):
        out = [escape(e.text or "")]
        for child in e:
            child = clone_local(child)
            out.append(ET.tostring(child, encoding="unicode",
                                   short_empty_elements=False))
        return INVALID_XML.sub(" ", "".join(out).strip())
    s = e.text or ""
    if e.get("type") == "text":
        s = escape(s)
    return INVALID_XML.sub(" ", s.strip())


def clone_local(e):
    """A copy of e with namespace prefixes dropped from tags and
    attributes (XHTML content becomes plain HTML)."""
    c = ET.Element(e.tag.rsplit("}", 1)[-1],
                   {k.rsplit("}", 1)[-1]: v for k, v in e.items()})
    c.text, c.tail = e.text, e.tail
    for child in e:
        c.append(clone_local(child))
    return c


ISO_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)"
                      r"(?::(\d\d))?(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?")


def parse_date(s):
    """Seconds since the epoch of an RFC 822 or RFC 3339 date, or None."""
    s = (s or "").strip()
    if not s:
        return None
    m = ISO_DATE.match(s)
    try:
        if m:
            y, mo, d, h, mi, sec, tz = m.groups()
            t = calendar.timegm((int(y), int(mo), int(d), int(h or 0),
                                 int(mi or 0), int(sec or 0)))
            if tz and tz != "Z":
                tz = tz.replace(":", "")
                off = int(tz[1:3]) * 3600 + int(tz[3:5]) * 60
                t -= off if tz[0] == "+" else -off
            return t
        tup = email.utils.parsedate_tz(s)
        return email.utils.mktime_tz(tup) if tup else None
    except (ValueError, OverflowError, TypeError):
        return None


def real_extras(r, e):
    """Fill r's HTML bodies, date, author and categories from e."""
    tag = e.tag
    if tag in (ATOM + "entry", ATOM03 + "entry"):
        ns = tag[:tag.index("}") + 1]
        r.summary = body_html(e.find(ns + "summary"))
        r.content = body_html(e.find(ns + "content"))
        r.date = parse_date(e.findtext(ns + "published") or
                            e.findtext(ns + "issued") or
                            e.findtext(ns + "updated") or
                            e.findtext(ns + "modified"))
        r.author = e.findtext(ns + "author/" + ns + "name") or ""
        r.cats = [c.get("term") or c.text or "" for c in
                  e.findall(ns + "category")]
    else:
        ns = RSS1 if tag == RSS1 + "item" else ""
        r.summary = (e.findtext(ns + "description") or
                     e.findtext(DC + "description") or "").strip()
        r.content = (e.findtext(CONTENT + "encoded") or "").strip()
        r.date = parse_date(e.findtext("pubDate") or
                            e.findtext(DC + "date"))
        r.author = e.findtext(DC + "creator") or e.findtext("author") or ""
        r.cats = [c.text or "" for c in e.findall("category")]
    r.cats += [c.text or "" for c in e.findall(DC + "subject")]
    r.cats = [" ".join(INVALID_XML.sub(" ", c).split()) for c in r.cats]
    r.cats = [c for c in r.cats if c][:10]
    r.author = " ".join(INVALID_XML.sub(" ", r.author).split())
    r.summary = INVALID_XML.sub(" ", r.summary)
    r.content = INVALID_XML.sub(" ", r.content)
    if not r.summary and not r.content:
        r.summary = escape(r.text)


def corpus_items(corpus):
    """Usable real items, near-identical ones (same feed twice in the
    corpus, boilerplate descriptions) dropped, in a fixed order."""
    out, seen = [], set()
    files = 0
    for path in feed_files(corpus):
        root = read_feed(path)
        if root is None:
            continue
        files += 1
        origin = os.path.relpath(path, corpus)
        base = feed_base(root)
        for e in root.iter():
            if e.tag not in ("item", RSS1 + "item", ATOM + "entry",
                             ATOM03 + "entry"):
                continue
            r = real_of(e, origin, base)
            if r is None:
                continue
            keys = (("t", fold_title(r.title)), ("l", fold_link(r.link)),
                    ("x", " ".join(fold_words(r.text)[:12])),
                    ("y", " ".join(fold_words(r.text)[-12:])))
            if any(k in seen for k in keys):
                continue
            seen.update(keys)
            out.append(r)
    return out, files


def fold_words(s):
    return WORD.findall(s.casefold())


def fold_title(s):
    return " ".join(fold_words(s))


def fold_link(url):
    """A link folded the way a deduplicator would (for mapping only):
    scheme, www./amp./m., tracking and AMP parameters, AMP paths,
    index.html and the final slash dropped."""
    u = url.strip()
    u = re.sub(r"^https?://", "", u, flags=re.I)
    u = u.split("#", 1)[0]
    host, _, rest = u.partition("/")
    host = re.sub(r"^(www|amp|m)\.", "", host.lower())
    path, _, query = rest.partition("?")
    params = [p for p in query.split("&") if p and not TRACKING.match(p)
              and not AMP_PARAM.match(p)]
    path = re.sub(r"(^|/)amp(/|$)", r"\1", path)
    path = re.sub(r"\.amp\.html$", ".html", path)
    path = re.sub(r"(^|/)index\.html?$", r"\1", path)
    path = path.rstrip("/")
    return host + "/" + path + ("?" + "&".join(params) if params else "")


# --- workload ----------------------------------------------------------------

MAX_BODY = 7000     # summary + content bytes: the few longer items left out
                    # keep the mean near real feeds' (~110 KB a feed)
HOSTS = "site%04d.example.org"


def corpus_dir():
    return os.path.join(SHARED, "corpus")


def workload_pool(corpus):
    """The corpus items a workload is made of, and the files read."""
    pool, files = corpus_items(corpus)
    pool = [r for r in pool if len(r.summary) + len(r.content) <= MAX_BODY]
    for k, r in enumerate(pool):
        r.key = k
        if r.date is None or r.date > BASE - REUSE_GAP:
            r.date = BASE - REUSE_GAP - k * 3607 % (30 * DAY)
    return pool, files


class Use:
    """One item of one generated feed: a real item under its own link,
    guid and date (a syndicated copy shares the original's link)."""

    def __init__(self, real, link, guid, date, copy=False):
        self.real, self.link, self.guid, self.date = real, link, guid, date
        self.copy = copy


class Feed:
    def __init__(self, i):
        self.i = i
        self.fmt = FORMATS[i % len(FORMATS)]
        self.name = "f%04d" % i
        self.host = HOSTS % i
        self.file = "%s.%s" % (self.name, EXT[self.fmt])
        self.path = "/feeds/" + self.file
        self.items = []


class Workload:
    """N feeds of real items; change() and reset() make the variants."""

    def __init__(self, n, seed, pool):
        if not pool:
            raise ValueError("no usable corpus items")
        self.n, self.seed, self.pool = n, seed, pool
        rng = random.Random(seed)
        self.uses = [0] * len(pool)     # uses of each real item so far
        self.serial = 0                 # links and guids made so far
        self.feeds = [Feed(i) for i in range(n)]
        for f in self.feeds:
            for _ in range(rng.randint(MIN_ITEMS, MAX_ITEMS)):
                r = rng.choice(pool)
                f.items.append(self._use(f, r, r.date - self.uses[r.key] *
                                         REUSE_GAP))
        self.copies = 0
        if n > 1:
            for f in self.feeds:
                for u in list(f.items):
                    if not u.copy and rng.random() < SYNDICATED:
                        self._syndicate(rng, f, u)
        for f in self.feeds:
            f.items.sort(key=lambda u: -u.date)
        self.base = [list(f.items) for f in self.feeds]
        self.base_state = (list(self.uses), self.serial)
        # uses in later generations, dated after BASE (every first
        # generation use lies before it): counted apart, so that new
        # items stay in the past at 5,000 feeds too
        self.later = [0] * len(pool)
        self.generation = 0
        self.dirty = set()              # feeds that differ from the base

    def _use(self, f, r, date, gen=""):
        self.uses[r.key] += 1
        self.serial += 1
        p = urllib.parse.urlsplit(r.link)
        link = "https://%s/%s%d/%s%s%s" % (
            f.host, gen, self.serial, p.netloc.lower(), p.path or "/",
            "?" + p.query if p.query else "")
        guid = "tag:%s,2024:%s%d" % (f.host, gen, self.serial)
        if f.fmt == "rss" and f.i % 3 == 0:
            guid = link                 # isPermaLink="true"
        return Use(r, link, guid, date + r.date % 60)

    def _syndicate(self, rng, f, u):
        """Copy u into another feed under a tracking-parameter URL."""
        j = rng.randrange(self.n - 1)
        g = self.feeds[j + (j >= f.i)]
        self.copies += 1
        params = rng.choice((
            "utm_source=%s&utm_medium=rss&utm_campaign=feed" % g.name,
            "utm_source=twitter&utm_medium=social",
            "fbclid=IwAR%08x" % rng.getrandbits(32)))
        link = u.link + ("&" if "?" in u.link else "?") + params
        g.items.append(Use(u.real, link, "tag:%s,2024:syn%d"
                           % (g.host, self.copies), u.date, copy=True))

    def items(self):
        return sum(len(f.items) for f in self.feeds)

    def articles(self):
        """Distinct articles in the feeds now: items minus copies."""
        return sum(1 for f in self.feeds for u in f.items if not u.copy)

    def change(self, root):
        """The next generation: a tenth of the feeds (chosen anew each
        time) get 2-10 new items at the top and lose as many of their
        oldest; their files are rewritten. Returns (feeds, new items)."""
        self.generation += 1
        rng = random.Random("%d-change-%d" % (self.seed, self.generation))
        picked = sorted(rng.sample(range(self.n), max(1, self.n // 10)))
        new = 0
        for i in picked:
            f = self.feeds[i]
            add = []
            for _ in range(rng.randint(2, 10)):
                r = rng.choice(self.pool)
                # after every original use, and REUSE_GAP from each other
                self.later[r.key] += 1
                date = BASE + REUSE_GAP * self.later[r.key]
                add.append(self._use(f, r, date, "g%d-" % self.generation))
            add.sort(key=lambda u: -u.date)
            f.items = add + f.items[:len(f.items) - len(add)]
            new += len(add)
            self.dirty.add(i)
            self.write_feed(root, f)
        return len(picked), new

    def reset(self, root):
        """Back to the first generation, rewriting the changed files."""
        for i in sorted(self.dirty):
            self.feeds[i].items = list(self.base[i])
            self.write_feed(root, self.feeds[i])
        self.dirty = set()
        self.uses, self.serial = list(self.base_state[0]), \
            self.base_state[1]
        self.later = [0] * len(self.later)
        self.generation = 0

    def write(self, root):
        """Write every feed under root/feeds; returns the bytes written."""
        os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
        return sum(self.write_feed(root, f) for f in self.feeds)

    def write_feed(self, root, f):
        data = DOCS[f.fmt](f)
        path = os.path.join(root, "feeds", f.file)
        with open(path + ".tmp", "wb") as out:
            out.write(data)
        os.replace(path + ".tmp", path)
        return len(data)

    def summary(self, size):
        per = {k: sum(1 for f in self.feeds if f.fmt == k)
               for k in ("rss", "atom", "rdf")}
        return ("%d feeds (%s), %d items, %d syndicated copies, %d "
                "articles, %.1f MB (%.0f KB a feed)" % (
                    self.n, ", ".join("%d %s" % (per[k], FORMAT_NAME[k])
                                      for k in ("rss", "atom", "rdf")),
                    self.items(), self.copies, self.articles(), size / 1e6,
                    size / 1e3 / max(1, self.n)))


# --- documents ---------------------------------------------------------------

def rfc822(t):
    return email.utils.formatdate(t, usegmt=True)


def rfc3339(t):
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(
        time.gmtime(t)[:6])


def cdata(s):
    if "]]>" in s:
        return escape(s)
    return "<![CDATA[%s]]>" % s


def rss_doc(f):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           "<channel>", "<title>Site %04d</title>" % f.i,
           "<link>https://%s/</link>" % f.host,
           "<description>News from site %04d</description>" % f.i,
           "<language>en</language>",
           "<lastBuildDate>%s</lastBuildDate>" % rfc822(f.items[0].date)]
    for u in f.items:
        r = u.real
        out += ["<item>", "<title>%s</title>" % escape(r.title),
                "<link>%s</link>" % escape(u.link),
                '<guid isPermaLink="%s">%s</guid>' % (
                    "true" if u.guid == u.link else "false", escape(u.guid)),
                "<pubDate>%s</pubDate>" % rfc822(u.date)]
        if r.author:
            out.append("<dc:creator>%s</dc:creator>" % escape(r.author))
        out += ["<category>%s</category>" % escape(c) for c in r.cats]
        if r.summary:
            out.append("<description>%s</description>" % escape(r.summary))
        if r.content:
            out.append("<content:encoded>%s</content:encoded>"
                       % cdata(r.content))
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode()


def atom_doc(f):
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "<title>Site %04d</title>" % f.i,
           "<id>tag:%s,2024:feed</id>" % f.host,
           '<link rel="alternate" type="text/html" href="https://%s/"/>'
           % f.host, "<updated>%s</updated>" % rfc3339(f.items[0].date)]
    for u in f.items:
        r = u.real
        out += ["<entry>", "<title>%s</title>" % escape(r.title),
                '<link rel="alternate" type="text/html" href=%s/>'
                % quoteattr(u.link), "<id>%s</id>" % escape(u.guid),
                "<published>%s</published>" % rfc3339(u.date),
                "<updated>%s</updated>" % rfc3339(u.date)]
        if r.author:
            out.append("<author><name>%s</name></author>" % escape(r.author))
        out += ["<category term=%s/>" % quoteattr(c) for c in r.cats]
        if r.summary:
            out.append('<summary type="html">%s</summary>'
                       % escape(r.summary))
        if r.content:
            out.append('<content type="html">%s</content>'
                       % escape(r.content))
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out).encode()


def rdf_doc(f):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           ' xmlns="http://purl.org/rss/1.0/"'
           ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
           ' xmlns:content="http://purl.org/rss/1.0/modules/content/">',
           '<channel rdf:about="https://%s/">' % f.host,
           "<title>Site %04d</title>" % f.i,
           "<link>https://%s/</link>" % f.host,
           "<description>News from site %04d</description>" % f.i,
           "<dc:date>%s</dc:date>" % rfc3339(f.items[0].date),
           "<items><rdf:Seq>"]
    out += ['<rdf:li rdf:resource=%s/>' % quoteattr(u.link) for u in f.items]
    out += ["</rdf:Seq></items>", "</channel>"]
    for u in f.items:
        r = u.real
        out += ["<item rdf:about=%s>" % quoteattr(u.link),
                "<title>%s</title>" % escape(r.title),
                "<link>%s</link>" % escape(u.link),
                "<dc:date>%s</dc:date>" % rfc3339(u.date)]
        if r.author:
            out.append("<dc:creator>%s</dc:creator>" % escape(r.author))
        out += ["<dc:subject>%s</dc:subject>" % escape(c) for c in r.cats]
        if r.summary:
            out.append("<description>%s</description>" % escape(r.summary))
        if r.content:
            out.append("<content:encoded>%s</content:encoded>"
                       % escape(r.content))
        out.append("</item>")
    out += ["</rdf:RDF>", ""]
    return "\n".join(out).encode()


DOCS = {"rss": rss_doc, "atom": atom_doc, "rdf": rdf_doc}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="folder to write into")
    ap.add_argument("--corpus", default=corpus_dir())
    ap.add_argument("--changed", type=int, default=0, metavar="G",
                    help="then apply G generations of changes")
    args = ap.parse_args()
    if args.feeds < 1:
        sys.exit("workload.py: --feeds must be positive")
    if not os.path.isdir(args.corpus):
        sys.exit("workload.py: no corpus at %s (give --corpus)" % args.corpus)
    pool, files = workload_pool(args.corpus)
    wl = Workload(args.feeds, args.seed, pool)
    size = wl.write(args.out)
    print("seed %d: %s; %d real items from %d corpus files"
          % (args.seed, wl.summary(size), len(pool), files))
    for _ in range(args.changed):
        nf, ni = wl.change(args.out)
        print("generation %d: %d feeds changed, %d new items"
              % (wl.generation, nf, ni))


if __name__ == "__main__":
    main()
