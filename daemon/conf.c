/*
 * daemon/conf: the feeds file. One sorted key table (conf_keys) gives each
 * key its section, type, range, default and help; it drives parsing,
 * defaults, validation, `unifeed --help-keys` and, through a unit test that
 * checks the man page against it, unifeed(8). Every error is collected as
 * "file:line: message", so `unifeed -t` shows them all at once. What a
 * single value may look like is daemon/confval's job.
 */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "daemon/conf.h"
#include "daemon/confval.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "feeds/date.h"
#include "feeds/selector.h"
#include "feeds/url.h"
#include "output/topic.h"

enum conf_sec {
	CONF_SEC_UNIFEED,
	CONF_SEC_SOURCE,
	CONF_SEC_TOPIC,
	CONF_SEC_NONE,		/* before the first section */
	CONF_SEC_SKIP		/* inside a section we could not read */
};

enum conf_type {
	CONF_T_TEXT,
	CONF_T_BASEURL,
	CONF_T_LISTEN,
	CONF_T_PATH,
	CONF_T_DURATION,
	CONF_T_INT,
	CONF_T_SIZE,
	CONF_T_URL,
	CONF_T_SRCTYPE,
	CONF_T_TOPICS,
	CONF_T_KEYWORDS,
	CONF_T_SELECTOR,
	CONF_T_BOOL,
	CONF_T_ZONE,
	CONF_T_LIST,
	CONF_T_REGEX
};

#define CONF_REQUIRED	0x1	/* the section is wrong without it */
#define CONF_DEFDOC	0x2	/* def describes the default, is not one */

struct conf_key {
	enum conf_sec	 sec;
	const char	*name;
	enum conf_type	 type;
	size_t		 off;	/* of the field in the section's struct */
	long long	 min, max;	/* numeric types */
	long long	 defnum;	/* numeric types */
	const char	*def;	/* borrows: text default, or NULL */
	int		 flags;
	const char	*help;
};

struct conf_list {
	char	**v;		/* owns: n owned strings */
	size_t	  n;
};

struct conf_source {
	char		*name;		/* owns */
	char		*url;		/* owns: absolute */
	char		*title;		/* owns, or NULL */
	char		*type;		/* owns: "auto", "feed" or "html" */
	int		 interval;	/* seconds; -1 until resolved */
	char		*sel[SCRAPE_NFIELDS]; /* owns: selectors as written,
					 * or NULL (sel[SCRAPE_TITLE] is
					 * taken from title when items is
					 * set) */
	char		*date_format;	/* owns, or NULL */
	char		*timezone;	/* owns: IANA name, or NULL */
	int		 fulltext;	/* fetch each new article's page */
	struct conf_list topics;	/* owns */
	int		 line;		/* of the section header */
};

/* A [topic] section as read, turned into a struct topic at the end. */
struct conf_tsec {
	char		*name;		/* owns */
	char		*title;		/* owns, or NULL */
	struct conf_list match;		/* owns */
	char		*regex;		/* owns: PCRE2 pattern, or NULL */
	struct conf_list categories;	/* owns */
	int		 line;		/* of the section header */
	int		 match_line;	/* of its match key, or 0 */
	int		 regex_line;	/* of its regex key, or 0 */
	int		 categories_line; /* of its categories key, or 0 */
};

struct conf {
	char		 *path;		/* owns: as given */
	char		 *title;	/* owns */
	char		 *base_url;	/* owns: ends in '/' */
	char		 *listen;	/* owns: "" when off */
	char		 *output;	/* owns: absolute */
	char		 *state;	/* owns: absolute */
	int		  interval;
	int		  keep;
	int		  timeout;
	int		  connect_timeout;
	size_t		  max_size;
	int		  max_redirects;
	int		  article_rate;	/* article pages per second and host */
	int		  max_per_source; /* entries of one source in the
					 * unified feed, 0: no limit */
	int		  merge_window;	/* seconds: near-duplicates further
					 * apart are different stories */
	int		  retain;	/* seconds an entry outside every
					 * feed keeps its content */
	int		  auto_topics;	/* entries a source category needs
					 * for its own feed, 0: off */
	struct conf_list tracking;	/* owns: extra tracking parameters */
	struct conf_source **sources;	/* owns: nsources owned */
	size_t		  nsources;
	struct topic	**topics;	/* owns: ntopics owned */
	size_t		  ntopics;
};

#define U(f)	offsetof(struct conf, f)
#define S(f)	offsetof(struct conf_source, f)
#define T(f)	offsetof(struct conf_tsec, f)

/* Keep sorted by section, then name: conf_key_find bsearches it. */
static const struct conf_key conf_keys[] = {
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
	{ CONF_SEC_UNIFEED, "merge-window", CONF_T_DURATION, U(merge_window),
	    0, MAX_MERGE_WINDOW, DEFAULT_MERGE_WINDOW, NULL, 0,
	    "Stories whose titles and text are near-duplicates are one "
	    "story when published within this time of each other; 0 turns "
	    "near-duplicate merging off." },
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
#define CONF_NKEYS	(sizeof(conf_keys) / sizeof(conf_keys[0]))

/* One parse of one file: where we are and what went wrong. */
struct conf_parse {
	struct conf		 *conf;		/* borrows: being built */
	const char		 *file;		/* borrows: path as given */
	char			 *dir;		/* owns: real directory */
	char			 *statedir;	/* owns: $STATE_DIRECTORY, or NULL */
	char			 *base;		/* owns: file:// URL of file */
	char			 *errors;	/* owns: joined messages */
	size_t			  errlen;
	size_t			  nerrors;
	int			  line;
	enum conf_sec		  sec;
	void			 *obj;		/* borrows: section's struct */
	char			  secname[MAX_NAME + 96]; /* "[source a]" */
	int			  secline;
	int			  keyline[CONF_NKEYS];	/* first use in sec */
	int			  unifeed_line;
	int			  topics_full;	/* reported once */
	struct conf_tsec	**tsecs;	/* owns: ntsecs owned */
	size_t			  ntsecs;
};

static void	conf_verror(struct conf_parse *, int, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));
static void	conf_error(struct conf_parse *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	conf_error_at(struct conf_parse *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
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

/* What each type is called, how it is read; indexed by enum conf_type. */
static const struct conf_type_info {
	const char		 *name;
	enum confval_unit	  unit;		/* numeric types */
	int			(*parse)(struct conf_parse *,
				    const struct conf_key *, const char *,
				    void *);
	int			  empty_ok;
} conf_types[] = {
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
};

/* --- errors ------------------------------------------------------------ */

/* Append one "file:line: message" (line 0: "file: message"). */
static void
conf_verror(struct conf_parse *p, int line, const char *fmt, va_list ap)
{
	char	 msg[1024], *grown;
	int	 n;
	size_t	 len;

	if (p->nerrors > MAX_CONF_ERRORS)
		return;
	if (p->nerrors++ == MAX_CONF_ERRORS)
		n = snprintf(msg, sizeof(msg), "%s: too many errors, "
		    "stopped reporting", p->file);
	else {
		if (line > 0)
			n = snprintf(msg, sizeof(msg), "%s:%d: ", p->file,
			    line);
		else
			n = snprintf(msg, sizeof(msg), "%s: ", p->file);
		if (n < 0 || (size_t)n >= sizeof(msg))
			n = 0;
		n = vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	}
	(void)n;
	len = strlen(msg);
	grown = realloc(p->errors, p->errlen + len + 2);
	if (grown == NULL)
		return;		/* nerrors still says the file is bad */
	p->errors = grown;
	if (p->errlen > 0)
		p->errors[p->errlen++] = '\n';
	memcpy(p->errors + p->errlen, msg, len + 1);
	p->errlen += len;
}

static void
conf_error(struct conf_parse *p, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	conf_verror(p, p->line, fmt, ap);
	va_end(ap);
}

static void
conf_error_at(struct conf_parse *p, int line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	conf_verror(p, line, fmt, ap);
	va_end(ap);
}

/* A value made safe and short enough to quote in a message. */
#define CONF_ESC(s, b)	log_escape((s), (b), sizeof(b))

/* Room for one message from daemon/confval. */
#define CONF_ERRLEN	512

/* --- small helpers ----------------------------------------------------- */

/* Trim white space at both ends of s in place. */
static char *
conf_trim(char *s)
{
	char	*end;

	while (confval_isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && confval_isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

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

static void
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
static int
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

/* --- sections ------------------------------------------------------------ */

/* bsearch comparator over conf_keys: by section, then name. */
static int
conf_key_cmp_cb(const void *key, const void *elem)
{
	const struct conf_key	*a = key, *b = elem;

	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	return strcmp(a->name, b->name);
}

static const struct conf_key *
conf_key_find(enum conf_sec sec, const char *name)
{
	struct conf_key	 want;

	memset(&want, 0, sizeof(want));
	want.sec = sec;
	want.name = name;
	return bsearch(&want, conf_keys, CONF_NKEYS, sizeof(conf_keys[0]),
	    conf_key_cmp_cb);
}

/* Give obj the table's defaults for sec: each through its own parser. */
static void
conf_defaults(struct conf_parse *p, enum conf_sec sec, void *obj)
{
	const struct conf_key	*k;
	char			 num[32];
	const char		*v;
	size_t			 i;

	for (i = 0; i < CONF_NKEYS; i++) {
		k = &conf_keys[i];
		if (k->sec != sec || (k->flags & CONF_DEFDOC))
			continue;
		if (k->def != NULL)
			v = k->def;
		else if (k->type == CONF_T_DURATION || k->type == CONF_T_INT ||
		    k->type == CONF_T_SIZE) {
			(void)snprintf(num, sizeof(num), "%lld", k->defnum);
			v = num;
		} else
			continue;
		(void)conf_types[k->type].parse(p, k, v, (char *)obj + k->off);
	}
}

/*
 * A source section is complete: with items, title names the item's title
 * (the display name then comes from the page) and auto means html; a
 * feed has no selectors.
 */
static void
conf_close_source(struct conf_parse *p, struct conf_source *src)
{
	const struct conf_key	*k;
	int			 line;
	size_t			 i;

	k = conf_key_find(CONF_SEC_SOURCE, "title");
	line = p->keyline[k - conf_keys];
	if (src->sel[SCRAPE_ITEMS] != NULL && src->title != NULL) {
		if (conf_check_selector(p, line, "title", SCRAPE_TITLE,
		    src->title) == 0) {
			free(src->sel[SCRAPE_TITLE]);
			src->sel[SCRAPE_TITLE] = src->title;
			src->title = NULL;
		}
	}
	if (src->sel[SCRAPE_ITEMS] != NULL && strcmp(src->type, "auto") == 0) {
		free(src->type);
		if ((src->type = strdup("html")) == NULL)
			conf_error_at(p, p->secline, "out of memory");
	}
	if (strcmp(src->type, "feed") != 0)
		return;
	for (i = 0; i < CONF_NKEYS; i++)
		if (conf_keys[i].sec == CONF_SEC_SOURCE && p->keyline[i] != 0 &&
		    (conf_keys[i].type == CONF_T_SELECTOR ||
		    conf_keys[i].type == CONF_T_ZONE ||
		    conf_keys[i].off == S(date_format)))
			conf_error_at(p, p->keyline[i], "%s: only for HTML "
			    "pages, and %s has type = feed", conf_keys[i].name,
			    p->secname);
}

/* Leave the current section: report its missing required keys. */
static void
conf_close_section(struct conf_parse *p)
{
	size_t	 i;

	if (p->sec == CONF_SEC_SOURCE && p->obj != NULL &&
	    ((struct conf_source *)p->obj)->type != NULL)
		conf_close_source(p, p->obj);

	if (p->sec == CONF_SEC_UNIFEED || p->sec == CONF_SEC_SOURCE ||
	    p->sec == CONF_SEC_TOPIC)
		for (i = 0; i < CONF_NKEYS; i++)
			if (conf_keys[i].sec == p->sec &&
			    (conf_keys[i].flags & CONF_REQUIRED) &&
			    p->keyline[i] == 0)
				conf_error_at(p, p->secline, "missing %s in %s",
				    conf_keys[i].name, p->secname);
	p->sec = CONF_SEC_SKIP;
	p->obj = NULL;
	memset(p->keyline, 0, sizeof(p->keyline));
}

/* 1 when name is a valid [source NAME]. */
static int
conf_source_name_ok(const char *name)
{
	size_t	 i;

	for (i = 0; name[i] != '\0'; i++)
		if (i >= MAX_NAME || !((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '.' ||
		    name[i] == '_' || name[i] == '-'))
			return 0;
	return i > 0;
}

/* Open [source NAME]; a bad or repeated name is reported, but the keys
 * that follow are still checked. */
static void
conf_open_source(struct conf_parse *p, const char *name)
{
	struct conf		 *c = p->conf;
	struct conf_source	 *src, **grown;
	char			  esc[80];
	size_t			  i;

	if (!conf_source_name_ok(name))
		conf_error(p, "bad source name '%s' (expected 1-%d of A-Z, "
		    "a-z, 0-9, '.', '_' and '-')", CONF_ESC(name, esc),
		    MAX_NAME);
	for (i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i]->name, name) == 0) {
			conf_error(p, "duplicate [source %s] (first at line "
			    "%d)", CONF_ESC(name, esc), c->sources[i]->line);
			break;
		}
	if (c->nsources >= MAX_SOURCES) {
		conf_error(p, "too many sources (at most %d)", MAX_SOURCES);
		return;
	}
	grown = realloc(c->sources, (c->nsources + 1) * sizeof(*grown));
	if (grown == NULL) {
		conf_error(p, "out of memory");
		return;
	}
	c->sources = grown;
	if ((src = calloc(1, sizeof(*src))) == NULL ||
	    (src->name = strdup(name)) == NULL) {
		free(src);
		conf_error(p, "out of memory");
		return;
	}
	c->sources[c->nsources++] = src;
	src->line = p->line;
	src->interval = -1;
	conf_defaults(p, CONF_SEC_SOURCE, src);
	p->sec = CONF_SEC_SOURCE;
	p->obj = src;
}

/* Open [topic NAME]; as for sources, the keys are checked even when the
 * name is not usable. */
static void
conf_open_topic(struct conf_parse *p, const char *name)
{
	struct conf_tsec	 *ts, **grown;
	char			  esc[80];
	size_t			  i;

	if (!topic_name_valid(name))
		conf_error(p, "bad topic name '%s' (expected 1-%d of a-z, 0-9 "
		    "and '-', not starting with '-')", CONF_ESC(name, esc),
		    MAX_NAME);
	for (i = 0; i < p->ntsecs; i++)
		if (strcmp(p->tsecs[i]->name, name) == 0) {
			conf_error(p, "duplicate [topic %s] (first at line "
			    "%d)", CONF_ESC(name, esc), p->tsecs[i]->line);
			break;
		}
	if (p->ntsecs >= MAX_TOPICS) {
		conf_error(p, "too many topics (at most %d)", MAX_TOPICS);
		return;
	}
	grown = realloc(p->tsecs, (p->ntsecs + 1) * sizeof(*grown));
	if (grown == NULL) {
		conf_error(p, "out of memory");
		return;
	}
	p->tsecs = grown;
	if ((ts = calloc(1, sizeof(*ts))) == NULL ||
	    (ts->name = strdup(name)) == NULL) {
		free(ts);
		conf_error(p, "out of memory");
		return;
	}
	p->tsecs[p->ntsecs++] = ts;
	ts->line = p->line;
	conf_defaults(p, CONF_SEC_TOPIC, ts);
	p->sec = CONF_SEC_TOPIC;
	p->obj = ts;
}

/* Open [unifeed]: at most one, and without a name. */
static void
conf_open_unifeed(struct conf_parse *p, const char *name)
{
	char	 esc[80];

	if (*name != '\0')
		conf_error(p, "[unifeed] takes no name, got '%s'",
		    CONF_ESC(name, esc));
	if (p->unifeed_line != 0)
		conf_error(p, "second [unifeed] section (first at line %d)",
		    p->unifeed_line);
	else
		p->unifeed_line = p->line;
	p->sec = CONF_SEC_UNIFEED;
	p->obj = p->conf;
}

/* A "[kind name]" line; s is trimmed and starts with '['. */
static void
conf_header(struct conf_parse *p, char *s)
{
	size_t	 len = strlen(s);
	char	*kind, *name, esc[80], esc2[80];

	conf_close_section(p);
	if (len < 2 || s[len - 1] != ']') {
		conf_error(p, "expected ']' at the end of section header '%s'",
		    CONF_ESC(s, esc));
		return;
	}
	s[len - 1] = '\0';
	kind = conf_trim(s + 1);
	name = kind + strcspn(kind, " \t\v\f\r");
	if (*name != '\0')
		*name++ = '\0';
	name = conf_trim(name);
	(void)snprintf(p->secname, sizeof(p->secname), "[%s%s%s]",
	    CONF_ESC(kind, esc), *name != '\0' ? " " : "",
	    CONF_ESC(name, esc2));
	p->secline = p->line;
	if (strcmp(kind, "unifeed") == 0)
		conf_open_unifeed(p, name);
	else if (strcmp(kind, "source") != 0 && strcmp(kind, "topic") != 0)
		conf_error(p, "unknown section %s (expected [unifeed], "
		    "[source NAME] or [topic NAME])", p->secname);
	else if (*name == '\0')
		conf_error(p, "[%s] needs a name: [%s NAME]", kind, kind);
	else if (strcmp(kind, "source") == 0)
		conf_open_source(p, name);
	else
		conf_open_topic(p, name);
}

/* A "key = value" line; s is trimmed. */
static void
conf_keyval(struct conf_parse *p, char *s)
{
	const struct conf_key	*k;
	char			*eq, *key, *val, esc[80];
	size_t			 i;

	if ((eq = strchr(s, '=')) == NULL) {
		conf_error(p, "expected 'key = value' or a [section], got "
		    "'%s'", CONF_ESC(s, esc));
		return;
	}
	*eq = '\0';
	key = conf_trim(s);
	val = conf_trim(eq + 1);
	if (*key == '\0') {
		conf_error(p, "missing key before '='");
		return;
	}
	if (p->sec == CONF_SEC_SKIP)
		return;
	if (p->sec == CONF_SEC_NONE) {
		conf_error(p, "key '%s' outside a section (expected after "
		    "[unifeed], [source NAME] or [topic NAME])",
		    CONF_ESC(key, esc));
		return;
	}
	if ((k = conf_key_find(p->sec, key)) == NULL) {
		conf_error(p, "unknown key '%s' in %s", CONF_ESC(key, esc),
		    p->secname);
		return;
	}
	i = (size_t)(k - conf_keys);
	if (p->keyline[i] != 0) {
		conf_error(p, "duplicate key '%s' in %s (first at line %d)",
		    k->name, p->secname, p->keyline[i]);
		return;
	}
	p->keyline[i] = p->line;
	if (*val == '\0' && !conf_types[k->type].empty_ok) {
		conf_error(p, "%s: empty value", k->name);
		return;
	}
	(void)conf_types[k->type].parse(p, k, val, (char *)p->obj + k->off);
}

/* Cut s at an inline comment: '#' or ';' after white space and outside
 * double quotes. Returns -1 when a double quote is left open. */
static int
conf_uncomment(char *s)
{
	char	*c;
	int	 inq = 0;

	for (c = s; *c != '\0'; c++) {
		if (*c == '"')
			inq = !inq;
		else if (!inq && (*c == '#' || *c == ';') &&
		    (c == s || confval_isspace((unsigned char)c[-1]))) {
			*c = '\0';
			break;
		}
	}
	return inq ? -1 : 0;
}

/* One line of the file, without its newline. */
static void
conf_line(struct conf_parse *p, char *line)
{
	char	*s;

	s = conf_trim(line);
	if (*s == '\0' || *s == '#' || *s == ';')
		return;
	if (conf_uncomment(s) == -1) {
		conf_error(p, "unterminated double quote");
		return;
	}
	s = conf_trim(s);
	if (*s == '[')
		conf_header(p, s);
	else
		conf_keyval(p, s);
}

#define CONF_LINE_NUL	1
#define CONF_LINE_LONG	2

/*
 * Read one line into buf (size MAX_CONF_LINE + 1) without its newline,
 * discarding what does not fit. Returns 0 at the end of the file, else 1,
 * with *bad set to CONF_LINE_NUL or CONF_LINE_LONG when it is unusable.
 */
static int
conf_getline(FILE *f, char *buf, int *bad)
{
	size_t	 len = 0;
	int	 c, any = 0;

	*bad = 0;
	while ((c = getc(f)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		if (c == '\0')
			*bad = CONF_LINE_NUL;
		if (len < MAX_CONF_LINE)
			buf[len++] = (char)c;
		else if (*bad == 0)
			*bad = CONF_LINE_LONG;
	}
	buf[len] = '\0';
	return any;
}

static void
conf_read(struct conf_parse *p, FILE *f)
{
	char	 buf[MAX_CONF_LINE + 1], *s;
	int	 bad;

	while (conf_getline(f, buf, &bad)) {
		p->line++;
		s = buf;
		if (p->line == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;		/* a UTF-8 byte order mark */
		if (bad == CONF_LINE_LONG)
			conf_error(p, "line too long (more than %d bytes)",
			    MAX_CONF_LINE);
		else if (bad == CONF_LINE_NUL)
			conf_error(p, "NUL byte in line");
		else
			conf_line(p, s);
		if (p->nerrors > MAX_CONF_ERRORS)
			return;
	}
	if (ferror(f))
		conf_error_at(p, 0, "%s", strerror(errno));
}

/* --- the whole file ------------------------------------------------------ */

/* Find the file's real directory and its file:// URL, the bases of
 * relative paths and URLs. */
static void
conf_setup_dir(struct conf_parse *p)
{
	char		*d = strdup(p->file), *b = strdup(p->file), *path = NULL;
	const char	*sd = getenv("STATE_DIRECTORY");

	/* systemd may list several directories, separated by ':'. */
	if (sd != NULL && sd[0] == '/')
		p->statedir = strndup(sd, strcspn(sd, ":"));
	if (d == NULL || b == NULL)
		conf_error_at(p, 0, "out of memory");
	else if ((p->dir = realpath(dirname(d), NULL)) == NULL)
		conf_error_at(p, 0, "cannot resolve its directory: %s",
		    strerror(errno));
	else if ((path = confval_join(p->dir, basename(b))) == NULL ||
	    (p->base = url_from_path(path)) == NULL)
		conf_error_at(p, 0, "out of memory");
	free(path);
	free(d);
	free(b);
}

static struct topic *
conf_find_topic(const struct conf *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->ntopics; i++)
		if (strcmp(topic_name(c->topics[i]), name) == 0)
			return c->topics[i];
	return NULL;
}

/* Append t to the topics (taking it), within MAX_TOPICS. */
static void
conf_add_topic(struct conf_parse *p, struct topic *t, int line)
{
	struct conf	 *c = p->conf;
	struct topic	**grown;

	if (t == NULL) {
		conf_error_at(p, line, "out of memory");
		return;
	}
	if (c->ntopics >= MAX_TOPICS) {
		if (!p->topics_full)
			conf_error_at(p, line, "too many topics (at most %d)",
			    MAX_TOPICS);
		p->topics_full = 1;
		topic_free(t);
		return;
	}
	if ((grown = realloc(c->topics, (c->ntopics + 1) *
	    sizeof(*grown))) == NULL) {
		conf_error_at(p, line, "out of memory");
		topic_free(t);
		return;
	}
	c->topics = grown;
	c->topics[c->ntopics++] = t;
}

/* Give t the rules of its section: keywords, the regex, categories. */
static void
conf_topic_rules(struct conf_parse *p, const struct conf_tsec *ts,
    struct topic *t)
{
	char	 esc[80], err[CONF_ERRLEN];
	size_t	 j;

	for (j = 0; j < ts->match.n; j++)
		if (topic_add_keyword(t, ts->match.v[j]) == -1)
			conf_error_at(p, ts->match_line, "match: cannot use "
			    "keyword '%s' (empty or too long)",
			    CONF_ESC(ts->match.v[j], esc));
	if (ts->regex != NULL && topic_add_regex(t, ts->regex, err,
	    sizeof(err)) == -1)
		conf_error_at(p, ts->regex_line, "regex: %s", err);
	for (j = 0; j < ts->categories.n; j++)
		if (topic_add_category(t, ts->categories.v[j]) == -1)
			conf_error_at(p, ts->categories_line, "categories: "
			    "cannot use '%s'", CONF_ESC(ts->categories.v[j],
			    esc));
}

/* The [topic] sections as topics, then the topics sources only name. */
static void
conf_build_topics(struct conf_parse *p)
{
	struct conf		*c = p->conf;
	struct conf_tsec	*ts;
	struct topic		*t;
	size_t			 i, j;

	for (i = 0; i < p->ntsecs; i++) {
		ts = p->tsecs[i];
		if (!topic_name_valid(ts->name) ||
		    conf_find_topic(c, ts->name) != NULL)
			continue;	/* already reported */
		if ((t = topic_new(ts->name, ts->title)) != NULL)
			conf_topic_rules(p, ts, t);
		conf_add_topic(p, t, ts->line);
	}
	for (i = 0; i < c->nsources; i++)
		for (j = 0; j < c->sources[i]->topics.n; j++)
			if (conf_find_topic(c, c->sources[i]->topics.v[j]) ==
			    NULL)
				conf_add_topic(p, topic_new(
				    c->sources[i]->topics.v[j], NULL),
				    c->sources[i]->line);
}

/* What depends on the whole file: inherited intervals, the default
 * base URL, the topics. */
static void
conf_finish(struct conf_parse *p)
{
	struct conf	*c = p->conf;
	size_t		 i, len;

	for (i = 0; i < c->nsources; i++)
		if (c->sources[i]->interval < 0)
			c->sources[i]->interval = c->interval;
	if (c->base_url == NULL && c->listen != NULL) {
		if (c->listen[0] == '\0')
			c->base_url = strdup("http://localhost/");
		else {
			len = strlen(c->listen) + sizeof("http:///");
			if ((c->base_url = malloc(len)) != NULL)
				(void)snprintf(c->base_url, len, "http://%s/",
				    c->listen);
		}
		if (c->base_url == NULL)
			conf_error_at(p, 0, "out of memory");
	}
	conf_build_topics(p);
}

struct conf *
conf_load(const char *path, char **errors)
{
	struct conf_parse	 p;
	FILE			*f = NULL;
	size_t			 i;

	*errors = NULL;
	memset(&p, 0, sizeof(p));
	p.file = path;
	p.sec = CONF_SEC_NONE;
	if ((p.conf = calloc(1, sizeof(*p.conf))) == NULL ||
	    (p.conf->path = strdup(path)) == NULL)
		conf_error_at(&p, 0, "out of memory");
	else if ((f = fopen(path, "r")) == NULL)
		conf_error_at(&p, 0, "%s", strerror(errno));
	else {
		conf_setup_dir(&p);
		conf_defaults(&p, CONF_SEC_UNIFEED, p.conf);
		conf_read(&p, f);
		conf_close_section(&p);
		conf_finish(&p);
	}
	if (f != NULL)
		fclose(f);
	for (i = 0; i < p.ntsecs; i++) {
		free(p.tsecs[i]->name);
		free(p.tsecs[i]->title);
		free(p.tsecs[i]->regex);
		conf_list_clear(&p.tsecs[i]->match);
		conf_list_clear(&p.tsecs[i]->categories);
		free(p.tsecs[i]);
	}
	free(p.tsecs);
	free(p.dir);
	free(p.statedir);
	free(p.base);
	if (p.nerrors == 0)
		return p.conf;
	conf_free(p.conf);
	*errors = p.errors != NULL ? p.errors : strdup("out of memory");
	return NULL;
}

void
conf_free(struct conf *c)
{
	struct conf_source	*src;
	size_t			 i, j;

	if (c == NULL)
		return;
	for (i = 0; i < c->nsources; i++) {
		src = c->sources[i];
		free(src->name);
		free(src->url);
		free(src->title);
		free(src->type);
		for (j = 0; j < SCRAPE_NFIELDS; j++)
			free(src->sel[j]);
		free(src->date_format);
		free(src->timezone);
		conf_list_clear(&src->topics);
		free(src);
	}
	free(c->sources);
	conf_list_clear(&c->tracking);
	for (i = 0; i < c->ntopics; i++)
		topic_free(c->topics[i]);
	free(c->topics);
	free(c->path);
	free(c->title);
	free(c->base_url);
	free(c->listen);
	free(c->output);
	free(c->state);
	free(c);
}

/* --- accessors ------------------------------------------------------------ */

const char *
conf_path(const struct conf *c)
{
	return c->path;
}

const char *
conf_title(const struct conf *c)
{
	return c->title;
}

const char *
conf_base_url(const struct conf *c)
{
	return c->base_url;
}

const char *
conf_listen(const struct conf *c)
{
	return c->listen;
}

const char *
conf_output(const struct conf *c)
{
	return c->output;
}

const char *
conf_state(const struct conf *c)
{
	return c->state;
}

int
conf_interval(const struct conf *c)
{
	return c->interval;
}

int
conf_keep(const struct conf *c)
{
	return c->keep;
}

int
conf_timeout(const struct conf *c)
{
	return c->timeout;
}

int
conf_connect_timeout(const struct conf *c)
{
	return c->connect_timeout;
}

size_t
conf_max_size(const struct conf *c)
{
	return c->max_size;
}

int
conf_max_redirects(const struct conf *c)
{
	return c->max_redirects;
}

size_t
conf_nsources(const struct conf *c)
{
	return c->nsources;
}

const struct conf_source *
conf_source(const struct conf *c, size_t i)
{
	return i < c->nsources ? c->sources[i] : NULL;
}

const char *
conf_source_name(const struct conf_source *src)
{
	return src->name;
}

const char *
conf_source_url(const struct conf_source *src)
{
	return src->url;
}

const char *
conf_source_title(const struct conf_source *src)
{
	return src->title;
}

const char *
conf_source_type(const struct conf_source *src)
{
	return src->type;
}

const char *
conf_source_selector(const struct conf_source *src, enum scrape_field f)
{
	return f < SCRAPE_NFIELDS ? src->sel[f] : NULL;
}

const char *
conf_source_date_format(const struct conf_source *src)
{
	return src->date_format;
}

const char *
conf_source_timezone(const struct conf_source *src)
{
	return src->timezone;
}

int
conf_source_fulltext(const struct conf_source *src)
{
	return src->fulltext;
}

int
conf_article_rate(const struct conf *c)
{
	return c->article_rate;
}

int
conf_max_per_source(const struct conf *c)
{
	return c->max_per_source;
}

int
conf_merge_window(const struct conf *c)
{
	return c->merge_window;
}

int
conf_retain(const struct conf *c)
{
	return c->retain;
}

int
conf_auto_topics(const struct conf *c)
{
	return c->auto_topics;
}

const char *const *
conf_tracking_params(const struct conf *c)
{
	return (const char *const *)c->tracking.v;
}

int
conf_source_interval(const struct conf_source *src)
{
	return src->interval;
}

size_t
conf_source_ntopics(const struct conf_source *src)
{
	return src->topics.n;
}

const char *
conf_source_topic(const struct conf_source *src, size_t i)
{
	return i < src->topics.n ? src->topics.v[i] : NULL;
}

size_t
conf_ntopics(const struct conf *c)
{
	return c->ntopics;
}

const struct topic *
conf_topic(const struct conf *c, size_t i)
{
	return i < c->ntopics ? c->topics[i] : NULL;
}

/* --- the key table, for people ------------------------------------------ */

/* Print text wrapped to 72 columns, each line indented by a tab. */
static void
conf_print_wrapped(const char *text)
{
	const char	*s = text, *brk;
	size_t		 len;

	while (*s != '\0') {
		len = strlen(s);
		if (len > 64) {
			for (brk = s + 64; brk > s && *brk != ' '; brk--)
				;
			if (brk == s)
				brk = s + strcspn(s, " ");
			len = (size_t)(brk - s);
		}
		printf("\t%.*s\n", (int)len, s);
		s += len;
		while (*s == ' ')
			s++;
	}
}

void
conf_print_keys(void)
{
	static const char *const secs[] = {
		[CONF_SEC_UNIFEED] = "[unifeed]",
		[CONF_SEC_SOURCE] = "[source NAME]",
		[CONF_SEC_TOPIC] = "[topic NAME]",
	};
	const struct conf_key	*k;
	char			 num[32];
	const char		*def;
	size_t			 i;

	for (i = 0; i < CONF_NKEYS; i++) {
		k = &conf_keys[i];
		if (k->def != NULL)
			def = k->def;
		else if (k->flags & CONF_REQUIRED)
			def = "required";
		else
			def = confval_fmtnum(conf_types[k->type].unit,
			    k->defnum, num, sizeof(num));
		printf("%s %s (%s; default: %s)\n", secs[k->sec], k->name,
		    conf_types[k->type].name, def);
		conf_print_wrapped(k->help);
	}
}
