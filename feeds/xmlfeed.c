/*
 * Feed documents in XML: the element-to-field table of each format (RSS
 * 0.9x/2.0, RSS 1.0 (RDF) with its modules, Atom 0.3/1.0, and the common
 * namespaces), the rules for text constructs and for choosing an item's
 * link, turning a parsed libxml2 tree into an item list.
 * Pure: a tree and limits in, items out; no I/O, no globals.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feeds/date.h"
#include "feeds/item.h"
#include "feeds/parse.h"
#include "feeds/url.h"
#include "feeds/xmlfeed.h"

#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS	"http://purl.org/dc/terms/"
#define NS_RDF		"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS090	"http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS10	"http://purl.org/rss/1.0/"
#define NS_USERLAND	"http://backend.userland.com/rss2"
#define NS_XHTML	"http://www.w3.org/1999/xhtml"

/* Link candidates, best first: the lowest rank offered wins. */
#define RANK_MAIN	0	/* RSS <link>, Atom alternate (HTML/untyped) */
#define RANK_OTHER	1	/* Atom alternate of another media type */
#define RANK_GUID	2	/* RSS guid that is a permalink */
#define RANK_FALLBACK	3	/* atom:link in RSS, Atom content@src */
#define RANK_NONE	4

enum xmlfeed_field {
	PF_NONE,
	PF_AUTHOR,
	PF_CATEGORY,
	PF_CHANNEL,
	PF_CONTENT,
	PF_CREATED,
	PF_GUID,
	PF_ID,
	PF_ITEM,
	PF_LINK,
	PF_ATOMLINK,
	PF_PUBLISHED,
	PF_SUMMARY,
	PF_TITLE,
	PF_UPDATED
};

/* How a text construct's element holds its value. */
enum xmlfeed_kind {
	PK_SKIP,		/* binary (base64): ignored */
	PK_TEXT,		/* plain text: escaped to HTML */
	PK_HTML,		/* escaped HTML: taken as is */
	PK_XHTML		/* inline markup: serialized */
};

struct xmlfeed_tag {
	const char	*ns;	/* "" for the format's own namespace */
	const char	*name;
	enum xmlfeed_field field;
};

/* RSS 0.9x/2.0 and RSS 1.0 channel and item children (keep sorted). */
static const struct xmlfeed_tag xmlfeed_rss_tags[] = {
	{ "", "author", PF_AUTHOR },
	{ "", "category", PF_CATEGORY },
	{ "", "channel", PF_CHANNEL },
	{ "", "description", PF_SUMMARY },
	{ "", "guid", PF_GUID },
	{ "", "item", PF_ITEM },
	{ "", "link", PF_LINK },
	{ "", "pubDate", PF_PUBLISHED },
	{ "", "title", PF_TITLE },
	{ NS_DC, "creator", PF_AUTHOR },
	{ NS_DC, "date", PF_PUBLISHED },
	{ NS_DC, "subject", PF_CATEGORY },
	{ NS_DCTERMS, "modified", PF_UPDATED },
	{ NS_CONTENT, "encoded", PF_CONTENT },
	{ NS_ATOM10, "link", PF_ATOMLINK },
	{ NS_ATOM10, "updated", PF_UPDATED },
};

/* Atom 1.0 and 0.3 feed and entry children (keep sorted). */
static const struct xmlfeed_tag xmlfeed_atom_tags[] = {
	{ "", "author", PF_AUTHOR },
	{ "", "category", PF_CATEGORY },
	{ "", "content", PF_CONTENT },
	{ "", "created", PF_CREATED },
	{ "", "entry", PF_ITEM },
	{ "", "id", PF_ID },
	{ "", "issued", PF_PUBLISHED },
	{ "", "link", PF_LINK },
	{ "", "modified", PF_UPDATED },
	{ "", "published", PF_PUBLISHED },
	{ "", "summary", PF_SUMMARY },
	{ "", "title", PF_TITLE },
	{ "", "updated", PF_UPDATED },
	{ NS_DC, "creator", PF_AUTHOR },
	{ NS_DC, "date", PF_PUBLISHED },
	{ NS_DC, "subject", PF_CATEGORY },
};

/* One parsed document being turned into a list. */
struct xmlfeed_doc {
	xmlDocPtr			 doc;	/* borrows */
	const char			*home;	/* borrows: own namespace */
	const struct xmlfeed_tag		*tags;	/* borrows: a table above */
	size_t				 ntags;
	int				 atom;	/* Atom, else RSS */
	const struct parse_limits	*lim;	/* borrows */
	struct item_list		*list;	/* borrows */
};

/* The item, or the stand-in for the channel, being filled. */
struct xmlfeed_rec {
	struct item	*it;		/* borrows */
	int		 rank;		/* rank of it->link */
};

static int
xmlfeed_tag_cmp(const void *key, const void *elem)
{
	const struct xmlfeed_tag *a = key, *b = elem;
	int c;

	if ((c = strcmp(a->ns, b->ns)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

/* Map an element to its field by namespace URI and local name only. */
static enum xmlfeed_field
xmlfeed_field_of(const struct xmlfeed_doc *pd, xmlNodePtr n)
{
	const struct xmlfeed_tag *t;
	struct xmlfeed_tag key;
	const char *ns;

	if (n->type != XML_ELEMENT_NODE)
		return PF_NONE;
	ns = n->ns != NULL ? (const char *)n->ns->href : NULL;
	if (ns == NULL ? pd->home == NULL :
	    pd->home != NULL && strcmp(ns, pd->home) == 0)
		key.ns = "";
	else if (ns == NULL)
		return PF_NONE;
	else
		key.ns = ns;
	key.name = (const char *)n->name;
	t = bsearch(&key, pd->tags, pd->ntags, sizeof(*pd->tags),
	    xmlfeed_tag_cmp);
	return t != NULL ? t->field : PF_NONE;
}

/* 1 when n is the element ns:name (ns NULL: in no namespace). */
static int
xmlfeed_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (ns == NULL)
		return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
		    strcmp((const char *)n->name, name) == 0;
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
xmlfeed_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Drop leading and trailing white space of the malloc'd s in place. */
static char *
xmlfeed_trim(char *s)
{
	size_t a, n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (n > 0 && xmlfeed_space(s[n - 1]))
		n--;
	s[n] = '\0';
	for (a = 0; xmlfeed_space(s[a]); a++)
		continue;
	memmove(s, s + a, n - a + 1);
	return s;
}

/*
 * Append the text under n, never following an entity reference (a
 * reference left in the tree is undeclared; its name is kept as written).
 */
static int
xmlfeed_gather(xmlBufferPtr b, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content != NULL &&
			    xmlBufferCat(b, c->content) != 0)
				return -1;
			break;
		case XML_ENTITY_REF_NODE:
			if (xmlBufferCCat(b, "&") != 0 ||
			    xmlBufferCat(b, c->name) != 0 ||
			    xmlBufferCCat(b, ";") != 0)
				return -1;
			break;
		case XML_ELEMENT_NODE:
			if (xmlfeed_gather(b, c) == -1)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Copy a buffer out as a trimmed malloc'd string (NULL on ENOMEM). */
static char *
xmlfeed_buffer_take(xmlBufferPtr b)
{
	char *s;

	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return xmlfeed_trim(s);
}

/* The trimmed text under n, malloc'd ("" when none); NULL on ENOMEM. */
static char *
xmlfeed_text(xmlNodePtr n)
{
	xmlBufferPtr b;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	if (xmlfeed_gather(b, n) == -1) {
		xmlBufferFree(b);
		return NULL;
	}
	return xmlfeed_buffer_take(b);
}

/* Escape text so that reading it back as HTML gives it exactly. */
static char *
xmlfeed_escape(const char *s)
{
	xmlBufferPtr b;
	const char *rep;
	int bad = 0;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	for (; *s != '\0' && !bad; s++) {
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = NULL; break;
		}
		bad = rep != NULL ? xmlBufferCCat(b, rep) :
		    xmlBufferAdd(b, (const xmlChar *)s, 1);
	}
	if (bad) {
		xmlBufferFree(b);
		return NULL;
	}
	return xmlfeed_buffer_take(b);
}

/* Put XHTML elements in no namespace so they serialize as plain HTML. */
static void
xmlfeed_unprefix(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns != NULL &&
		    strcmp((const char *)c->ns->href, NS_XHTML) == 0)
			c->ns = NULL;
		xmlfeed_unprefix(c);
	}
}

/* The children of n serialized as markup, malloc'd; NULL on ENOMEM. */
static char *
xmlfeed_markup(xmlDocPtr doc, xmlNodePtr n)
{
	xmlBufferPtr b;
	xmlNodePtr c;

	if ((b = xmlBufferCreate()) == NULL)
		return NULL;
	xmlfeed_unprefix(n);
	for (c = n->children; c != NULL; c = c->next) {
		if (xmlNodeDump(b, doc, c, 0, 0) == -1) {
			xmlBufferFree(b);
			return NULL;
		}
	}
	return xmlfeed_buffer_take(b);
}

static int
xmlfeed_has_elements(xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/* An HTML-ish field: escaped HTML as is, or inline markup serialized. */
static char *
xmlfeed_html(xmlDocPtr doc, xmlNodePtr n)
{
	return xmlfeed_has_elements(n) ? xmlfeed_markup(doc, n) : xmlfeed_text(n);
}

/* Read an Atom 1.0 type or Atom 0.3 type/mode pair. */
static enum xmlfeed_kind
xmlfeed_kind_of(xmlNodePtr n)
{
	xmlChar *type, *mode;
	enum xmlfeed_kind k;
	const char *t;
	size_t len;

	type = xmlGetNoNsProp(n, BAD_CAST "type");
	mode = xmlGetNoNsProp(n, BAD_CAST "mode");
	t = type != NULL ? (const char *)type : "text";
	len = strlen(t);
	if (mode != NULL && strcmp((const char *)mode, "base64") == 0)
		k = PK_SKIP;
	else if (strcmp(t, "text") == 0 || strcmp(t, "text/plain") == 0)
		k = PK_TEXT;
	else if (strcmp(t, "html") == 0 || strcmp(t, "text/html") == 0)
		k = PK_HTML;
	else if (strcmp(t, "xhtml") == 0 || (len > 4 &&
	    (strcmp(t + len - 4, "+xml") == 0 ||
	    strcmp(t + len - 4, "/xml") == 0)))
		k = PK_XHTML;
	else if (strncmp(t, "text/", 5) == 0)
		k = PK_TEXT;
	else
		k = PK_SKIP;
	xmlFree(type);
	xmlFree(mode);
	return k;
}

/*
 * An Atom text construct as HTML: text escaped, html as is, xhtml as the
 * markup inside its xhtml:div. NULL on ENOMEM; "" when skipped.
 */
static char *
xmlfeed_construct(xmlDocPtr doc, xmlNodePtr n)
{
	xmlNodePtr c;
	char *s, *e;

	switch (xmlfeed_kind_of(n)) {
	case PK_TEXT:
		if ((s = xmlfeed_text(n)) == NULL)
			return NULL;
		e = xmlfeed_escape(s);
		free(s);
		return e;
	case PK_HTML:
		return xmlfeed_html(doc, n);
	case PK_XHTML:
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				break;
		if (c != NULL && xmlfeed_is(c, NS_XHTML, "div"))
			n = c;
		return xmlfeed_markup(doc, n);
	default:
		return strdup("");
	}
}

/* Keep s in *field unless the field is already set or s is empty. */
static int
xmlfeed_keep(char **field, char *s)
{
	if (s == NULL)
		return -1;
	if (*field == NULL && *s != '\0')
		*field = s;
	else
		free(s);
	return 0;
}

/* Set *t from the date in n's text when it is still unknown. */
static int
xmlfeed_date(time_t *t, xmlNodePtr n)
{
	char *s;
	time_t v;

	if ((s = xmlfeed_text(n)) == NULL)
		return -1;
	if (*t == 0 && date_parse(s, &v) == 0)
		*t = v;
	free(s);
	return 0;
}

static int
xmlfeed_category(struct item *it, char *s)
{
	int rc = 0;

	if (s == NULL)
		return -1;
	if (*s != '\0')
		rc = item_add_category(it, s);
	free(s);
	return rc;
}

/*
 * Offer ref (found at node n) as the record's link: resolved against the
 * xml:base chain and document URL, kept only when http(s) and better
 * ranked than what the record has.
 */
static int
xmlfeed_offer_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    const char *ref, int rank)
{
	xmlChar *base;
	char *abs;

	if (ref == NULL || *ref == '\0' || rank >= r->rank)
		return 0;
	base = xmlNodeGetBase(pd->doc, n);
	abs = url_resolve((const char *)base, ref);
	xmlFree(base);
	if (abs == NULL)
		return 0;
	if (!url_scheme_is(abs, "http,https")) {
		free(abs);
		return 0;
	}
	free(r->it->link);
	r->it->link = abs;
	r->rank = rank;
	return 0;
}

/* Offer the trimmed text of n as a link. */
static int
xmlfeed_text_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    int rank)
{
	char *s;
	int rc;

	if ((s = xmlfeed_text(n)) == NULL)
		return -1;
	rc = xmlfeed_offer_link(pd, r, n, s, rank);
	free(s);
	return rc;
}

/*
 * An Atom link: alternate (or no rel) counts, HTML ones first. With
 * fallback set (atom:link inside RSS) it only stands in for a missing link.
 */
static int
xmlfeed_atom_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    int fallback)
{
	xmlChar *rel, *type, *href;
	const char *rl;
	int rank, rc = 0;

	rel = xmlGetNoNsProp(n, BAD_CAST "rel");
	type = xmlGetNoNsProp(n, BAD_CAST "type");
	href = xmlGetNoNsProp(n, BAD_CAST "href");
	rl = rel != NULL ? (const char *)rel : "alternate";
	if (strcmp(rl, "alternate") == 0 || strcmp(rl,
	    "http://www.iana.org/assignments/relation/alternate") == 0) {
		if (fallback)
			rank = RANK_FALLBACK;
		else if (type == NULL || strstr((const char *)type, "html"))
			rank = RANK_MAIN;
		else
			rank = RANK_OTHER;
		rc = xmlfeed_offer_link(pd, r, n, (const char *)href, rank);
	}
	xmlFree(rel);
	xmlFree(type);
	xmlFree(href);
	return rc;
}

/* An RSS guid: the id, and the link too when it is a permalink. */
static int
xmlfeed_rss_guid(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n)
{
	xmlChar *perma;
	char *s;
	int rc = 0;

	if ((s = xmlfeed_text(n)) == NULL)
		return -1;
	perma = xmlGetNoNsProp(n, BAD_CAST "isPermaLink");
	/* Implicit permalinks must be absolute: many guids are not URLs. */
	if (perma == NULL ? url_scheme_is(s, "http,https") :
	    strcmp((const char *)perma, "false") != 0)
		rc = xmlfeed_offer_link(pd, r, n, s, RANK_GUID);
	xmlFree(perma);
	if (rc == 0)
		rc = xmlfeed_keep(&r->it->id, s);
	else
		free(s);
	return rc;
}

/* Fill one field of an RSS item or channel from element n. */
static int
xmlfeed_rss_field(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    enum xmlfeed_field f)
{
	struct item *it = r->it;

	switch (f) {
	case PF_TITLE:
		return xmlfeed_keep(&it->title, xmlfeed_text(n));
	case PF_LINK:
		return xmlfeed_text_link(pd, r, n, RANK_MAIN);
	case PF_ATOMLINK:
		return xmlfeed_atom_link(pd, r, n, 1);
	case PF_GUID:
		return xmlfeed_rss_guid(pd, r, n);
	case PF_SUMMARY:
		return xmlfeed_keep(&it->summary, xmlfeed_html(pd->doc, n));
	case PF_CONTENT:
		return xmlfeed_keep(&it->content, xmlfeed_html(pd->doc, n));
	case PF_PUBLISHED:
		return xmlfeed_date(&it->published, n);
	case PF_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case PF_AUTHOR:
		return xmlfeed_keep(&it->author, xmlfeed_text(n));
	case PF_CATEGORY:
		return xmlfeed_category(it, xmlfeed_text(n));
	default:
		return 0;
	}
}

/* An RSS 0.9x/2.0 <item> or RSS 1.0 <item>. */
static int
xmlfeed_rss_item(struct xmlfeed_doc *pd, xmlNodePtr n)
{
	struct xmlfeed_rec r;
	xmlNodePtr c;
	xmlChar *about;

	if ((r.it = item_new()) == NULL)
		return -1;
	r.rank = RANK_NONE;
	about = xmlGetNsProp(n, BAD_CAST "about", BAD_CAST NS_RDF);
	if (about != NULL) {
		if (xmlfeed_keep(&r.it->id, xmlfeed_trim(strdup(
		    (const char *)about))) == -1)
			goto fail;
	}
	for (c = n->children; c != NULL; c = c->next)
		if (xmlfeed_rss_field(pd, &r, c, xmlfeed_field_of(pd, c)) == -1)
			goto fail;
	xmlFree(about);
	item_list_append(pd->list, r.it);
	return 0;
fail:
	xmlFree(about);
	item_free(r.it);
	return -1;
}

/* Fill one field of an Atom entry from element n. */
static int
xmlfeed_atom_field(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    enum xmlfeed_field f)
{
	struct item *it = r->it;
	xmlNodePtr c;
	xmlChar *v;
	int rc;

	switch (f) {
	case PF_ID:
		return xmlfeed_keep(&it->id, xmlfeed_text(n));
	case PF_TITLE:
		return xmlfeed_keep(&it->title, xmlfeed_construct(pd->doc, n));
	case PF_LINK:
		return xmlfeed_atom_link(pd, r, n, 0);
	case PF_SUMMARY:
		return xmlfeed_keep(&it->summary, xmlfeed_construct(pd->doc, n));
	case PF_CONTENT:
		if ((v = xmlGetNoNsProp(n, BAD_CAST "src")) == NULL)
			return xmlfeed_keep(&it->content,
			    xmlfeed_construct(pd->doc, n));
		rc = xmlfeed_offer_link(pd, r, n, (const char *)v,
		    RANK_FALLBACK);
		xmlFree(v);
		return rc;
	case PF_PUBLISHED:
	case PF_CREATED:
		return xmlfeed_date(&it->published, n);
	case PF_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case PF_AUTHOR:
		for (c = n->children; c != NULL; c = c->next)
			if (xmlfeed_is(c, pd->home, "name"))
				return xmlfeed_keep(&it->author, xmlfeed_text(c));
		return n->ns != NULL && strcmp((const char *)n->ns->href,
		    NS_DC) == 0 ? xmlfeed_keep(&it->author, xmlfeed_text(n)) : 0;
	case PF_CATEGORY:
		if (xmlfeed_is(n, NS_DC, "subject"))
			return xmlfeed_category(it, xmlfeed_text(n));
		if ((v = xmlGetNoNsProp(n, BAD_CAST "term")) == NULL)
			v = xmlGetNoNsProp(n, BAD_CAST "label");
		if (v == NULL)
			return 0;
		rc = xmlfeed_category(it, xmlfeed_trim(strdup((char *)v)));
		xmlFree(v);
		return rc;
	default:
		return 0;
	}
}

/* One Atom <entry>. */
static int
xmlfeed_atom_entry(struct xmlfeed_doc *pd, xmlNodePtr n)
{
	struct xmlfeed_rec r;
	xmlNodePtr c;

	if ((r.it = item_new()) == NULL)
		return -1;
	r.rank = RANK_NONE;
	for (c = n->children; c != NULL; c = c->next) {
		if (xmlfeed_atom_field(pd, &r, c, xmlfeed_field_of(pd, c)) == -1) {
			item_free(r.it);
			return -1;
		}
	}
	item_list_append(pd->list, r.it);
	return 0;
}

/*
 * The children of an RSS channel, of rdf:RDF (where items are the
 * channel's siblings) or of an Atom feed: the feed's own title (as plain
 * text) and link into ch, the items into the list.
 */
static int
xmlfeed_children(struct xmlfeed_doc *pd, struct xmlfeed_rec *ch, xmlNodePtr n)
{
	enum xmlfeed_field f;
	xmlNodePtr c;
	int rc = 0;

	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		switch ((f = xmlfeed_field_of(pd, c))) {
		case PF_ITEM:
			if (pd->list->count < pd->lim->max_items)
				rc = pd->atom ? xmlfeed_atom_entry(pd, c) :
				    xmlfeed_rss_item(pd, c);
			break;
		case PF_CHANNEL:
			rc = xmlfeed_children(pd, ch, c);
			break;
		case PF_TITLE:
			rc = xmlfeed_keep(&ch->it->title, xmlfeed_text(c));
			break;
		case PF_LINK:
		case PF_ATOMLINK:
			rc = pd->atom ? xmlfeed_atom_link(pd, ch, c, 0) :
			    xmlfeed_rss_field(pd, ch, c, f);
			break;
		default:
			break;
		}
	}
	return rc;
}

/* RSS 1.0 (and 0.90): find the RSS namespace from the channel or items. */
static const char *
xmlfeed_rdf_home(xmlNodePtr root)
{
	xmlNodePtr c;

	for (c = root->children; c != NULL; c = c->next) {
		if (xmlfeed_is(c, NS_RSS10, "channel") ||
		    xmlfeed_is(c, NS_RSS10, "item"))
			return NS_RSS10;
		if (xmlfeed_is(c, NS_RSS090, "channel") ||
		    xmlfeed_is(c, NS_RSS090, "item"))
			return NS_RSS090;
	}
	return NULL;
}

enum xmlfeed_shape {
	PS_RSS,			/* <rss><channel><item> */
	PS_RDF,			/* <rdf:RDF><channel/><item> */
	PS_ATOM,		/* <feed><entry> */
	PS_ENTRY		/* an Atom entry document */
};

struct xmlfeed_format {
	const char	*ns;		/* of the root element; "" for none */
	const char	*name;		/* of the root element */
	const char	*format;	/* for item_list.format */
	enum xmlfeed_shape shape;
};

/*
 * Root elements of the feed formats (keep sorted). Un-namespaced <feed>
 * and UserLand's RSS 2.0 namespace are common mistakes, read as meant.
 */
static const struct xmlfeed_format xmlfeed_formats[] = {
	{ "", "feed", "atom", PS_ATOM },
	{ "", "rss", "rss", PS_RSS },
	{ NS_USERLAND, "rss", "rss", PS_RSS },
	{ NS_ATOM03, "feed", "atom", PS_ATOM },
	{ NS_RDF, "RDF", "rdf", PS_RDF },
	{ NS_ATOM10, "entry", "atom", PS_ENTRY },
	{ NS_ATOM10, "feed", "atom", PS_ATOM },
};

static int
xmlfeed_format_cmp(const void *key, const void *elem)
{
	const struct xmlfeed_format *a = key, *b = elem;
	int c;

	if ((c = strcmp(a->ns, b->ns)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

/* Recognize the format by the root element; NULL when not a feed. */
static const struct xmlfeed_format *
xmlfeed_format_of(struct xmlfeed_doc *pd, xmlNodePtr root)
{
	const struct xmlfeed_format *f;
	struct xmlfeed_format key;

	key.ns = root->ns != NULL ? (const char *)root->ns->href : "";
	key.name = (const char *)root->name;
	f = bsearch(&key, xmlfeed_formats, sizeof(xmlfeed_formats) /
	    sizeof(xmlfeed_formats[0]), sizeof(xmlfeed_formats[0]),
	    xmlfeed_format_cmp);
	if (f == NULL)
		return NULL;
	pd->atom = f->shape == PS_ATOM || f->shape == PS_ENTRY;
	if (pd->atom) {
		pd->tags = xmlfeed_atom_tags;
		pd->ntags = sizeof(xmlfeed_atom_tags) /
		    sizeof(xmlfeed_atom_tags[0]);
	} else {
		pd->tags = xmlfeed_rss_tags;
		pd->ntags = sizeof(xmlfeed_rss_tags) /
		    sizeof(xmlfeed_rss_tags[0]);
	}
	if (f->shape != PS_RDF)
		pd->home = *f->ns != '\0' ? f->ns : NULL;
	else if ((pd->home = xmlfeed_rdf_home(root)) == NULL)
		return NULL;
	return f;
}

/* Walk a recognized document into pd->list. */
static int
xmlfeed_walk(struct xmlfeed_doc *pd, const struct xmlfeed_format *f,
    xmlNodePtr root)
{
	struct xmlfeed_rec ch;
	int rc;

	if ((pd->list->format = strdup(f->format)) == NULL ||
	    (ch.it = item_new()) == NULL)
		return -1;
	ch.rank = RANK_NONE;
	if (f->shape == PS_ENTRY)
		rc = pd->lim->max_items > 0 ? xmlfeed_atom_entry(pd, root) : 0;
	else
		rc = xmlfeed_children(pd, &ch, root);
	pd->list->title = ch.it->title;
	pd->list->link = ch.it->link;
	ch.it->title = ch.it->link = NULL;
	item_free(ch.it);
	return rc;
}

/* Say what a document that is not a feed is, by its root element. */
static void
xmlfeed_not_feed(xmlNodePtr root, char *err, size_t errlen)
{
	const char *prefix;

	if (root->ns == NULL ? strcasecmp((const char *)root->name,
	    "html") == 0 : strcmp((const char *)root->ns->href,
	    NS_XHTML) == 0) {
		snprintf(err, errlen, "not a feed: an HTML page");
		return;
	}
	prefix = root->ns != NULL ? (const char *)root->ns->prefix : NULL;
	snprintf(err, errlen, "not an RSS or Atom feed (root element "
	    "<%.32s%s%.64s>)", prefix != NULL ? prefix : "",
	    prefix != NULL ? ":" : "", (const char *)root->name);
}

struct item_list *
xmlfeed_read(xmlDocPtr doc, const struct parse_limits *lim, char *err,
    size_t errlen)
{
	const struct xmlfeed_format *f;
	struct xmlfeed_doc pd;
	xmlNodePtr root;

	memset(&pd, 0, sizeof(pd));
	pd.doc = doc;
	pd.lim = lim;
	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		snprintf(err, errlen, "malformed XML (no root element)");
		return NULL;
	}
	if ((f = xmlfeed_format_of(&pd, root)) == NULL) {
		xmlfeed_not_feed(root, err, errlen);
		return NULL;
	}
	if ((pd.list = item_list_new()) == NULL ||
	    xmlfeed_walk(&pd, f, root) == -1) {
		snprintf(err, errlen, "out of memory");
		item_list_free(pd.list);
		return NULL;
	}
	return pd.list;
}
