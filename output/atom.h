/*
 * The Atom 1.0 writer (RFC 4287): an item list to a feed document.
 */
#ifndef OUTPUT_ATOM_H
#define OUTPUT_ATOM_H

#include <stddef.h>

#include "feeds/item.h"

struct atom_feed {
	const char	*id;		/* borrows: the feed's IRI */
	const char	*title;		/* borrows: plain text */
	const char	*subtitle;	/* borrows: plain text, or NULL */
	const char	*self;		/* borrows: this document's URL */
	const char	*alternate;	/* borrows: the HTML index URL */
	const char	*author;	/* borrows: the feed's author name */
	const char	*generator_version; /* borrows */
};

/*
 * Render the entries (newest first, as given; item.uid is the entry id,
 * source_* give the <source> element) as a UTF-8 Atom document. The feed's
 * <updated> is the newest entry's, so the same entries render the same
 * bytes. Returns a malloc'd buffer and its length, or NULL on ENOMEM.
 */
char	*atom_render(const struct atom_feed *, const struct item_list *entries,
	    size_t *lenp);

#endif /* OUTPUT_ATOM_H */
