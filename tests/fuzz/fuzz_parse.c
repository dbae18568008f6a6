/*
 * libFuzzer target for the feed parser: arbitrary bytes go through
 * parse_feed and then normalize_items, as a fetched body does in a cycle,
 * and the list is freed. Besides ASan's checks it asserts the item limit
 * and that the list's count matches its length after items are dropped.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "feeds/item.h"
#include "feeds/normalize.h"
#include "feeds/parse.h"

#define FUZZ_MAX_SIZE	(1024 * 1024)
#define FUZZ_MAX_ITEMS	200
#define FUZZ_URL	"https://example.org/news/feed.xml"
/* A fixed clock, so that a crash replays the same way. */
#define FUZZ_NOW	((time_t)1700000000)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort with a message: libFuzzer saves the input as a crash. */
static void
fuzz_fail(const char *what)
{
	fprintf(stderr, "fuzz_parse: %s\n", what);
	abort();
}

/* The number of items actually on the list. */
static size_t
fuzz_length(const struct item_list *l)
{
	const struct item *it;
	size_t n = 0;

	for (it = l->head; it != NULL; it = it->next)
		n++;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct parse_limits lim = {
		FUZZ_MAX_SIZE, FUZZ_MAX_ITEMS
	};
	struct item_list *l;
	char err[256];

	if (size > FUZZ_MAX_SIZE)
		return 0;
	l = parse_feed((const char *)data, size, FUZZ_URL, NULL, &lim, err,
	    sizeof(err));
	if (l == NULL)
		return 0;
	if (l->count > FUZZ_MAX_ITEMS || fuzz_length(l) != l->count)
		fuzz_fail("parse_feed: item count over the limit or wrong");
	if (normalize_items(l, FUZZ_URL, FUZZ_NOW) == 0 &&
	    fuzz_length(l) != l->count)
		fuzz_fail("normalize_items: count does not match the list");
	item_list_free(l);
	return 0;
}
