/*
 * Scheduling arithmetic: when a source is polled next, with jitter so that
 * sources do not move in lockstep, and exponential back-off for failing
 * ones. Pure functions of now, so they run on a fake clock in tests.
 */
#ifndef DAEMON_SCHED_H
#define DAEMON_SCHED_H

#include <stdint.h>
#include <time.h>

/* The next poll after a success: now + interval +- JITTER_PERCENT. */
time_t	 sched_next(time_t now, int interval, uint32_t rnd);
/*
 * The next poll after the failures-th consecutive failure (failures >= 1):
 * interval doubled for each failure past the first, at most MAX_BACKOFF
 * (or the interval, when that is longer), with the same jitter.
 */
time_t	 sched_backoff(time_t now, int interval, int failures, uint32_t rnd);
/* The first poll at start-up: now for a source never polled, the stored
 * time when it is still ahead (but no later than one interval from now),
 * else spread over the first minute. */
time_t	 sched_first(time_t now, time_t stored_next, int interval,
	    uint32_t rnd);

#endif /* DAEMON_SCHED_H */
