/*
 * Normalization: the step between extraction and the store that makes every
 * item alike whatever its source format.
 */
#ifndef FEEDS_NORMALIZE_H
#define FEEDS_NORMALIZE_H

#include <time.h>

#include "feeds/item.h"

/* Largest summary or content sanitized; a larger one is dropped. */
#define NORMALIZE_MAX_HTML	(1024 * 1024)
/* A title made from the summary is cut near this many characters. */
#define NORMALIZE_TITLE_LEN	80
/* Bytes of HTML read to make a missing title. */
#define NORMALIZE_TITLE_SOURCE	4096
/* Dates further than this in the future are clamped to now. */
#define NORMALIZE_MAX_AHEAD	(24 * 3600)

/*
 * Normalize every item of l in place, as fetched from feed_url at now:
 * the feed's title, and each item's title and author, to plain text (a
 * missing title is taken from the summary's text, shortened), links
 * resolved against feed_url and given their canonical form (item.canon),
 * summary and content sanitized (relative URLs against item.base, else
 * feed_url), categories trimmed, a missing updated date taken from
 * published, and dates in the future beyond a day clamped to now with a
 * warning on l. Items with neither id, link, title nor any text are
 * dropped. Returns 0, or -1 on ENOMEM.
 */
int	 normalize_items(struct item_list *l, const char *feed_url, time_t now);

#endif /* FEEDS_NORMALIZE_H */
