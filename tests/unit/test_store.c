/*
 * Unit tests for store: dedupe outcomes, ownership of an entry's content,
 * stable uids, ordering, transactions, restarts, fetch state, and refusing
 * databases it must not touch. Each test works in its own temporary
 * directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "daemon/store.h"

#define T0	1700000000	/* a fake clock */

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct store	*store;		/* owns */
	char		 err[512];
};

static int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_store.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/state.db", f->dir);
	f->store = store_open(f->path, f->err, sizeof(f->err));
	if (f->store == NULL) {
		fprintf(stderr, "# store_open: %s\n", f->err);
		rmdir(f->dir);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* A fixture without an open store, for tests that open it themselves. */
static int
setup_closed(void **state)
{
	struct fixture *f;

	if (setup(state) == -1)
		return -1;
	f = *state;
	store_close(f->store);
	f->store = NULL;
	unlink(f->path);
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	const char *suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[160];
	size_t i;

	store_close(f->store);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	assert_int_equal(rmdir(f->dir), 0);
	free(f);
	return 0;
}

/* A new item with the given fields (any may be NULL). */
static struct item *
mkitem(const char *id, const char *link, const char *title,
    const char *content, time_t published)
{
	struct item *it;

	it = item_new();
	assert_non_null(it);
	if (id != NULL)
		assert_int_equal(item_set(&it->id, id), 0);
	if (link != NULL) {
		assert_int_equal(item_set(&it->link, link), 0);
		assert_int_equal(item_set(&it->canon, link), 0);
	}
	if (title != NULL)
		assert_int_equal(item_set(&it->title, title), 0);
	if (content != NULL)
		assert_int_equal(item_set(&it->content, content), 0);
	it->published = published;
	return it;
}

/* store_put that must succeed; returns the outcome. */
static enum store_outcome
put(struct fixture *f, const char *source, const struct item *it,
    const char *topic, time_t now)
{
	enum store_outcome o;
	const char *topics[1] = { topic };

	if (store_put(f->store, source, it, topics, topic != NULL ? 1 : 0,
	    now, &o, f->err, sizeof(f->err)) == -1)
		fail_msg("store_put: %s", f->err);
	return o;
}

/* One integer from a query on a second, independent connection. */
static long
query_long(struct fixture *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long n = -1;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* The newest entries that must be readable. */
static struct item_list *
recent(struct fixture *f, const char *topic, size_t keep)
{
	struct item_list *l;

	l = store_recent(f->store, topic, keep, 0, f->err, sizeof(f->err));
	if (l == NULL)
		fail_msg("store_recent: %s", f->err);
	return l;
}

static void
test_open_wal(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1,
	    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(query_long(f, "PRAGMA user_version"), 5);
	assert_int_equal(store_count(f->store, NULL), 0);
	assert_int_equal(store_count(f->store, "none"), 0);
}

static void
test_outcomes(void **state)
{
	struct fixture *f = *state;
	struct item *it;

	it = mkitem("g1", "https://a.example/1", "One", "<p>one</p>", T0);
	assert_int_equal(put(f, "a", it, NULL, T0 + 10), STORE_NEW);
	assert_int_equal(put(f, "a", it, NULL, T0 + 20), STORE_SAME);
	assert_int_equal(item_set(&it->title, "One, corrected"), 0);
	assert_int_equal(put(f, "a", it, NULL, T0 + 30), STORE_UPDATED);
	assert_int_equal(put(f, "a", it, NULL, T0 + 40), STORE_SAME);
	/* a category is content too */
	assert_int_equal(item_add_category(it, "news"), 0);
	assert_int_equal(put(f, "a", it, NULL, T0 + 50), STORE_UPDATED);
	assert_int_equal(put(f, "b", it, NULL, T0 + 60), STORE_LINKED);
	assert_int_equal(put(f, "b", it, NULL, T0 + 70), STORE_SAME);
	assert_int_equal(store_count(f->store, NULL), 1);
	item_free(it);
}

static void
test_guid_scoped_to_source(void **state)
{
	struct fixture *f = *state;
	struct item *a, *b;

	/* "1" is a guid in both feeds, but they are different articles */
	a = mkitem("1", "https://a.example/x", "A", NULL, T0);
	b = mkitem("1", "https://b.example/y", "B", NULL, T0);
	assert_int_equal(put(f, "a", a, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "b", b, NULL, T0), STORE_NEW);
	assert_int_equal(store_count(f->store, NULL), 2);
	/* the same guid with a new link is still the same entry */
	assert_int_equal(item_set(&a->link, "https://a.example/moved"), 0);
	assert_int_equal(item_set(&a->canon, "https://a.example/moved"), 0);
	assert_int_equal(put(f, "a", a, NULL, T0 + 1), STORE_UPDATED);
	assert_int_equal(store_count(f->store, NULL), 2);
	item_free(a);
	item_free(b);
}

/*
 * Two items of one source with their own guids but one link (a site that
 * links every item to its front page) are two entries, and polling them
 * again changes neither: no flip-flop of one entry between them.
 */
static void
test_shared_link_in_one_source(void **state)
{
	struct fixture *f = *state;
	struct item *a, *b;
	int poll;

	a = mkitem("g1", "https://a.example/news", "First", "one", T0);
	b = mkitem("g2", "https://a.example/news", "Second", "two", T0 + 1);
	assert_int_equal(put(f, "a", a, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "a", b, NULL, T0), STORE_NEW);
	for (poll = 1; poll <= 3; poll++) {
		assert_int_equal(put(f, "a", a, NULL, T0 + poll), STORE_SAME);
		assert_int_equal(put(f, "a", b, NULL, T0 + poll), STORE_SAME);
	}
	assert_int_equal(store_count(f->store, NULL), 2);
	/* Another source carrying that link still joins the first entry. */
	item_free(b);
	b = mkitem("x9", "https://a.example/news", "Copy", "copy", T0);
	assert_int_equal(put(f, "b", b, NULL, T0 + 5), STORE_LINKED);
	assert_int_equal(store_count(f->store, NULL), 2);
	item_free(a);
	item_free(b);
}

static void
test_canon_across_sources(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *a, *b;

	a = mkitem("a-17", "https://news.example/story", "Origin title",
	    "<p>origin text</p>", T0);
	b = mkitem("b-99", "https://news.example/story", "Copy title",
	    "<p>copied, changed</p>", T0);
	assert_int_equal(put(f, "a", a, "city", T0), STORE_NEW);
	assert_int_equal(put(f, "b", b, "health", T0 + 5), STORE_LINKED);
	assert_int_equal(store_count(f->store, NULL), 1);
	assert_int_equal(query_long(f,
	    "SELECT count(*) FROM entry_sources"), 2);
	/* b's guid is now a key of the entry too */
	assert_int_equal(item_set(&b->canon, "https://elsewhere.example/"), 0);
	assert_int_equal(put(f, "b", b, NULL, T0 + 6), STORE_SAME);
	/* b's text never overwrites a's: no flip-flop */
	assert_int_equal(item_set(&b->title, "Copy title again"), 0);
	assert_int_equal(put(f, "b", b, NULL, T0 + 7), STORE_SAME);
	assert_int_equal(put(f, "a", a, NULL, T0 + 8), STORE_SAME);
	l = recent(f, NULL, 10);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->title, "Origin title");
	assert_string_equal(l->head->content, "<p>origin text</p>");
	assert_string_equal(l->head->source_name, "a");
	item_list_free(l);
	/* topics from both sources */
	assert_int_equal(store_count(f->store, "city"), 1);
	assert_int_equal(store_count(f->store, "health"), 1);
	item_free(a);
	item_free(b);
}

static void
test_update_times(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *it;
	char uid[64];

	it = mkitem("g", "https://a.example/u", "v1", NULL, T0);
	assert_int_equal(put(f, "a", it, NULL, T0 + 100), STORE_NEW);
	l = recent(f, NULL, 1);
	assert_int_equal(l->head->updated, T0);	/* from published */
	assert_int_equal(l->head->published, T0);
	snprintf(uid, sizeof(uid), "%s", l->head->uid);
	item_list_free(l);

	/* no date of its own: updated moves to now */
	assert_int_equal(item_set(&it->title, "v2"), 0);
	assert_int_equal(put(f, "a", it, NULL, T0 + 200), STORE_UPDATED);
	l = recent(f, NULL, 1);
	assert_int_equal(l->head->updated, T0 + 200);
	assert_int_equal(l->head->published, T0);
	assert_string_equal(l->head->title, "v2");
	assert_string_equal(l->head->uid, uid);
	item_list_free(l);

	/* the item's own newer date wins */
	assert_int_equal(item_set(&it->title, "v3"), 0);
	it->updated = T0 + 250;
	assert_int_equal(put(f, "a", it, NULL, T0 + 300), STORE_UPDATED);
	l = recent(f, NULL, 1);
	assert_int_equal(l->head->updated, T0 + 250);
	item_list_free(l);

	/* an older date than stored cannot move it back */
	assert_int_equal(item_set(&it->title, "v4"), 0);
	it->updated = T0 + 1;
	assert_int_equal(put(f, "a", it, NULL, T0 + 400), STORE_UPDATED);
	l = recent(f, NULL, 1);
	assert_int_equal(l->head->updated, T0 + 400);
	assert_string_equal(l->head->uid, uid);
	item_list_free(l);
	item_free(it);
}

/* Five dated items of source "a" stored out of order, and one undated. */
static void
recent_fill(struct fixture *f)
{
	struct item *it;
	char id[16], link[64];
	int i, n;

	assert_int_equal(store_source_meta(f->store, "a",
	    "https://a.example/feed", "Feed A", "https://a.example/",
	    f->err, sizeof(f->err)), 0);
	for (i = 0; i < 5; i++) {
		n = (i * 3) % 5;	/* 0, 3, 1, 4, 2 */
		snprintf(id, sizeof(id), "%d", n);
		snprintf(link, sizeof(link), "https://a.example/%d", n);
		it = mkitem(id, link, id, NULL, T0 + n);
		assert_int_equal(item_add_category(it, "one"), 0);
		assert_int_equal(item_add_category(it, "two words"), 0);
		assert_int_equal(item_add_enclosure(it,
		    "https://a.example/ep.mp3", "audio/mpeg", 1234), 0);
		assert_int_equal(item_add_enclosure(it,
		    "https://a.example/ep.ogg", NULL, -1), 0);
		assert_int_equal(put(f, "a", it, n % 2 ? "odd" : NULL,
		    T0 + 100), STORE_NEW);
		item_free(it);
	}
	it = mkitem("x", NULL, "undated", NULL, 0);
	assert_int_equal(put(f, "nometa", it, "odd", T0 + 2), STORE_NEW);
	item_free(it);
}

static void
test_recent_order(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *it;

	recent_fill(f);
	l = recent(f, NULL, 100);
	assert_int_equal(l->count, 6);
	it = l->head;
	assert_string_equal(it->title, "4");
	assert_string_equal(it->id, "4");
	assert_string_equal(it->link, "https://a.example/4");
	assert_string_equal(it->canon, "https://a.example/4");
	assert_string_equal(it->source_name, "a");
	assert_string_equal(it->source_title, "Feed A");
	assert_string_equal(it->source_url, "https://a.example/feed");
	assert_string_equal(it->source_link, "https://a.example/");
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[0], "one");
	assert_string_equal(it->categories[1], "two words");
	/* Enclosures come back as they went in, unknowns included. */
	assert_int_equal(it->nenclosures, 2);
	assert_string_equal(it->enclosures[0].url, "https://a.example/ep.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 1234);
	assert_string_equal(it->enclosures[1].url, "https://a.example/ep.ogg");
	assert_null(it->enclosures[1].type);
	assert_int_equal(it->enclosures[1].length, -1);
	assert_null(it->content);
	assert_string_equal(it->next->title, "3");
	/* undated: sorted at its first sighting, T0+2, before "2" (older) */
	it = it->next->next;
	assert_string_equal(it->title, "undated");
	assert_int_equal(it->published, 0);
	assert_string_equal(it->source_name, "nometa");
	assert_null(it->source_title);
	assert_null(it->source_url);
	assert_int_equal(it->ncategories, 0);
	assert_int_equal(it->nenclosures, 0);
	assert_string_equal(it->next->title, "2");
	assert_string_equal(it->next->next->next->title, "0");
	item_list_free(l);

	l = recent(f, NULL, 2);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->head->next->title, "3");
	item_list_free(l);
	l = recent(f, NULL, 0);
	assert_int_equal(l->count, 0);
	assert_null(l->head);
	item_list_free(l);
}

static void
test_recent_topic(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;

	recent_fill(f);
	l = recent(f, "odd", 10);
	assert_int_equal(l->count, 3);
	assert_string_equal(l->head->title, "3");
	assert_string_equal(l->head->source_title, "Feed A");
	assert_string_equal(l->head->next->title, "undated");
	assert_string_equal(l->head->next->next->title, "1");
	item_list_free(l);
	l = recent(f, "odd", 1);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->title, "3");
	item_list_free(l);
	l = recent(f, "nope", 10);
	assert_int_equal(l->count, 0);
	item_list_free(l);
	assert_int_equal(store_count(f->store, "odd"), 3);
	assert_int_equal(store_count(f->store, NULL), 6);
}

static void
test_put_failure_atomic(void **state)
{
	struct fixture *f = *state;
	const char *bad[2] = { "fine", "boom" };
	enum store_outcome o;
	struct item *a, *b;
	sqlite3 *db;

	/* a failure in the last step of a put, after the entry went in */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT"
	    " ON entry_topics WHEN NEW.topic = 'boom'"
	    " BEGIN SELECT RAISE(ABORT, 'boom'); END", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	a = mkitem("a", "https://a.example/a", "A", NULL, T0);
	b = mkitem("b", "https://a.example/b", "B", NULL, T0);
	/* in a transaction (a source's poll) the caller rolls back all */
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "s", a, NULL, T0), STORE_NEW);
	assert_int_equal(store_put(f->store, "s", b, bad, 2, T0, &o, f->err,
	    sizeof(f->err)), -1);
	assert_non_null(strstr(f->err, f->path));
	store_rollback(f->store);
	assert_int_equal(store_count(f->store, NULL), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM keys"), 0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "s", a, NULL, T0), STORE_NEW);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	/* guid and story keys (a web link's story key serves for it) */
	assert_int_equal(query_long(f, "SELECT count(*) FROM keys"), 2);
	/* outside a transaction the item alone is all or nothing, and the
	 * store stays usable after */
	assert_int_equal(store_put(f->store, "s", b, bad, 2, T0, &o, f->err,
	    sizeof(f->err)), -1);
	assert_int_equal(store_count(f->store, NULL), 1);
	assert_int_equal(put(f, "s", b, "fine", T0), STORE_NEW);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 2);
	item_free(a);
	item_free(b);
}

/*
 * Batching: each source's poll is a savepoint (a failed one is rolled
 * back alone), and nothing is committed, or seen by another connection,
 * until store_flush; fetch states join the batch.
 */
static void
test_batch(void **state)
{
	struct fixture *f = *state;
	struct store_fetch sf;
	struct item *a, *b;

	store_set_batching(f->store, 1);
	a = mkitem("a", "https://a.example/a", "A", NULL, T0);
	b = mkitem("b", "https://b.example/b", "B", NULL, T0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "s", a, NULL, T0), STORE_NEW);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "t", b, NULL, T0), STORE_NEW);
	store_rollback(f->store);		/* t's poll only */
	memset(&sf, 0, sizeof(sf));
	sf.last_success = T0;
	assert_int_equal(store_fetch_put(f->store, "s", &sf, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(store_count(f->store, NULL), 1);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 0);
	assert_int_equal(store_flush(f->store, f->err, sizeof(f->err)), 1);
	assert_int_equal(store_flush(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 1);
	assert_int_equal(query_long(f, "SELECT count(*) FROM sources"
	    " WHERE name = 's' AND last_success > 0"), 1);
	/* off again: begin and commit are a transaction of their own */
	store_set_batching(f->store, 0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "t", b, NULL, T0), STORE_NEW);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 2);
	item_free(a);
	item_free(b);
}

static void
test_uids(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *it, *jt;
	char id[16];
	size_t i;

	for (i = 0; i < 200; i++) {
		snprintf(id, sizeof(id), "%zu", i);
		it = mkitem(id, NULL, NULL, NULL, T0 + (time_t)i);
		assert_int_equal(put(f, "a", it, NULL, T0), STORE_NEW);
		item_free(it);
	}
	l = recent(f, NULL, 1000);
	assert_int_equal(l->count, 200);
	for (it = l->head; it != NULL; it = it->next) {
		assert_non_null(it->uid);
		assert_int_equal(strlen(it->uid), 9 + 36);
		assert_memory_equal(it->uid, "urn:uuid:", 9);
		for (i = 9; i < 45; i++) {
			if (i == 17 || i == 22 || i == 27 || i == 32)
				assert_int_equal(it->uid[i], '-');
			else
				assert_non_null(strchr("0123456789abcdef",
				    it->uid[i]));
		}
		/* version 7: the poll's time in milliseconds comes first */
		assert_int_equal(it->uid[23], '7');
		assert_non_null(strchr("89ab", it->uid[28]));
		assert_memory_equal(it->uid + 9, "018bcfe5-6800", 13);
		for (jt = it->next; jt != NULL; jt = jt->next)
			assert_string_not_equal(it->uid, jt->uid);
	}
	item_list_free(l);
}

static void
test_no_keys(void **state)
{
	struct fixture *f = *state;
	struct item *it;

	/* neither id nor link: polling it again is not a new entry */
	it = mkitem(NULL, NULL, "Bare", "<p>text</p>", 0);
	assert_int_equal(put(f, "a", it, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "a", it, NULL, T0 + 60), STORE_SAME);
	assert_int_equal(store_count(f->store, NULL), 1);
	/* a link without a canonical form still identifies it */
	it->link = strdup("https://a.example/raw");
	assert_non_null(it->link);
	assert_int_equal(put(f, "a", it, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "b", it, NULL, T0), STORE_LINKED);
	assert_int_equal(store_count(f->store, NULL), 2);
	item_free(it);
}

static void
test_hostile_text(void **state)
{
	struct fixture *f = *state;
	const char *evil = "'); DROP TABLE entries; -- \"%s%n\\";
	struct item_list *l;
	struct item *it;

	it = mkitem(evil, evil, evil, evil, T0);
	assert_int_equal(item_add_category(it, evil), 0);
	assert_int_equal(put(f, evil, it, evil, T0), STORE_NEW);
	assert_int_equal(put(f, evil, it, evil, T0), STORE_SAME);
	l = recent(f, evil, 5);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->title, evil);
	assert_string_equal(l->head->id, evil);
	assert_string_equal(l->head->source_name, evil);
	assert_string_equal(l->head->categories[0], evil);
	item_list_free(l);
	item_free(it);
}

static void
test_rollback(void **state)
{
	struct fixture *f = *state;
	struct store_fetch sf = { .failures = 3, .next_fetch = T0 };
	struct item *it;

	it = mkitem("g", "https://a.example/r", "R", NULL, T0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "a", it, "t", T0), STORE_NEW);
	assert_int_equal(put(f, "a", it, "t", T0), STORE_SAME);
	assert_int_equal(store_fetch_put(f->store, "a", &sf, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(store_count(f->store, NULL), 1);
	store_rollback(f->store);
	assert_int_equal(store_count(f->store, NULL), 0);
	assert_int_equal(store_count(f->store, "t"), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM keys"), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM sources"), 0);
	/* rollback outside a transaction is harmless */
	store_rollback(f->store);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "a", it, "t", T0), STORE_NEW);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 1);
	/* commit without begin is an error naming the path */
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), -1);
	assert_non_null(strstr(f->err, f->path));
	item_free(it);
}

static void
test_reopen(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *it;
	char uid[64];

	it = mkitem("g", "https://a.example/p", "Persist", NULL, T0);
	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	assert_int_equal(put(f, "a", it, "t", T0), STORE_NEW);
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
	l = recent(f, NULL, 1);
	snprintf(uid, sizeof(uid), "%s", l->head->uid);
	item_list_free(l);

	store_close(f->store);
	f->store = store_open(f->path, f->err, sizeof(f->err));
	assert_non_null(f->store);
	assert_int_equal(put(f, "a", it, "t", T0 + 3600), STORE_SAME);
	assert_int_equal(store_count(f->store, NULL), 1);
	assert_int_equal(store_count(f->store, "t"), 1);
	l = recent(f, NULL, 5);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->uid, uid);
	item_list_free(l);
	item_free(it);
}

/*
 * store_recall: an item polled again from a fulltext source takes the
 * content (and author) its article page gave it once, so the second poll
 * is no change; an unknown item is left alone.
 */
static void
test_recall(void **state)
{
	struct fixture *f = *state;
	struct item *it, *again, *other;
	int known;
	time_t since;

	it = mkitem(NULL, "https://h/a1", "A1", "<p>full text</p>", 0);
	assert_int_equal(item_set(&it->author, "By Xinhua"), 0);
	assert_int_equal(put(f, "s", it, NULL, T0), STORE_NEW);
	again = mkitem(NULL, "https://h/a1", "A1", NULL, 0);
	assert_int_equal(store_recall(f->store, "s", again, &known, &since,
	    f->err, sizeof(f->err)), 0);
	assert_true(known);
	assert_int_equal(since, T0);
	assert_string_equal(again->content, "<p>full text</p>");
	assert_string_equal(again->author, "By Xinhua");
	assert_int_equal(put(f, "s", again, NULL, T0 + 60), STORE_SAME);
	/* A listing's own author wins over the stored one. */
	item_free(again);
	again = mkitem(NULL, "https://h/a1", "A1 edited", NULL, 0);
	assert_int_equal(item_set(&again->author, "Li"), 0);
	assert_int_equal(store_recall(f->store, "s", again, &known, &since,
	    f->err, sizeof(f->err)), 0);
	assert_true(known);
	assert_string_equal(again->author, "Li");
	assert_string_equal(again->content, "<p>full text</p>");
	other = mkitem(NULL, "https://h/a2", "A2", NULL, 0);
	assert_int_equal(store_recall(f->store, "s", other, &known, &since,
	    f->err, sizeof(f->err)), 0);
	assert_false(known);
	assert_int_equal(since, 0);
	assert_null(other->content);
	item_free(it);
	item_free(again);
	item_free(other);
}

static const char story_text[] = "<p>Shanghai will add forty kilometres of "
    "protected bicycle lanes this year, with new signals at two hundred "
    "junctions and parking for two thousand bicycles near metro stations, "
    "the city's transport commission said on Monday.</p>";

/*
 * One story from three sources: by story URL (https/www/AMP/tracking
 * folded) and by near-duplicate title and text under another URL; each
 * further source is a via link with its own link, and its categories
 * join the entry's. A template title on another day, or the same story
 * from the same source, stays apart.
 */
static void
test_story_merge(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *a, *b, *c, *d, *e, *m;
	static const char *const extra[] = { "ref", NULL };

	store_set_identity(f->store, extra, 3 * 24 * 3600);
	assert_int_equal(store_source_meta(f->store, "b", "https://b/f",
	    "B News", NULL, f->err, sizeof(f->err)), 0);
	a = mkitem("a-1", "https://www.a.example/2024/bikes.html",
	    "Shanghai adds forty kilometres of bicycle lanes", story_text, T0);
	assert_int_equal(item_add_category(a, "City"), 0);
	assert_int_equal(put(f, "a", a, NULL, T0), STORE_NEW);
	b = mkitem("b-9", "http://a.example/2024/bikes.amp.html?ref=rss",
	    "Shanghai adds forty kilometres of bicycle lanes - B News",
	    NULL, T0 + 600);
	assert_int_equal(item_add_category(b, "Transport"), 0);
	assert_int_equal(put(f, "b", b, NULL, T0 + 600), STORE_LINKED);
	c = mkitem("c-3", "https://c.example/news/77",
	    "Shanghai Adds Forty Kilometres Of Bicycle Lanes!", story_text,
	    T0 + 3600);
	assert_int_equal(put(f, "c", c, NULL, T0 + 3600), STORE_LINKED);
	/* the same title from the same source a week later: another story */
	d = mkitem("a-2", "https://www.a.example/2024/bikes-2.html",
	    "Shanghai adds forty kilometres of bicycle lanes", story_text,
	    T0 + 7 * 24 * 3600);
	assert_int_equal(put(f, "c", d, NULL, T0 + 7 * 24 * 3600), STORE_NEW);
	/* a follow-up with its own text is not merged */
	e = mkitem("c-4", "https://c.example/news/78",
	    "Shanghai bicycle lanes open to riders", "<p>Riders took to the new "
	    "lanes on Saturday morning, and the first reviews from commuters "
	    "and couriers were warm, with some asking for more.</p>", T0 + 7200);
	assert_int_equal(put(f, "c", e, NULL, T0 + 7200), STORE_NEW);
	l = recent(f, NULL, 10);
	assert_int_equal(l->count, 3);
	m = l->head->next->next;	/* the oldest: the merged story */
	assert_string_equal(m->title,
	    "Shanghai adds forty kilometres of bicycle lanes");
	assert_int_equal(m->nvias, 2);
	assert_string_equal(m->vias[0].link,
	    "http://a.example/2024/bikes.amp.html?ref=rss");
	assert_string_equal(m->vias[0].title, "B News");
	assert_string_equal(m->vias[1].link, "https://c.example/news/77");
	assert_string_equal(m->vias[1].title, "c");
	assert_int_equal(m->ncategories, 2);
	assert_string_equal(m->categories[1], "Transport");
	item_list_free(l);
	/* polling the copies again changes nothing */
	assert_int_equal(put(f, "b", b, NULL, T0 + 900), STORE_SAME);
	assert_int_equal(put(f, "c", c, NULL, T0 + 3700), STORE_SAME);
	/* without a merge window only links merge */
	store_set_identity(f->store, NULL, 0);
	item_free(c);
	c = mkitem("e-1", "https://e.example/x",
	    "Shanghai adds forty kilometres of bicycle lanes", story_text,
	    T0 + 60);
	assert_int_equal(put(f, "e", c, NULL, T0 + 60), STORE_NEW);
	item_free(a);
	item_free(b);
	item_free(c);
	item_free(d);
	item_free(e);
}

/*
 * Keys and fingerprints made before the store is reached (by a parse
 * worker) decide as the store's own would: taken over, and the near
 * duplicate under another URL is merged; an unready one is made here.
 */
static void
test_put_prepared(void **state)
{
	struct fixture *f = *state;
	struct storedup pre, none;
	enum store_outcome o;
	struct item *a, *c;

	store_set_identity(f->store, NULL, 3 * 24 * 3600);
	a = mkitem("a-1", "https://a.example/2024/bikes.html",
	    "Shanghai adds forty kilometres of bicycle lanes", story_text, T0);
	memset(&none, 0, sizeof(none));
	assert_int_equal(store_put_prepared(f->store, "a", a, &none, NULL, 0,
	    T0, &o, f->err, sizeof(f->err)), 0);
	assert_int_equal(o, STORE_NEW);
	c = mkitem("c-3", "https://c.example/news/77",
	    "Shanghai Adds Forty Kilometres Of Bicycle Lanes!", story_text,
	    T0 + 3600);
	memset(&pre, 0, sizeof(pre));
	assert_int_equal(storedup_prepare(&pre, c), 0);
	assert_true(pre.ready);
	assert_int_equal(store_put_prepared(f->store, "c", c, &pre, NULL, 0,
	    T0 + 3600, &o, f->err, sizeof(f->err)), 0);
	assert_int_equal(o, STORE_LINKED);
	/* taken over: nothing left to free, nothing freed twice */
	assert_false(pre.ready);
	assert_null(pre.nkey);
	assert_null(pre.xkey);
	storedup_free(&pre);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 1);
	item_free(a);
	item_free(c);
}


/* Re-wrapped text and links re-tagged for a campaign are no update; a
 * real change is; a digest of the older kind is only brought up to date. */
static void
test_noise(void **state)
{
	struct fixture *f = *state;
	struct item *a, *b;
	sqlite3 *db;

	a = mkitem("n1", "https://n.example/1", "Bridge closed",
	    "<p>The bridge is closed. See <a href=\"https://n.example/map?"
	    "x=1\">the map</a>.</p>", T0);
	assert_int_equal(put(f, "s", a, NULL, T0), STORE_NEW);
	b = mkitem("n1", "https://n.example/1", "  Bridge   closed ",
	    "<p>The bridge\n  is closed.   See <a href=\"https://n.example/map?"
	    "utm_source=rss&amp;x=1\">the map</a>.</p>\n", T0);
	assert_int_equal(put(f, "s", b, NULL, T0 + 60), STORE_SAME);
	item_free(b);
	b = mkitem("n1", "https://n.example/1", "Bridge closed until May",
	    a->content, T0);
	assert_int_equal(put(f, "s", b, NULL, T0 + 120), STORE_UPDATED);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE entries SET digest ="
	    " '0123456789abcdef'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(put(f, "s", a, NULL, T0 + 180), STORE_SAME);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries WHERE"
	    " digest LIKE 'n%'"), 1);
	assert_int_equal(put(f, "s", b, NULL, T0 + 240), STORE_UPDATED);
	item_free(a);
	item_free(b);
}

/* An entry outside every feed's window, older than retain, becomes a
 * tombstone: its text goes, it leaves the feeds, and the item coming back
 * to its source is nothing, changed or not. */
static void
test_tombstone(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *a, *b, *c;
	long n;

	a = mkitem("t1", "https://t.example/1", "Oldest", "<p>one</p>", T0);
	b = mkitem("t2", "https://t.example/2", "Middle", "<p>two</p>",
	    T0 + 10);
	c = mkitem("t3", "https://t.example/3", "Newest", "<p>three</p>",
	    T0 + 20);
	put(f, "s", a, "city", T0);
	put(f, "s", b, NULL, T0);
	put(f, "s", c, NULL, T0);
	/* not old enough yet */
	assert_int_equal(store_prune(f->store, T0, 2, &n, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(n, 0);
	/* a is outside the unified feed's newest 2, but its topic shows it */
	assert_int_equal(store_prune(f->store, T0 + 100, 2, &n, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_prune(f->store, T0 + 100, 0, &n, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(n, 3);
	l = recent(f, NULL, 10);
	assert_int_equal(l->count, 0);
	item_list_free(l);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"
	    " WHERE content IS NULL AND tombstone = 1"), 3);
	item_set(&a->content, "<p>one, edited</p>");
	assert_int_equal(put(f, "s", a, NULL, T0 + 200), STORE_SAME);
	assert_int_equal(store_count(f->store, NULL), 3);
	item_free(a);
	item_free(b);
	item_free(c);
}

/* The merge rule: which source's body a story from several keeps. */
static void
test_merge_rule(void **state)
{
	struct fixture *f = *state;
	static const char *const order[] = { "wire", "blog", NULL };
	struct item_list *l;
	struct item *a, *b, *c, *d;

	a = mkitem("a1", "https://x.example/s1", "Short one", "<p>short</p>",
	    T0);
	b = mkitem("b1", "https://x.example/s1?utm_source=b", "Long one",
	    "<p>a much longer body</p>", T0);
	assert_int_equal(item_add_category(a, "City"), 0);
	assert_int_equal(item_add_category(b, "Transport"), 0);
	store_set_merge(f->store, STORE_MERGE_LONGEST, NULL);
	assert_int_equal(put(f, "blog", a, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "news", b, NULL, T0 + 1), STORE_UPDATED);
	l = recent(f, NULL, 10);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->source_name, "news");
	assert_string_equal(l->head->content, "<p>a much longer body</p>");
	assert_int_equal(l->head->nvias, 1);
	assert_string_equal(l->head->vias[0].link, "https://x.example/s1");
	/* the categories of the source that lost the body stay */
	assert_int_equal(l->head->ncategories, 2);
	assert_string_equal(l->head->categories[0], "City");
	assert_string_equal(l->head->categories[1], "Transport");
	item_list_free(l);
	/* a shorter third copy does not take it back */
	c = mkitem("c1", "http://x.example/s1", "Tiny", "<p>x</p>", T0);
	assert_int_equal(put(f, "third", c, NULL, T0 + 2), STORE_LINKED);
	/* source order: the wire listed first wins over the blog */
	store_set_merge(f->store, STORE_MERGE_ORDER, order);
	item_free(a);
	a = mkitem("a2", "https://x.example/s2", "Blog take", "<p>b</p>", T0);
	d = mkitem("d2", "https://www.x.example/s2", "Wire copy", "<p>w</p>",
	    T0);
	assert_int_equal(put(f, "blog", a, NULL, T0), STORE_NEW);
	assert_int_equal(put(f, "wire", d, NULL, T0 + 1), STORE_UPDATED);
	/* first: nobody takes over */
	store_set_merge(f->store, STORE_MERGE_FIRST, NULL);
	item_free(c);
	c = mkitem("c3", "https://x.example/s3", "First", "<p>1</p>", T0);
	assert_int_equal(put(f, "blog", c, NULL, T0), STORE_NEW);
	item_free(d);
	d = mkitem("d3", "https://x.example/s3#x", "Second",
	    "<p>a far longer second body</p>", T0);
	assert_int_equal(put(f, "wire", d, NULL, T0 + 1), STORE_LINKED);
	item_free(a);
	item_free(b);
	item_free(c);
	item_free(d);
}

/* max-per-source: a chatty source keeps its newest n in the unified
 * feed, and the others still show. */
static void
test_max_per_source(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	struct item *it, *x;
	char link[64], id[16];
	int i, na = 0;

	for (i = 0; i < 20; i++) {
		snprintf(link, sizeof(link), "https://a.example/%d", i);
		snprintf(id, sizeof(id), "a%d", i);
		it = mkitem(id, link, id, NULL, T0 + 100 + i);
		put(f, "a", it, NULL, T0);
		item_free(it);
	}
	it = mkitem("b1", "https://b.example/1", "b1", NULL, T0);
	put(f, "b", it, NULL, T0);
	item_free(it);
	l = store_recent(f->store, NULL, 10, 3, f->err, sizeof(f->err));
	assert_non_null(l);
	assert_int_equal(l->count, 4);
	for (x = l->head; x != NULL; x = x->next)
		na += strcmp(x->source_name, "a") == 0;
	assert_int_equal(na, 3);
	assert_string_equal(l->head->title, "a19");
	assert_string_equal(l->head->next->next->next->title, "b1");
	item_list_free(l);
}

static void
test_fetch_state(void **state)
{
	struct fixture *f = *state;
	struct store_fetch in = { 0 }, out;

	assert_int_equal(store_fetch_get(f->store, "a", &out, f->err,
	    sizeof(f->err)), 0);
	assert_null(out.etag);
	assert_null(out.last_modified);
	assert_null(out.last_error);
	assert_int_equal(out.last_success, 0);
	assert_int_equal(out.next_fetch, 0);
	assert_int_equal(out.failures, 0);

	assert_int_equal(store_source_meta(f->store, "a", "https://a/f",
	    "A", NULL, f->err, sizeof(f->err)), 0);
	in.etag = "\"abc\"";
	in.last_modified = "Tue, 14 Nov 2023 22:13:20 GMT";
	in.last_success = T0;
	in.last_attempt = T0 + 1;
	in.next_fetch = T0 + 1800;
	in.failures = 2;
	in.last_error = "HTTP 503";
	in.usual_items = 20;
	assert_int_equal(store_fetch_put(f->store, "a", &in, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(store_fetch_get(f->store, "a", &out, f->err,
	    sizeof(f->err)), 0);
	assert_string_equal(out.etag, "\"abc\"");
	assert_string_equal(out.last_modified, in.last_modified);
	assert_string_equal(out.last_error, "HTTP 503");
	/* The URL the validators belong to comes from the source's meta. */
	assert_string_equal(out.url, "https://a/f");
	assert_int_equal(out.last_success, T0);
	assert_int_equal(out.last_attempt, T0 + 1);
	assert_int_equal(out.next_fetch, T0 + 1800);
	assert_int_equal(out.failures, 2);
	assert_int_equal(out.usual_items, 20);
	store_fetch_clear(&out);
	assert_null(out.etag);

	/* clearing fields; meta survives fetch state and vice versa */
	in.etag = NULL;
	in.last_error = NULL;
	in.failures = 0;
	assert_int_equal(store_fetch_put(f->store, "a", &in, f->err,
	    sizeof(f->err)), 0);
	assert_int_equal(store_source_meta(f->store, "a", NULL, NULL,
	    "https://a/", f->err, sizeof(f->err)), 0);
	assert_int_equal(store_fetch_get(f->store, "a", &out, f->err,
	    sizeof(f->err)), 0);
	assert_null(out.etag);
	assert_null(out.last_error);
	assert_int_equal(out.failures, 0);
	assert_int_equal(out.next_fetch, T0 + 1800);
	store_fetch_clear(&out);
	assert_int_equal(query_long(f, "SELECT count(*) FROM sources"
	    " WHERE url = 'https://a/f' AND title = 'A'"
	    " AND link = 'https://a/'"), 1);
}

static void
test_newer_schema(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	f->store = store_open(f->path, f->err, sizeof(f->err));
	assert_null(f->store);
	assert_non_null(strstr(f->err, f->path));
	assert_non_null(strstr(f->err, "schema version 7 is newer"));
	/* and it was left alone */
	assert_int_equal(query_long(f, "PRAGMA user_version"), 7);
}

/* A database of schema 4 (columns added after the bodies), as the
 * previous release left it. */
static const char v4_schema[] =
	"CREATE TABLE sources (name TEXT PRIMARY KEY NOT NULL, url TEXT,"
	" title TEXT, link TEXT, etag TEXT, last_modified TEXT,"
	" last_success INTEGER NOT NULL DEFAULT 0,"
	" last_attempt INTEGER NOT NULL DEFAULT 0,"
	" next_fetch INTEGER NOT NULL DEFAULT 0,"
	" failures INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
	" usual_items INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE entries (id INTEGER PRIMARY KEY,"
	" uid TEXT UNIQUE NOT NULL, origin TEXT NOT NULL,"
	" digest TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0,"
	" updated INTEGER NOT NULL, first_seen INTEGER NOT NULL,"
	" sort_time INTEGER NOT NULL, guid TEXT, link TEXT, canon TEXT,"
	" title TEXT, author TEXT, categories TEXT, summary TEXT,"
	" content TEXT, enclosures TEXT,"
	" fp_title INTEGER NOT NULL DEFAULT 0,"
	" fp_text INTEGER NOT NULL DEFAULT 0,"
	" fp_words INTEGER NOT NULL DEFAULT 0,"
	" tombstone INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX entries_sort ON entries(sort_time);"
	"CREATE TABLE keys (key TEXT PRIMARY KEY NOT NULL, entry INTEGER NOT"
	" NULL REFERENCES entries(id) ON DELETE CASCADE) WITHOUT ROWID;"
	"CREATE INDEX keys_entry ON keys(entry);"
	"CREATE TABLE entry_sources (entry INTEGER NOT NULL REFERENCES"
	" entries(id) ON DELETE CASCADE, source TEXT NOT NULL,"
	" first_seen INTEGER NOT NULL, link TEXT,"
	" PRIMARY KEY(entry, source)) WITHOUT ROWID;"
	"CREATE TABLE entry_topics (entry INTEGER NOT NULL REFERENCES"
	" entries(id) ON DELETE CASCADE, topic TEXT NOT NULL,"
	" sort_time INTEGER NOT NULL, PRIMARY KEY(entry, topic))"
	" WITHOUT ROWID;"
	"CREATE INDEX entry_topics_topic ON entry_topics(topic, sort_time,"
	" entry);"
	"CREATE TABLE auto_topics (slug TEXT PRIMARY KEY NOT NULL,"
	" name TEXT NOT NULL) WITHOUT ROWID;"
	"INSERT INTO entries(id, uid, origin, digest, updated, first_seen,"
	" sort_time, guid, link, title, content, fp_title, tombstone)"
	" VALUES(1, 'urn:uuid:1', 'a', 'x', 1, 1, 1, 'g1', 'https://a/1',"
	" 'One', 'caf\xc3\xa9 body', 77, 0),"
	" (2, 'urn:uuid:2', 'a', 'x', 2, 2, 2, 'g2', 'https://a/2', 'Two',"
	" NULL, 0, 1);"
	"INSERT INTO keys VALUES('g\x1f" "a\x1fg1', 1), ('g\x1f" "a\x1fg2', 2);"
	"INSERT INTO entry_sources VALUES(1, 'a', 1, 'https://a/1');"
	"INSERT INTO entry_topics VALUES(1, 't', 1);"
	"PRAGMA user_version = 4;";

/* Schema 4 to 5 rebuilds entries: every row, key, source and topic
 * stays (no cascade), the body's length in bytes is filled in. */
static void
test_migrate_v4(void **state)
{
	struct fixture *f = *state;
	struct item *it;
	sqlite3 *db;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, v4_schema, NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	f->store = store_open(f->path, f->err, sizeof(f->err));
	assert_non_null(f->store);
	assert_int_equal(query_long(f, "PRAGMA user_version"), 5);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 2);
	assert_int_equal(query_long(f, "SELECT count(*) FROM keys"), 2);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entry_sources"),
	    1);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entry_topics"),
	    1);
	assert_int_equal(query_long(f, "SELECT body_len FROM entries"
	    " WHERE id = 1"), 10);
	assert_int_equal(query_long(f, "SELECT fp_title FROM entries"
	    " WHERE id = 1"), 77);
	assert_int_equal(query_long(f, "SELECT tombstone FROM entries"
	    " WHERE id = 2"), 1);
	assert_int_equal(query_long(f, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'entries_live'"), 1);
	assert_int_equal(query_long(f, "SELECT count(*) FROM"
	    " pragma_foreign_key_check"), 0);
	/* which guid source a gave entry 1 came along */
	assert_int_equal(query_long(f, "SELECT count(*) FROM entry_sources"
	    " WHERE guid_h IS NOT NULL"), 1);
	/* the old entry is still known by its guid: no new entry */
	it = mkitem("g1", "https://a/1", "One", "caf\xc3\xa9 body", 1);
	assert_int_not_equal(put(f, "a", it, NULL, 10), STORE_NEW);
	item_free(it);
	assert_int_equal(query_long(f, "SELECT count(*) FROM entries"), 2);
	/* another guid of a under the same link is another article */
	it = mkitem("g3", "https://a/1", "Three", "<p>three</p>", 3);
	assert_int_equal(put(f, "a", it, NULL, 11), STORE_NEW);
	item_free(it);
}

static void
test_corrupt(void **state)
{
	struct fixture *f = *state;
	FILE *fp;
	int i;

	assert_non_null(fp = fopen(f->path, "w"));
	for (i = 0; i < 512; i++)
		fputs("this is not a database, just garbage bytes\n", fp);
	fclose(fp);
	f->store = store_open(f->path, f->err, sizeof(f->err));
	assert_null(f->store);
	assert_non_null(strstr(f->err, f->path));
	fprintf(stderr, "# corrupt: %s\n", f->err);

	/* a directory that does not exist */
	f->store = store_open("/nonexistent/dir/state.db", f->err,
	    sizeof(f->err));
	assert_null(f->store);
	assert_non_null(strstr(f->err, "/nonexistent/dir/state.db"));
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fill n items of one source at ids from..from+n-1, in one transaction. */
static void
bulk(struct fixture *f, int from, int n)
{
	struct item *it;
	char id[32], link[64];
	int i;

	assert_int_equal(store_begin(f->store, f->err, sizeof(f->err)), 0);
	for (i = from; i < from + n; i++) {
		snprintf(id, sizeof(id), "id-%d", i);
		snprintf(link, sizeof(link), "https://bulk.example/a/%d", i);
		it = mkitem(id, link, id, "<p>Some article text, about "
		    "as long as a summary usually is.</p>", T0 + i);
		assert_int_equal(item_add_category(it, "bulk"), 0);
		assert_int_equal(put(f, i % 2 ? "odd" : "even", it, "bulk",
		    T0 + i), STORE_NEW);
		item_free(it);
	}
	assert_int_equal(store_commit(f->store, f->err, sizeof(f->err)), 0);
}

static void
test_bench(void **state)
{
	struct fixture *f = *state;
	struct item_list *l;
	double t;

	bulk(f, 0, 10000);
	t = seconds();
	bulk(f, 10000, 1000);
	t = seconds() - t;
	fprintf(stderr, "# bench: 1000 new items in one transaction over "
	    "10000 stored: %.1f ms\n", t * 1000);
	assert_int_equal(store_count(f->store, NULL), 11000);
	t = seconds();
	l = recent(f, "bulk", 100);
	t = seconds() - t;
	fprintf(stderr, "# bench: recent 100 of topic over 11000: %.1f ms\n",
	    t * 1000);
	assert_int_equal(l->count, 100);
	assert_string_equal(l->head->title, "id-10999");
	item_list_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guid_scoped_to_source,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_link_in_one_source,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_canon_across_sources,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_times, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recent_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_recent_topic, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_put_failure_atomic, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recall, setup, teardown),
		cmocka_unit_test_setup_teardown(test_story_merge, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_put_prepared, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_max_per_source, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_noise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_rule, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tombstone, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fetch_state, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migrate_v4, setup_closed,
		    teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema, setup_closed,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup_closed,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bench, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
