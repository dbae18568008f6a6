/*
 * Listing pages without selectors: find the list of article links a
 * person would pick (repeated sibling blocks that each carry a link and
 * usually a date or a summary; not navigation, footers, tag clouds or
 * pagination) and say it as selectors, so that the scraper reads it and
 * `unifeed preview` can show the user rules to paste into the feeds file.
 */
#ifndef FEEDS_LISTFIND_H
#define FEEDS_LISTFIND_H

#include <stddef.h>

#include <libxml/HTMLparser.h>

/* What was found: selectors in the feeds file's CSS subset. */
struct listfind {
	char	*items;		/* owns: selects the item blocks */
	char	*title;		/* owns: relative to an item, or NULL */
	char	*link;		/* owns: relative, ending in " @href" */
	char	*date;		/* owns: relative, or NULL */
	char	*summary;	/* owns: relative, or NULL */
	char	*image;		/* owns: relative, ending in " @src", or
				 * NULL */
	size_t	 count;		/* item blocks the items selector selects */
	double	 score;		/* how list-like the winner looked */
};

/*
 * Find the article list of the parsed page doc fetched from url. Fills
 * *lf (release with listfind_clear) and returns 0; -1 with err filled
 * when the page has no list of articles, or on ENOMEM.
 */
int	 listfind_guess(htmlDocPtr doc, const char *url, struct listfind *lf,
	    char *err, size_t errlen);
void	 listfind_clear(struct listfind *);

#endif /* FEEDS_LISTFIND_H */
