/*
 * Which XML feed format a document is, by its root element, and which
 * item field each element of that format (or of a common namespace)
 * fills, for the XML feed reader (xmlfeed).
 */
#ifndef FEEDS_XMLFORMAT_H
#define FEEDS_XMLFORMAT_H

/* The namespaces the feed readers know, by URI. */
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

#include <stddef.h>

#include <libxml/tree.h>

/* What an element fills, whatever its format calls it. */
enum xmlformat_field {
	XMLFORMAT_NONE,
	XMLFORMAT_AUTHOR,
	XMLFORMAT_CATEGORY,
	XMLFORMAT_CHANNEL,
	XMLFORMAT_CONTENT,
	XMLFORMAT_CREATED,
	XMLFORMAT_GUID,
	XMLFORMAT_ID,
	XMLFORMAT_ITEM,
	XMLFORMAT_LINK,
	XMLFORMAT_ATOMLINK,
	XMLFORMAT_PUBLISHED,
	XMLFORMAT_SUMMARY,
	XMLFORMAT_TITLE,
	XMLFORMAT_UPDATED,
	XMLFORMAT_ENCLOSURE,		/* RSS <enclosure url type length> */
	XMLFORMAT_XHTML_BODY,		/* xhtml:body as an item's content */
	/* From here on (the order matters), also read inside media:group. */
	XMLFORMAT_ALT_AUTHOR,		/* itunes:author: when no author */
	XMLFORMAT_ALT_SUMMARY,		/* itunes:summary, media:description */
	XMLFORMAT_ALT_TITLE,		/* media:title */
	XMLFORMAT_DURATION,		/* itunes:duration */
	XMLFORMAT_IMAGE_HREF,		/* itunes:image href */
	XMLFORMAT_KEYWORDS,		/* comma-separated categories */
	XMLFORMAT_TEXT_CATEGORY,	/* itunes:category text */
	XMLFORMAT_MEDIA_CATEGORY,	/* media:category: its text */
	XMLFORMAT_MEDIA_CONTENT,	/* media:content url type medium ... */
	XMLFORMAT_MEDIA_GROUP,		/* media:group: its children count */
	XMLFORMAT_MEDIA_THUMBNAIL	/* media:thumbnail url */
};

/* How a format nests its items. */
enum xmlformat_shape {
	XMLFORMAT_SHAPE_RSS,		/* <rss><channel><item> */
	XMLFORMAT_SHAPE_RDF,		/* <rdf:RDF><channel/><item> */
	XMLFORMAT_SHAPE_ATOM,		/* <feed><entry> */
	XMLFORMAT_SHAPE_ENTRY,		/* an Atom entry document */
	XMLFORMAT_SHAPE_CDF		/* <CHANNEL><ITEM HREF> (Microsoft) */
};

/* A recognized format: one row of a static table, never freed. */
struct xmlformat;

/*
 * The format of the document whose root element is root, NULL when it is
 * not a feed's; *home is set to the format's own namespace (borrowed from
 * the table or from root's tree; NULL for none).
 */
const struct xmlformat	*xmlformat_of(xmlNodePtr root, const char **home);
/* The format's name, for item_list.format ("rss", "rdf", "atom", "cdf"). */
const char		*xmlformat_name(const struct xmlformat *);
enum xmlformat_shape	 xmlformat_shape(const struct xmlformat *);
/* The field element n fills in format f whose own namespace is home. */
enum xmlformat_field	 xmlformat_field(const struct xmlformat *f,
			    const char *home, xmlNodePtr n);
/* Say in err what a document that is not a feed is, by its root. */
void			 xmlformat_not_feed(xmlNodePtr root, char *err,
			    size_t errlen);

#endif /* FEEDS_XMLFORMAT_H */
