/* Unit tests for output/topic: slugs, keywords and word-boundary matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/item.h"
#include "output/topic.h"

/* A topic with the given NULL-terminated keywords. */
static struct topic *
make_topic(const char *name, const char **kws)
{
	struct topic *t;

	t = topic_new(name, NULL);
	assert_non_null(t);
	for (; *kws != NULL; kws++)
		assert_int_equal(topic_add_keyword(t, *kws), 0);
	return t;
}

static struct item *
make_item(const char *title, const char *summary, const char *content)
{
	struct item *it;

	it = item_new();
	assert_non_null(it);
	if (title != NULL)
		assert_int_equal(item_set(&it->title, title), 0);
	if (summary != NULL)
		assert_int_equal(item_set(&it->summary, summary), 0);
	if (content != NULL)
		assert_int_equal(item_set(&it->content, content), 0);
	return it;
}

/* Match one keyword list against one title; free everything. */
static int
match_title(const char **kws, const char *title)
{
	struct topic *t = make_topic("t", kws);
	struct item *it = make_item(title, NULL, NULL);
	int m;

	m = topic_match(t, it);
	item_free(it);
	topic_free(t);
	return m;
}

static void
test_name_valid(void **state)
{
	char longname[80];

	(void)state;
	assert_true(topic_name_valid("health"));
	assert_true(topic_name_valid("city-news-2024"));
	assert_true(topic_name_valid("a"));
	assert_false(topic_name_valid(""));
	assert_false(topic_name_valid(NULL));
	assert_false(topic_name_valid("-lead"));
	assert_false(topic_name_valid("Health"));
	assert_false(topic_name_valid("a b"));
	assert_false(topic_name_valid("a_b"));
	assert_false(topic_name_valid("../x"));
	assert_false(topic_name_valid("caf\xc3\xa9"));
	memset(longname, 'a', 64);
	longname[64] = '\0';
	assert_true(topic_name_valid(longname));
	longname[64] = 'a';
	longname[65] = '\0';
	assert_false(topic_name_valid(longname));
}

static void
test_new_accessors(void **state)
{
	struct topic *t;

	(void)state;
	t = topic_new("health", "Health and medical care");
	assert_non_null(t);
	assert_string_equal(topic_name(t), "health");
	assert_string_equal(topic_title(t), "Health and medical care");
	assert_int_equal(topic_nkeywords(t), 0);
	assert_int_equal(topic_add_keyword(t, "Hospital"), 0);
	assert_int_equal(topic_add_keyword(t, "  health \t insurance "), 0);
	assert_int_equal(topic_nkeywords(t), 2);
	topic_free(t);

	t = topic_new("city", NULL);
	assert_non_null(t);
	assert_string_equal(topic_title(t), "city");
	topic_free(t);

	errno = 0;
	assert_null(topic_new("Bad Name", "x"));
	assert_int_equal(errno, EINVAL);
	topic_free(NULL);
}

static void
test_empty_keyword_refused(void **state)
{
	struct topic *t;

	(void)state;
	t = topic_new("t", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_keyword(t, ""), -1);
	assert_int_equal(topic_add_keyword(t, "  \t "), -1);
	assert_int_equal(topic_nkeywords(t), 0);
	topic_free(t);
}

static void
test_no_keywords_match_nothing(void **state)
{
	const char *none[] = { NULL };
	struct topic *t;
	struct item *it;

	(void)state;
	t = make_topic("t", none);
	it = make_item("Anything at all", "<p>more</p>", "<p>text</p>");
	assert_false(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

static void
test_word_match(void **state)
{
	const char *kws[] = { "hospital", "medical", NULL };

	(void)state;
	assert_true(match_title(kws, "New hospital opens"));
	assert_true(match_title(kws, "hospital"));
	assert_true(match_title(kws, "Medical."));
	assert_true(match_title(kws, "(medical)"));
	assert_true(match_title(kws, "a hospital-run clinic"));
	assert_false(match_title(kws, "Nothing to see"));
	assert_false(match_title(kws, ""));
}

static void
test_no_partial_word(void **state)
{
	const char *kws[] = { "medical", "art", NULL };

	(void)state;
	assert_false(match_title(kws, "Biomedical research"));
	assert_false(match_title(kws, "medicals"));
	assert_false(match_title(kws, "medical2"));
	assert_false(match_title(kws, "Smart start party"));
	assert_false(match_title(kws, "artist"));
	/* A later occurrence still counts after a partial one. */
	assert_true(match_title(kws, "Biomedical and medical"));
	assert_true(match_title(kws, "state of the art"));
}

static void
test_case_folding(void **state)
{
	const char *kws[] = { "Health Insurance", "SHANGHAI", NULL };
	const char *utf[] = { "caf\xc3\xa9", NULL };

	(void)state;
	assert_true(match_title(kws, "HEALTH INSURANCE reform"));
	assert_true(match_title(kws, "new health insurance rules"));
	assert_true(match_title(kws, "shanghai news"));
	assert_true(match_title(kws, "ShAnGhAi"));
	/* Bytes >= 0x80 compare as they are: no Unicode case folding. */
	assert_true(match_title(utf, "Le caf\xc3\xa9 du coin"));
	assert_false(match_title(utf, "Le CAF\xc3\x89 du coin"));
}

static void
test_phrase(void **state)
{
	const char *kws[] = { "health insurance", NULL };

	(void)state;
	assert_true(match_title(kws, "Reform of health insurance"));
	assert_true(match_title(kws, "health\n  insurance"));
	assert_false(match_title(kws, "health and insurance"));
	assert_false(match_title(kws, "healthinsurance"));
	assert_false(match_title(kws, "health insurances"));
	assert_false(match_title(kws, "health"));
	assert_false(match_title(kws, "health "));
}

static void
test_html_summary_text(void **state)
{
	const char *kws[] = { "insurance", NULL };
	const char *markup[] = { "href", "strong", "example", NULL };
	struct topic *t;
	struct item *it;

	(void)state;
	t = make_topic("t", kws);
	it = make_item("Unrelated", "<p>New <b>insurance</b> rules</p>", NULL);
	assert_true(topic_match(t, it));
	item_free(it);
	it = make_item(NULL, NULL, "<div><p>About <i>INSURANCE</i>.</p></div>");
	assert_true(topic_match(t, it));
	item_free(it);
	it = make_item("x", "<p>Reinsurance <b>costs</b></p>", NULL);
	assert_false(topic_match(t, it));
	item_free(it);
	topic_free(t);

	/* Tag names, attribute names and values are markup, not text. */
	t = make_topic("t", markup);
	it = make_item("Plain title", "<a href=\"http://example.org/\">a "
	    "<strong>link</strong></a>", "<p><a href=\"/x\">y</a></p>");
	assert_false(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

static void
test_html_entities(void **state)
{
	const char *kws[] = { "r&d", NULL };
	struct topic *t;
	struct item *it;

	(void)state;
	t = make_topic("t", kws);
	it = make_item("x", "<p>More R&amp;D spending</p>", NULL);
	assert_true(topic_match(t, it));
	item_free(it);
	it = make_item("R&D budget", NULL, NULL);
	assert_true(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

static void
test_any_keyword(void **state)
{
	const char *kws[] = { "alpha", "beta", "gamma delta", NULL };

	(void)state;
	assert_true(match_title(kws, "the beta release"));
	assert_true(match_title(kws, "GAMMA DELTA"));
	assert_false(match_title(kws, "gamma rays"));
}

static void
test_item_without_fields(void **state)
{
	const char *kws[] = { "x", NULL };
	struct topic *t;
	struct item *it;

	(void)state;
	t = make_topic("t", kws);
	it = make_item(NULL, NULL, NULL);
	assert_false(topic_match(t, it));
	item_free(it);
	it = make_item(NULL, "", "");
	assert_false(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

/* The item's text is made once and serves every topic; fields stay
 * apart, so a phrase never matches across the title and the summary. */
static void
test_text_once_many_topics(void **state)
{
	const char *health[] = { "medical", NULL };
	const char *city[] = { "metro line", NULL };
	const char *none[] = { "ferry", NULL };
	const char *across[] = { "strike metro", NULL };
	struct topic *th = make_topic("health", health);
	struct topic *tc = make_topic("city", city);
	struct topic *tn = make_topic("none", none);
	struct topic *ta = make_topic("across", across);
	struct item *it = make_item("Workers strike",
	    "<p>Metro <b>line</b> 2 &amp; the <a href=\"/medical\">clinic"
	    "</a></p>", "<div>New medical wing</div>");
	char *text;

	(void)state;
	text = topic_text(it);
	assert_non_null(text);
	assert_null(strstr(text, "<"));
	assert_null(strstr(text, "href"));
	assert_true(topic_match_text(th, text));
	assert_true(topic_match_text(tc, text));
	assert_false(topic_match_text(tn, text));
	assert_false(topic_match_text(ta, text));
	/* The one-step form agrees. */
	assert_int_equal(topic_match(th, it), 1);
	assert_int_equal(topic_match(ta, it), 0);
	free(text);
	item_free(it);
	topic_free(th);
	topic_free(tc);
	topic_free(tn);
	topic_free(ta);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_new_accessors),
		cmocka_unit_test(test_empty_keyword_refused),
		cmocka_unit_test(test_no_keywords_match_nothing),
		cmocka_unit_test(test_word_match),
		cmocka_unit_test(test_no_partial_word),
		cmocka_unit_test(test_case_folding),
		cmocka_unit_test(test_phrase),
		cmocka_unit_test(test_html_summary_text),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_any_keyword),
		cmocka_unit_test(test_item_without_fields),
		cmocka_unit_test(test_text_once_many_topics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
