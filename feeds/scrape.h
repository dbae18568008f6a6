/*
 * Scraping HTML sources: the feeds file's selectors (items, and relative
 * to each item title, link, date, summary, author, image, categories)
 * applied to a listing page, giving the same item list a feed parser
 * gives. Dates go through the source's date-format and timezone; titles
 * like "Headline | Topic | Topic" or "Headline - Site" are split, the
 * tags becoming categories. Pure: a page and rules in, items out.
 */
#ifndef FEEDS_SCRAPE_H
#define FEEDS_SCRAPE_H

#include <stddef.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "feeds/item.h"

/* What a selector picks. */
enum scrape_field {
	SCRAPE_ITEMS,		/* from the document: one node per item */
	SCRAPE_TITLE,		/* the rest relative to the item node */
	SCRAPE_LINK,
	SCRAPE_DATE,
	SCRAPE_SUMMARY,		/* inner HTML, not text */
	SCRAPE_AUTHOR,
	SCRAPE_IMAGE,
	SCRAPE_CATEGORIES,	/* every match is one category */
	SCRAPE_NFIELDS
};

/* The rules of one source: compiled selectors, date format, zone. */
struct scrape;

struct scrape	*scrape_new(void);
void		 scrape_free(struct scrape *);
/* The feeds-file key of f ("items", "title", ...). */
const char	*scrape_field_name(enum scrape_field f);
/*
 * Compile selector sel (see feeds/selector.h) for field f, replacing any
 * earlier one. -1 with err "column N: message" on a bad selector, or
 * ENOMEM.
 */
int		 scrape_set(struct scrape *, enum scrape_field f,
		    const char *sel, char *err, size_t errlen);
/* Whether a selector is set for f. */
int		 scrape_has(const struct scrape *, enum scrape_field f);
/* strptime-style format of the date field (date_parse_fmt), an IANA zone
 * for dates that name none (date_parse_tz), and the site's name cut from
 * titles; NULL clears. -1 on ENOMEM, or an unknown zone (err filled). */
int		 scrape_set_date_format(struct scrape *, const char *fmt);
int		 scrape_set_timezone(struct scrape *, const char *tz,
		    char *err, size_t errlen);
int		 scrape_set_site(struct scrape *, const char *site);

/*
 * Apply the rules to the parsed page doc fetched from url at now (for
 * relative dates such as "3 hours ago"). Each item node gives one item:
 * link resolved against <base href> and url (default: the first a[href]
 * in the item), title (default: that link's text), summary as HTML,
 * date, author, image (src/srcset resolved), categories (plus title
 * tags), id NULL (the link identifies it). Items without link and title
 * are skipped; at most max_items are kept. A date that does not parse
 * leaves published 0 with one warning on the list naming the text. The
 * list's title is the page's <title> and its link url. Returns a new
 * list (possibly empty), or NULL with err filled on ENOMEM or when no
 * items selector is set.
 */
struct item_list *scrape_doc(const struct scrape *, htmlDocPtr doc,
		    const char *url, time_t now, size_t max_items,
		    char *err, size_t errlen);

#endif /* FEEDS_SCRAPE_H */
