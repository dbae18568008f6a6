/*
 * Unit tests for daterel: counts of units before now, calendar words in
 * a zone (across a DST change), fixed phrases, labels, the CJK forms,
 * and text that must not be taken for a relative date.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/date.h"
#include "feeds/daterel.h"

/* The clock of most cases: 2024-04-15T11:48:00Z, 19:48 in Shanghai. */
#define NOW	"2024-04-15T11:48:00Z"

struct daterel_case {
	const char	*in;
	const char	*tz;	/* NULL: UTC */
	const char	*now;	/* RFC 3339 UTC */
	const char	*want;	/* RFC 3339 UTC, NULL: -1 wanted */
};

static time_t
daterel_t(const char *iso)
{
	time_t t;

	if (date_parse(iso, &t) == -1)
		fail_msg("bad test date %s", iso);
	return t;
}

static void
daterel_run(const struct daterel_case *c, size_t nc)
{
	char got[DATE_RFC3339_LEN];
	time_t t;
	size_t i;
	int rc;

	for (i = 0; i < nc; i++) {
		t = 42;
		rc = daterel_parse(c[i].in, daterel_t(c[i].now), c[i].tz, &t);
		if (c[i].want == NULL) {
			if (rc != -1)
				fail_msg("\"%s\": want -1, got %lld", c[i].in,
				    (long long)t);
			if (t != 42)
				fail_msg("\"%s\": *out written on -1",
				    c[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("\"%s\" (%s): rc -1, want %s", c[i].in,
			    c[i].tz != NULL ? c[i].tz : "UTC", c[i].want);
		date_rfc3339(t, got);
		if (strcmp(got, c[i].want) != 0)
			fail_msg("\"%s\" (%s): got %s, want %s", c[i].in,
			    c[i].tz != NULL ? c[i].tz : "UTC", got, c[i].want);
	}
}

static void
test_ago(void **state)
{
	static const struct daterel_case c[] = {
		{ "3 hours ago", NULL, NOW, "2024-04-15T08:48:00Z" },
		{ "2 days ago", NULL, NOW, "2024-04-13T11:48:00Z" },
		{ "an hour ago", NULL, NOW, "2024-04-15T10:48:00Z" },
		{ "a minute ago", NULL, NOW, "2024-04-15T11:47:00Z" },
		{ "5 mins ago", NULL, NOW, "2024-04-15T11:43:00Z" },
		{ "1h", NULL, NOW, "2024-04-15T10:48:00Z" },
		{ "2d ago", NULL, NOW, "2024-04-13T11:48:00Z" },
		{ "3 Hours Ago", NULL, NOW, "2024-04-15T08:48:00Z" },
		{ "  3\thours \n ago  ", NULL, NOW, "2024-04-15T08:48:00Z" },
		{ "3\xc2\xa0hours\xc2\xa0" "ago", NULL, NOW,
		    "2024-04-15T08:48:00Z" },
		{ "30s", NULL, NOW, "2024-04-15T11:47:30Z" },
		{ "45 secs ago", NULL, NOW, "2024-04-15T11:47:15Z" },
		{ "1 second ago", NULL, NOW, "2024-04-15T11:47:59Z" },
		{ "10 seconds ago", NULL, NOW, "2024-04-15T11:47:50Z" },
		{ "1 min ago", NULL, NOW, "2024-04-15T11:47:00Z" },
		{ "12 minutes ago", NULL, NOW, "2024-04-15T11:36:00Z" },
		{ "1 minute ago", NULL, NOW, "2024-04-15T11:47:00Z" },
		{ "5m", NULL, NOW, "2024-04-15T11:43:00Z" },
		{ "2 hrs ago", NULL, NOW, "2024-04-15T09:48:00Z" },
		{ "1 hr ago", NULL, NOW, "2024-04-15T10:48:00Z" },
		{ "1 day ago", NULL, NOW, "2024-04-14T11:48:00Z" },
		{ "3 weeks ago", NULL, NOW, "2024-03-25T11:48:00Z" },
		{ "a week ago", NULL, NOW, "2024-04-08T11:48:00Z" },
		{ "1w", NULL, NOW, "2024-04-08T11:48:00Z" },
		{ "2 wks ago", NULL, NOW, "2024-04-01T11:48:00Z" },
		{ "a month ago", NULL, NOW, "2024-03-16T11:48:00Z" },
		{ "2mo", NULL, NOW, "2024-02-15T11:48:00Z" },
		{ "2 months ago", NULL, NOW, "2024-02-15T11:48:00Z" },
		{ "a year ago", NULL, NOW, "2023-04-16T11:48:00Z" },
		{ "1y", NULL, NOW, "2023-04-16T11:48:00Z" },
		{ "2 yrs ago", NULL, NOW, "2022-04-16T11:48:00Z" },
		{ "two hours ago", NULL, NOW, "2024-04-15T09:48:00Z" },
		{ "a couple of hours ago", NULL, NOW, NULL },
		{ "couple of days ago", NULL, NOW, "2024-04-13T11:48:00Z" },
		{ "1 hour 5 minutes ago", NULL, NOW, "2024-04-15T10:43:00Z" },
		{ "1 hour, 5 minutes ago", NULL, NOW,
		    "2024-04-15T10:43:00Z" },
		{ "1 hour and 5 minutes ago", NULL, NOW,
		    "2024-04-15T10:43:00Z" },
		{ "1h 5m", NULL, NOW, "2024-04-15T10:43:00Z" },
		{ "1h30m ago", NULL, NOW, "2024-04-15T10:18:00Z" },
		{ "3 hours ago.", NULL, NOW, "2024-04-15T08:48:00Z" },
		/* the zone does not change a count of hours */
		{ "3 hours ago", "Asia/Shanghai", NOW,
		    "2024-04-15T08:48:00Z" },
		{ "100000 days ago", NULL, NOW, NULL },	/* past 200 years */
		{ "1000000 days ago", NULL, NOW, NULL },
		{ "99999999999999999999 hours ago", NULL, NOW, NULL },
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_phrases(void **state)
{
	static const struct daterel_case c[] = {
		{ "just now", NULL, NOW, NOW },
		{ "Just Now", "Asia/Shanghai", NOW, NOW },
		{ "now", NULL, NOW, NOW },
		{ "moments ago", NULL, NOW, NOW },
		{ "a few seconds ago", NULL, NOW, NOW },
		{ "last week", NULL, NOW, "2024-04-08T11:48:00Z" },
		{ "Last month", NULL, NOW, "2024-03-16T11:48:00Z" },
		{ "last year", NULL, NOW, "2023-04-16T11:48:00Z" },
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_calendar(void **state)
{
	static const struct daterel_case c[] = {
		{ "today", NULL, NOW, "2024-04-15T00:00:00Z" },
		{ "yesterday", NULL, NOW, "2024-04-14T00:00:00Z" },
		{ "Yesterday 14:30", NULL, NOW, "2024-04-14T14:30:00Z" },
		{ "today 09:15", NULL, NOW, "2024-04-15T09:15:00Z" },
		{ "TODAY 09:15:30", NULL, NOW, "2024-04-15T09:15:30Z" },
		{ "today, 09:15", NULL, NOW, "2024-04-15T09:15:00Z" },
		{ "yesterday at 2:30 pm", NULL, NOW, "2024-04-14T14:30:00Z" },
		{ "yesterday at 2:30 p.m.", NULL, NOW,
		    "2024-04-14T14:30:00Z" },
		{ "yesterday at 12:05 am", NULL, NOW,
		    "2024-04-14T00:05:00Z" },
		{ "yesterday at 12:05 PM", NULL, NOW,
		    "2024-04-14T12:05:00Z" },
		{ "today 9am", NULL, NOW, "2024-04-15T09:00:00Z" },
		{ "the day before yesterday", NULL, NOW,
		    "2024-04-13T00:00:00Z" },
		/* Shanghai: 19:48 local, the same calendar day */
		{ "today", "Asia/Shanghai", NOW, "2024-04-14T16:00:00Z" },
		{ "yesterday 14:30", "Asia/Shanghai", NOW,
		    "2024-04-14T06:30:00Z" },
		{ "today 09:15", "Asia/Shanghai", NOW,
		    "2024-04-15T01:15:00Z" },
		/* 20:00Z is 04:00 the next day in Shanghai */
		{ "today", "Asia/Shanghai", "2024-04-15T20:00:00Z",
		    "2024-04-15T16:00:00Z" },
		{ "yesterday", "Asia/Shanghai", "2024-04-15T20:00:00Z",
		    "2024-04-14T16:00:00Z" },
		{ "today", NULL, "2024-04-15T20:00:00Z",
		    "2024-04-15T00:00:00Z" },
		/* New York on the day DST starts (02:00 EST -> 03:00 EDT) */
		{ "today", "America/New_York", "2024-03-10T12:00:00Z",
		    "2024-03-10T05:00:00Z" },
		{ "today 09:15", "America/New_York", "2024-03-10T15:00:00Z",
		    "2024-03-10T13:15:00Z" },
		{ "yesterday 14:30", "America/New_York",
		    "2024-03-10T12:00:00Z", "2024-03-09T19:30:00Z" },
		{ "today 02:30", "America/New_York", "2024-03-10T12:00:00Z",
		    "2024-03-10T07:30:00Z" },	/* in the gap: EST */
		/* 03:00Z on the 10th is still the 9th in New York */
		{ "today", "America/New_York", "2024-03-10T03:00:00Z",
		    "2024-03-09T05:00:00Z" },
		{ "today", "Nowhere/Atlantis", NOW, NULL },
		{ "today", "../../etc/passwd", NOW, NULL },
		{ "3 hours ago", "Nowhere/Atlantis", NOW,
		    "2024-04-15T08:48:00Z" },	/* no calendar, no zone */
		{ "today 25:00", NULL, NOW, NULL },
		{ "today 14:5", NULL, NOW, NULL },
		{ "today 14:60", NULL, NOW, NULL },
		{ "today 13pm", NULL, NOW, NULL },
		{ "today 9 o'clock", NULL, NOW, NULL },
		{ "yesterday 1:2:3:4", NULL, NOW, NULL },
		{ "tomorrow", NULL, NOW, NULL },
		{ "todayx", NULL, NOW, NULL },
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_labels(void **state)
{
	static const struct daterel_case c[] = {
		{ "Posted 3 hours ago", NULL, NOW, "2024-04-15T08:48:00Z" },
		{ "Updated 5 mins ago", NULL, NOW, "2024-04-15T11:43:00Z" },
		{ "Release time: 2 days ago", NULL, NOW,
		    "2024-04-13T11:48:00Z" },
		{ "Release time:yesterday 14:30", "Asia/Shanghai", NOW,
		    "2024-04-14T06:30:00Z" },
		{ "Last updated: just now", NULL, NOW, NOW },
		{ "last updated 1h", NULL, NOW, "2024-04-15T10:48:00Z" },
		{ "Posted last week", NULL, NOW, "2024-04-08T11:48:00Z" },
		{ "Posted on yesterday", NULL, NOW, "2024-04-14T00:00:00Z" },
		{ "Posted", NULL, NOW, NULL },
		{ "Posted:", NULL, NOW, NULL },
		{ "Views: 3", NULL, NOW, NULL },
		{ "by John 3 hours ago", NULL, NOW, NULL },
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

static void
test_cjk(void **state)
{
	static const struct daterel_case c[] = {
		{ "3\xe5\xb0\x8f\xe6\x97\xb6\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T08:48:00Z" },		/* 3小时前 */
		{ "3 \xe5\xb0\x8f\xe6\x97\xb6\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T08:48:00Z" },		/* 3 小时前 */
		{ "5\xe5\x88\x86\xe9\x92\x9f\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T11:43:00Z" },		/* 5分钟前 */
		{ "2\xe5\xa4\xa9\xe5\x89\x8d", NULL, NOW,
		    "2024-04-13T11:48:00Z" },		/* 2天前 */
		{ "1\xe4\xb8\xaa\xe6\x9c\x88\xe5\x89\x8d", NULL, NOW,
		    "2024-03-16T11:48:00Z" },		/* 1个月前 */
		{ "5\xe5\x88\x86\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T11:43:00Z" },		/* 5分前 */
		{ "3\xe6\x99\x82\xe9\x96\x93\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T08:48:00Z" },		/* 3時間前 */
		{ "1\xe9\x80\xb1\xe9\x96\x93\xe5\x89\x8d", NULL, NOW,
		    "2024-04-08T11:48:00Z" },		/* 1週間前 */
		{ "10\xe7\xa7\x92\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T11:47:50Z" },		/* 10秒前 */
		{ "\xe5\x88\x9a\xe5\x88\x9a", NULL, NOW, NOW },	/* 刚刚 */
		{ "\xe6\x98\xa8\xe5\xa4\xa9 14:30", "Asia/Shanghai", NOW,
		    "2024-04-14T06:30:00Z" },		/* 昨天 14:30 */
		{ "\xe4\xbb\x8a\xe5\xa4\xa9", "Asia/Shanghai", NOW,
		    "2024-04-14T16:00:00Z" },		/* 今天 */
		{ "\xe5\x89\x8d\xe5\xa4\xa9", "Asia/Shanghai", NOW,
		    "2024-04-12T16:00:00Z" },		/* 前天 */
		/* 发布时间：3小时前 */
		{ "\xe5\x8f\x91\xe5\xb8\x83\xe6\x97\xb6\xe9\x97\xb4\xef\xbc\x9a"
		    "3\xe5\xb0\x8f\xe6\x97\xb6\xe5\x89\x8d", NULL, NOW,
		    "2024-04-15T08:48:00Z" },
		{ "3\xe5\xb9\xb4", NULL, NOW, NULL },	/* 3年: a year 3 */
		/* 3小时 */
		{ "3\xe5\xb0\x8f\xe6\x97\xb6", NULL, NOW, NULL },
		{ "3\xe5\x89\x8d", NULL, NOW, NULL },	/* 3前 */
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

/* Text that is not a relative date, including absolute dates, which
 * date_parse reads, and what looks like one in passing. */
static void
test_not_relative(void **state)
{
	static const struct daterel_case c[] = {
		{ "", NULL, NOW, NULL },
		{ "   ", NULL, NOW, NULL },
		{ "ago", NULL, NOW, NULL },
		{ "3", NULL, NOW, NULL },
		{ "3 ago", NULL, NOW, NULL },
		{ "hours ago", NULL, NOW, NULL },
		{ "3 hours", NULL, NOW, NULL },		/* not glued, no ago */
		{ "5 min", NULL, NOW, NULL },		/* "5 min read" */
		{ "5 min read", NULL, NOW, NULL },
		{ "an hour", NULL, NOW, NULL },
		{ "3 parsecs ago", NULL, NOW, NULL },
		{ "3 hours ago ago", NULL, NOW, NULL },
		{ "3 hours from now", NULL, NOW, NULL },
		{ "in 3 hours", NULL, NOW, NULL },
		{ "-3 hours ago", NULL, NOW, NULL },
		{ "1h 2h 3h 4h 5h", NULL, NOW, NULL },	/* too many parts */
		{ "2024", NULL, NOW, NULL },
		{ "Apr 15, 2024", NULL, NOW, NULL },
		{ "2024-04-15", NULL, NOW, NULL },
		{ "15 apr", NULL, NOW, NULL },
		{ "1h ago and some more text after it", NULL, NOW, NULL },
		{ "Headline | Topic", NULL, NOW, NULL },
		{ "today is a good day", NULL, NOW, NULL },
		{ "3 hours ago 3 hours ago 3 hours ago 3 hours ago 3 hours ago"
		    " 3 hours ago", NULL, NOW, NULL },	/* over 64 bytes */
	};

	(void)state;
	daterel_run(c, sizeof(c) / sizeof(c[0]));
}

/* Hostile text: long, binary, NULs cut it; nothing is read past it. */
static void
test_hostile(void **state)
{
	char *big;
	time_t t = 0;
	size_t n = 1 << 20;

	(void)state;
	assert_int_equal(daterel_parse(NULL, 0, NULL, &t), -1);
	big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	memcpy(big + n - 11, "3 hours ago", 11);
	big[n] = '\0';
	/* white space does not count against the length */
	assert_int_equal(daterel_parse(big, 10000000, NULL, &t), 0);
	assert_int_equal(t, 10000000 - 3 * 3600);
	memset(big, '9', n);
	assert_int_equal(daterel_parse(big, 10000000, NULL, &t), -1);
	memset(big, '\xe5', n);
	assert_int_equal(daterel_parse(big, 10000000, NULL, &t), -1);
	free(big);
	assert_int_equal(daterel_parse("3\xff hours ago", 0, NULL, &t), -1);
	assert_int_equal(daterel_parse("today \xe5", 0, NULL, &t), -1);
	assert_int_equal(daterel_parse("\xe5\x89", 0, NULL, &t), -1);
	/* the earliest clock: results before 1970 are fine */
	assert_int_equal(daterel_parse("1 day ago", 0, NULL, &t), 0);
	assert_int_equal(t, -86400);
	assert_int_equal(daterel_parse("yesterday", 0, NULL, &t), 0);
	assert_int_equal(t, -86400);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ago),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_not_relative),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
