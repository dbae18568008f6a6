/*
 * Unit tests for parsepool: bodies parsed and normalized by workers (and
 * by the loop when there are none, or when too many wait), callbacks on
 * the loop thread only, cancelled jobs never called back and never
 * leaked, and a pool freed with work in flight.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <event2/event.h>

#include "daemon/parsepool.h"
#include "feeds/item.h"
#include "tests/unit/slurp.h"

#define DIR_PARSE	FIXTURES "/parse"
#define FEED_URL	"http://example.com/feed.xml"
#define NJOBS		40

static const struct parse_limits lim = { 1024 * 1024, 100 };

struct outcome {
	struct event_base	*base;
	pthread_t		 loop;		/* the thread running the loop */
	int			 calls;		/* callbacks seen */
	int			 items;		/* items they carried */
	int			 prepared;	/* items prepared for the store */
	int			 texts;		/* items with a topic text */
	int			 hashed;	/* item hashes handed back */
	int			 unchanged;	/* items left out as unchanged */
	int			 unsorted;	/* hash pairs out of order */
	uint64_t		*keep;		/* where to copy hashes, or NULL */
	size_t			 nkeep;
	int			 failed;	/* callbacks without a list */
	int			 off_loop;	/* callbacks on another thread */
	int			 want;		/* calls before the loop ends */
	char			 err[256];	/* the last error */
	char			 link[256];	/* the first item's link */
	char			 etag[64];	/* the result's etag */
};

/* parsepool_done_fn: count, and stop the loop once all are in. */
static void
done_cb(struct parsepool_result *r, const struct fetch_result *res,
    void *arg)
{
	struct outcome *o = arg;
	struct item_list *l = r->l;
	struct parsepool_prep *prep = r->prep;
	const char *err = r->err;
	struct item *it;
	size_t i = 0;

	o->calls++;
	if (!pthread_equal(pthread_self(), o->loop))
		o->off_loop++;
	if (l == NULL) {
		o->failed++;
		snprintf(o->err, sizeof(o->err), "%s", err ? err : "(null)");
	} else {
		o->items += (int)l->count;
		if (l->head != NULL && l->head->link != NULL && !o->link[0])
			snprintf(o->link, sizeof(o->link), "%s",
			    l->head->link);
		/* each item prepared for the store, with its topic text */
		assert_non_null(prep);
		for (it = l->head; it != NULL; it = it->next, i++) {
			o->prepared += prep[i].it == it && prep[i].dup.ready;
			o->texts += prep[i].text != NULL;
		}
		/* every item hashed, sorted; the unchanged ones counted */
		o->hashed += (int)r->nhashes;
		o->unchanged += (int)r->unchanged;
		for (i = 1; i < r->nhashes; i++)
			if (r->hashes[i - 1] > r->hashes[i])
				o->unsorted++;
		if (o->keep != NULL && r->nhashes <= 64) {
			memcpy(o->keep, r->hashes, r->nhashes *
			    sizeof(r->hashes[0]));
			o->nkeep = r->nhashes;
		}
	}
	if (res->etag != NULL)
		snprintf(o->etag, sizeof(o->etag), "%s", res->etag);
	/* taking the list; the pool frees the rest (prep, hashes) */
	r->l = NULL;
	item_list_free(l);
	if (o->calls == o->want)
		event_base_loopbreak(o->base);
}

static char *
fixture(const char *name, size_t *len)
{
	char path[1024];
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", DIR_PARSE, name);
	buf = slurp(path, len);
	assert_non_null(buf);
	return buf;
}

static void
result(struct fetch_result *res, const char *body, size_t len)
{
	memset(res, 0, sizeof(*res));
	res->url = FEED_URL;
	res->status = 200;
	res->body = body;
	res->len = len;
	res->etag = "\"v1\"";
	res->content_type = "application/rss+xml";
}

/* Run NJOBS parses of rss20.xml on a pool of n workers. */
static void
run_many(int n)
{
	struct fetch_result res;
	struct parsepool *pp;
	struct outcome o;
	char err[256], *body;
	size_t len;
	int i;

	memset(&o, 0, sizeof(o));
	assert_non_null(o.base = event_base_new());
	o.loop = pthread_self();
	o.want = NJOBS;
	assert_non_null(pp = parsepool_new(o.base, n, err, sizeof(err)));
	body = fixture("rss20.xml", &len);
	result(&res, body, len);
	for (i = 0; i < NJOBS; i++) {
		assert_non_null(parsepool_start(pp, &res, &lim, 1700000000,
		    i % 2, NULL, 0, done_cb, &o));
		/* never called back from inside parsepool_start */
		assert_int_equal(o.calls, 0);
	}
	/* the job has its own copy: the caller's buffer may go */
	memset(body, 0, len);
	free(body);
	event_base_dispatch(o.base);
	assert_int_equal(o.calls, NJOBS);
	assert_int_equal(o.failed, 0);
	assert_int_equal(o.off_loop, 0);
	assert_int_equal(o.items % NJOBS, 0);
	assert_true(o.items > 0);
	assert_int_equal(o.prepared, o.items);
	assert_int_equal(o.hashed, o.items);
	assert_int_equal(o.unsorted, 0);
	assert_int_equal(o.unchanged, 0);
	/* topic texts only for the jobs that asked (every other one) */
	assert_int_equal(o.texts, o.items / 2);
	assert_string_equal(o.etag, "\"v1\"");
	/* normalized: links are absolute */
	assert_memory_equal(o.link, "http", 4);
	parsepool_free(pp);
	event_base_free(o.base);
}

static void
test_workers(void **state)
{
	(void)state;
	run_many(2);
}

static void
test_no_workers(void **state)
{
	(void)state;
	run_many(0);
}

/* A body that is no feed comes back with parse_feed's error. */
static void
test_refused(void **state)
{
	struct fetch_result res;
	struct parsepool *pp;
	struct outcome o;
	char err[256], *body;
	size_t len;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_non_null(o.base = event_base_new());
	o.loop = pthread_self();
	o.want = 1;
	assert_non_null(pp = parsepool_new(o.base, 1, err, sizeof(err)));
	body = fixture("billion-laughs.xml", &len);
	result(&res, body, len);
	assert_non_null(parsepool_start(pp, &res, &lim, 1700000000, 0, NULL,
	    0, done_cb, &o));
	free(body);
	event_base_dispatch(o.base);
	assert_int_equal(o.calls, 1);
	assert_int_equal(o.failed, 1);
	assert_non_null(strstr(o.err, "ntity"));
	parsepool_free(pp);
	event_base_free(o.base);
}

/* Cancelled jobs, waiting, running or done, are never called back. */
static void
test_cancel(void **state)
{
	struct parsepool_job *jobs[NJOBS];
	struct fetch_result res;
	struct parsepool *pp;
	struct outcome o;
	char err[256], *body;
	size_t len;
	int i;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_non_null(o.base = event_base_new());
	o.loop = pthread_self();
	o.want = NJOBS / 2;
	assert_non_null(pp = parsepool_new(o.base, 1, err, sizeof(err)));
	body = fixture("atom10.xml", &len);
	result(&res, body, len);
	for (i = 0; i < NJOBS; i++)
		assert_non_null(jobs[i] = parsepool_start(pp, &res, &lim,
		    1700000000, 1, NULL, 0, done_cb, &o));
	free(body);
	for (i = 0; i < NJOBS; i += 2)
		parsepool_cancel(jobs[i]);
	parsepool_cancel(NULL);
	event_base_dispatch(o.base);
	assert_int_equal(o.calls, NJOBS / 2);
	assert_int_equal(o.failed, 0);
	parsepool_free(pp);
	event_base_free(o.base);
}

/* Freed with jobs waiting and running: no callback, nothing leaked. */
static void
test_free_busy(void **state)
{
	struct fetch_result res;
	struct parsepool *pp;
	struct outcome o;
	char err[256], *body;
	size_t len;
	int i;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_non_null(o.base = event_base_new());
	o.loop = pthread_self();
	assert_non_null(pp = parsepool_new(o.base, 2, err, sizeof(err)));
	body = fixture("rss20.xml", &len);
	result(&res, body, len);
	for (i = 0; i < NJOBS; i++)
		assert_non_null(parsepool_start(pp, &res, &lim, 1700000000,
		    1, NULL, 0, done_cb, &o));
	free(body);
	parsepool_free(pp);
	event_base_loop(o.base, EVLOOP_NONBLOCK);
	assert_int_equal(o.calls, 0);
	event_base_free(o.base);
}

/* One parse of body on pp (on base) with seen; the outcome in *o. */
static void
run_one(struct event_base *base, struct parsepool *pp, const char *body,
    size_t len, const uint64_t *seen, size_t nseen, struct outcome *o,
    uint64_t *keep)
{
	struct fetch_result res;

	memset(o, 0, sizeof(*o));
	o->base = base;
	o->loop = pthread_self();
	o->want = 1;
	o->keep = keep;
	result(&res, body, len);
	assert_non_null(parsepool_start(pp, &res, &lim, 1700000000, 0, seen,
	    nseen, done_cb, o));
	event_base_dispatch(base);
	assert_int_equal(o->calls, 1);
	assert_int_equal(o->failed, 0);
}

/* Items whose hash was seen at the last poll are left out (counted);
 * an edited one comes back, and so does everything without seen. */
static void
test_unchanged(void **state)
{
	struct event_base *base;
	struct parsepool *pp;
	struct outcome o;
	uint64_t seen[64];
	char err[256], *body, *p;
	size_t len, n;

	(void)state;
	assert_non_null(base = event_base_new());
	assert_non_null(pp = parsepool_new(base, 1, err, sizeof(err)));
	body = fixture("rss20.xml", &len);
	run_one(base, pp, body, len, NULL, 0, &o, seen);
	n = o.nkeep;
	assert_true(n >= 3);
	assert_int_equal(o.items, (int)n);
	assert_int_equal(o.unchanged, 0);
	/* the same body again: every item left out, all hashes back */
	run_one(base, pp, body, len, seen, n, &o, NULL);
	assert_int_equal(o.items, 0);
	assert_int_equal(o.unchanged, (int)n);
	assert_int_equal(o.hashed, (int)n);
	/* one title edited: that item alone comes back */
	assert_non_null(p = strstr(body, "<title>Full item</title>"));
	p[strlen("<title>F")] = 'X';
	run_one(base, pp, body, len, seen, n, &o, NULL);
	assert_int_equal(o.items, 1);
	assert_int_equal(o.unchanged, (int)n - 1);
	parsepool_free(pp);
	event_base_free(base);
	free(body);
}

static void
test_cores(void **state)
{
	int n = parsepool_cores();

	(void)state;
	assert_true(n >= 0 && n <= 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workers),
		cmocka_unit_test(test_no_workers),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_free_busy),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_cores),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
