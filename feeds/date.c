/*
 * Dates found in feeds, to UTC seconds and back. Two parsers of our own,
 * neither touching the locale or the TZ environment: a strict one for
 * RFC 3339 / ISO 8601 / W3C-DTF (Atom, dc:date, JSON Feed), here, and a
 * table-driven tokenizer (datetok) for everything else: RFC 822,
 * 1123, 850 and 2822, asctime, the Perforce form, sloppy CMS output
 * ("Apr 15, 2024 7:48 PM") and the Greek, Hungarian and Korean forms
 * feedparser knows, CJK 年月日, and the labels scraped pages print
 * first. Zone-less dates can be read in an IANA zone from the system's
 * TZif files, parsed here by hand (no TZ, no tzset), and a source's own
 * strptime-style format is read by datetok_fmt. Results run from
 * 0001-01-01 to 9999-12-31 UTC, so a date before 1970 gives a negative
 * time.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feeds/date.h"
#include "feeds/datetok.h"

#define DATE_MAX_LEN	128	/* longer strings are not dates */
#define DATE_MIN_T	(-62135596800LL)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX_T	253402300799LL		/* 9999-12-31T23:59:59Z */
#define DATE_KOREA_OFF	(9 * 3600)	/* Korean forms carry no zone */
#define DATE_MAX_OFF	(26 * 3600)	/* beyond any zone's offset */

#define DATE_ZONEINFO		"/usr/share/zoneinfo/"
#define DATE_ZONE_MAX_NAME	64	/* bytes of a zone name */
#define DATE_ZONE_MAX_FILE	(256 * 1024)	/* the largest is ~4 KiB */
#define DATE_TZIF_HDR		44	/* bytes of a TZif header */
#define DATE_TZS_MAX		64	/* bytes of a footer TZ string */

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

static int	date_ordinal(struct datetok_fields *, int);

/* Two-digit years as feedparser reads RFC 822: 90-99 the 1990s, else 20xx. */
static int
date_year2(int y)
{
	return y + (y < 90 ? 2000 : 1900);
}

/*
 * Zones: the system's compiled tz database (TZif, RFC 8536) read by hand,
 * one file per call, so that no global state (TZ, tzset) is touched and
 * the result does not depend on the process's zone. Only version 2+
 * 64-bit data and the POSIX TZ string of the footer are used; leap second
 * records are ignored (the "right/" zones count them, the others do not).
 */

/* A POSIX TZ rule date: Jn, n or Mm.w.d, and the local time of day. */
struct date_rday {
	char	 kind;		/* 'J', 'N' (zero-based day) or 'M' */
	int	 n, m, w, d;
	long	 time;		/* seconds after local midnight */
};

/* The footer's rule for times after the last transition. */
struct date_rule {
	int		 have;		/* a footer TZ string was read */
	int		 has_dst;
	long		 std_off;	/* seconds east of UTC */
	long		 dst_off;
	struct date_rday start, end;
};

struct date_zone {
	unsigned char		*buf;	/* owns: the file */
	const unsigned char	*times;	/* borrows: timecnt 64-bit times */
	const unsigned char	*idx;	/* borrows: timecnt type indices */
	const unsigned char	*types;	/* borrows: typecnt 6-byte records */
	unsigned long		 timecnt, typecnt;
	struct date_rule	 rule;
};

static unsigned long
date_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static long long
date_be64(const unsigned char *p)
{
	unsigned long long v;

	v = (unsigned long long)date_be32(p) << 32 | date_be32(p + 4);
	return (long long)v;
}

/* The UTC offset of local time type i. */
static long
date_zone_type(const struct date_zone *z, unsigned long i)
{
	return (long)(int32_t)date_be32(z->types + 6 * i);
}

/* Whether name is a plausible zone name that stays under the zoneinfo
 * directory: letters, digits and "/_-+", no "..", no leading "/". */
static int
date_zone_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > DATE_ZONE_MAX_NAME || name[0] == '/' ||
	    name[n - 1] == '/' || strstr(name, "..") != NULL ||
	    strstr(name, "//") != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z') ||
		    datetok_is_digit(name[i]) || strchr("/_-+", name[i])))
			return 0;
	return 1;
}

/* Read the zone file for name into a new buffer *buf of *len bytes. */
static int
date_zone_read(const char *name, unsigned char **buf, size_t *len)
{
	char path[sizeof(DATE_ZONEINFO) + DATE_ZONE_MAX_NAME];
	struct stat st;
	ssize_t r;
	size_t got = 0;
	int fd;

	snprintf(path, sizeof(path), "%s%s", DATE_ZONEINFO, name);
	/* O_NONBLOCK: a FIFO planted there must not hang the loop */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size < DATE_TZIF_HDR || st.st_size > DATE_ZONE_MAX_FILE ||
	    (*buf = malloc((size_t)st.st_size)) == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size) {
		r = read(fd, *buf + got, (size_t)st.st_size - got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(*buf);
		return -1;
	}
	*len = got;
	return 0;
}

/* The length of the data block after a TZif header, times of tsize
 * bytes; 0 when the counts do not fit in len. */
static size_t
date_tzif_block(const unsigned char *h, size_t len, size_t tsize)
{
	unsigned long isut = date_be32(h + 20), isstd = date_be32(h + 24),
	    leap = date_be32(h + 28), timecnt = date_be32(h + 32),
	    typecnt = date_be32(h + 36), chars = date_be32(h + 40);

	if (memcmp(h, "TZif", 4) != 0 || isut > len || isstd > len ||
	    leap > len || timecnt > len || typecnt > len || chars > len ||
	    typecnt == 0)
		return 0;
	return timecnt * (tsize + 1) + typecnt * 6 + chars +
	    leap * (tsize + 4) + isstd + isut;
}

/* Read up to maxd digits at p into *v; returns the end, or NULL. */
static const char *
date_tzs_num(const char *p, int maxd, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < maxd && datetok_is_digit(p[i]); i++)
		*v = *v * 10 + (p[i] - '0');
	return i > 0 ? p + i : NULL;
}

/* A zone abbreviation of a TZ string: letters, or "<+08>". */
static const char *
date_tzs_name(const char *p)
{
	const char *q;

	if (*p == '<')
		return (q = strchr(p, '>')) != NULL && q > p + 1 ? q + 1 :
		    NULL;
	for (q = p; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'); q++)
		;
	return q > p ? q : NULL;
}

/* [+-]h[h[h]][:mm[:ss]], hours up to maxh, into *v seconds. */
static const char *
date_tzs_time(const char *p, int maxh, long *v)
{
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if ((p = date_tzs_num(p, 3, &h)) == NULL || h > maxh)
		return NULL;
	if (*p == ':' && ((p = date_tzs_num(p + 1, 2, &m)) == NULL || m > 59))
		return NULL;
	if (*p == ':' && ((p = date_tzs_num(p + 1, 2, &s)) == NULL || s > 59))
		return NULL;
	*v = sign * (h * 3600L + m * 60L + s);
	return p;
}

/* A rule date: Jn, n or Mm.w.d, then an optional /time (default 2:00). */
static const char *
date_tzs_rday(const char *p, struct date_rday *r)
{
	memset(r, 0, sizeof(*r));
	r->time = 7200;
	r->kind = *p == 'J' || *p == 'M' ? *p++ : 'N';
	if (r->kind == 'M') {
		if ((p = date_tzs_num(p, 2, &r->m)) == NULL || *p != '.' ||
		    (p = date_tzs_num(p + 1, 1, &r->w)) == NULL || *p != '.' ||
		    (p = date_tzs_num(p + 1, 1, &r->d)) == NULL ||
		    r->m < 1 || r->m > 12 || r->w < 1 || r->w > 5 || r->d > 6)
			return NULL;
	} else if ((p = date_tzs_num(p, 3, &r->n)) == NULL || r->n > 365 ||
	    (r->kind == 'J' && r->n < 1))
		return NULL;
	if (*p == '/')
		p = date_tzs_time(p + 1, 167, &r->time);
	return p;
}

/* The footer's POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"). */
static int
date_tzs_parse(const char *p, struct date_rule *r)
{
	long v;

	memset(r, 0, sizeof(*r));
	if ((p = date_tzs_name(p)) == NULL ||
	    (p = date_tzs_time(p, 24, &v)) == NULL)
		return -1;
	r->std_off = -v;
	r->have = 1;
	if (*p == '\0')
		return 0;
	if ((p = date_tzs_name(p)) == NULL)
		return -1;
	r->has_dst = 1;
	r->dst_off = r->std_off + 3600;
	if (*p != ',' && *p != '\0') {
		if ((p = date_tzs_time(p, 24, &v)) == NULL)
			return -1;
		r->dst_off = -v;
	}
	if (*p == '\0')		/* POSIX leaves it open: the US rule */
		p = ",M3.2.0,M11.1.0";
	if (*p != ',' || (p = date_tzs_rday(p + 1, &r->start)) == NULL ||
	    *p != ',' || (p = date_tzs_rday(p + 1, &r->end)) == NULL)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* The year of day z (days since 1970-01-01), H. Hinnant's inverse. */
static long long
date_year_of(long long z)
{
	long long era, doe, yoe, doy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	return yoe + era * 400 + ((5 * doy + 2) / 153 >= 10);
}

/* The day (since 1970-01-01) a rule date falls on in year y. */
static long long
date_rday_days(const struct date_rday *r, int y)
{
	long long d1;
	int wd, day;

	if (r->kind == 'J')
		return date_days(y, 1, 1) + r->n - 1 +
		    (date_leap(y) && r->n >= 60);
	if (r->kind == 'N')
		return date_days(y, 1, 1) + r->n;
	d1 = date_days(y, r->m, 1);
	wd = (int)((d1 % 7 + 7 + 4) % 7);	/* 1970-01-01 was a Thursday */
	day = 1 + (r->d - wd + 7) % 7 + (r->w - 1) * 7;
	while (day > date_mdays(y, r->m))
		day -= 7;
	return d1 + day - 1;
}

/* The offset the footer's rule gives at UTC second u. */
static long
date_rule_off(const struct date_rule *r, long long u)
{
	long long y, d, s, e;

	if (!r->has_dst)
		return r->std_off;
	d = u + r->std_off;
	d = (d >= 0 ? d : d - 86399) / 86400;
	if ((y = date_year_of(d)) < 1 || y > 9999)
		return r->std_off;
	s = date_rday_days(&r->start, (int)y) * 86400 + r->start.time -
	    r->std_off;
	e = date_rday_days(&r->end, (int)y) * 86400 + r->end.time - r->dst_off;
	if (s < e)
		return u >= s && u < e ? r->dst_off : r->std_off;
	return u >= e && u < s ? r->std_off : r->dst_off;	/* south */
}

/* The UTC offset in effect in z at UTC second u. */
static long
date_zone_off(const struct date_zone *z, long long u)
{
	unsigned long lo = 0, hi = z->timecnt, mid;

	if (z->timecnt == 0)
		return z->rule.have ? date_rule_off(&z->rule, u) :
		    date_zone_type(z, 0);
	if (u < date_be64(z->times))
		return date_zone_type(z, 0);
	if (z->rule.have && u >= date_be64(z->times + 8 * (hi - 1)))
		return date_rule_off(&z->rule, u);
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (date_be64(z->times + 8 * mid) <= u)
			lo = mid;
		else
			hi = mid;
	}
	return date_zone_type(z, z->idx[lo]);
}

/*
 * The offset of local time local in z. Around a transition (assumed more
 * than two days from the next) the offsets a day before and after are
 * the candidates. A time in an overlap (autumn) is read as its first
 * occurrence, the earlier instant; a time in a gap (spring), which no
 * clock showed, is read with the offset before the gap, so 02:30 becomes
 * 03:30 of the new offset: mktime's and Python's fold=0 choice.
 */
static long
date_zone_local(const struct date_zone *z, long long local)
{
	long a, b;

	a = date_zone_off(z, local - 86400);
	b = date_zone_off(z, local + 86400);
	if (date_zone_off(z, local - a) == a)
		return a;
	if (date_zone_off(z, local - b) == b)
		return b;
	return a;
}

/* Take the footer TZ string at p (p[0] == '\n') to end of z's rule. */
static int
date_zone_footer(const unsigned char *p, const unsigned char *end,
    struct date_rule *r)
{
	char tzs[DATE_TZS_MAX];
	const unsigned char *q;

	memset(r, 0, sizeof(*r));
	if (p >= end || *p != '\n')
		return 0;	/* no footer: the last transition holds */
	p++;
	if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL ||
	    (size_t)(q - p) >= sizeof(tzs))
		return -1;
	if (q == p)
		return 0;
	memcpy(tzs, p, (size_t)(q - p));
	tzs[q - p] = '\0';
	return date_tzs_parse(tzs, r);
}

/* Parse the TZif file in buf (which z takes) into z. */
static int
date_zone_parse(struct date_zone *z, unsigned char *buf, size_t len)
{
	const unsigned char *h;
	size_t v1, v2, pos;
	unsigned long i;

	z->buf = buf;
	if (buf[4] < '2' || (v1 = date_tzif_block(buf, len, 4)) == 0 ||
	    (pos = DATE_TZIF_HDR + v1) > len - DATE_TZIF_HDR)
		return -1;
	h = buf + pos;
	if ((v2 = date_tzif_block(h, len - pos, 8)) == 0 ||
	    v2 > len - pos - DATE_TZIF_HDR)
		return -1;
	z->timecnt = date_be32(h + 32);
	z->typecnt = date_be32(h + 36);
	z->times = h + DATE_TZIF_HDR;
	z->idx = z->times + 8 * z->timecnt;
	z->types = z->idx + z->timecnt;
	for (i = 0; i < z->timecnt; i++)
		if (z->idx[i] >= z->typecnt)
			return -1;
	for (i = 0; i < z->typecnt; i++)
		if (labs(date_zone_type(z, i)) > DATE_MAX_OFF)
			return -1;
	return date_zone_footer(h + DATE_TZIF_HDR + v2, buf + len, &z->rule);
}

/* Load zone name ("Asia/Shanghai") from the zoneinfo directory into z. */
static int
date_zone_load(const char *name, struct date_zone *z)
{
	unsigned char *buf;
	size_t len;

	memset(z, 0, sizeof(*z));
	if (!date_zone_name_ok(name) || date_zone_read(name, &buf, &len) == -1)
		return -1;
	if (date_zone_parse(z, buf, len) == -1) {
		free(buf);
		memset(z, 0, sizeof(*z));
		return -1;
	}
	return 0;
}

static void
date_zone_free(struct date_zone *z)
{
	free(z->buf);
	z->buf = NULL;
}

/* Check the fields as read and turn them into local seconds (the date
 * and time as if they were UTC); -1 when they are no date. */
static int
date_check(struct datetok_fields *f, long long *local)
{
	if (f->mon == 0 && f->yday != 0 && f->ydigits != 0 &&
	    date_ordinal(f, f->yday) == -1)
		return -1;
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
	if (f->year < 1 || f->year > 9999 || f->mon < 1 || f->mon > 12 ||
	    f->mday < 1 || f->mday > date_mdays(f->year, f->mon) ||
	    f->hour > 23 || f->min > 59 || f->sec > 60)
		return -1;
	*local = date_days(f->year, f->mon, f->mday) * 86400 +
	    f->hour * 3600LL + f->min * 60LL + f->sec;
	return 0;
}

/*
 * Check the fields and turn them into UTC seconds: a date without a zone
 * is in zone z (NULL: UTC), Korean forms without one in KST.
 */
static int
date_finish(struct datetok_fields *f, const struct date_zone *z, time_t *out)
{
	long long local, t;

	if (date_check(f, &local) == -1)
		return -1;
	if (f->korean && !f->have_zone)
		f->off = DATE_KOREA_OFF;
	else if (z != NULL && !f->have_zone)
		f->off = date_zone_local(z, local);
	t = local - f->off;
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

/* RFC 3339 and its ISO 8601 relatives, read into f. */
static int
date_parse_iso(const char *p, struct datetok_fields *f)
{
	enum date_iso_form form;

	datetok_fields_init(f);
	if ((p = date_iso_date(p, f, &form)) == NULL)
		return -1;
	if (*p != '\0') {
		if (form == DATE_ISO_REDUCED ||
		    (*p != 'T' && *p != 't' && *p != ' '))
			return -1;
		if (date_iso_time(p + 1, f, form) == -1)
			return -1;
	}
	return 0;
}

/* Copy s, trimmed, into buf[DATE_MAX_LEN + 1]; -1 when it is too long
 * or empty. */
static int
date_trim(const char *s, char *buf)
{
	size_t n;

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
	return 0;
}

/* Read the date in buf, ISO 8601 first, then the loose forms. */
static int
date_fields(const char *buf, struct datetok_fields *f)
{
	size_t n = strlen(buf);

	if (datetok_is_digit(buf[0]) ||
	    (buf[0] == '-' && datetok_is_digit(buf[1]))) {
		if (date_parse_iso(buf, f) == 0)
			return 0;
		/* a broken ISO 8601 date is not read any other way */
		if (strspn(buf, DATE_ISO_CHARS) == n)
			return -1;
	}
	return datetok_parse(buf, f);
}

/* date_parse in zone z: a page label may come first ("Published:"). */
static int
date_parse_zone(const char *s, const struct date_zone *z, time_t *out)
{
	struct datetok_fields f;
	char buf[DATE_MAX_LEN + 1];
	const char *p;
	time_t t;

	if (date_trim(s, buf) == -1)
		return -1;
	if (date_fields(buf, &f) == -1) {
		p = datetok_label(buf);
		while (datetok_is_space(*p))
			p++;
		/* "Views: 2024" is a count, not the year 2024 */
		if (p == buf || p[strspn(p, "0123456789")] == '\0' ||
		    date_fields(p, &f) == -1)
			return -1;
	}
	if (date_finish(&f, z, &t) == -1)
		return -1;
	*out = t;
	return 0;
}

int
date_parse(const char *s, time_t *out)
{
	return date_parse_zone(s, NULL, out);
}

int
date_parse_tz(const char *s, const char *tz, time_t *out)
{
	struct date_zone z;
	int rc;

	if (tz == NULL)
		return date_parse_zone(s, NULL, out);
	if (date_zone_load(tz, &z) == -1)
		return -1;
	rc = date_parse_zone(s, &z, out);
	date_zone_free(&z);
	return rc;
}

int
date_tz_offset(const char *tz, time_t t, long *off)
{
	struct date_zone z;

	if (tz == NULL) {
		*off = 0;
		return 0;
	}
	if (date_zone_load(tz, &z) == -1)
		return -1;
	*off = date_zone_off(&z, (long long)t);
	date_zone_free(&z);
	return 0;
}

int
date_parse_fmt(const char *s, const char *fmt, const char *tz, time_t *out)
{
	struct datetok_fields f;
	struct date_zone z;
	char buf[DATE_MAX_LEN + 1];
	time_t t;
	int rc;

	if (fmt == NULL || strlen(fmt) > DATE_MAX_LEN ||
	    date_trim(s, buf) == -1 || datetok_fmt(buf, fmt, &f) == -1)
		return -1;
	if (tz == NULL)
		rc = date_finish(&f, NULL, &t);
	else {
		if (date_zone_load(tz, &z) == -1)
			return -1;
		rc = date_finish(&f, &z, &t);
		date_zone_free(&z);
	}
	if (rc == 0)
		*out = t;
	return rc;
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
