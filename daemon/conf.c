/*
 * daemon/conf: the feeds file. One sorted key table (conf_keys) gives each
 * key its section, type, range, default and help; it drives parsing,
 * defaults, validation, `unifeed --help-keys` and, through a unit test that
 * checks the man page against it, unifeed(8). Every error is collected as
 * "file:line: message", so `unifeed -t` shows them all at once.
 */
#include <sys/types.h>

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
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
	CONF_T_KEYWORDS
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
	char		*type;		/* owns: "auto" or "feed" */
	int		 interval;	/* seconds; -1 until resolved */
	struct conf_list topics;	/* owns */
	int		 line;		/* of the section header */
};

/* A [topic] section as read, turned into a struct topic at the end. */
struct conf_tsec {
	char		*name;		/* owns */
	char		*title;		/* owns, or NULL */
	struct conf_list match;		/* owns */
	int		 line;		/* of the section header */
	int		 match_line;	/* of its match key, or 0 */
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
	{ CONF_SEC_UNIFEED, "max-redirects", CONF_T_INT, U(max_redirects),
	    0, MAX_REDIRECTS, DEFAULT_MAX_REDIRECTS, NULL, 0,
	    "HTTP redirects followed per fetch (http and https only)." },
	{ CONF_SEC_UNIFEED, "max-size", CONF_T_SIZE, U(max_size),
	    MIN_MAX_SIZE, MAX_MAX_SIZE, DEFAULT_MAX_SIZE, NULL, 0,
	    "Largest body accepted from a source, after decompression." },
	{ CONF_SEC_UNIFEED, "output", CONF_T_PATH, U(output), 0, 0, 0,
	    DEFAULT_OUTPUT, 0,
	    "Directory the feeds are published to; relative to the feeds "
	    "file's directory." },
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
	{ CONF_SEC_SOURCE, "interval", CONF_T_DURATION, S(interval),
	    MIN_INTERVAL, MAX_INTERVAL, 0, "[unifeed] interval", CONF_DEFDOC,
	    "Time between two polls of this source." },
	{ CONF_SEC_SOURCE, "title", CONF_T_TEXT, S(title), 0, 0, 0,
	    "the feed's own title", CONF_DEFDOC,
	    "Display name of the source." },
	{ CONF_SEC_SOURCE, "topics", CONF_T_TOPICS, S(topics), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "Topics every article of this source belongs to; a topic "
	    "without a [topic] section is created with no keywords." },
	{ CONF_SEC_SOURCE, "type", CONF_T_SRCTYPE, S(type), 0, 0, 0,
	    "auto", 0,
	    "auto detects the format; feed requires RSS, Atom or JSON "
	    "Feed. (html is recognised but not supported yet.)" },
	{ CONF_SEC_SOURCE, "url", CONF_T_URL, S(url), 0, 0, 0,
	    NULL, CONF_REQUIRED,
	    "Where the source is fetched: an http, https or file URL; a "
	    "relative one is taken relative to the feeds file." },
	{ CONF_SEC_TOPIC, "match", CONF_T_KEYWORDS, T(match), 0, 0, 0,
	    "none", CONF_DEFDOC,
	    "Keywords or phrases; an article whose title or text contains "
	    "one (any case, whole words) belongs to the topic." },
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
	char			 *base;		/* owns: file:// URL of file */
	char			 *errors;	/* owns: joined messages */
	size_t			  errlen;
	size_t			  nerrors;
	int			  line;
	enum conf_sec		  sec;
	void			 *obj;		/* borrows: section's struct */
	const char		 *secname;	/* borrows: for messages */
	int			  secline;
	int			  keyline[CONF_NKEYS];	/* first use in sec */
	int			  unifeed_line;
	struct conf_tsec	**tsecs;	/* owns: ntsecs owned */
	size_t			  ntsecs;
};

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

/* A unit suffix of a number: "30m", "16M". */
struct conf_unit {
	char		 suffix;
	long long	 mult;
};

/* Keep in the order of the units' size, smallest first. */
static const struct conf_unit conf_time_units[] = {
	{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 0, 0 }
};
static const struct conf_unit conf_size_units[] = {
	{ 'K', 1024LL }, { 'M', 1024LL * 1024 }, { 'G', 1024LL * 1024 * 1024 },
	{ 0, 0 }
};
static const struct conf_unit conf_no_units[] = { { 0, 0 } };

/* What each type is called, how it is read; indexed by enum conf_type. */
static const struct conf_type_info {
	const char		 *name;
	const char		 *like;		/* an example, for errors */
	const struct conf_unit	 *units;	/* numeric types */
	int			(*parse)(struct conf_parse *,
				    const struct conf_key *, const char *,
				    void *);
	int			  empty_ok;
} conf_types[] = {
	[CONF_T_TEXT] = { "text", NULL, NULL, conf_text, 0 },
	[CONF_T_BASEURL] = { "url", NULL, NULL, conf_baseurl, 0 },
	[CONF_T_LISTEN] = { "address", NULL, NULL, conf_listen_addr, 1 },
	[CONF_T_PATH] = { "path", NULL, NULL, conf_pathname, 0 },
	[CONF_T_DURATION] = { "duration", "a duration like 30m",
	    conf_time_units, conf_number, 0 },
	[CONF_T_INT] = { "number", "a whole number", conf_no_units,
	    conf_number, 0 },
	[CONF_T_SIZE] = { "size", "a size like 16M", conf_size_units,
	    conf_number, 0 },
	[CONF_T_URL] = { "url", NULL, NULL, conf_url, 0 },
	[CONF_T_SRCTYPE] = { "auto|feed", NULL, NULL, conf_srctype, 0 },
	[CONF_T_TOPICS] = { "list of topics", NULL, NULL, conf_topics, 0 },
	[CONF_T_KEYWORDS] = { "list of keywords", NULL, NULL, conf_keywords,
	    0 },
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
static const char *
conf_esc(const char *s, char *buf, size_t n)
{
	return log_escape(s, buf, n);
}

#define CONF_ESC(s, b)	conf_esc((s), (b), sizeof(b))

/* --- small helpers ----------------------------------------------------- */

static int
conf_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

/* Trim white space at both ends of s in place. */
static char *
conf_trim(char *s)
{
	char	*end;

	while (conf_isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && conf_isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Replace the string *dst with s (owned now); NULL s is out of memory. */
static int
conf_set_str(struct conf_parse *p, char **dst, char *s)
{
	if (s == NULL) {
		conf_error(p, "out of memory");
		return -1;
	}
	free(*dst);
	*dst = s;
	return 0;
}

/* A copy of v without one pair of enclosing double quotes. */
static char *
conf_unquote(const char *v)
{
	size_t	 len = strlen(v);

	if (len >= 2 && v[0] == '"' && v[len - 1] == '"')
		return strndup(v + 1, len - 2);
	return strdup(v);
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

/*
 * Split a comma-separated list into l: items are trimmed, an item in
 * double quotes may hold commas, and empty items are errors.
 */
static int
conf_list_parse(struct conf_parse *p, const struct conf_key *k,
    const char *v, struct conf_list *l)
{
	const char	*s = v, *item, *end;
	char		 esc[80];

	for (;;) {
		while (conf_isspace((unsigned char)*s))
			s++;
		if (*s == '"') {
			item = s + 1;
			if ((end = strchr(item, '"')) == NULL) {
				conf_error(p, "%s: unterminated double quote",
				    k->name);
				return -1;
			}
			s = end + 1;
			while (conf_isspace((unsigned char)*s))
				s++;
			if (*s != ',' && *s != '\0') {
				conf_error(p, "%s: expected ',' after "
				    "\"%.*s\"", k->name, (int)(end - item),
				    item);
				return -1;
			}
		} else {
			item = s;
			s = item + strcspn(item, ",");
			end = s;
			while (end > item && conf_isspace((unsigned char)end[-1]))
				end--;
			if (memchr(item, '"', end - item) != NULL) {
				conf_error(p, "%s: stray double quote in '%s'",
				    k->name, CONF_ESC(v, esc));
				return -1;
			}
		}
		if (end == item) {
			conf_error(p, "%s: empty item in list '%s'", k->name,
			    CONF_ESC(v, esc));
			return -1;
		}
		if (conf_list_add(l, item, end - item) == -1) {
			conf_error(p, "out of memory");
			return -1;
		}
		if (*s != ',')
			return 0;
		s++;
	}
}

/* --- value types -------------------------------------------------------- */

/* conf_types[].parse for text: one pair of enclosing quotes is dropped. */
static int
conf_text(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 esc[80];
	char	*s;

	if ((s = conf_unquote(v)) != NULL && *s == '\0') {
		free(s);
		conf_error(p, "%s: expected text, got '%s'", k->name,
		    CONF_ESC(v, esc));
		return -1;
	}
	return conf_set_str(p, dst, s);
}

/* conf_types[].parse for base-url: absolute http(s), made to end in '/'. */
static int
conf_baseurl(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 esc[80];
	char	*u = NULL, *s;
	size_t	 len;

	if (!url_scheme_is(v, "http,https") ||
	    (u = url_resolve(NULL, v)) == NULL || strpbrk(u, "?#") != NULL) {
		free(u);
		conf_error(p, "%s: expected an absolute http or https URL "
		    "without query or fragment, got '%s'", k->name,
		    CONF_ESC(v, esc));
		return -1;
	}
	len = strlen(u);
	if (len > 0 && u[len - 1] == '/')
		return conf_set_str(p, dst, u);
	if ((s = malloc(len + 2)) != NULL) {
		memcpy(s, u, len);
		memcpy(s + len, "/", 2);
	}
	free(u);
	return conf_set_str(p, dst, s);
}

/* 1 when s is a decimal port number 1-65535. */
static int
conf_port_ok(const char *s)
{
	long	 port = 0;
	size_t	 i;

	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 5; i++)
		port = port * 10 + (s[i] - '0');
	return i > 0 && s[i] == '\0' && port >= 1 && port <= 65535;
}

/* 1 when v is host:port, with the host a name, IPv4 or [IPv6] address. */
static int
conf_listen_ok(const char *v)
{
	const char	*close, *colon, *h;

	if (*v == '[') {
		if ((close = strchr(v, ']')) == NULL || close == v + 1 ||
		    close[1] != ':')
			return 0;
		for (h = v + 1; h < close; h++)
			if (strchr("0123456789abcdefABCDEF:.", *h) == NULL)
				return 0;
		return strchr(v + 1, ':') < close && conf_port_ok(close + 2);
	}
	if ((colon = strchr(v, ':')) == NULL || colon == v ||
	    strchr(colon + 1, ':') != NULL)
		return 0;
	for (h = v; h < colon; h++)
		if (!((*h >= 'a' && *h <= 'z') || (*h >= 'A' && *h <= 'Z') ||
		    (*h >= '0' && *h <= '9') || *h == '.' || *h == '-'))
			return 0;
	return conf_port_ok(colon + 1);
}

/* conf_types[].parse for listen: "off" and "" both mean no server. */
static int
conf_listen_addr(struct conf_parse *p, const struct conf_key *k,
    const char *v, void *dst)
{
	char	 esc[80];

	if (*v == '\0' || strcmp(v, "off") == 0)
		return conf_set_str(p, dst, strdup(""));
	if (!conf_listen_ok(v)) {
		conf_error(p, "%s: expected host:port, [v6addr]:port or off, "
		    "got '%s'", k->name, CONF_ESC(v, esc));
		return -1;
	}
	return conf_set_str(p, dst, strdup(v));
}

/* dir "/" name, malloc'd. */
static char *
conf_join(const char *dir, const char *name)
{
	size_t	 dlen = strlen(dir), nlen = strlen(name);
	char	*s;

	if ((s = malloc(dlen + nlen + 2)) == NULL)
		return NULL;
	memcpy(s, dir, dlen);
	s[dlen] = '/';
	memcpy(s + dlen + 1, name, nlen + 1);
	return s;
}

/* conf_types[].parse for paths: relative ones hang off the file's dir. */
static int
conf_pathname(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	*s, *abs;

	if ((s = conf_unquote(v)) == NULL)
		return conf_set_str(p, dst, NULL);
	if (*s == '\0') {
		free(s);
		conf_error(p, "%s: expected a path, got an empty one",
		    k->name);
		return -1;
	}
	if (*s == '/' || p->dir == NULL)
		return conf_set_str(p, dst, s);
	abs = conf_join(strcmp(p->dir, "/") == 0 ? "" : p->dir, s);
	free(s);
	return conf_set_str(p, dst, abs);
}

/*
 * Read digits and an optional unit suffix into *out: 0 when done, -1 when
 * v is not such a number, -2 when it does not fit a long long.
 */
static int
conf_strtonum(const char *v, const struct conf_unit *units, long long *out)
{
	const struct conf_unit	*u;
	const char		*s;
	long long		 n = 0, mult = 1;
	int			 big = 0;

	if (*v < '0' || *v > '9')
		return -1;
	for (s = v; *s >= '0' && *s <= '9'; s++) {
		if (n > (LLONG_MAX - (*s - '0')) / 10)
			big = 1;
		else
			n = n * 10 + (*s - '0');
	}
	if (*s != '\0') {
		for (u = units; u->suffix != 0; u++)
			if (*s == u->suffix || (u->suffix >= 'A' &&
			    u->suffix <= 'Z' && *s == u->suffix + 'a' - 'A'))
				break;
		if (u->suffix == 0 || s[1] != '\0')
			return -1;
		mult = u->mult;
	}
	if (big || n > LLONG_MAX / mult)
		return -2;
	*out = n * mult;
	return 0;
}

/* n in its type's largest exact unit ("30m", "16M"), for messages. */
static const char *
conf_fmtnum(enum conf_type type, long long n, char *buf, size_t len)
{
	const struct conf_unit	*u, *best = NULL;

	for (u = conf_types[type].units; u != NULL && u->suffix != 0; u++)
		if (n != 0 && n % u->mult == 0)
			best = u;
	if (best != NULL)
		(void)snprintf(buf, len, "%lld%c", n / best->mult,
		    best->suffix);
	else
		(void)snprintf(buf, len, "%lld", n);
	return buf;
}

/* conf_types[].parse for durations, sizes and plain numbers. */
static int
conf_number(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	const struct conf_type_info	*t = &conf_types[k->type];
	char				 esc[80], lo[32], hi[32];
	long long			 n;
	int				 rc;

	rc = conf_strtonum(v, t->units, &n);
	if (rc == -1) {
		conf_error(p, "%s: expected %s, got '%s'", k->name, t->like,
		    CONF_ESC(v, esc));
		return -1;
	}
	if (rc == -2 || n < k->min || n > k->max) {
		conf_error(p, "%s: '%s' is out of range (%s to %s)", k->name,
		    CONF_ESC(v, esc), conf_fmtnum(k->type, k->min, lo,
		    sizeof(lo)), conf_fmtnum(k->type, k->max, hi, sizeof(hi)));
		return -1;
	}
	if (k->type == CONF_T_SIZE)
		*(size_t *)dst = (size_t)n;
	else
		*(int *)dst = (int)n;
	return 0;
}

/* 1 when v starts with an RFC 3986 scheme and ':'. */
static int
conf_has_scheme(const char *v)
{
	const char	*s = v;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    (*s >= '0' && *s <= '9') || *s == '+' || *s == '-' || *s == '.')
		s++;
	return *s == ':';
}

/* conf_types[].parse for a source's url: resolved against the file. */
static int
conf_url(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	static const char	 schemes[] = "http,https,file";
	char			 esc[80];
	char			*u;

	if (conf_has_scheme(v) && !url_scheme_is(v, schemes)) {
		conf_error(p, "%s: scheme must be http, https or file, got "
		    "'%s'", k->name, CONF_ESC(v, esc));
		return -1;
	}
	if ((u = url_resolve(p->base, v)) == NULL ||
	    !url_scheme_is(u, schemes)) {
		free(u);
		conf_error(p, "%s: not a valid URL: '%s'", k->name,
		    CONF_ESC(v, esc));
		return -1;
	}
	return conf_set_str(p, dst, u);
}

/* conf_types[].parse for a source's type. */
static int
conf_srctype(struct conf_parse *p, const struct conf_key *k, const char *v,
    void *dst)
{
	char	 esc[80];

	if (strcmp(v, "auto") == 0 || strcmp(v, "feed") == 0)
		return conf_set_str(p, dst, strdup(v));
	if (strcmp(v, "html") == 0)
		conf_error(p, "%s 'html' is not supported yet", k->name);
	else
		conf_error(p, "%s: expected auto or feed, got '%s'", k->name,
		    CONF_ESC(v, esc));
	return -1;
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

	conf_list_clear(dst);
	ts->match_line = p->line;
	return conf_list_parse(p, k, v, dst);
}
