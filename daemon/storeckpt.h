/*
 * The state store's checkpointer: a thread with a connection of its own
 * that copies the write-ahead log into the database file and syncs it
 * while the loop goes on committing, so that the loop seldom waits on a
 * checkpoint's writes and fsyncs. The loop's connection hands its
 * checkpoints over from its WAL hook.
 *
 * A checkpoint that runs beside a writer never catches up with it, and
 * SQLite starts the log over only when a write finds it all copied: so
 * once the log reaches its bound, the committing connection itself copies
 * the little the thread has not (waiting for a pass under way), and the
 * next write starts the log from the beginning.
 */
#ifndef DAEMON_STORECKPT_H
#define DAEMON_STORECKPT_H

#include <stddef.h>

#include <sqlite3.h>

struct storeckpt;

/*
 * Start a checkpointer for the database at path (already in WAL mode):
 * the thread copies each time pages more pages are in the log, and the
 * log is kept to about bound pages. NULL (err filled) when its connection
 * or thread cannot be had: the caller then keeps SQLite's own checkpoints.
 */
struct storeckpt	*storeckpt_start(const char *path, int pages,
			    int bound, char *err, size_t errlen);

/*
 * From the WAL hook of db, whose commit left the log with pages pages:
 * wake the thread when enough are new; at the bound, finish the
 * checkpoint on db (see above).
 */
void			 storeckpt_committed(struct storeckpt *,
			    sqlite3 *db, int pages);

/* The thread's checkpoints done and failed so far. */
void			 storeckpt_counts(struct storeckpt *,
			    unsigned long *done, unsigned long *failed);

/* Let a running checkpoint finish, stop the thread, close. NULL is
 * ignored. */
void			 storeckpt_stop(struct storeckpt *);

#endif /* DAEMON_STORECKPT_H */
