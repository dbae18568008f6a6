#!/usr/bin/python3
"""Benchmark cross-source deduplication: one entry per story.

This is a benchmark, not a test: it prints figures and is not part of
`make check`, and it exits 0 whatever the figures are. It measures how
well `unifeed --once` publishes one entry per story, however many
sources carried it, and how rarely it merges different stories.

Workload (deterministic for --seed): real items (title of at least four
words, an absolute link, some description text) read with xml.etree from
the real RSS 2.0 / RSS 1.0 / Atom feeds of the shared corpus (feed-rs,
rss-parser, node-feedparser, netnewswire-rsparser; files that do not
parse are skipped; corpus files are read at run time, never copied).
--stories N (default 600; the corpus holds about 900 usable items, so
about 700 at most) of them become stories, spread over a dozen or so
generated RSS 2.0 source feeds written to a temporary directory with
a feeds.conf of file: sources. About 40% of the stories get 1-3
syndicated copies in OTHER feeds, dated within hours of the original,
each with one or more perturbations seen in the wild:

  link   tracking parameters (utm_*, fbclid, spm, from); http<->https;
         www. added or removed; an AMP variant; index.html added or
         removed; or a different URL on another host altogether
         (syndication: only the title and text tell)
  title  a site suffix (" - Site Name"); a tag list (" | Tag | Tag");
         re-cased; re-punctuated
  text   truncated at a word boundary with an ellipsis; re-wrapped
  guid   a different guid

plus hard negatives that must NOT merge: same-template titles on
different days ("Daily briefing: April 15" / "April 16", "Weather for
Monday" / "Tuesday", with different texts), follow-ups (a real item and
a second one with a changed number or verb and a different text), real
items from one source sharing several title words (same topic, other
story), and identical short titles ("Update", "Live blog") with
different texts and links.

It runs `unifeed --once -c feeds.conf` once, reads output/feed.atom,
and maps each generated item to the entry holding its exact link (as
rel="alternate" or rel="via"); an item whose link is in no entry was
merged into another one, found by its folded link or its title, or is
counted missing. Over all pairs of items that are one story in truth or
one entry in the output (found by grouping, not over all N^2 pairs) it
prints the precision, recall and F1 of "same story", recall by kind of
perturbation, false merges by kind of negative, examples of both, and
the cycle's run time, with PASS/FAIL against the targets (precision >=
0.995, recall >= 0.95).

Run it on an optimized build:

  mkdir -p build-bench && cd build-bench && ../configure -q CFLAGS="-O2 -g" \\
      && make unifeed
  ../tests/bench/dedup.py --unifeed ./unifeed

Options: --unifeed PATH (default $UNIFEED or ./unifeed), --stories N,
--seed S, --corpus DIR (default $UNIFEED_SHARED/corpus or
../shared/corpus beside the source tree), --examples K (examples of
each failure printed, default 3), --timeout S (kill the cycle after S
seconds), --keep (leave the temporary directory and print where). See
tests/bench/README.md.
"""
import argparse
import calendar
import collections
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from benchutil import die, unifeed_path

from workload import (ATOM, TRACKING, corpus_items, fold_link,
                      fold_title, fold_words)

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.environ.get("UNIFEED_SHARED", os.path.join(SRCDIR, "..",
                                                       "shared"))
TARGET_PRECISION = 0.995
TARGET_RECALL = 0.95
KEEP = 10000                    # the daemon's MAX_KEEP (daemon/defaults.h)
BASE = calendar.timegm((2024, 4, 1, 0, 0, 0))   # first story's day
SPAN_DAYS = 21                  # stories spread over this many days
HOUR = 3600
DAY = 86400
SYNDICATED = 0.40               # stories with 1-3 copies
STOP = set("""a an and are as at be by for from has have in is it its of on
or that the this to was were will with after over into new not out up
about more than how why what who when says say your you our we they he
she his her their but can could just all one two first year years""".split())

LINK_KINDS = ("tracking", "scheme", "www", "amp", "index.html")
TITLE_KINDS = ("site-suffix", "tag-list", "recase", "repunct")
TEXT_KINDS = ("truncate", "rewrap")
KIND_ORDER = (("other-host",) + LINK_KINDS + ("same-link",) + TITLE_KINDS
              + TEXT_KINDS + ("guid",))
NEG_ORDER = ("template", "follow-up", "same-topic", "short-title",
             "unrelated")
SITE_WORDS = ("Morning Ledger", "Harbor Times", "Valley Courier",
              "Daily Dispatch", "Metro Wire", "Evening Star",
              "Northern Post", "Coastal Herald", "Capital Digest",
              "River Gazette", "Union Tribune", "Global Briefing",
              "Summit Observer", "Lakeside Journal", "Central Chronicle",
              "Pacific Bulletin")
TAGS = ("News", "World", "Politics", "Tech", "Business", "Opinion",
        "Sport", "Culture", "Science", "Video", "Local", "Analysis")
SHORT_TITLES = ("Update", "Live blog", "Live updates", "Breaking news",
                "Watch", "In pictures")
FOLLOW_VERBS = {"rises": "falls", "falls": "rises", "wins": "loses",
                "loses": "wins", "opens": "closes", "closes": "opens",
                "launches": "delays", "approves": "rejects",
                "announces": "cancels", "adds": "cuts", "cuts": "adds",
                "raises": "lowers", "increases": "reduces",
                "begins": "ends", "starts": "ends",
                "joins": "leaves", "leaves": "rejoins",
                "accepts": "rejects", "confirms": "denies",
                "gets": "loses", "buys": "sells",
                "sells": "buys", "new": "second", "first": "second",
                "release": "recall", "released": "recalled"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday")



# --- corpus (read by workload.py) -------------------------------------------

def strip_tracking(url):
    """url without its tracking parameters (for mapping only)."""
    base, q, query = url.partition("?")
    params = [p for p in query.split("&") if p and not TRACKING.match(p)]
    return base + ("?" + "&".join(params) if params else "")


# --- workload ----------------------------------------------------------------

class Item:
    """One generated feed item and what it is in truth."""

    def __init__(self, **kw):
        self.kinds = ()
        self.role = "original"
        self.__dict__.update(kw)


class Source:
    def __init__(self, i, rng):
        self.name = "src%02d" % (i + 1)
        self.site = SITE_WORDS[i % len(SITE_WORDS)]
        if i >= len(SITE_WORDS):
            self.site += " %d" % (i // len(SITE_WORDS) + 1)
        slug = re.sub(r"[^a-z0-9]", "", self.site.lower())
        tld = rng.choice(("com", "net", "org", "co.uk", "news"))
        self.host = ("www." if rng.random() < 0.6 else "") + slug + "." + tld
        self.items = []


class Workload:
    """Stories, their copies and the hard negatives, over the sources."""

    def __init__(self, pool, n, seed):
        self.rng = rng = random.Random(seed)
        self.pool = list(pool)
        rng.shuffle(self.pool)
        self.items = []
        self.nstories = 0
        self.negpairs = {}          # frozenset of 2 stories: kind
        self.negcount = collections.Counter()   # kind: story pairs built
        self.notes = []
        need_extra = self._extra_texts_needed(n)
        if len(self.pool) < n + need_extra:
            n2 = max(10, len(self.pool) - need_extra)
            self.notes.append("the corpus gives %d usable items: %d stories "
                              "instead of %d" % (len(self.pool), n2, n))
            n = n2
        self.n = n
        nsrc = max(8, min(200, n // 50))
        self.sources = [Source(i, rng) for i in range(nsrc)]
        topical = self._find_same_topic(max(3, round(n * 0.04)))
        bases = [self.pool.pop() for _ in range(n)]
        self.originals = [self._original(r) for r in bases]
        for it in list(self.originals):
            if rng.random() < SYNDICATED:
                for _ in range(rng.choice((1, 1, 2, 2, 3))):
                    self._copy(it)
        self._followups(max(3, round(n * 0.04)))
        self._same_topic(topical)
        self._templates(max(1, round(n / 300)))
        self._short_titles(max(2, round(n / 150)))

    @staticmethod
    def _extra_texts_needed(n):
        fol = max(3, round(n * 0.04))
        top = max(3, round(n * 0.04))
        brief = max(1, round(n / 300)) * 5 * 3
        short = max(2, round(n / 150)) * 3
        return fol + 2 * top + brief + short + 40

    def _story(self):
        self.nstories += 1
        return self.nstories - 1

    def _add(self, src, **kw):
        it = Item(iid=len(self.items), source=src, **kw)
        self.items.append(it)
        src.items.append(it)
        return it

    def _guid(self, src, link):
        if self.rng.random() < 0.5:
            return link, True
        return "tag:%s,2024:%d" % (src.host, self.rng.randint(1, 10**9)), \
            False

    def _original(self, r, src=None, date=None):
        rng = self.rng
        src = src or rng.choice(self.sources)
        if date is None:
            date = BASE + rng.randint(0, SPAN_DAYS * DAY)
        guid, perma = self._guid(src, r.link)
        return self._add(src, story=self._story(), link=r.link,
                         title=r.title, text=r.text, date=date, guid=guid,
                         perma=perma, origin=r.origin)

    def _copy(self, orig):
        """A syndicated copy of orig in a source that has none yet."""
        rng = self.rng
        taken = {it.source for it in self.items if it.story == orig.story}
        free = [s for s in self.sources if s not in taken]
        if not free:
            return
        src = rng.choice(free)
        link, title, text = orig.link, orig.title, orig.text
        guid, perma = orig.guid, orig.perma
        kinds = []
        r = rng.random()
        if r < 0.35:
            kinds.append("other-host")
            link = other_host(rng, src, orig)
            guid, perma = self._guid(src, link)
        elif r < 0.80:
            want = [rng.choice(("tracking", "tracking", "tracking", "scheme",
                                "scheme", "www", "www", "amp", "amp",
                                "index.html"))]
            if rng.random() < 0.3:
                want.append(rng.choice(LINK_KINDS))
            for k in sorted(set(want), key=LINK_KINDS.index):
                new = LINK_PERTURB[k](rng, link)
                if new and new != link:
                    link = new
                    kinds.append(k)
        syn = "other-host" in kinds
        if rng.random() < (0.6 if syn else 0.45):
            for k in rng.sample(TITLE_KINDS, 2 if rng.random() < 0.15
                                else 1):
                new = TITLE_PERTURB[k](rng, title, orig.source, src)
                if new != title:
                    title = new
                    kinds.append(k)
        if rng.random() < (0.55 if syn else 0.35):
            k = rng.choice(TEXT_KINDS)
            new = TEXT_PERTURB[k](rng, text)
            if new is None and k == "truncate":
                k, new = "rewrap", rewrap(rng, text)
            if new is not None and new != text:
                text = new
                kinds.append(k)
        if not syn and (rng.random() < 0.3 or not kinds):
            guid, perma = "%s-%d" % (src.name, rng.randint(1, 10**9)), False
            kinds.append("guid")
        if not syn and not any(k in LINK_KINDS for k in kinds):
            kinds.insert(0, "same-link")
        if rng.random() < 0.15:
            date = orig.date - rng.randint(5 * 60, 2 * HOUR)
        else:
            date = orig.date + rng.randint(5 * 60, 8 * HOUR)
        self._add(src, story=orig.story, link=link, title=title, text=text,
                  date=date, guid=guid, perma=perma, kinds=tuple(kinds),
                  role="copy", orig=orig, origin=orig.origin)

    def _negative(self, kind, stories):
        for i, a in enumerate(stories):
            for b in stories[i + 1:]:
                self.negpairs[frozenset((a, b))] = kind
                self.negcount[kind] += 1

    def _followups(self, count):
        """A base story and a later one on the same subject: a number or
        a verb of the title changed, a different text."""
        rng = self.rng
        cands = [it for it in self.originals if followup_title(it.title)]
        rng.shuffle(cands)
        per = collections.Counter()
        chosen = []
        for it in cands:
            if len(chosen) < count and per[it.origin] < max(2, count // 6):
                chosen.append(it)
                per[it.origin] += 1
        for base in chosen:
            t = followup_title(base.title, rng)
            other = self.pool.pop()
            src = base.source if rng.random() < 0.5 else \
                rng.choice(self.sources)
            link = other_host(rng, src, base, "update")
            date = base.date + rng.randint(HOUR // 4, 48 * HOUR)
            guid, perma = self._guid(src, link)
            it = self._add(src, story=self._story(), link=link, title=t,
                           text=other.text, date=date, guid=guid,
                           perma=perma, role="negative", neg="follow-up",
                           origin=base.origin)
            self._negative("follow-up", [base.story, it.story])
        if len(chosen) < count:
            self.notes.append("follow-ups: %d of %d (titles with a number "
                              "or a known verb)" % (len(chosen), count))

    def _find_same_topic(self, count):
        """Pairs of real items sharing at least three title words (or two,
        from one corpus feed) with different texts: one topic, two
        stories. They leave the pool."""
        index = collections.defaultdict(list)
        for i, r in enumerate(self.pool):
            for w in title_words(r.title):
                index[w].append(i)
        used, pairs = set(), []
        per = collections.Counter()
        for least, one_feed in ((3, False), (2, True)):
            for i, r in enumerate(self.pool):
                if i in used or len(pairs) >= count or \
                        per[r.origin] >= max(2, count // 6):
                    continue
                shared = collections.Counter()
                for w in title_words(r.title):
                    if len(index[w]) <= 50:
                        shared.update(j for j in index[w] if j != i)
                for j, c in sorted(shared.items(),
                                   key=lambda x: (-x[1], x[0])):
                    o = self.pool[j]
                    if c < least or j in used or \
                            (one_feed and o.origin != r.origin):
                        continue
                    if jaccard(r.text, o.text) < 0.2:
                        pairs.append((r, o))
                        used.update((i, j))
                        per[r.origin] += 1
                        break
        self.pool = [r for k, r in enumerate(self.pool) if k not in used]
        if len(pairs) < count:
            self.notes.append("same-topic pairs: %d of %d" % (len(pairs),
                                                              count))
        return pairs

    def _same_topic(self, pairs):
        """The same-topic pairs, each in one source within hours."""
        rng = self.rng
        for r, o in pairs:
            src = rng.choice(self.sources)
            date = BASE + rng.randint(0, SPAN_DAYS * DAY)
            a = self._original(r, src, date)
            b = self._original(o, src, date + rng.randint(0, 12 * HOUR))
            for it in (a, b):
                it.role, it.neg = "negative", "same-topic"
            self._negative("same-topic", [a.story, b.story])

    def _templates(self, series):
        """Series of same-template titles on consecutive days, each series
        in one source; every two items of one template stay apart."""
        rng = self.rng
        makers = (("Daily briefing: {month} {day}", briefing_text),
                  ("Weather for {weekday}", weather_text),
                  ("Markets wrap: {month} {day}, {year}", markets_text))
        stories = collections.defaultdict(list)
        for s in range(series):
            for pattern, make in makers:
                src = rng.choice(self.sources)
                day0 = BASE + rng.randint(0, SPAN_DAYS - 5) * DAY
                hour = rng.randint(5, 19) * HOUR
                for d in range(5):
                    t = day0 + d * DAY + hour
                    tm = time.gmtime(t)
                    title = pattern.format(month=MONTHS[tm.tm_mon - 1],
                                           day=tm.tm_mday, year=tm.tm_year,
                                           weekday=WEEKDAYS[tm.tm_wday])
                    text = make(rng, self, tm)
                    link = "https://%s/%s/%04d/%02d/%02d/%d/" % (
                        src.host, slug(pattern.split(":")[0].split("{")[0]),
                        tm.tm_year, tm.tm_mon, tm.tm_mday,
                        rng.randint(1000, 99999))
                    guid, perma = self._guid(src, link)
                    it = self._add(src, story=self._story(), link=link,
                                   title=title, text=text,
                                   date=t + rng.randint(0, 1800), guid=guid,
                                   perma=perma, role="negative",
                                   neg="template", origin="(template)")
                    stories[pattern].append(it.story)
        for pattern, _ in makers:
            self._negative("template", stories[pattern])

    def _short_titles(self, groups):
        """Three items under one short title, different texts and links,
        within six hours, in any sources."""
        rng = self.rng
        for g in range(groups):
            title = SHORT_TITLES[g % len(SHORT_TITLES)]
            t0 = BASE + rng.randint(0, SPAN_DAYS * DAY)
            stories = []
            for _ in range(3):
                src = rng.choice(self.sources)
                other = self.pool.pop()
                link = "https://%s/live/%d/%s-%d" % (
                    src.host, 2024, slug(title), rng.randint(1000, 99999))
                guid, perma = self._guid(src, link)
                it = self._add(src, story=self._story(), link=link,
                               title=title, text=other.text,
                               date=t0 + rng.randint(0, 6 * HOUR),
                               guid=guid, perma=perma, role="negative",
                               neg="short-title", origin=other.origin)
                stories.append(it.story)
            self._negative("short-title", stories)


def title_words(title):
    return {w for w in fold_words(title) if len(w) >= 4 and w not in STOP
            and not w.isdigit()}


def jaccard(a, b):
    x, y = set(fold_words(a)), set(fold_words(b))
    return len(x & y) / max(1, len(x | y))


def slug(s):
    s = re.sub(r"[^a-z0-9]+", "-", s.casefold().encode("ascii", "ignore")
               .decode()).strip("-")
    return s[:60].rstrip("-") or "story"


def other_host(rng, src, orig, section=None):
    """A URL of orig's story on src's own site."""
    tm = time.gmtime(orig.date)
    section = section or rng.choice(("news", "world", "story", "articles",
                                     "syndication", "wire"))
    return "https://%s/%s/%04d/%02d/%02d/%s-%d%s" % (
        src.host, section, tm.tm_year, tm.tm_mon, tm.tm_mday,
        slug(orig.title), rng.randint(100000, 999999),
        rng.choice(("", ".html", "/")))


# --- perturbations -----------------------------------------------------------

def split_url(url):
    scheme, rest = url.split("://", 1)
    host, slash, path = rest.partition("/")
    return scheme, host, slash + path


def add_tracking(rng, url):
    params = [p for p in url.partition("?")[2].split("&") if p]
    added = []
    for _ in range(rng.randint(1, 3)):
        k = rng.choice(("utm_source", "utm_medium", "utm_campaign", "fbclid",
                        "spm", "from"))
        v = {"utm_source": rng.choice(("twitter", "facebook", "newsletter",
                                       "rss", "flipboard")),
             "utm_medium": rng.choice(("social", "email", "referral",
                                       "feed")),
             "utm_campaign": rng.choice(("morning", "breaking", "weekly",
                                         "share-button")),
             "fbclid": "IwAR" + "".join(rng.choice(
                 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                 "0123456789_-") for _ in range(40)),
             "spm": "a2c6h.%d.0.0.%x" % (rng.randint(10**7, 10**8),
                                         rng.randint(0, 0xffff)),
             "from": rng.choice(("timeline", "groupmessage",
                                 "singlemessage"))}[k]
        if not any(p.startswith(k + "=") for p in params):
            params.append("%s=%s" % (k, v))
            added.append(params[-1])
    if not added:
        return None
    return url + ("&" if "?" in url else "?") + "&".join(added)


def flip_scheme(rng, url):
    if url.startswith("https://"):
        return "http://" + url[8:]
    return "https://" + url[7:]


def flip_www(rng, url):
    scheme, host, path = split_url(url)
    if host.startswith("www."):
        return "%s://%s%s" % (scheme, host[4:], path)
    labels = host.split(".")
    if len(labels) == 2 or (len(labels) == 3 and len(labels[2]) == 2 and
                            labels[1] in ("co", "com", "org", "net")):
        return "%s://www.%s%s" % (scheme, host, path)
    return None


def amp_variant(rng, url):
    scheme, host, path = split_url(url)
    p, q, query = path.partition("?")
    forms = ["suffix", "prefix", "query"]
    if host.startswith("www.") or len(host.split(".")) == 2:
        forms.append("host")
    if p.endswith(".html"):
        forms.append("ext")
    form = rng.choice(forms)
    if form == "suffix":
        p = p + ("amp/" if p.endswith("/") else "/amp")
    elif form == "prefix":
        p = "/amp" + (p or "/")
    elif form == "query":
        return url + ("&" if q else "?") + rng.choice(("amp=1", "amp",
                                                       "outputType=amp"))
    elif form == "host":
        host = "amp." + (host[4:] if host.startswith("www.") else host)
    else:
        p = p[:-5] + ".amp.html"
    return "%s://%s%s%s%s" % (scheme, host, p, q, query)


def flip_index(rng, url):
    scheme, host, path = split_url(url)
    p, q, query = path.partition("?")
    if p.endswith("/index.html"):
        p = p[:-len("index.html")]
    elif p.endswith("/") or not p:
        p = (p or "/") + "index.html"
    else:
        return None
    return "%s://%s%s%s%s" % (scheme, host, p, q, query)


LINK_PERTURB = {"tracking": add_tracking, "scheme": flip_scheme,
                "www": flip_www, "amp": amp_variant,
                "index.html": flip_index}


def site_suffix(rng, title, orig_src, src):
    site = orig_src.site if rng.random() < 0.5 else src.site
    return title + rng.choice((" - ", " - ", " | ", " \u2013 ", " \u2014 ")) \
        + site


def tag_list(rng, title, orig_src, src):
    tags = rng.sample(TAGS, rng.randint(1, 3))
    return title + " | " + " | ".join(tags)


def recase(rng, title, orig_src, src):
    forms = [title[:1].upper() + title[1:].lower(),
             " ".join(w[:1].upper() + w[1:] for w in title.split(" ")),
             title.upper(), title.lower()]
    forms = [f for f in forms if f != title]
    return rng.choice(forms[:2] if len(forms) > 2 and rng.random() < 0.8
                      else forms)


def repunct(rng, title, orig_src, src):
    ops = []
    if "'" in title:
        ops.append(lambda t: t.replace("'", "\u2019"))
    if "\u2019" in title or "\u2018" in title:
        ops.append(lambda t: t.replace("\u2019", "'").replace("\u2018", "'"))
    if '"' in title:
        ops.append(lambda t: re.sub(r'"([^"]*)"', "\u201c\\1\u201d", t))
    if "\u201c" in title:
        ops.append(lambda t: t.replace("\u201c", '"').replace("\u201d", '"'))
    if " - " in title:
        ops.append(lambda t: t.replace(" - ", " \u2013 "))
    if ": " in title:
        ops.append(lambda t: t.replace(": ", " \u2014 ", 1))
    if ", " in title:
        ops.append(lambda t: t.replace(", ", " ", 1))
    if "..." in title:
        ops.append(lambda t: t.replace("...", "\u2026"))
    if title.endswith((".", "!", "?")):
        ops.append(lambda t: t[:-1])
    if not ops:
        ops.append(lambda t: t + rng.choice((".", "!", ":")))
    for op in rng.sample(ops, rng.randint(1, len(ops))):
        title = op(title)
    return title


def truncate(rng, text):
    words = text.split()
    if len(words) < 20:
        return None
    k = rng.randint(max(12, int(len(words) * 0.4)), int(len(words) * 0.8))
    return " ".join(words[:k]).rstrip(",;:") + rng.choice(
        ("\u2026", "...", " \u2026", " [\u2026]", " [...]"))


def rewrap(rng, text):
    wrapped = textwrap.fill(text, rng.randint(40, 90))
    if rng.random() < 0.5:
        wrapped = wrapped.replace(". ", ".  ")
    if rng.random() < 0.5:
        wrapped = wrapped.replace("\n", "\n\n", 1)
    return "\n  " + wrapped + "\n"


TITLE_PERTURB = {"site-suffix": site_suffix, "tag-list": tag_list,
                 "recase": recase, "repunct": repunct}
TEXT_PERTURB = {"truncate": truncate, "rewrap": rewrap}


def followup_title(title, rng=None):
    """The title of a follow-up (a number or a verb changed), or None;
    without rng only whether there is one."""
    nums = [m for m in re.finditer(r"\b\d{1,6}\b", title)
            if not re.match(r"[-/.:]\d", title[m.end():m.end() + 2]) and
            not re.search(r"\d[-/.:]$", title[max(0, m.start() - 2):
                                               m.start()])]
    words = [m for m in re.finditer(r"\w+", title)
             if m.group(0).lower() in FOLLOW_VERBS]
    if not nums and not words:
        return None
    if rng is None:
        return True
    if nums and (not words or rng.random() < 0.6):
        m = rng.choice(nums)
        n = int(m.group(0))
        new = str(n + rng.randint(1, 9) if n < 1900 or n > 2100 else n + 1)
    else:
        m = rng.choice(words)
        new = FOLLOW_VERBS[m.group(0).lower()]
        if m.group(0)[:1].isupper():
            new = new[:1].upper() + new[1:]
    return title[:m.start()] + new + title[m.end():]


def first_sentence(text):
    m = re.match(r"(.{30,300}?[.!?])(\s|$)", text)
    return m.group(1) if m else " ".join(text.split()[:25]) + "."


def briefing_text(rng, wl, tm):
    """A newsletter: a greeting, then three real stories' first lines."""
    parts = ["Good morning. Here is what you need to know this %s."
             % WEEKDAYS[tm.tm_wday]]
    parts += [first_sentence(wl.pool.pop().text) for _ in range(3)]
    return " ".join(parts)


def weather_text(rng, wl, tm):
    cond = rng.sample(("sunny spells", "heavy showers", "thick fog",
                       "light drizzle", "strong winds", "clear skies",
                       "scattered thunderstorms", "low cloud", "sleet",
                       "a hard frost", "humid air", "bright intervals"), 3)
    hi = rng.randint(4, 31)
    return ("%s starts with %s in the %s, turning to %s by %s. Highs of %dC "
            "and lows of %dC, with winds from the %s at %d km/h. %s "
            "Outlook: %s later in the week." % (
                WEEKDAYS[tm.tm_wday], cond[0],
                rng.choice(("north", "south", "east", "west", "valleys",
                            "hills", "city centre")),
                cond[1], rng.choice(("noon", "mid-afternoon", "evening",
                                     "late morning")),
                hi, hi - rng.randint(3, 12),
                rng.choice(("north-west", "south-west", "east",
                            "north", "south")),
                rng.randint(5, 60),
                rng.choice(("Pollen counts are high.",
                            "Roads may be icy after dark.",
                            "A yellow warning for rain is in place.",
                            "UV levels will be moderate.",
                            "Visibility may drop on the motorways.",
                            "")), cond[2]))


def markets_text(rng, wl, tm):
    idx = rng.sample(("the Dow", "the S&P 500", "the Nasdaq", "the FTSE 100",
                      "the DAX", "the Nikkei", "the Hang Seng"), 3)
    mv = [rng.choice(("rose", "fell", "edged up", "slipped", "jumped",
                      "dropped")) for _ in idx]
    sec = rng.choice(("tech", "energy", "bank", "retail", "mining",
                      "airline", "drug"))
    return ("Stocks were mixed on %s. %s %s %.1f%%, %s %s %.1f%% and %s "
            "%s %.1f%% as investors weighed %s. %s shares led the moves "
            "after %s. Oil traded at $%d a barrel and the dollar %s." % (
                WEEKDAYS[tm.tm_wday], idx[0][0].upper() + idx[0][1:], mv[0],
                rng.uniform(0.1, 2.5), idx[1], mv[1], rng.uniform(0.1, 2.5),
                idx[2], mv[2], rng.uniform(0.1, 2.5),
                rng.choice(("inflation data", "central bank comments",
                            "quarterly earnings", "jobs figures",
                            "trade talks", "bond yields")),
                sec.capitalize(),
                rng.choice(("a surprise profit warning",
                            "an upgrade from analysts",
                            "news of a merger", "weak guidance",
                            "record sales")),
                rng.randint(60, 95),
                rng.choice(("firmed", "weakened", "held steady"))))


# --- writing -----------------------------------------------------------------

def rfc822(t):
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))


def rss_doc(src):
    items = sorted(src.items, key=lambda it: (-it.date, it.iid))
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">',
           "<channel>", "<title>%s</title>" % escape(src.site),
           "<link>https://%s/</link>" % src.host,
           "<description>dedup benchmark source %s</description>" % src.name,
           "<language>en</language>"]
    for it in items:
        out += ["<item>", "<title>%s</title>" % escape(it.title),
                "<link>%s</link>" % escape(it.link),
                "<guid%s>%s</guid>" % ("" if it.perma
                                       else ' isPermaLink="false"',
                                       escape(it.guid)),
                "<pubDate>%s</pubDate>" % rfc822(it.date),
                "<description>%s</description>" % escape(it.text),
                "</item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def write_workload(wl, wdir):
    conf = ["# unifeed dedup benchmark: %d sources, %d items"
            % (len(wl.sources), len(wl.items)),
            "[unifeed]", "title = dedup bench", "listen = off",
            "output = output", "state = state.db", "interval = 1h",
            "keep = %d" % KEEP]
    for src in wl.sources:
        path = os.path.join(wdir, src.name + ".rss")
        with open(path, "wb") as f:
            f.write(rss_doc(src))
        conf += ["", "[source %s]" % src.name, "url = file://%s" % path,
                 "title = %s" % src.site]
    path = os.path.join(wdir, "feeds.conf")
    with open(path, "w") as f:
        f.write("\n".join(conf) + "\n")
    return path


# --- running -----------------------------------------------------------------

def run_once(unifeed, conf, wdir, timeout):
    """Run one cycle; (wall seconds, exit status, stderr)."""
    errpath = os.path.join(wdir, "stderr.log")
    with open(errpath, "w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen([unifeed, "--once", "-c", conf], cwd=wdir,
                             stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)
        killer = threading.Timer(timeout, os.killpg,
                                 (p.pid, signal.SIGKILL))
        killer.start()
        rc = p.wait()
        wall = time.perf_counter() - t0
        killer.cancel()
        err.seek(0)
        return wall, rc, err.read()


class Entry:
    def __init__(self, title, alternate, vias):
        self.title, self.alternate, self.vias = title, alternate, vias


def read_entries(path):
    """The entries of the unified feed: title, alternate href, via hrefs."""
    root = ET.parse(path).getroot()
    out = []
    for e in root.findall(ATOM + "entry"):
        alt, vias = None, []
        for l in e.findall(ATOM + "link"):
            rel, href = l.get("rel", "alternate"), l.get("href")
            if href is None:
                continue
            if rel == "alternate" and alt is None:
                alt = href
            elif rel == "via":
                vias.append(href)
        out.append(Entry(" ".join((e.findtext(ATOM + "title") or "")
                                  .split()), alt, vias))
    return out


# --- mapping and scoring -----------------------------------------------------

class Mapping:
    """Which entry holds each item, and how that was found.

    An item whose exact link is in an entry (alternate or via) belongs
    to it. One whose link is in none was merged into some entry without
    a via link for it: that entry is looked for by its link with the
    tracking parameters dropped, then fully folded, then by title
    (exact, folded, or the entry's folded title a prefix of the item's:
    a site suffix or tag list added). Ties are broken by title, then by
    taking an entry no item has taken yet. Last, an item with the same
    link as an item placed so goes where that one went.
    """

    METHODS = ("exact link", "link without tracking", "folded link",
               "title", "folded title", "title prefix", "same link as "
               "placed item")

    def __init__(self, items, entries):
        self.entry = {}             # iid: entry index
        self.how = collections.Counter()
        self.ambiguous = collections.Counter()
        self.entries = entries
        self.claimed = set()
        idx = {m: collections.defaultdict(list) for m in self.METHODS[:5]}
        for i, e in enumerate(entries):
            for href in ([e.alternate] if e.alternate else []) + e.vias:
                idx["exact link"][href].append(i)
                idx["link without tracking"][strip_tracking(href)].append(i)
                idx["folded link"][fold_link(href)].append(i)
            idx["title"][e.title].append(i)
            idx["folded title"][fold_title(e.title)].append(i)
        keys = {"exact link": lambda it: it.link,
                "link without tracking": lambda it: strip_tracking(it.link),
                "folded link": lambda it: fold_link(it.link),
                "title": lambda it: " ".join(it.title.split()),
                "folded title": lambda it: fold_title(it.title)}
        for it in items:
            first_tie = None
            for how in self.METHODS[:6]:
                if how == "title prefix":
                    cands = self._prefix(it, idx["folded title"])
                else:
                    cands = idx[how].get(keys[how](it))
                got = self._pick(it, cands)
                if got is not None:
                    self._place(it, got, how)
                    break
                if cands and first_tie is None:
                    first_tie = how
            else:
                if first_tie:
                    self.ambiguous[first_tie] += 1
        placed = {it.link: self.entry[it.iid] for it in items
                  if it.iid in self.entry}
        for it in items:
            if it.iid not in self.entry and it.link in placed:
                self._place(it, placed[it.link], self.METHODS[6])
        self.missing = len(items) - len(self.entry)

    def _place(self, it, i, how):
        self.entry[it.iid] = i
        self.claimed.add(i)
        self.how[how] += 1

    @staticmethod
    def _prefix(it, by_ftitle):
        words = fold_title(it.title).split()
        for n in range(len(words) - 1, 3, -1):
            got = by_ftitle.get(" ".join(words[:n]))
            if got:
                return got
        return None

    def _pick(self, it, cands):
        """One entry of cands, narrowed by the item's title, then to the
        first one no item took yet (two entries may carry one link when
        they were not merged); else None."""
        if not cands:
            return None
        cands = sorted(set(cands))
        if len(cands) == 1:
            return cands[0]
        for key in (lambda t: " ".join(t.split()), fold_title):
            same = [i for i in cands
                    if key(self.entries[i].title) == key(it.title)]
            if len(same) == 1:
                return same[0]
            if same:
                cands = same
                break
        free = [i for i in cands if i not in self.claimed]
        return free[0] if free else None


def pairs(n):
    return n * (n - 1) // 2


class Score:
    """Pairwise precision and recall of "same story", by grouping."""

    def __init__(self, wl, mp):
        items = wl.items
        story = collections.Counter(it.story for it in items)
        self.truth_pairs = sum(pairs(c) for c in story.values())
        clusters = collections.defaultdict(list)
        for it in items:
            if it.iid in mp.entry:
                clusters[mp.entry[it.iid]].append(it)
        self.pred_pairs = sum(pairs(len(c)) for c in clusters.values())
        both = collections.Counter((it.story, mp.entry[it.iid])
                                   for it in items if it.iid in mp.entry)
        self.tp = sum(pairs(c) for c in both.values())
        self.precision = self.tp / self.pred_pairs if self.pred_pairs else 1.0
        self.recall = self.tp / self.truth_pairs if self.truth_pairs else 1.0
        s = self.precision + self.recall
        self.f1 = 2 * self.precision * self.recall / s if s else 0.0
        self._by_kind(wl, mp)
        self._false_merges(wl, clusters)

    def _by_kind(self, wl, mp):
        """Recall of each (original, copy) pair by the copy's kinds: over
        all copies with the kind, those on another host (where only the
        title and text tell), and those with no other kind."""
        self.kn = collections.Counter()     # (kind, group): pairs
        self.kh = collections.Counter()     # (kind, group): merged
        self.misses = collections.defaultdict(list)
        for it in wl.items:
            if it.role != "copy":
                continue
            e = mp.entry.get(it.iid)
            hit = e is not None and e == mp.entry.get(it.orig.iid)
            real = [k for k in it.kinds if k != "same-link"]
            for k in it.kinds:
                groups = ["all"]
                if "other-host" in it.kinds and k != "other-host":
                    groups.append("other-host")
                if real == [k]:
                    groups.append("only")
                for g in groups:
                    self.kn[k, g] += 1
                    self.kh[k, g] += hit
                if not hit:
                    self.misses[k].append(it)

    def _false_merges(self, wl, clusters):
        """Item pairs in one entry but not one story, by negative kind."""
        self.fm_pairs = collections.Counter()
        self.fm_stories = collections.defaultdict(set)
        self.fm_examples = collections.defaultdict(list)
        for c in clusters.values():
            if len({it.story for it in c}) < 2:
                continue
            for i, a in enumerate(c):
                for b in c[i + 1:]:
                    if a.story == b.story:
                        continue
                    key = frozenset((a.story, b.story))
                    kind = wl.negpairs.get(key, "unrelated")
                    self.fm_pairs[kind] += 1
                    if key not in self.fm_stories[kind]:
                        self.fm_stories[kind].add(key)
                        self.fm_examples[kind].append((a, b))


# --- reporting ---------------------------------------------------------------

def pct(a, b):
    return "%6.1f%%" % (100.0 * a / b) if b else "     -"


def short(s, n=70):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "\u2026"


def describe(wl, nreal, nfiles):
    roles = collections.Counter(it.role for it in wl.items)
    copies = [it for it in wl.items if it.role == "copy"]
    syndicated = len({it.story for it in copies})
    print("# corpus: %d usable items from %d parsed feed files"
          % (nreal, nfiles))
    for n in wl.notes:
        print("# note: %s" % n)
    print("# workload: %d sources, %d items: %d stories (%d with 1-3 "
          "copies: %d copies), %d hard-negative items (%s)"
          % (len(wl.sources), len(wl.items), wl.n, syndicated,
             roles["copy"], roles["negative"],
             ", ".join("%s %d" % (k, sum(1 for it in wl.items
                                         if getattr(it, "neg", "") == k))
                       for k in NEG_ORDER[:-1])))
    print("# truth: %d distinct stories; copies by link: %d other host, "
          "%d link variant, %d same link"
          % (wl.nstories,
             sum("other-host" in it.kinds for it in copies),
             sum(any(k in LINK_KINDS for k in it.kinds) for it in copies),
             sum("same-link" in it.kinds for it in copies)))


def report(wl, entries, mp, sc, args, wall, rc, stderr):
    nvia = sum(1 for e in entries if e.vias)
    print("\n# run: unifeed --once: %.2f s wall, exit %d; %d items in, "
          "%d entries out (%d distinct stories in truth), %d entries "
          "with via links" % (wall, rc, len(wl.items), len(entries),
                              wl.nstories, nvia))
    lines = stderr.strip().splitlines()
    if rc == 0:
        lines = [l for l in lines if re.search(r"\b(warn|warning|error|"
                                               r"fatal)\b", l, re.I)]
    for line in lines[:8]:
        print("#   stderr: %s" % line)
    print("# items placed by: %s" % ", ".join(
        "%s %d" % (k, mp.how[k]) for k in Mapping.METHODS if mp.how[k]))
    if mp.missing:
        print("# MISSING: %d items are in no entry and could not be placed "
              "(%s): counted as unmerged singletons"
              % (mp.missing, ", ".join("%d tied on %s" % (v, k) for k, v in
                                       mp.ambiguous.items()) or
                 "nothing alike"))
    print("\nsame-story pairs: truth %d, predicted %d, both %d"
          % (sc.truth_pairs, sc.pred_pairs, sc.tp))
    print("precision %.4f  (target >= %.3f)  %s"
          % (sc.precision, TARGET_PRECISION,
             "PASS" if sc.precision >= TARGET_PRECISION else "FAIL"))
    print("recall    %.4f  (target >= %.3f)  %s"
          % (sc.recall, TARGET_RECALL,
             "PASS" if sc.recall >= TARGET_RECALL else "FAIL"))
    print("F1        %.4f" % sc.f1)

    print("\nrecall of (original, copy) pairs by perturbation of the copy")
    print("%-13s %17s %17s %17s" % ("", "all copies", "on another host",
                                    "only this kind"))
    print("%-13s %s" % ("kind", " %7s %9s" % ("pairs", "recall") * 3))
    for k in KIND_ORDER:
        if not sc.kn[k, "all"]:
            continue
        print("%-13s %s" % (k, "".join(
            " %7d %9s" % (sc.kn[k, g], pct(sc.kh[k, g], sc.kn[k, g]))
            if sc.kn[k, g] else " %7s %9s" % ("-", "-")
            for g in ("all", "other-host", "only"))))
    copies = [it for it in wl.items if it.role == "copy"]
    for label, sel in (("shared link", lambda it: "other-host"
                        not in it.kinds),
                       ("other host", lambda it: "other-host" in it.kinds),
                       ("all copies", lambda it: True)):
        n = [it for it in copies if sel(it)]
        h = sum(1 for it in n if mp.entry.get(it.iid) is not None and
                mp.entry.get(it.iid) == mp.entry.get(it.orig.iid))
        print("%-13s %7d %9s" % (label, len(n), pct(h, len(n))))
    print("(a copy counts under each of its kinds; same-link: the copy has "
          "the original's exact link)")

    print("\nfalse merges by kind of negative")
    print("%-13s %10s %12s %8s %11s" % ("kind", "neg pairs", "merged pairs",
                                        "rate", "item pairs"))
    for k in NEG_ORDER:
        built = wl.negcount[k]
        merged = len(sc.fm_stories[k])
        if not built and not merged:
            continue
        print("%-13s %10s %12d %8s %11d"
              % (k, built if k != "unrelated" else "-", merged,
                 pct(merged, built) if built else "     -", sc.fm_pairs[k]))
    print("('neg pairs': story pairs built to stay apart; 'merged pairs': "
          "those sharing an entry)")
    examples(wl, mp, sc, args.examples)


def examples(wl, mp, sc, k):
    if k <= 0:
        return
    shown = False
    for kind in NEG_ORDER:
        for a, b in sc.fm_examples[kind][:k]:
            if not shown:
                print("\nexamples of false merges")
                shown = True
            print("  [%s] %s  <%s>\n  %s %s  <%s>"
                  % (kind, short(a.title), a.link, " " * (len(kind) + 2),
                     short(b.title), b.link))
    shown = set()
    for kind in KIND_ORDER:
        for it in [c for c in sc.misses[kind] if c.iid not in shown][:k]:
            if not shown:
                print("\nexamples of missed copies (original / copy)")
            shown.add(it.iid)
            print("  [%s] %s  <%s>\n  %s %s  <%s>  kinds: %s"
                  % (kind, short(it.orig.title), it.orig.link,
                     " " * (len(kind) + 2), short(it.title), it.link,
                     ",".join(it.kinds)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--unifeed", default=os.environ.get("UNIFEED",
                                                        "./unifeed"))
    ap.add_argument("--stories", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", default=os.path.join(SHARED, "corpus"))
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.unifeed = unifeed_path(args.unifeed)
    if not os.path.isdir(args.corpus):
        die("no corpus at %s (give --corpus)" % args.corpus)
    if args.stories < 10:
        die("--stories must be at least 10")
    print("# command: %s" % " ".join(shlex.quote(a) for a in sys.argv))
    print("# unifeed: %s   seed %d" % (args.unifeed, args.seed))
    t0 = time.perf_counter()
    pool, nfiles = corpus_items(args.corpus)
    if len(pool) < 100:
        die("only %d usable items in %s" % (len(pool), args.corpus))
    wl = Workload(pool, args.stories, args.seed)
    describe(wl, len(pool), nfiles)
    if wl.nstories > KEEP:
        print("# note: %d stories but keep is at most %d: the oldest are "
              "not published and will count as missing"
              % (wl.nstories, KEEP))
    tmp = tempfile.mkdtemp(prefix="unifeed-dedup-bench-")
    try:
        conf = write_workload(wl, tmp)
        print("# generated in %.2f s" % (time.perf_counter() - t0))
        sys.stdout.flush()
        wall, rc, stderr = run_once(args.unifeed, conf, tmp, args.timeout)
        atom = os.path.join(tmp, "output", "feed.atom")
        try:
            entries = read_entries(atom)
        except (OSError, ET.ParseError) as e:
            print("# run: exit %d after %.2f s; cannot read %s: %s"
                  % (rc, wall, atom, e))
            for line in stderr.strip().splitlines()[:12]:
                print("#   stderr: %s" % line)
            return
        mp = Mapping(wl.items, entries)
        sc = Score(wl, mp)
        report(wl, entries, mp, sc, args, wall, rc, stderr)
    finally:
        if args.keep:
            print("\n# kept %s" % tmp)
        else:
            shutil.rmtree(tmp, True)


if __name__ == "__main__":
    main()
