/*
 * daemon/confkeys: the key table of the feeds file and the parser of each
 * value type. One sorted table (conf_keys) gives each key its section,
 * type, range, default and help; conf_types says how each type is read.
 * Reading the file and its sections is daemon/conf's job; what a single
 * value may look like is daemon/confval's.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "daemon/confint.h"
#include "daemon/confval.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "feeds/date.h"
#include "feeds/fingerprint.h"
#include "feeds/selector.h"
#include "output/topic.h"

/* Keep sorted by section, then name: conf_key_find bsearches it. */
const struct conf_key conf_keys[] = {
	{ CONF_SEC_UNIFEED, "article-rate", CONF_T_INT, U(article_rate), 1,
	    MAX_ARTICLE_RATE, DEFAULT_ARTICLE_RATE, NULL, 0,
	    "Article pages (fulltext) requested per second from one host, "
	    "at most; connections per host are limited too." },
	{ CONF_SEC_UNIFEED, "auto-topics", CONF_T_INT, U(auto_topics), 0,
	    MAX_KEEP, 0, NULL, 0,
	    "Publish a topic feed for each source category that has at "
	    "least this many entries; 0 for none." },
	{ CONF_SEC_UNIFEED, "base-url", CONF_T_BASEURL, U(base_url), 0, 0, 0,
	    "http://LISTEN/", CONF_DEFDOC,
	    "Absolute http(s) URL the published files are reached under, "
	    "used for links and feed ids; a missing final '/' is added. "
	    "Without listen, http://localhost/." },
	{ CONF_SEC_UNIFEED, "connect-timeout", CONF_T_DURATION,
	    U(connect_timeout), 1, MAX_CONNECT_TIMEOUT,
	    DEFAULT_CONNECT_TIMEOUT, NULL, 0,
	    "Longest wait for a source's server to accept a connection." },
	{ CONF_SEC_UNIFEED, "interval", CONF_T_DURATION, U(interval),
	    MIN_INTERVAL, MAX_INTERVAL, DEFAULT_INTERVAL, NULL, 0,
	    "Time between two polls of a source, unless the source sets "
	    "its own." },
	{ CONF_SEC_UNIFEED, "keep", CONF_T_INT, U(keep), 1, MAX_KEEP,
	    DEFAULT_KEEP, NULL, 0,
	    "Entries in each published feed, newest first." },
	{ CONF_SEC_UNIFEED, "listen", CONF_T_LISTEN, U(listen), 0, 0, 0,
	    DEFAULT_LISTEN, 0,
	    "Address of the built-in HTTP server: host:port, [v6addr]:port, "
	    "or off (or empty) to serve nothing." },
	{ CONF_SEC_UNIFEED, "max-per-source", CONF_T_INT, U(max_per_source),
	    0, MAX_KEEP, 0, NULL, 0,
	    "Entries one source may have in the unified feed, so that a "
	    "chatty source cannot push out the others; 0 for no limit." },
	{ CONF_SEC_UNIFEED, "max-redirects", CONF_T_INT, U(max_redirects),
	    0, MAX_REDIRECTS, DEFAULT_MAX_REDIRECTS, NULL, 0,
	    "HTTP redirects followed per fetch (http and https only)." },
	{ CONF_SEC_UNIFEED, "max-size", CONF_T_SIZE, U(max_size),
	    MIN_MAX_SIZE, MAX_MAX_SIZE, DEFAULT_MAX_SIZE, NULL, 0,
	    "Largest body accepted from a source, after decompression." },
	{ CONF_SEC_UNIFEED, "merge-keep", CONF_T_MERGE, U(merge_keep), 0, 0, 0,
	    "first", 0,
	    "Whose body a story from several sources keeps: first (the "
	    "source that carried it first), longest, or source-order (the "
	    "source listed first in this file)." },
	{ CONF_SEC_UNIFEED, "merge-window", CONF_T_DURATION, U(merge_window),
	    0, MAX_MERGE_WINDOW, DEFAULT_MERGE_WINDOW, NULL, 0,
	    "Stories whose titles and text are near-duplicates are one "
	    "story when published within this time of each other; 0 turns "
	    "near-duplicate merging off." },
	{ CONF_SEC_UNIFEED, "near-text-bits", CONF_T_INT, U(near_text), 0,
	    32, FINGERPRINT_TEXT, NULL, 0,
	    "How many of 64 SimHash bits the texts of one story from two "
	    "sources may differ by; tests/bench/dedup.py measures the effect "
	    "of a change." },
	{ CONF_SEC_UNIFEED, "near-title-bits", CONF_T_INT, U(near_title), 0,
	    32, FINGERPRINT_TITLE_ALONE, NULL, 0,
	    "How many of 64 SimHash bits the titles of one story may differ "
	    "by when the titles decide alone (with text, proportionally "
	    "more)." },
	{ CONF_SEC_UNIFEED, "output", CONF_T_PATH, U(output), 0, 0, 0,
	    DEFAULT_OUTPUT, 0,
	    "Directory the feeds are published to; relative to the feeds "
	    "file's directory." },
	{ CONF_SEC_UNIFEED, "retain", CONF_T_DURATION, U(retain), 1,
	    MAX_RETAIN, DEFAULT_RETAIN, NULL, 0,
	    "How long an entry that no feed shows any more keeps its text; "
	    "then only what identifies it is kept, so that it never comes "
	    "back as new." },
	{ CONF_SEC_UNIFEED, "state", CONF_T_PATH, U(state), 0, 0, 0,
	    DEFAULT_STATE, 0,
	    "SQLite database of fetch state and articles; relative to the "
	    "feeds file's directory." },
	{ CONF_SEC_UNIFEED, "timeout", CONF_T_DURATION, U(timeout),
	    1, MAX_TIMEOUT, DEFAULT_TIMEOUT, NULL, 0,
	    "Longest time one fetch may take in all." },
	{ CONF_SEC_UNIFEED, "title", CONF_T_TEXT, U(title), 0, 0, 0,
	    DEFAULT_TITLE, 0,
	    "Title of the unified feed and of the index page." },
	{ CONF_SEC_UNIFEED, "tracking-params", CONF_T_LIST, U(tracking), 0,
	    0, 0, "none", CONF_DEFDOC,
	    "Query parameters that only track readers, dropped when links "
	    "are compared, besides utm_*, fbclid, gclid, yclid, mc_cid, "
	    "mc_eid, spm and from." },
	{ CONF_SEC_SOURCE, "author", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_AUTHOR, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's author, relative to the item." },
	{ CONF_SEC_SOURCE, "categories", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_CATEGORIES, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's categories (each match is "
	    "one), relative to the item." },
	{ CONF_SEC_SOURCE, "date", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_DATE, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's date, relative to the item; "
	    "without it, a <time> or a date-like text in the item." },
	{ CONF_SEC_SOURCE, "date-format", CONF_T_TEXT, S(date_format), 0, 0,
	    0, "common forms", CONF_DEFDOC,
	    "HTML sources: strptime-style format of the dates (%d %b %Y "
	    "%H:%M ...), for sites whose dates are ambiguous." },
	{ CONF_SEC_SOURCE, "fulltext", CONF_T_BOOL, S(fulltext), 0, 1, 0,
	    NULL, 0,
	    "yes: fetch each new article's page once and publish its main "
	    "content, byline, date and image instead of the summary." },
	{ CONF_SEC_SOURCE, "image", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_IMAGE, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's image, relative to the item "
	    "(\"img @src\")." },
	{ CONF_SEC_SOURCE, "interval", CONF_T_DURATION, S(interval),
	    MIN_INTERVAL, MAX_INTERVAL, 0, "[unifeed] interval", CONF_DEFDOC,
	    "Time between two polls of this source." },
	{ CONF_SEC_SOURCE, "items", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_ITEMS, "none", CONF_DEFDOC,
	    "HTML sources: CSS selector (or xpath:EXPR) of the article blocks "
	    "of the page; without it, the list is found by itself. Setting it "
	    "makes type auto mean html." },
	{ CONF_SEC_SOURCE, "link", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_LINK, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's link, relative to the item "
	    "(\"a @href\"); default the first link." },
	{ CONF_SEC_SOURCE, "summary", CONF_T_SELECTOR, S(sel), 0, 0,
	    SCRAPE_SUMMARY, "none", CONF_DEFDOC,
	    "HTML sources: selector of an item's summary (its HTML), relative "
	    "to the item." },
	{ CONF_SEC_SOURCE, "timezone", CONF_T_ZONE, S(timezone), 0, 0, 0,
	    "UTC", CONF_DEFDOC,
	    "HTML sources: IANA time zone (Asia/Shanghai) of the dates the "
	    "pages print without one." },
	{ CONF_SEC_SOURCE, "title", CONF_T_TEXT, S(title), 0, 0, 0,
	    "the feed's own title", CONF_DEFDOC,
	    "Display name of the source. In a source with items, the "
	    "selector of an item's title instead (default the link's "
	    "text)." },
	{ CONF_SEC_SOURCE, "topics", CONF_T_TOPICS, S(topics), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "Topics every article of this source belongs to; a topic "
	    "without a [topic] section is created with no keywords." },
	{ CONF_SEC_SOURCE, "type", CONF_T_SRCTYPE, S(type), 0, 0, 0,
	    "auto", 0,
	    "auto reads a feed as a feed and an HTML page through the "
	    "feed it announces, else by scraping it; feed requires RSS, "
	    "Atom or JSON Feed; html always scrapes the page." },
	{ CONF_SEC_SOURCE, "url", CONF_T_URL, S(url), 0, 0, 0,
	    NULL, CONF_REQUIRED,
	    "Where the source is fetched: an http, https or file URL; a "
	    "relative one is taken relative to the feeds file." },
	{ CONF_SEC_TOPIC, "categories", CONF_T_LIST, T(categories), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "Source categories (any case) whose articles belong to the "
	    "topic." },
	{ CONF_SEC_TOPIC, "match", CONF_T_KEYWORDS, T(match), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "Keywords or \"phrases\"; an article whose title, text or "
	    "categories contain one (any case, whole words, any script) "
	    "belongs to the topic, unless it contains a -word or "
	    "-\"phrase\" also listed." },
	{ CONF_SEC_TOPIC, "regex", CONF_T_REGEX, T(regex), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "A PCRE2 regular expression (any case); an article whose title, "
	    "text or categories match it belongs to the topic." },
	{ CONF_SEC_TOPIC, "title", CONF_T_TEXT, T(title), 0, 0, 0,
	    "the topic's name", CONF_DEFDOC,
	    "Title of the topic's feed." },
};
_Static_assert(sizeof(conf_keys) / sizeof(conf_keys[0]) == CONF_NKEYS,
    "CONF_NKEYS in daemon/confint.h does not match conf_keys");

/* bsearch comparator over conf_keys: by section, then name. */
static int
conf_key_cmp_cb(const void *key, const void *elem)
{
	const struct conf_key	*a = key, *b = elem;

	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The entry for key name in section sec: conf_keys is sorted. */
const struct conf_key *
conf_key_find(enum conf_sec sec, const char *name)
{
	struct conf_key	 want;

	memset(&want, 0, sizeof(want));
	want.sec = sec;
	want.name = name;
	return bsearch(&want, conf_keys, CONF_NKEYS, sizeof(conf_keys[0]),
	    conf_key_cmp_cb);
}

static int	conf_text(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_baseurl(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_listen_addr(struct conf_parse *,
		    const struct conf_key *, const char *, void *);
static int	conf_pathname(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_number(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_url(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_srctype(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_topics(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_keywords(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_selector(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_bool(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_zone(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_list_value(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_regex(struct conf_parse *, const struct conf_key *,
		    const char *, void *);
static int	conf_merge(struct conf_parse *, const struct conf_key *,
		    const char *, void *);

/* What each type is called and how it is read; indexed by enum conf_type. */
const struct conf_type_info conf_types[] = {
	[CONF_T_TEXT] = { "text", CONFVAL_INT, conf_text, 0 },
	[CONF_T_BASEURL] = { "url", CONFVAL_INT, conf_baseurl, 0 },
	[CONF_T_LISTEN] = { "address", CONFVAL_INT, conf_listen_addr, 1 },
	[CONF_T_PATH] = { "path", CONFVAL_INT, conf_pathname, 0 },
	[CONF_T_DURATION] = { "duration", CONFVAL_DURATION, conf_number, 0 },
	[CONF_T_INT] = { "number", CONFVAL_INT, conf_number, 0 },
	[CONF_T_SIZE] = { "size", CONFVAL_SIZE, conf_number, 0 },
	[CONF_T_URL] = { "url", CONFVAL_INT, conf_url, 0 },
	[CONF_T_SRCTYPE] = { "auto|feed|html", CONFVAL_INT, conf_srctype,
	    0 },
	[CONF_T_TOPICS] = { "list of topics", CONFVAL_INT, conf_topics, 0 },
	[CONF_T_KEYWORDS] = { "list of keywords", CONFVAL_INT, conf_keywords,
	    0 },
	[CONF_T_SELECTOR] = { "selector", CONFVAL_INT, conf_selector, 0 },
	[CONF_T_BOOL] = { "yes|no", CONFVAL_INT, conf_bool, 0 },
	[CONF_T_ZONE] = { "time zone", CONFVAL_INT, conf_zone, 0 },
	[CONF_T_LIST] = { "list", CONFVAL_INT, conf_list_value, 0 },
	[CONF_T_REGEX] = { "regular expression", CONFVAL_INT, conf_regex, 0 },
	[CONF_T_MERGE] = { "first|longest|source-order", CONFVAL_INT,
	    conf_merge, 0 },
};

/* --- small helpers ----------------------------------------------------- */

/*
 * Replace the string *dst with s (owned now), a value from daemon/confval
 * for k; NULL s means it failed, with err saying why.
 */
static int
conf_set_str(struct conf_parse *p, const struct conf_key *k, char **dst,
    char *s, const char *err)
{
	if (s == NULL) {
		conf_error(p, "%s: %s", k->name, err);
		return -1;
	}
	free(*dst);
	*dst = s;
	return 0;
}

/* Free the strings of l and leave it empty. */
void
conf_list_clear(struct conf_list *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int
conf_list_has(const struct conf_list *l, const char *s)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return 1;
	return 0;
}

static int
conf_list_add(struct conf_list *l, const char *s, size_t len)
{
	char	**grown, *copy;

	if ((copy = strndup(s, len)) == NULL)
		return -1;
	if ((grown = realloc(l->v, (l->n + 1) * sizeof(*grown))) == NULL) {
		free(copy);
		return -1;
	}
	l->v = grown;
	l->v[l->n++] = copy;
	return 0;
}

/* --- value types -------------------------------------------------------- */

/* conf_types[].parse for text: one pair of enclosing quotes is dropped. */
static int
conf_text(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 err[CONF_ERRLEN];

	return conf_set_str(p, k, dst, confval_text(v, err, sizeof(err)), err);
}

/* conf_types[].parse for base-url: absolute http(s), made to end in '/'. */
static int
conf_baseurl(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 err[CONF_ERRLEN];

	return conf_set_str(p, k, dst, confval_baseurl(v, err, sizeof(err)),
	    err);
}

/* conf_types[].parse for listen: "off" and "" both mean no server. */
static int
conf_listen_addr(struct conf_parse *p, const struct conf_key *k,
    const char *v, void *dst)
{
	char	 err[CONF_ERRLEN];

	return conf_set_str(p, k, dst, confval_listen(v, err, sizeof(err)),
	    err);
}

/*
 * conf_types[].parse for paths: relative ones hang off systemd's
 * $STATE_DIRECTORY when the service has one, else off the file's dir.
 */
static int
conf_pathname(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	const char	*dir = p->statedir ? p->statedir : p->dir;
	char		 err[CONF_ERRLEN];

	return conf_set_str(p, k, dst, confval_path(dir, v, err, sizeof(err)),
	    err);
}

/* conf_types[].parse for durations, sizes and plain numbers. */
static int
conf_number(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char		 err[CONF_ERRLEN];
	long long	 n;

	if (confval_number(v, conf_types[k->type].unit, k->min, k->max, &n,
	    err, sizeof(err)) == -1) {
		conf_error(p, "%s: %s", k->name, err);
		return -1;
	}
	if (k->type == CONF_T_SIZE)
		*(size_t *)dst = (size_t)n;
	else
		*(int *)dst = (int)n;
	return 0;
}

/* conf_types[].parse for a source's url: resolved against the file. */
static int
conf_url(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 err[CONF_ERRLEN];

	return conf_set_str(p, k, dst, confval_url(p->base, v, err,
	    sizeof(err)), err);
}

/* conf_types[].parse for merge-keep. */
static int
conf_merge(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	static const char *const rules[] = { "first", "longest",
	    "source-order" };	/* indexed by enum store_merge */
	char	 esc[80];
	size_t	 i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(v, rules[i]) == 0) {
			*(int *)dst = (int)i;
			return 0;
		}
	conf_error(p, "%s: expected first, longest or source-order, got "
	    "'%s'", k->name, CONF_ESC(v, esc));
	return -1;
}

/* conf_types[].parse for a source's type. */
static int
conf_srctype(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 esc[80];

	if (strcmp(v, "auto") == 0 || strcmp(v, "feed") == 0 ||
	    strcmp(v, "html") == 0)
		return conf_set_str(p, k, dst, strdup(v), "out of memory");
	conf_error(p, "%s: expected auto, feed or html, got '%s'", k->name,
	    CONF_ESC(v, esc));
	return -1;
}

/* Check selector v as field f would compile it; 0 or -1 (reported at
 * line). */
int
conf_check_selector(struct conf_parse *p, int line, const char *name,
    enum scrape_field f, const char *v)
{
	char	 err[CONF_ERRLEN], *xpath, *attr;

	if (selector_compile(v, f != SCRAPE_ITEMS, &xpath, &attr, err,
	    sizeof(err)) == -1) {
		conf_error_at(p, line, "%s: %s", name, err);
		return -1;
	}
	free(xpath);
	free(attr);
	return 0;
}

/* conf_types[].parse for a selector; defnum says which field. */
static int
conf_selector(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	**sel = dst;
	char	 *copy;

	if (conf_check_selector(p, p->line, k->name, (enum scrape_field)
	    k->defnum, v) == -1)
		return -1;
	if ((copy = strdup(v)) == NULL) {
		conf_error(p, "out of memory");
		return -1;
	}
	free(sel[k->defnum]);
	sel[k->defnum] = copy;
	return 0;
}

/* conf_types[].parse for yes/no. */
static int
conf_bool(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	char	 esc[80];
	size_t	 i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*(int *)dst = strcasecmp(v, yes[i]) == 0;
			return 0;
		}
	conf_error(p, "%s: expected yes or no, got '%s'", k->name,
	    CONF_ESC(v, esc));
	return -1;
}

/* conf_types[].parse for an IANA time zone that the system knows. */
static int
conf_zone(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 esc[80];
	time_t	 t;

	if (date_parse_tz("2024-01-01 00:00", v, &t) == -1) {
		conf_error(p, "%s: unknown time zone '%s' (expected an IANA "
		    "name such as Asia/Shanghai)", k->name, CONF_ESC(v, esc));
		return -1;
	}
	return conf_set_str(p, k, dst, strdup(v), "out of memory");
}

/* Replace what l holds with the items of the list v. */
static int
conf_list_parse(struct conf_parse *p, const struct conf_key *k,
    const char *v, struct conf_list *l)
{
	char	 err[CONF_ERRLEN];

	conf_list_clear(l);
	if ((l->v = confval_list(v, &l->n, err, sizeof(err))) == NULL) {
		conf_error(p, "%s: %s", k->name, err);
		return -1;
	}
	return 0;
}

/* conf_types[].parse for a source's topics: valid slugs, each once. */
static int
conf_topics(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	struct conf_list	*l = dst, tmp = { NULL, 0 };
	char			 esc[80];
	size_t			 i;
	int			 rc = 0;

	conf_list_clear(l);
	if (conf_list_parse(p, k, v, &tmp) == -1)
		rc = -1;
	for (i = 0; rc == 0 && i < tmp.n; i++) {
		if (!topic_name_valid(tmp.v[i])) {
			conf_error(p, "%s: '%s' is not a valid topic name "
			    "(1-%d of a-z, 0-9 and '-', not starting with "
			    "'-')", k->name, CONF_ESC(tmp.v[i], esc),
			    MAX_NAME);
			rc = -1;
		} else if (!conf_list_has(l, tmp.v[i]) &&
		    conf_list_add(l, tmp.v[i], strlen(tmp.v[i])) == -1) {
			conf_error(p, "out of memory");
			rc = -1;
		}
	}
	conf_list_clear(&tmp);
	return rc;
}

/* conf_types[].parse for a topic's match list. */
static int
conf_keywords(struct conf_parse *p, const struct conf_key *k,
    const char *v, void *dst)
{
	struct conf_tsec	*ts = p->obj;

	ts->match_line = p->line;
	return conf_list_parse(p, k, v, dst);
}

/* conf_types[].parse for a plain list; a [topic]'s categories note their
 * line. */
static int
conf_list_value(struct conf_parse *p, const struct conf_key *k,
    const char *v, void *dst)
{
	if (p->sec == CONF_SEC_TOPIC)
		((struct conf_tsec *)p->obj)->categories_line = p->line;
	return conf_list_parse(p, k, v, dst);
}

/* conf_types[].parse for a topic's regex: checked when the topic is
 * built, where PCRE2 compiles it. */
static int
conf_regex(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	((struct conf_tsec *)p->obj)->regex_line = p->line;
	return conf_set_str(p, k, dst, strdup(v), "out of memory");
}
