/* Unit tests for item: setters, categories, the list and its ownership. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/item.h"

static void
test_new_is_empty(void **state)
{
	struct item *it;

	(void)state;
	it = item_new();
	assert_non_null(it);
	assert_null(it->next);
	assert_null(it->id);
	assert_null(it->link);
	assert_null(it->title);
	assert_null(it->categories);
	assert_int_equal(it->ncategories, 0);
	assert_int_equal(it->published, 0);
	assert_int_equal(it->updated, 0);
	item_free(it);
	item_free(NULL);
}

static void
test_set(void **state)
{
	struct item *it;
	char buf[16];

	(void)state;
	it = item_new();
	assert_non_null(it);
	snprintf(buf, sizeof(buf), "first");
	assert_int_equal(item_set(&it->title, buf), 0);
	/* a copy: changing the source leaves the field alone */
	buf[0] = 'X';
	assert_string_equal(it->title, "first");
	assert_ptr_not_equal(it->title, buf);
	/* replacing frees the old value (checked by ASan/valgrind) */
	assert_int_equal(item_set(&it->title, "second"), 0);
	assert_string_equal(it->title, "second");
	assert_int_equal(item_set(&it->title, ""), 0);
	assert_string_equal(it->title, "");
	/* setting a field from its own value is safe */
	assert_int_equal(item_set(&it->title, it->title), 0);
	assert_string_equal(it->title, "");
	assert_int_equal(item_set(&it->id, "id"), 0);
	assert_int_equal(item_set(&it->link, "l"), 0);
	assert_int_equal(item_set(&it->canon, "c"), 0);
	assert_int_equal(item_set(&it->author, "a"), 0);
	assert_int_equal(item_set(&it->summary, "s"), 0);
	assert_int_equal(item_set(&it->content, "c"), 0);
	assert_int_equal(item_set(&it->uid, "u"), 0);
	assert_int_equal(item_set(&it->source_name, "n"), 0);
	assert_int_equal(item_set(&it->source_title, "t"), 0);
	assert_int_equal(item_set(&it->source_url, "u"), 0);
	assert_int_equal(item_set(&it->source_link, "l"), 0);
	/* item_free releases every field */
	item_free(it);
}

static void
test_categories(void **state)
{
	struct item *it;
	char buf[16];

	(void)state;
	it = item_new();
	assert_non_null(it);
	assert_int_equal(item_add_category(it, "news"), 0);
	assert_int_equal(item_add_category(it, "city"), 0);
	assert_int_equal(item_add_category(it, "news"), 0);
	assert_int_equal(item_add_category(it, "News"), 0);
	assert_int_equal(item_add_category(it, ""), 0);
	assert_int_equal(item_add_category(it, ""), 0);
	assert_int_equal(it->ncategories, 4);
	assert_string_equal(it->categories[0], "news");
	assert_string_equal(it->categories[1], "city");
	assert_string_equal(it->categories[2], "News");
	assert_string_equal(it->categories[3], "");
	/* copies, not borrowed pointers */
	snprintf(buf, sizeof(buf), "health");
	assert_int_equal(item_add_category(it, buf), 0);
	buf[0] = 'w';
	assert_string_equal(it->categories[4], "health");
	assert_int_equal(item_add_category(it, "wealth"), 0);
	assert_int_equal(it->ncategories, 6);
	item_free(it);
}

static void
test_many_categories(void **state)
{
	struct item *it;
	char buf[16];
	size_t i;

	(void)state;
	it = item_new();
	assert_non_null(it);
	/* Growth and de-duplication, below the cap. */
	for (i = 0; i < 500; i++) {
		snprintf(buf, sizeof(buf), "c%zu", i % 40);
		assert_int_equal(item_add_category(it, buf), 0);
	}
	assert_int_equal(it->ncategories, 40);
	assert_string_equal(it->categories[39], "c39");
	item_free(it);
}

static void
test_list_append(void **state)
{
	struct item_list *l;
	struct item *a, *b, *c;

	(void)state;
	l = item_list_new();
	assert_non_null(l);
	assert_null(l->head);
	assert_ptr_equal(l->tail, &l->head);
	assert_int_equal(l->count, 0);
	a = item_new();
	b = item_new();
	c = item_new();
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	/* a stale next pointer is cleared on append */
	a->next = c;
	item_list_append(l, a);
	assert_ptr_equal(l->head, a);
	assert_null(a->next);
	item_list_append(l, b);
	item_list_append(l, c);
	assert_int_equal(l->count, 3);
	assert_ptr_equal(l->head, a);
	assert_ptr_equal(a->next, b);
	assert_ptr_equal(b->next, c);
	assert_null(c->next);
	assert_ptr_equal(l->tail, &c->next);
	item_list_free(l);
}

static void
test_list_free(void **state)
{
	struct item_list *l;
	struct item *it;
	size_t i;

	(void)state;
	item_list_free(NULL);
	l = item_list_new();
	assert_non_null(l);
	assert_int_equal(item_set(&l->title, "Feed"), 0);
	assert_int_equal(item_set(&l->link, "https://example.org/"), 0);
	assert_int_equal(item_set(&l->format, "rss"), 0);
	for (i = 0; i < 1000; i++) {
		it = item_new();
		assert_non_null(it);
		assert_int_equal(item_set(&it->title, "t"), 0);
		assert_int_equal(item_add_category(it, "c"), 0);
		item_list_append(l, it);
	}
	assert_int_equal(l->count, 1000);
	/* the list, its items and all their strings: no leak under ASan */
	item_list_free(l);
	l = item_list_new();
	assert_non_null(l);
	item_list_free(l);
}

/* A hostile feed cannot make an item carry (and compare) millions of
 * categories: past ITEM_MAX_CATEGORIES they are ignored. */
static void
test_category_cap(void **state)
{
	struct item *it = item_new();
	char c[32];
	int i;

	(void)state;
	assert_non_null(it);
	for (i = 0; i < ITEM_MAX_CATEGORIES + 50; i++) {
		snprintf(c, sizeof(c), "c%d", i);
		assert_int_equal(item_add_category(it, c), 0);
	}
	assert_int_equal(it->ncategories, ITEM_MAX_CATEGORIES);
	assert_string_equal(it->categories[ITEM_MAX_CATEGORIES - 1], "c63");
	item_free(it);
}

/* item_hash: equal items hash alike; any field changed, moved to
 * another field, or a category added changes it. */
static void
test_hash(void **state)
{
	struct item *a, *b;
	uint64_t h;

	(void)state;
	assert_non_null(a = item_new());
	assert_non_null(b = item_new());
	assert_int_equal(item_hash(a), item_hash(b));
	assert_int_equal(item_set(&a->title, "T"), 0);
	assert_int_equal(item_set(&a->summary, "<p>s</p>"), 0);
	assert_int_equal(item_add_category(a, "c"), 0);
	a->published = 1700000000;
	assert_int_equal(item_set(&b->title, "T"), 0);
	assert_int_equal(item_set(&b->summary, "<p>s</p>"), 0);
	assert_int_equal(item_add_category(b, "c"), 0);
	b->published = 1700000000;
	h = item_hash(a);
	assert_int_equal(h, item_hash(b));
	b->published++;
	assert_int_not_equal(h, item_hash(b));
	b->published--;
	assert_int_equal(item_set(&b->summary, "<p>S</p>"), 0);
	assert_int_not_equal(h, item_hash(b));
	assert_int_equal(item_set(&b->summary, "<p>s</p>"), 0);
	assert_int_equal(item_add_category(b, "d"), 0);
	assert_int_not_equal(h, item_hash(b));
	item_free(b);
	/* the same text in another field is another item */
	assert_non_null(b = item_new());
	assert_int_equal(item_set(&b->author, "T"), 0);
	assert_int_equal(item_set(&b->summary, "<p>s</p>"), 0);
	assert_int_equal(item_add_category(b, "c"), 0);
	b->published = 1700000000;
	assert_int_not_equal(h, item_hash(b));
	assert_int_equal(item_add_enclosure(b, "https://e/x.mp3", NULL, 5), 0);
	assert_int_not_equal(h, item_hash(b));
	item_free(a);
	item_free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_is_empty),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_many_categories),
		cmocka_unit_test(test_list_append),
		cmocka_unit_test(test_list_free),
		cmocka_unit_test(test_category_cap),
		cmocka_unit_test(test_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
