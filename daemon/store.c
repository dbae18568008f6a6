/*
 * The state store: owns the SQLite database (WAL mode), its schema and
 * migrations, the prepared statements, the dedupe rules that decide whether
 * an incoming item is new, an update, another source's copy or nothing, and
 * the per-source fetch state. Nothing here reads the clock.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <sqlite3.h>

#include "daemon/store.h"

#define STORE_SEP	'\x1f'	/* between key parts and categories */
#define STORE_FSEP	'\x1e'	/* between an enclosure's url, type, length */
#define STORE_DIGESTLEN	17	/* 16 hex digits and the NUL */
#define STORE_UIDLEN	46	/* "urn:uuid:" + 36 + NUL */
#define STORE_BUSY_MS	5000

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
};
#define STORE_SCHEMA \
	((int)(sizeof(store_migrations) / sizeof(store_migrations[0])))

/* The hot statements, prepared once at open. */
enum store_st {
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_KEY_GET,
	ST_KEY_SOURCE,
	ST_KEY_ADD,
	ST_ENTRY_ADD,
	ST_ENTRY_GET,
	ST_ENTRY_SET,
	ST_ENTRY_RECALL,
	ST_SOURCE_ADD,
	ST_TOPIC_ADD,
	ST_RECENT,
	ST_RECENT_TOPIC,
	ST_COUNT,
	ST_COUNT_TOPIC,
	ST_FETCH_GET,
	ST_FETCH_PUT,
	ST_META,
	ST_NSTMT
};

#define STORE_RECENT_COLS \
	"SELECT e.guid, e.link, e.canon, e.title, e.author, e.summary," \
	" e.content, e.categories, e.published, e.updated, e.uid," \
	" e.origin, s.title, s.url, s.link, e.enclosures"

static const char *const store_sql[ST_NSTMT] = {
	[ST_SAVEPOINT] = "SAVEPOINT store_put",
	[ST_RELEASE] = "RELEASE store_put",
	[ST_KEY_GET] = "SELECT entry FROM keys WHERE key = ?1",
	/* Does entry ?1 carry a guid key of source ?2 other than ?3? */
	[ST_KEY_SOURCE] = "SELECT 1 FROM keys WHERE entry = ?1"
	    " AND key > ?2 || char(31) AND key < ?2 || char(32)"
	    " AND key <> ?3 LIMIT 1",
	[ST_KEY_ADD] = "INSERT OR IGNORE INTO keys(key, entry) VALUES(?1, ?2)",
	/* ?1..?10 are shared with ST_ENTRY_SET (store_bind_content) */
	[ST_ENTRY_ADD] = "INSERT INTO entries(guid, link, canon, title,"
	    " author, summary, content, categories, digest, updated, uid,"
	    " origin, published, first_seen, sort_time, enclosures)"
	    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16)",
	[ST_ENTRY_GET] = "SELECT origin, digest, updated, sort_time"
	    " FROM entries WHERE id = ?1",
	[ST_ENTRY_SET] = "UPDATE entries SET guid = COALESCE(?1, guid),"
	    " link = ?2, canon = ?3, title = ?4, author = ?5, summary = ?6,"
	    " content = ?7, categories = ?8, digest = ?9, updated = ?10,"
	    " enclosures = ?16 WHERE id = ?11",
	[ST_ENTRY_RECALL] = "SELECT author, content, first_seen FROM entries"
	    " WHERE id = ?1",
	[ST_SOURCE_ADD] = "INSERT OR IGNORE INTO entry_sources(entry, source,"
	    " first_seen) VALUES(?1, ?2, ?3)",
	[ST_TOPIC_ADD] = "INSERT OR IGNORE INTO entry_topics(entry, topic,"
	    " sort_time) VALUES(?1, ?2, ?3)",
	[ST_RECENT] = STORE_RECENT_COLS " FROM entries e"
	    " LEFT JOIN sources s ON s.name = e.origin"
	    " ORDER BY e.sort_time DESC, e.id DESC LIMIT ?1",
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

struct store {
	sqlite3		*db;		/* owns */
	char		*path;		/* owns: for error messages */
	sqlite3_stmt	*st[ST_NSTMT];	/* owns: prepared at open */
};

/* What store_put derives from the item before touching the database. */
struct store_put_ctx {
	const char		*source;	/* borrows */
	const struct item	*it;		/* borrows */
	char			*gkey;		/* owns: guid key, or NULL */
	char			*lkey;		/* owns: link key, or NULL */
	char			*cats;		/* owns: joined, or NULL */
	char			*encs;		/* owns: joined, or NULL */
	time_t			 sort_time;	/* the entry's, once known */
	char			 digest[STORE_DIGESTLEN];
};

/* Fill err with the path, what failed and SQLite's own message. */
static void
store_err(struct store *s, char *err, size_t errlen, const char *what)
{
	snprintf(err, errlen, "%s: %s: %s", s->path, what,
	    sqlite3_errmsg(s->db));
}

/* Make a statement ready for its next use and drop borrowed bindings. */
static void
store_reset(struct store *s, enum store_st i)
{
	sqlite3_reset(s->st[i]);
	sqlite3_clear_bindings(s->st[i]);
}

/* Bind s, or NULL; the string must outlive the statement's next reset. */
static int
store_bind_text(sqlite3_stmt *st, int col, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
}

/* Run a statement that returns no rows; the caller has bound it. */
static int
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
static int
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

/* Settings, schema and statements for a freshly opened handle. */
static int
store_setup(struct store *s, char *err, size_t errlen)
{
	long v;
	int i;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	if (store_version(s, &v, err, errlen) == -1 ||
	    store_wal(s, err, errlen) == -1 ||
	    store_exec(s, "PRAGMA synchronous=NORMAL", "open", err,
	    errlen) == -1 ||
	    store_exec(s, "PRAGMA foreign_keys=ON", "open", err,
	    errlen) == -1 ||
	    /* The per-item savepoints inside a source's transaction need a
	     * statement journal; keep it in memory, not in /var/tmp. */
	    store_exec(s, "PRAGMA temp_store=MEMORY", "open", err,
	    errlen) == -1 ||
	    store_migrate(s, v, err, errlen) == -1)
		return -1;
	for (i = 0; i < ST_NSTMT; i++) {
		if (sqlite3_prepare_v3(s->db, store_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			store_err(s, err, errlen, "prepare");
			return -1;
		}
	}
	return 0;
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
	return s;
}

void
store_close(struct store *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < ST_NSTMT; i++)
		sqlite3_finalize(s->st[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_begin(struct store *s, char *err, size_t errlen)
{
	return store_exec(s, "BEGIN IMMEDIATE", "begin", err, errlen);
}

int
store_commit(struct store *s, char *err, size_t errlen)
{
	return store_exec(s, "COMMIT", "commit", err, errlen);
}

void
store_rollback(struct store *s)
{
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

/* FNV-1a over one field, marked so that NULL and "" differ. */
static uint64_t
store_fnv(uint64_t h, const char *s)
{
	const unsigned char *p;

	h = (h ^ (s == NULL ? 0x1d : 0x1e)) * UINT64_C(0x100000001b3);
	if (s != NULL)
		for (p = (const unsigned char *)s; *p != '\0'; p++)
			h = (h ^ *p) * UINT64_C(0x100000001b3);
	return (h ^ STORE_SEP) * UINT64_C(0x100000001b3);
}

/* The fingerprint of what a reader sees; a change to it is an update. */
static void
store_digest(const struct item *it, char out[STORE_DIGESTLEN])
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	h = store_fnv(h, it->title);
	h = store_fnv(h, it->link);
	h = store_fnv(h, it->author);
	h = store_fnv(h, it->summary);
	h = store_fnv(h, it->content);
	for (i = 0; i < it->ncategories; i++)
		h = store_fnv(h, it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		h = store_fnv(h, it->enclosures[i].url);
	snprintf(out, STORE_DIGESTLEN, "%016" PRIx64, h);
}

/* "k\x1fa" or "k\x1fa\x1fb" in a new string, NULL on ENOMEM. */
static char *
store_key(char kind, const char *a, const char *b)
{
	size_t n;
	char *k;

	n = 2 + strlen(a) + (b != NULL ? 1 + strlen(b) : 0) + 1;
	if ((k = malloc(n)) == NULL)
		return NULL;
	if (b != NULL)
		snprintf(k, n, "%c%c%s%c%s", kind, STORE_SEP, a, STORE_SEP, b);
	else
		snprintf(k, n, "%c%c%s", kind, STORE_SEP, a);
	return k;
}

/* The categories joined with STORE_SEP, in a new string (NULL if none). */
static int
store_join(const struct item *it, char **out)
{
	size_t i, n = 0, len;
	char *p;

	*out = NULL;
	if (it->ncategories == 0)
		return 0;
	for (i = 0; i < it->ncategories; i++)
		n += strlen(it->categories[i]) + 1;
	if ((p = *out = malloc(n)) == NULL)
		return -1;
	for (i = 0; i < it->ncategories; i++) {
		len = strlen(it->categories[i]);
		memcpy(p, it->categories[i], len);
		p += len;
		*p++ = STORE_SEP;
	}
	p[-1] = '\0';
	return 0;
}

/* The enclosures as "url\x1etype\x1elength" joined with STORE_SEP, in a
 * new string (NULL if none); control characters in a type are dropped. */
static int
store_join_enclosures(const struct item *it, char **out)
{
	const struct item_enclosure *e;
	size_t i, n = 0;
	char *p;
	const char *t;

	*out = NULL;
	if (it->nenclosures == 0)
		return 0;
	for (i = 0; i < it->nenclosures; i++)
		n += strlen(it->enclosures[i].url) + 24 +
		    (it->enclosures[i].type != NULL ?
		    strlen(it->enclosures[i].type) : 0);
	if ((p = *out = malloc(n + 1)) == NULL)
		return -1;
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		if (i > 0)
			*p++ = STORE_SEP;
		p += sprintf(p, "%s%c", e->url, STORE_FSEP);
		for (t = e->type != NULL ? e->type : ""; *t != '\0'; t++)
			if ((unsigned char)*t >= 0x20)
				*p++ = *t;
		*p++ = STORE_FSEP;
		if (e->length >= 0)
			p += sprintf(p, "%lld", e->length);
	}
	*p = '\0';
	return 0;
}

/*
 * Derive the keys, categories and digest. An item with neither id nor
 * link gets a key from its digest within the source, so that polling it
 * again is not a new entry every time.
 */
static int
store_put_init(struct store_put_ctx *p, const char *source,
    const struct item *it)
{
	const char *link;

	memset(p, 0, sizeof(*p));
	p->source = source;
	p->it = it;
	store_digest(it, p->digest);
	link = it->canon != NULL ? it->canon : it->link;
	if (it->id != NULL &&
	    (p->gkey = store_key('g', source, it->id)) == NULL)
		return -1;
	if (link != NULL && (p->lkey = store_key('l', link, NULL)) == NULL)
		return -1;
	if (p->gkey == NULL && p->lkey == NULL &&
	    (p->gkey = store_key('d', source, p->digest)) == NULL)
		return -1;
	if (store_join_enclosures(it, &p->encs) == -1)
		return -1;
	return store_join(it, &p->cats);
}

static void
store_put_free(struct store_put_ctx *p)
{
	free(p->gkey);
	free(p->lkey);
	free(p->cats);
	free(p->encs);
}

/* The entry one key names, 0 when none; -1 on error. */
static int
store_key_get(struct store *s, const char *key, sqlite3_int64 *entry,
    char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_KEY_GET];
	int rc;

	*entry = 0;
	if (key == NULL)
		return 0;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*entry = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_err(s, err, errlen, "key lookup");
	store_reset(s, ST_KEY_GET);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Bind ?1..?10, the columns ST_ENTRY_ADD and ST_ENTRY_SET share. */
static int
store_bind_content(sqlite3_stmt *st, const struct store_put_ctx *p,
    time_t updated)
{
	const struct item *it = p->it;

	if (store_bind_text(st, 1, it->id) != SQLITE_OK ||
	    store_bind_text(st, 2, it->link) != SQLITE_OK ||
	    store_bind_text(st, 3, it->canon) != SQLITE_OK ||
	    store_bind_text(st, 4, it->title) != SQLITE_OK ||
	    store_bind_text(st, 5, it->author) != SQLITE_OK ||
	    store_bind_text(st, 6, it->summary) != SQLITE_OK ||
	    store_bind_text(st, 7, it->content) != SQLITE_OK ||
	    store_bind_text(st, 8, p->cats) != SQLITE_OK ||
	    store_bind_text(st, 9, p->digest) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 10, updated) != SQLITE_OK ||
	    store_bind_text(st, 16, p->encs) != SQLITE_OK)
		return -1;
	return 0;
}

/* Attach keys, this source and the topics to entry; *linked if new. */
static int
store_put_links(struct store *s, const struct store_put_ctx *p,
    sqlite3_int64 entry, const char *const *topics, size_t ntopics,
    time_t now, int *linked, char *err, size_t errlen)
{
	const char *keys[2] = { p->gkey, p->lkey };
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (keys[i] == NULL)
			continue;
		st = s->st[ST_KEY_ADD];
		store_bind_text(st, 1, keys[i]);
		sqlite3_bind_int64(st, 2, entry);
		if (store_run(s, ST_KEY_ADD, err, errlen) == -1)
			return -1;
	}
	st = s->st[ST_SOURCE_ADD];
	sqlite3_bind_int64(st, 1, entry);
	store_bind_text(st, 2, p->source);
	sqlite3_bind_int64(st, 3, now);
	if (store_run(s, ST_SOURCE_ADD, err, errlen) == -1)
		return -1;
	*linked = sqlite3_changes(s->db) > 0;
	for (i = 0; i < ntopics; i++) {
		st = s->st[ST_TOPIC_ADD];
		sqlite3_bind_int64(st, 1, entry);
		store_bind_text(st, 2, topics[i]);
		sqlite3_bind_int64(st, 3, p->sort_time);
		if (store_run(s, ST_TOPIC_ADD, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* A random version-4 UUID as a URN: minted once, stored, never derived. */
static int
store_uid(char out[STORE_UIDLEN], char *err, size_t errlen)
{
	unsigned char b[16];
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(b)) {
		n = getrandom(b + got, sizeof(b) - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errlen, "getrandom: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, STORE_UIDLEN, "urn:uuid:%02x%02x%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
	    b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
	    b[13], b[14], b[15]);
	return 0;
}

/* Insert a new entry whose content and origin are this source's item. */
static int
store_put_new(struct store *s, struct store_put_ctx *p,
    const char *const *topics, size_t ntopics, time_t now, char *err,
    size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_ADD];
	const struct item *it = p->it;
	char uid[STORE_UIDLEN];
	time_t updated;
	int linked;

	if (store_uid(uid, err, errlen) == -1)
		return -1;
	updated = it->updated != 0 ? it->updated :
	    it->published != 0 ? it->published : now;
	p->sort_time = it->published != 0 ? it->published :
	    it->updated != 0 ? it->updated : now;
	if (store_bind_content(st, p, updated) == -1 ||
	    store_bind_text(st, 11, uid) != SQLITE_OK ||
	    store_bind_text(st, 12, p->source) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 13, it->published) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 14, now) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 15, p->sort_time) != SQLITE_OK) {
		store_err(s, err, errlen, "new entry");
		store_reset(s, ST_ENTRY_ADD);
		return -1;
	}
	if (store_run(s, ST_ENTRY_ADD, err, errlen) == -1)
		return -1;
	return store_put_links(s, p, sqlite3_last_insert_rowid(s->db), topics,
	    ntopics, now, &linked, err, errlen);
}

/*
 * Whether the stored entry belongs to this source and its content
 * changed; *stored gets its updated time, p its sort time.
 */
static int
store_entry_changed(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int *changed, time_t *stored, char *err,
    size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_GET];
	const unsigned char *origin, *digest;
	int rc;

	*changed = 0;
	sqlite3_bind_int64(st, 1, entry);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		origin = sqlite3_column_text(st, 0);
		digest = sqlite3_column_text(st, 1);
		*stored = (time_t)sqlite3_column_int64(st, 2);
		p->sort_time = (time_t)sqlite3_column_int64(st, 3);
		*changed = origin != NULL && digest != NULL &&
		    strcmp((const char *)origin, p->source) == 0 &&
		    strcmp((const char *)digest, p->digest) != 0;
	} else
		store_err(s, err, errlen, "entry lookup");
	store_reset(s, ST_ENTRY_GET);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Link a known entry to this source; only its origin may change it. */
static int
store_put_known(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, const char *const *topics, size_t ntopics,
    time_t now, enum store_outcome *outcome, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_SET];
	time_t stored, updated;
	int linked, changed;

	if (store_entry_changed(s, p, entry, &changed, &stored, err,
	    errlen) == -1 ||
	    store_put_links(s, p, entry, topics, ntopics, now, &linked, err,
	    errlen) == -1)
		return -1;
	*outcome = linked ? STORE_LINKED : STORE_SAME;
	if (!changed)
		return 0;
	updated = p->it->updated > stored ? p->it->updated : now;
	if (store_bind_content(st, p, updated) == -1 ||
	    sqlite3_bind_int64(st, 11, entry) != SQLITE_OK) {
		store_err(s, err, errlen, "update entry");
		store_reset(s, ST_ENTRY_SET);
		return -1;
	}
	if (store_run(s, ST_ENTRY_SET, err, errlen) == -1)
		return -1;
	*outcome = STORE_UPDATED;
	return 0;
}

/*
 * Whether entry already carries another guid of this same source: then an
 * item that found it by link alone is a different article sharing a link
 * (a live blog, a site that links every item to its front page), not the
 * same one, and must not take the entry over.
 */
static int
store_other_guid(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int *other, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_KEY_SOURCE];
	char *prefix;
	int rc;

	/* "g\x1f<source>": its keys lie between it+\x1f and it+\x20. */
	if ((prefix = store_key('g', p->source, NULL)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", s->path);
		return -1;
	}
	sqlite3_bind_int64(st, 1, entry);
	store_bind_text(st, 2, prefix);
	store_bind_text(st, 3, p->gkey);
	rc = sqlite3_step(st);
	*other = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, err, errlen, "key lookup");
	store_reset(s, ST_KEY_SOURCE);
	free(prefix);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The stored entry the item is (0 when none): by guid within the source,
 * else by link unless that entry is another article of this source. */
static int
store_find(struct store *s, struct store_put_ctx *p, sqlite3_int64 *entry,
    char *err, size_t errlen)
{
	int other = 0;

	if (store_key_get(s, p->gkey, entry, err, errlen) == -1)
		return -1;
	if (*entry == 0 && p->lkey != NULL) {
		if (store_key_get(s, p->lkey, entry, err, errlen) == -1)
			return -1;
		if (*entry != 0 && p->it->id != NULL &&
		    store_other_guid(s, p, *entry, &other, err, errlen) == -1)
			return -1;
		if (other)
			*entry = 0;
	}
	return 0;
}

/* Find and store, all inside the savepoint store_put holds. */
static int
store_put_apply(struct store *s, struct store_put_ctx *p,
    const char *const *topics, size_t ntopics, time_t now,
    enum store_outcome *outcome, char *err, size_t errlen)
{
	sqlite3_int64 entry;

	if (store_find(s, p, &entry, err, errlen) == -1)
		return -1;
	if (entry != 0)
		return store_put_known(s, p, entry, topics, ntopics, now,
		    outcome, err, errlen);
	*outcome = STORE_NEW;
	return store_put_new(s, p, topics, ntopics, now, err, errlen);
}

int
store_put(struct store *s, const char *source, const struct item *it,
    const char *const *topics, size_t ntopics, time_t now,
    enum store_outcome *outcome, char *err, size_t errlen)
{
	struct store_put_ctx p;
	int rc = -1;

	*outcome = STORE_SAME;
	if (store_put_init(&p, source, it) == -1) {
		snprintf(err, errlen, "%s: %s: out of memory", s->path, source);
		store_put_free(&p);
		return -1;
	}
	/* A savepoint keeps one item all-or-nothing, in a transaction or not */
	if (store_run(s, ST_SAVEPOINT, err, errlen) == 0) {
		rc = store_put_apply(s, &p, topics, ntopics, now, outcome, err,
		    errlen);
		if (rc == 0)
			rc = store_run(s, ST_RELEASE, err, errlen);
		if (rc == -1)
			sqlite3_exec(s->db, "ROLLBACK TO store_put;"
			    "RELEASE store_put", NULL, NULL, NULL);
	}
	store_put_free(&p);
	return rc;
}

/* Give it the stored entry's content, and its author when it has none;
 * *since gets when the entry was first seen. */
static int
store_recall_fill(struct store *s, sqlite3_int64 entry, struct item *it,
    time_t *since, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_RECALL];
	const char *author, *content;
	int rc, bad = 0;

	sqlite3_bind_int64(st, 1, entry);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		author = (const char *)sqlite3_column_text(st, 0);
		content = (const char *)sqlite3_column_text(st, 1);
		*since = (time_t)sqlite3_column_int64(st, 2);
		if (content != NULL)
			bad |= item_set(&it->content, content);
		if (author != NULL && it->author == NULL)
			bad |= item_set(&it->author, author);
		if (bad)
			snprintf(err, errlen, "%s: out of memory", s->path);
	} else
		store_err(s, err, errlen, "entry recall");
	store_reset(s, ST_ENTRY_RECALL);
	return rc == SQLITE_ROW && !bad ? 0 : -1;
}

int
store_recall(struct store *s, const char *source, struct item *it,
    int *known, time_t *since, char *err, size_t errlen)
{
	struct store_put_ctx p;
	sqlite3_int64 entry = 0;
	int rc;

	*known = 0;
	*since = 0;
	if (store_put_init(&p, source, it) == -1) {
		snprintf(err, errlen, "%s: %s: out of memory", s->path, source);
		store_put_free(&p);
		return -1;
	}
	rc = store_find(s, &p, &entry, err, errlen);
	store_put_free(&p);
	if (rc == -1 || entry == 0)
		return rc;
	*known = 1;
	return store_recall_fill(s, entry, it, since, err, errlen);
}

/* Split a joined categories column back into the item's list. */
static int
store_split(struct item *it, const char *joined)
{
	char *copy, *p, *sep;
	int rc = 0;

	if ((copy = strdup(joined)) == NULL)
		return -1;
	for (p = copy; rc == 0 && p != NULL; p = sep) {
		if ((sep = strchr(p, STORE_SEP)) != NULL)
			*sep++ = '\0';
		if (*p != '\0')
			rc = item_add_category(it, p);
	}
	free(copy);
	return rc;
}

/* Split a joined enclosures column back into the item's list. */
static int
store_split_enclosures(struct item *it, const char *joined)
{
	char *copy, *p, *sep, *type, *len;
	int rc = 0;

	if ((copy = strdup(joined)) == NULL)
		return -1;
	for (p = copy; rc == 0 && p != NULL; p = sep) {
		if ((sep = strchr(p, STORE_SEP)) != NULL)
			*sep++ = '\0';
		if ((type = strchr(p, STORE_FSEP)) == NULL ||
		    (len = strchr(type + 1, STORE_FSEP)) == NULL)
			continue;
		*type++ = '\0';
		*len++ = '\0';
		rc = item_add_enclosure(it, p, *type != '\0' ? type : NULL,
		    *len != '\0' ? strtoll(len, NULL, 10) : -1);
	}
	free(copy);
	return rc;
}

/* One ST_RECENT row as a new item, NULL on ENOMEM. */
static struct item *
store_row_item(sqlite3_stmt *st)
{
	struct item *it;
	const unsigned char *cats, *encs;

	if ((it = item_new()) == NULL)
		return NULL;
	encs = sqlite3_column_text(st, 15);
	it->published = (time_t)sqlite3_column_int64(st, 8);
	it->updated = (time_t)sqlite3_column_int64(st, 9);
	cats = sqlite3_column_text(st, 7);
	if (store_col_dup(st, 0, &it->id) == -1 ||
	    store_col_dup(st, 1, &it->link) == -1 ||
	    store_col_dup(st, 2, &it->canon) == -1 ||
	    store_col_dup(st, 3, &it->title) == -1 ||
	    store_col_dup(st, 4, &it->author) == -1 ||
	    store_col_dup(st, 5, &it->summary) == -1 ||
	    store_col_dup(st, 6, &it->content) == -1 ||
	    (cats != NULL && store_split(it, (const char *)cats) == -1) ||
	    store_col_dup(st, 10, &it->uid) == -1 ||
	    store_col_dup(st, 11, &it->source_name) == -1 ||
	    store_col_dup(st, 12, &it->source_title) == -1 ||
	    store_col_dup(st, 13, &it->source_url) == -1 ||
	    store_col_dup(st, 14, &it->source_link) == -1 ||
	    (encs != NULL && store_split_enclosures(it,
	    (const char *)encs) == -1)) {
		item_free(it);
		return NULL;
	}
	return it;
}

struct item_list *
store_recent(struct store *s, const char *topic, size_t keep, char *err,
    size_t errlen)
{
	enum store_st i = topic != NULL ? ST_RECENT_TOPIC : ST_RECENT;
	sqlite3_stmt *st = s->st[i];
	struct item_list *l;
	struct item *it;
	int rc;

	if ((l = item_list_new()) == NULL) {
		snprintf(err, errlen, "%s: out of memory", s->path);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, keep > INT64_MAX ? INT64_MAX :
	    (sqlite3_int64)keep);
	if (topic != NULL)
		store_bind_text(st, 2, topic);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((it = store_row_item(st)) == NULL) {
			snprintf(err, errlen, "%s: out of memory", s->path);
			break;
		}
		item_list_append(l, it);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, err, errlen, "recent");
	store_reset(s, i);
	if (rc != SQLITE_DONE) {
		item_list_free(l);
		return NULL;
	}
	return l;
}

/* -1 when the database cannot answer. */
long
store_count(struct store *s, const char *topic)
{
	enum store_st i = topic != NULL ? ST_COUNT_TOPIC : ST_COUNT;
	long n = -1;

	if (topic != NULL)
		store_bind_text(s->st[i], 1, topic);
	if (sqlite3_step(s->st[i]) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s->st[i], 0);
	store_reset(s, i);
	return n;
}
