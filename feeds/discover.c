/*
 * Feed auto-discovery: the <link rel="alternate"> feeds an HTML page
 * announces (RSS, Atom, RDF, JSON Feed), resolved against the page's URL
 * or its <base href>, deduplicated, comment feeds last. The page goes
 * through libxml2's forgiving HTML parser (no network, no errors printed)
 * after being cut to its first DISCOVER_MAX_INPUT bytes, and the tree is
 * walked without recursion.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/discover.h"
#include "feeds/html.h"
#include "feeds/url.h"

#define DISCOVER_MAX_INPUT	(1024 * 1024)	/* page bytes read */
#define DISCOVER_MAX_TITLE	512		/* title bytes kept */

struct discover_type {
	const char	*mime;
	const char	*type;
	int		 any_json;	/* any JSON, not only JSON Feed */
};

/*
 * Media types of the feeds a <link> may announce, parameters stripped.
 * Keep sorted (strcasecmp).
 */
static const struct discover_type discover_types[] = {
	{ "application/atom+xml",	"atom",	0 },
	{ "application/feed+json",	"json",	0 },
	{ "application/json",		"json",	1 },
	{ "application/rdf+xml",	"rdf",	0 },
	{ "application/rss+xml",	"rss",	0 },
};

/* The feeds found so far: announced ones and comment ones apart. */
struct discover_list {
	struct discover_feed	 feed[DISCOVER_MAX];
	/* owns: each feed's canonical URL, to find duplicates */
	char			*key[DISCOVER_MAX];
	size_t			 n;
};

/* bsearch comparator over discover_types. */
static int
discover_type_cmp_cb(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct discover_type *)elem)->mime);
}

/* 1 for the white space that separates tokens and pads values in HTML. */
static int
discover_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The feed type of media type mime, or NULL. */
static const struct discover_type *
discover_type(const char *mime)
{
	char buf[32];
	size_t n;

	while (discover_is_space(*mime))
		mime++;
	for (n = 0; mime[n] != '\0' && mime[n] != ';'; n++)
		;
	while (n > 0 && discover_is_space(mime[n - 1]))
		n--;
	if (n == 0 || n >= sizeof(buf))
		return NULL;
	memcpy(buf, mime, n);
	buf[n] = '\0';
	return bsearch(buf, discover_types,
	    sizeof(discover_types) / sizeof(discover_types[0]),
	    sizeof(discover_types[0]), discover_type_cmp_cb);
}

/* 1 when the rel tokens name an alternate version of the page or a feed. */
static int
discover_rel_ok(const char *rel)
{
	const char *p = rel, *end;
	size_t n;

	for (;;) {
		while (discover_is_space(*p))
			p++;
		if (*p == '\0')
			return 0;
		for (end = p; *end != '\0' && !discover_is_space(*end); end++)
			;
		n = (size_t)(end - p);
		if ((n == 9 && strncasecmp(p, "alternate", 9) == 0) ||
		    (n == 4 && strncasecmp(p, "feed", 4) == 0))
			return 1;
		p = end;
	}
}

/* 1 when s holds "comments" in any case: a comment feed, kept last. */
static int
discover_is_comments(const char *s)
{
	if (s == NULL)
		return 0;
	for (; *s != '\0'; s++)
		if (strncasecmp(s, "comments", 8) == 0)
			return 1;
	return 0;
}

/* The next element after n in document order, depth first, no recursion. */
static xmlNode *
discover_next(xmlNode *n)
{
	if (n->children != NULL)
		return n->children;
	while (n != NULL && n->next == NULL)
		n = n->parent;
	return n != NULL ? n->next : NULL;
}

/* 1 when n is the element named name (libxml2 gives lower-case names). */
static int
discover_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

/*
 * The base URL of the document: the first <base href> resolved against
 * url when it gives an http(s) URL, else url. malloc'd; NULL when there is
 * none or on ENOMEM (*nomem set).
 */
static char *
discover_base(xmlDoc *doc, const char *url, int *nomem)
{
	xmlNode *n;
	xmlChar *href;
	char *base = NULL;

	for (n = xmlDocGetRootElement(doc); n != NULL; n = discover_next(n)) {
		if (!discover_is(n, "base") ||
		    (href = xmlGetProp(n, BAD_CAST "href")) == NULL)
			continue;
		base = url_resolve(url, (const char *)href);
		xmlFree(href);
		if (base != NULL && !url_scheme_is(base, "http,https")) {
			free(base);
			base = NULL;
		}
		break;
	}
	if (base == NULL && url != NULL && (base = strdup(url)) == NULL)
		*nomem = 1;
	return base;
}

/* The link's title: controls and runs of space made one space, trimmed,
 * cut to DISCOVER_MAX_TITLE bytes on a character boundary; NULL if empty. */
static char *
discover_title(xmlNode *n, int *nomem)
{
	xmlChar *v;
	char *t, *p;
	size_t len;

	if ((v = xmlGetProp(n, BAD_CAST "title")) == NULL)
		return NULL;
	t = strdup((const char *)v);
	xmlFree(v);
	if (t == NULL) {
		*nomem = 1;
		return NULL;
	}
	for (p = t; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = ' ';
	html_squeeze(t);
	if ((len = strlen(t)) > DISCOVER_MAX_TITLE) {
		len = DISCOVER_MAX_TITLE;
		while (len > 0 && ((unsigned char)t[len] & 0xc0) == 0x80)
			len--;
		t[len] = '\0';
		while (len > 0 && t[len - 1] == ' ')
			t[--len] = '\0';
	}
	if (*t == '\0') {
		free(t);
		t = NULL;
	}
	return t;
}

/*
 * Fill f from <link> n when it announces a feed at an http(s) URL.
 * Returns 1 when it does, 0 when not, -1 on ENOMEM.
 */
static int
discover_link(xmlNode *n, const char *base, struct discover_feed *f)
{
	xmlChar *rel = NULL, *mime = NULL, *href = NULL;
	const struct discover_type *type;
	int nomem = 0, found = 0;

	memset(f, 0, sizeof(*f));
	if ((rel = xmlGetProp(n, BAD_CAST "rel")) == NULL ||
	    !discover_rel_ok((const char *)rel) ||
	    (mime = xmlGetProp(n, BAD_CAST "type")) == NULL ||
	    (type = discover_type((const char *)mime)) == NULL ||
	    (href = xmlGetProp(n, BAD_CAST "href")) == NULL)
		goto done;
	/* an empty href is the page itself, which is HTML */
	if (href[strspn((const char *)href, " \t\n\r\f")] == '\0')
		goto done;
	if ((f->url = url_resolve(base, (const char *)href)) == NULL ||
	    !url_scheme_is(f->url, "http,https"))
		goto done;
	/* WordPress announces each post's REST API JSON as an alternate */
	if (type->any_json && strstr(f->url, "/wp-json/") != NULL)
		goto done;
	if ((f->type = strdup(type->type)) == NULL)
		nomem = 1;
	else
		f->title = discover_title(n, &nomem);
	found = !nomem;
done:
	xmlFree(rel);
	xmlFree(mime);
	xmlFree(href);
	if (!found)
		discover_feed_clear(f);
	return nomem ? -1 : found;
}

/* 1 when key is in list l already. */
static int
discover_seen(const struct discover_list *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->key[i], key) == 0)
			return 1;
	return 0;
}

/*
 * Keep f (taking it over) in the list its kind goes to unless its URL was
 * seen or that list is full, when f is cleared. Returns -1 on ENOMEM.
 */
static int
discover_keep(struct discover_list *feeds, struct discover_list *comments,
    struct discover_feed *f)
{
	struct discover_list *l;
	char *key;

	/* the canonical form, so that "#top" or utm_source is no new feed */
	if ((key = url_canonical(f->url)) == NULL &&
	    (key = strdup(f->url)) == NULL) {
		discover_feed_clear(f);
		return -1;
	}
	l = discover_is_comments(f->title) || discover_is_comments(f->url) ?
	    comments : feeds;
	if (discover_seen(feeds, key) || discover_seen(comments, key) ||
	    l->n == DISCOVER_MAX) {
		free(key);
		discover_feed_clear(f);
		return 0;
	}
	l->feed[l->n] = *f;
	l->key[l->n++] = key;
	return 0;
}

/* Collect the feeds of doc into feeds and comments; -1 on ENOMEM. */
static int
discover_walk(xmlDoc *doc, const char *url, struct discover_list *feeds,
    struct discover_list *comments)
{
	struct discover_feed f;
	xmlNode *n;
	char *base;
	int nomem = 0, r = 0;

	base = discover_base(doc, url, &nomem);
	if (nomem)
		return -1;
	for (n = xmlDocGetRootElement(doc); n != NULL && r == 0;
	    n = discover_next(n)) {
		if (!discover_is(n, "link"))
			continue;
		if ((r = discover_link(n, base, &f)) == 1)
			r = discover_keep(feeds, comments, &f);
	}
	free(base);
	return r;
}

/*
 * How much of html[0..len) to parse: at most DISCOVER_MAX_INPUT bytes, cut
 * on a character boundary, and nothing from the first tag with more
 * attributes than libxml2 checks quickly (its duplicate check is
 * quadratic) or from a NUL byte, which the parser takes for the end.
 */
static size_t
discover_input_len(const char *html, size_t len)
{
	const char *nul;
	size_t at, i;

	if (len > DISCOVER_MAX_INPUT) {
		len = DISCOVER_MAX_INPUT;
		for (i = 0; i < 3 && len > 0 &&
		    ((unsigned char)html[len] & 0xc0) == 0x80; i++)
			len--;
	}
	if ((nul = memchr(html, '\0', len)) != NULL)
		len = (size_t)(nul - html);
	if (html_tag_attrs_max(html, len, HTML_MAX_ATTRS + 1, &at) >
	    HTML_MAX_ATTRS)
		len = at;
	return len;
}

/* Free what both lists hold. */
static void
discover_list_free(struct discover_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		discover_feed_clear(&l->feed[i]);
		free(l->key[i]);
	}
	l->n = 0;
}

int
discover_feeds(const char *html, size_t len, const char *url,
    struct discover_feed out[DISCOVER_MAX])
{
	struct discover_list feeds = { .n = 0 }, comments = { .n = 0 };
	htmlDocPtr doc;
	size_t i;
	int n = 0;

	if (html == NULL || (len = discover_input_len(html, len)) == 0)
		return 0;
	doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER);
	if (doc == NULL)
		return 0;
	if (discover_walk(doc, url, &feeds, &comments) == -1) {
		xmlFreeDoc(doc);
		discover_list_free(&feeds);
		discover_list_free(&comments);
		return -1;
	}
	xmlFreeDoc(doc);
	for (i = 0; i < feeds.n; i++) {
		out[n++] = feeds.feed[i];
		free(feeds.key[i]);
	}
	for (i = 0; i < comments.n; i++) {
		if (n < DISCOVER_MAX)
			out[n++] = comments.feed[i];
		else
			discover_feed_clear(&comments.feed[i]);
		free(comments.key[i]);
	}
	return n;
}

void
discover_feed_clear(struct discover_feed *f)
{
	if (f == NULL)
		return;
	free(f->url);
	free(f->type);
	free(f->title);
	f->url = f->type = f->title = NULL;
}
