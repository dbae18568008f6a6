/*
 * Scraping HTML sources: the compiled selectors of one source (CSS subset
 * or raw XPath, by way of selector.c) and the run that applies them to a
 * parsed listing page with libxml2's XPath, one item per item node. Owns
 * the choice of defaults when a selector is not given (the first link,
 * its text, a <time> or date-like text, the first image), the split of
 * titles, and the one budget of XPath steps and node visits per page that
 * keeps a hostile page cheap. Reading the values out of the matched
 * nodes is scrapeval.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "feeds/date.h"
#include "feeds/item.h"
#include "feeds/scrape.h"
#include "feeds/scrapeval.h"
#include "feeds/selector.h"
#include "feeds/title.h"
#include "feeds/xmltext.h"

#define SCRAPE_MAX_SUMMARY	(256 * 1024)	/* bytes of a summary */
#define SCRAPE_MAX_TRIES	16	/* matches tried for one value */
#define SCRAPE_MAX_WORK		8000000UL	/* XPath steps, node visits
						 * and 4-byte units of
						 * summary per page */
#define SCRAPE_ESC_MAX		80	/* bytes of page text in a warning */

/* One field's selector. */
struct scrape_sel {
	char			*attr;	/* owns: trailing " @attr", or NULL */
	xmlXPathCompExprPtr	 comp;	/* owns: the compiled XPath, or NULL */
};

struct scrape {
	struct scrape_sel	 sel[SCRAPE_NFIELDS];
	char			*date_fmt;	/* owns: or NULL */
	char			*tz;		/* owns: IANA name, or NULL */
	char			*site;		/* owns: or NULL */
};

/* One scrape_doc call. */
struct scrape_run {
	const struct scrape	*s;		/* borrows */
	xmlXPathContextPtr	 ctx;		/* owns */
	struct item_list	*list;		/* borrows: the list filled */
	struct scrapeval	 v;		/* owns v.base: the page,
						 * dates, budget */
};

static const char *const scrape_names[SCRAPE_NFIELDS] = {
	"items", "title", "link", "date", "summary", "author", "image",
	"categories",
};

/* Node i of set ns, unless it is a namespace node (not a real xmlNode). */
static xmlNodePtr
scrape_ns_node(xmlNodeSetPtr ns, int i)
{
	xmlNodePtr n = ns->nodeTab[i];

	return n->type == XML_NAMESPACE_DECL ? NULL : n;
}

/* xmlXPathContext.error: run-time errors (a raw XPath calling an unknown
 * function, the budget running out) count as no match, off stderr. */
static void
scrape_xpath_error_cb(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* xmlGenericErrorFunc: the messages XPath evaluation prints past
 * ctx->error ("function f not found", "No result on the stack"). */
static void
scrape_generic_error_cb(void *arg, const char *fmt, ...)
{
	(void)arg;
	(void)fmt;
}

/* s made safe for a message into buf: at most SCRAPE_ESC_MAX bytes of it,
 * quotes, backslashes and control bytes escaped, "..." when cut. */
static const char *
scrape_esc(const char *s, char buf[SCRAPE_ESC_MAX * 4 + 4])
{
	size_t i, n = 0, k;

	for (i = 0; s[i] != '\0' && i < SCRAPE_ESC_MAX; i++) {
		k = (unsigned char)s[i];
		if (k < 0x20 || k == 0x7f)
			n += (size_t)sprintf(buf + n, "\\x%02zx", k);
		else {
			if (k == '"' || k == '\\')
				buf[n++] = '\\';
			buf[n++] = s[i];
		}
	}
	if (s[i] != '\0') {
		/* do not end inside a UTF-8 sequence */
		while (i > 0 && n > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) {
			i--;
			n--;
		}
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

const char *
scrape_field_name(enum scrape_field f)
{
	return (unsigned)f < SCRAPE_NFIELDS ? scrape_names[f] : "?";
}

struct scrape *
scrape_new(void)
{
	return calloc(1, sizeof(struct scrape));
}

/* Drop the selector of field sel. */
static void
scrape_sel_clear(struct scrape_sel *sel)
{
	free(sel->attr);
	sel->attr = NULL;
	if (sel->comp != NULL)
		xmlXPathFreeCompExpr(sel->comp);
	sel->comp = NULL;
}

void
scrape_free(struct scrape *s)
{
	int f;

	if (s == NULL)
		return;
	for (f = 0; f < SCRAPE_NFIELDS; f++)
		scrape_sel_clear(&s->sel[f]);
	free(s->date_fmt);
	free(s->tz);
	free(s->site);
	free(s);
}

/* The XPath expr compiled for later runs, errors kept off stderr. */
static xmlXPathCompExprPtr
scrape_compile(const char *expr)
{
	xmlXPathContextPtr ctx;
	xmlXPathCompExprPtr comp;

	if ((ctx = xmlXPathNewContext(NULL)) == NULL)
		return NULL;
	ctx->error = scrape_xpath_error_cb;
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	xmlXPathFreeContext(ctx);
	return comp;
}

int
scrape_set(struct scrape *s, enum scrape_field f, const char *sel,
    char *err, size_t errlen)
{
	struct scrape_sel fresh;
	char *xpath;

	if ((unsigned)f >= SCRAPE_NFIELDS) {
		snprintf(err, errlen, "column 1: no such field");
		return -1;
	}
	if (sel == NULL) {
		scrape_sel_clear(&s->sel[f]);
		return 0;
	}
	if (selector_compile(sel, f != SCRAPE_ITEMS, &xpath, &fresh.attr, err,
	    errlen) == -1)
		return -1;
	fresh.comp = scrape_compile(xpath);
	free(xpath);
	if (fresh.comp == NULL) {
		/* selector_compile checked it: only ENOMEM is left */
		free(fresh.attr);
		snprintf(err, errlen, "column 1: out of memory");
		return -1;
	}
	scrape_sel_clear(&s->sel[f]);
	s->sel[f] = fresh;
	return 0;
}

int
scrape_has(const struct scrape *s, enum scrape_field f)
{
	return (unsigned)f < SCRAPE_NFIELDS && s->sel[f].comp != NULL;
}

/* Replace the string *field with a copy of v (NULL clears). */
static int
scrape_set_str(char **field, const char *v)
{
	char *copy = NULL;

	if (v != NULL && (copy = strdup(v)) == NULL)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

int
scrape_set_date_format(struct scrape *s, const char *fmt)
{
	return scrape_set_str(&s->date_fmt, fmt);
}

int
scrape_set_timezone(struct scrape *s, const char *tz, char *err,
    size_t errlen)
{
	char esc[SCRAPE_ESC_MAX * 4 + 4];
	long off;

	if (tz != NULL && date_tz_offset(tz, 0, &off) == -1) {
		snprintf(err, errlen, "unknown time zone %s",
		    scrape_esc(tz, esc));
		return -1;
	}
	if (scrape_set_str(&s->tz, tz) == -1) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

int
scrape_set_site(struct scrape *s, const char *site)
{
	return scrape_set_str(&s->site, site);
}

/* Evaluate field f's expression with node as context, charged to the
 * run's budget; NULL on no result. */
static xmlXPathObjectPtr
scrape_eval(struct scrape_run *r, enum scrape_field f, xmlNodePtr node)
{
	xmlGenericErrorFunc old;
	xmlXPathObjectPtr o;
	void *oldarg;

	if (r->v.budget == 0) {
		r->v.over = 1;
		return NULL;
	}
	r->ctx->node = node;
	r->ctx->opLimit = r->v.budget;
	r->ctx->opCount = 0;
	/* some run-time errors bypass ctx->error: quiet them for this call */
	old = xmlGenericError;
	oldarg = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, scrape_generic_error_cb);
	o = xmlXPathCompiledEval(r->s->sel[f].comp, r->ctx);
	xmlSetGenericErrorFunc(oldarg, old);
	if (r->ctx->opCount >= r->v.budget) {
		r->v.budget = 0;
		r->v.over = 1;
	} else
		r->v.budget -= r->ctx->opCount;
	return o;
}

/*
 * The value of field f in item: the first match that has one (its
 * attribute for a selector ending in " @attr", else its text), or a
 * string result. malloc'd, NULL when none.
 */
static char *
scrape_value(struct scrape_run *r, enum scrape_field f, xmlNodePtr item)
{
	xmlXPathObjectPtr o;
	xmlNodeSetPtr ns;
	xmlNodePtr n;
	char *v = NULL;
	int i;

	if ((o = scrape_eval(r, f, item)) == NULL)
		return NULL;
	if (o->type != XPATH_NODESET) {
		v = scrapeval_string_value(&r->v, o);
		xmlXPathFreeObject(o);
		return v;
	}
	ns = o->nodesetval;
	for (i = 0; ns != NULL && i < ns->nodeNr && i < SCRAPE_MAX_TRIES &&
	    v == NULL && !r->v.nomem; i++)
		if ((n = scrape_ns_node(ns, i)) != NULL)
			v = scrapeval_node_value(&r->v, n, r->s->sel[f].attr);
	xmlXPathFreeObject(o);
	return v;
}

/* The link from the link selector: the attribute it names, else what
 * scrapeval_node_link finds. *anchor: the element it came from. */
static char *
scrape_link_sel(struct scrape_run *r, xmlNodePtr item, xmlNodePtr *anchor)
{
	const char *attr = r->s->sel[SCRAPE_LINK].attr;
	xmlXPathObjectPtr o;
	xmlNodeSetPtr ns;
	xmlNodePtr n;
	char *u = NULL, *v;
	int i;

	if ((o = scrape_eval(r, SCRAPE_LINK, item)) == NULL)
		return NULL;
	if (o->type != XPATH_NODESET) {
		/* "xpath:concat('/news/', @data-id)" */
		if ((v = scrapeval_string_value(&r->v, o)) != NULL) {
			u = scrapeval_url(&r->v, v);
			free(v);
		}
		xmlXPathFreeObject(o);
		return u;
	}
	ns = o->nodesetval;
	for (i = 0; ns != NULL && i < ns->nodeNr && i < SCRAPE_MAX_TRIES &&
	    u == NULL; i++) {
		if ((n = scrape_ns_node(ns, i)) == NULL)
			continue;
		u = attr != NULL ? scrapeval_attr_url(&r->v, n, attr) :
		    scrapeval_node_link(&r->v, n);
		if (*anchor == NULL || u != NULL)
			*anchor = n->type == XML_ATTRIBUTE_NODE ? n->parent : n;
	}
	xmlXPathFreeObject(o);
	return u;
}

/* The item's link: the selector's, else the first usable a[href] at or
 * under the item. *anchor gets the element it came from, or the first
 * a[href] when no link is usable (its text can still be the title). */
static char *
scrape_link(struct scrape_run *r, xmlNodePtr item, xmlNodePtr *anchor)
{
	*anchor = NULL;
	if (r->s->sel[SCRAPE_LINK].comp != NULL)
		return scrape_link_sel(r, item, anchor);
	return scrapeval_first_link(&r->v, item, anchor);
}

/* The item's date into it->published; a date selector's text that does
 * not read is warned about once. -1 on ENOMEM. */
static int
scrape_date(struct scrape_run *r, struct item *it, xmlNodePtr item)
{
	char esc[SCRAPE_ESC_MAX * 4 + 4], *v;
	time_t t;

	if (r->s->sel[SCRAPE_DATE].comp == NULL) {
		if (scrapeval_date_guess(&r->v, item, &t) == 0)
			it->published = t;
		return 0;
	}
	if ((v = scrape_value(r, SCRAPE_DATE, item)) == NULL)
		return r->v.nomem ? -1 : 0;
	if (scrapeval_date_read(&r->v, v, &t) == 0)
		it->published = t;
	else if (item_list_warn(r->list, "date \"%s\" not understood",
	    scrape_esc(v, esc)) == -1) {
		free(v);
		return -1;
	}
	free(v);
	return 0;
}

/* The first node field f matches in item; NULL when none. */
static xmlNodePtr
scrape_first(struct scrape_run *r, enum scrape_field f, xmlNodePtr item)
{
	xmlXPathObjectPtr o;
	xmlNodePtr n = NULL;

	if ((o = scrape_eval(r, f, item)) == NULL)
		return NULL;
	if (o->type == XPATH_NODESET && o->nodesetval != NULL &&
	    o->nodesetval->nodeNr > 0)
		n = scrape_ns_node(o->nodesetval, 0);
	xmlXPathFreeObject(o);
	return n;
}

/* The item's image: the selector's attribute or string, or the first img
 * at or under its match (default: under the item), resolved. */
static char *
scrape_image(struct scrape_run *r, xmlNodePtr item)
{
	const struct scrape_sel *sel = &r->s->sel[SCRAPE_IMAGE];
	xmlNodePtr n;
	char *u, *v;

	if (sel->comp == NULL)
		n = scrapeval_find(&r->v, item, "img", NULL);
	else if (sel->attr != NULL) {
		if ((v = scrape_value(r, SCRAPE_IMAGE, item)) == NULL)
			return NULL;
		u = strstr(sel->attr, "srcset") != NULL ?
		    scrapeval_srcset_url(&r->v, v) : scrapeval_url(&r->v, v);
		free(v);
		return u;
	} else if ((n = scrape_first(r, SCRAPE_IMAGE, item)) != NULL)
		n = scrapeval_find(&r->v, n, "img", NULL);
	return n != NULL ? scrapeval_img_url(&r->v, n) : NULL;
}

/* Every match of the categories selector one category, as many as an
 * item keeps. -1 on ENOMEM. */
static int
scrape_categories(struct scrape_run *r, struct item *it, xmlNodePtr item)
{
	xmlXPathObjectPtr o;
	xmlNodeSetPtr ns;
	xmlNodePtr n;
	char *v;
	int i, rc = 0;

	if (r->s->sel[SCRAPE_CATEGORIES].comp == NULL ||
	    (o = scrape_eval(r, SCRAPE_CATEGORIES, item)) == NULL)
		return 0;
	if (o->type != XPATH_NODESET) {
		if ((v = scrapeval_string_value(&r->v, o)) != NULL)
			rc = item_add_category(it, v);
		free(v);
		xmlXPathFreeObject(o);
		return rc;
	}
	ns = o->nodesetval;
	for (i = 0; ns != NULL && i < ns->nodeNr && rc == 0 && !r->v.nomem &&
	    it->ncategories < ITEM_MAX_CATEGORIES &&
	    i < 4 * ITEM_MAX_CATEGORIES; i++) {
		if ((n = scrape_ns_node(ns, i)) == NULL || (v =
		    scrapeval_node_value(&r->v, n,
		    r->s->sel[SCRAPE_CATEGORIES].attr)) == NULL)
			continue;
		rc = item_add_category(it, v);
		free(v);
	}
	xmlXPathFreeObject(o);
	return rc;
}

/* The item's summary: the markup inside the first match when it is an
 * element, else the text of the value (attribute, text, string) escaped.
 * -1 on ENOMEM. */
static int
scrape_summary(struct scrape_run *r, struct item *it, xmlNodePtr item)
{
	xmlNodePtr n;
	char *v;
	int big;

	if (r->s->sel[SCRAPE_SUMMARY].comp == NULL)
		return 0;
	if (r->s->sel[SCRAPE_SUMMARY].attr == NULL &&
	    (n = scrape_first(r, SCRAPE_SUMMARY, item)) != NULL &&
	    n->type == XML_ELEMENT_NODE) {
		it->summary = scrapeval_inner(&r->v, n, SCRAPE_MAX_SUMMARY,
		    &big);
		if (big && item_list_warn(r->list, "a summary over %d bytes "
		    "left out", SCRAPE_MAX_SUMMARY) == -1)
			return -1;
		return r->v.nomem ? -1 : 0;
	}
	if ((v = scrape_value(r, SCRAPE_SUMMARY, item)) == NULL)
		return r->v.nomem ? -1 : 0;
	it->summary = xmltext_escape(v);
	free(v);
	return it->summary == NULL ? -1 : 0;
}

/* One item from item node n, appended unless it has neither link nor
 * title (then *skipped counts it). -1 on ENOMEM. */
static int
scrape_item(struct scrape_run *r, xmlNodePtr n, size_t *skipped)
{
	struct item *it;
	xmlNodePtr anchor;

	if ((it = item_new()) == NULL)
		return -1;
	it->link = scrape_link(r, n, &anchor);
	if (r->s->sel[SCRAPE_TITLE].comp != NULL)
		it->title = scrape_value(r, SCRAPE_TITLE, n);
	else if (anchor != NULL)
		it->title = scrapeval_node_value(&r->v, anchor, NULL);
	if (!r->v.nomem && it->link == NULL && it->title == NULL) {
		item_free(it);
		(*skipped)++;
		return 0;
	}
	if (r->s->sel[SCRAPE_AUTHOR].comp != NULL)
		it->author = scrape_value(r, SCRAPE_AUTHOR, n);
	it->image = scrape_image(r, n);
	if (r->v.nomem || scrape_date(r, it, n) == -1 ||
	    scrape_categories(r, it, n) == -1 ||
	    scrape_summary(r, it, n) == -1 || r->v.nomem) {
		item_free(it);
		return -1;
	}
	item_list_append(r->list, it);
	return 0;
}

/* The list's own fields: the page's <title>, url, "html"; and the base
 * of the page's links. -1 on ENOMEM. */
static int
scrape_page(struct scrape_run *r, const char *url)
{
	xmlNodePtr root = xmlDocGetRootElement(r->v.doc), head, t;
	char *title;

	for (head = root->children; head != NULL; head = head->next)
		if (scrapeval_el_named(head, "head"))
			break;
	if ((t = scrapeval_find(&r->v, head != NULL ? head : root, "title",
	    NULL)) != NULL) {
		if ((title = scrapeval_text(&r->v, t)) == NULL)
			return -1;
		if (*title != '\0')
			r->list->title = title;
		else
			free(title);
	}
	if ((url != NULL && (r->list->link = strdup(url)) == NULL) ||
	    (r->list->format = strdup("html")) == NULL)
		return -1;
	return scrapeval_base(&r->v, head, url);
}

/* Whether title t ends in " <cand>" (ASCII case ignored). */
static int
scrape_ends_in(const char *t, const char *cand)
{
	size_t tl = strlen(t), cl = strlen(cand);

	return tl > cl + 1 && t[tl - cl - 1] == ' ' &&
	    strcasecmp(t + tl - cl, cand) == 0;
}

/* The site name cut from titles: the source's, else what follows the
 * last " - " or " | " of the page's title when most titles end in it. */
static const char *
scrape_site(struct scrape_run *r)
{
	const char *pt = r->list->title, *cand = NULL, *p;
	struct item *it;
	size_t n = 0, hits = 0;

	if (r->s->site != NULL || pt == NULL)
		return r->s->site;
	for (p = pt; (p = strstr(p, " - ")) != NULL; p++)
		cand = p + 3;
	for (p = pt; (p = strstr(p, " | ")) != NULL; p++)
		if (cand == NULL || p + 3 > cand)
			cand = p + 3;
	if (cand == NULL || *cand == '\0')
		return NULL;
	for (it = r->list->head; it != NULL; it = it->next)
		if (it->title != NULL) {
			n++;
			hits += scrape_ends_in(it->title, cand);
		}
	return hits > 0 && 2 * hits > n ? cand : NULL;
}

/* Split every title: the site's name cut, the tags made categories. */
static int
scrape_titles(struct scrape_run *r)
{
	char *tags[TITLE_MAX_TAGS];
	const char *site = scrape_site(r);
	struct item *it;
	size_t i, n;

	for (it = r->list->head; it != NULL; it = it->next) {
		if (it->title == NULL)
			continue;
		title_split(it->title, site, tags, &n);
		for (i = 0; i < n; i++)
			if (item_add_category(it, tags[i]) == -1)
				return -1;
	}
	return 0;
}

/* One item per node of the items selector's result, up to max. */
static int
scrape_items(struct scrape_run *r, xmlXPathObjectPtr o, size_t max)
{
	xmlNodeSetPtr ns;
	xmlNodePtr n;
	size_t skipped = 0;
	int i;

	if (o == NULL || o->type != XPATH_NODESET || (ns = o->nodesetval) ==
	    NULL || ns->nodeNr == 0)
		return r->v.over ? 0 : item_list_warn(r->list,
		    "the items selector matched nothing");
	for (i = 0; i < ns->nodeNr && r->list->count < max && !r->v.over; i++)
		if ((n = scrape_ns_node(ns, i)) != NULL &&
		    scrape_item(r, n, &skipped) == -1)
			return -1;
	if (skipped > 0 && item_list_warn(r->list, "%zu item%s without link "
	    "or title skipped", skipped, skipped == 1 ? "" : "s") == -1)
		return -1;
	return 0;
}

struct item_list *
scrape_doc(const struct scrape *s, htmlDocPtr doc, const char *url,
    time_t now, size_t max_items, char *err, size_t errlen)
{
	struct scrape_run r;
	xmlXPathObjectPtr o;

	if (s->sel[SCRAPE_ITEMS].comp == NULL) {
		snprintf(err, errlen, "no items selector");
		return NULL;
	}
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		snprintf(err, errlen, "not an HTML page");
		return NULL;
	}
	memset(&r, 0, sizeof(r));
	r.s = s;
	r.v.doc = doc;
	r.v.date_fmt = s->date_fmt;
	r.v.tz = s->tz;
	r.v.now = now;
	r.v.budget = SCRAPE_MAX_WORK;
	if ((r.list = item_list_new()) == NULL ||
	    (r.ctx = xmlXPathNewContext(doc)) == NULL)
		goto nomem;
	r.ctx->error = scrape_xpath_error_cb;
	/* number the elements (in their unused content field) so that
	 * XPath sorts node-sets in linear steps, not by walking up the
	 * ancestors of each pair: deep pages made that quadratic */
	xmlXPathOrderDocElems(doc);
	if (scrape_page(&r, url) == -1)
		goto nomem;
	o = scrape_eval(&r, SCRAPE_ITEMS, (xmlNodePtr)doc);
	if (scrape_items(&r, o, max_items) == -1) {
		xmlXPathFreeObject(o);
		goto nomem;
	}
	xmlXPathFreeObject(o);
	if (scrape_titles(&r) == -1 || (r.v.over && item_list_warn(r.list,
	    "page too costly to read whole: stopped after %zu items",
	    r.list->count) == -1))
		goto nomem;
	xmlXPathFreeContext(r.ctx);
	free(r.v.base);
	return r.list;
nomem:
	snprintf(err, errlen, "out of memory");
	if (r.ctx != NULL)
		xmlXPathFreeContext(r.ctx);
	item_list_free(r.list);
	free(r.v.base);
	return NULL;
}
