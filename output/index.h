/*
 * The HTML index of the published feeds, with subscribe links and
 * auto-discovery <link rel="alternate"> elements.
 */
#ifndef OUTPUT_INDEX_H
#define OUTPUT_INDEX_H

#include <stddef.h>

struct index_feed {
	const char	*title;		/* borrows: plain text */
	const char	*path;		/* borrows: relative path, "feed.atom" */
	size_t		 entries;	/* how many entries it holds */
};

/* Render the index page; base is the public base URL (ends in '/'). */
char	*index_render(const char *title, const char *base,
	    const struct index_feed *feeds, size_t n, size_t *lenp);

#endif /* OUTPUT_INDEX_H */
