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

/*
 * Read the tree doc (its URL, with xml:base, is the base of relative
 * links) into a new list (caller frees), at most lim->max_items items.
 * Returns NULL with err filled when the root is not a feed's ("not a
 * feed: an HTML page", "not an RSS or Atom feed (root element <x>)") or
 * on ENOMEM.
 */
struct item_list *xmlfeed_read(struct _xmlDoc *doc,
		    const struct parse_limits *lim, char *err, size_t errlen);

#endif /* FEEDS_XMLFEED_H */
