/*
 * Feed documents in XML: the element-to-field table of each format (RSS
 * 0.9x/2.0, RSS 1.0 (RDF) with its modules, Atom 0.3/1.0, and the common
 * namespaces), the rules for text constructs and for choosing an item's
 * link, turning a parsed libxml2 tree into an item list. Single elements'
 * attachments, categories, authors and durations are read by xmlitem.
 * Pure: a tree and limits in, items out; no I/O, no globals.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/item.h"
#include "feeds/parse.h"
#include "feeds/url.h"
#include "feeds/xmlfeed.h"
#include "feeds/xmlitem.h"
#include "feeds/xmltext.h"

#define NS_ATOM03	"http://purl.org/atom/ns#"
#define NS_ATOM10	"http://www.w3.org/2005/Atom"
#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS	"http://purl.org/dc/terms/"
#define NS_ITUNES	"http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_ITUNES_UC	"http://www.itunes.com/DTDs/Podcast-1.0.dtd"
#define NS_MEDIA	"http://search.yahoo.com/mrss/"
#define NS_MEDIA_OLD	"http://search.yahoo.com/mrss"
#define NS_RDF		"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS090	"http://my.netscape.com/rdf/simple/0.9/"
#define NS_RSS10	"http://purl.org/rss/1.0/"
#define NS_RSS11	"http://purl.org/net/rss1.1#"
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
	PF_UPDATED,
	PF_ENCLOSURE,		/* RSS <enclosure url type length> */
	PF_XHTML_BODY,		/* xhtml:body as an item's content */
	PF_ALT_AUTHOR,		/* itunes:author: when there is no author */
	PF_ALT_SUMMARY,		/* itunes:summary, media:description */
	PF_ALT_TITLE,		/* media:title */
	PF_DURATION,		/* itunes:duration */
	PF_IMAGE_HREF,		/* itunes:image href */
	PF_KEYWORDS,		/* comma-separated categories */
	PF_TEXT_CATEGORY,	/* itunes:category text */
	PF_MEDIA_CATEGORY,	/* media:category: its text */
	PF_MEDIA_CONTENT,	/* media:content url type medium fileSize */
	PF_MEDIA_GROUP,		/* media:group: its children count */
	PF_MEDIA_THUMBNAIL	/* media:thumbnail url */
};

struct xmlfeed_tag {
	const char	*ns;	/* "" for the format's own namespace */
	const char	*name;
	enum xmlfeed_field field;
};

/* RSS 0.9x/2.0 and RSS 1.0 channel and item children (keep sorted). */
static const struct xmlfeed_tag xmlfeed_rss_tags[] = {
	{ "", "author", PF_AUTHOR },
	{ "", "body", PF_XHTML_BODY },
	{ "", "category", PF_CATEGORY },
	{ "", "channel", PF_CHANNEL },
	{ "", "description", PF_SUMMARY },
	{ "", "enclosure", PF_ENCLOSURE },
	{ "", "fullitem", PF_CONTENT },
	{ "", "guid", PF_GUID },
	{ "", "id", PF_ID },
	{ "", "item", PF_ITEM },
	{ "", "items", PF_CHANNEL },	/* RSS 1.1's list of items */
	{ "", "link", PF_LINK },
	{ "", "pubDate", PF_PUBLISHED },
	{ "", "published", PF_PUBLISHED },
	{ "", "summary", PF_SUMMARY },
	{ "", "title", PF_TITLE },
	{ "", "updated", PF_UPDATED },
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
};

/*
 * The modules and namespaces read in any format, by namespace URI
 * (keep sorted). dc:date is the updated date, as feedparser reads it.
 */
static const struct xmlfeed_tag xmlfeed_ext_tags[] = {
	{ NS_DC, "creator", PF_AUTHOR },
	{ NS_DC, "date", PF_UPDATED },
	{ NS_DC, "description", PF_SUMMARY },
	{ NS_DC, "subject", PF_CATEGORY },
	{ NS_DC, "title", PF_TITLE },
	{ NS_DCTERMS, "created", PF_CREATED },
	{ NS_DCTERMS, "issued", PF_PUBLISHED },
	{ NS_DCTERMS, "modified", PF_UPDATED },
	{ NS_CONTENT, "encoded", PF_CONTENT },
	{ NS_MEDIA_OLD, "category", PF_MEDIA_CATEGORY },
	{ NS_MEDIA_OLD, "content", PF_MEDIA_CONTENT },
	{ NS_MEDIA_OLD, "description", PF_ALT_SUMMARY },
	{ NS_MEDIA_OLD, "group", PF_MEDIA_GROUP },
	{ NS_MEDIA_OLD, "keywords", PF_KEYWORDS },
	{ NS_MEDIA_OLD, "thumbnail", PF_MEDIA_THUMBNAIL },
	{ NS_MEDIA_OLD, "title", PF_ALT_TITLE },
	{ NS_MEDIA, "category", PF_MEDIA_CATEGORY },
	{ NS_MEDIA, "content", PF_MEDIA_CONTENT },
	{ NS_MEDIA, "description", PF_ALT_SUMMARY },
	{ NS_MEDIA, "group", PF_MEDIA_GROUP },
	{ NS_MEDIA, "keywords", PF_KEYWORDS },
	{ NS_MEDIA, "thumbnail", PF_MEDIA_THUMBNAIL },
	{ NS_MEDIA, "title", PF_ALT_TITLE },
	{ NS_ITUNES_UC, "author", PF_ALT_AUTHOR },
	{ NS_ITUNES_UC, "category", PF_TEXT_CATEGORY },
	{ NS_ITUNES_UC, "duration", PF_DURATION },
	{ NS_ITUNES_UC, "image", PF_IMAGE_HREF },
	{ NS_ITUNES_UC, "keywords", PF_KEYWORDS },
	{ NS_ITUNES_UC, "summary", PF_ALT_SUMMARY },
	{ NS_ITUNES, "author", PF_ALT_AUTHOR },
	{ NS_ITUNES, "category", PF_TEXT_CATEGORY },
	{ NS_ITUNES, "duration", PF_DURATION },
	{ NS_ITUNES, "image", PF_IMAGE_HREF },
	{ NS_ITUNES, "keywords", PF_KEYWORDS },
	{ NS_ITUNES, "summary", PF_ALT_SUMMARY },
	{ NS_XHTML, "body", PF_XHTML_BODY },
	{ NS_ATOM10, "link", PF_ATOMLINK },
	{ NS_ATOM10, "updated", PF_UPDATED },
};

/* One parsed document being turned into a list. */
struct xmlfeed_doc {
	xmlDocPtr			 doc;	/* borrows */
	const char			*home;	/* borrows: own namespace */
	const struct xmlfeed_tag	*tags;	/* borrows: a table above */
	size_t				 ntags;
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
	key.name = (const char *)n->name;
	if (ns == NULL ? pd->home == NULL :
	    pd->home != NULL && strcmp(ns, pd->home) == 0) {
		key.ns = "";
		t = bsearch(&key, pd->tags, pd->ntags, sizeof(*pd->tags),
		    xmlfeed_tag_cmp);
	} else if (ns == NULL)
		return PF_NONE;
	else {
		key.ns = ns;
		t = bsearch(&key, xmlfeed_ext_tags, sizeof(xmlfeed_ext_tags) /
		    sizeof(xmlfeed_ext_tags[0]), sizeof(xmlfeed_ext_tags[0]),
		    xmlfeed_tag_cmp);
	}
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
    xmlNodePtr, enum xmlfeed_field);
static int xmlfeed_atom_id(struct xmlfeed_doc *, struct xmlfeed_rec *,
    xmlNodePtr);
static int xmlfeed_atom_entry_link(struct xmlfeed_doc *,
    struct xmlfeed_rec *, xmlNodePtr, int);

/* media:group: its media children, as if they were the item's. */
static int
xmlfeed_media_group(struct xmlfeed_doc *pd, struct xmlfeed_rec *r,
    xmlNodePtr n)
{
	enum xmlfeed_field f;
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next)
		if ((f = xmlfeed_field_of(pd, c)) >= PF_ALT_AUTHOR &&
		    f != PF_MEDIA_GROUP &&
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
    xmlNodePtr n, enum xmlfeed_field f)
{
	struct item *it = r->it;
	xmlChar *v;
	int rc = 0;

	switch (f) {
	case PF_XHTML_BODY:
		return xmlfeed_body(pd, r, n, &it->content,
		    xmltext_markup(pd->doc, n));
	case PF_ALT_AUTHOR:
		return xmlfeed_keep(&r->alt_author,
		    xmlitem_author_name(xmltext_text(n)));
	case PF_ALT_SUMMARY:
		return xmlfeed_keep(&r->alt_summary, xmltext_html(pd->doc, n));
	case PF_ALT_TITLE:
		return xmlfeed_keep(&r->alt_title, xmltext_text(n));
	case PF_CREATED:
		return xmlfeed_date(&r->created, n);
	case PF_DURATION:
		return xmlitem_duration(it, n);
	case PF_IMAGE_HREF:
		return xmlitem_image(pd->doc, it, n, "href");
	case PF_KEYWORDS:
		return xmlitem_keywords(it, n);
	case PF_TEXT_CATEGORY:
		if ((v = xmlGetNoNsProp(n, BAD_CAST "text")) != NULL)
			rc = xmlitem_category(it, xmltext_trim(strdup(
			    (const char *)v)));
		xmlFree(v);
		return rc;
	case PF_MEDIA_CATEGORY:
		return xmlitem_category(it, xmltext_text(n));
	case PF_MEDIA_CONTENT:
		return xmlitem_media_content(pd->doc, it, n);
	case PF_MEDIA_GROUP:
		return xmlfeed_media_group(pd, r, n);
	case PF_MEDIA_THUMBNAIL:
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
    xmlNodePtr n, enum xmlfeed_field f)
{
	struct item *it = r->it;

	switch (f) {
	case PF_TITLE:
		return xmlfeed_keep(&it->title, xmlfeed_rss_text(n));
	case PF_LINK:
		/* <link href="..."/>: Atom's shape without its namespace */
		if (xmlHasProp(n, BAD_CAST "href") != NULL)
			return xmlfeed_atom_entry_link(pd, r, n, 0);
		return xmlfeed_text_link(pd, r, n, RANK_MAIN);
	case PF_ID:
		return xmlfeed_atom_id(pd, r, n);
	case PF_ATOMLINK:
		return xmlfeed_atom_entry_link(pd, r, n, 1);
	case PF_GUID:
		return xmlfeed_rss_guid(pd, r, n);
	case PF_SUMMARY:
		return xmlfeed_body(pd, r, n, &it->summary,
		    xmltext_html(pd->doc, n));
	case PF_CONTENT:
		return xmlfeed_body(pd, r, n, &it->content,
		    xmltext_html(pd->doc, n));
	case PF_PUBLISHED:
		return xmlfeed_date(&it->published, n);
	case PF_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case PF_AUTHOR:
		return xmlfeed_rss_author(it, n);
	case PF_CATEGORY:
		return xmlitem_category(it, xmltext_text(n));
	case PF_ENCLOSURE:
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
    xmlNodePtr n, enum xmlfeed_field f)
{
	struct item *it = r->it;

	switch (f) {
	case PF_ID:
		return xmlfeed_atom_id(pd, r, n);
	case PF_TITLE:
		return xmlfeed_keep(&it->title, xmltext_construct(pd->doc, n));
	case PF_LINK:
		return xmlfeed_atom_entry_link(pd, r, n, 0);
	case PF_ATOMLINK:
		return xmlfeed_atom_entry_link(pd, r, n, 1);
	case PF_SUMMARY:
		return xmlfeed_body(pd, r, n, &it->summary,
		    xmltext_construct(pd->doc, n));
	case PF_CONTENT:
		return xmlfeed_atom_content(pd, r, n);
	case PF_PUBLISHED:
		return xmlfeed_date(&it->published, n);
	case PF_UPDATED:
		return xmlfeed_date(&it->updated, n);
	case PF_AUTHOR:
		return xmlfeed_atom_author(pd, it, n);
	case PF_CATEGORY:
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
	enum xmlfeed_field f;
	xmlNodePtr c;
	int rc = 0;

	for (c = n->children; c != NULL && rc == 0; c = c->next) {
		switch ((f = xmlfeed_field_of(pd, c))) {
		case PF_ITEM:
			if (pd->list->count < pd->lim->max_items)
				rc = xmlfeed_item(pd, c);
			break;
		case PF_CHANNEL:
			rc = xmlfeed_children(pd, ch, c);
			break;
		case PF_TITLE:
			rc = xmlfeed_keep(&ch->it->title, pd->atom &&
			    xmlfeed_is(c, pd->home, "title") ?
			    xmltext_construct(pd->doc, c) :
			    xmlfeed_rss_text(c));
			break;
		case PF_LINK:
		case PF_ATOMLINK:
			rc = pd->atom ? xmlfeed_atom_link(pd, ch, c, 0) :
			    xmlfeed_rss_field(pd, ch, c, f);
			break;
		case PF_ID:
			rc = xmlfeed_atom_id(pd, ch, c);
			break;
		default:
			break;
		}
	}
	return rc;
}

/*
 * RSS 1.0 (and 0.90): find the RSS namespace from the channel or items,
 * or from the default namespace of an empty feed; a bare <rdf> root with
 * items in no namespace is read too. -1 when it is some other RDF.
 */
static int
xmlfeed_rdf_home(struct xmlfeed_doc *pd, xmlNodePtr root)
{
	static const char *const homes[] = { NS_RSS10, NS_RSS090, NULL };
	xmlNodePtr c;
	xmlNsPtr ns;
	size_t i;

	for (c = root->children; c != NULL; c = c->next)
		for (i = 0; i < sizeof(homes) / sizeof(homes[0]); i++)
			if (xmlfeed_is(c, homes[i], "channel") ||
			    xmlfeed_is(c, homes[i], "item")) {
				pd->home = homes[i];
				return 0;
			}
	for (ns = root->nsDef; ns != NULL; ns = ns->next)
		for (i = 0; i + 1 < sizeof(homes) / sizeof(homes[0]); i++)
			if (ns->prefix == NULL && ns->href != NULL &&
			    strcmp((const char *)ns->href, homes[i]) == 0) {
				pd->home = homes[i];
				return 0;
			}
	return -1;
}

enum xmlfeed_shape {
	PS_RSS,			/* <rss><channel><item> */
	PS_RDF,			/* <rdf:RDF><channel/><item> */
	PS_ATOM,		/* <feed><entry> */
	PS_ENTRY,		/* an Atom entry document */
	PS_CDF			/* <CHANNEL><ITEM HREF> (Microsoft, 1997) */
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
	{ "", "CHANNEL", "cdf", PS_CDF },
	{ "", "feed", "atom", PS_ATOM },
	{ "", "rss", "rss", PS_RSS },
	{ NS_USERLAND, "rss", "rss", PS_RSS },
	{ NS_ATOM03, "feed", "atom", PS_ATOM },
	{ NS_RSS11, "Channel", "rss", PS_RSS },
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
	/* <rss>, <feed> or <rdf> in a namespace of their own (or none):
	 * read as meant. */
	if (f == NULL && strcasecmp(key.name, "rdf") == 0) {
		key.ns = NS_RDF;
		key.name = "RDF";
		f = bsearch(&key, xmlfeed_formats, sizeof(xmlfeed_formats) /
		    sizeof(xmlfeed_formats[0]), sizeof(xmlfeed_formats[0]),
		    xmlfeed_format_cmp);
	} else if (f == NULL && (strcmp(key.name, "rss") == 0 ||
	    strcmp(key.name, "feed") == 0)) {
		key.ns = "";
		f = bsearch(&key, xmlfeed_formats, sizeof(xmlfeed_formats) /
		    sizeof(xmlfeed_formats[0]), sizeof(xmlfeed_formats[0]),
		    xmlfeed_format_cmp);
	}
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
	if (f->shape != PS_RDF && *key.ns != '\0')
		pd->home = *f->ns != '\0' ? f->ns : NULL;
	else if (f->shape != PS_RDF)
		pd->home = root->ns != NULL ? (const char *)root->ns->href :
		    NULL;
	else if (xmlfeed_rdf_home(pd, root) == -1)
		return NULL;
	return f;
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
xmlfeed_walk(struct xmlfeed_doc *pd, const struct xmlfeed_format *f,
    xmlNodePtr root)
{
	struct xmlfeed_rec ch;
	int rc;

	if ((pd->list->format = strdup(f->format)) == NULL ||
	    xmlfeed_rec_start(&ch) == -1)
		return -1;
	if (f->shape == PS_ENTRY)
		rc = pd->lim->max_items > 0 ? xmlfeed_item(pd, root) : 0;
	else if (f->shape == PS_CDF)
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

/* A feed read while its document is parsed. */
struct xmlfeed {
	struct xmlfeed_doc		 pd;	/* pd.list owned until finish */
	const struct xmlfeed_format	*f;	/* borrows: once known */
	int				 looked; /* the root was looked at */
	int				 nomem;	/* ENOMEM on the way */
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
	    (xf->f = xmlfeed_format_of(&xf->pd, root)) == NULL)
		return;
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
	if (xf->f == NULL || xf->nomem || xf->f->shape == PS_ENTRY ||
	    xf->f->shape == PS_CDF || (p = n->parent) == NULL ||
	    xmlfeed_field_of(&xf->pd, n) != PF_ITEM ||
	    (p != xmlDocGetRootElement(doc) &&
	    xmlfeed_field_of(&xf->pd, p) != PF_CHANNEL))
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
	if (xf->f == NULL) {
		/* not known while parsing (or never looked at): look now */
		item_list_free(xf->pd.list);
		memset(&xf->pd, 0, sizeof(xf->pd));
		xf->pd.lim = lim;
		xmlfeed_look(xf, doc);
	}
	if (xf->f == NULL) {
		xmlfeed_not_feed(root, err, errlen);
		return NULL;
	}
	xf->pd.doc = doc;
	if (xf->nomem || xmlfeed_walk(&xf->pd, xf->f, root) == -1) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l = xf->pd.list;
	xf->pd.list = NULL;
	return l;
}
