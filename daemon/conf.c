/*
 * daemon/conf: the feeds file. One sorted key table (conf_keys, kept with
 * the value parsers in daemon/confkeys) gives each key its section, type,
 * range, default and help; it drives parsing, defaults, validation,
 * `unifeed --help-keys` and, through a unit test that checks the man page
 * against it, unifeed(8). This file reads the lines, opens and closes the
 * sections and collects every error as "file:line: message", so
 * `unifeed -t` shows them all at once. What a single value may look like
 * is daemon/confval's job.
 */
#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/conf.h"
#include "daemon/confint.h"
#include "daemon/confval.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "feeds/url.h"
#include "output/topic.h"

static void	conf_verror(struct conf_parse *, int, const char *, va_list)
		    __attribute__((format(printf, 3, 0)));

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

void
conf_error(struct conf_parse *p, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	conf_verror(p, p->line, fmt, ap);
	va_end(ap);
}

void
conf_error_at(struct conf_parse *p, int line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	conf_verror(p, line, fmt, ap);
	va_end(ap);
}

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

/* --- sections ------------------------------------------------------------ */

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
conf_near_title(const struct conf *c)
{
	return c->near_title;
}

int
conf_near_text(const struct conf *c)
{
	return c->near_text;
}

int
conf_merge_keep(const struct conf *c)
{
	return c->merge_keep;
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
