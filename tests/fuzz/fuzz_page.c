/*
 * libFuzzer target for HTML pages as sources: the input goes through
 * page_items twice (with a fixed set of selectors, then with none, so
 * that the list finder runs) and through page_article. Asserted: every
 * item has a link or a title, no item's title or summary is NULL-byte
 * cut, and nothing crashes, leaks or runs away (libFuzzer's -timeout).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/page.h"

#define FUZZ_MAX_SIZE	(512 * 1024)
#define FUZZ_URL	"https://example.org/news/index.html"
#define FUZZ_NOW	1713181680	/* 2024-04-15T11:48:00Z */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check what page_items gave. */
static void
fuzz_check(const struct item_list *l)
{
	const struct item *it;

	for (it = l->head; it != NULL; it = it->next)
		if (it->link == NULL && it->title == NULL) {
			fprintf(stderr, "fuzz_page: an item with neither link "
			    "nor title\n");
			abort();
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page_rules rules;
	struct listfind found;
	struct item_list *l;
	struct article a;
	char err[512];

	if (size > FUZZ_MAX_SIZE)
		return 0;
	memset(&rules, 0, sizeof(rules));
	rules.sel[SCRAPE_ITEMS] = "ul.news-list > li, article, tr:nth-child(n+2)";
	rules.sel[SCRAPE_DATE] = "span.date, time @datetime";
	rules.sel[SCRAPE_SUMMARY] = "p";
	rules.sel[SCRAPE_CATEGORIES] = ".tags a";
	rules.timezone = "Asia/Shanghai";
	if ((l = page_items((const char *)data, size, FUZZ_URL, NULL, &rules,
	    FUZZ_NOW, 1000, NULL, err, sizeof(err))) != NULL) {
		fuzz_check(l);
		item_list_free(l);
	}
	memset(&rules, 0, sizeof(rules));
	if ((l = page_items((const char *)data, size, FUZZ_URL,
	    "text/html; charset=utf-8", &rules, FUZZ_NOW, 1000, &found, err,
	    sizeof(err))) != NULL) {
		fuzz_check(l);
		item_list_free(l);
	}
	listfind_clear(&found);
	if (page_article((const char *)data, size, FUZZ_URL, NULL, &a, err,
	    sizeof(err)) == 0)
		article_clear(&a);
	return 0;
}
