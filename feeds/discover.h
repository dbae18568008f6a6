/*
 * Feed auto-discovery: the feeds an HTML page announces with
 * <link rel="alternate" type="application/rss+xml" href="..."> (and Atom,
 * RDF, JSON Feed), best first. Pure: bytes in, URLs out.
 */
#ifndef FEEDS_DISCOVER_H
#define FEEDS_DISCOVER_H

#include <stddef.h>

/* Feeds kept per page. */
#define DISCOVER_MAX	16

struct discover_feed {
	char	*url;		/* owns: absolute http(s) URL */
	char	*type;		/* owns: "rss", "atom", "rdf" or "json" */
	char	*title;		/* owns: the link's title, or NULL */
};

/*
 * Find the feeds announced by the HTML page html[0..len) (UTF-8) fetched
 * from url (the base, with <base href>). Fills out[0..n) (caller frees
 * each with discover_feed_clear) and returns n (0 when none), or -1 on
 * ENOMEM. Order: as announced, except that comment feeds ("comments" in
 * the title or URL) go last.
 */
int	 discover_feeds(const char *html, size_t len, const char *url,
	    struct discover_feed out[DISCOVER_MAX]);
void	 discover_feed_clear(struct discover_feed *);

#endif /* FEEDS_DISCOVER_H */
