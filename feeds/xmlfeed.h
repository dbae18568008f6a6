/*
 * Feed documents in XML (RSS 0.9x/2.0, RSS 1.0, Atom 0.3/1.0 and their
 * common namespaces) from a parsed libxml2 tree to an item list.
 */
#ifndef FEEDS_XMLFEED_H
#define FEEDS_XMLFEED_H

#include <stddef.h>

#include "feeds/item.h"
#include "feeds/parse.h"

struct _xmlDoc;
struct _xmlNode;
struct xmlfeed;

/*
 * A feed read while its document is parsed, at most lim->max_items items
 * (lim is borrowed). The parser reports each element as it ends; a
 * finished item is read at once and leaves the tree, so a long feed never
 * sits in memory as a whole tree. NULL on ENOMEM.
 */
struct xmlfeed	*xmlfeed_new(const struct parse_limits *lim);
void		 xmlfeed_free(struct xmlfeed *);

/* Element n of doc has just ended (it is complete and still in the tree):
 * when it is an item of the feed, read it, unlink and free it. */
void		 xmlfeed_element_end(struct xmlfeed *, struct _xmlDoc *doc,
		    struct _xmlNode *n);

/*
 * Read what is left of doc once parsed (its URL, with xml:base, is the
 * base of relative links) and return the list (the caller frees it).
 * Returns NULL with err filled when the root is not a feed's ("not a
 * feed: an HTML page", "not an RSS or Atom feed (root element <x>)") or
 * on ENOMEM.
 */
struct item_list *xmlfeed_finish(struct xmlfeed *, struct _xmlDoc *doc,
		    char *err, size_t errlen);

#endif /* FEEDS_XMLFEED_H */
