/* Unit tests for daemon/sched.c: jitter bounds, back-off growth and cap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "daemon/defaults.h"
#include "daemon/sched.h"

static const time_t now = 1713181680;	/* 2024-04-15T11:48:00Z */

static void
test_next_within_jitter(void **state)
{
	uint32_t rnd;
	time_t t, lo = now, hi = now;

	(void)state;
	for (rnd = 0; rnd < 5000; rnd += 7) {
		t = sched_next(now, 1800, rnd * 2654435761u);
		assert_true(t >= now + 1800 - 180);
		assert_true(t <= now + 1800 + 180);
		if (t < lo || lo == now)
			lo = t;
		if (t > hi)
			hi = t;
	}
	/* The jitter really spreads polls, it is not a constant. */
	assert_true(hi - lo > 200);
}

static void
test_backoff_doubles_then_caps(void **state)
{
	(void)state;
	/* rnd chosen so that the shift is zero: rnd % (2*span+1) == span. */
	assert_int_equal(sched_backoff(now, 600, 1, 60) - now, 600);
	assert_int_equal(sched_backoff(now, 600, 2, 120) - now, 1200);
	assert_int_equal(sched_backoff(now, 600, 3, 240) - now, 2400);
	assert_true(sched_backoff(now, 600, 40, 0) - now <= MAX_BACKOFF);
	assert_true(sched_backoff(now, 600, 40, 0) - now >=
	    MAX_BACKOFF - MAX_BACKOFF / 10);
	/* A weekly source backs off to its own interval, not to a day. */
	assert_true(sched_backoff(now, 7 * 86400, 5, 0) - now >=
	    7 * 86400 - 7 * 86400 / 10);
	/* A huge failure count must not overflow. */
	assert_true(sched_backoff(now, MAX_INTERVAL, 1000000, 0) > now);
}

static void
test_first_poll(void **state)
{
	(void)state;
	assert_int_equal(sched_first(now, now + 500, 1800, 3), now + 500);
	assert_int_equal(sched_first(now, 0, 1800, 12345), now);
	assert_true(sched_first(now, now - 10, 1800, 7) >= now);
	assert_true(sched_first(now, now - 10, 1800, 7) < now + 60);
	/* An interval shortened since the stored time was set wins. */
	assert_int_equal(sched_first(now, now + 7 * 86400, 600, 3), now + 600);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_within_jitter),
		cmocka_unit_test(test_backoff_doubles_then_caps),
		cmocka_unit_test(test_first_poll),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
