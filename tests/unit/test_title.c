/*
 * Unit tests for title: tags after bars, site suffixes, doubled titles,
 * titles left whole, hostile input. The titles are the seed articles'
 * own (as an aggregator sees them), shortened only where marked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/title.h"

#define FW	"\xef\xbd\x9c"		/* fullwidth bar */

/* Seed titles (tests/../shared/seed), quoted verbatim. */
#define SEED_LEASING	"The full text is here. The \"Several Provisions " \
	"of Shanghai on Promoting the Development of Financial Leasing in " \
	"Pudong New Area\" will be implemented from October."
#define SEED_LING	"Are you familiar with Ling Jiajia, who is " \
	"actively helping young people find employment? This \"internet " \
	"celebrity\" workplace mentor offers"
#define SEED_FUNDS	"What does Shanghai rely on to safeguard the " \
	"safety of medical insurance funds?, Over the past five years, " \
	"nearly 600 million yuan of \"life-saving money\" has been " \
	"recovered. Supervision"
#define SEED_CODE	"Serving the Citizens, Shanghai Big Data Center: " \
	"Promoting the Upgrade of City"
#define SEED_CHEN	"Chen Jining led a delegation to go deep into " \
	"Kashgar, Xinjiang to study and inspect"	/* shortened */

struct title_case {
	const char	*in;
	const char	*site;
	const char	*head;
	const char	*tags[4];	/* NULL-terminated */
};

static void
title_run(const struct title_case *c, size_t nc)
{
	char buf[1024], *tags[TITLE_MAX_TAGS], *h;
	size_t i, k, n;

	for (i = 0; i < nc; i++) {
		snprintf(buf, sizeof(buf), "%s", c[i].in);
		n = 99;
		h = title_split(buf, c[i].site, tags, &n);
		if (h != buf)
			fail_msg("case %zu: headline not at t", i);
		if (strcmp(h, c[i].head) != 0)
			fail_msg("case %zu: headline \"%s\", want \"%s\"", i,
			    h, c[i].head);
		for (k = 0; k < 4 && c[i].tags[k] != NULL; k++)
			;
		if (n != k)
			fail_msg("case %zu (\"%s\"): %zu tags, want %zu", i,
			    c[i].in, n, k);
		for (k = 0; k < n; k++) {
			if (tags[k] < buf || tags[k] >= buf + sizeof(buf))
				fail_msg("case %zu: tag %zu outside t", i, k);
			if (strcmp(tags[k], c[i].tags[k]) != 0)
				fail_msg("case %zu: tag %zu \"%s\", want "
				    "\"%s\"", i, k, tags[k], c[i].tags[k]);
		}
	}
}

static void
test_seed_tags(void **state)
{
	static const struct title_case c[] = {
		{ SEED_LEASING " | Medical Devices | Shanghai Municipality",
		    NULL, SEED_LEASING,
		    { "Medical Devices", "Shanghai Municipality" } },
		{ SEED_LING " | platform | Ling Jiajia", NULL, SEED_LING,
		    { "platform", "Ling Jiajia" } },
		{ SEED_FUNDS " | Inspection | Shanghai", NULL, SEED_FUNDS,
		    { "Inspection", "Shanghai" } },
		/* a badly translated heading's bars are cut all the same */
		{ SEED_CODE " | Governance | Code Application through "
		    "\"Suishen Code\"", NULL, SEED_CODE,
		    { "Governance", "Code Application through \"Suishen "
		    "Code\"" } },
		/* no bars: nothing to cut */
		{ SEED_CHEN, NULL, SEED_CHEN, { NULL } },
		{ SEED_CHEN, "Shanghai Municipality", SEED_CHEN, { NULL } },
	};

	(void)state;
	title_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_seed_site(void **state)
{
	static const struct title_case c[] = {
		/* the source's own name as the last tag is the site */
		{ SEED_LEASING " | Medical Devices | Shanghai Municipality",
		    "Shanghai Municipality", SEED_LEASING,
		    { "Medical Devices" } },
		{ SEED_LEASING " | Medical Devices | shanghai municipality",
		    "  SHANGHAI MUNICIPALITY ", SEED_LEASING,
		    { "Medical Devices" } },
		{ SEED_LING " - Shanghai Municipality", "Shanghai Municipality",
		    SEED_LING, { NULL } },
		{ SEED_LING " \xe2\x80\x93 Shanghai Daily", "Shanghai Daily",
		    SEED_LING, { NULL } },
		{ SEED_LING " \xe2\x80\x94 Shanghai Daily", "Shanghai Daily",
		    SEED_LING, { NULL } },
		{ SEED_LING " :: Shanghai Daily", "Shanghai Daily", SEED_LING,
		    { NULL } },
		{ SEED_LING " " FW " Shanghai Daily", "Shanghai Daily",
		    SEED_LING, { NULL } },
		{ SEED_LING FW "Shanghai Daily", "Shanghai Daily", SEED_LING,
		    { NULL } },
		/* a leading "The " on either side */
		{ SEED_LING " - The Paper", "Paper", SEED_LING, { NULL } },
		{ SEED_LING " - Paper", "The Paper", SEED_LING, { NULL } },
		/* other names stay: no fuzzy matching */
		{ SEED_LING " - SHINE", "Shanghai Daily",
		    SEED_LING " - SHINE", { NULL } },
		{ SEED_LING " - Shanghai Daily News", "Shanghai Daily",
		    SEED_LING " - Shanghai Daily News", { NULL } },
		{ "Trade talks | Shanghai Daily | Economy", "Shanghai Daily",
		    "Trade talks", { "Shanghai Daily", "Economy" } },
		/* a dash inside the headline is not a separator */
		{ "Shanghai-Xinjiang aid - Shanghai Daily", "Shanghai Daily",
		    "Shanghai-Xinjiang aid", { NULL } },
		{ "Trade talks - Economy | Shanghai Daily", "Shanghai Daily",
		    "Trade talks - Economy", { NULL } },
		{ "Trade talks | Economy - Shanghai Daily", "Shanghai Daily",
		    "Trade talks", { "Economy" } },
		{ "Trade talks - Shanghai Daily", "", "Trade talks - Shanghai "
		    "Daily", { NULL } },
		{ "Trade talks - Shanghai Daily", "   ", "Trade talks - "
		    "Shanghai Daily", { NULL } },
	};

	(void)state;
	title_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_seed_doubled(void **state)
{
	static const struct title_case c[] = {
		/* the seed prints each heading twice on two lines */
		{ SEED_LEASING " | Medical Devices | Shanghai Municipality\n"
		    SEED_LEASING " | Medical Devices | Shanghai Municipality",
		    NULL, SEED_LEASING,
		    { "Medical Devices", "Shanghai Municipality" } },
		{ SEED_LING " | platform | Ling Jiajia " SEED_LING
		    " | platform | Ling Jiajia", "Ling Jiajia", SEED_LING,
		    { "platform" } },
		{ SEED_CHEN " " SEED_CHEN, NULL, SEED_CHEN, { NULL } },
		{ SEED_CHEN " \n\t " SEED_CHEN, NULL, SEED_CHEN, { NULL } },
		{ SEED_CHEN " " SEED_CHEN " | Xinjiang", NULL, SEED_CHEN,
		    { "Xinjiang" } },
		/* short repeats are names, not doubling */
		{ "New York New York", NULL, "New York New York", { NULL } },
		{ "Bye Bye | Music", NULL, "Bye Bye", { "Music" } },
		/* not quite the same twice */
		{ SEED_CHEN " " SEED_CHEN ".", NULL, SEED_CHEN " " SEED_CHEN
		    ".", { NULL } },
		{ SEED_CHEN " x " SEED_CHEN, NULL, SEED_CHEN " x " SEED_CHEN,
		    { NULL } },
	};

	(void)state;
	title_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_tags_rules(void **state)
{
	static const struct title_case c[] = {
		{ "  Headline  |  a  |   b ", NULL, "Headline", { "a", "b" } },
		{ "Headline | a |  | b |", NULL, "Headline", { "a", "b" } },
		{ "Headline | Health | health | HEALTH | City", NULL,
		    "Headline", { "Health", "City" } },
		{ "Headline" FW "a" FW "b", NULL, "Headline", { "a", "b" } },
		{ "Headline " FW " a " FW " b", NULL, "Headline",
		    { "a", "b" } },
		{ "\xe4\xb8\x8a\xe6\xb5\xb7" FW "\xe6\x96\xb0\xe9\x97\xbb",
		    NULL, "\xe4\xb8\x8a\xe6\xb5\xb7",
		    { "\xe6\x96\xb0\xe9\x97\xbb" } },
		/* a bar glued to words is text */
		{ "AC|DC tour | Music", NULL, "AC|DC tour", { "Music" } },
		{ "Headline |a", NULL, "Headline |a", { NULL } },
		{ "Headline |", NULL, "Headline", { NULL } },
		/* NBSP and ideographic space trim too */
		{ "\xc2\xa0Headline\xc2\xa0| a\xe3\x80\x80", NULL, "Headline",
		    { "a" } },
		/* a headline that would be empty: left whole */
		{ "| a | b", NULL, "| a | b", { NULL } },
		{ "  | a", NULL, "  | a", { NULL } },
		{ " - Shanghai Daily", "Shanghai Daily", "- Shanghai Daily",
		    { NULL } },
		{ "Shanghai Daily", "Shanghai Daily", "Shanghai Daily",
		    { NULL } },
		{ "", NULL, "", { NULL } },
		{ "   ", NULL, "   ", { NULL } },
	};

	(void)state;
	title_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_max_tags(void **state)
{
	char buf[512], *tags[TITLE_MAX_TAGS];
	size_t i, n, len;

	(void)state;
	len = (size_t)snprintf(buf, sizeof(buf), "H");
	for (i = 0; i < TITLE_MAX_TAGS + 5; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    " | t%zu", i);
	assert_ptr_equal(title_split(buf, NULL, tags, &n), buf);
	assert_string_equal(buf, "H");
	assert_int_equal(n, TITLE_MAX_TAGS);
	assert_string_equal(tags[0], "t0");
	assert_string_equal(tags[TITLE_MAX_TAGS - 1], "t15");
}

static void
test_hostile(void **state)
{
	char *tags[TITLE_MAX_TAGS], *big;
	size_t i, n = 5, len = 1 << 16;

	(void)state;
	assert_null(title_split(NULL, "x", tags, &n));
	assert_int_equal(n, 0);
	/* a long run of bars and spaces: no headline, left whole */
	big = malloc(len + 1);
	assert_non_null(big);
	for (i = 0; i < len; i++)
		big[i] = i % 2 ? '|' : ' ';
	big[len] = '\0';
	assert_ptr_equal(title_split(big, " ", tags, &n), big);
	assert_int_equal(n, 0);
	assert_int_equal(strlen(big), len);
	/* a long title that is all one word, twice over */
	memset(big, 'a', len);
	big[len / 2] = ' ';
	assert_ptr_equal(title_split(big, "a", tags, &n), big);
	assert_int_equal(n, 0);
	assert_int_equal(strlen(big), len);	/* one word: not doubled */
	/* truncated UTF-8 at the end */
	snprintf(big, len, "Headline | a\xef\xbd");
	title_split(big, "\xef", tags, &n);
	assert_string_equal(big, "Headline");
	assert_int_equal(n, 1);
	assert_string_equal(tags[0], "a\xef\xbd");
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_tags),
		cmocka_unit_test(test_seed_site),
		cmocka_unit_test(test_seed_doubled),
		cmocka_unit_test(test_tags_rules),
		cmocka_unit_test(test_max_tags),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
