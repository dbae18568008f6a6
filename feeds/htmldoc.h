/*
 * HTML pages as documents: libxml2's HTML parser run the one safe way
 * (no network, recovery on, errors quiet, a size cap, tags of absurdly
 * many attributes defused first). The article extractor, the selector
 * scraper and the list finder all read pages through it.
 */
#ifndef FEEDS_HTMLDOC_H
#define FEEDS_HTMLDOC_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

/* Largest page parsed, in bytes. */
#define HTMLDOC_MAX	(16 * 1024 * 1024)

/*
 * Parse the UTF-8 page html[0..len) into a new document (caller frees
 * with xmlFreeDoc). NULL with err filled when it is over HTMLDOC_MAX, has
 * no root element, or on ENOMEM.
 */
htmlDocPtr	 htmldoc_parse(const char *html, size_t len, char *err,
		    size_t errlen);

/* The value of attribute name (any case) of n, borrowed; "" when it has
 * none, NULL when absent. */
const char	*htmldoc_attr(const xmlNode *n, const char *name);
/* The node after n in document order, not entering n's children unless
 * descend, never leaving root; NULL at the end. */
xmlNode		*htmldoc_next(xmlNode *n, xmlNode *root, int descend);
/* "class id" of n, lower-cased, into buf (returned). */
const char	*htmldoc_classid(const xmlNode *n, char *buf, size_t size);

#endif /* FEEDS_HTMLDOC_H */
