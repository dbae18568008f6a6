/*
 * Article metadata: what a news page says of itself (JSON-LD, Open Graph
 * and other <meta>, <title>, <h1>, bylines, <time>, <base href> and
 * rel=canonical), read from the whole page before extraction removes
 * anything, each field taken from the first source that has it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>
#include <libxml/tree.h>

#include "feeds/articlemeta.h"
#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/htmldoc.h"
#include "feeds/url.h"

#define ARTICLEMETA_MAX_JSONLD	(1024 * 1024)	/* bytes of one JSON-LD */

/* Metadata fields, in the order each is looked for. */
enum articlemeta_field {
	AM_LD_TITLE, AM_OG_TITLE, AM_H1, AM_TITLE,
	AM_LD_AUTHOR, AM_META_AUTHOR, AM_REL_AUTHOR, AM_BYLINE,
	AM_LD_DATE, AM_META_DATE, AM_TIME,
	AM_OG_IMAGE, AM_TW_IMAGE, AM_LD_IMAGE,
	AM_CANONICAL, AM_BASE, AM_LD_BODY,
	AM_COUNT
};

/* What the page said, one candidate value per field. */
struct articlemeta {
	char	*field[AM_COUNT];	/* owns each, or NULL */
};

/* One <meta> key and the field it feeds. */
struct articlemeta_metakey {
	const char	*key;
	enum articlemeta_field field;
};

/* <meta property|name> keys read (keep sorted, lower case). */
static const struct articlemeta_metakey articlemeta_metakeys[] = {
	{ "article:published_time",	AM_META_DATE },
	{ "author",			AM_META_AUTHOR },
	{ "date",			AM_META_DATE },
	{ "dc.creator",			AM_META_AUTHOR },
	{ "dc.date",			AM_META_DATE },
	{ "dc.date.issued",		AM_META_DATE },
	{ "dc.title",			AM_OG_TITLE },
	{ "dcterms.created",		AM_META_DATE },
	{ "og:image",			AM_OG_IMAGE },
	{ "og:image:url",		AM_OG_IMAGE },
	{ "og:published_time",		AM_META_DATE },
	{ "og:title",			AM_OG_TITLE },
	{ "parsely-author",		AM_META_AUTHOR },
	{ "parsely-pub-date",		AM_META_DATE },
	{ "pubdate",			AM_META_DATE },
	{ "publish-date",		AM_META_DATE },
	{ "sailthru.author",		AM_META_AUTHOR },
	{ "twitter:image",		AM_TW_IMAGE },
	{ "twitter:image:src",		AM_TW_IMAGE },
	{ "twitter:title",		AM_OG_TITLE }
};

/* bsearch over articlemeta_metakeys. */
static int
articlemeta_metakey_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct articlemeta_metakey *)elem)->key);
}

/* Plain text of n, white space folded; malloc'd or NULL. */
static char *
articlemeta_node_text(xmlNode *n)
{
	xmlChar *c;
	char *s;

	if ((c = xmlNodeGetContent(n)) == NULL)
		return NULL;
	s = strdup((const char *)c);
	xmlFree(c);
	if (s != NULL)
		html_squeeze(s);
	return s;
}

/* Set field f to a copy of s, squeezed, unless already set or empty;
 * entities are decoded where s reads as HTML (JSON-LD often has them). */
static void
articlemeta_set(struct articlemeta *m, enum articlemeta_field f,
    const char *s)
{
	char *v;

	if (m->field[f] != NULL || s == NULL)
		return;
	if ((f == AM_LD_TITLE || f == AM_LD_AUTHOR || f == AM_OG_TITLE) &&
	    html_looks_like(s))
		v = html_to_text(s, strlen(s));
	else
		v = strdup(s);
	if (v == NULL)
		return;
	html_squeeze(v);
	if (*v == '\0')
		free(v);
	else
		m->field[f] = v;
}

/* Set field f to the text of n. */
static void
articlemeta_set_text(struct articlemeta *m, enum articlemeta_field f,
    xmlNode *n)
{
	char *s;

	if (m->field[f] != NULL || (s = articlemeta_node_text(n)) == NULL)
		return;
	if (*s != '\0' && (f != AM_BYLINE || strlen(s) < 100))
		m->field[f] = s;
	else
		free(s);
}

/* A JSON value that is a string, or an object's "name"/"url"/"@id". */
static const char *
articlemeta_ld_str(json_object *v, const char *key)
{
	json_object *o;

	if (v == NULL)
		return NULL;
	if (json_object_is_type(v, json_type_array))
		return json_object_array_length(v) > 0 ? articlemeta_ld_str(
		    json_object_array_get_idx(v, 0), key) : NULL;
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (json_object_is_type(v, json_type_object) &&
	    json_object_object_get_ex(v, key, &o) &&
	    json_object_is_type(o, json_type_string))
		return json_object_get_string(o);
	return NULL;
}

/* 1 when the JSON-LD object's @type names an article. */
static int
articlemeta_ld_is_article(json_object *o)
{
	static const char *const types[] = { "Article", "BlogPosting",
	    "NewsArticle", "Report", "ReportageNewsArticle", "WebPage", NULL };
	json_object *t;
	const char *s;
	size_t i, k;

	if (!json_object_object_get_ex(o, "@type", &t))
		return 0;
	for (k = 0; k < 8; k++) {
		s = json_object_is_type(t, json_type_array) ?
		    (k < json_object_array_length(t) ? articlemeta_ld_str(
		    json_object_array_get_idx(t, k), "") : NULL) :
		    (k == 0 ? articlemeta_ld_str(t, "") : NULL);
		if (s == NULL)
			return 0;
		for (i = 0; types[i] != NULL; i++)
			if (strstr(s, types[i]) != NULL &&
			    strcmp(s, "WebPage") != 0)
				return 1;
	}
	return 0;
}

/* Authors of a JSON-LD author value, joined with ", ". */
static void
articlemeta_ld_author(struct articlemeta *m, json_object *v)
{
	char buf[512] = "";
	const char *s;
	size_t i, n;

	if (json_object_is_type(v, json_type_array)) {
		n = json_object_array_length(v);
		for (i = 0; i < n && i < 8; i++) {
			s = articlemeta_ld_str(json_object_array_get_idx(v, i),
			    "name");
			if (s == NULL || *s == '\0' || strstr(buf, s) != NULL)
				continue;
			if (buf[0] != '\0')
				strncat(buf, ", ", sizeof(buf) - strlen(buf) -
				    1);
			strncat(buf, s, sizeof(buf) - strlen(buf) - 1);
		}
		articlemeta_set(m, AM_LD_AUTHOR, buf);
	} else
		articlemeta_set(m, AM_LD_AUTHOR, articlemeta_ld_str(v,
		    "name"));
}

/* Read an article object of JSON-LD, or look into @graph and arrays. */
static void
articlemeta_ld_walk(struct articlemeta *m, json_object *o, int depth)
{
	json_object *v;
	size_t i;

	if (depth > 4 || o == NULL)
		return;
	if (json_object_is_type(o, json_type_array)) {
		for (i = 0; i < json_object_array_length(o) && i < 64; i++)
			articlemeta_ld_walk(m, json_object_array_get_idx(o, i),
			    depth + 1);
		return;
	}
	if (!json_object_is_type(o, json_type_object))
		return;
	if (json_object_object_get_ex(o, "@graph", &v))
		articlemeta_ld_walk(m, v, depth + 1);
	if (!articlemeta_ld_is_article(o))
		return;
	if (json_object_object_get_ex(o, "headline", &v) ||
	    json_object_object_get_ex(o, "name", &v))
		articlemeta_set(m, AM_LD_TITLE, articlemeta_ld_str(v, ""));
	if (json_object_object_get_ex(o, "author", &v))
		articlemeta_ld_author(m, v);
	if (json_object_object_get_ex(o, "datePublished", &v))
		articlemeta_set(m, AM_LD_DATE, articlemeta_ld_str(v, ""));
	if (json_object_object_get_ex(o, "image", &v))
		articlemeta_set(m, AM_LD_IMAGE, articlemeta_ld_str(v, "url"));
	if (json_object_object_get_ex(o, "articleBody", &v) &&
	    m->field[AM_LD_BODY] == NULL && articlemeta_ld_str(v, "") != NULL)
		m->field[AM_LD_BODY] = strdup(articlemeta_ld_str(v, ""));
}

/* Parse one <script type="application/ld+json">. */
static void
articlemeta_ld(struct articlemeta *m, xmlNode *n)
{
	json_tokener *tok;
	json_object *o;
	xmlChar *s;
	size_t len;

	if ((s = xmlNodeGetContent(n)) == NULL)
		return;
	len = strlen((const char *)s);
	if (len < ARTICLEMETA_MAX_JSONLD &&
	    (tok = json_tokener_new()) != NULL) {
		o = json_tokener_parse_ex(tok, (const char *)s, (int)len);
		articlemeta_ld_walk(m, o, 0);
		json_object_put(o);
		json_tokener_free(tok);
	}
	xmlFree(s);
}

/* A <meta> or <link> element of the head (or anywhere). */
static void
articlemeta_elem(struct articlemeta *m, xmlNode *n)
{
	const struct articlemeta_metakey *k;
	const char *key, *v;
	char buf[64];
	size_t i;

	if (strcmp((const char *)n->name, "link") == 0) {
		v = htmldoc_attr(n, "rel");
		if (v != NULL && strcasecmp(v, "canonical") == 0)
			articlemeta_set(m, AM_CANONICAL,
			    htmldoc_attr(n, "href"));
		return;
	}
	if ((key = htmldoc_attr(n, "property")) == NULL &&
	    (key = htmldoc_attr(n, "name")) == NULL &&
	    (key = htmldoc_attr(n, "itemprop")) == NULL)
		return;
	for (i = 0; key[i] != '\0' && i < sizeof(buf) - 1; i++)
		buf[i] = tolower((unsigned char)key[i]);
	buf[i] = '\0';
	k = bsearch(buf, articlemeta_metakeys, sizeof(articlemeta_metakeys) /
	    sizeof(*articlemeta_metakeys), sizeof(*articlemeta_metakeys),
	    articlemeta_metakey_cmp_cb);
	if (k == NULL || (v = htmldoc_attr(n, "content")) == NULL)
		return;
	/* article:author and the like are often profile URLs */
	if (k->field == AM_META_AUTHOR && strncmp(v, "http", 4) == 0)
		return;
	articlemeta_set(m, k->field, v);
}

/* One element seen by the metadata walk. */
static void
articlemeta_one(struct articlemeta *m, xmlNode *n)
{
	const char *name = (const char *)n->name, *v;
	char buf[256];

	if (strcmp(name, "meta") == 0 || strcmp(name, "link") == 0)
		articlemeta_elem(m, n);
	else if (strcmp(name, "base") == 0)
		articlemeta_set(m, AM_BASE, htmldoc_attr(n, "href"));
	else if (strcmp(name, "title") == 0)
		articlemeta_set_text(m, AM_TITLE, n);
	else if (strcmp(name, "h1") == 0)
		articlemeta_set_text(m, AM_H1, n);
	else if (strcmp(name, "time") == 0)
		articlemeta_set(m, AM_TIME, htmldoc_attr(n, "datetime"));
	else if (strcmp(name, "script") == 0) {
		v = htmldoc_attr(n, "type");
		if (v != NULL && strcasecmp(v, "application/ld+json") == 0)
			articlemeta_ld(m, n);
		return;
	}
	if ((v = htmldoc_attr(n, "rel")) != NULL &&
	    strcmp(v, "author") == 0)
		articlemeta_set_text(m, AM_REL_AUTHOR, n);
	else if ((v = htmldoc_attr(n, "itemprop")) != NULL &&
	    strstr(v, "author") != NULL)
		articlemeta_set_text(m, AM_BYLINE, n);
	else if (strstr(htmldoc_classid(n, buf, sizeof(buf)), "byline") !=
	    NULL)
		articlemeta_set_text(m, AM_BYLINE, n);
}

/* Walk the whole page for metadata, before anything is removed. */
static void
articlemeta_walk(struct articlemeta *m, xmlNode *root)
{
	xmlNode *n;

	for (n = root; n != NULL; n = htmldoc_next(n, root, 1))
		if (n->type == XML_ELEMENT_NODE)
			articlemeta_one(m, n);
}

/* A <title> without its " - Site" or "Site | " part. */
static void
articlemeta_title_clean(char *t)
{
	static const char *const seps[] = { " | ", " - ", " \xe2\x80\x93 ",
	    " \xe2\x80\x94 ", " :: ", " \xc2\xbb ", " / ", " \\ " };
	const char *hit = NULL, *p;
	size_t i, words = 1;

	for (i = 0; i < sizeof(seps) / sizeof(*seps); i++)
		for (p = t; (p = strstr(p, seps[i])) != NULL; p++)
			if (hit == NULL || p > hit)
				hit = p;
	if (hit == NULL)
		return;
	for (p = t; p < hit; p++)
		words += *p == ' ';
	if (words >= 3)
		t[hit - t] = '\0';
}

/* Move the first set field of list into *out. */
static void
articlemeta_pick(struct articlemeta *m, char **out,
    const enum articlemeta_field *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m->field[f[i]] != NULL) {
			*out = m->field[f[i]];
			m->field[f[i]] = NULL;
			return;
		}
}

void
articlemeta_fill(struct articlemeta *m, const char *base, struct article *a)
{
	static const enum articlemeta_field title[] = { AM_LD_TITLE,
	    AM_OG_TITLE, AM_TITLE, AM_H1 };
	static const enum articlemeta_field author[] = { AM_LD_AUTHOR,
	    AM_META_AUTHOR, AM_REL_AUTHOR, AM_BYLINE };
	static const enum articlemeta_field date[] = { AM_LD_DATE,
	    AM_META_DATE, AM_TIME };
	static const enum articlemeta_field image[] = { AM_OG_IMAGE,
	    AM_TW_IMAGE, AM_LD_IMAGE };
	char *s = NULL;
	size_t i;

	if (m->field[AM_TITLE] != NULL)
		articlemeta_title_clean(m->field[AM_TITLE]);
	articlemeta_pick(m, &a->title, title, 4);
	articlemeta_pick(m, &a->author, author, 4);
	for (i = 0; i < 3 && a->published == 0; i++)
		if (m->field[date[i]] != NULL &&
		    date_parse(m->field[date[i]], &a->published) != 0)
			a->published = 0;
	articlemeta_pick(m, &s, image, 3);
	if (s != NULL)
		a->image = url_resolve(base, s);
	free(s);
	if (m->field[AM_CANONICAL] != NULL)
		a->canonical = url_resolve(base, m->field[AM_CANONICAL]);
}

struct articlemeta *
articlemeta_read(xmlNode *root)
{
	struct articlemeta *m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	articlemeta_walk(m, root);
	return m;
}

const char *
articlemeta_base(const struct articlemeta *m)
{
	return m->field[AM_BASE];
}

const char *
articlemeta_body(const struct articlemeta *m)
{
	return m->field[AM_LD_BODY];
}

void
articlemeta_free(struct articlemeta *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < AM_COUNT; i++)
		free(m->field[i]);
	free(m);
}
