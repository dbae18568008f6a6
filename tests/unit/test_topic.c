/*
 * Unit tests for output/topic: slugs, keywords and word-boundary matching in
 * any script, exclusions, regular expressions (and their limits),
 * categories, and slugs made from category names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* Match one title against an existing topic. */
static int
match_title_t(const struct topic *t, const char *title)
{
	struct item *it = make_item(title, NULL, NULL);
	int m;

	m = topic_match(t, it);
	item_free(it);
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
	/* Case folds beyond ASCII too (it used not to). */
	assert_true(match_title(utf, "Le caf\xc3\xa9 du coin"));
	assert_true(match_title(utf, "Le CAF\xc3\x89 du coin"));
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

/* An item with the given title and NULL-terminated categories. */
static struct item *
make_cat_item(const char *title, const char **cats)
{
	struct item *it = make_item(title, NULL, NULL);

	for (; *cats != NULL; cats++)
		assert_int_equal(item_add_category(it, *cats), 0);
	return it;
}

/* Seconds on a monotonic clock, for the regex limits. */
static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Latin-1, Latin Extended, Greek and Cyrillic fold without a locale. */
static void
test_unicode_folding(void **state)
{
	const char *cafe[] = { "Caf\xc3\xa9", NULL };
	const char *greek[] = { "\xce\xa0\xcf\x81\xcf\x8c\xce\xb5\xce\xb4\xcf"
	    "\x81\xce\xbf\xcf\x82", NULL };	/* Πρόεδρος */
	const char *moscow[] = { "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2"
	    "\xd0\xb0", NULL };		/* Москва */
	/* Łódź */
	const char *lodz[] = { "\xc5\x81\xc3\xb3\x64\xc5\xba", NULL };
	const char *ist[] = { "istanbul", NULL };
	const char *nasa[] = { "nasa", NULL };
	const char *strasse[] = { "stra\xc3\x9f" "e", NULL };

	(void)state;
	assert_true(match_title(cafe, "CAF\xc3\x89 OLA"));
	assert_true(match_title(cafe, "caf\xc3\xa9"));
	/* Accents are kept: "cafe" is another word. */
	assert_false(match_title(cafe, "cafe"));
	/* Upper case, with the final sigma as sigma. */
	assert_true(match_title(greek, "\xce\xa0\xce\xa1\xce\x8c\xce\x95\xce"
	    "\x94\xce\xa1\xce\x9f\xce\xa3 \xcf\x84\xce\xb7\xcf\x82"));
	assert_true(match_title(moscow, "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0"
	    "\x92\xd0\x90 news"));
	/* No stemming: Москвы (genitive) is another word; a regex such as
	 * \bмоскв\w* covers the forms. */
	assert_false(match_title(moscow, "\xd0\xb8\xd0\xb7 \xd0\x9c\xd0\xbe"
	    "\xd1\x81\xd0\xba\xd0\xb2\xd1\x8b"));
	assert_true(match_title(lodz, "\xc5\x81\xc3\x93\x44\xc5\xb9 2024"));
	/* İ (U+0130) folds to i; fullwidth Latin folds to ASCII. */
	assert_true(match_title(ist, "\xc4\xb0STANBUL"));
	assert_true(match_title(nasa, "\xef\xbc\xae\xef\xbc\xa1\xef\xbc\xb3"
	    "\xef\xbc\xa1 launch"));
	/* ß is one letter: no expansion to "ss". */
	assert_true(match_title(strasse, "STRA\xc3\x9f" "E"));
	assert_false(match_title(strasse, "STRASSE"));
}

/* Boundaries know letters of every common script, marks and spaces. */
static void
test_unicode_boundaries(void **state)
{
	const char *cafe[] = { "caf\xc3\xa9", NULL };
	const char *plain[] = { "cafe", NULL };
	const char *phrase[] = { "health insurance", NULL };
	const char *moscow[] = { "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2"
	    "\xd0\xb0", NULL };
	const char *cairo[] = { "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8"
	    "\xb1\xd8\xa9", NULL };		/* القاهرة */

	(void)state;
	assert_false(match_title(cafe, "caf\xc3\xa9s"));
	assert_false(match_title(cafe, "d\xc3\xa9" "caf\xc3\xa9"));
	assert_true(match_title(cafe, "\xc2\xab" "caf\xc3\xa9\xc2\xbb"));
	/* A combining accent is part of the word. */
	assert_false(match_title(plain, "cafe\xcc\x81"));
	/* NO-BREAK SPACE and IDEOGRAPHIC SPACE are white space. */
	assert_true(match_title(phrase, "health\xc2\xa0insurance"));
	assert_true(match_title(phrase, "health\xe3\x80\x80insurance"));
	/* Soft hyphens and zero-width joiners vanish. */
	assert_true(match_title(plain, "ca\xc2\xad" "fe"));
	/* Cyrillic letters glue, Cyrillic punctuation does not. */
	assert_false(match_title(moscow, "\xd0\x9f\xd0\xbe\xd0\xb4\xd0\xbc\xd0"
	    "\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"));
	assert_true(match_title(moscow, "\xe2\x80\x9e\xd0\x9c\xd0\xbe\xd1\x81"
	    "\xd0\xba\xd0\xb2\xd0\xb0\xe2\x80\x9c-city"));
	assert_true(match_title(cairo, "\xd9\x81\xd9\x8a \xd8\xa7\xd9\x84\xd9"
	    "\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9\xd8\x8c"));
	assert_false(match_title(cairo, "\xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9"
	    "\x87\xd8\xb1\xd8\xa9\xd9\x8a"));
	/* Malformed UTF-8 reads as a space, never past the end. */
	assert_true(match_title(plain, "cafe\xff\xfe"));
	assert_false(match_title(plain, "caf\xc3"));
}

/* Scripts without spaces match as substrings; a Latin word run into CJK
 * text still has its boundaries. */
static void
test_cjk_substring(void **state)
{
	const char *econ[] = { "\xe7\xbb\x8f\xe6\xb5\x8e", NULL }; /* 经济 */
	const char *tokyo[] = { "\xe6\x9d\xb1\xe4\xba\xac", NULL }; /* 東京 */
	const char *news[] = { "\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x82"
	    "\xb9", NULL };			/* ニュース */
	/* Bangkok, in Thai */
	const char *bkk[] = { "\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8"
	    "\x87\xe0\xb9\x80\xe0\xb8\x97\xe0\xb8\x9e", NULL };
	const char *seoul[] = { "\xec\x84\x9c\xec\x9a\xb8", NULL }; /* 서울 */
	const char *iphone[] = { "iPhone", NULL };

	(void)state;
	assert_true(match_title(econ, "\xe4\xb8\xad\xe5\x9b\xbd\xe7\xbb\x8f"
	    "\xe6\xb5\x8e\xe5\xa2\x9e\xe9\x95\xbf"));	/* 中国经济增长 */
	assert_true(match_title(econ, "abc\xe7\xbb\x8f\xe6\xb5\x8e" "2024"));
	assert_false(match_title(econ, "\xe7\xbb\x8f\xe8\x90\xa5"));
	assert_true(match_title(tokyo, "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd"));
	assert_true(match_title(news, "\xe6\x9c\x80\xe6\x96\xb0\xe3\x83\x8b"
	    "\xe3\x83\xa5\xe3\x83\xbc\xe3\x82\xb9\xe9\x80\x9f\xe5\xa0\xb1"));
	assert_true(match_title(bkk, "\xe0\xb8\x82\xe0\xb9\x88\xe0\xb8\xb2"
	    "\xe0\xb8\xa7\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x87"
	    "\xe0\xb9\x80\xe0\xb8\x97\xe0\xb8\x9e\xe0\xb8\xa7\xe0\xb8\xb1"
	    "\xe0\xb8\x99"));
	assert_true(match_title(seoul, "\xec\x84\x9c\xec\x9a\xb8\xec\x97\x90"
	    "\xec\x84\x9c"));		/* 서울에서 */
	assert_true(match_title(iphone, "\xe6\x96\xb0iPhone\xe5\x8f\x91\xe5"
	    "\xb8\x83"));			/* 新iPhone发布 */
	assert_false(match_title(iphone, "\xe6\x96\xb0iPhones\xe5\x8f\x91"));
}

/* An exclusion beats every rule, and only rules count for nrules. */
static void
test_exclusions(void **state)
{
	const char *kws[] = { "football", "-transfer rumours", "- Betting",
	    NULL };
	struct topic *t;
	struct item *it;
	const char *ad[] = { "Advertorial", NULL };
	char err[128];

	(void)state;
	t = make_topic("sport", kws);
	assert_int_equal(topic_nkeywords(t), 1);
	assert_int_equal(topic_nrules(t), 1);
	assert_true(match_title_t(t, "Football results"));
	assert_false(match_title_t(t, "Football: TRANSFER  rumours today"));
	assert_false(match_title_t(t, "Football betting odds"));
	/* A partial word does not exclude. */
	assert_true(match_title_t(t, "Football transfers"));
	/* Exclusions look at the categories too, and beat regexes and
	 * categories. */
	assert_int_equal(topic_add_keyword(t, "-advertorial"), 0);
	it = make_cat_item("Football gear", ad);
	assert_false(topic_match(t, it));
	item_free(it);
	assert_int_equal(topic_add_regex(t, "goal", err, sizeof(err)), 0);
	assert_int_equal(topic_add_category(t, "Soccer"), 0);
	assert_int_equal(topic_nrules(t), 3);
	assert_true(match_title_t(t, "Late goal"));
	assert_false(match_title_t(t, "Late goal, betting"));
	topic_free(t);

	t = topic_new("t", NULL);
	assert_non_null(t);
	errno = 0;
	assert_int_equal(topic_add_keyword(t, "-"), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(topic_add_keyword(t, " -  "), -1);
	/* Only exclusions: no rule, nothing matches. */
	assert_int_equal(topic_add_keyword(t, "-war"), 0);
	assert_int_equal(topic_nrules(t), 0);
	assert_int_equal(topic_nkeywords(t), 0);
	assert_false(match_title_t(t, "peace"));
	topic_free(t);
}

/* A regex with alternation and Unicode \b and \w, on all the fields. */
static void
test_regex(void **state)
{
	const char *cats[] = { "Pandemic response", NULL };
	struct topic *t;
	struct item *it;
	char err[128];

	(void)state;
	t = topic_new("health", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_regex(t,
	    "\\b(?:covid(?:-19)?|corona(?:virus)?)\\b", err, sizeof(err)), 0);
	assert_int_equal(topic_add_regex(t, "\\b\xd0\xbc\xd0\xbe\xd1\x81\xd0"
	    "\xba\xd0\xb2\\w*", err, sizeof(err)), 0);
	assert_int_equal(topic_nrules(t), 2);
	assert_int_equal(topic_nkeywords(t), 0);
	assert_true(match_title_t(t, "New COVID-19 rules"));
	assert_true(match_title_t(t, "Coronavirus cases fall"));
	assert_false(match_title_t(t, "Coronal mass ejection"));
	assert_false(match_title_t(t, "Discovid app"));
	/* Москвы: \w and \b know Cyrillic. */
	assert_true(match_title_t(t, "\xd0\xb8\xd0\xb7 \xd0\x9c\xd0\xbe\xd1"
	    "\x81\xd0\xba\xd0\xb2\xd1\x8b"));
	assert_false(match_title_t(t, "\xd0\xbf\xd0\xbe\xd0\xb4\xd0\xbc\xd0"
	    "\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"));
	it = make_item("x", "<p>the <b>corona</b> virus</p>", NULL);
	assert_true(topic_match(t, it));
	item_free(it);
	topic_free(t);

	t = topic_new("pan", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_regex(t, "pandemic\\s+resp", err,
	    sizeof(err)), 0);
	it = make_cat_item("Unrelated title", cats);
	assert_true(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

/* Catastrophic backtracking stops at the limit: no match, quickly. */
static void
test_regex_catastrophic(void **state)
{
	struct topic *t;
	char err[128], *title;
	double start;
	size_t n = 30000;

	(void)state;
	t = topic_new("t", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_regex(t, "(a+)+$", err, sizeof(err)), 0);
	assert_int_equal(topic_add_regex(t, "(?:a|a){0,14}x", err,
	    sizeof(err)), 0);
	/* The same without JIT: PCRE2's interpreter has the same limits. */
	assert_int_equal(topic_add_regex(t, "(*NO_JIT)(a+)+$", err,
	    sizeof(err)), 0);
	assert_int_equal(topic_add_regex(t, "(*NO_JIT)(?:b|b){0,14}y", err,
	    sizeof(err)), 0);
	title = malloc(n + 2);
	assert_non_null(title);
	memset(title, 'a', n);
	title[n] = 'b';
	title[n + 1] = '\0';
	start = now_sec();
	assert_false(match_title_t(t, title));
	/* Exponential per start position, and costly at every one. */
	title[n] = 'x';
	assert_false(match_title_t(t, title));
	assert_true(now_sec() - start < 5.0);
	memset(title, 'b', n);
	title[n] = 'y';
	assert_false(match_title_t(t, title));
	assert_true(now_sec() - start < 5.0);
	/* A short text is matched in full. */
	assert_true(match_title_t(t, "aaaax"));
	assert_true(match_title_t(t, "bbby"));
	free(title);
	topic_free(t);
}

/* Regexes see the first 64 KiB of the text; keywords see all of it. */
static void
test_regex_subject_cap(void **state)
{
	const char *kws[] = { "needle", NULL };
	struct topic *tk, *tr;
	struct item *it;
	char err[128], *html;
	size_t i, n = 70000;

	(void)state;
	html = malloc(n + 32);
	assert_non_null(html);
	for (i = 0; i < n; i += 5)
		memcpy(html + i, "hay\xc3\xa9", 5);
	strcpy(html + n, " needle");
	it = make_item("x", NULL, html);
	tk = make_topic("k", kws);
	tr = topic_new("r", NULL);
	assert_non_null(tr);
	assert_int_equal(topic_add_regex(tr, "needle", err, sizeof(err)), 0);
	assert_true(topic_match(tk, it));
	assert_false(topic_match(tr, it));
	assert_int_equal(topic_add_regex(tr, "^x", err, sizeof(err)), 0);
	assert_true(topic_match(tr, it));
	item_free(it);
	topic_free(tk);
	topic_free(tr);
	free(html);
}

/* Refused patterns say why, and leave the topic as it was. */
static void
test_regex_errors(void **state)
{
	struct topic *t;
	char err[128], big[1100];

	(void)state;
	t = topic_new("t", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_regex(t, "(abc", err, sizeof(err)), -1);
	assert_string_equal(err, "offset 4: missing closing parenthesis");
	assert_int_equal(topic_add_regex(t, "a{2,1}", err, sizeof(err)), -1);
	assert_true(strncmp(err, "offset 5: ", 10) == 0);
	assert_int_equal(topic_add_regex(t, "[z-a]", err, sizeof(err)), -1);
	assert_string_equal(err, "offset 3: range out of order in character "
	    "class");
	assert_int_equal(topic_add_regex(t, "caf\xff", err, sizeof(err)), -1);
	assert_true(strncmp(err, "offset 3: UTF-8 error", 21) == 0);
	assert_int_equal(topic_add_regex(t, "", err, sizeof(err)), -1);
	assert_string_equal(err, "empty pattern");
	assert_int_equal(topic_add_regex(t, "x*", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "every item"));
	/* Every item's text has its field separators. */
	assert_int_equal(topic_add_regex(t, "\\W", err, sizeof(err)), -1);
	assert_int_equal(topic_add_regex(t, "\\C", err, sizeof(err)), -1);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(topic_add_regex(t, big, err, sizeof(err)), -1);
	assert_string_equal(err, "pattern longer than 1024 bytes");
	big[1024] = '\0';
	assert_int_equal(topic_add_regex(t, big, err, sizeof(err)), 0);
	assert_int_equal(topic_nrules(t), 1);
	topic_free(t);
	t = topic_new("t", NULL);
	assert_non_null(t);
	/* A short or absent buffer is fine. */
	assert_int_equal(topic_add_regex(t, "(", err, 4), -1);
	assert_string_equal(err, "off");
	assert_int_equal(topic_add_regex(t, "(", NULL, 0), -1);
	assert_int_equal(topic_nrules(t), 0);
	assert_false(match_title_t(t, "(abc a{2,1} x"));
	topic_free(t);
}

/* Categories compare whole, with case and white space folded. */
static void
test_categories(void **state)
{
	const char *c1[] = { "WORLD\t NEWS", NULL };
	const char *c2[] = { "World", "News", NULL };
	const char *c3[] = { "World News Extra", NULL };
	const char *c4[] = { "Health", "Insurance", NULL };
	const char *phrase[] = { "health insurance", NULL };
	const char *kw[] = { "insurance", NULL };
	struct topic *t;
	struct item *it;

	(void)state;
	t = topic_new("world", NULL);
	assert_non_null(t);
	assert_int_equal(topic_add_category(t, " World  News "), 0);
	assert_int_equal(topic_add_category(t, "\xd0\x9c\xd0\x98\xd0\xa0"), 0);
	errno = 0;
	assert_int_equal(topic_add_category(t, " \t"), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(topic_nrules(t), 2);
	it = make_cat_item("Unrelated", c1);
	assert_true(topic_match(t, it));
	item_free(it);
	it = make_cat_item("World news in the title", c2);
	assert_false(topic_match(t, it));
	item_free(it);
	it = make_cat_item("x", c3);
	assert_false(topic_match(t, it));
	item_free(it);
	/* Мир: a Cyrillic category, folded. */
	assert_int_equal(item_add_category(it = make_item("x", NULL, NULL),
	    "\xd0\xbc\xd0\xb8\xd1\x80"), 0);
	assert_true(topic_match(t, it));
	item_free(it);
	/* A title cannot forge the category part of the text. */
	it = make_item("a\x1f" "b\x1f" "c\x1fworld news", NULL, NULL);
	assert_false(topic_match(t, it));
	item_free(it);
	topic_free(t);

	/* Keywords see categories, one at a time. */
	t = make_topic("p", phrase);
	it = make_cat_item("x", c4);
	assert_false(topic_match(t, it));
	topic_free(t);
	t = make_topic("k", kw);
	assert_true(topic_match(t, it));
	item_free(it);
	topic_free(t);
}

/* The text is folded, well-formed and in fixed order. */
static void
test_text_layout(void **state)
{
	const char *cats[] = { "  Big\tNews ", "", "Caf\xc3\x89", NULL };
	struct item *it;
	char *text;

	(void)state;
	it = make_cat_item("T\xc3\x8dTLE\x01x\xff", cats);
	assert_int_equal(item_set(&it->summary, "<p>S&amp;um</p>"), 0);
	text = topic_text(it);
	assert_non_null(text);
	assert_string_equal(text, "t\xc3\xadtle x\x1fs&um\x1f\x1f"
	    "big news\x1e" "caf\xc3\xa9\x1e");
	free(text);
	item_free(it);
}

/* Slugs for auto-topics: readable, stable, always valid. */
static void
test_slugs(void **state)
{
	static const struct {
		const char *name, *slug;
	} cases[] = {
		{ "Health", "health" },
		{ "Caf\xc3\xa9", "cafe" },
		{ "Stra\xc3\x9f" "e", "strasse" },
		{ "\xc3\x98konomi", "okonomi" },
		{ "\xc3\x86r\xc3\xb8", "aero" },
		{ "S\xc3\xa3o Paulo", "sao-paulo" },
		{ "  Hello,  World!  ", "hello-world" },
		{ "C++", "c" },
		{ "2024 Olympics", "2024-olympics" },
		{ "2024", "2024" },
		{ "Cr\xc3\xa8me br\xc3\xbbl\xc3\xa9" "e", "creme-brulee" },
		{ "\xc5\x81\xc3\xb3" "d\xc5\xba", "lodz" },
		{ "\xc4\xb0stanbul", "istanbul" },
		{ "H\xc3\xa0 N\xe1\xbb\x99i", "ha-noi" },
		{ "Children's health", "childrens-health" },
		{ "Children\xe2\x80\x99s", "childrens" },
		{ "a/b\\c__d", "a-b-c-d" },
		{ "\xef\xbc\xa5\xef\xbc\xa3\xef\xbc\xaf", "eco" },
		{ "Rom\xc3\xa2nia \xc8\x98i \xc8\x9a\xc4\x83ri",
		    "romania-si-tari" },
		{ "e\xcc\x81t\xc3\xa9", "ete" },
		{ "--Sport--", "sport" },
	};
	char *s, *s2, longname[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = topic_slug(cases[i].name);
		assert_non_null(s);
		if (strcmp(s, cases[i].slug) != 0)
			fail_msg("slug of '%s': '%s', want '%s'",
			    cases[i].name, s, cases[i].slug);
		assert_true(topic_name_valid(s));
		free(s);
	}
	/* No ASCII letters: a stable hash. */
	s = topic_slug("\xe7\xbb\x8f\xe6\xb5\x8e");	/* 经济 */
	s2 = topic_slug(" \xe7\xbb\x8f\xe6\xb5\x8e ");
	assert_non_null(s);
	assert_non_null(s2);
	assert_int_equal(strlen(s), 10);
	assert_true(strncmp(s, "t-", 2) == 0);
	assert_true(strspn(s + 2, "0123456789abcdef") == 8);
	assert_string_equal(s, s2);
	assert_true(topic_name_valid(s));
	free(s2);
	s2 = topic_slug("\xe6\x94\xbf\xe6\xb2\xbb");	/* 政治 */
	assert_non_null(s2);
	assert_string_not_equal(s, s2);
	free(s2);
	s2 = topic_slug("\xe7\xbb\x8f\xe6\xb5\x8e 2024");
	assert_non_null(s2);
	assert_true(strncmp(s2, "t-", 2) == 0);
	free(s2);
	free(s);
	/* Empty or punctuation only: a hash too; case does not matter. */
	s = topic_slug("");
	assert_non_null(s);
	assert_string_equal(s, "t-811c9dc5");
	free(s);
	s = topic_slug("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 News");
	s2 = topic_slug("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90"
	    " news");
	assert_non_null(s);
	assert_non_null(s2);
	assert_true(strncmp(s, "news-", 5) == 0);
	assert_int_equal(strlen(s), 13);
	assert_string_equal(s, s2);
	free(s);
	free(s2);
	/* At most 64 bytes, never ending in '-'. */
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	longname[64] = ' ';
	s = topic_slug(longname);
	assert_non_null(s);
	assert_int_equal(strlen(s), 64);
	assert_true(topic_name_valid(s));
	free(s);
	longname[63] = ' ';
	s = topic_slug(longname);
	assert_non_null(s);
	assert_int_equal(strlen(s), 63);
	free(s);
	memcpy(longname + 150, "\xe7\xbb\x8f", 3);
	s = topic_slug(longname);
	assert_non_null(s);
	assert_int_equal(strlen(s), 64);
	assert_true(topic_name_valid(s));
	assert_int_equal(s[55], '-');
	free(s);
	errno = 0;
	assert_null(topic_slug(NULL));
	assert_int_equal(errno, EINVAL);
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
		cmocka_unit_test(test_unicode_folding),
		cmocka_unit_test(test_unicode_boundaries),
		cmocka_unit_test(test_cjk_substring),
		cmocka_unit_test(test_exclusions),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_regex_catastrophic),
		cmocka_unit_test(test_regex_subject_cap),
		cmocka_unit_test(test_regex_errors),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_text_layout),
		cmocka_unit_test(test_slugs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
