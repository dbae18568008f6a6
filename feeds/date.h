/*
 * Dates found in feeds: RFC 822/1123 (RSS), RFC 3339 / ISO 8601 (Atom, dc:date),
 * and the common sloppy variants, all to UTC seconds.
 */
#ifndef FEEDS_DATE_H
#define FEEDS_DATE_H

#include <time.h>

/* Parse s; 0 and *out set on success, -1 when s is not a date. Years 1 to
 * 9999 are read, so dates before 1970 give negative times. A label that
 * scraped pages print first ("Release time:", "发布时间：", "Posted on") is
 * skipped; a date without zone is UTC. */
int	 date_parse(const char *s, time_t *out);

/*
 * date_parse for the pages of a source in zone tz: a date that names no
 * zone is local time in tz, an IANA name ("Asia/Shanghai") read from the
 * system's zoneinfo (TZif) on each call, touching no global state; a date
 * with a zone keeps it. tz NULL: date_parse. -1 also when tz is not a
 * valid name (letters, digits, "/_-+", no "..", no leading "/") or not a
 * readable zone. A local time in a DST overlap is its first occurrence;
 * one in a DST gap is read with the offset before the gap (02:30 becomes
 * 03:30 of the new offset).
 */
int	 date_parse_tz(const char *s, const char *tz, time_t *out);

/* The UTC offset (seconds east) in effect in zone tz (as date_parse_tz
 * reads it; NULL: UTC, 0) at UTC time t into *off; -1 when tz is not a
 * valid, readable zone. For calendar words ("yesterday") in a zone. */
int	 date_tz_offset(const char *tz, time_t t, long *off);

/*
 * Parse s with a source's own strptime-style format fmt (%Y %y %m %d %e
 * %j %H %I %M %S %b %B %h %a %A %p %z %Z %%, white space matching any
 * white space, other bytes themselves; English names, no locale; %y as
 * POSIX: 69-99 the 1900s) in zone tz as date_parse_tz does (NULL: UTC
 * unless %z/%Z gave a zone). All of s must match; a year, a month and a
 * day (or %j) are required. 0 and *out set, else -1.
 */
int	 date_parse_fmt(const char *s, const char *fmt, const char *tz,
	    time_t *out);

/* Format t as RFC 3339 UTC ("2024-04-15T11:48:00Z") into buf[21+]. */
#define DATE_RFC3339_LEN 21
void	 date_rfc3339(time_t t, char buf[DATE_RFC3339_LEN]);

/* Format t as an HTTP date ("Mon, 15 Apr 2024 11:48:00 GMT") into buf[30+]. */
#define DATE_HTTP_LEN 30
void	 date_http(time_t t, char buf[DATE_HTTP_LEN]);

#endif /* FEEDS_DATE_H */
