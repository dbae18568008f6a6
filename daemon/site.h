/*
 * The published site: renders every feed (unified, one per topic), the
 * index page and the OPML list from the store and publishes the files
 * whose bytes changed.
 */
#ifndef DAEMON_SITE_H
#define DAEMON_SITE_H

#include <stddef.h>

struct conf;
struct store;

/* Returns how many files changed, or -1 with err filled. */
int	 site_publish(struct store *, const struct conf *, char *err,
	    size_t errlen);

#endif /* DAEMON_SITE_H */
