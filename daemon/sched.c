/*
 * Scheduling arithmetic: next poll times with jitter and back-off.
 * Nothing here reads the clock; callers pass now.
 */
#include <stdint.h>
#include <time.h>

#include "daemon/defaults.h"
#include "daemon/sched.h"

/* A delay of interval seconds moved by up to JITTER_PERCENT either way. */
static time_t
sched_jitter(long delay, uint32_t rnd)
{
	long span, shift;

	span = delay * JITTER_PERCENT / 100;
	if (span <= 0)
		return delay;
	shift = (long)(rnd % (uint32_t)(2 * span + 1)) - span;
	return delay + shift;
}

time_t
sched_next(time_t now, int interval, uint32_t rnd)
{
	return now + sched_jitter(interval, rnd);
}

time_t
sched_backoff(time_t now, int interval, int failures, uint32_t rnd)
{
	long delay = interval, cap = MAX_BACKOFF;
	int i;

	/* A source polled less often than the cap is never retried sooner
	 * than it would be polled when healthy. */
	if (cap < interval)
		cap = interval;
	for (i = 1; i < failures && delay < cap; i++)
		delay *= 2;
	if (delay > cap)
		delay = cap;
	return now + sched_jitter(delay, rnd);
}

time_t
sched_first(time_t now, time_t stored_next, int interval, uint32_t rnd)
{
	if (stored_next == 0)
		return now;		/* never polled: at once */
	if (stored_next > now + interval)
		return now + interval;	/* the interval was shortened */
	if (stored_next > now)
		return stored_next;
	return now + (time_t)(rnd % 60);	/* overdue: spread them */
}
