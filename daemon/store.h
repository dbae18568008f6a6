/*
 * The state store: one SQLite database in WAL mode holding per-source
 * fetch state, the items, every key that identifies an item, the sources
 * that carried each item, and its topics. Callers pass now in.
 */
#ifndef DAEMON_STORE_H
#define DAEMON_STORE_H

#include <stddef.h>
#include <time.h>

#include "daemon/storedup.h"
#include "feeds/item.h"

struct store;

/* Per-source fetch state; the strings are owned (store_fetch_clear). */
struct store_fetch {
	char	*etag;		/* owns: validator from the last 200, or NULL */
	char	*last_modified;	/* owns: likewise */
	time_t	 last_success;	/* 0 = never */
	time_t	 last_attempt;
	time_t	 next_fetch;	/* 0 = as soon as possible */
	int	 failures;	/* consecutive */
	char	*last_error;	/* owns: or NULL */
	char	*url;		/* owns: URL the validators came from, or NULL;
				   read only (store_source_meta sets it) */
	int	 usual_items;	/* items a scraped source usually yields, 0
				 * when not known yet */
};

enum store_outcome {
	STORE_SAME,		/* known, unchanged: nothing to do */
	STORE_NEW,		/* a new entry */
	STORE_UPDATED,		/* known entry, content changed */
	STORE_LINKED		/* known entry, first time via this source,
				 * or newly under one of the topics */
};

/* Opens (creating if needed) the database at path. */
struct store	*store_open(const char *path, char *err, size_t errlen);
void		 store_close(struct store *);

int		 store_fetch_get(struct store *, const char *source,
		    struct store_fetch *out, char *err, size_t errlen);
int		 store_fetch_put(struct store *, const char *source,
		    const struct store_fetch *, char *err, size_t errlen);
void		 store_fetch_clear(struct store_fetch *);

/*
 * One transaction per fetched source: all of it or nothing. With
 * batching on, begin and commit are a savepoint inside one transaction
 * that store_flush commits (several polls share one commit: their pages
 * are written once, not once per source), and store_fetch_put joins it.
 * A crash then loses the polls since the last flush whole, validators
 * included, so that they are simply fetched again.
 */
int		 store_begin(struct store *, char *err, size_t errlen);
int		 store_commit(struct store *, char *err, size_t errlen);
void		 store_rollback(struct store *);
void		 store_set_batching(struct store *, int on);
/* Commit the batch, if one is open; 1 when one was, 0, or -1 with err. */
int		 store_flush(struct store *, char *err, size_t errlen);

/* Record the source's own metadata (feed title, site link, URL). */
int		 store_source_meta(struct store *, const char *source,
		    const char *url, const char *title, const char *link,
		    char *err, size_t errlen);

/*
 * Store one normalized item fetched from source at now. An item is the same
 * entry as a stored one when its id matches within the source or its
 * canonical link matches any entry. The entry's content belongs to the
 * source that first carried it: only that source's changes update it.
 * topics (n names) are added to the entry's topics. *outcome says what
 * happened.
 */
int		 store_put(struct store *, const char *source,
		    const struct item *, const char *const *topics,
		    size_t ntopics, time_t now, enum store_outcome *outcome,
		    char *err, size_t errlen);
/*
 * store_put with the item's title and text keys and fingerprints made
 * already (storedup_prepare is pure: a parse worker makes them while the
 * loop stores): pre's are taken over and pre left empty. With pre NULL
 * or not ready they are made here, when needed.
 */
int		 store_put_prepared(struct store *, const char *source,
		    const struct item *, struct storedup *pre,
		    const char *const *topics, size_t ntopics, time_t now,
		    enum store_outcome *outcome, char *err, size_t errlen);

/*
 * Whether item it of source is stored already (*known, and *since when
 * it was first seen), as store_put would find it. When it is, the item
 * takes the stored content and, if it has none, the stored author: what
 * a fulltext fetch gave the entry once, so that polling the listing again
 * is no change. 0, or -1 with err.
 */
int		 store_recall(struct store *, const char *source,
		    struct item *it, int *known, time_t *since, char *err,
		    size_t errlen);

/*
 * A source that rewrote its ids (http to https in every guid, a new CMS):
 * of the items of l that have an id (*withid), how many are unknown by it
 * but are, by their link, stored entries of this source under another id
 * (*rewritten). 0, or -1 with err.
 */
int		 store_rewritten(struct store *, const char *source,
		    const struct item_list *l, size_t *rewritten,
		    size_t *withid, char *err, size_t errlen);
/* While set, an item found by its link takes over its entry and gives it
 * its new id, even when the entry carries another id of the source. */
void		 store_set_adopt(struct store *, int adopt);

/* Which source's body a story merged from several keeps. */
enum store_merge {
	STORE_MERGE_FIRST,	/* the first source that carried it */
	STORE_MERGE_LONGEST,	/* the longest body offered */
	STORE_MERGE_ORDER	/* the source listed first in order */
};

/* Set the rule; order (for STORE_MERGE_ORDER) is the sources' names,
 * NULL-terminated, borrowed until the next call. Default: first. */
void		 store_set_merge(struct store *, enum store_merge rule,
		    const char *const *order);

/*
 * How links are compared (extra tracking parameters, NULL-terminated,
 * borrowed until the next call; NULL for none) and how far apart in time
 * near-duplicates from different sources may lie and still be one story
 * (seconds; 0: never). Defaults: none and 0.
 */
void		 store_set_identity(struct store *, const char *const *tracking,
		    int window);
/* How many bits near-duplicate titles (alone; with text, proportionally
 * more) and texts may differ by; defaults FINGERPRINT_TITLE_ALONE and
 * FINGERPRINT_TEXT (feeds/fingerprint.h, where the values are argued). */
void		 store_set_near(struct store *, int title_bits, int text_bits);

/*
 * The newest keep entries (by published, or first seen when unknown),
 * of one topic or of all when topic is NULL, at most max_per_source of
 * any one source's (0: no limit), as items with uid, source_* and the
 * further sources of a merged story (vias) filled. Returns a new list,
 * or NULL with err filled.
 */
struct item_list *store_recent(struct store *, const char *topic,
		    size_t keep, int max_per_source, char *err,
		    size_t errlen);

/* An auto-topic: a source category with its own feed. */
struct store_topic {
	char	*slug;		/* owns: the topic's name (topic_slug) */
	char	*name;		/* owns: the category as first written */
	long	 count;		/* entries in it */
};

/* Remember that auto-topic slug stands for category name (the first
 * name written is kept). 0, or -1 with err. */
int		 store_auto_topic(struct store *, const char *slug,
		    const char *name, char *err, size_t errlen);
/* The auto-topics with at least min entries, by slug; release with
 * store_topics_free. 0, or -1 with err. */
int		 store_auto_topics(struct store *, long min,
		    struct store_topic **out, size_t *n, char *err,
		    size_t errlen);
void		 store_topics_free(struct store_topic *, size_t n);

/*
 * Turn into tombstones the entries first seen and dated before before that
 * are not among the newest keep of any feed: their content goes, their
 * keys stay, so that an item coming back to its source is never new
 * again (*n: how many). 0, or -1 with err.
 */
int		 store_prune(struct store *, time_t before, size_t keep,
		    long *n, char *err, size_t errlen);

/* How many entries are stored (all, or one topic's). */
long		 store_count(struct store *, const char *topic);

#endif /* DAEMON_STORE_H */
