/*
 * The poll cycle: per-source timers on the loop, each firing a fetch whose
 * result runs through parse, normalize, topics and the store in one
 * transaction, then a coalesced publish of the site.
 */
#ifndef DAEMON_CYCLE_H
#define DAEMON_CYCLE_H

struct conf;
struct event_base;
struct fetch;
struct store;
struct cycle;

/*
 * once: poll every source now, publish, and leave the loop when all are
 * done. Borrows all four arguments; conf must outlive the cycle or be
 * replaced with cycle_set_conf.
 */
struct cycle	*cycle_new(struct event_base *, struct fetch *, struct store *,
		    const struct conf *, int once);
void		 cycle_free(struct cycle *);
/*
 * Switch to a newly loaded configuration (SIGHUP); keeps fetch state.
 * Returns -1 (out of memory) with nothing changed: the caller keeps the
 * old configuration alive and frees the new one.
 */
int		 cycle_set_conf(struct cycle *, const struct conf *);
/* Sources that failed in the last --once run. */
int		 cycle_failures(const struct cycle *);
/* 1 when the last publish succeeded (with --once: the cycle's end). */
int		 cycle_published(const struct cycle *);

#endif /* DAEMON_CYCLE_H */
