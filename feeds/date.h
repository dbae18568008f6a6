/*
 * Dates found in feeds: RFC 822/1123 (RSS), RFC 3339 / ISO 8601 (Atom, dc:date),
 * and the common sloppy variants, all to UTC seconds.
 */
#ifndef FEEDS_DATE_H
#define FEEDS_DATE_H

#include <time.h>

/* Parse s; 0 and *out set on success, -1 when s is not a date. Years 1 to
 * 9999 are read, so dates before 1970 give negative times. */
int	 date_parse(const char *s, time_t *out);

/* Format t as RFC 3339 UTC ("2024-04-15T11:48:00Z") into buf[21+]. */
#define DATE_RFC3339_LEN 21
void	 date_rfc3339(time_t t, char buf[DATE_RFC3339_LEN]);

/* Format t as an HTTP date ("Mon, 15 Apr 2024 11:48:00 GMT") into buf[30+]. */
#define DATE_HTTP_LEN 30
void	 date_http(time_t t, char buf[DATE_HTTP_LEN]);

#endif /* FEEDS_DATE_H */
