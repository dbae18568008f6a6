/*
 * The parse workers: fetched bodies parsed and normalized on other
 * threads while the loop goes on fetching and storing. A job owns a copy
 * of the fetch result; its callback runs on the loop thread.
 */
#ifndef DAEMON_PARSEPOOL_H
#define DAEMON_PARSEPOOL_H

#include <stddef.h>
#include <time.h>

#include "daemon/storedup.h"
#include "feeds/fetch.h"
#include "feeds/item.h"
#include "feeds/parse.h"

struct event_base;
struct parsepool;
struct parsepool_job;

/*
 * What a worker derives from one item for the loop: the store's title and
 * text keys and fingerprints, and the text topics are matched on (NULL
 * when not asked for or out of memory). Empty when the item changed.
 */
struct parsepool_prep {
	const struct item	*it;		/* borrows: the item it is of */
	struct storedup		 dup;		/* owns its keys */
	char			*text;		/* owns: topic_text(it) */
};

/*
 * What a worker made of a body. The callback may take the owned parts
 * (setting them NULL); what it leaves is freed after it returns.
 */
struct parsepool_result {
	struct item_list	*l;		/* owns: normalized, without the
						 * unchanged items; or NULL */
	struct parsepool_prep	*prep;		/* owns: nprep of them, one per
						 * item of l as the worker made it */
	size_t			 nprep;
	const char		*err;		/* borrows: why l is NULL */
	uint64_t		*hashes;	/* owns: item_hash of every item
						 * parsed, sorted */
	size_t			 nhashes;
	size_t			 unchanged;	/* items left out: their hash
						 * was one of seen */
	size_t			 unchanged_ids;	/* of them, with an id */
};

/* A body is parsed; res is the job's copy of the fetch result, good
 * until the callback returns. */
typedef void parsepool_done_fn(struct parsepool_result *r,
    const struct fetch_result *res, void *arg);

/* Free n preparations and the array. NULL is a no-op. */
void			 parsepool_prep_free(struct parsepool_prep *, size_t n);

/*
 * Up to nthreads workers (0: every job is parsed on the loop thread,
 * from a callback as with workers). NULL with err on failure.
 */
struct parsepool	*parsepool_new(struct event_base *, int nthreads,
			    char *err, size_t errlen);
/* Waits for the running jobs; no callback is called any more. */
void			 parsepool_free(struct parsepool *);

/*
 * Parse res's body (copied) with lim; items whose item_hash is one of
 * the nseen sorted hashes in seen (copied: the items of the source's
 * last poll, stored already) are left out, the others normalized
 * against the final URL at now and each prepared (with topic text when
 * texts is set). done is called once, from the loop, never from inside
 * parsepool_start. When every worker has work waiting already, the job is
 * done on the loop thread before this returns, so that the loop fetches
 * no faster than bodies are parsed. NULL on ENOMEM.
 */
struct parsepool_job	*parsepool_start(struct parsepool *,
			    const struct fetch_result *res,
			    const struct parse_limits *lim, time_t now,
			    int texts, const uint64_t *seen, size_t nseen,
			    parsepool_done_fn *done, void *arg);
/* done is not called for job; its result is dropped. NULL is a no-op. */
void			 parsepool_cancel(struct parsepool_job *);

/* Workers worth starting on this machine: one per core but the loop's. */
int			 parsepool_cores(void);

#endif /* DAEMON_PARSEPOOL_H */
