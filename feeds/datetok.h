/*
 * The loose date reader behind date_parse: tokens matched against tables
 * of month, weekday, zone and AM/PM names, filling the fields of a date
 * that date.c then checks and turns into seconds.
 */
#ifndef FEEDS_DATETOK_H
#define FEEDS_DATETOK_H

#include <stddef.h>

/* The fields of a date as read, before they are checked. */
struct datetok_fields {
	int	 year;
	int	 ydigits;	/* 0: no year yet; <= 2: two-digit year */
	int	 mon;		/* 0: none yet */
	int	 mday;		/* 0: none yet */
	int	 yday;		/* day of the year (%j); 0: none */
	int	 hour, min, sec;
	int	 have_time;
	int	 ampm;		/* -1: none, 0: AM, 12: PM */
	int	 have_zone;
	long	 off;		/* seconds east of UTC */
	int	 korean;	/* Korean words seen: zone defaults to KST */
	int	 wday;		/* a weekday name was seen */
	int	 time_end;	/* token after the time, or -1 */
};

/* Set f to "nothing read yet". */
void	 datetok_fields_init(struct datetok_fields *f);

/*
 * Read s (at most a short line, trimmed) as a loose date into f, which
 * it initializes; 0 when every token filled a field, else -1. The fields
 * are not checked: a month may still be 13, an hour 25.
 */
int	 datetok_parse(const char *s, struct datetok_fields *f);

/*
 * Read s against the strptime-style format fmt into f, which it
 * initializes: %Y %y %m %d %e %j %H %I %M %S %b %B %h %a %A %p %z %Z %%,
 * white space matching any run of white space (or none), other bytes
 * matching themselves. English names only, no locale. %y is POSIX's
 * (69-99 the 1900s). 0 when all of s was read, else -1 (also for an
 * unknown conversion). The fields are not checked.
 */
int	 datetok_fmt(const char *s, const char *fmt, struct datetok_fields *f);

/* The label opening a scraped date ("Release time:", "发布时间：",
 * "Posted on"): returns s past it, or s when there is none. */
const char *datetok_label(const char *s);

/* The offset (seconds east) of the zone named by s[0..len), 0; else -1. */
int	 datetok_zone(const char *s, size_t len, long *off);

/* The month (1 to 12) named by s[0..len) in any known language, else 0. */
int	 datetok_month(const char *s, size_t len);

/* Character classes of dates, the same whatever the locale: white space,
 * ASCII digits, and letters (ASCII, or any byte of a UTF-8 sequence). */
int	 datetok_is_space(char c);
int	 datetok_is_digit(char c);
int	 datetok_is_letter(char c);

#endif /* FEEDS_DATETOK_H */
