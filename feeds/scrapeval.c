/*
 * Reading values from the nodes of a scraped page, for scrape.c: the text
 * walk (which elements set their text apart, which hold none for the
 * reader), attributes and string results squeezed and bounded, a
 * summary's inner HTML under a cap, the links and images an item may
 * point to resolved against the page's base, and the dates read through
 * the source's format and zone or as relative dates. Every walk is
 * charged to the run's budget so that a hostile page stays cheap.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "feeds/date.h"
#include "feeds/daterel.h"
#include "feeds/html.h"
#include "feeds/scrapeval.h"
#include "feeds/strbuf.h"
#include "feeds/url.h"

#define SCRAPEVAL_MAX_TEXT	4096	/* bytes of a title, author, ... */
#define SCRAPEVAL_MAX_DATE_TEXT	64	/* a text node read as a date */

/* How the text walk treats an element. */
enum scrapeval_el_kind {
	SCRAPEVAL_EL_BLOCK,	/* its text is set apart by spaces */
	SCRAPEVAL_EL_SKIP	/* no text of its own for the reader */
};

struct scrapeval_el {
	const char		*name;
	enum scrapeval_el_kind	 kind;
};

/* Elements the text walk knows. Keep sorted (strcmp order). */
static const struct scrapeval_el scrapeval_els[] = {
	{ "address", SCRAPEVAL_EL_BLOCK }, { "article", SCRAPEVAL_EL_BLOCK },
	{ "aside", SCRAPEVAL_EL_BLOCK }, { "blockquote", SCRAPEVAL_EL_BLOCK },
	{ "br", SCRAPEVAL_EL_BLOCK }, { "dd", SCRAPEVAL_EL_BLOCK },
	{ "div", SCRAPEVAL_EL_BLOCK }, { "dl", SCRAPEVAL_EL_BLOCK },
	{ "dt", SCRAPEVAL_EL_BLOCK }, { "figcaption", SCRAPEVAL_EL_BLOCK },
	{ "figure", SCRAPEVAL_EL_BLOCK }, { "footer", SCRAPEVAL_EL_BLOCK },
	{ "h1", SCRAPEVAL_EL_BLOCK }, { "h2", SCRAPEVAL_EL_BLOCK },
	{ "h3", SCRAPEVAL_EL_BLOCK }, { "h4", SCRAPEVAL_EL_BLOCK },
	{ "h5", SCRAPEVAL_EL_BLOCK }, { "h6", SCRAPEVAL_EL_BLOCK },
	{ "header", SCRAPEVAL_EL_BLOCK }, { "hr", SCRAPEVAL_EL_BLOCK },
	{ "li", SCRAPEVAL_EL_BLOCK }, { "main", SCRAPEVAL_EL_BLOCK },
	{ "nav", SCRAPEVAL_EL_BLOCK }, { "noscript", SCRAPEVAL_EL_SKIP },
	{ "ol", SCRAPEVAL_EL_BLOCK }, { "p", SCRAPEVAL_EL_BLOCK },
	{ "pre", SCRAPEVAL_EL_BLOCK }, { "script", SCRAPEVAL_EL_SKIP },
	{ "section", SCRAPEVAL_EL_BLOCK }, { "style", SCRAPEVAL_EL_SKIP },
	{ "table", SCRAPEVAL_EL_BLOCK }, { "td", SCRAPEVAL_EL_BLOCK },
	{ "template", SCRAPEVAL_EL_SKIP }, { "th", SCRAPEVAL_EL_BLOCK },
	{ "tr", SCRAPEVAL_EL_BLOCK }, { "ul", SCRAPEVAL_EL_BLOCK },
};

/* What a summary's serialization is written into, with its cap. */
struct scrapeval_out {
	struct strbuf	 b;
	size_t		 max;
};

/* bsearch comparator for scrapeval_els */
static int
scrapeval_el_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct scrapeval_el *)elem)->name);
}

/* Whether n is an element of kind k in scrapeval_els. */
static int
scrapeval_el_is(xmlNodePtr n, enum scrapeval_el_kind k)
{
	const struct scrapeval_el *e;

	if (n == NULL || n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	e = bsearch(n->name, scrapeval_els, sizeof(scrapeval_els) /
	    sizeof(scrapeval_els[0]), sizeof(scrapeval_els[0]),
	    scrapeval_el_cmp_cb);
	return e != NULL && e->kind == k;
}

int
scrapeval_el_named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

/*
 * The node after cur in document order within root (cur's children
 * passed over when down is 0), charged to the budget; NULL at the end or
 * when the budget is spent.
 */
static xmlNodePtr
scrapeval_next(struct scrapeval *v, xmlNodePtr root, xmlNodePtr cur,
    int down)
{
	if (v->budget == 0) {
		v->over = 1;
		return NULL;
	}
	v->budget--;
	if (down && cur->children != NULL && (cur->type == XML_ELEMENT_NODE ||
	    cur->type == XML_DOCUMENT_NODE ||
	    cur->type == XML_HTML_DOCUMENT_NODE))
		return cur->children;
	while (cur != root && cur->next == NULL)
		cur = cur->parent;
	return cur == root ? NULL : cur->next;
}

xmlNodePtr
scrapeval_find(struct scrapeval *v, xmlNodePtr root, const char *name,
    const char *attr)
{
	xmlNodePtr cur;

	for (cur = root; cur != NULL; cur = scrapeval_next(v, root, cur, 1))
		if (scrapeval_el_named(cur, name) && (attr == NULL ||
		    xmlHasProp(cur, (const xmlChar *)attr) != NULL))
			return cur;
	return NULL;
}

/* Cut the string s to at most max bytes, at a character boundary. */
static void
scrapeval_cut(char *s, size_t max)
{
	size_t n;

	if (strlen(s) <= max)
		return;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	s[n] = '\0';
}

/* Append the text of node n (a text, CDATA or attribute node) to b, no
 * further than max bytes (plus one character's). */
static void
scrapeval_text_add(struct strbuf *b, xmlNodePtr n, size_t max)
{
	xmlChar *x;
	const char *s;
	size_t len;

	if (n->type == XML_ATTRIBUTE_NODE) {
		if ((x = xmlNodeGetContent(n)) == NULL)
			return;
		s = (const char *)x;
	} else {
		x = NULL;
		s = (const char *)n->content;
	}
	if (s != NULL && b->len < max + 4) {
		len = strnlen(s, max + 4 - b->len);
		strbuf_add(b, s, len);
	}
	xmlFree(x);
}

/*
 * The character data of n's subtree (script, style and the like left
 * out, blocks set apart), or an attribute's value, white space squeezed,
 * at most SCRAPEVAL_MAX_TEXT bytes.
 */
char *
scrapeval_text(struct scrapeval *v, xmlNodePtr n)
{
	const size_t max = SCRAPEVAL_MAX_TEXT;
	struct strbuf b = STRBUF_INIT;
	xmlNodePtr cur;
	char *s;
	int down;

	for (cur = n; cur != NULL && b.len < max + 4;
	    cur = scrapeval_next(v, n, cur, down)) {
		down = 1;
		if (cur != n && scrapeval_el_is(cur->prev, SCRAPEVAL_EL_BLOCK))
			strbuf_add(&b, " ", 1);
		if (cur->type == XML_TEXT_NODE ||
		    cur->type == XML_CDATA_SECTION_NODE ||
		    cur->type == XML_ATTRIBUTE_NODE)
			scrapeval_text_add(&b, cur, max);
		else if (scrapeval_el_is(cur, SCRAPEVAL_EL_SKIP))
			down = 0;
		else if (scrapeval_el_is(cur, SCRAPEVAL_EL_BLOCK))
			strbuf_add(&b, " ", 1);
		if (cur->type == XML_ATTRIBUTE_NODE)
			break;
	}
	if ((s = strbuf_take(&b)) == NULL) {
		v->nomem = 1;
		return NULL;
	}
	html_squeeze(s);
	scrapeval_cut(s, max);
	return s;
}

char *
scrapeval_node_value(struct scrapeval *v, xmlNodePtr n, const char *attr)
{
	xmlAttrPtr a;
	char *s;

	if (attr != NULL) {
		if (n->type != XML_ELEMENT_NODE || (a = xmlHasProp(n,
		    (const xmlChar *)attr)) == NULL)
			return NULL;
		n = (xmlNodePtr)a;
	}
	if ((s = scrapeval_text(v, n)) != NULL && *s == '\0') {
		free(s);
		s = NULL;
	}
	return s;
}

/* Raw XPath such as "normalize-space(h2)" gives strings, not nodes. */
char *
scrapeval_string_value(struct scrapeval *v, xmlXPathObjectPtr o)
{
	xmlChar *x;
	char *s;

	if ((x = xmlXPathCastToString(o)) == NULL) {
		v->nomem = 1;
		return NULL;
	}
	s = strdup((const char *)x);
	xmlFree(x);
	if (s == NULL) {
		v->nomem = 1;
		return NULL;
	}
	html_squeeze(s);
	scrapeval_cut(s, SCRAPEVAL_MAX_TEXT);
	if (*s == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/* The schemes an item may link to: file only from a file page. */
static const char *
scrapeval_schemes(const struct scrapeval *v)
{
	return v->file ? "http,https,file" : "http,https";
}

/* A fragment or empty reference is no link of an item's own. */
char *
scrapeval_url(struct scrapeval *v, const char *ref)
{
	char *u;

	while (*ref == ' ')
		ref++;
	if (*ref == '\0' || *ref == '#')
		return NULL;
	if ((u = url_resolve(v->base, ref)) == NULL)
		return NULL;
	if (!url_scheme_is(u, scrapeval_schemes(v))) {
		free(u);
		return NULL;
	}
	return u;
}

char *
scrapeval_attr_url(struct scrapeval *v, xmlNodePtr n, const char *attr)
{
	char *s, *u;

	if ((s = scrapeval_node_value(v, n, attr)) == NULL)
		return NULL;
	u = scrapeval_url(v, s);
	free(s);
	return u;
}

/* "a.jpg 1x, b.jpg 2x": the candidates after the first are other sizes
 * of the same image. */
char *
scrapeval_srcset_url(struct scrapeval *v, char *set)
{
	set[strcspn(set, " ")] = '\0';
	return scrapeval_url(v, set);
}

/*
 * An attribute node's value, an element's href or that of the first
 * a[href] in it ("h2"), else its text when that reads as a URL
 * (absolute, or a path from "/", "./" or "../"; not a one-word headline
 * made relative).
 */
char *
scrapeval_node_link(struct scrapeval *v, xmlNodePtr n)
{
	xmlNodePtr a;
	char *s, *u = NULL;

	if (n->type == XML_ELEMENT_NODE) {
		if ((a = scrapeval_find(v, n, "a", "href")) == NULL &&
		    xmlHasProp(n, (const xmlChar *)"href") != NULL)
			a = n;
		if (a != NULL)
			return scrapeval_attr_url(v, a, "href");
	}
	if ((s = scrapeval_node_value(v, n, NULL)) != NULL &&
	    (n->type == XML_ATTRIBUTE_NODE || (strchr(s, ' ') == NULL &&
	    (s[0] == '/' || strncmp(s, "./", 2) == 0 ||
	    strncmp(s, "../", 3) == 0 || url_scheme_is(s, "http,https")))))
		u = scrapeval_url(v, s);
	free(s);
	return u;
}

/* Without a link selector the first usable link is the item's; the
 * first a[href] is still reported since its text can be the title. */
char *
scrapeval_first_link(struct scrapeval *v, xmlNodePtr item,
    xmlNodePtr *anchor)
{
	xmlNodePtr cur, first = NULL;
	char *u;

	for (cur = item; cur != NULL; cur = scrapeval_next(v, item, cur, 1)) {
		if (!scrapeval_el_named(cur, "a") ||
		    xmlHasProp(cur, (const xmlChar *)"href") == NULL)
			continue;
		if (first == NULL)
			first = cur;
		if ((u = scrapeval_attr_url(v, cur, "href")) != NULL) {
			*anchor = cur;
			return u;
		}
	}
	*anchor = first;
	return NULL;
}

/* Lazy loading puts a data: placeholder in src and the image in
 * data-src, hence src, then data-src, then srcset. */
char *
scrapeval_img_url(struct scrapeval *v, xmlNodePtr img)
{
	char *u, *s;

	if ((u = scrapeval_attr_url(v, img, "src")) != NULL ||
	    (u = scrapeval_attr_url(v, img, "data-src")) != NULL ||
	    (s = scrapeval_node_value(v, img, "srcset")) == NULL)
		return u;
	u = scrapeval_srcset_url(v, s);
	free(s);
	return u;
}

/* xmlOutputWriteCallback: append to the buffer, refusing past the cap. */
static int
scrapeval_out_write_cb(void *arg, const char *buf, int len)
{
	struct scrapeval_out *o = arg;

	if (len < 0 || o->b.len + (size_t)len > o->max)
		return -1;
	strbuf_add(&o->b, buf, (size_t)len);
	return o->b.err ? -1 : len;
}

/* Whether the markup under n would pass max bytes, by a bounded walk
 * (serializing first would cost as much as the subtree, for each of
 * nested items). */
static int
scrapeval_too_big(struct scrapeval *v, xmlNodePtr n, size_t max)
{
	xmlNodePtr cur;
	xmlAttrPtr a;
	size_t sum = 0;

	for (cur = n; cur != NULL && sum <= max;
	    cur = scrapeval_next(v, n, cur, 1)) {
		if (cur->type == XML_ELEMENT_NODE) {
			sum += 2 * strlen((const char *)cur->name) + 5;
			for (a = cur->properties; a != NULL && sum <= max;
			    a = a->next)
				if (a->children != NULL &&
				    a->children->content != NULL)
					sum += strnlen((const char *)
					    a->children->content, max) + 4;
		} else if (cur->content != NULL)
			sum += strnlen((const char *)cur->content, max + 1);
	}
	return sum > max || v->over;
}

/* Serialized through a capped writer, measured first, so that a huge
 * summary costs neither the memory nor the time of writing it whole. */
char *
scrapeval_inner(struct scrapeval *v, xmlNodePtr n, size_t max, int *big)
{
	struct scrapeval_out o = { STRBUF_INIT, max };
	xmlOutputBufferPtr out;
	xmlNodePtr c;
	char *s;

	*big = 0;
	if (scrapeval_too_big(v, n, max)) {
		*big = 1;
		return NULL;
	}
	if ((out = xmlOutputBufferCreateIO(scrapeval_out_write_cb, NULL, &o,
	    NULL)) == NULL) {
		v->nomem = 1;
		return NULL;
	}
	for (c = n->children; c != NULL; c = c->next)
		htmlNodeDumpFormatOutput(out, v->doc, c, NULL, 0);
	if (xmlOutputBufferClose(out) < 0 || o.b.err) {
		free(strbuf_take(&o.b));
		*big = !o.b.err;
		v->nomem = !*big;
		return NULL;
	}
	v->budget -= v->budget < o.b.len / 4 ? v->budget : o.b.len / 4;
	if ((s = strbuf_take(&o.b)) == NULL)
		v->nomem = 1;
	return s;
}

/*
 * The source's format when it has one (the loose forms could misread the
 * order it was set for: 01/04 as January), else the common forms; then
 * relative ones ("3 hours ago" beside older dates).
 */
int
scrapeval_date_read(const struct scrapeval *v, const char *s, time_t *t)
{
	if (v->date_fmt != NULL) {
		if (date_parse_fmt(s, v->date_fmt, v->tz, t) == 0)
			return 0;
	} else if (date_parse_tz(s, v->tz, t) == 0)
		return 0;
	return daterel_parse(s, v->now, v->tz, t);
}

/* A <time datetime> in the item, else the first short text node that
 * reads as a date on its own. */
int
scrapeval_date_guess(struct scrapeval *v, xmlNodePtr item, time_t *t)
{
	char buf[4 * SCRAPEVAL_MAX_DATE_TEXT + 1], *s;
	xmlNodePtr cur;
	size_t n;
	int down, rc;

	if ((cur = scrapeval_find(v, item, "time", "datetime")) != NULL &&
	    (s = scrapeval_node_value(v, cur, "datetime")) != NULL) {
		rc = scrapeval_date_read(v, s, t);
		free(s);
		if (rc == 0)
			return 0;
	}
	for (cur = item; cur != NULL;
	    cur = scrapeval_next(v, item, cur, down)) {
		down = !scrapeval_el_is(cur, SCRAPEVAL_EL_SKIP);
		if (cur->type != XML_TEXT_NODE || cur->content == NULL ||
		    (n = strnlen((const char *)cur->content, sizeof(buf))) ==
		    sizeof(buf))
			continue;
		memcpy(buf, cur->content, n + 1);
		html_squeeze(buf);
		if (*buf != '\0' && strlen(buf) < SCRAPEVAL_MAX_DATE_TEXT &&
		    scrapeval_date_read(v, buf, t) == 0)
			return 0;
	}
	return -1;
}

/* A <base href> is resolved against url and kept only when it has a
 * scheme items may link to; else links resolve against url. */
int
scrapeval_base(struct scrapeval *v, xmlNodePtr head, const char *url)
{
	xmlNodePtr b;
	char *s;

	v->file = url != NULL && url_scheme_is(url, "file");
	if (head != NULL && (b = scrapeval_find(v, head, "base", "href")) !=
	    NULL && (s = scrapeval_node_value(v, b, "href")) != NULL) {
		v->base = url_resolve(url, s);
		free(s);
		if (v->base != NULL &&
		    !url_scheme_is(v->base, scrapeval_schemes(v))) {
			free(v->base);
			v->base = NULL;
		}
	}
	if (v->base == NULL && url != NULL && (v->base = strdup(url)) == NULL)
		return -1;
	return v->nomem ? -1 : 0;
}
