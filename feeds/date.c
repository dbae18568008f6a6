/*
 * Dates found in feeds, to UTC seconds and back. Two parsers of our own,
 * neither touching the locale or the TZ environment: a strict one for
 * RFC 3339 / ISO 8601 / W3C-DTF (Atom, dc:date, JSON Feed), and a
 * table-driven tokenizer for everything else a feed reader meets: RFC 822,
 * 1123, 850 and 2822, asctime, the Perforce form, sloppy CMS output
 * ("Apr 15, 2024 7:48 PM") and the Greek, Hungarian and Korean forms
 * feedparser knows. Results run from 0001-01-01 to 9999-12-31 UTC, so a
 * date before 1970 gives a negative time.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feeds/date.h"

#define DATE_MAX_LEN	128	/* longer strings are not dates */
#define DATE_MAX_TOKENS	40	/* no date has more */
#define DATE_MAX_WORD	16	/* bytes in the longest known word */
#define DATE_MAX_NUM	9	/* digits; more never fit a field */
#define DATE_MIN_T	(-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX_T	253402300799LL		/* 9999-12-31T23:59:59Z */
#define DATE_KOREA_OFF	(9 * 3600)	/* Korean forms carry no zone */

enum date_wkind {
	DATE_W_AMPM,		/* value: hours to add for PM */
	DATE_W_KAMPM,		/* Korean AM/PM */
	DATE_W_KDAY,		/* Korean day suffix */
	DATE_W_KMON,		/* Korean month suffix */
	DATE_W_KYEAR,		/* Korean year suffix */
	DATE_W_MONTH,		/* value: 1..12 */
	DATE_W_SUFFIX,		/* 1st, 2nd, 3rd, 4th */
	DATE_W_WDAY,
	DATE_W_ZONE		/* value: minutes east of UTC */
};

struct date_word {
	const char	*name;	/* lower-case ASCII, other bytes as written */
	enum date_wkind	 kind;
	int		 value;
};

/*
 * Every word the tokenizer knows. Keep sorted (strcmp order: bytes as
 * unsigned char). Zones: RFC 822's (military letters with RFC 822's
 * signs, as feedparser), feedparser's extras, and common ones only where
 * the abbreviation means one zone in practice (no IST, no NST); CST is
 * RFC 822's US Central. Greek and Hungarian months as feedparser spells
 * them.
 */
static const struct date_word date_words[] = {
	{ "a", DATE_W_ZONE, -60 },
	{ "acdt", DATE_W_ZONE, 630 },
	{ "acst", DATE_W_ZONE, 570 },
	{ "adt", DATE_W_ZONE, -180 },
	{ "aedt", DATE_W_ZONE, 660 },
	{ "aest", DATE_W_ZONE, 600 },
	{ "akdt", DATE_W_ZONE, -480 },
	{ "akst", DATE_W_ZONE, -540 },
	{ "am", DATE_W_AMPM, 0 },
	{ "apr", DATE_W_MONTH, 4 },
	{ "april", DATE_W_MONTH, 4 },
	{ "ast", DATE_W_ZONE, -240 },
	{ "at", DATE_W_ZONE, -240 },
	{ "aug", DATE_W_MONTH, 8 },
	{ "august", DATE_W_MONTH, 8 },
	{ "augusztus", DATE_W_MONTH, 8 },
	{ "awst", DATE_W_ZONE, 480 },
	{ "b", DATE_W_ZONE, -120 },
	{ "bst", DATE_W_ZONE, 60 },
	{ "c", DATE_W_ZONE, -180 },
	{ "cdt", DATE_W_ZONE, -300 },
	{ "cest", DATE_W_ZONE, 120 },
	{ "cet", DATE_W_ZONE, 60 },
	{ "cst", DATE_W_ZONE, -360 },
	{ "ct", DATE_W_ZONE, -360 },
	{ "d", DATE_W_ZONE, -240 },
	{ "dec", DATE_W_MONTH, 12 },
	{ "december", DATE_W_MONTH, 12 },
	{ "e", DATE_W_ZONE, -300 },
	{ "edt", DATE_W_ZONE, -240 },
	{ "eest", DATE_W_ZONE, 180 },
	{ "eet", DATE_W_ZONE, 120 },
	{ "est", DATE_W_ZONE, -300 },
	{ "et", DATE_W_ZONE, -300 },
	{ "f", DATE_W_ZONE, -360 },
	{ "feb", DATE_W_MONTH, 2 },
	{ "february", DATE_W_MONTH, 2 },
	{ "febru\xc3\xa1r", DATE_W_MONTH, 2 },
	{ "febru\xc3\xa1ri", DATE_W_MONTH, 2 },
	{ "fri", DATE_W_WDAY, 0 },
	{ "friday", DATE_W_WDAY, 0 },
	{ "g", DATE_W_ZONE, -420 },
	{ "gmt", DATE_W_ZONE, 0 },
	{ "h", DATE_W_ZONE, -480 },
	{ "hkt", DATE_W_ZONE, 480 },
	{ "hst", DATE_W_ZONE, -600 },
	{ "i", DATE_W_ZONE, -540 },
	{ "jan", DATE_W_MONTH, 1 },
	{ "january", DATE_W_MONTH, 1 },
	{ "janu\xc3\xa1r", DATE_W_MONTH, 1 },
	{ "jst", DATE_W_ZONE, 540 },
	{ "jul", DATE_W_MONTH, 7 },
	{ "july", DATE_W_MONTH, 7 },
	{ "jun", DATE_W_MONTH, 6 },
	{ "june", DATE_W_MONTH, 6 },
	{ "j\xc3\xbalius", DATE_W_MONTH, 7 },
	{ "j\xc3\xbanius", DATE_W_MONTH, 6 },
	{ "k", DATE_W_ZONE, -600 },
	{ "kst", DATE_W_ZONE, 540 },
	{ "l", DATE_W_ZONE, -660 },
	{ "m", DATE_W_ZONE, -720 },
	{ "mar", DATE_W_MONTH, 3 },
	{ "march", DATE_W_MONTH, 3 },
	{ "may", DATE_W_MONTH, 5 },
	{ "mdt", DATE_W_ZONE, -360 },
	{ "mest", DATE_W_ZONE, 120 },
	{ "mesz", DATE_W_ZONE, 120 },
	{ "met", DATE_W_ZONE, 60 },
	{ "mez", DATE_W_ZONE, 60 },
	{ "mon", DATE_W_WDAY, 0 },
	{ "monday", DATE_W_WDAY, 0 },
	{ "msk", DATE_W_ZONE, 180 },
	{ "mst", DATE_W_ZONE, -420 },
	{ "mt", DATE_W_ZONE, -420 },
	{ "m\xc3\xa1jus", DATE_W_MONTH, 5 },
	{ "m\xc3\xa1rcius", DATE_W_MONTH, 3 },
	{ "m\xc3\xa1ujus", DATE_W_MONTH, 5 },
	{ "n", DATE_W_ZONE, 60 },
	{ "nd", DATE_W_SUFFIX, 0 },
	{ "nov", DATE_W_MONTH, 11 },
	{ "november", DATE_W_MONTH, 11 },
	{ "nzdt", DATE_W_ZONE, 780 },
	{ "nzst", DATE_W_ZONE, 720 },
	{ "o", DATE_W_ZONE, 120 },
	{ "oct", DATE_W_MONTH, 10 },
	{ "october", DATE_W_MONTH, 10 },
	{ "okt\xc3\xb3" "ber", DATE_W_MONTH, 10 },
	{ "p", DATE_W_ZONE, 180 },
	{ "pdt", DATE_W_ZONE, -420 },
	{ "pm", DATE_W_AMPM, 12 },
	{ "pst", DATE_W_ZONE, -480 },
	{ "pt", DATE_W_ZONE, -480 },
	{ "q", DATE_W_ZONE, 240 },
	{ "r", DATE_W_ZONE, 300 },
	{ "rd", DATE_W_SUFFIX, 0 },
	{ "s", DATE_W_ZONE, 360 },
	{ "sat", DATE_W_WDAY, 0 },
	{ "saturday", DATE_W_WDAY, 0 },
	{ "sep", DATE_W_MONTH, 9 },
	{ "sept", DATE_W_MONTH, 9 },
	{ "september", DATE_W_MONTH, 9 },
	{ "sgt", DATE_W_ZONE, 480 },
	{ "st", DATE_W_SUFFIX, 0 },
	{ "sun", DATE_W_WDAY, 0 },
	{ "sunday", DATE_W_WDAY, 0 },
	{ "szeptember", DATE_W_MONTH, 9 },
	{ "t", DATE_W_ZONE, 420 },
	{ "th", DATE_W_SUFFIX, 0 },
	{ "thu", DATE_W_WDAY, 0 },
	{ "thur", DATE_W_WDAY, 0 },
	{ "thurs", DATE_W_WDAY, 0 },
	{ "thursday", DATE_W_WDAY, 0 },
	{ "tue", DATE_W_WDAY, 0 },
	{ "tues", DATE_W_WDAY, 0 },
	{ "tuesday", DATE_W_WDAY, 0 },
	{ "u", DATE_W_ZONE, 480 },
	{ "ut", DATE_W_ZONE, 0 },
	{ "utc", DATE_W_ZONE, 0 },
	{ "v", DATE_W_ZONE, 540 },
	{ "w", DATE_W_ZONE, 600 },
	{ "wed", DATE_W_WDAY, 0 },
	{ "wednesday", DATE_W_WDAY, 0 },
	{ "west", DATE_W_ZONE, 60 },
	{ "wet", DATE_W_ZONE, 0 },
	{ "x", DATE_W_ZONE, 660 },
	{ "y", DATE_W_ZONE, 720 },
	{ "z", DATE_W_ZONE, 0 },
	{ "\xc3\xa1prilis", DATE_W_MONTH, 4 },
	{ "\xce\x91\xcf\x80\xcf\x81", DATE_W_MONTH, 4 },
	{ "\xce\x91\xcf\x85\xce\xb3", DATE_W_MONTH, 8 },
	{ "\xce\x91\xcf\x8d\xce\xb3", DATE_W_MONTH, 8 },
	{ "\xce\x94\xce\xb5\xce\xba", DATE_W_MONTH, 12 },
	{ "\xce\x94\xce\xb5\xcf\x85", DATE_W_WDAY, 0 },
	{ "\xce\x99\xce\xb1\xce\xbd", DATE_W_MONTH, 1 },
	{ "\xce\x99\xce\xbf\xce\xbb", DATE_W_MONTH, 7 },
	{ "\xce\x99\xce\xbf\xce\xbd", DATE_W_MONTH, 6 },
	{ "\xce\x99\xce\xbf\xcf\x8d\xce\xbb", DATE_W_MONTH, 7 },
	{ "\xce\x99\xce\xbf\xcf\x8d\xce\xbd", DATE_W_MONTH, 6 },
	{ "\xce\x9a\xcf\x85\xcf\x81", DATE_W_WDAY, 0 },
	{ "\xce\x9c\xce\xac\xce\xb9", DATE_W_MONTH, 5 },
	{ "\xce\x9c\xce\xac\xcf\x8e", DATE_W_MONTH, 3 },
	{ "\xce\x9c\xce\xb1\xce\xb9", DATE_W_MONTH, 5 },
	{ "\xce\x9c\xce\xb1\xcf\x8a", DATE_W_MONTH, 5 },
	{ "\xce\x9c\xce\xb1\xcf\x8e", DATE_W_MONTH, 3 },
	{ "\xce\x9d\xce\xbf\xce\xad", DATE_W_MONTH, 11 },
	{ "\xce\x9d\xce\xbf\xce\xb5", DATE_W_MONTH, 11 },
	{ "\xce\x9f\xce\xba\xcf\x84", DATE_W_MONTH, 10 },
	{ "\xce\xa0\xce\xb1\xcf\x81", DATE_W_WDAY, 0 },
	{ "\xce\xa0\xce\xb5\xce\xbc", DATE_W_WDAY, 0 },
	{ "\xce\xa3\xce\xb1\xce\xb2", DATE_W_WDAY, 0 },
	{ "\xce\xa3\xce\xb5\xcf\x80", DATE_W_MONTH, 9 },
	{ "\xce\xa4\xce\xb5\xcf\x84", DATE_W_WDAY, 0 },
	{ "\xce\xa4\xcf\x81\xce\xb9", DATE_W_WDAY, 0 },
	{ "\xce\xa6\xce\xb5\xce\xb2", DATE_W_MONTH, 2 },
	{ "\xeb\x85\x84", DATE_W_KYEAR, 0 },
	{ "\xec\x98\xa4\xec\xa0\x84", DATE_W_KAMPM, 0 },
	{ "\xec\x98\xa4\xed\x9b\x84", DATE_W_KAMPM, 12 },
	{ "\xec\x9b\x94", DATE_W_KMON, 0 },
	{ "\xec\x9d\xbc", DATE_W_KDAY, 0 },
};

static const char *const date_wday[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const date_month[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* The fields of a date as read, before they are checked. */
struct date_fields {
	int	 year;
	int	 ydigits;	/* 0: no year yet; <= 2: two-digit year */
	int	 mon;		/* 0: none yet */
	int	 mday;		/* 0: none yet */
	int	 hour, min, sec;
	int	 have_time;
	int	 ampm;		/* -1: none, 0: AM, 12: PM */
	int	 have_zone;
	long	 off;		/* seconds east of UTC */
	int	 korean;	/* Korean words seen: zone defaults to KST */
	int	 wday;		/* a weekday name was seen */
	int	 time_end;	/* token after the time, or -1 */
};

enum date_tkind {
	DATE_T_NUM,
	DATE_T_WORD,
	DATE_T_PUNCT
};

struct date_tok {
	const char	*s;	/* borrows: into the caller's buffer */
	int		 len;
	enum date_tkind	 kind;
	int		 sp;	/* white space or the start comes before */
	int		 val;	/* NUM of at most DATE_MAX_NUM digits */
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
date_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static int
date_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII letters and any byte of a UTF-8 sequence: no locale involved. */
static int
date_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (unsigned char)c >= 0x80;
}

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

static void
date_fields_init(struct date_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->ampm = -1;
	f->time_end = -1;
}

/* Check the fields as read and turn them into UTC seconds. */
static int
date_finish(struct date_fields *f, time_t *out)
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

/* bsearch comparator for date_words */
static int
date_word_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct date_word *)elem)->name);
}

/* The known word s[0..len), ASCII in any case; "Etc/" may prefix a zone. */
static const struct date_word *
date_word_find(const char *s, int len)
{
	const struct date_word *w;
	char key[DATE_MAX_WORD + 1];
	int i, etc;

	etc = len > 4 && (s[0] | 0x20) == 'e' && (s[1] | 0x20) == 't' &&
	    (s[2] | 0x20) == 'c' && s[3] == '/';
	if (etc) {
		s += 4;
		len -= 4;
	}
	if (len > DATE_MAX_WORD)
		return NULL;
	for (i = 0; i < len; i++)
		key[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
	key[len] = '\0';
	w = bsearch(key, date_words, sizeof(date_words) / sizeof(date_words[0]),
	    sizeof(date_words[0]), date_word_cmp_cb);
	if (w != NULL && etc && w->kind != DATE_W_ZONE)
		return NULL;
	return w;
}

/* Read exactly n digits at *p into *v, advancing *p. */
static int
date_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!date_is_digit((*p)[i]))
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
date_ordinal(struct date_fields *f, int d)
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
date_iso_yymm(const char *p, struct date_fields *f, enum date_iso_form *form)
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
date_iso_basic(const char *p, size_t n, struct date_fields *f,
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
date_iso_named(const char *p, struct date_fields *f, enum date_iso_form *form)
{
	const struct date_word *w;
	const char *q;

	for (q = p; date_is_letter(*q); q++)
		;
	if (*q != '-' || (w = date_word_find(p, (int)(q - p))) == NULL ||
	    w->kind != DATE_W_MONTH)
		return NULL;
	f->mon = w->value;
	p = q + 1;
	if (date_digits12(&p, &f->mday) == -1)
		return NULL;
	*form = DATE_ISO_NAMED;
	return p;
}

/* What follows "YYYY-" or "YY-": MM-DD, MM, 0MM-DD, DDD or a month name. */
static const char *
date_iso_md(const char *p, struct date_fields *f, enum date_iso_form *form)
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
date_iso_date(const char *p, struct date_fields *f, enum date_iso_form *form)
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
date_iso_zone(const char *p, struct date_fields *f)
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
	if (!date_is_digit(*p))
		return NULL;
	return p + strspn(p, "0123456789");
}

/* The time of day after the separator: hh:mm[:ss[.frac]] or hhmm[ss]. */
static int
date_iso_time(const char *p, struct date_fields *f, enum date_iso_form form)
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
	if ((!basic && *p == ':') || (basic && date_is_digit(*p))) {
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
	struct date_fields f;
	enum date_iso_form form;

	date_fields_init(&f);
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

/* Split s into tokens; -1 on a byte no date contains or too many tokens. */
static int
date_tokenize(const char *s, struct date_tok *tok, int max)
{
	const char *p = s, *q;
	int n = 0, sp = 1;

	while (*p != '\0') {
		if (date_is_space(*p) || *p == '(') {
			/* an RFC 822 comment, "(CST)", is white space */
			if (*p == '(' && (p = strchr(p, ')')) == NULL)
				return -1;
			sp = 1;
			p++;
			continue;
		}
		if (n == max)
			return -1;
		tok[n].s = p;
		tok[n].sp = sp;
		tok[n].val = -1;
		sp = 0;
		if (date_is_digit(*p)) {
			q = p + strspn(p, "0123456789");
			tok[n].kind = DATE_T_NUM;
			if (q - p <= DATE_MAX_NUM)
				tok[n].val = atoi(p);
		} else if (date_is_letter(*p)) {
			for (q = p; date_is_letter(*q) ||
			    (*q == '/' && date_is_letter(q[1])); q++)
				;
			tok[n].kind = DATE_T_WORD;
		} else if (strchr(":,-+/.", *p) != NULL) {
			q = p + 1;
			tok[n].kind = DATE_T_PUNCT;
		} else
			return -1;
		tok[n++].len = (int)(q - p);
		p = q;
	}
	return n;
}

/* Whether token i is the punctuation c with nothing before it. */
static int
date_glued(const struct date_tok *tok, int i, int n, char c)
{
	return i < n && tok[i].kind == DATE_T_PUNCT && *tok[i].s == c &&
	    !tok[i].sp;
}

/* Whether token i is a number with nothing before it, of len digits or any. */
static int
date_glued_num(const struct date_tok *tok, int i, int n, int len)
{
	return i < n && tok[i].kind == DATE_T_NUM && !tok[i].sp &&
	    tok[i].val >= 0 && (len == 0 || tok[i].len == len);
}

/* A numeric zone at token i (the sign): +hhmm, +hh:mm, +h; returns tokens. */
static int
date_loose_offset(const struct date_tok *tok, int i, int n, long *off)
{
	int sign, h, m = 0, used = 2;

	sign = *tok[i].s == '-' ? -1 : 1;
	if (!date_glued_num(tok, i + 1, n, 0))
		return -1;
	if (tok[i + 1].len == 4) {
		h = tok[i + 1].val / 100;
		m = tok[i + 1].val % 100;
	} else if (tok[i + 1].len <= 2) {
		h = tok[i + 1].val;
		if (date_glued(tok, i + 2, n, ':')) {
			if (!date_glued_num(tok, i + 3, n, 2))
				return -1;
			m = tok[i + 3].val;
			used = 4;
		}
	} else
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return used;
}

/* A sign starting a numeric zone, allowed once, after the time. */
static int
date_loose_zone(const struct date_tok *tok, int i, int n,
    struct date_fields *f)
{
	if (!f->have_time || f->have_zone || (!tok[i].sp && i != f->time_end))
		return -1;
	f->have_zone = 1;
	return date_loose_offset(tok, i, n, &f->off);
}

/* A zone name after the time; "GMT+8" and "UTC-05:00" carry an offset. */
static int
date_loose_zname(const struct date_tok *tok, int i, int n,
    struct date_fields *f, const struct date_word *w)
{
	int used;

	if (!f->have_time)	/* "April 15, 2024 at 7:48 PM" */
		return strcmp(w->name, "at") == 0 && i + 1 < n &&
		    tok[i + 1].kind == DATE_T_NUM ? 1 : -1;
	if (f->have_zone)
		return -1;
	f->have_zone = 1;
	f->off = w->value * 60L;
	if ((strcmp(w->name, "gmt") == 0 || strcmp(w->name, "ut") == 0 ||
	    strcmp(w->name, "utc") == 0) && (date_glued(tok, i + 1, n, '+') ||
	    date_glued(tok, i + 1, n, '-'))) {
		if ((used = date_loose_offset(tok, i + 1, n, &f->off)) == -1)
			return -1;
		return used + 1;
	}
	return 1;
}

/* A word: month, weekday, zone, AM/PM or "at"; returns tokens used. */
static int
date_loose_word(const struct date_tok *tok, int i, int n,
    struct date_fields *f)
{
	const struct date_word *w;

	if ((w = date_word_find(tok[i].s, tok[i].len)) == NULL)
		return -1;
	/* after a number only "PM" (7:48PM); "15T11" is not a date here */
	if (!tok[i].sp && i > 0 && tok[i - 1].kind == DATE_T_NUM &&
	    w->kind != DATE_W_AMPM)
		return -1;
	switch (w->kind) {
	case DATE_W_MONTH:
		if (f->mon != 0)
			return -1;
		f->mon = w->value;
		break;
	case DATE_W_WDAY:
		if (f->wday)
			return -1;
		f->wday = 1;
		break;
	case DATE_W_AMPM:
	case DATE_W_KAMPM:
		if (f->ampm != -1 || (w->kind == DATE_W_AMPM && !f->have_time))
			return -1;
		f->korean |= w->kind == DATE_W_KAMPM;
		f->ampm = w->value;
		return 1;
	case DATE_W_ZONE:
		return date_loose_zname(tok, i, n, f, w);
	default:
		return -1;
	}
	return date_glued(tok, i + 1, n, '.') ? 2 : 1;	/* "Apr." */
}

/* hh:mm[:ss[.frac]] at token i; a further ":" makes it no time at all. */
static int
date_loose_time(const struct date_tok *tok, int i, int n,
    struct date_fields *f)
{
	int j = i + 2;

	if (f->have_time || tok[i].len > 2 || !date_glued_num(tok, j, n, 2))
		return -1;
	f->hour = tok[i].val;
	f->min = tok[j].val;
	f->have_time = 1;
	j++;
	if (date_glued(tok, j, n, ':')) {
		if (!date_glued_num(tok, j + 1, n, 2))
			return -1;
		f->sec = tok[j + 1].val;
		j += 2;
		if ((date_glued(tok, j, n, '.') ||
		    date_glued(tok, j, n, ',')) && j + 1 < n &&
		    tok[j + 1].kind == DATE_T_NUM && !tok[j + 1].sp)
			j += 2;		/* fraction of a second */
	}
	if (date_glued(tok, j, n, ':'))
		return -1;
	f->time_end = j;
	return j - i;
}

/*
 * A numeric date at token i: YYYY/MM/DD, YYYY-MM-DD or RFC 850's
 * DD-Mon-YY. Day-first and month-first numeric dates are ambiguous and
 * refused.
 */
static int
date_loose_ymd(const struct date_tok *tok, int i, int n,
    struct date_fields *f)
{
	const struct date_tok *a = &tok[i], *b = &tok[i + 2], *c;
	const struct date_word *w;
	char sep = *tok[i + 1].s;

	if (i + 4 >= n || b->sp || !date_glued(tok, i + 3, n, sep) ||
	    !date_glued_num(tok, i + 4, n, 0) || f->ydigits != 0 ||
	    f->mon != 0 || f->mday != 0)
		return -1;
	c = &tok[i + 4];
	if (a->len == 4 && b->kind == DATE_T_NUM && b->len <= 2 &&
	    c->len <= 2) {
		f->year = a->val;
		f->ydigits = 4;
		f->mon = b->val;
		f->mday = c->val;
	} else if (sep == '-' && a->len <= 2 && b->kind == DATE_T_WORD &&
	    (w = date_word_find(b->s, b->len)) != NULL &&
	    w->kind == DATE_W_MONTH && (c->len == 2 || c->len == 4)) {
		f->mday = a->val;
		f->mon = w->value;
		f->year = c->val;
		f->ydigits = c->len;
	} else
		return -1;
	return f->mon != 0 && f->mday != 0 ? 5 : -1;
}

/* A number with a word glued after it: 15th, or Korean year/month/day. */
static int
date_loose_suffix(const struct date_tok *tok, int i, struct date_fields *f)
{
	const struct date_word *w;
	int v = tok[i].val, len = tok[i].len;
	int *field;

	if ((w = date_word_find(tok[i + 1].s, tok[i + 1].len)) == NULL)
		return -1;
	switch (w->kind) {
	case DATE_W_SUFFIX:
	case DATE_W_KDAY:
		field = &f->mday;
		break;
	case DATE_W_KMON:
		field = &f->mon;
		break;
	case DATE_W_KYEAR:
		if (f->ydigits != 0 || len != 4)
			return -1;
		f->year = v;
		f->ydigits = 4;
		f->korean = 1;
		return 2;
	default:
		return -1;
	}
	if (*field != 0 || len > 2 || v == 0)
		return -1;
	*field = v;
	f->korean |= w->kind != DATE_W_SUFFIX;
	return 2;
}

/* A lone number: a four-digit year, else the day, else a two-digit year. */
static int
date_loose_lone(const struct date_tok *t, struct date_fields *f)
{
	if (t->len == 4 && f->ydigits == 0) {
		f->year = t->val;
		f->ydigits = 4;
	} else if (t->len > 2)
		return -1;
	else if (f->mday == 0 && t->val > 0)
		f->mday = t->val;
	else if (f->ydigits == 0 && f->mon != 0 && f->mday != 0) {
		f->year = t->val;
		f->ydigits = 2;
	} else
		return -1;
	return 1;
}

/* A number: a time, a numeric date, a suffixed field or a lone day or year. */
static int
date_loose_num(const struct date_tok *tok, int i, int n,
    struct date_fields *f)
{
	if (tok[i].val < 0 ||
	    (!tok[i].sp && i > 0 && tok[i - 1].kind == DATE_T_WORD))
		return -1;
	if (date_glued(tok, i + 1, n, ':'))
		return date_loose_time(tok, i, n, f);
	if (date_glued(tok, i + 1, n, '/') || date_glued(tok, i + 1, n, '-'))
		return date_loose_ymd(tok, i, n, f);
	if (i + 1 < n && tok[i + 1].kind == DATE_T_WORD && !tok[i + 1].sp)
		return date_loose_suffix(tok, i, f);
	return date_loose_lone(&tok[i], f);
}

/* Everything that is not ISO 8601: each token fills one field, once. */
static int
date_parse_loose(const char *s, time_t *out)
{
	struct date_tok tok[DATE_MAX_TOKENS];
	struct date_fields f;
	int i, n, used;

	if ((n = date_tokenize(s, tok, DATE_MAX_TOKENS)) <= 0)
		return -1;
	date_fields_init(&f);
	for (i = 0; i < n; i += used) {
		if (tok[i].kind == DATE_T_NUM)
			used = date_loose_num(tok, i, n, &f);
		else if (tok[i].kind == DATE_T_WORD)
			used = date_loose_word(tok, i, n, &f);
		else if (*tok[i].s == ',')
			used = 1;
		else if (*tok[i].s == '+' || *tok[i].s == '-')
			used = date_loose_zone(tok, i, n, &f);
		else
			used = -1;
		if (used <= 0)
			return -1;
	}
	return date_finish(&f, out);
}

int
date_parse(const char *s, time_t *out)
{
	char buf[DATE_MAX_LEN + 1];
	size_t n;
	time_t t;

	if (s == NULL)
		return -1;
	while (date_is_space(*s))
		s++;
	/* never look further than a date could reach */
	if ((n = strnlen(s, 2 * DATE_MAX_LEN)) == 2 * DATE_MAX_LEN)
		return -1;
	while (n > 0 && date_is_space(s[n - 1]))
		n--;
	if (n == 0 || n > DATE_MAX_LEN)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (date_is_digit(buf[0]) || (buf[0] == '-' && date_is_digit(buf[1]))) {
		if (date_parse_iso(buf, &t) == 0) {
			*out = t;
			return 0;
		}
		/* a broken ISO 8601 date is not read any other way */
		if (strspn(buf, DATE_ISO_CHARS) == n)
			return -1;
	}
	if (date_parse_loose(buf, &t) == -1)
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
