/*
 * Format recognition for XML feeds: the root element of each format (RSS
 * 0.9x/2.0, RSS 1.0 (RDF) and 1.1, Atom 0.3/1.0, CDF) and its own
 * namespace, and the element-to-field tables of RSS, of Atom and of the
 * common namespaces (Dublin Core, content, Media RSS, iTunes, XHTML).
 * Pure: elements in, table rows out; no I/O, no globals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feeds/parse.h"
#include "feeds/xmlformat.h"


struct xmlformat_tag {
	const char	*ns;	/* "" for the format's own namespace */
	const char	*name;
	enum xmlformat_field field;
};

/* RSS 0.9x/2.0 and RSS 1.0 channel and item children (keep sorted). */
static const struct xmlformat_tag xmlformat_rss_tags[] = {
	{ "", "author", XMLFORMAT_AUTHOR },
	{ "", "body", XMLFORMAT_XHTML_BODY },
	{ "", "category", XMLFORMAT_CATEGORY },
	{ "", "channel", XMLFORMAT_CHANNEL },
	{ "", "description", XMLFORMAT_SUMMARY },
	{ "", "enclosure", XMLFORMAT_ENCLOSURE },
	{ "", "fullitem", XMLFORMAT_CONTENT },
	{ "", "guid", XMLFORMAT_GUID },
	{ "", "id", XMLFORMAT_ID },
	{ "", "item", XMLFORMAT_ITEM },
	{ "", "items", XMLFORMAT_CHANNEL },	/* RSS 1.1's list of items */
	{ "", "link", XMLFORMAT_LINK },
	{ "", "pubDate", XMLFORMAT_PUBLISHED },
	{ "", "published", XMLFORMAT_PUBLISHED },
	{ "", "summary", XMLFORMAT_SUMMARY },
	{ "", "title", XMLFORMAT_TITLE },
	{ "", "updated", XMLFORMAT_UPDATED },
};
#define XMLFORMAT_NRSS \
	(sizeof(xmlformat_rss_tags) / sizeof(xmlformat_rss_tags[0]))

/* Atom 1.0 and 0.3 feed and entry children (keep sorted). */
static const struct xmlformat_tag xmlformat_atom_tags[] = {
	{ "", "author", XMLFORMAT_AUTHOR },
	{ "", "category", XMLFORMAT_CATEGORY },
	{ "", "content", XMLFORMAT_CONTENT },
	{ "", "created", XMLFORMAT_CREATED },
	{ "", "entry", XMLFORMAT_ITEM },
	{ "", "id", XMLFORMAT_ID },
	{ "", "issued", XMLFORMAT_PUBLISHED },
	{ "", "link", XMLFORMAT_LINK },
	{ "", "modified", XMLFORMAT_UPDATED },
	{ "", "published", XMLFORMAT_PUBLISHED },
	{ "", "summary", XMLFORMAT_SUMMARY },
	{ "", "title", XMLFORMAT_TITLE },
	{ "", "updated", XMLFORMAT_UPDATED },
};
#define XMLFORMAT_NATOM \
	(sizeof(xmlformat_atom_tags) / sizeof(xmlformat_atom_tags[0]))

/*
 * The modules and namespaces read in any format, by namespace URI
 * (keep sorted). dc:date is the updated date, as feedparser reads it.
 */
static const struct xmlformat_tag xmlformat_ext_tags[] = {
	{ NS_DC, "creator", XMLFORMAT_AUTHOR },
	{ NS_DC, "date", XMLFORMAT_UPDATED },
	{ NS_DC, "description", XMLFORMAT_SUMMARY },
	{ NS_DC, "subject", XMLFORMAT_CATEGORY },
	{ NS_DC, "title", XMLFORMAT_TITLE },
	{ NS_DCTERMS, "created", XMLFORMAT_CREATED },
	{ NS_DCTERMS, "issued", XMLFORMAT_PUBLISHED },
	{ NS_DCTERMS, "modified", XMLFORMAT_UPDATED },
	{ NS_CONTENT, "encoded", XMLFORMAT_CONTENT },
	{ NS_MEDIA_OLD, "category", XMLFORMAT_MEDIA_CATEGORY },
	{ NS_MEDIA_OLD, "content", XMLFORMAT_MEDIA_CONTENT },
	{ NS_MEDIA_OLD, "description", XMLFORMAT_ALT_SUMMARY },
	{ NS_MEDIA_OLD, "group", XMLFORMAT_MEDIA_GROUP },
	{ NS_MEDIA_OLD, "keywords", XMLFORMAT_KEYWORDS },
	{ NS_MEDIA_OLD, "thumbnail", XMLFORMAT_MEDIA_THUMBNAIL },
	{ NS_MEDIA_OLD, "title", XMLFORMAT_ALT_TITLE },
	{ NS_MEDIA, "category", XMLFORMAT_MEDIA_CATEGORY },
	{ NS_MEDIA, "content", XMLFORMAT_MEDIA_CONTENT },
	{ NS_MEDIA, "description", XMLFORMAT_ALT_SUMMARY },
	{ NS_MEDIA, "group", XMLFORMAT_MEDIA_GROUP },
	{ NS_MEDIA, "keywords", XMLFORMAT_KEYWORDS },
	{ NS_MEDIA, "thumbnail", XMLFORMAT_MEDIA_THUMBNAIL },
	{ NS_MEDIA, "title", XMLFORMAT_ALT_TITLE },
	{ NS_ITUNES_UC, "author", XMLFORMAT_ALT_AUTHOR },
	{ NS_ITUNES_UC, "category", XMLFORMAT_TEXT_CATEGORY },
	{ NS_ITUNES_UC, "duration", XMLFORMAT_DURATION },
	{ NS_ITUNES_UC, "image", XMLFORMAT_IMAGE_HREF },
	{ NS_ITUNES_UC, "keywords", XMLFORMAT_KEYWORDS },
	{ NS_ITUNES_UC, "summary", XMLFORMAT_ALT_SUMMARY },
	{ NS_ITUNES, "author", XMLFORMAT_ALT_AUTHOR },
	{ NS_ITUNES, "category", XMLFORMAT_TEXT_CATEGORY },
	{ NS_ITUNES, "duration", XMLFORMAT_DURATION },
	{ NS_ITUNES, "image", XMLFORMAT_IMAGE_HREF },
	{ NS_ITUNES, "keywords", XMLFORMAT_KEYWORDS },
	{ NS_ITUNES, "summary", XMLFORMAT_ALT_SUMMARY },
	{ NS_XHTML, "body", XMLFORMAT_XHTML_BODY },
	{ NS_ATOM10, "link", XMLFORMAT_ATOMLINK },
	{ NS_ATOM10, "updated", XMLFORMAT_UPDATED },
};
#define XMLFORMAT_NEXT \
	(sizeof(xmlformat_ext_tags) / sizeof(xmlformat_ext_tags[0]))

struct xmlformat {
	const char	*ns;		/* of the root element; "" for none */
	const char	*name;		/* of the root element */
	const char	*format;	/* for item_list.format */
	enum xmlformat_shape shape;
};

/*
 * Root elements of the feed formats (keep sorted). Un-namespaced <feed>
 * and UserLand's RSS 2.0 namespace are common mistakes, read as meant.
 */
static const struct xmlformat xmlformat_formats[] = {
	{ "", "CHANNEL", "cdf", XMLFORMAT_SHAPE_CDF },
	{ "", "feed", "atom", XMLFORMAT_SHAPE_ATOM },
	{ "", "rss", "rss", XMLFORMAT_SHAPE_RSS },
	{ NS_USERLAND, "rss", "rss", XMLFORMAT_SHAPE_RSS },
	{ NS_ATOM03, "feed", "atom", XMLFORMAT_SHAPE_ATOM },
	{ NS_RSS11, "Channel", "rss", XMLFORMAT_SHAPE_RSS },
	{ NS_RDF, "RDF", "rdf", XMLFORMAT_SHAPE_RDF },
	{ NS_ATOM10, "entry", "atom", XMLFORMAT_SHAPE_ENTRY },
	{ NS_ATOM10, "feed", "atom", XMLFORMAT_SHAPE_ATOM },
};
#define XMLFORMAT_NFORMATS \
	(sizeof(xmlformat_formats) / sizeof(xmlformat_formats[0]))

static int
xmlformat_cmp(const void *key, const void *elem)
{
	const struct xmlformat *a = key, *b = elem;
	int c;

	if ((c = strcmp(a->ns, b->ns)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

static int
xmlformat_tag_cmp(const void *key, const void *elem)
{
	const struct xmlformat_tag *a = key, *b = elem;
	int c;

	if ((c = strcmp(a->ns, b->ns)) != 0)
		return c;
	return strcmp(a->name, b->name);
}

/* The row for root element ns:name (ns "" for none), NULL if none. */
static const struct xmlformat *
xmlformat_find(const char *ns, const char *name)
{
	struct xmlformat key;

	key.ns = ns;
	key.name = name;
	return bsearch(&key, xmlformat_formats, XMLFORMAT_NFORMATS,
	    sizeof(xmlformat_formats[0]), xmlformat_cmp);
}

/* 1 when n is the element ns:name (ns NULL: in no namespace). */
static int
xmlformat_is(xmlNodePtr n, const char *ns, const char *name)
{
	if (ns == NULL)
		return n->type == XML_ELEMENT_NODE && n->ns == NULL &&
		    strcmp((const char *)n->name, name) == 0;
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/*
 * RSS 1.0 (and 0.90): find the RSS namespace from the channel or items,
 * or from the default namespace of an empty feed; a bare <rdf> root with
 * items in no namespace is read too. -1 when it is some other RDF.
 */
static int
xmlformat_rdf_home(xmlNodePtr root, const char **home)
{
	static const char *const homes[] = { NS_RSS10, NS_RSS090, NULL };
	xmlNodePtr c;
	xmlNsPtr ns;
	size_t i;

	for (c = root->children; c != NULL; c = c->next)
		for (i = 0; i < sizeof(homes) / sizeof(homes[0]); i++)
			if (xmlformat_is(c, homes[i], "channel") ||
			    xmlformat_is(c, homes[i], "item")) {
				*home = homes[i];
				return 0;
			}
	for (ns = root->nsDef; ns != NULL; ns = ns->next)
		for (i = 0; i + 1 < sizeof(homes) / sizeof(homes[0]); i++)
			if (ns->prefix == NULL && ns->href != NULL &&
			    strcmp((const char *)ns->href, homes[i]) == 0) {
				*home = homes[i];
				return 0;
			}
	return -1;
}

/* Recognize the format by the root element, and its own namespace. */
const struct xmlformat *
xmlformat_of(xmlNodePtr root, const char **home)
{
	const struct xmlformat *f;
	const char *ns, *name = (const char *)root->name;

	ns = root->ns != NULL ? (const char *)root->ns->href : "";
	f = xmlformat_find(ns, name);
	/* <rss>, <feed> or <rdf> in a namespace of their own (or none):
	 * read as meant. */
	if (f == NULL && strcasecmp(name, "rdf") == 0) {
		ns = NS_RDF;
		f = xmlformat_find(ns, "RDF");
	} else if (f == NULL && (strcmp(name, "rss") == 0 ||
	    strcmp(name, "feed") == 0)) {
		ns = "";
		f = xmlformat_find(ns, name);
	}
	if (f == NULL)
		return NULL;
	if (f->shape != XMLFORMAT_SHAPE_RDF && *ns != '\0')
		*home = *f->ns != '\0' ? f->ns : NULL;
	else if (f->shape != XMLFORMAT_SHAPE_RDF)
		*home = root->ns != NULL ? (const char *)root->ns->href : NULL;
	else if (xmlformat_rdf_home(root, home) == -1)
		return NULL;
	return f;
}

const char *
xmlformat_name(const struct xmlformat *f)
{
	return f->format;
}

enum xmlformat_shape
xmlformat_shape(const struct xmlformat *f)
{
	return f->shape;
}

/* Map an element to its field by namespace URI and local name only. */
enum xmlformat_field
xmlformat_field(const struct xmlformat *f, const char *home, xmlNodePtr n)
{
	const struct xmlformat_tag *tags, *t;
	struct xmlformat_tag key;
	const char *ns;
	size_t ntags;

	if (n->type != XML_ELEMENT_NODE)
		return XMLFORMAT_NONE;
	ns = n->ns != NULL ? (const char *)n->ns->href : NULL;
	key.name = (const char *)n->name;
	if (ns == NULL ? home == NULL : home != NULL && strcmp(ns, home) == 0) {
		key.ns = "";
		if (f->shape == XMLFORMAT_SHAPE_ATOM ||
		    f->shape == XMLFORMAT_SHAPE_ENTRY) {
			tags = xmlformat_atom_tags;
			ntags = XMLFORMAT_NATOM;
		} else {
			tags = xmlformat_rss_tags;
			ntags = XMLFORMAT_NRSS;
		}
	} else if (ns == NULL)
		return XMLFORMAT_NONE;
	else {
		key.ns = ns;
		tags = xmlformat_ext_tags;
		ntags = XMLFORMAT_NEXT;
	}
	t = bsearch(&key, tags, ntags, sizeof(*tags), xmlformat_tag_cmp);
	return t != NULL ? t->field : XMLFORMAT_NONE;
}

/* Say what a document that is not a feed is, by its root element. */
void
xmlformat_not_feed(xmlNodePtr root, char *err, size_t errlen)
{
	const char *prefix;

	if (root->ns == NULL ? strcasecmp((const char *)root->name,
	    "html") == 0 : strcmp((const char *)root->ns->href,
	    NS_XHTML) == 0) {
		snprintf(err, errlen, "%s", PARSE_HTML_PAGE);
		return;
	}
	prefix = root->ns != NULL ? (const char *)root->ns->prefix : NULL;
	snprintf(err, errlen, "not an RSS or Atom feed (root element "
	    "<%.32s%s%.64s>)", prefix != NULL ? prefix : "",
	    prefix != NULL ? ":" : "", (const char *)root->name);
}
