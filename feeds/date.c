/*
 * Dates found in feeds, to UTC seconds and back. RFC 3339 / ISO 8601 (Atom,
 * dc:date, JSON Feed) goes through a strict parser of our own; RFC 822,
 * 1123, 850 and asctime (RSS, HTTP) through curl_getdate, checked for the
 * calendar slips curl lets through. Output never depends on the locale.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "feeds/date.h"

#define DATE_MAX_LEN	128	/* longer strings are not dates */

static const char *const date_wday[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const date_month[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

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

/* Read exactly n digits at *p into *v, advancing *p. */
static int
date_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return 0;
}

/* The zone of an RFC 3339 time, as seconds east of UTC; missing is UTC. */
static int
date_iso_zone(const char *p, long *off)
{
	int h, m = 0, sign;

	*off = 0;
	if (*p == '\0')
		return 0;
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (date_digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (*p != '\0' && date_digits(&p, 2, &m) == -1)
		return -1;
	if (*p != '\0' || h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* The time of day after 'T': hh:mm[:ss[.frac]], then the zone. */
static int
date_iso_time(const char *p, struct tm *tm, long *off)
{
	if (date_digits(&p, 2, &tm->tm_hour) == -1 || *p++ != ':' ||
	    date_digits(&p, 2, &tm->tm_min) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (date_digits(&p, 2, &tm->tm_sec) == -1)
			return -1;
		if (*p == '.' || *p == ',') {
			if (!isdigit((unsigned char)*++p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if (tm->tm_hour > 23 || tm->tm_min > 59 || tm->tm_sec > 60)
		return -1;
	return date_iso_zone(p, off);
}

/* RFC 3339 and its ISO 8601 relatives; a date alone is midnight UTC. */
static int
date_parse_iso(const char *p, time_t *out)
{
	struct tm tm;
	long off = 0;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (date_digits(&p, 4, &tm.tm_year) == -1 || *p++ != '-' ||
	    date_digits(&p, 2, &tm.tm_mon) == -1 || *p++ != '-' ||
	    date_digits(&p, 2, &tm.tm_mday) == -1)
		return -1;
	if (tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 ||
	    tm.tm_mday < 1 || tm.tm_mday > date_mdays(tm.tm_year, tm.tm_mon))
		return -1;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (date_iso_time(p + 1, &tm, &off) == -1)
			return -1;
	} else if (*p != '\0')
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if ((t = timegm(&tm)) == (time_t)-1 || t - off < 0)
		return -1;
	*out = t - off;
	return 0;
}

/* Index 1..12 of the month named at p (English, any case), else 0. */
static int
date_month_at(const char *p)
{
	int m;

	for (m = 0; m < 12; m++)
		if (strncasecmp(p, date_month[m], 3) == 0)
			return m + 1;
	return 0;
}

/*
 * curl_getdate rolls "31 Feb" over into March: find the day, month and
 * year as curl does (a 4-digit number is the year, the first 1..31 the
 * day) and check the day exists in that month.
 */
static int
date_check_mday(const char *s)
{
	const char *p = s, *q;
	int mday = 0, mon = 0, year = -1, v;
	size_t n;

	while (*p != '\0') {
		if (isalpha((unsigned char)*p)) {
			for (q = p; isalpha((unsigned char)*q); q++)
				;
			if (mon == 0 && q - p >= 3)
				mon = date_month_at(p);
			p = q;
			continue;
		}
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		n = strspn(p, "0123456789");
		v = n <= 4 ? atoi(p) : -1;
		/* skip hh:mm:ss and numeric zones */
		if (p[n] == ':' || (p > s && (p[-1] == ':' || p[-1] == '+' ||
		    (p[-1] == '-' && (p - 1 == s || p[-2] == ' ')))))
			;
		else if (n == 4 && year == -1)
			year = v;
		else if (mday == 0 && v >= 1 && v <= 31)
			mday = v;
		else if (year == -1)
			year = v < 70 ? v + 2000 : v < 100 ? v + 1900 : v;
		p += n;
	}
	if (mon == 0 || mday == 0 || year < 0)
		return 0;	/* let curl's verdict stand */
	return mday <= date_mdays(year, mon) ? 0 : -1;
}

/*
 * RFC 822 family through curl; a "+08:00" zone (seen in sloppy RSS) is
 * rewritten to "+0800" first.
 */
static int
date_parse_rfc822(const char *s, time_t *out)
{
	char buf[DATE_MAX_LEN + 1];
	size_t n;
	time_t t;

	n = strlen(s);
	memcpy(buf, s, n + 1);
	if (n >= 6 && (buf[n - 6] == '+' || buf[n - 6] == '-') &&
	    isdigit((unsigned char)buf[n - 5]) &&
	    isdigit((unsigned char)buf[n - 4]) && buf[n - 3] == ':' &&
	    isdigit((unsigned char)buf[n - 2]) &&
	    isdigit((unsigned char)buf[n - 1]))
		memmove(buf + n - 3, buf + n - 2, 3);
	if (date_check_mday(buf) == -1)
		return -1;
	if ((t = curl_getdate(buf, NULL)) == -1 || t < 0)
		return -1;
	*out = t;
	return 0;
}

int
date_parse(const char *s, time_t *out)
{
	char buf[DATE_MAX_LEN + 1];
	const char *end;
	size_t n;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	for (end = s + strlen(s); end > s && isspace((unsigned char)end[-1]);
	    end--)
		;
	n = end - s;
	if (n == 0 || n > DATE_MAX_LEN)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (n >= 5 && isdigit((unsigned char)buf[0]) &&
	    isdigit((unsigned char)buf[1]) && isdigit((unsigned char)buf[2]) &&
	    isdigit((unsigned char)buf[3]) && buf[4] == '-')
		return date_parse_iso(buf, out);
	return date_parse_rfc822(buf, out);
}

/* Broken-down UTC time of t, or the epoch if t cannot be represented. */
static void
date_gmtime(time_t t, struct tm *tm)
{
	if (gmtime_r(&t, tm) == NULL || tm->tm_year + 1900 > 9999 ||
	    tm->tm_year + 1900 < 0) {
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
