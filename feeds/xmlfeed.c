/*
 * Feed documents in XML (RSS 0.9x/2.0, RSS 1.0 (RDF) with its modules,
 * Atom 0.3/1.0, CDF): what each field's elements mean, the rules for text
 * constructs and for choosing an item's link, turning a parsed libxml2
 * tree into an item list. The format and the field each element fills are
 * recognized by xmlformat; single elements' attachments, categories,
 * authors and durations are read by xmlitem.
 * Pure: a tree and limits in, items out; no I/O, no globals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/item.h"
#include "feeds/parse.h"
#include "feeds/url.h"
#include "feeds/xmlfeed.h"
#include "feeds/xmlformat.h"
#include "feeds/xmlitem.h"
#include "feeds/xmltext.h"


/* Link candidates, best first: the lowest rank offered wins. */
#define RANK_MAIN	0	/* RSS <link>, Atom alternate (HTML/untyped) */
#define RANK_OTHER	1	/* Atom alternate of another media type */
#define RANK_GUID	2	/* RSS guid that is a permalink */
#define RANK_FALLBACK	3	/* atom:link in RSS, Atom content@src */
#define RANK_NONE	4

/* One parsed document being turned into a list. */
struct xmlfeed_doc {
	xmlDocPtr			 doc;	/* borrows */
	const struct xmlformat		*fmt;	/* borrows: once known */
	const char			*home;	/* borrows: own namespace */
	int				 atom;	/* Atom, else RSS */
	const struct parse_limits	*lim;	/* borrows */
	struct item_list		*list;	/* borrows */
};

/* The item, or the stand-in for the channel, being filled. */
struct xmlfeed_rec {
	struct item	*it;		/* borrows */
	int		 rank;		/* rank of it->link */
	char		*alt_author;	/* owns: used when there is no author */
	char		*alt_summary;	/* owns: ... no summary or content */
	char		*alt_title;	/* owns: ... no title */
	time_t		 created;	/* used when there is no published */
};

/* The field n fills in the document's format. */
static enum xmlformat_field
xmlfeed_field_of(const struct xmlfeed_doc *pd, xmlNodePtr n)
{
	return xmlformat_field(pd->fmt, pd->home, n);
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

	if ((s = xmltext_text(n)) == NULL)
		return -1;
	if (*t == 0 && date_parse(s, &v) == 0)
		*t = v;
	free(s);
	return 0;
}

/*
 * Offer ref (found at node n) as the record's link, kept only when it
 * resolves to http(s) and is better ranked than what the record has.
 */
static int
xmlfeed_offer_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, const char *ref, int rank)
{
	char *abs;

	if (rank >= r->rank ||
	    (abs = xmlitem_resolve(pd->doc, n, ref)) == NULL)
		return 0;
	free(r->it->link);
	r->it->link = abs;
	r->rank = rank;
	return 0;
}

/* Offer the trimmed text of n as a link. */
static int
xmlfeed_text_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, int rank)
{
	char *s;
	int rc;

	if ((s = xmltext_text(n)) == NULL)
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
	/* Atom 0.3 drafts put the URL in the text. */
	if ((href = xmlGetNoNsProp(n, BAD_CAST "href")) == NULL)
		href = BAD_CAST xmltext_text(n);
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

	if ((s = xmltext_text(n)) == NULL)
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

static int xmlfeed_ext_field(struct xmlfeed_doc *, struct xmlfeed_rec *,
    xmlNodePtr, enum xmlformat_field);
static int xmlfeed_atom_id(struct xmlfeed_doc *, struct xmlfeed_rec *,
    xmlNodePtr);
static int xmlfeed_atom_entry_link(struct xmlfeed_doc *,
    struct xmlfeed_rec *, xmlNodePtr, int);

/* media:group: its media children, as if they were the item's. */
static int
xmlfeed_media_group(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n)
{
	enum xmlformat_field f;
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if ((f = xmlfeed_field_of(pd, c)) >= XMLFORMAT_ALT_AUTHOR &&
		    f != XMLFORMAT_MEDIA_GROUP &&
		    xmlfeed_ext_field(pd, r, c, f) == -1)
			return -1;
	return 0;
}

/* Keep HTML content with the base its relative links resolve against. */
static int
xmlfeed_body(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n,
    char **field, char *html)
{
	xmlChar *base;

	if (html == NULL)
		return -1;
	if (*field != NULL || *html == '\0') {
		free(html);
		return 0;
	}
	*field = html;
	base = xmlNodeGetBase(pd->doc, n);
	if (r->it->base == NULL && base != NULL && (pd->doc->URL == NULL ||
	    strcmp((const char *)base, (const char *)pd->doc->URL) != 0))
		r->it->base = strdup((const char *)base);
	xmlFree(base);
	return 0;
}

/* A field of the modules and namespaces read in every format. */
static int
xmlfeed_ext_field(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, enum xmlformat_field f)
{
	struct item *it = r->it;
	xmlChar *v;
	int rc = 0;

	switch (f) {
	case XMLFORMAT_XHTML_BODY:
		return xmlfeed_body(pd, r, n, &it->content,
		    xmltext_markup(pd->doc, n));
	case XMLFORMAT_ALT_AUTHOR:
		return xmlfeed_keep(&r->alt_author,
		    xmlitem_author_name(xmltext_text(n)));
	case XMLFORMAT_ALT_SUMMARY:
		return xmlfeed_keep(&r->alt_summary, xmltext_html(pd->doc, n));
	case XMLFORMAT_ALT_TITLE:
		return xmlfeed_keep(&r->alt_title, xmltext_text(n));
	case XMLFORMAT_CREATED:
		return xmlfeed_date(&r->created, n);
	case XMLFORMAT_DURATION:
		return xmlitem_duration(it, n);
	case XMLFORMAT_IMAGE_HREF:
		return xmlitem_image(pd->doc, it, n, "href");
	case XMLFORMAT_KEYWORDS:
		return xmlitem_keywords(it, n);
	case XMLFORMAT_TEXT_CATEGORY:
		if ((v = xmlGetNoNsProp(n, BAD_CAST "text")) != NULL)
			rc = xmlitem_category(it, xmltext_trim(strdup(
			    (const char *)v)));
		xmlFree(v);
		return rc;
	case XMLFORMAT_MEDIA_CATEGORY:
		return xmlitem_category(it, xmltext_text(n));
	case XMLFORMAT_MEDIA_CONTENT:
		return xmlitem_media_content(pd->doc, it, n);
	case XMLFORMAT_MEDIA_GROUP:
		return xmlfeed_media_group(pd, r, n);
	case XMLFORMAT_MEDIA_THUMBNAIL:
		return xmlitem_image(pd->doc, it, n, "url");
	default:
		return 0;
	}
}

/* An RSS author: its text, or the text of a <name> child when it has one
 * (an Atom-shaped author, often with a job title beside the name). */
static int
xmlfeed_rss_author(struct item *it, xmlNodePtr n)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "name") == 0)
			return xmlfeed_keep(&it->author, xmltext_text(c));
	return xmlfeed_keep(&it->author,
	    xmlitem_author_name(xmltext_text(n)));
}

/*
 * The text of an RSS title as HTML: RSS never says whether a title is
 * text or HTML, so it is HTML only when it reads as such ("<b>x</b>",
 * "&amp;eacute;"); otherwise it is escaped, and "Tricky <Co>" stays whole.
 */
static char *
xmlfeed_rss_text(xmlNodePtr n)
{
	char *s, *e;

	if ((s = xmltext_text(n)) == NULL || html_looks_like(s))
		return s;
	e = xmltext_escape(s);
	free(s);
	return e;
}

/* Fill one field of an RSS item or channel from element n. */
static int
xmlfeed_rss_field(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, enum xmlformat_field f)
{
	struct item *it = r->it;

	switch (f) {
	case XMLFORMAT_TITLE:
		return xmlfeed_keep(&it->title, xmlfeed_rss_text(n));
	case XMLFORMAT_LINK:
		/* <link href="..."/>: Atom's shape without its namespace */
		if (xmlHasProp(n, BAD_CAST "href") != NULL)
			return xmlfeed_atom_entry_link(pd, r, n, 0);
		return xmlfeed_text_link(pd, r, n, RANK_MAIN);
	case XMLFORMAT_ID:
		return xmlfeed_atom_id(pd, r, n);
	case XMLFORMAT_ATOMLINK:
		return xmlfeed_atom_entry_link(pd, r, n, 1);
	case XMLFORMAT_GUID:
		return xmlfeed_rss_guid(pd, r, n);
	case XMLFORMAT_SUMMARY:
		return xmlfeed_body(pd, r, n, &it->summary,
		    xmltext_html(pd->doc, n));
	case XMLFORMAT_CONTENT:
		return xmlfeed_body(pd, r, n, &it->content,
		    xmltext_html(pd->doc, n));
	case XMLFORMAT_PUBLISHED:
		return xmlfeed_date(&it->published, n);
	case XMLFORMAT_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case XMLFORMAT_AUTHOR:
		return xmlfeed_rss_author(it, n);
	case XMLFORMAT_CATEGORY:
		return xmlitem_category(it, xmltext_text(n));
	case XMLFORMAT_ENCLOSURE:
		return xmlitem_enclosure(pd->doc, it, n, "url", "length");
	default:
		return xmlfeed_ext_field(pd, r, n, f);
	}
}

/* Start a record for a new item; -1 on ENOMEM. */
static int
xmlfeed_rec_start(struct xmlfeed_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->rank = RANK_NONE;
	return (r->it = item_new()) != NULL ? 0 : -1;
}

/* Use the stand-ins where the main field is missing, free the rest. */
static void
xmlfeed_rec_finish(struct xmlfeed_rec *r)
{
	struct item *it = r->it;

	if (it->author == NULL) {
		it->author = r->alt_author;
		r->alt_author = NULL;
	}
	if (it->summary == NULL && it->content == NULL) {
		it->summary = r->alt_summary;
		r->alt_summary = NULL;
	}
	if (it->title == NULL) {
		it->title = r->alt_title;
		r->alt_title = NULL;
	}
	if (it->published == 0)
		it->published = r->created;
	free(r->alt_author);
	free(r->alt_summary);
	free(r->alt_title);
	r->alt_author = r->alt_summary = r->alt_title = NULL;
}

/* An Atom author: its name, or for dc:creator its text. */
static int
xmlfeed_atom_author(struct xmlfeed_doc *pd, struct item *it, xmlNodePtr n)
{
	xmlNodePtr c;

	if (n->ns != NULL && strcmp((const char *)n->ns->href, NS_DC) == 0)
		return xmlfeed_keep(&it->author,
		    xmlitem_author_name(xmltext_text(n)));
	for (c = n->children; c != NULL; c = c->next)
		if (xmlfeed_is(c, pd->home, "name"))
			return xmlfeed_keep(&it->author, xmltext_text(c));
	return 0;
}

/* An Atom category: term, else label; dc:subject: its text. */
static int
xmlfeed_atom_category(struct item *it, xmlNodePtr n)
{
	xmlChar *v;
	int rc;

	if (n->ns != NULL && strcmp((const char *)n->ns->href, NS_DC) == 0)
		return xmlitem_category(it, xmltext_text(n));
	if ((v = xmlGetNoNsProp(n, BAD_CAST "term")) == NULL)
		v = xmlGetNoNsProp(n, BAD_CAST "label");
	if (v == NULL)
		return 0;
	rc = xmlitem_category(it, xmltext_trim(strdup((char *)v)));
	xmlFree(v);
	return rc;
}

/* Atom content: inline, or out of line (src) as a link stand-in. */
static int
xmlfeed_atom_content(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n)
{
	xmlChar *v;
	int rc;

	if (!xmlfeed_is(n, pd->home, "content"))
		return xmlfeed_body(pd, r, n, &r->it->content,
		    xmltext_html(pd->doc, n));
	if ((v = xmlGetNoNsProp(n, BAD_CAST "src")) == NULL)
		return xmlfeed_body(pd, r, n, &r->it->content,
		    xmltext_construct(pd->doc, n));
	rc = xmlfeed_offer_link(pd, r, n, (const char *)v, RANK_FALLBACK);
	xmlFree(v);
	return rc;
}

/* An Atom link: rel="enclosure" is an attachment, the rest may be the
 * entry's link. */
static int
xmlfeed_atom_entry_link(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, int fallback)
{
	xmlChar *rel;
	int enc;

	rel = xmlGetNoNsProp(n, BAD_CAST "rel");
	enc = rel != NULL && strcmp((const char *)rel, "enclosure") == 0;
	xmlFree(rel);
	return enc ? xmlitem_enclosure(pd->doc, r->it, n, "href", "length") :
	    xmlfeed_atom_link(pd, r, n, fallback);
}

/* An Atom id, which stands in for a missing link when it is an http(s)
 * URL, as an RSS guid does. */
static int
xmlfeed_atom_id(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n)
{
	char *s;

	if ((s = xmltext_text(n)) == NULL)
		return -1;
	if (url_scheme_is(s, "http,https") &&
	    xmlfeed_offer_link(pd, r, n, s, RANK_GUID) == -1) {
		free(s);
		return -1;
	}
	return xmlfeed_keep(&r->it->id, s);
}

/* Fill one field of an Atom entry from element n. */
static int
xmlfeed_atom_field(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n, enum xmlformat_field f)
{
	struct item *it = r->it;

	switch (f) {
	case XMLFORMAT_ID:
		return xmlfeed_atom_id(pd, r, n);
	case XMLFORMAT_TITLE:
		return xmlfeed_keep(&it->title, xmltext_construct(pd->doc, n));
	case XMLFORMAT_LINK:
		return xmlfeed_atom_entry_link(pd, r, n, 0);
	case XMLFORMAT_ATOMLINK:
		return xmlfeed_atom_entry_link(pd, r, n, 1);
	case XMLFORMAT_SUMMARY:
		return xmlfeed_body(pd, r, n, &it->summary,
		    xmltext_construct(pd->doc, n));
	case XMLFORMAT_CONTENT:
		return xmlfeed_atom_content(pd, r, n);
	case XMLFORMAT_PUBLISHED:
		return xmlfeed_date(&it->published, n);
	case XMLFORMAT_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case XMLFORMAT_AUTHOR:
		return xmlfeed_atom_author(pd, it, n);
	case XMLFORMAT_CATEGORY:
		return xmlfeed_atom_category(it, n);
	default:
		return xmlfeed_ext_field(pd, r, n, f);
	}
}

/* One RSS <item> (0.9x/1.0/1.1/2.0) or Atom <entry>, into the list. */
static int
xmlfeed_item(struct xmlfeed_doc *pd, xmlNodePtr n)
{
	struct xmlfeed_rec r;
	xmlNodePtr c;
	xmlChar *about;
	int rc = 0;

	if (xmlfeed_rec_start(&r) == -1)
		return -1;
	/* RSS 1.0: the item's URI is its id */
	if (!pd->atom && (about = xmlGetNsProp(n, BAD_CAST "about",
	    BAD_CAST NS_RDF)) != NULL) {
		rc = xmlfeed_keep(&r.it->id, xmltext_trim(strdup(
		    (const char *)about)));
		xmlFree(about);
	}
	for (c = n->children; c != NULL && rc == 0; c = c->next)
		rc = pd->atom ?
		    xmlfeed_atom_field(pd, &r, c, xmlfeed_field_of(pd, c)) :
		    xmlfeed_rss_field(pd, &r, c, xmlfeed_field_of(pd, c));
	xmlfeed_rec_finish(&r);
	if (rc == -1) {
		item_free(r.it);
		return -1;
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
	enum xmlformat_field f;
	xmlNodePtr c;
	int rc = 0;

	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		switch ((f = xmlfeed_field_of(pd, c))) {
		case XMLFORMAT_ITEM:
			if (pd->list->count < pd->lim->max_items)
				rc = xmlfeed_item(pd, c);
			break;
		case XMLFORMAT_CHANNEL:
			rc = xmlfeed_children(pd, ch, c);
			break;
		case XMLFORMAT_TITLE:
			rc = xmlfeed_keep(&ch->it->title, pd->atom &&
			    xmlfeed_is(c, pd->home, "title") ?
			    xmltext_construct(pd->doc, c) :
			    xmlfeed_rss_text(c));
			break;
		case XMLFORMAT_LINK:
		case XMLFORMAT_ATOMLINK:
			rc = pd->atom ? xmlfeed_atom_link(pd, ch, c, 0) :
			    xmlfeed_rss_field(pd, ch, c, f);
			break;
		case XMLFORMAT_ID:
			rc = xmlfeed_atom_id(pd, ch, c);
			break;
		default:
			break;
		}
	}
	return rc;
}

/* A CDF date attribute ("1998-11-05T08:15-0500", W3C-DTF) into *t. */
static void
xmlfeed_cdf_date(time_t *t, xmlNodePtr n)
{
	xmlChar *v;
	time_t d;

	if ((v = xmlGetNoNsProp(n, BAD_CAST "LASTMOD")) != NULL &&
	    date_parse((const char *)v, &d) == 0)
		*t = d;
	xmlFree(v);
}

/*
 * A CDF CHANNEL: its TITLE, ABSTRACT, HREF and LASTMOD into r, its ITEMs
 * (and those of nested CHANNELs) into the list.
 */
static int
xmlfeed_cdf(struct xmlfeed_doc *pd, struct xmlfeed_rec *r, xmlNodePtr n)
{
	struct xmlfeed_rec ir;
	xmlNodePtr c;
	xmlChar *href;
	int rc = 0;

	/* CDF's BASE attribute is what xml:base became. */
	if ((href = xmlGetNoNsProp(n, BAD_CAST "BASE")) != NULL)
		xmlNodeSetBase(n, href);
	xmlFree(href);
	href = xmlGetNoNsProp(n, BAD_CAST "HREF");
	rc = xmlfeed_offer_link(pd, r, n, (const char *)href, RANK_MAIN);
	xmlFree(href);
	xmlfeed_cdf_date(&r->it->updated, n);
	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		if (xmlfeed_is(c, NULL, "TITLE"))
			rc = xmlfeed_keep(&r->it->title, xmltext_text(c));
		else if (xmlfeed_is(c, NULL, "ABSTRACT"))
			rc = xmlfeed_keep(&r->it->summary, xmltext_text(c));
		else if (xmlfeed_is(c, NULL, "CHANNEL"))
			rc = xmlfeed_cdf(pd, r, c);
		else if (xmlfeed_is(c, NULL, "ITEM") &&
		    pd->list->count < pd->lim->max_items) {
			if (xmlfeed_rec_start(&ir) == -1)
				return -1;
			if ((rc = xmlfeed_cdf(pd, &ir, c)) == 0)
				item_list_append(pd->list, ir.it);
			else
				item_free(ir.it);
		}
	}
	return rc;
}

/* Walk a recognized document into pd->list. */
static int
xmlfeed_walk(struct xmlfeed_doc *pd, xmlNodePtr root)
{
	enum xmlformat_shape shape = xmlformat_shape(pd->fmt);
	struct xmlfeed_rec ch;
	int rc;

	if ((pd->list->format = strdup(xmlformat_name(pd->fmt))) == NULL ||
	    xmlfeed_rec_start(&ch) == -1)
		return -1;
	if (shape == XMLFORMAT_SHAPE_ENTRY)
		rc = pd->lim->max_items > 0 ? xmlfeed_item(pd, root) : 0;
	else if (shape == XMLFORMAT_SHAPE_CDF)
		rc = xmlfeed_cdf(pd, &ch, root);
	else
		rc = xmlfeed_children(pd, &ch, root);
	xmlfeed_rec_finish(&ch);
	pd->list->title = ch.it->title;
	pd->list->link = ch.it->link;
	ch.it->title = ch.it->link = NULL;
	item_free(ch.it);
	return rc;
}

/* A feed read while its document is parsed. */
struct xmlfeed {
	struct xmlfeed_doc	 pd;	 /* pd.list owned until finish */
	int			 looked; /* the root was looked at */
	int			 nomem;	 /* ENOMEM on the way */
};

struct xmlfeed *
xmlfeed_new(const struct parse_limits *lim)
{
	struct xmlfeed *xf;

	if ((xf = calloc(1, sizeof(*xf))) == NULL)
		return NULL;
	xf->pd.lim = lim;
	return xf;
}

void
xmlfeed_free(struct xmlfeed *xf)
{
	if (xf == NULL)
		return;
	item_list_free(xf->pd.list);
	free(xf);
}

/* Recognize the format from the root as soon as the first element ends. */
static void
xmlfeed_look(struct xmlfeed *xf, xmlDocPtr doc)
{
	xmlNodePtr root;

	xf->looked = 1;
	xf->pd.doc = doc;
	if ((root = xmlDocGetRootElement(doc)) == NULL ||
	    (xf->pd.fmt = xmlformat_of(root, &xf->pd.home)) == NULL)
		return;
	xf->pd.atom = xmlformat_shape(xf->pd.fmt) == XMLFORMAT_SHAPE_ATOM ||
	    xmlformat_shape(xf->pd.fmt) == XMLFORMAT_SHAPE_ENTRY;
	if ((xf->pd.list = item_list_new()) == NULL)
		xf->nomem = 1;
}

void
xmlfeed_element_end(struct xmlfeed *xf, xmlDocPtr doc, xmlNodePtr n)
{
	xmlNodePtr p;

	if (!xf->looked)
		xmlfeed_look(xf, doc);
	/* An entry document and CDF's nested channels are read at the end. */
	if (xf->pd.fmt == NULL || xf->nomem ||
	    xmlformat_shape(xf->pd.fmt) == XMLFORMAT_SHAPE_ENTRY ||
	    xmlformat_shape(xf->pd.fmt) == XMLFORMAT_SHAPE_CDF ||
	    (p = n->parent) == NULL ||
	    xmlfeed_field_of(&xf->pd, n) != XMLFORMAT_ITEM ||
	    (p != xmlDocGetRootElement(doc) &&
	    xmlfeed_field_of(&xf->pd, p) != XMLFORMAT_CHANNEL))
		return;
	if (xf->pd.list->count < xf->pd.lim->max_items &&
	    xmlfeed_item(&xf->pd, n) == -1)
		xf->nomem = 1;
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

struct item_list *
xmlfeed_finish(struct xmlfeed *xf, xmlDocPtr doc, char *err,
    size_t errlen)
{
	const struct parse_limits *lim = xf->pd.lim;
	struct item_list *l;
	xmlNodePtr root;

	if ((root = xmlDocGetRootElement(doc)) == NULL) {
		snprintf(err, errlen, "malformed XML (no root element)");
		return NULL;
	}
	if (xf->pd.fmt == NULL) {
		/* not known while parsing (or never looked at): look now */
		item_list_free(xf->pd.list);
		memset(&xf->pd, 0, sizeof(xf->pd));
		xf->pd.lim = lim;
		xmlfeed_look(xf, doc);
	}
	if (xf->pd.fmt == NULL) {
		xmlformat_not_feed(root, err, errlen);
		return NULL;
	}
	xf->pd.doc = doc;
	if (xf->nomem || xmlfeed_walk(&xf->pd, root) == -1) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l = xf->pd.list;
	xf->pd.list = NULL;
	return l;
}
