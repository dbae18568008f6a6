/*
 * The state store's shared body, internal to the store's three files;
 * nothing else includes it. daemon/store.c owns the handle, the schema and
 * the statements; daemon/storeput.c writes items, daemon/storeread.c reads
 * them back.
 */
#ifndef DAEMON_STOREINT_H
#define DAEMON_STOREINT_H

#include <stddef.h>

#include <sqlite3.h>

#include "feeds/fingerprint.h"
#include "feeds/item.h"

struct storeckpt;

#define STORE_SEP	'\x1f'	/* between key parts and categories */
#define STORE_FSEP	'\x1e'	/* between an enclosure's url, type, length */

/*
 * WAL pages before a checkpoint copies them into the database (and syncs
 * it): a first poll of many sources writes hundreds of MB, and syncing
 * every 4 MB (SQLite's default) spent more time waiting than writing.
 * With the checkpointer thread (daemon/storeckpt.c), the log's bound, at
 * which the loop copies what the thread has not yet (64 MB: 3 times in a
 * first poll of 1,000 feeds, 0.13-0.16 s of waiting in all, where SQLite's
 * own checkpoints every 32 MB made the loop wait 0.73 s in fsync alone).
 */
#define STORE_WAL_PAGES	16384
/* New log pages worth a pass of the checkpointer thread. */
#define STORE_CKPT_PAGES	2048

/* The hot statements, prepared once at open (their SQL is in store.c). */
enum store_st {
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_KEY_GET,
	ST_KEY_SOURCE,
	ST_KEY_ADD,
	ST_KEY_SET,
	ST_ENTRY_ADD,
	ST_ENTRY_GET,
	ST_ENTRY_SET,
	ST_ENTRY_RECALL,
	ST_SOURCE_ADD,
	ST_DUP_GET,
	ST_DIGEST_SET,
	ST_ORIGIN_SET,
	ST_CATS_GET,
	ST_CATS_SET,
	ST_AUTO_ADD,
	ST_AUTO_LIST,
	ST_VIAS,
	ST_TOPIC_ADD,
	ST_RECENT,
	ST_PRUNE,
	ST_RECENT_TOPIC,
	ST_COUNT,
	ST_COUNT_TOPIC,
	ST_FETCH_GET,
	ST_FETCH_PUT,
	ST_META,
	ST_NSTMT
};

struct store {
	sqlite3		*db;		/* owns */
	char		*path;		/* owns: for error messages */
	sqlite3_stmt	*st[ST_NSTMT];	/* owns: prepared at open */
	const char *const *tracking;	/* borrows: extra tracking params,
					 * NULL-terminated, or NULL */
	int		 window;	/* seconds near-duplicates may lie
					 * apart; 0: no near-duplicates */
	struct fingerprint_limits near;	/* what near-duplicates may differ by */
	int		 merge;		/* enum store_merge */
	const char *const *order;	/* borrows: source names, by rank */
	int		 adopt;		/* a source rewrote its ids: an item
					 * found by link takes over its
					 * entry even under another id */
	int		 batching;	/* store_begin opens a batch */
	int		 batch;		/* a batch transaction is open */
	struct storeckpt *ckpt;		/* owns: checkpoints the log, or
					 * NULL (SQLite's own do) */
};

/* Fill err with the path, what failed and SQLite's own message. */
void	store_err(struct store *, char *err, size_t errlen,
	    const char *what);
/* Make a statement ready for its next use and drop borrowed bindings. */
void	store_reset(struct store *, enum store_st);
/* Bind s, or NULL; the string must outlive the statement's next reset. */
int	store_bind_text(sqlite3_stmt *, int col, const char *s);
/*
 * The 64-bit integer a key ("g\x1fsource\x1fguid", "l\x1flink", ...) is
 * stored and looked up by: FNV-1a with a final avalanche (MurmurHash3's
 * fmix64). Fixed forever: stored keys are these numbers. Two keys of a
 * million-entry store share one with odds of about one in a million;
 * a feed gains nothing by forcing one, since sharing an exact link
 * already merges its item into that entry.
 */
sqlite3_int64 store_key_hash(const char *key);
/* Bind key's hash at col, or NULL for no key. */
int	store_bind_key(sqlite3_stmt *, int col, const char *key);
/* Run a statement that returns no rows; the caller has bound it. */
int	store_run(struct store *, enum store_st, char *err, size_t errlen);
/* Add the categories of a joined categories column to it. */
int	store_split_cats(struct item *it, const char *joined);
/* Copy a text column into *field (left NULL for SQL NULL). */
int	store_col_dup(sqlite3_stmt *, int col, char **field);

#endif /* DAEMON_STOREINT_H */
