/*
 * Dates found in feeds, to UTC seconds and back. Two parsers of our own,
 * neither touching the locale or the TZ environment: a strict one for
 * RFC 3339 / ISO 8601 / W3C-DTF (Atom, dc:date, JSON Feed), here, and a
 * table-driven tokenizer (datetok) for everything else: RFC 822,
 * 1123, 850 and 2822, asctime, the Perforce form, sloppy CMS output
 * ("Apr 15, 2024 7:48 PM") and the Greek, Hungarian and Korean forms
 * feedparser knows. Results run from 0001-01-01 to 9999-12-31 UTC, so a
 * date before 1970 gives a negative time.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feeds/date.h"
#include "feeds/datetok.h"

#define DATE_MAX_LEN	128	/* longer strings are not dates */
#define DATE_MIN_T	(-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX_T	253402300799LL		/* 9999-12-31T23:59:59Z */
#define DATE_KOREA_OFF	(9 * 3600)	/* Korean forms carry no zone */

static const char *const date_wday[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const date_month[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* ISO 8601 date forms, by what may follow them. */
enum date_iso_form {
	DATE_ISO_REDUCED,	/* year or year-month: nothing may follow */
	DATE_ISO_EXT,		/* YYYY-MM-DD and the like */
	DATE_ISO_BASIC,		/* YYYYMMDD: hhmmss allowed too */
	DATE_ISO_NAMED		/* Hungarian YYYY-<month>-D: lax hours */
};

#define DATE_ISO_CHARS	"0123456789TtZz+-:.,"

static int
date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
date_mdays(int y, int m)
{
	static const int days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && date_leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d, proleptic Gregorian (H. Hinnant's). */
static long long
date_days(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Two-digit years as feedparser reads RFC 822: 90-99 the 1990s, else 20xx. */
static int
date_year2(int y)
{
	return y + (y < 90 ? 2000 : 1900);
}

/* Check the fields as read and turn them into UTC seconds. */
static int
date_finish(struct datetok_fields *f, time_t *out)
{
	long long t;

	if (f->ydigits == 0 || f->mon == 0 || f->mday == 0)
		return -1;
	if (f->ydigits <= 2)
		f->year = date_year2(f->year);
	if (f->ampm != -1) {
		if (!f->have_time || f->hour == 0)
			return -1;
		if (f->hour == 12)
			f->hour = f->ampm;	/* 12:05 AM is 00:05 */
		else if (f->hour < 12)
			f->hour += f->ampm;
		else if (f->ampm == 0)
			return -1;		/* 19:48 AM */
		/* else 19:48 PM: a 24-hour clock and a redundant PM */
	}
	if (f->korean && !f->have_zone)
		f->off = DATE_KOREA_OFF;
	if (f->year < 1 || f->year > 9999 || f->mon < 1 || f->mon > 12 ||
	    f->mday < 1 || f->mday > date_mdays(f->year, f->mon) ||
	    f->hour > 23 || f->min > 59 || f->sec > 60)
		return -1;
	t = date_days(f->year, f->mon, f->mday) * 86400 + f->hour * 3600LL +
	    f->min * 60LL + f->sec - f->off;
	if (t < DATE_MIN_T || t > DATE_MAX_T)
		return -1;
	*out = (time_t)t;
	return 0;
}

/* Read exactly n digits at *p into *v, advancing *p. */
static int
date_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!datetok_is_digit((*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* Read one or two digits, as the sloppy forms write hours and days. */
static int
date_digits12(const char **p, int *v)
{
	size_t n = strspn(*p, "0123456789");

	if (n < 1 || n > 2)
		return -1;
	return date_digits(p, (int)n, v);
}

/* Turn day-of-year d of f->year into month and day. */
static int
date_ordinal(struct datetok_fields *f, int d)
{
	int m;

	if (f->ydigits <= 2) {
		f->year = date_year2(f->year);
		f->ydigits = 4;
	}
	if (f->year < 1)
		return -1;
	for (m = 1; m <= 12 && d > date_mdays(f->year, m); m++)
		d -= date_mdays(f->year, m);
	if (m > 12 || d < 1)
		return -1;
	f->mon = m;
	f->mday = d;
	return 0;
}

/* "-YYMM" and "-YY-MM": the year and month of ISO 8601's truncated forms. */
static const char *
date_iso_yymm(const char *p, struct datetok_fields *f, enum date_iso_form *form)
{
	f->ydigits = 2;
	if (date_digits(&p, 2, &f->year) == -1)
		return NULL;
	if (*p == '-')
		p++;
	if (date_digits(&p, 2, &f->mon) == -1 || *p != '\0')
		return NULL;
	f->mday = 1;
	*form = DATE_ISO_REDUCED;
	return p;
}

/* The basic forms YYYYMMDD, YYYYDDD and YYMMDD, told apart by length. */
static const char *
date_iso_basic(const char *p, size_t n, struct datetok_fields *f,
    enum date_iso_form *form)
{
	int d;

	*form = DATE_ISO_BASIC;
	f->ydigits = n == 6 ? 2 : 4;
	if (date_digits(&p, f->ydigits, &f->year) == -1)
		return NULL;
	if (n == 7) {
		if (date_digits(&p, 3, &d) == -1 || date_ordinal(f, d) == -1)
			return NULL;
		return p;
	}
	if (date_digits(&p, 2, &f->mon) == -1 ||
	    date_digits(&p, 2, &f->mday) == -1)
		return NULL;
	return p;
}

/* A month name between hyphens, as in Hungarian dates. */
static const char *
date_iso_named(const char *p, struct datetok_fields *f,
    enum date_iso_form *form)
{
	const char *q;

	for (q = p; datetok_is_letter(*q); q++)
		;
	if (*q != '-' || (f->mon = datetok_month(p, q - p)) == 0)
		return NULL;
	p = q + 1;
	if (date_digits12(&p, &f->mday) == -1)
		return NULL;
	*form = DATE_ISO_NAMED;
	return p;
}

/* What follows "YYYY-" or "YY-": MM-DD, MM, 0MM-DD, DDD or a month name. */
static const char *
date_iso_md(const char *p, struct datetok_fields *f, enum date_iso_form *form)
{
	size_t n = strspn(p, "0123456789");
	int d;

	if (n == 0)
		return date_iso_named(p, f, form);
	if (n == 3 && p[3] != '-') {
		if (date_digits(&p, 3, &d) == -1 || date_ordinal(f, d) == -1)
			return NULL;
		return p;
	}
	if (n == 3 && *p == '0')	/* Google's "2003-012-31" */
		p++;
	else if (n != 2)
		return NULL;
	if (date_digits(&p, 2, &f->mon) == -1)
		return NULL;
	if (*p == '\0' && f->ydigits == 4) {
		f->mday = 1;
		*form = DATE_ISO_REDUCED;
		return p;
	}
	if (*p != '-')
		return NULL;
	p++;
	if (date_digits(&p, 2, &f->mday) == -1)
		return NULL;
	return p;
}

/* The date part of an ISO 8601 string; returns its end, or NULL. */
static const char *
date_iso_date(const char *p, struct datetok_fields *f, enum date_iso_form *form)
{
	size_t n = strspn(p, "0123456789");

	*form = DATE_ISO_EXT;
	if (n == 0 && *p == '-')
		return date_iso_yymm(p + 1, f, form);
	if (n == 6 || n == 7 || n == 8)
		return date_iso_basic(p, n, f, form);
	if (n == 2 && p[2] == '-') {
		f->ydigits = 2;
		if (date_digits(&p, 2, &f->year) == -1)
			return NULL;
		return date_iso_md(p + 1, f, form);
	}
	if (n != 4)
		return NULL;
	f->ydigits = 4;
	if (date_digits(&p, 4, &f->year) == -1)
		return NULL;
	if (*p == '\0') {
		f->mon = f->mday = 1;
		*form = DATE_ISO_REDUCED;
		return p;
	}
	if (*p != '-')
		return NULL;
	return date_iso_md(p + 1, f, form);
}

/* The zone of an ISO 8601 time; MSSQL puts a space before a numeric one. */
static int
date_iso_zone(const char *p, struct datetok_fields *f)
{
	int h, m = 0, sign;

	if (*p == '\0')
		return 0;
	f->have_zone = 1;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return 0;
	if (*p == ' ' && (p[1] == '+' || p[1] == '-'))
		p++;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (date_digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (date_digits(&p, 2, &m) == -1)
			return -1;
	} else if (*p != '\0' && date_digits(&p, 2, &m) == -1)
		return -1;
	if (*p != '\0' || h > 23 || m > 59)
		return -1;
	f->off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* Skip a decimal fraction of a second, which must have a digit. */
static const char *
date_iso_frac(const char *p)
{
	if (*p != '.' && *p != ',')
		return p;
	p++;
	if (!datetok_is_digit(*p))
		return NULL;
	return p + strspn(p, "0123456789");
}

/* The time of day after the separator: hh:mm[:ss[.frac]] or hhmm[ss]. */
static int
date_iso_time(const char *p, struct datetok_fields *f, enum date_iso_form form)
{
	int basic;

	if ((form == DATE_ISO_NAMED ? date_digits12(&p, &f->hour) :
	    date_digits(&p, 2, &f->hour)) == -1)
		return -1;
	f->have_time = 1;
	basic = *p != ':';
	if (basic && form != DATE_ISO_BASIC)
		return -1;
	if (!basic)
		p++;
	if (date_digits(&p, 2, &f->min) == -1)
		return -1;
	if ((!basic && *p == ':') || (basic && datetok_is_digit(*p))) {
		if (!basic)
			p++;
		if (date_digits(&p, 2, &f->sec) == -1 ||
		    (p = date_iso_frac(p)) == NULL)
			return -1;
	}
	return date_iso_zone(p, f);
}

/* RFC 3339 and its ISO 8601 relatives; no zone means UTC. */
static int
date_parse_iso(const char *p, time_t *out)
{
	struct datetok_fields f;
	enum date_iso_form form;

	datetok_fields_init(&f);
	if ((p = date_iso_date(p, &f, &form)) == NULL)
		return -1;
	if (*p != '\0') {
		if (form == DATE_ISO_REDUCED ||
		    (*p != 'T' && *p != 't' && *p != ' '))
			return -1;
		if (date_iso_time(p + 1, &f, form) == -1)
			return -1;
	}
	return date_finish(&f, out);
}

int
date_parse(const char *s, time_t *out)
{
	struct datetok_fields f;
	char buf[DATE_MAX_LEN + 1];
	size_t n;
	time_t t;

	if (s == NULL)
		return -1;
	while (datetok_is_space(*s))
		s++;
	/* never look further than a date could reach */
	if ((n = strnlen(s, 2 * DATE_MAX_LEN)) == 2 * DATE_MAX_LEN)
		return -1;
	while (n > 0 && datetok_is_space(s[n - 1]))
		n--;
	if (n == 0 || n > DATE_MAX_LEN)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (datetok_is_digit(buf[0]) ||
	    (buf[0] == '-' && datetok_is_digit(buf[1]))) {
		if (date_parse_iso(buf, &t) == 0) {
			*out = t;
			return 0;
		}
		/* a broken ISO 8601 date is not read any other way */
		if (strspn(buf, DATE_ISO_CHARS) == n)
			return -1;
	}
	if (datetok_parse(buf, &f) == -1 || date_finish(&f, &t) == -1)
		return -1;
	*out = t;
	return 0;
}

/* Broken-down UTC time of t, or the epoch if t cannot be represented. */
static void
date_gmtime(time_t t, struct tm *tm)
{
	if (gmtime_r(&t, tm) == NULL || tm->tm_year + 1900 > 9999 ||
	    tm->tm_year + 1900 < 1) {
		t = 0;
		gmtime_r(&t, tm);
	}
}

/* Write v (0 <= v < 10^n) as n digits at p; returns the end. */
static char *
date_put(char *p, int v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = '0' + v % 10;
		v /= 10;
	}
	return p + n;
}

/* Copy the 3-letter name s to p; returns the end. */
static char *
date_put_name(char *p, const char *s)
{
	memcpy(p, s, 3);
	return p + 3;
}

void
date_rfc3339(time_t t, char buf[DATE_RFC3339_LEN])
{
	struct tm tm;
	char *p = buf;

	date_gmtime(t, &tm);
	p = date_put(p, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = date_put(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = date_put(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = date_put(p, tm.tm_hour, 2);
	*p++ = ':';
	p = date_put(p, tm.tm_min, 2);
	*p++ = ':';
	p = date_put(p, tm.tm_sec, 2);
	*p++ = 'Z';
	*p = '\0';
}

void
date_http(time_t t, char buf[DATE_HTTP_LEN])
{
	struct tm tm;
	char *p = buf;

	date_gmtime(t, &tm);
	p = date_put_name(p, date_wday[tm.tm_wday]);
	*p++ = ',';
	*p++ = ' ';
	p = date_put(p, tm.tm_mday, 2);
	*p++ = ' ';
	p = date_put_name(p, date_month[tm.tm_mon]);
	*p++ = ' ';
	p = date_put(p, tm.tm_year + 1900, 4);
	*p++ = ' ';
	p = date_put(p, tm.tm_hour, 2);
	*p++ = ':';
	p = date_put(p, tm.tm_min, 2);
	*p++ = ':';
	p = date_put(p, tm.tm_sec, 2);
	memcpy(p, " GMT", 5);
}
