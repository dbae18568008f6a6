/*
 * unifeed preview: one document fetched (or read from a file) and run
 * through the same extraction as a poll cycle (parse_feed, then
 * normalize_items), printed for a person or, with --json, as one object
 * for scripts and the conformance runner. It never opens the state.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <event2/event.h>
#include <json-c/json.h>

#include "config.h"
#include "daemon/conf.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "daemon/preview.h"
#include "feeds/article.h"
#include "feeds/charset.h"
#include "feeds/date.h"
#include "feeds/fetch.h"
#include "feeds/item.h"
#include "feeds/normalize.h"
#include "feeds/page.h"
#include "feeds/parse.h"
#include "feeds/url.h"

/* What one preview read: the bytes and where they came from. */
struct preview_doc {
	char	*body;		/* owns */
	size_t	 len;
	char	*url;		/* owns: the base URL for relative links */
	char	*type;		/* owns: the Content-Type, or NULL */
	char	 err[512];	/* "" or why nothing could be read */
	int	 done;
};

/* fetch_done_fn: keep the body, type and final URL of the one transfer. */
static void
preview_fetched_cb(const struct fetch_result *res, void *arg)
{
	struct preview_doc *d = arg;

	d->done = 1;
	if (res->error != NULL) {
		snprintf(d->err, sizeof(d->err), "%s", res->error);
		return;
	}
	if (res->body == NULL) {
		snprintf(d->err, sizeof(d->err), "HTTP %ld without a body",
		    res->status);
		return;
	}
	d->body = malloc(res->len + 1);
	free(d->url);
	d->url = strdup(res->effective_url != NULL ? res->effective_url :
	    res->url);
	if (res->content_type != NULL)
		d->type = strdup(res->content_type);
	if (d->body == NULL || d->url == NULL) {
		snprintf(d->err, sizeof(d->err), "out of memory");
		return;
	}
	memcpy(d->body, res->body, res->len);
	d->body[res->len] = '\0';
	d->len = res->len;
}

/* Fetch url with the daemon's fetcher and limits on a loop of its own. */
static int
preview_fetch(const char *url, struct preview_doc *d)
{
	struct fetch_limits lim;
	struct event_base *base;
	struct fetch *f;

	memset(&lim, 0, sizeof(lim));
	lim.connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT * 1000L;
	lim.timeout_ms = DEFAULT_TIMEOUT * 1000L;
	lim.max_size = DEFAULT_MAX_SIZE;
	lim.max_redirects = DEFAULT_MAX_REDIRECTS;
	lim.per_host = DEFAULT_PER_HOST;
	lim.user_agent = PACKAGE_NAME "/" PACKAGE_VERSION;
	if ((d->url = strdup(url)) == NULL ||
	    (base = event_base_new()) == NULL) {
		snprintf(d->err, sizeof(d->err), "out of memory");
		return -1;
	}
	if ((f = fetch_new(base, &lim)) == NULL)
		snprintf(d->err, sizeof(d->err), "cannot start the fetcher");
	else if (fetch_start(f, url, NULL, NULL, preview_fetched_cb, d,
	    d->err, sizeof(d->err)) != NULL)
		while (!d->done && event_base_loop(base, EVLOOP_ONCE) == 0)
			continue;
	fetch_free(f);
	event_base_free(base);
	return d->body != NULL ? 0 : -1;
}

/* Read a local file, as a file:// source would be, up to the size cap. */
static int
preview_read(const char *path, struct preview_doc *d)
{
	char abs[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		snprintf(d->err, sizeof(d->err), "%s: %s", path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > DEFAULT_MAX_SIZE) {
		snprintf(d->err, sizeof(d->err), "%s: not a regular file of "
		    "at most %lu bytes", path, DEFAULT_MAX_SIZE);
		close(fd);
		return -1;
	}
	d->body = malloc((size_t)st.st_size + 1);
	for (d->len = 0; d->body != NULL && d->len < (size_t)st.st_size;
	    d->len += (size_t)n)
		if ((n = read(fd, d->body + d->len, (size_t)st.st_size -
		    d->len)) <= 0)
			break;
	close(fd);
	if (d->body == NULL || d->len != (size_t)st.st_size) {
		snprintf(d->err, sizeof(d->err), "%s: cannot read", path);
		return -1;
	}
	d->body[d->len] = '\0';
	if (realpath(path, abs) == NULL)
		snprintf(abs, sizeof(abs), "%s", path);
	if ((d->url = url_from_path(abs)) == NULL) {
		snprintf(d->err, sizeof(d->err), "out of memory");
		return -1;
	}
	return 0;
}

static struct json_object *
preview_str(const char *s)
{
	return s != NULL ? json_object_new_string(s) : NULL;
}

static struct json_object *
preview_date(time_t t)
{
	char buf[DATE_RFC3339_LEN];

	if (t == 0)
		return NULL;
	date_rfc3339(t, buf);
	return json_object_new_string(buf);
}

/* One item as the object documented in unifeed(8). */
static struct json_object *
preview_item_json(const struct item *it)
{
	struct json_object *o, *a, *e;
	size_t i;

	o = json_object_new_object();
	json_object_object_add(o, "id", preview_str(it->id));
	json_object_object_add(o, "link", preview_str(it->link));
	json_object_object_add(o, "title", preview_str(it->title));
	json_object_object_add(o, "author", preview_str(it->author));
	json_object_object_add(o, "published", preview_date(it->published));
	json_object_object_add(o, "updated", preview_date(it->updated));
	json_object_object_add(o, "summary", preview_str(it->summary));
	json_object_object_add(o, "content", preview_str(it->content));
	a = json_object_new_array();
	for (i = 0; i < it->ncategories; i++)
		json_object_array_add(a, preview_str(it->categories[i]));
	json_object_object_add(o, "categories", a);
	a = json_object_new_array();
	for (i = 0; i < it->nenclosures; i++) {
		e = json_object_new_object();
		json_object_object_add(e, "url",
		    preview_str(it->enclosures[i].url));
		json_object_object_add(e, "type",
		    preview_str(it->enclosures[i].type));
		json_object_object_add(e, "length",
		    it->enclosures[i].length >= 0 ? json_object_new_int64(
		    it->enclosures[i].length) : NULL);
		json_object_array_add(a, e);
	}
	json_object_object_add(o, "enclosures", a);
	json_object_object_add(o, "image", preview_str(it->image));
	return o;
}

/* The selectors the list finder chose, as feeds-file keys. */
static const char *const preview_found_keys[] = {
	"items", "title", "link", "date", "summary", "image"
};

static const char *
preview_found_sel(const struct listfind *lf, size_t i)
{
	const char *const v[] = { lf->items, lf->title, lf->link, lf->date,
	    lf->summary, lf->image };

	return v[i];
}

/* "selectors": what an HTML page without a feed was read with. */
static struct json_object *
preview_found_json(const struct listfind *lf)
{
	struct json_object *o;
	size_t i;

	o = json_object_new_object();
	for (i = 0; i < sizeof(preview_found_keys) /
	    sizeof(preview_found_keys[0]); i++)
		json_object_object_add(o, preview_found_keys[i],
		    preview_str(preview_found_sel(lf, i)));
	json_object_object_add(o, "blocks",
	    json_object_new_int64((int64_t)lf->count));
	return o;
}

/* The same for a person, in the form the feeds file takes. */
static void
preview_print_found(const struct listfind *lf)
{
	size_t i;

	if (lf->items == NULL)
		return;
	printf("found:    a list of %zu articles; as selectors for the feeds "
	    "file:\n", lf->count);
	for (i = 0; i < sizeof(preview_found_keys) /
	    sizeof(preview_found_keys[0]); i++)
		if (preview_found_sel(lf, i) != NULL)
			printf("          %-8s = %s\n", preview_found_keys[i],
			    preview_found_sel(lf, i));
}

/* The whole result, or {"error", "items": []} when l is NULL; "page"
 * names the HTML page that led to the feed, when one did, and
 * "selectors" what a page without a feed was read with. */
static void
preview_print_json(const struct item_list *l, const char *page,
    const struct listfind *found, const char *err)
{
	struct json_object *o, *a;
	const struct item *it;
	size_t i;

	o = json_object_new_object();
	if (l == NULL)
		json_object_object_add(o, "error", preview_str(err));
	else {
		if (page != NULL)
			json_object_object_add(o, "page", preview_str(page));
		if (found->items != NULL)
			json_object_object_add(o, "selectors",
			    preview_found_json(found));
		json_object_object_add(o, "format", preview_str(l->format));
		json_object_object_add(o, "title", preview_str(l->title));
		json_object_object_add(o, "link", preview_str(l->link));
		json_object_object_add(o, "encoding",
		    preview_str(l->encoding));
		a = json_object_new_array();
		for (i = 0; i < l->nwarnings; i++)
			json_object_array_add(a, preview_str(l->warnings[i]));
		json_object_object_add(o, "warnings", a);
	}
	a = json_object_new_array();
	for (it = l != NULL ? l->head : NULL; it != NULL; it = it->next)
		json_object_array_add(a, preview_item_json(it));
	json_object_object_add(o, "items", a);
	printf("%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* The result for a person: the feed, its warnings, then one block each. */
static void
preview_print_text(const struct item_list *l)
{
	char pub[DATE_RFC3339_LEN];
	const struct item *it;
	size_t i;

	printf("format:   %s\nencoding: %s\ntitle:    %s\nlink:     %s\n"
	    "items:    %zu\n", l->format, l->encoding != NULL ? l->encoding :
	    "-", l->title != NULL ? l->title : "-", l->link != NULL ?
	    l->link : "-", l->count);
	for (i = 0; i < l->nwarnings; i++)
		printf("warning:  %s\n", l->warnings[i]);
	for (it = l->head; it != NULL; it = it->next) {
		if (it->published != 0)
			date_rfc3339(it->published, pub);
		printf("\n%s\n  %s\n  %s", it->title != NULL ? it->title :
		    "(no title)", it->published != 0 ? pub : "(no date)",
		    it->link != NULL ? it->link : "(no link)");
		for (i = 0; i < it->ncategories; i++)
			printf("%s%s", i == 0 ? "\n  categories: " : ", ",
			    it->categories[i]);
		for (i = 0; i < it->nenclosures; i++)
			printf("\n  enclosure: %s", it->enclosures[i].url);
		printf("\n");
	}
}

static void
preview_doc_clear(struct preview_doc *d)
{
	free(d->body);
	free(d->url);
	free(d->type);
	memset(d, 0, sizeof(*d));
}

/* parse_feed then normalize_items, as a cycle does. */
static struct item_list *
preview_parse(const struct preview_doc *d, char *err, size_t errlen)
{
	struct parse_limits lim;
	struct item_list *l;

	lim.max_size = DEFAULT_MAX_SIZE;
	lim.max_items = DEFAULT_MAX_ITEMS;
	if ((l = parse_feed(d->body, d->len, d->url, d->type, &lim, err,
	    errlen)) != NULL && normalize_items(l, d->url, time(NULL)) == -1) {
		item_list_free(l);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return l;
}

/* What preview is asked to read, and how: a source's rules or none. */
struct preview_opts {
	int			 json;
	int			 article;
	const char		*conf_path;	/* borrows: -c */
	const char		*source;	/* borrows: -s, or NULL */
	const char		*what;		/* borrows: URL|FILE, or NULL */
	struct conf		*conf;		/* owns: loaded for -s */
	const char		*type;		/* borrows: auto, feed or html */
	struct page_rules	 rules;		/* borrows from conf */
};

/* An HTML page read as the daemon does: with the source's selectors, or
 * through the list of articles found on it (*found). */
static struct item_list *
preview_page(const struct preview_doc *d, const struct page_rules *rules,
    struct listfind *found, char *err, size_t errlen)
{
	struct item_list *l;
	time_t now = time(NULL);

	if ((l = page_items(d->body, d->len, d->url, d->type, rules, now,
	    DEFAULT_MAX_ITEMS, found, err, errlen)) != NULL &&
	    normalize_items(l, d->url, now) == -1) {
		item_list_free(l);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return l;
}

/*
 * The items of d as a source of type o->type reads them: a feed; an HTML
 * page that announces a feed (type auto), whose feed is fetched once, *page
 * then getting the page's URL and d the feed; or a page to scrape (found
 * gets the selectors the list finder chose, when it chose).
 */
static struct item_list *
preview_extract(struct preview_doc *d, const struct preview_opts *o,
    char **page, struct listfind *found, char *err, size_t errlen)
{
	struct item_list *l;
	char type[16], *feed;

	if (strcmp(o->type, "html") == 0)
		return preview_page(d, &o->rules, found, err, errlen);
	if ((l = preview_parse(d, err, errlen)) != NULL ||
	    strcmp(err, PARSE_HTML_PAGE) != 0 || strcmp(o->type, "feed") == 0)
		return l;
	if ((feed = parse_discover(d->body, d->len, d->url, d->type, type,
	    sizeof(type))) == NULL) {
		if ((l = preview_page(d, &o->rules, found, err, errlen)) ==
		    NULL)
			page_no_feed(err, errlen);
		return l;
	}
	*page = d->url;
	d->url = NULL;
	preview_doc_clear(d);
	if (preview_fetch(feed, d) == -1) {
		snprintf(err, errlen, "the page announces %.200s, which fails: "
		    "%.200s",
		    feed, d->err);
		free(feed);
		return NULL;
	}
	free(feed);
	return preview_parse(d, err, errlen);
}

static void
preview_usage(FILE *f)
{
	fprintf(f, "usage: unifeed preview [--article] [--json] URL|FILE\n"
	    "       unifeed preview [--json] [-c FILE] -s SOURCE "
	    "[URL|FILE]\n");
}

/* One article page as the object documented in unifeed(8). */
static void
preview_article_json(const struct article *a, const char *err)
{
	struct json_object *o;

	o = json_object_new_object();
	if (a == NULL)
		json_object_object_add(o, "error", preview_str(err));
	else {
		json_object_object_add(o, "title", preview_str(a->title));
		json_object_object_add(o, "author", preview_str(a->author));
		json_object_object_add(o, "published",
		    preview_date(a->published));
		json_object_object_add(o, "image", preview_str(a->image));
		json_object_object_add(o, "canonical",
		    preview_str(a->canonical));
		json_object_object_add(o, "content", preview_str(a->content));
		json_object_object_add(o, "text", preview_str(a->text));
	}
	printf("%s\n", json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* The page for a person: what was found, then the text. */
static void
preview_article_text(const struct article *a)
{
	char pub[DATE_RFC3339_LEN];

	if (a->published != 0)
		date_rfc3339(a->published, pub);
	printf("title:     %s\nauthor:    %s\npublished: %s\n"
	    "image:     %s\ncanonical: %s\n\n%s\n",
	    a->title != NULL ? a->title : "-",
	    a->author != NULL ? a->author : "-",
	    a->published != 0 ? pub : "-", a->image != NULL ? a->image : "-",
	    a->canonical != NULL ? a->canonical : "-",
	    a->text != NULL ? a->text : "");
}

/* --article: what full text would take from one article page. */
static int
preview_article(struct preview_doc *d, int json, const char *arg)
{
	struct article a;
	char err[512];
	int rc;

	rc = page_article(d->body, d->len, d->url, d->type, &a, err,
	    sizeof(err));
	if (json)
		preview_article_json(rc == 0 ? &a : NULL, err);
	else if (rc == 0)
		preview_article_text(&a);
	if (rc != 0)
		fprintf(stderr, "unifeed preview: %s: %s\n", arg, err);
	article_clear(&a);
	return rc == 0 ? 0 : PREVIEW_EXIT_NOFEED;
}

/* 1 when s names something to fetch rather than a local file. */
static int
preview_is_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 ||
	    strncmp(s, "https://", 8) == 0 || strncmp(s, "file://", 7) == 0;
}

/*
 * -s: read the source's section of the feeds file: its type, selectors,
 * date format, zone and name, and its URL when none is given. -1 with
 * the reason printed.
 */
static int
preview_source(struct preview_opts *o)
{
	const struct conf_source *cs = NULL;
	char *errors = NULL;
	size_t i;
	int f;

	if ((o->conf = conf_load(o->conf_path, &errors)) == NULL) {
		fprintf(stderr, "%s", errors);
		free(errors);
		return -1;
	}
	for (i = 0; i < conf_nsources(o->conf) && cs == NULL; i++)
		if (strcmp(conf_source_name(conf_source(o->conf, i)),
		    o->source) == 0)
			cs = conf_source(o->conf, i);
	if (cs == NULL) {
		fprintf(stderr, "unifeed preview: %s has no [source %s]\n",
		    o->conf_path, o->source);
		return -1;
	}
	o->type = conf_source_type(cs);
	for (f = 0; f < SCRAPE_NFIELDS; f++)
		o->rules.sel[f] = conf_source_selector(cs,
		    (enum scrape_field)f);
	o->rules.date_format = conf_source_date_format(cs);
	o->rules.timezone = conf_source_timezone(cs);
	o->rules.site = conf_source_title(cs);
	if (o->what == NULL)
		o->what = conf_source_url(cs);
	return 0;
}

/* The command line; 0, or an exit status (usage printed). */
static int
preview_options(int argc, char *argv[], struct preview_opts *o)
{
	static const struct option opts[] = {
		{ "article",	no_argument,		NULL, 'a' },
		{ "config",	required_argument,	NULL, 'c' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "source",	required_argument,	NULL, 's' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->conf_path = DEFAULT_CONF;
	o->type = "auto";
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:s:", opts, NULL)) != -1) {
		switch (ch) {
		case 'a': o->article = 1; break;
		case 'c': o->conf_path = optarg; break;
		case 'j': o->json = 1; break;
		case 's': o->source = optarg; break;
		case 'h': preview_usage(stdout); return -1;
		default: preview_usage(stderr); return PREVIEW_EXIT_USAGE;
		}
	}
	if (optind == argc - 1)
		o->what = argv[optind];
	if (optind < argc - 1 || (o->what == NULL && o->source == NULL) ||
	    (o->source != NULL && o->article)) {
		preview_usage(stderr);
		return PREVIEW_EXIT_USAGE;
	}
	if (o->source != NULL && preview_source(o) == -1)
		return PREVIEW_EXIT_USAGE;
	return 0;
}

/* What a feed or page gives, printed; the exit status. */
static int
preview_items(struct preview_doc *d, const struct preview_opts *o)
{
	struct listfind found;
	struct item_list *l;
	char err[512], *page = NULL;
	int rc;

	memset(&found, 0, sizeof(found));
	l = preview_extract(d, o, &page, &found, err, sizeof(err));
	if (o->json)
		preview_print_json(l, page, &found, err);
	else if (l != NULL) {
		if (page != NULL)
			printf("page:     %s announces the feed at %s\n", page,
			    d->url);
		preview_print_found(&found);
		preview_print_text(l);
	}
	if (l == NULL)
		fprintf(stderr, "unifeed preview: %s: %s\n", o->what, err);
	rc = l != NULL ? 0 : PREVIEW_EXIT_NOFEED;
	item_list_free(l);
	listfind_clear(&found);
	free(page);
	return rc;
}

int
preview_main(int argc, char *argv[])
{
	struct preview_opts o;
	struct preview_doc d;
	int rc;

	if ((rc = preview_options(argc, argv, &o)) != 0) {
		conf_free(o.conf);
		return rc == -1 ? 0 : rc;
	}
	memset(&d, 0, sizeof(d));
	if ((preview_is_url(o.what) ? preview_fetch(o.what, &d) :
	    preview_read(o.what, &d)) == -1) {
		if (o.json && o.article)
			preview_article_json(NULL, d.err);
		else if (o.json)
			preview_print_json(NULL, NULL, NULL, d.err);
		fprintf(stderr, "unifeed preview: %s: %s\n", o.what, d.err);
		rc = PREVIEW_EXIT_NOFEED;
	} else if (o.article)
		rc = preview_article(&d, o.json, o.what);
	else
		rc = preview_items(&d, &o);
	preview_doc_clear(&d);
	conf_free(o.conf);
	return rc;
}
