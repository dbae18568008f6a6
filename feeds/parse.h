/*
 * Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0 documents to an
 * item list, with libxml2 in its safe mode (no network, no DTD loading, no
 * entity expansion). Pure: bytes and limits in, items or an error out.
 */
#ifndef FEEDS_PARSE_H
#define FEEDS_PARSE_H

#include <stddef.h>

#include "feeds/item.h"

struct parse_limits {
	size_t	 max_size;	/* refuse documents larger than this */
	size_t	 max_items;	/* keep at most this many items */
};

/*
 * Parse the document buf[0..len) fetched from url (used as the base for
 * relative links together with xml:base), served as content_type (the
 * HTTP header, or NULL for a file). RSS, RDF, Atom and JSON Feed are
 * recognized by content, whatever the type says. On success returns a new
 * list (caller frees) with links resolved to absolute URLs, dates in UTC
 * seconds, title/summary/content as found (HTML, not yet sanitized),
 * format and encoding set, and a warning for each thing recovered or
 * guessed. On error returns NULL and writes "line N: message" or a plain
 * message into err ("not a feed: an HTML page").
 */
struct item_list *parse_feed(const char *buf, size_t len, const char *url,
		    const char *content_type, const struct parse_limits *lim,
		    char *err, size_t errlen);

/* What parse_feed writes into err for an HTML page: the page may
 * announce its feed (parse_discover). */
#define PARSE_HTML_PAGE	"not a feed: an HTML page"

/*
 * The feed an HTML page buf[0..len) fetched from url (served as
 * content_type, or NULL) announces with <link rel="alternate">, best
 * first: a malloc'd absolute http(s) URL, with its kind ("rss", "atom",
 * "rdf", "json") copied into type; NULL when it announces none (or on
 * ENOMEM).
 */
char	*parse_discover(const char *buf, size_t len, const char *url,
	    const char *content_type, char *type, size_t typelen);

#endif /* FEEDS_PARSE_H */
