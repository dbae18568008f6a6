/*
 * The state store: owns the SQLite database (WAL mode), its schema and
 * migrations, the prepared statements, transactions, the per-source fetch
 * state and source metadata, and the helpers its other two files share.
 * What decides and writes an item lives in daemon/storeput.c, reading
 * entries back in daemon/storeread.c. Nothing here reads the clock.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "daemon/store.h"
#include "daemon/storeckpt.h"
#include "daemon/storeint.h"

#define STORE_BUSY_MS	5000
/*
 * Page cache (KiB): the key index's inner pages and the newest entries
 * stay in memory, so a poll's lookups and inserts do not re-read them.
 */
#define STORE_CACHE_KIB	"16384"

/*
 * Migrations: entry i takes a database from user_version i to i + 1.
 * The schema version this code writes is the number of entries.
 */
static const char *const store_migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE IF NOT EXISTS sources ("
	" name TEXT PRIMARY KEY NOT NULL,"
	" url TEXT, title TEXT, link TEXT,"
	" etag TEXT, last_modified TEXT,"
	" last_success INTEGER NOT NULL DEFAULT 0,"
	" last_attempt INTEGER NOT NULL DEFAULT 0,"
	" next_fetch INTEGER NOT NULL DEFAULT 0,"
	" failures INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT);"
	"CREATE TABLE IF NOT EXISTS entries ("
	/* small columns first: reading them never walks overflow pages */
	" id INTEGER PRIMARY KEY,"
	" uid TEXT UNIQUE NOT NULL,"
	" origin TEXT NOT NULL,"
	" digest TEXT NOT NULL,"
	" published INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL,"
	" first_seen INTEGER NOT NULL,"
	" sort_time INTEGER NOT NULL,"
	" guid TEXT, link TEXT, canon TEXT, title TEXT, author TEXT,"
	" categories TEXT, summary TEXT, content TEXT);"
	"CREATE INDEX IF NOT EXISTS entries_sort ON entries(sort_time);"
	"CREATE TABLE IF NOT EXISTS keys ("
	" key TEXT PRIMARY KEY NOT NULL,"
	" entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE"
	") WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS keys_entry ON keys(entry);"
	"CREATE TABLE IF NOT EXISTS entry_sources ("
	" entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
	" source TEXT NOT NULL,"
	" first_seen INTEGER NOT NULL,"
	" PRIMARY KEY(entry, source)) WITHOUT ROWID;"
	/* sort_time copies the entry's: a topic's newest is an index walk */
	"CREATE TABLE IF NOT EXISTS entry_topics ("
	" entry INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
	" topic TEXT NOT NULL,"
	" sort_time INTEGER NOT NULL,"
	" PRIMARY KEY(entry, topic)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS entry_topics_topic"
	" ON entry_topics(topic, sort_time, entry);",
	/* 1 -> 2: attachments, joined as store_join_enclosures writes */
	"ALTER TABLE entries ADD COLUMN enclosures TEXT;",
	/* 2 -> 3: how many items a scraped source usually yields */
	"ALTER TABLE sources ADD COLUMN usual_items INTEGER NOT NULL"
	" DEFAULT 0;",
	/* 3 -> 4: the link each source gave a story (via links), and the
	 * fingerprints near-duplicates are told by */
	"ALTER TABLE entry_sources ADD COLUMN link TEXT;"
	"ALTER TABLE entries ADD COLUMN fp_title INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE entries ADD COLUMN fp_text INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE entries ADD COLUMN fp_words INTEGER NOT NULL DEFAULT 0;"
	/* an entry that left every published window: content gone, keys
	 * kept, so that it never comes back */
	"ALTER TABLE entries ADD COLUMN tombstone INTEGER NOT NULL DEFAULT 0;"
	/* the source categories auto-topics are made of, by slug */
	"CREATE TABLE IF NOT EXISTS auto_topics ("
	" slug TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;",
	/*
	 * 4 -> 5: the entries table rebuilt with every small column before
	 * the bodies (the columns 3 -> 4 added came after them, and reading
	 * one walked a body's overflow pages: a prune read the whole
	 * database), the body's length kept for the merge rule, and the
	 * live entries indexed by their times. SQLite's "other ALTER TABLE"
	 * procedure; store_migrate runs it with foreign keys off.
	 */
	"CREATE TABLE entries_v5 ("
	" id INTEGER PRIMARY KEY,"
	" uid TEXT UNIQUE NOT NULL,"
	" origin TEXT NOT NULL,"
	" digest TEXT NOT NULL,"
	" published INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL,"
	" first_seen INTEGER NOT NULL,"
	" sort_time INTEGER NOT NULL,"
	" tombstone INTEGER NOT NULL DEFAULT 0,"
	" fp_title INTEGER NOT NULL DEFAULT 0,"
	" fp_text INTEGER NOT NULL DEFAULT 0,"
	" fp_words INTEGER NOT NULL DEFAULT 0,"
	" body_len INTEGER NOT NULL DEFAULT 0,"
	" guid TEXT, link TEXT, canon TEXT, title TEXT, author TEXT,"
	" categories TEXT, enclosures TEXT, summary TEXT, content TEXT);"
	"INSERT INTO entries_v5 SELECT id, uid, origin, digest, published,"
	" updated, first_seen, sort_time, tombstone, fp_title, fp_text,"
	" fp_words, length(CAST(coalesce(content, summary, '') AS BLOB)),"
	" guid, link, canon, title, author, categories, enclosures, summary,"
	" content FROM entries;"
	"DROP TABLE entries;"
	"ALTER TABLE entries_v5 RENAME TO entries;"
	/* prune decides on this index alone, reading only the rows it
	 * turns into tombstones: a row of a few KB fills a page */
	"CREATE INDEX entries_live ON entries(sort_time, first_seen)"
	" WHERE tombstone = 0;"
	/* keys become their 64-bit hashes (store_key_hash) in a rowid
	 * table, a sixth of the size and one B-tree instead of two; which
	 * guid a source gave an entry moves to entry_sources */
	"ALTER TABLE entry_sources ADD COLUMN guid_h INTEGER;"
	"UPDATE entry_sources SET guid_h = (SELECT unifeed_key_hash(k.key)"
	" FROM keys k WHERE k.entry = entry_sources.entry"
	" AND k.key > 'g' || char(31) || entry_sources.source || char(31)"
	" AND k.key < 'g' || char(31) || entry_sources.source || char(32)"
	" LIMIT 1);"
	"CREATE TABLE keys_v5 (h INTEGER PRIMARY KEY, entry INTEGER NOT NULL);"
	"INSERT OR IGNORE INTO keys_v5 SELECT unifeed_key_hash(key), entry"
	" FROM keys;"
	"DROP TABLE keys;"
	"ALTER TABLE keys_v5 RENAME TO keys;",
};
#define STORE_SCHEMA \
	((int)(sizeof(store_migrations) / sizeof(store_migrations[0])))

#define STORE_RECENT_COLS \
	"SELECT e.guid, e.link, e.canon, e.title, e.author, e.summary," \
	" e.content, e.categories, e.published, e.updated, e.uid," \
	" e.origin, s.title, s.url, s.link, e.enclosures, e.id"

static const char *const store_sql[ST_NSTMT] = {
	[ST_SAVEPOINT] = "SAVEPOINT store_put",
	[ST_RELEASE] = "RELEASE store_put",
	[ST_KEY_GET] = "SELECT entry FROM keys WHERE h = ?1",
	/* Did source ?2 give entry ?1 a guid other than the one hashed ?3? */
	[ST_KEY_SOURCE] = "SELECT 1 FROM entry_sources WHERE entry = ?1"
	    " AND source = ?2 AND guid_h IS NOT NULL AND guid_h <> ?3",
	[ST_KEY_ADD] = "INSERT OR IGNORE INTO keys(h, entry) VALUES(?1, ?2)",
	/* a candidate key names the newest entry that has it */
	[ST_KEY_SET] = "INSERT OR REPLACE INTO keys(h, entry) VALUES(?1, ?2)",
	/* ?1..?10 are shared with ST_ENTRY_SET (store_bind_content) */
	[ST_ENTRY_ADD] = "INSERT INTO entries(guid, link, canon, title,"
	    " author, summary, content, categories, digest, updated, uid,"
	    " origin, published, first_seen, sort_time, enclosures, body_len,"
	    " fp_title, fp_text, fp_words)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
	[ST_ENTRY_GET] = "SELECT origin, digest, updated, sort_time,"
	    " tombstone, body_len"
	    " FROM entries WHERE id = ?1",
	[ST_ENTRY_SET] = "UPDATE entries SET guid = COALESCE(?1, guid),"
	    " link = ?2, canon = ?3, title = ?4, author = ?5, summary = ?6,"
	    " content = ?7, categories = ?8, digest = ?9, updated = ?10,"
	    " enclosures = ?16, body_len = ?17 WHERE id = ?11",
	[ST_ENTRY_RECALL] = "SELECT author, content, first_seen FROM entries"
	    " WHERE id = ?1",
	[ST_SOURCE_ADD] = "INSERT OR IGNORE INTO entry_sources(entry, source,"
	    " first_seen, link, guid_h) VALUES(?1, ?2, ?3, ?4, ?5)",
	[ST_DUP_GET] = "SELECT origin, sort_time, fp_title, fp_text, fp_words"
	    " FROM entries WHERE id = ?1",
	[ST_DIGEST_SET] = "UPDATE entries SET digest = ?1 WHERE id = ?2",
	[ST_ORIGIN_SET] = "UPDATE entries SET origin = ?1 WHERE id = ?2",
	[ST_CATS_GET] = "SELECT categories FROM entries WHERE id = ?1",
	[ST_CATS_SET] = "UPDATE entries SET categories = ?1 WHERE id = ?2",
	/* the further sources of entry ?1, whose origin is ?2 */
	[ST_AUTO_ADD] = "INSERT OR IGNORE INTO auto_topics(slug, name)"
	    " VALUES(?1, ?2)",
	[ST_AUTO_LIST] = "SELECT a.slug, a.name, count(*) FROM auto_topics a"
	    " JOIN entry_topics t ON t.topic = a.slug GROUP BY a.slug"
	    " HAVING count(*) >= ?1 ORDER BY a.slug",
	[ST_VIAS] = "SELECT es.link, s.title, es.source FROM entry_sources es"
	    " LEFT JOIN sources s ON s.name = es.source"
	    " WHERE es.entry = ?1 AND es.source <> ?2 AND es.link IS NOT NULL"
	    " ORDER BY es.first_seen, es.source",
	[ST_TOPIC_ADD] = "INSERT OR IGNORE INTO entry_topics(entry, topic,"
	    " sort_time) VALUES(?1, ?2, ?3)",
	[ST_RECENT] = STORE_RECENT_COLS " FROM entries e"
	    " LEFT JOIN sources s ON s.name = e.origin WHERE e.tombstone = 0"
	    " ORDER BY e.sort_time DESC, e.id DESC LIMIT ?1",
	/* entries first seen and dated before ?1 that are in no feed's
	 * newest ?2 become tombstones */
	[ST_PRUNE] = "UPDATE entries SET tombstone = 1, summary = NULL,"
	    " content = NULL, body_len = 0 WHERE tombstone = 0 AND first_seen < ?1"
	    " AND sort_time < ?1 AND id NOT IN (SELECT id FROM entries"
	    " WHERE tombstone = 0 ORDER BY sort_time DESC, id DESC LIMIT ?2)"
	    " AND NOT EXISTS (SELECT 1 FROM entry_topics t"
	    " WHERE t.entry = entries.id AND t.entry IN (SELECT u.entry"
	    " FROM entry_topics u WHERE u.topic = t.topic"
	    " ORDER BY u.sort_time DESC, u.entry DESC LIMIT ?2))",
	/* pick the ids on the index alone, then read only those rows */
	[ST_RECENT_TOPIC] = STORE_RECENT_COLS " FROM (SELECT entry, sort_time"
	    " FROM entry_topics WHERE topic = ?2"
	    " ORDER BY sort_time DESC, entry DESC LIMIT ?1) t"
	    " JOIN entries e ON e.id = t.entry"
	    " LEFT JOIN sources s ON s.name = e.origin"
	    " ORDER BY t.sort_time DESC, t.entry DESC",
	[ST_COUNT] = "SELECT count(*) FROM entries",
	[ST_COUNT_TOPIC] = "SELECT count(*) FROM entry_topics WHERE topic = ?1",
	[ST_FETCH_GET] = "SELECT etag, last_modified, last_success,"
	    " last_attempt, next_fetch, failures, last_error, url, usual_items"
	    " FROM sources WHERE name = ?1",
	[ST_FETCH_PUT] = "INSERT INTO sources(name, etag, last_modified,"
	    " last_success, last_attempt, next_fetch, failures, last_error,"
	    " usual_items) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	    " ON CONFLICT(name) DO UPDATE SET etag = excluded.etag,"
	    " last_modified = excluded.last_modified,"
	    " last_success = excluded.last_success,"
	    " last_attempt = excluded.last_attempt,"
	    " next_fetch = excluded.next_fetch, failures = excluded.failures,"
	    " last_error = excluded.last_error,"
	    " usual_items = excluded.usual_items",
	[ST_META] = "INSERT INTO sources(name, url, title, link)"
	    " VALUES(?1, ?2, ?3, ?4) ON CONFLICT(name) DO UPDATE"
	    " SET url = COALESCE(excluded.url, url),"
	    " title = COALESCE(excluded.title, title),"
	    " link = COALESCE(excluded.link, link)",
};

/* Fill err with the path, what failed and SQLite's own message. */
void
store_err(struct store *s, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s: %s: %s", s->path, what,
	    sqlite3_errmsg(s->db));
}

/* Make a statement ready for its next use and drop borrowed bindings. */
void
store_reset(struct store *s, enum store_st i)
{
	sqlite3_reset(s->st[i]);
	sqlite3_clear_bindings(s->st[i]);
}

/* Bind s, or NULL; the string must outlive the statement's next reset. */
int
store_bind_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
}

/* Run a statement that returns no rows; the caller has bound it. */
int
store_run(struct store *s, enum store_st i, char *err, size_t errlen)
{
	int rc;

	rc = sqlite3_step(s->st[i]);
	if (rc != SQLITE_DONE) {
		store_err(s, err, errlen, "write");
		store_reset(s, i);
		return -1;
	}
	store_reset(s, i);
	return 0;
}

/* Run SQL text that is not hot enough to keep prepared. */
static int
store_exec(struct store *s, const char *sql, const char *what, char *err,
    size_t errlen)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_err(s, err, errlen, what);
		return -1;
	}
	return 0;
}

/* Copy a text column into *field (left NULL for SQL NULL). */
int
store_col_dup(sqlite3_stmt *st, int col, char **field)
{
	const unsigned char *v;

	if ((v = sqlite3_column_text(st, col)) == NULL)
		return 0;
	if ((*field = strdup((const char *)v)) == NULL)
		return -1;
	return 0;
}

/* Read one integer pragma; -1 when the database cannot answer. */
static int
store_pragma_int(struct store *s, const char *sql, long *out, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_err(s, err, errlen, "open");
		return -1;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (long)sqlite3_column_int64(st, 0);
	else
		store_err(s, err, errlen, "open");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Switch to WAL and make sure SQLite agreed (it refuses e.g. in memory). */
static int
store_wal(struct store *s, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	const unsigned char *mode;
	int ok = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st,
	    NULL) != SQLITE_OK) {
		store_err(s, err, errlen, "journal_mode");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		mode = sqlite3_column_text(st, 0);
		ok = mode != NULL && strcmp((const char *)mode, "wal") == 0;
		if (!ok)
			snprintf(err, errlen, "%s: journal_mode is %s, not wal",
			    s->path, mode != NULL ? (const char *)mode : "?");
	} else
		store_err(s, err, errlen, "journal_mode");
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* The schema version on disk, refusing one from a newer unifeed. */
static int
store_version(struct store *s, long *v, char *err, size_t errlen)
{
	/* The first read: a file that is not a database fails here. */
	if (store_pragma_int(s, "PRAGMA user_version", v, err, errlen) == -1)
		return -1;
	if (*v > STORE_SCHEMA) {
		snprintf(err, errlen, "%s: schema version %ld is newer than "
		    "this unifeed (%d)", s->path, *v, STORE_SCHEMA);
		return -1;
	}
	return 0;
}

/* Bring the schema from version v to STORE_SCHEMA, one step a commit. */
static int
store_migrate(struct store *s, long v, char *err, size_t errlen)
{
	char sql[64];

	for (; v < STORE_SCHEMA; v++) {
		if (store_exec(s, "BEGIN IMMEDIATE", "migrate", err,
		    errlen) == -1)
			return -1;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %ld", v + 1);
		if (store_exec(s, store_migrations[v], "migrate", err,
		    errlen) == -1 ||
		    store_exec(s, sql, "migrate", err, errlen) == -1 ||
		    store_exec(s, "COMMIT", "migrate", err, errlen) == -1) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

sqlite3_int64
store_key_hash(const char *key)
{
	const unsigned char *p;
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (p = (const unsigned char *)key; *p != '\0'; p++)
		h = (h ^ *p) * UINT64_C(0x100000001b3);
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return (sqlite3_int64)h;
}

int
store_bind_key(sqlite3_stmt *st, int col, const char *key)
{
	if (key == NULL)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_int64(st, col, store_key_hash(key));
}

/* SQL function unifeed_key_hash(key), for the migration to hashed keys. */
static void
store_key_hash_cb(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *key = sqlite3_value_text(argv[0]);

	(void)argc;
	if (key == NULL)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int64(ctx, store_key_hash((const char *)key));
}

/* Settings, schema and statements for a freshly opened handle. */
static int
store_setup(struct store *s, char *err, size_t errlen)
{
	long v;
	int i;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (sqlite3_create_function_v2(s->db, "unifeed_key_hash", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, store_key_hash_cb, NULL,
	    NULL, NULL) != SQLITE_OK) {
		store_err(s, err, errlen, "open");
		return -1;
	}
	if (store_version(s, &v, err, errlen) == -1 ||
	    store_wal(s, err, errlen) == -1 ||
	    store_exec(s, "PRAGMA synchronous=NORMAL", "open", err,
	    errlen) == -1 ||
	    store_exec(s, "PRAGMA cache_size=-" STORE_CACHE_KIB, "open", err,
	    errlen) == -1 ||
	    /* The per-item savepoints inside a source's transaction need a
	     * statement journal; keep it in memory, not in /var/tmp. */
	    store_exec(s, "PRAGMA temp_store=MEMORY", "open", err,
	    errlen) == -1 ||
	    store_migrate(s, v, err, errlen) == -1 ||
	    /* after migrating: a table rebuild must not cascade */
	    store_exec(s, "PRAGMA foreign_keys=ON", "open", err,
	    errlen) == -1)
		return -1;
	if (sqlite3_wal_autocheckpoint(s->db, STORE_WAL_PAGES) != SQLITE_OK) {
		store_err(s, err, errlen, "open");
		return -1;
	}
	for (i = 0; i < ST_NSTMT; i++) {
		if (sqlite3_prepare_v3(s->db, store_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			store_err(s, err, errlen, "prepare");
			return -1;
		}
	}
	return 0;
}

/* sqlite3_wal_hook: a commit left the log with pages pages. */
static int
store_wal_hook_cb(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct store *s = arg;

	(void)name;
	storeckpt_committed(s->ckpt, db, pages);
	return SQLITE_OK;
}

/*
 * Hand checkpoints to a thread of their own (the hook replaces SQLite's
 * automatic ones), or keep SQLite's when it cannot be had: the store
 * works either way, the loop only waits longer.
 */
static void
store_ckpt_start(struct store *s)
{
	char err[256];

	if ((s->ckpt = storeckpt_start(s->path, STORE_CKPT_PAGES,
	    STORE_WAL_PAGES, err, sizeof(err))) != NULL)
		sqlite3_wal_hook(s->db, store_wal_hook_cb, s);
}

struct store *
store_open(const char *path, char *err, size_t errlen)
{
	struct store *s;
	int rc;

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		free(s);
		return NULL;
	}
	store_set_near(s, FINGERPRINT_TITLE_ALONE, FINGERPRINT_TEXT);
	rc = sqlite3_open_v2(path, &s->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		if (s->db != NULL)
			store_err(s, err, errlen, "open");
		else
			snprintf(err, errlen, "%s: open: %s", path,
			    sqlite3_errstr(rc));
		store_close(s);
		return NULL;
	}
	if (store_setup(s, err, errlen) == -1) {
		store_close(s);
		return NULL;
	}
	store_ckpt_start(s);
	return s;
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	/* first: the last checkpoint is the closing connection's */
	storeckpt_stop(s->ckpt);
	for (i = 0; i < ST_NSTMT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

/* Open the batch transaction unless it is open. */
static int
store_batch_open(struct store *s, char *err, size_t errlen)
{
	if (s->batch)
		return 0;
	if (store_exec(s, "BEGIN IMMEDIATE", "begin", err, errlen) == -1)
		return -1;
	s->batch = 1;
	return 0;
}

int
store_begin(struct store *s, char *err, size_t errlen)
{
	if (!s->batching)
		return store_exec(s, "BEGIN IMMEDIATE", "begin", err, errlen);
	if (store_batch_open(s, err, errlen) == -1)
		return -1;
	return store_exec(s, "SAVEPOINT store_source", "begin", err, errlen);
}

void
store_set_batching(struct store *s, int on)
{
	s->batching = on;
}

int
store_flush(struct store *s, char *err, size_t errlen)
{
	if (!s->batch)
		return 0;
	s->batch = 0;
	if (store_exec(s, "COMMIT", "commit", err, errlen) == -1) {
		store_rollback(s);
		return -1;
	}
	return 1;
}

int
store_commit(struct store *s, char *err, size_t errlen)
{
	if (s->batch)
		return store_exec(s, "RELEASE store_source", "commit", err,
		    errlen);
	return store_exec(s, "COMMIT", "commit", err, errlen);
}

void
store_rollback(struct store *s)
{
	/* in a batch: this source's savepoint only; the others stay */
	if (s->batch && sqlite3_exec(s->db, "ROLLBACK TO store_source;"
	    "RELEASE store_source", NULL, NULL, NULL) == SQLITE_OK)
		return;
	s->batch = 0;
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A NULL field keeps what is stored: a feed that drops its title keeps it. */
int
store_source_meta(struct store *s, const char *source, const char *url,
    const char *title, const char *link, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_META];

	if (store_bind_text(st, 1, source) != SQLITE_OK ||
	    store_bind_text(st, 2, url) != SQLITE_OK ||
	    store_bind_text(st, 3, title) != SQLITE_OK ||
	    store_bind_text(st, 4, link) != SQLITE_OK) {
		store_err(s, err, errlen, source);
		store_reset(s, ST_META);
		return -1;
	}
	return store_run(s, ST_META, err, errlen);
}

/* An unknown source reads as never fetched; out is overwritten. */
void
store_set_merge(struct store *s, enum store_merge rule,
    const char *const *order)
{
	s->merge = rule;
	s->order = order;
}

void
store_set_identity(struct store *s, const char *const *tracking, int window)
{
	s->tracking = tracking;
	s->window = window;
}

void
store_set_near(struct store *s, int title_bits, int text_bits)
{
	s->near.title_alone = title_bits;
	s->near.title_text = title_bits * FINGERPRINT_TITLE_TEXT /
	    FINGERPRINT_TITLE_ALONE;
	s->near.text = text_bits;
}

int
store_fetch_get(struct store *s, const char *source, struct store_fetch *out,
    char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_FETCH_GET];
	int rc;

	memset(out, 0, sizeof(*out));
	store_bind_text(st, 1, source);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->last_success = (time_t)sqlite3_column_int64(st, 2);
		out->last_attempt = (time_t)sqlite3_column_int64(st, 3);
		out->next_fetch = (time_t)sqlite3_column_int64(st, 4);
		out->failures = sqlite3_column_int(st, 5);
		out->usual_items = sqlite3_column_int(st, 8);
		if (store_col_dup(st, 0, &out->etag) == -1 ||
		    store_col_dup(st, 1, &out->last_modified) == -1 ||
		    store_col_dup(st, 6, &out->last_error) == -1 ||
		    store_col_dup(st, 7, &out->url) == -1) {
			snprintf(err, errlen, "%s: %s: out of memory", s->path,
			    source);
			store_fetch_clear(out);
			rc = SQLITE_NOMEM;
		}
	} else if (rc != SQLITE_DONE)
		store_err(s, err, errlen, source);
	store_reset(s, ST_FETCH_GET);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
store_fetch_put(struct store *s, const char *source,
    const struct store_fetch *f, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_FETCH_PUT];

	if (s->batching && store_batch_open(s, err, errlen) == -1)
		return -1;
	if (store_bind_text(st, 1, source) != SQLITE_OK ||
	    store_bind_text(st, 2, f->etag) != SQLITE_OK ||
	    store_bind_text(st, 3, f->last_modified) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 4, f->last_success) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 5, f->last_attempt) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 6, f->next_fetch) != SQLITE_OK ||
	    sqlite3_bind_int(st, 7, f->failures) != SQLITE_OK ||
	    store_bind_text(st, 8, f->last_error) != SQLITE_OK ||
	    sqlite3_bind_int(st, 9, f->usual_items) != SQLITE_OK) {
		store_err(s, err, errlen, source);
		store_reset(s, ST_FETCH_PUT);
		return -1;
	}
	return store_run(s, ST_FETCH_PUT, err, errlen);
}

void
store_fetch_clear(struct store_fetch *f)
{
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->url);
	memset(f, 0, sizeof(*f));
}

int
store_auto_topic(struct store *s, const char *slug, const char *name,
    char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_AUTO_ADD];

	store_bind_text(st, 1, slug);
	store_bind_text(st, 2, name);
	return store_run(s, ST_AUTO_ADD, err, errlen);
}

int
store_auto_topics(struct store *s, long min, struct store_topic **out,
    size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_AUTO_LIST];
	struct store_topic *grown, *t;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, min);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((grown = realloc(*out, (*n + 1) * sizeof(*grown))) == NULL)
			break;
		*out = grown;
		t = &grown[*n];
		memset(t, 0, sizeof(*t));
		t->count = (long)sqlite3_column_int64(st, 2);
		if (store_col_dup(st, 0, &t->slug) == -1 ||
		    store_col_dup(st, 1, &t->name) == -1) {
			free(t->slug);
			break;
		}
		(*n)++;
	}
	if (rc != SQLITE_DONE)
		store_err(s, err, errlen, "auto-topics");
	store_reset(s, ST_AUTO_LIST);
	if (rc == SQLITE_DONE)
		return 0;
	store_topics_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

void
store_topics_free(struct store_topic *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].slug);
		free(t[i].name);
	}
	free(t);
}

int
store_prune(struct store *s, time_t before, size_t keep, long *n,
    char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_PRUNE];

	sqlite3_bind_int64(st, 1, before);
	sqlite3_bind_int64(st, 2, keep > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)keep);
	if (store_run(s, ST_PRUNE, err, errlen) == -1)
		return -1;
	*n = (long)sqlite3_changes(s->db);
	return 0;
}
