/*
 * Benchmark of the store's dedupe cost (not a test): the time to store
 * 1,000 new items, and to poll 1,000 known ones again, in one
 * transaction each, with 10,000 and then N (default 1,000,000) items
 * already stored. Items look like real ones: a guid, a link with a
 * tracking parameter, a title of eight words and a summary of forty, so
 * that the story key, the title and text keys and the fingerprints are
 * all computed as in a poll.
 *
 *   make tests/bench/store_bench && tests/bench/store_bench [N] [DIR]
 *
 * DIR (default /tmp) holds the temporary database, removed at the end;
 * with STORE_BENCH_KEEP=1 it is kept as DIR/unifeed-store-bench-N.db and
 * reused by the next run (for profiling the measurement alone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon/store.h"
#include "feeds/item.h"

#define BENCH_BATCH	10000	/* items per transaction while filling */

static const char *const words[] = {
	"city", "council", "metro", "bridge", "river", "school", "hospital",
	"market", "budget", "harbour", "airport", "museum", "festival", "rain",
	"port", "railway", "housing", "water", "power", "park", "library",
	"police", "court", "election", "tax", "trade", "bank", "energy",
	"tunnel", "stadium", "college", "clinic"
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Item number i: words drawn from i, so that items differ. */
static struct item *
bench_item(unsigned long i)
{
	char buf[1024], *p;
	unsigned long x = i * 2654435761UL + 12345;
	struct item *it;
	int k;

	if ((it = item_new()) == NULL)
		exit(1);
	snprintf(buf, sizeof(buf), "g-%lu", i);
	item_set(&it->id, buf);
	snprintf(buf, sizeof(buf), "https://news%lu.example/2024/%lu.html",
	    i % 50, i);
	item_set(&it->link, buf);
	item_set(&it->canon, buf);
	for (p = buf, k = 0; k < 8; k++, x = x * 6364136223846793005UL + 1)
		p += sprintf(p, "%s%s", k ? " " : "", words[(x >> 33) % NWORDS]);
	sprintf(p, " %lu", i);
	item_set(&it->title, buf);
	for (p = buf, k = 0; k < 40; k++, x = x * 6364136223846793005UL + 1)
		p += sprintf(p, "%s%s", k ? " " : "<p>",
		    words[(x >> 33) % NWORDS]);
	sprintf(p, " %lu.</p>", i);
	item_set(&it->summary, buf);
	it->published = 1700000000 + (time_t)i;
	return it;
}

/* Store items [from, from + n) in transactions of BENCH_BATCH. */
static double
bench_put(struct store *s, unsigned long from, unsigned long n)
{
	enum store_outcome o;
	struct item *it;
	char err[512];
	unsigned long i;
	double t = bench_now();

	for (i = 0; i < n; i++) {
		if (i % BENCH_BATCH == 0 && store_begin(s, err,
		    sizeof(err)) == -1)
			goto fail;
		it = bench_item(from + i);
		if (store_put(s, "bench", it, NULL, 0, 1700000000 + (time_t)i,
		    &o, err, sizeof(err)) == -1)
			goto fail;
		item_free(it);
		if ((i + 1) % BENCH_BATCH == 0 || i + 1 == n)
			if (store_commit(s, err, sizeof(err)) == -1)
				goto fail;
	}
	return bench_now() - t;
fail:
	fprintf(stderr, "store_bench: %s\n", err);
	exit(1);
}

/* Print the cost of 1,000 new items (numbers stored..) and of polling the
 * last 1,000 stored again, with stored items in the store. */
static void
bench_measure(struct store *s, unsigned long stored)
{
	double tnew, tknown;

	tnew = bench_put(s, stored, 1000);
	tknown = bench_put(s, stored - 1000, 1000);
	printf("%10lu stored: 1,000 new items %7.1f ms, 1,000 known items "
	    "%7.1f ms\n", stored, tnew * 1000, tknown * 1000);
}

/* Fill s from its current count up to n items. */
static void
bench_fill(struct store *s, unsigned long n)
{
	long have = store_count(s, NULL);
	double t;

	if (have < 0 || (unsigned long)have >= n)
		return;
	t = bench_put(s, (unsigned long)have, n - (unsigned long)have);
	fprintf(stderr, "(filled to %lu in %.0f s)\n", n, t);
}

int
main(int argc, char *argv[])
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	const char *keep = getenv("STORE_BENCH_KEEP");
	char path[4096], side[4200], err[512];
	struct store *s;
	long have;

	if (keep != NULL && keep[0] != '\0')
		snprintf(path, sizeof(path), "%s/unifeed-store-bench-%lu.db",
		    dir, n);
	else
		snprintf(path, sizeof(path), "%s/unifeed-store-bench-%ld.db",
		    dir, (long)getpid());
	if ((s = store_open(path, err, sizeof(err))) == NULL) {
		fprintf(stderr, "store_bench: %s\n", err);
		return 1;
	}
	store_set_identity(s, NULL, 3 * 24 * 3600);
	if (store_count(s, NULL) < 10000) {
		bench_fill(s, 10000);
		bench_measure(s, 10000);
	}
	if (n > 11000) {
		bench_fill(s, n);
		/* a kept database grows by 1,000 items a run */
		have = store_count(s, NULL);
		bench_measure(s, have > 0 ? (unsigned long)have : n);
	}
	store_close(s);
	if (keep != NULL && keep[0] != '\0')
		return 0;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return 0;
}
