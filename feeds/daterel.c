/*
 * Relative dates as listing pages print them, in English and in the
 * Chinese and Japanese forms of the pages unifeed reads: counts of units
 * before now ("3 hours ago", "an hour ago", "1h", "2d ago", "3小时前"),
 * calendar words with an optional time of day ("yesterday 14:30",
 * "today 09:15", "昨天"), and fixed phrases ("just now", "last week").
 * Calendar words count days in the source's zone, through date.c's
 * zoneinfo reader; the clock is always the caller's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feeds/date.h"
#include "feeds/daterel.h"
#include "feeds/html.h"
#include "feeds/datetok.h"

#define DATEREL_MAX_LEN		64	/* longer text is not a relative date */
#define DATEREL_MAX_WORD	32	/* bytes of a unit or a calendar word */
#define DATEREL_MAX_N		100000	/* largest count ("100000 days") */
#define DATEREL_MAX_PARTS	4	/* "1 hour 5 minutes ago" */
#define DATEREL_MAX_LABELS	4	/* "Last updated:" words skipped */
#define DATEREL_MAX_SECS	(200LL * 365 * 86400)	/* no further back */

#define DAY	86400L
#define WEEK	(7 * DAY)
#define MONTH	(30 * DAY)
#define YEAR	(365 * DAY)

#define DATEREL_AGO_CJK	"\xe5\x89\x8d"		/* 前 */

/* A word and what it stands for: seconds, days back or a count. */
struct daterel_word {
	const char	*s;
	long		 v;
};

/* Units of "N units ago", ASCII and CJK. Keep sorted (strcmp order). */
static const struct daterel_word daterel_units[] = {
	{ "d", DAY }, { "day", DAY }, { "days", DAY }, { "h", 3600 },
	{ "hour", 3600 }, { "hours", 3600 }, { "hr", 3600 }, { "hrs", 3600 },
	{ "m", 60 }, { "min", 60 }, { "mins", 60 }, { "minute", 60 },
	{ "minutes", 60 }, { "mo", MONTH }, { "month", MONTH },
	{ "months", MONTH }, { "mos", MONTH }, { "s", 1 }, { "sec", 1 },
	{ "second", 1 }, { "seconds", 1 }, { "secs", 1 }, { "w", WEEK },
	{ "week", WEEK }, { "weeks", WEEK }, { "wk", WEEK }, { "wks", WEEK },
	{ "y", YEAR }, { "year", YEAR }, { "years", YEAR }, { "yr", YEAR },
	{ "yrs", YEAR },
	{ "\xe3\x81\x8b\xe6\x9c\x88", MONTH },		/* か月 */
	{ "\xe3\x82\xab\xe6\x9c\x88", MONTH },		/* カ月 */
	{ "\xe3\x83\xb6\xe6\x9c\x88", MONTH },		/* ヶ月 */
	{ "\xe4\xb8\xaa\xe5\xb0\x8f\xe6\x97\xb6", 3600 },	/* 个小时 */
	{ "\xe4\xb8\xaa\xe6\x98\x9f\xe6\x9c\x9f", WEEK },	/* 个星期 */
	{ "\xe4\xb8\xaa\xe6\x9c\x88", MONTH },		/* 个月 */
	{ "\xe5\x88\x86", 60 },				/* 分 */
	{ "\xe5\x88\x86\xe9\x90\x98", 60 },		/* 分鐘 */
	{ "\xe5\x88\x86\xe9\x92\x9f", 60 },		/* 分钟 */
	{ "\xe5\x91\xa8", WEEK },			/* 周 */
	{ "\xe5\xa4\xa9", DAY },			/* 天 */
	{ "\xe5\xb0\x8f\xe6\x97\xb6", 3600 },		/* 小时 */
	{ "\xe5\xb0\x8f\xe6\x99\x82", 3600 },		/* 小時 */
	{ "\xe5\xb9\xb4", YEAR },			/* 年 */
	{ "\xe6\x97\xa5", DAY },			/* 日 */
	{ "\xe6\x98\x9f\xe6\x9c\x9f", WEEK },		/* 星期 */
	{ "\xe6\x99\x82\xe9\x96\x93", 3600 },		/* 時間 */
	{ "\xe7\xa7\x92", 1 },				/* 秒 */
	{ "\xe9\x80\xb1", WEEK },			/* 週 */
	{ "\xe9\x80\xb1\xe9\x96\x93", WEEK },		/* 週間 */
};

/* Counts written as words. Keep sorted (strcmp order). */
static const struct daterel_word daterel_counts[] = {
	{ "a", 1 }, { "an", 1 }, { "couple of", 2 }, { "eight", 8 },
	{ "five", 5 }, { "four", 4 }, { "nine", 9 }, { "one", 1 },
	{ "seven", 7 }, { "six", 6 }, { "ten", 10 }, { "three", 3 },
	{ "two", 2 },
};

/* Calendar words: days back from today. Keep sorted (strcmp order). */
static const struct daterel_word daterel_days[] = {
	{ "day before yesterday", 2 }, { "the day before yesterday", 2 },
	{ "today", 0 }, { "yesterday", 1 },
	{ "\xe4\xb8\x80\xe6\x98\xa8\xe6\x97\xa5", 2 },	/* 一昨日 */
	{ "\xe4\xbb\x8a\xe5\xa4\xa9", 0 },		/* 今天 */
	{ "\xe4\xbb\x8a\xe6\x97\xa5", 0 },		/* 今日 */
	{ "\xe5\x89\x8d\xe5\xa4\xa9", 2 },		/* 前天 */
	{ "\xe6\x98\xa8\xe5\xa4\xa9", 1 },		/* 昨天 */
	{ "\xe6\x98\xa8\xe6\x97\xa5", 1 },		/* 昨日 */
};

/* Whole phrases: seconds before now. Keep sorted (strcmp order). */
static const struct daterel_word daterel_phrases[] = {
	{ "a few seconds ago", 0 }, { "a moment ago", 0 },
	{ "few seconds ago", 0 }, { "just now", 0 }, { "last month", MONTH },
	{ "last week", WEEK }, { "last year", YEAR }, { "moments ago", 0 },
	{ "now", 0 }, { "right now", 0 },
	{ "\xe5\x88\x9a\xe5\x88\x9a", 0 },		/* 刚刚 */
	{ "\xe5\x88\x9a\xe6\x89\x8d", 0 },		/* 刚才 */
};

/* Words that label a date ("Posted", "Last updated"). Keep sorted. */
static const struct daterel_word daterel_labels[] = {
	{ "added", 0 }, { "created", 0 }, { "date", 0 }, { "edited", 0 },
	{ "last", 0 }, { "modified", 0 }, { "on", 0 }, { "posted", 0 },
	{ "published", 0 }, { "release", 0 }, { "released", 0 },
	{ "time", 0 }, { "updated", 0 },
};

#define DATEREL_N(t)	(sizeof(t) / sizeof((t)[0]))

/* bsearch comparator for the word tables */
static int
daterel_word_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct daterel_word *)elem)->s);
}

/* Look s[0..len) up in table t of n words; NULL when it is not there. */
static const struct daterel_word *
daterel_find(const struct daterel_word *t, size_t n, const char *s,
    size_t len)
{
	char key[DATEREL_MAX_WORD + 1];

	if (len == 0 || len > DATEREL_MAX_WORD)
		return NULL;
	memcpy(key, s, len);
	key[len] = '\0';
	return bsearch(key, t, n, sizeof(*t), daterel_word_cmp_cb);
}

/* Copy s into buf[DATEREL_MAX_LEN + 1] in ASCII lower case, each run of
 * white space one space, trimmed, a final '.' dropped; -1 when too long. */
static int
daterel_norm(const char *s, char *buf)
{
	size_t n = 0, k;
	int space = 0;

	while (*s != '\0') {
		if ((k = html_space_len(s)) > 0) {
			space = n > 0;
			s += k;
			continue;
		}
		if (n + space >= DATEREL_MAX_LEN)
			return -1;
		if (space)
			buf[n++] = ' ';
		space = 0;
		buf[n++] = *s >= 'A' && *s <= 'Z' ? *s | 0x20 : *s;
		s++;
	}
	if (n > 0 && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	return n > 0 ? 0 : -1;
}

/* Read a count at *p: digits or a word ("an"); advances *p. */
static int
daterel_count(const char **p, long *n)
{
	const struct daterel_word *w;
	const char *q = *p;
	size_t len;

	if (datetok_is_digit(*q)) {
		for (*n = 0; datetok_is_digit(*q); q++)
			if ((*n = *n * 10 + (*q - '0')) > DATEREL_MAX_N)
				return -1;
		*p = q;
		return 0;
	}
	len = strspn(q, "abcdefghijklmnopqrstuvwxyz");
	if (strncmp(q, "couple of", 9) == 0)
		len = 9;
	if ((w = daterel_find(daterel_counts, DATEREL_N(daterel_counts), q,
	    len)) == NULL)
		return -1;
	*n = w->v;
	*p = q + len;
	return 0;
}

/* Read a unit at *p (ASCII letters, or CJK up to 前, a space or a digit)
 * into *secs; *cjk set for a CJK one. Advances *p. */
static int
daterel_unit(const char **p, long *secs, int *cjk)
{
	const struct daterel_word *w;
	const char *q = *p;
	size_t len;

	*cjk = (unsigned char)*q >= 0x80;
	if (*cjk) {
		for (len = 0; q[len] != '\0' && q[len] != ' ' &&
		    !datetok_is_digit(q[len]) &&
		    strncmp(q + len, DATEREL_AGO_CJK, 3) != 0; len++)
			;
	} else
		len = strspn(q, "abcdefghijklmnopqrstuvwxyz");
	if ((w = daterel_find(daterel_units, DATEREL_N(daterel_units), q,
	    len)) == NULL)
		return -1;
	*secs = w->v;
	*p = q + len;
	return 0;
}

/* Whether the word w is at *p, whole; advances *p past it and a space. */
static int
daterel_skip(const char **p, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(*p, w, n) != 0 || ((*p)[n] >= 'a' && (*p)[n] <= 'z'))
		return 0;
	*p += n;
	if (**p == ' ')
		(*p)++;
	return 1;
}

/*
 * Counts of units before now, summed: "3 hours ago", "1h 5m", "2d ago",
 * "3小时前". Without "ago" (or 前) only glued English forms ("1h",
 * "2days") are read, so that "5 min" (read) or "3年" is not taken.
 */
static int
daterel_ago(const char *p, time_t now, time_t *out)
{
	long long secs = 0;
	long n, unit;
	int parts, spaced = 0, cjk, ago = 0;

	for (parts = 0; *p != '\0' && !ago; parts++) {
		if (parts == DATEREL_MAX_PARTS || daterel_count(&p, &n) == -1)
			return -1;
		if (*p == ' ') {
			spaced = 1;
			p++;
		}
		if (daterel_unit(&p, &unit, &cjk) == -1)
			return -1;
		spaced |= cjk;
		secs += (long long)n * unit;
		if (*p == ',')
			p++;
		if (*p == ' ')
			p++;
		(void)daterel_skip(&p, "and");
		ago = daterel_skip(&p, "ago") || daterel_skip(&p,
		    DATEREL_AGO_CJK);
	}
	if (*p != '\0' || parts == 0 || (spaced && !ago) ||
	    secs > DATEREL_MAX_SECS)
		return -1;
	*out = now - (time_t)secs;
	return 0;
}

/* Read the time of day at p ("14:30", "2:30 pm", "9am", "14:30:05") to
 * the end of the string into seconds after midnight. */
static int
daterel_clock(const char *p, long *secs)
{
	int v[3] = { 0, 0, 0 }, i, d;

	for (i = 0;; i++) {
		for (d = 0; datetok_is_digit(*p) && d < 3; p++, d++)
			v[i] = v[i] * 10 + (*p - '0');
		if (d == 0 || d > 2 || (i > 0 && d != 2))
			return -1;
		if (*p != ':' || i == 2)
			break;
		p++;
	}
	if (v[0] > 23 || v[1] > 59 || v[2] > 60)
		return -1;
	if (*p == ' ')
		p++;
	if (*p != '\0') {
		if (v[0] == 0 || v[0] > 12)
			return -1;
		if (daterel_skip(&p, "pm") || daterel_skip(&p, "p.m.") ||
		    daterel_skip(&p, "p.m"))
			v[0] = v[0] % 12 + 12;
		else if (daterel_skip(&p, "am") || daterel_skip(&p, "a.m.") ||
		    daterel_skip(&p, "a.m"))
			v[0] %= 12;
		else
			return -1;
		if (*p != '\0')
			return -1;
	}
	*secs = v[0] * 3600L + v[1] * 60L + v[2];
	return 0;
}

/* The local time secs after midnight, back days before today in zone tz
 * (at now), as UTC; a time in a DST gap or overlap as date_parse_tz
 * reads it. */
static int
daterel_day(time_t now, const char *tz, long back, long secs, time_t *out)
{
	char buf[64];
	struct tm tm;
	time_t local;
	long off;

	if (date_tz_offset(tz, now, &off) == -1)
		return -1;
	local = now + off - back * DAY;
	if (gmtime_r(&local, &tm) == NULL)
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02ld:%02ld:%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, secs / 3600,
	    secs / 60 % 60, secs % 60);
	return date_parse_tz(buf, tz, out);
}

/*
 * A calendar word with an optional time: "yesterday", "today 09:15",
 * "yesterday at 2:30 pm", "昨天 14:30". A day without a time is its
 * local midnight, as a date without a time is.
 */
static int
daterel_calendar(const char *p, time_t now, const char *tz, time_t *out)
{
	const struct daterel_word *w;
	const char *t;
	size_t len;
	long secs = 0;

	for (t = p; *t != '\0' && !datetok_is_digit(*t); t++)
		;
	len = (size_t)(t - p);
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == ',' ||
	    p[len - 1] == '@'))
		len--;
	if (len > 3 && *t != '\0' && strncmp(p + len - 3, " at", 3) == 0)
		len -= 3;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == ','))
		len--;
	if ((w = daterel_find(daterel_days, DATEREL_N(daterel_days), p,
	    len)) == NULL)
		return -1;
	if (*t != '\0' && daterel_clock(t, &secs) == -1)
		return -1;
	return daterel_day(now, tz, w->v, secs, out);
}

/* Read p as any of the relative forms. */
static int
daterel_read(const char *p, time_t now, const char *tz, time_t *out)
{
	const struct daterel_word *w;

	if ((w = daterel_find(daterel_phrases, DATEREL_N(daterel_phrases), p,
	    strlen(p))) != NULL) {
		*out = now - w->v;
		return 0;
	}
	if (daterel_ago(p, now, out) == 0)
		return 0;
	return daterel_calendar(p, now, tz, out);
}

/* p past a label ("posted", "updated:", "发布时间："), else NULL. */
static const char *
daterel_label(const char *p)
{
	const char *q;
	size_t len;

	for (q = p; *q != '\0' && (q - p) < DATEREL_MAX_WORD; q++) {
		if (*q == ':' && q > p)
			return q + 1 + (q[1] == ' ');
		/* FULLWIDTH COLON */
		if (strncmp(q, "\xef\xbc\x9a", 3) == 0 && q > p)
			return q + 3 + (q[3] == ' ');
		if (!datetok_is_letter(*q) && *q != ' ')
			break;
	}
	len = strspn(p, "abcdefghijklmnopqrstuvwxyz");
	if (daterel_find(daterel_labels, DATEREL_N(daterel_labels), p,
	    len) == NULL)
		return NULL;
	p += len;
	return *p == ' ' ? p + 1 : p;
}

int
daterel_parse(const char *s, time_t now, const char *tz, time_t *out)
{
	char buf[DATEREL_MAX_LEN + 1];
	const char *p;
	int i;

	if (s == NULL || daterel_norm(s, buf) == -1)
		return -1;
	p = buf;
	for (i = 0; i <= DATEREL_MAX_LABELS && p != NULL && *p != '\0';
	    i++) {
		if (daterel_read(p, now, tz, out) == 0)
			return 0;
		p = daterel_label(p);
	}
	return -1;
}
