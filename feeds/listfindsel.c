/*
 * Selectors for the list of articles listfind.c finds, in the CSS subset
 * of feeds/selector.h: what an items selector can narrow a group to and
 * what it picks, the items selector of the winning group (the parent and
 * the item compound, else under an ancestor with an id or a class, else
 * an :nth-child() path down from the nearest id), then for each part of
 * an item (link, date, summary, image) the most natural relative
 * selector that finds it in most articles. Every selector is compiled by
 * selector_compile and evaluated with libxml2's XPath on the page to
 * check what it picks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "feeds/listfind.h"
#include "feeds/listfindsel.h"
#include "feeds/selector.h"

#define LISTFINDSEL_SEL		1024	/* bytes of a selector (selector.c) */
#define LISTFINDSEL_CANDS	20	/* selectors tried per field */
#define LISTFINDSEL_PATH	48	/* steps of an :nth-child path */
#define LISTFINDSEL_PART_PATH	12	/* steps of a path inside a block */
#define LISTFINDSEL_SPACE	" \t\n\r\f"	/* white space in a class */

/* The page's XPath context and the walk's hook. */
struct listfindsel {
	xmlXPathContextPtr	 xp;	/* owns: evaluates the selectors */
	size_t			 elements; /* of the page, counted up to
					 * LISTFINDSEL_BARE_MAX + 1 */
	int			(*article_cb)(void *, xmlNodePtr); /* whether
					 * a block reads as an article */
	void			*arg;	/* borrows: article_cb's */
};

/* A selector being written. */
struct listfindsel_buf {
	char	 s[LISTFINDSEL_SEL + 1];
	size_t	 len;
	int	 over;		/* longer than a selector may be */
};

/* Selectors to try for one part, most natural first. */
struct listfindsel_cands {
	char	 s[LISTFINDSEL_CANDS][LISTFINDSEL_SEL + 1];
	size_t	 n;
};

const char *
listfindsel_attr(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL)
			return "";
		if (a->children->type != XML_TEXT_NODE ||
		    a->children->next != NULL)
			return NULL;
		return (const char *)a->children->content;
	}
	return NULL;
}

/*
 * An ASCII CSS identifier (letters, digits, '-', '_', not starting with
 * a digit or "--"), short enough.
 */
int
listfindsel_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n >= LISTFINDSEL_NAME || (s[0] >= '0' && s[0] <= '9') ||
	    (s[0] == '-' && (n == 1 || s[1] == '-' ||
	    (s[1] >= '0' && s[1] <= '9'))))
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* The next class of class attribute text t that a selector can write,
 * its length in *len; NULL when there is none (or t is NULL). */
static const char *
listfindsel_class(const char *t, size_t *len)
{
	size_t n;

	if (t == NULL)
		return NULL;
	for (;;) {
		t += strspn(t, LISTFINDSEL_SPACE);
		if ((n = strcspn(t, LISTFINDSEL_SPACE)) == 0)
			return NULL;
		if (listfindsel_ident(t, n)) {
			*len = n;
			return t;
		}
		t += n;
	}
}

/* Whether element n has class cls, one a selector can write. */
static int
listfindsel_has_class(xmlNodePtr n, const char *cls)
{
	const char *t = listfindsel_attr(n, "class");
	size_t len, want = strlen(cls);

	for (; (t = listfindsel_class(t, &len)) != NULL; t += len)
		if (len == want && memcmp(t, cls, len) == 0)
			return 1;
	return 0;
}

/* The first class of e that can be written, or NULL (length in *len). */
static const char *
listfindsel_first_class(xmlNodePtr e, size_t *len)
{
	return listfindsel_class(listfindsel_attr(e, "class"), len);
}

/* The id of e when it can be written, else NULL. */
static const char *
listfindsel_id(xmlNodePtr e)
{
	const char *id = listfindsel_attr(e, "id");

	return id != NULL && listfindsel_ident(id, strlen(id)) ? id : NULL;
}

int
listfindsel_heading(xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && name != NULL && name[0] == 'h' &&
	    name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

/* Whether no element follows n among its siblings (:last-child). */
static int
listfindsel_last(xmlNodePtr n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 0;
	return 1;
}

/* n's position among its element siblings (as :nth-child() counts),
 * counted no further than max. */
static size_t
listfindsel_position(xmlNodePtr n, size_t max)
{
	size_t pos = 1;

	for (n = n->prev; n != NULL && pos < max; n = n->prev)
		if (n->type == XML_ELEMENT_NODE)
			pos++;
	return pos;
}

/* Whether n is a child of the group's parent its items selector picks. */
static int
listfindsel_member(const struct listfindsel_group *g, xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->parent == g->parent &&
	    xmlStrEqual(n->name, g->tag) && (g->cls[0] == '\0' ||
	    listfindsel_has_class(n, g->cls)) && (g->from == 0 ||
	    listfindsel_position(n, g->from) >= g->from) && (!g->notlast ||
	    !listfindsel_last(n));
}

size_t
listfindsel_count(const struct listfindsel_group *g)
{
	xmlNodePtr n;
	size_t count = 0;

	for (n = g->parent->children; n != NULL; n = n->next)
		if (listfindsel_member(g, n))
			count++;
	return count;
}

/* Keep the sampled blocks of index lo to hi - 1 that have the group's
 * class; free the others. */
static void
listfindsel_compact(struct listfindsel_group *g, size_t lo, size_t hi)
{
	size_t i, k = 0;

	for (i = 0; i < g->nblk; i++) {
		if (i >= lo && i < hi && (g->cls[0] == '\0' ||
		    listfindsel_has_class(g->blk[i].node, g->cls)))
			g->blk[k++] = g->blk[i];
		else
			free(g->blk[i].url);
	}
	g->nblk = k;
}

/* How many articles of the group have class cls. */
static size_t
listfindsel_class_count(const struct listfindsel_group *g, const char *cls)
{
	size_t i, n = 0;

	for (i = 0; i < g->nblk; i++)
		if (g->blk[i].qualifies && listfindsel_has_class(g->blk[i].node,
		    cls))
			n++;
	return n;
}

/*
 * The class of one of the first three articles that most articles have,
 * into g->cls, when at least three and 60% of them have it (an ad with
 * a long link may pass for an article; it rarely has the items' class).
 * 0 if none.
 */
static int
listfindsel_common_class(struct listfindsel_group *g, size_t q)
{
	char cls[LISTFINDSEL_NAME];
	const char *t;
	size_t i, k, len, n, best = 0;

	g->cls[0] = '\0';
	for (i = 0, k = 0; i < g->nblk && k < 3; i++) {
		if (!g->blk[i].qualifies)
			continue;
		k++;
		t = listfindsel_attr(g->blk[i].node, "class");
		for (; (t = listfindsel_class(t, &len)) != NULL; t += len) {
			memcpy(cls, t, len);
			cls[len] = '\0';
			if ((n = listfindsel_class_count(g, cls)) > best) {
				best = n;
				memcpy(g->cls, cls, len + 1);
			}
		}
	}
	if (best >= LISTFINDSEL_MIN_BLOCKS && 5 * best >= 3 * q)
		return 1;
	g->cls[0] = '\0';
	return 0;
}

/*
 * A class most articles share, or else leading blocks that are not
 * articles (a table's header row) skipped by position, and a last one
 * ("More news") too.
 */
void
listfindsel_narrow(struct listfindsel_group *g)
{
	size_t lead, hi = g->nblk, i, q = 0;

	for (lead = 0; lead < g->nblk && !g->blk[lead].qualifies; lead++)
		;
	if (lead == g->nblk)
		return;
	for (i = 0; i < g->nblk; i++)
		q += g->blk[i].qualifies;
	if (listfindsel_common_class(g, q)) {
		listfindsel_compact(g, 0, g->nblk);
		return;
	}
	if (lead > 0)
		g->from = listfindsel_position(g->blk[lead].node, SIZE_MAX);
	if (g->all && hi - lead > 1 && !g->blk[hi - 1].qualifies &&
	    listfindsel_last(g->blk[hi - 1].node)) {
		g->notlast = 1;
		hi--;
	}
	listfindsel_compact(g, lead, hi);
}

/* Append s[0..n) to the selector being written. */
static void
listfindsel_put(struct listfindsel_buf *o, const char *s, size_t n)
{
	if (o->over || o->len + n > LISTFINDSEL_SEL) {
		o->over = 1;
		return;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void
listfindsel_puts(struct listfindsel_buf *o, const char *s)
{
	listfindsel_put(o, s, strlen(s));
}

static void
listfindsel_buf_reset(struct listfindsel_buf *o)
{
	o->s[0] = '\0';
	o->len = 0;
	o->over = 0;
}

/* Append e's tag, or "*" when it cannot be written. */
static void
listfindsel_put_tag(struct listfindsel_buf *o, xmlNodePtr e)
{
	const char *name = (const char *)e->name;

	if (name != NULL && listfindsel_ident(name, strlen(name)))
		listfindsel_puts(o, name);
	else
		listfindsel_puts(o, "*");
}

/* Append ":nth-child(k)" for e when a sibling has e's tag. */
static void
listfindsel_put_nth(struct listfindsel_buf *o, xmlNodePtr e)
{
	char buf[48];
	xmlNodePtr n;

	for (n = e->parent != NULL ? e->parent->children : e; n != NULL;
	    n = n->next)
		if (n != e && n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, e->name))
			break;
	if (n == NULL)
		return;
	snprintf(buf, sizeof(buf), ":nth-child(%zu)",
	    listfindsel_position(e, SIZE_MAX));
	listfindsel_puts(o, buf);
}

/*
 * Append e's compound selector: tag, then "#id" (use_id) or else its
 * first class, then with nth its :nth-child() when that is needed and
 * no id was written. Returns whether an id was written.
 */
static int
listfindsel_put_simple(struct listfindsel_buf *o, xmlNodePtr e, int use_id,
    int nth)
{
	const char *v;
	size_t len;

	listfindsel_put_tag(o, e);
	if (use_id && (v = listfindsel_id(e)) != NULL) {
		listfindsel_puts(o, "#");
		listfindsel_puts(o, v);
		return 1;
	}
	if ((v = listfindsel_first_class(e, &len)) != NULL) {
		listfindsel_puts(o, ".");
		listfindsel_put(o, v, len);
	}
	if (nth)
		listfindsel_put_nth(o, e);
	return 0;
}

/* Append " > " and the selector of the group's blocks among their
 * siblings. */
static void
listfindsel_put_item(struct listfindsel_buf *o,
    const struct listfindsel_group *g)
{
	char buf[48];

	listfindsel_puts(o, " > ");
	listfindsel_puts(o, (const char *)g->tag);
	if (g->cls[0] != '\0') {
		listfindsel_puts(o, ".");
		listfindsel_puts(o, g->cls);
	}
	if (g->from > 1) {
		snprintf(buf, sizeof(buf), ":nth-child(n+%zu)", g->from);
		listfindsel_puts(o, buf);
	}
	if (g->notlast)
		listfindsel_puts(o, ":not(:last-child)");
}

/* silence libxml2's XPath errors: xmlStructuredErrorFunc */
static void
listfindsel_xpath_error_cb(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Selector sel compiled for libxml2, relative to an item or not; NULL
 * when it does not compile. */
static xmlXPathCompExprPtr
listfindsel_compile(const char *sel, int relative)
{
	xmlXPathCompExprPtr comp;
	char *xpath, *attr, err[128];

	if (selector_compile(sel, relative, &xpath, &attr, err,
	    sizeof(err)) == -1)
		return NULL;
	comp = xmlXPathCompile((const xmlChar *)xpath);
	free(xpath);
	free(attr);
	return comp;
}

/* Evaluate comp from node; a node set, or NULL (caller frees). */
static xmlXPathObjectPtr
listfindsel_eval(struct listfindsel *c, xmlXPathCompExprPtr comp,
    xmlNodePtr from)
{
	xmlXPathObjectPtr r;

	c->xp->node = from;
	r = xmlXPathCompiledEval(comp, c->xp);
	if (r != NULL && (r->type != XPATH_NODESET || r->nodesetval == NULL)) {
		xmlXPathFreeObject(r);
		r = NULL;
	}
	return r;
}

/*
 * Whether n, selected beyond the group, is a block of the same kind in a
 * parent of the same tag and class (a list split by day headings).
 */
static int
listfindsel_alike(const struct listfindsel_group *g, xmlNodePtr n)
{
	xmlNodePtr p = n->parent;
	char buf[LISTFINDSEL_NAME];
	const char *cls;
	size_t len;

	if (n->type != XML_ELEMENT_NODE || p == NULL ||
	    p->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, g->tag) ||
	    !xmlStrEqual(p->name, g->parent->name) || (g->cls[0] != '\0' &&
	    !listfindsel_has_class(n, g->cls)) ||
	    (cls = listfindsel_first_class(g->parent, &len)) == NULL)
		return 0;
	memcpy(buf, cls, len);
	buf[len] = '\0';
	return listfindsel_has_class(p, buf);
}

/* Whether most of the first blocks selected beyond the group read as
 * articles too, in the walk's judgement. */
static int
listfindsel_extras_ok(struct listfindsel *c, xmlNodePtr *extra, size_t n)
{
	size_t i, q = 0;

	for (i = 0; i < n; i++)
		q += c->article_cb(c->arg, extra[i]) != 0;
	return 2 * q >= n;
}

/*
 * How many blocks items selector sel selects: all of the group's and
 * maybe alike ones beside it, nothing else. 0 when it selects others.
 */
static size_t
listfindsel_items_check(struct listfindsel *c,
    const struct listfindsel_group *g, const char *sel)
{
	xmlNodePtr extra[LISTFINDSEL_SAMPLE], n;
	xmlXPathCompExprPtr comp;
	xmlXPathObjectPtr r;
	size_t members = 0, nextra = 0, got = 0;
	int i;

	if ((comp = listfindsel_compile(sel, 0)) == NULL)
		return 0;
	r = listfindsel_eval(c, comp, (xmlNodePtr)g->parent->doc);
	xmlXPathFreeCompExpr(comp);
	if (r == NULL)
		return 0;
	for (i = 0; i < r->nodesetval->nodeNr; i++) {
		n = r->nodesetval->nodeTab[i];
		if (listfindsel_member(g, n))
			members++;
		else if (!listfindsel_alike(g, n))
			break;
		else if (nextra < LISTFINDSEL_SAMPLE)
			extra[nextra++] = n;
	}
	if (i == r->nodesetval->nodeNr && members == g->count &&
	    (nextra == 0 || listfindsel_extras_ok(c, extra, nextra)))
		got = (size_t)r->nodesetval->nodeNr;
	xmlXPathFreeObject(r);
	return got;
}

/* Append the child path from the nearest ancestor of p with an id (or
 * the root) down to p, each step placed by :nth-child(). */
static void
listfindsel_put_path(struct listfindsel_buf *o, xmlNodePtr p)
{
	xmlNodePtr path[LISTFINDSEL_PATH], n;
	size_t np = 0;

	for (n = p; n != NULL && n->type == XML_ELEMENT_NODE;
	    n = n->parent) {
		if (np == LISTFINDSEL_PATH) {
			o->over = 1;
			return;
		}
		path[np++] = n;
		if (listfindsel_id(n) != NULL)
			break;
	}
	while (np > 0) {
		listfindsel_put_simple(o, path[--np], 1, 1);
		if (np > 0)
			listfindsel_puts(o, " > ");
	}
}

/* Try "ANCESTOR PARENT > ITEM" for the ancestors of p with an id
 * (ids set) or else a class; into o when one fits, giving its count. */
static size_t
listfindsel_items_anc(struct listfindsel *c,
    const struct listfindsel_group *g, struct listfindsel_buf *o, int ids)
{
	xmlNodePtr a;
	size_t i, len, got;
	int has_id;

	for (a = g->parent->parent, i = 0; a != NULL &&
	    a->type == XML_ELEMENT_NODE && i < 8; a = a->parent, i++) {
		has_id = listfindsel_id(a) != NULL;
		if (ids ? !has_id : (has_id ||
		    listfindsel_first_class(a, &len) == NULL))
			continue;
		listfindsel_buf_reset(o);
		listfindsel_put_simple(o, a, 1, 0);
		listfindsel_puts(o, " ");
		listfindsel_put_simple(o, g->parent, 1, 0);
		listfindsel_put_item(o, g);
		if (!o->over && (got = listfindsel_items_check(c, g, o->s)) > 0)
			return got;
	}
	return 0;
}

/* The shortest items selector found that selects the group's blocks
 * (and maybe alike ones) into o; how many it selects, 0 if none does. */
static size_t
listfindsel_items(struct listfindsel *c, const struct listfindsel_group *g,
    struct listfindsel_buf *o)
{
	size_t got;
	int bare;

	listfindsel_buf_reset(o);
	bare = listfindsel_put_simple(o, g->parent, 1, 0) == 0 &&
	    strchr(o->s, '.') == NULL;
	listfindsel_put_item(o, g);
	if (!o->over && (!bare || c->elements <= LISTFINDSEL_BARE_MAX) &&
	    (got = listfindsel_items_check(c, g, o->s)) > 0)
		return got;
	if ((got = listfindsel_items_anc(c, g, o, 1)) > 0 ||
	    (got = listfindsel_items_anc(c, g, o, 0)) > 0)
		return got;
	listfindsel_buf_reset(o);
	listfindsel_put_path(o, g->parent);
	listfindsel_put_item(o, g);
	return o->over ? 0 : listfindsel_items_check(c, g, o->s);
}

/* Add o's selector to the candidates unless it is there already. */
static void
listfindsel_cand_add(struct listfindsel_cands *k,
    const struct listfindsel_buf *o)
{
	size_t i;

	if (o->over || o->len == 0 || k->n == LISTFINDSEL_CANDS)
		return;
	for (i = 0; i < k->n; i++)
		if (strcmp(k->s[i], o->s) == 0)
			return;
	memcpy(k->s[k->n++], o->s, o->len + 1);
}

/* Add the paths from below block b down to x, plain and placed by
 * :nth-child(). */
static void
listfindsel_cand_paths(struct listfindsel_cands *k, xmlNodePtr b,
    xmlNodePtr x)
{
	xmlNodePtr path[LISTFINDSEL_PART_PATH], n;
	struct listfindsel_buf o;
	size_t np = 0, i;
	int nth;

	for (n = x; n != NULL && n != b; n = n->parent) {
		if (np == LISTFINDSEL_PART_PATH)
			return;
		path[np++] = n;
	}
	if (n == NULL || np < 2)
		return;
	for (nth = 0; nth < 2; nth++) {
		listfindsel_buf_reset(&o);
		for (i = np; i > 0; i--) {
			listfindsel_put_simple(&o, path[i - 1], 0, nth);
			if (i > 1)
				listfindsel_puts(&o, " > ");
		}
		listfindsel_cand_add(k, &o);
	}
}

/* Add the selectors of x relative to its block b, most natural first:
 * "h2 > a", "a", "a.title", "div.meta > span", "td:nth-child(3)". */
static void
listfindsel_cands_of(struct listfindsel_cands *k, xmlNodePtr b,
    xmlNodePtr x)
{
	struct listfindsel_buf o;
	xmlNodePtr p = x->parent;
	const char *t;
	int inner = x != b && p != b;
	size_t len, ncls = 0;

	listfindsel_buf_reset(&o);
	if (inner && listfindsel_heading(p)) {
		listfindsel_put_tag(&o, p);
		listfindsel_puts(&o, " > ");
	}
	listfindsel_put_tag(&o, x);
	listfindsel_cand_add(k, &o);
	listfindsel_buf_reset(&o);
	listfindsel_put_tag(&o, x);
	listfindsel_cand_add(k, &o);
	for (t = listfindsel_attr(x, "class"); x != b && ncls < 3 &&
	    (t = listfindsel_class(t, &len)) != NULL; t += len, ncls++) {
		listfindsel_buf_reset(&o);
		listfindsel_put_tag(&o, x);
		listfindsel_puts(&o, ".");
		listfindsel_put(&o, t, len);
		listfindsel_cand_add(k, &o);
	}
	if (x == b)
		return;
	if (p != b) {
		listfindsel_buf_reset(&o);
		listfindsel_put_simple(&o, p, 0, 0);
		listfindsel_puts(&o, " > ");
		listfindsel_put_tag(&o, x);
		listfindsel_cand_add(k, &o);
	}
	listfindsel_cand_paths(k, b, x);	/* only when x sits deeper */
	listfindsel_buf_reset(&o);
	listfindsel_put_tag(&o, x);
	listfindsel_put_nth(&o, x);
	listfindsel_cand_add(k, &o);
}

/* The first node, in document order, that comp finds from block b. */
static xmlNodePtr
listfindsel_first(struct listfindsel *c, xmlXPathCompExprPtr comp,
    xmlNodePtr b)
{
	xmlXPathObjectPtr r;
	xmlNodePtr best = NULL, n;
	int i;

	if ((r = listfindsel_eval(c, comp, b)) == NULL)
		return NULL;
	for (i = 0; i < r->nodesetval->nodeNr; i++) {
		n = r->nodesetval->nodeTab[i];
		if (best == NULL || xmlXPathCmpNodes(n, best) == 1)
			best = n;
	}
	xmlXPathFreeObject(r);
	return best;
}

/* The share of the articles in which relative selector sel finds their
 * part k first (and nothing where they have none). */
static double
listfindsel_part_rate(struct listfindsel *c,
    const struct listfindsel_group *g, enum listfindsel_part k,
    const char *sel)
{
	xmlXPathCompExprPtr comp;
	const struct listfindsel_block *b;
	xmlNodePtr first;
	size_t i, good = 0, bad = 0;

	if ((comp = listfindsel_compile(sel, 1)) == NULL)
		return 0.0;
	for (i = 0; i < g->nblk; i++) {
		b = &g->blk[i];
		if (!b->qualifies)
			continue;
		first = listfindsel_first(c, comp, b->node);
		if (b->part[k] != NULL && first == b->part[k])
			good++;
		else if (b->part[k] != NULL || first != NULL)
			bad++;
	}
	xmlXPathFreeCompExpr(comp);
	return good + bad == 0 ? 0.0 : (double)good / (double)(good + bad);
}

/* What follows the selector of part k: the attribute it is read from. */
static const char *
listfindsel_part_attr(enum listfindsel_part k, xmlNodePtr x)
{
	switch (k) {
	case LISTFINDSEL_LINK:
		return " @href";
	case LISTFINDSEL_IMAGE:
		return " @src";
	case LISTFINDSEL_DATE:
		return xmlStrEqual(x->name, BAD_CAST "time") &&
		    listfindsel_attr(x, "datetime") != NULL ? " @datetime" : "";
	default:
		return "";
	}
}

/*
 * The relative selector of part k for the group's articles into *out,
 * followed by its attribute; *out stays NULL when too few articles have
 * the part or no selector finds it well. -1 on ENOMEM.
 */
static int
listfindsel_part(struct listfindsel *c, const struct listfindsel_group *g,
    enum listfindsel_part k, char **out)
{
	struct listfindsel_cands *cands;
	xmlNodePtr x = NULL;
	size_t i, q = 0, have = 0, best = 0;
	double r, bestr = 0.0;
	const char *attr;

	*out = NULL;
	if ((cands = calloc(1, sizeof(*cands))) == NULL)
		return -1;
	for (i = 0; i < g->nblk; i++) {
		if (!g->blk[i].qualifies)
			continue;
		q++;
		if (g->blk[i].part[k] == NULL)
			continue;
		if (have++ < 3)
			listfindsel_cands_of(cands, g->blk[i].node,
			    g->blk[i].part[k]);
		if (x == NULL)
			x = g->blk[i].part[k];
	}
	for (i = 0; 2 * have >= q && i < cands->n; i++) {
		if ((r = listfindsel_part_rate(c, g, k, cands->s[i])) > bestr) {
			bestr = r;
			best = i;
		}
		if (r >= 0.9)
			break;
	}
	attr = x != NULL ? listfindsel_part_attr(k, x) : "";
	if (bestr >= 0.6 && (*out = malloc(strlen(cands->s[best]) +
	    strlen(attr) + 1)) != NULL)
		stpcpy(stpcpy(*out, cands->s[best]), attr);
	free(cands);
	return bestr >= 0.6 && *out == NULL ? -1 : 0;
}

/* The title: the main link's selector without its attribute. */
static int
listfindsel_title(struct listfind *lf)
{
	size_t n;

	if (lf->link == NULL)
		return 0;
	n = strlen(lf->link) - strlen(" @href");
	if ((lf->title = strndup(lf->link, n)) == NULL)
		return -1;
	return 0;
}

int
listfindsel_fill(struct listfindsel *c, const struct listfindsel_group *g,
    struct listfind *lf)
{
	struct listfindsel_buf *o;
	size_t count;

	if ((o = malloc(sizeof(*o))) == NULL)
		return -1;
	if ((count = listfindsel_items(c, g, o)) == 0) {
		free(o);
		return 1;
	}
	lf->items = strdup(o->s);
	free(o);
	if (lf->items == NULL)
		return -1;
	if (listfindsel_part(c, g, LISTFINDSEL_LINK, &lf->link) == -1 ||
	    (lf->link == NULL && (lf->link = strdup("a @href")) == NULL) ||
	    listfindsel_title(lf) == -1 ||
	    listfindsel_part(c, g, LISTFINDSEL_DATE, &lf->date) == -1 ||
	    listfindsel_part(c, g, LISTFINDSEL_SUMMARY, &lf->summary) == -1 ||
	    listfindsel_part(c, g, LISTFINDSEL_IMAGE, &lf->image) == -1)
		return -1;
	lf->count = count;
	lf->score = g->score;
	return 0;
}

struct listfindsel *
listfindsel_new(htmlDocPtr doc, size_t elements,
    int (*article_cb)(void *, xmlNodePtr), void *arg)
{
	struct listfindsel *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->xp = xmlXPathNewContext(doc)) == NULL) {
		free(c);
		return NULL;
	}
	c->xp->error = listfindsel_xpath_error_cb;
	c->elements = elements;
	c->article_cb = article_cb;
	c->arg = arg;
	return c;
}

void
listfindsel_free(struct listfindsel *c)
{
	if (c == NULL)
		return;
	xmlXPathFreeContext(c->xp);
	free(c);
}
