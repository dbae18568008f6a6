/*
 * Unit tests for storeckpt: the thread checkpoints the log a writer
 * leaves (the database file grows while the writer's own checkpoints are
 * off), nothing is lost across a stop, a store hands its checkpoints to
 * it, and a database it cannot open leaves it unstarted with a clear
 * error. Each test works in its own temporary directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "daemon/store.h"
#include "daemon/storeckpt.h"
#include "daemon/storeint.h"

#define ROWS		400	/* of ROW_BYTES each: about 200 pages */
#define ROW_BYTES	2000
#define WAIT_MS		20000	/* for the thread; only a bound */

struct fixture {
	char	 dir[64];
	char	 path[128];
};

static int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_storeckpt.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/state.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char p[160];

	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void
exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

/* ROWS rows of ROW_BYTES, one transaction each, into table t of db. */
static void
write_rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	char row[ROW_BYTES + 1];
	int i;

	memset(row, 'x', ROW_BYTES);
	row[ROW_BYTES] = '\0';
	assert_int_equal(sqlite3_prepare_v2(db,
	    "INSERT INTO t(i, body) VALUES(?1, ?2)", -1, &st, NULL),
	    SQLITE_OK);
	for (i = 0; i < ROWS; i++) {
		sqlite3_bind_int(st, 1, i);
		sqlite3_bind_text(st, 2, row, ROW_BYTES, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/* Wait (bounded) until c has done a checkpoint; fail if it never does. */
static void
wait_done(struct storeckpt *c)
{
	struct timespec ms = { 0, 1000000 };
	unsigned long done = 0, failed = 0;
	int i;

	for (i = 0; i < WAIT_MS && done == 0; i++) {
		storeckpt_counts(c, &done, &failed);
		if (done == 0)
			nanosleep(&ms, NULL);
	}
	if (done == 0)
		fail_msg("no checkpoint in %d ms (%lu failed)", WAIT_MS,
		    failed);
}

static int
hook_cb(void *arg, sqlite3 *db, const char *name, int pages)
{
	(void)name;
	storeckpt_committed(arg, db, pages);
	return SQLITE_OK;
}

static void
test_thread_checkpoints(void **state)
{
	struct fixture *f = *state;
	struct storeckpt *c;
	sqlite3 *db, *check;
	sqlite3_stmt *st;
	char err[256];
	off_t before;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec(db, "PRAGMA journal_mode=WAL");
	exec(db, "CREATE TABLE t(i INTEGER PRIMARY KEY, body TEXT)");
	/* with the writer's own checkpoints off, only the thread's make
	 * the database file grow before the close */
	assert_int_equal(sqlite3_wal_autocheckpoint(db, 0), SQLITE_OK);
	before = file_size(f->path);
	c = storeckpt_start(f->path, 16, 1000000, err, sizeof(err));
	if (c == NULL)
		fail_msg("storeckpt_start: %s", err);
	sqlite3_wal_hook(db, hook_cb, c);
	write_rows(db);
	wait_done(c);
	storeckpt_stop(c);
	if (file_size(f->path) < before + (off_t)ROW_BYTES * 16)
		fail_msg("database file %lld bytes, was %lld: not checkpointed",
		    (long long)file_size(f->path), (long long)before);
	/* a reader sees every row */
	assert_int_equal(sqlite3_open(f->path, &check), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(check,
	    "SELECT count(*), sum(length(body)) FROM t", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), ROWS);
	assert_int_equal(sqlite3_column_int64(st, 1),
	    (sqlite3_int64)ROWS * ROW_BYTES);
	sqlite3_finalize(st);
	sqlite3_close(check);
	sqlite3_close(db);
}

/* Below its threshold a kick wakes nothing; a stop with none pending is
 * immediate, and stopping NULL is allowed. */
static void
test_threshold_and_stop(void **state)
{
	struct fixture *f = *state;
	struct storeckpt *c;
	unsigned long done, failed;
	sqlite3 *db;
	char err[256];

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec(db, "PRAGMA journal_mode=WAL");
	exec(db, "CREATE TABLE t(i INTEGER PRIMARY KEY, body TEXT)");
	assert_int_equal(sqlite3_wal_autocheckpoint(db, 0), SQLITE_OK);
	c = storeckpt_start(f->path, 1000000, 1000000, err, sizeof(err));
	assert_non_null(c);
	sqlite3_wal_hook(db, hook_cb, c);
	write_rows(db);
	storeckpt_counts(c, &done, &failed);
	assert_int_equal(done, 0);
	assert_int_equal(failed, 0);
	storeckpt_stop(c);
	storeckpt_stop(NULL);
	sqlite3_close(db);
}

/*
 * A writer that never pauses: the log stays near its bound (the thread
 * alone could never start it over), and nothing is lost.
 */
static void
test_log_bounded(void **state)
{
	struct fixture *f = *state;
	struct storeckpt *c;
	sqlite3 *db;
	sqlite3_stmt *st;
	char err[256], wal[160];
	const int bound = 64;
	off_t max;

	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	exec(db, "PRAGMA journal_mode=WAL");
	exec(db, "CREATE TABLE t(i INTEGER PRIMARY KEY, body TEXT)");
	assert_int_equal(sqlite3_wal_autocheckpoint(db, 0), SQLITE_OK);
	c = storeckpt_start(f->path, 16, bound, err, sizeof(err));
	assert_non_null(c);
	sqlite3_wal_hook(db, hook_cb, c);
	write_rows(db);
	/* a page is 4096 bytes and a 24-byte frame header in the log; a
	 * transaction may pass the bound by the pages it writes */
	max = (off_t)(bound + 8) * (4096 + 24) + 32;
	if (file_size(wal) > max)
		fail_msg("log %lld bytes, bound %d pages (%lld bytes)",
		    (long long)file_size(wal), bound, (long long)max);
	storeckpt_stop(c);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM t",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), ROWS);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_unopenable(void **state)
{
	struct fixture *f = *state;
	char path[160], err[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/missing/state.db", f->dir);
	assert_null(storeckpt_start(path, 16, 64, err, sizeof(err)));
	if (strstr(err, path) == NULL || strstr(err, "checkpointer") == NULL)
		fail_msg("error does not name the file: %s", err);
}

/* A store opened on a file checkpoints on the thread, and what it wrote
 * is all there after a close and a reopen. */
static void
test_store_uses_thread(void **state)
{
	struct fixture *f = *state;
	struct store *s;
	sqlite3_stmt *st;
	char err[512];

	if ((s = store_open(f->path, err, sizeof(err))) == NULL)
		fail_msg("store_open: %s", err);
	assert_non_null(s->ckpt);
	exec(s->db, "CREATE TABLE t(i INTEGER PRIMARY KEY, body TEXT)");
	/* the rows are fewer than the store's pass: tell of more */
	write_rows(s->db);
	storeckpt_committed(s->ckpt, s->db, STORE_CKPT_PAGES);
	wait_done(s->ckpt);
	if (file_size(f->path) < (off_t)ROW_BYTES * 16)
		fail_msg("database file %lld bytes: not checkpointed",
		    (long long)file_size(f->path));
	store_close(s);
	if ((s = store_open(f->path, err, sizeof(err))) == NULL)
		fail_msg("store_open again: %s", err);
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM t",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), ROWS);
	sqlite3_finalize(st);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_thread_checkpoints, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_threshold_and_stop,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_bounded, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unopenable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_store_uses_thread, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
