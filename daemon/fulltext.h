/*
 * Full text: the article pages of one poll's new items, fetched once
 * each under a per-host request rate (and the fetcher's per-host
 * connection limit), their main content merged into the items. A page
 * that fails leaves its item as the listing gave it.
 */
#ifndef DAEMON_FULLTEXT_H
#define DAEMON_FULLTEXT_H

#include <stddef.h>

#include "feeds/item.h"

struct event_base;
struct fetch;
struct fulltext;
struct fulltext_job;

/* Articles fetched per poll of one source; the rest keep their summary. */
#define FULLTEXT_MAX_ARTICLES	50

/*
 * The job is over: l is the list the job was given, its items merged;
 * the callback owns it from now on. Called from the loop, never from
 * fulltext_start.
 */
typedef void fulltext_done_fn(struct item_list *l, void *arg);

/* Per-host rate: rate requests per second at most. */
struct fulltext	*fulltext_new(struct event_base *, struct fetch *, int rate);
/* Cancels every job still running, without calling their callbacks. */
void		 fulltext_free(struct fulltext *);
void		 fulltext_set_rate(struct fulltext *, int rate);

/*
 * Fetch the article pages of the n items want[] (items of l), at most
 * FULLTEXT_MAX_ARTICLES of them, for source (a name for the log). Takes
 * ownership of l. Returns NULL (and frees nothing: l stays the
 * caller's) on ENOMEM.
 */
struct fulltext_job *fulltext_start(struct fulltext *, const char *source,
		    struct item_list *l, struct item **want, size_t n,
		    fulltext_done_fn *done, void *arg);
/* Stop a job: its fetches are cancelled and its list freed. */
void		 fulltext_cancel(struct fulltext_job *);

#endif /* DAEMON_FULLTEXT_H */
