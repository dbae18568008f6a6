/*
 * Relative dates as listing pages print them: "3 hours ago", "2 days
 * ago", "yesterday", "today 14:30", "just now", "1h", "5 mins ago",
 * "an hour ago", "last week". Pure: text and a clock in, a time out.
 */
#ifndef FEEDS_DATEREL_H
#define FEEDS_DATEREL_H

#include <time.h>

/*
 * Parse the relative date s as seen at now (UTC seconds); calendar words
 * ("today", "yesterday") count days in zone tz (an IANA name, NULL for
 * UTC). Returns 0 with *out set, -1 when s is not a relative date.
 */
int	 daterel_parse(const char *s, time_t now, const char *tz,
	    time_t *out);

#endif /* FEEDS_DATEREL_H */
