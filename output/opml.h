/*
 * OPML 2.0 list of the configured sources (sources.opml).
 */
#ifndef OUTPUT_OPML_H
#define OUTPUT_OPML_H

#include <stddef.h>

struct opml_outline {
	const char	*title;		/* borrows: display name */
	const char	*xml_url;	/* borrows: the source's URL */
	const char	*html_url;	/* borrows: site link, or NULL */
};

char	*opml_render(const char *title, const struct opml_outline *o,
	    size_t n, size_t *lenp);

#endif /* OUTPUT_OPML_H */
