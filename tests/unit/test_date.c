/* Unit tests for date: RFC 3339 / ISO 8601, RFC 822 family, formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "feeds/date.h"

/* 2024-04-15T11:48:00Z and 2024-04-15T00:00:00Z */
#define T_0415_1148	((time_t)1713181680)
#define T_0415		((time_t)1713139200)

struct date_case {
	const char	*in;
	time_t		 want;		/* -1: must be refused */
};

static void
date_run(const struct date_case *cases, size_t n)
{
	time_t t;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		t = 12345;
		rc = date_parse(cases[i].in, &t);
		if (cases[i].want == -1) {
			if (rc != -1)
				fail_msg("date_parse(\"%s\"): want -1, "
				    "got %lld", cases[i].in, (long long)t);
			if (t != 12345)
				fail_msg("date_parse(\"%s\") wrote *out "
				    "on error", cases[i].in);
			continue;
		}
		if (rc != 0)
			fail_msg("date_parse(\"%s\"): refused, want %lld",
			    cases[i].in, (long long)cases[i].want);
		if (t != cases[i].want)
			fail_msg("date_parse(\"%s\"): got %lld, want %lld",
			    cases[i].in, (long long)t,
			    (long long)cases[i].want);
	}
}

static void
test_rfc3339(void **state)
{
	static const struct date_case cases[] = {
		{ "2024-04-15T11:48:00Z", T_0415_1148 },
		{ "2024-04-15t11:48:00z", T_0415_1148 },
		{ "2024-04-15 11:48:00Z", T_0415_1148 },
		{ "2024-04-15T19:48:00+08:00", T_0415_1148 },
		{ "2024-04-15T19:48:00+0800", T_0415_1148 },
		{ "2024-04-15T19:48:00+08", T_0415_1148 },
		{ "2024-04-15T06:18:00-05:30", T_0415_1148 },
		{ "2024-04-15T11:48:00-00:00", T_0415_1148 },
		{ "2024-04-15T11:48:00.123Z", T_0415_1148 },
		{ "2024-04-15T11:48:00.123456789+00:00", T_0415_1148 },
		{ "2024-04-15T11:48:00,5Z", T_0415_1148 },
		{ "2024-04-15T11:48:00", T_0415_1148 },
		{ "2024-04-15T11:48Z", T_0415_1148 },
		{ "2024-04-15T11:48", T_0415_1148 },
		{ "  2024-04-15T11:48:00Z\n", T_0415_1148 },
		{ "2024-04-15", T_0415 },
		{ "2024-04-16T00:30:00+01:00", T_0415 + 23 * 3600 + 1800 },
		{ "2024-02-29T00:00:00Z", (time_t)1709164800 },
		{ "2000-02-29", (time_t)951782400 },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "2016-12-31T23:59:60Z", (time_t)1483228800 },
		{ "9999-12-31T23:59:59Z", (time_t)253402300799LL },
	};

	(void)state;
	date_run(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_rfc3339_invalid(void **state)
{
	static const struct date_case cases[] = {
		{ "2024-13-01T00:00:00Z", -1 },
		{ "2024-00-01T00:00:00Z", -1 },
		{ "2024-04-31T00:00:00Z", -1 },
		{ "2023-02-29", -1 },
		{ "1900-02-29", -1 },
		{ "2024-04-00", -1 },
		{ "2024-04-15T24:00:00Z", -1 },
		{ "2024-04-15T11:60:00Z", -1 },
		{ "2024-04-15T11:48:61Z", -1 },
		{ "2024-04-15T11:48:00+24:00", -1 },
		{ "2024-04-15T11:48:00+08:60", -1 },
		{ "2024-04-15T11:48:00+8:00", -1 },
		{ "2024-04-15T11:48:00ZZ", -1 },
		{ "2024-04-15T11:48:00 Z", -1 },
		{ "2024-04-15T11:48:00.Z", -1 },
		{ "2024-04-15T11:48:00Zjunk", -1 },
		{ "2024-04-15T", -1 },
		{ "2024-04-15T11", -1 },
		{ "2024-04-15T1:48:00Z", -1 },
		{ "2024-4-15", -1 },
		{ "2024-04-1", -1 },
		{ "2024-04-15X", -1 },
		{ "2024-04", -1 },
		{ "1969-12-31T23:59:59Z", -1 },
		{ "1970-01-01T00:30:00+01:00", -1 },
		{ "0000-01-01", -1 },
	};

	(void)state;
	date_run(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_rfc822(void **state)
{
	static const struct date_case cases[] = {
		{ "Mon, 15 Apr 2024 19:48:00 +0800", T_0415_1148 },
		{ "Mon, 15 Apr 2024 19:48:00 +08:00", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00 GMT", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00 UT", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00 UTC", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00 Z", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00 -0000", T_0415_1148 },
		{ "Mon, 15 Apr 2024 11:48:00", T_0415_1148 },
		{ "Mon, 15 Apr 2024 06:48:00 EST", T_0415_1148 },
		{ "Mon, 15 Apr 2024 04:48:00 PDT", T_0415_1148 },
		{ "Mon, 15 Apr 2024 06:48:00 -0500", T_0415_1148 },
		{ "Mon, 15 Apr 2024 19:48 +0800", T_0415_1148 },
		{ "15 Apr 2024 11:48 GMT", T_0415_1148 },
		{ "15 Apr 2024 11:48:00 GMT", T_0415_1148 },
		{ "Mon, 15 Apr 24 11:48:00 GMT", T_0415_1148 },
		{ "Monday, 15-Apr-24 11:48:00 GMT", T_0415_1148 },
		{ "Mon Apr 15 11:48:00 2024", T_0415_1148 },
		{ "mon, 15 apr 2024 11:48:00 gmt", T_0415_1148 },
		{ "Mon,15 Apr 2024 11:48:00 GMT", T_0415_1148 },
		{ "Mon, 15 Apr 2024 19:48:00 +0800 (CST)", T_0415_1148 },
		{ "  Mon, 15 Apr 2024 11:48:00 GMT  ", T_0415_1148 },
		{ "Sun, 06 Nov 1994 08:49:37 GMT", (time_t)784111777 },
		{ "Sunday, 06-Nov-94 08:49:37 GMT", (time_t)784111777 },
		{ "Sun Nov  6 08:49:37 1994", (time_t)784111777 },
		{ "Thu, 29 Feb 2024 00:00:00 GMT", (time_t)1709164800 },
		{ "15 Apr 2024", T_0415 },
	};

	(void)state;
	date_run(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_rfc822_invalid(void **state)
{
	static const struct date_case cases[] = {
		{ "", -1 },
		{ "   ", -1 },
		{ "garbage", -1 },
		{ "yesterday", -1 },
		{ "12345", -1 },
		{ "Mon, 15 Apr 2024 25:48:00 GMT", -1 },
		{ "Mon, 15 Apr 2024 11:61:00 GMT", -1 },
		{ "Mon, 32 Apr 2024 11:48:00 GMT", -1 },
		{ "Wed, 31 Apr 2024 11:48:00 GMT", -1 },
		{ "Fri, 30 Feb 2024 11:48:00 GMT", -1 },
		{ "Thu, 29 Feb 2023 11:48:00 GMT", -1 },
		{ "Mon, 15 Foo 2024 11:48:00 GMT", -1 },
		{ "Mon, 15 Apr 2024 11:48:00 +2500", -1 },
		{ "Mon, 15 Apr 2024 11:48:00 XYZ", -1 },
		{ "Mon, 15 Apr 1960 11:48:00 GMT", -1 },
		{ "2024/04/15", -1 },
		{ "15.04.2024", -1 },
	};

	(void)state;
	date_run(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_parse_hostile(void **state)
{
	char big[4096];
	time_t t = 7;

	(void)state;
	assert_int_equal(date_parse(NULL, &t), -1);
	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(date_parse(big, &t), -1);
	memcpy(big, "2024-04-15T11:48:00Z", 20);
	assert_int_equal(date_parse(big, &t), -1);
	assert_int_equal(date_parse("2024-04-15T11:48:00.99999999999999999999"
	    "99999999999999999Z", &t), 0);
	assert_int_equal(t, T_0415_1148);
	assert_int_equal(date_parse("99999-04-15", &t), -1);
	assert_int_equal(date_parse("\xff\xfe\x01", &t), -1);
}

static void
test_format(void **state)
{
	static const struct {
		time_t		 t;
		const char	*rfc3339;
		const char	*http;
	} cases[] = {
		{ T_0415_1148, "2024-04-15T11:48:00Z",
		    "Mon, 15 Apr 2024 11:48:00 GMT" },
		{ 0, "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT" },
		{ 784111777, "1994-11-06T08:49:37Z",
		    "Sun, 06 Nov 1994 08:49:37 GMT" },
		{ 1709164800, "2024-02-29T00:00:00Z",
		    "Thu, 29 Feb 2024 00:00:00 GMT" },
		{ 253402300799LL, "9999-12-31T23:59:59Z",
		    "Fri, 31 Dec 9999 23:59:59 GMT" },
	};
	char r[DATE_RFC3339_LEN], h[DATE_HTTP_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		date_rfc3339(cases[i].t, r);
		assert_string_equal(r, cases[i].rfc3339);
		date_http(cases[i].t, h);
		assert_string_equal(h, cases[i].http);
	}
}

static void
test_format_unrepresentable(void **state)
{
	char r[DATE_RFC3339_LEN], h[DATE_HTTP_LEN];

	(void)state;
	/* beyond year 9999 the buffers would overflow: the epoch instead */
	date_rfc3339((time_t)253402300800LL, r);
	assert_int_equal(strlen(r), 20);
	date_http((time_t)253402300800LL, h);
	assert_int_equal(strlen(h), 29);
}

static void
test_roundtrip(void **state)
{
	char r[DATE_RFC3339_LEN], h[DATE_HTTP_LEN];
	time_t t, back;

	(void)state;
	for (t = 0; t < (time_t)4102444800LL; t += 86400 * 37 + 3671) {
		date_rfc3339(t, r);
		assert_int_equal(date_parse(r, &back), 0);
		assert_int_equal(back, t);
		date_http(t, h);
		assert_int_equal(date_parse(h, &back), 0);
		assert_int_equal(back, t);
	}
}

static void
test_locale_independent(void **state)
{
	char h[DATE_HTTP_LEN];
	time_t t;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	date_http(T_0415_1148, h);
	assert_string_equal(h, "Mon, 15 Apr 2024 11:48:00 GMT");
	assert_int_equal(date_parse("2024-04-15T11:48:00", &t), 0);
	assert_int_equal(t, T_0415_1148);
	assert_int_equal(date_parse("Mon, 15 Apr 2024 11:48:00", &t), 0);
	assert_int_equal(t, T_0415_1148);
	unsetenv("TZ");
	tzset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc3339),
		cmocka_unit_test(test_rfc3339_invalid),
		cmocka_unit_test(test_rfc822),
		cmocka_unit_test(test_rfc822_invalid),
		cmocka_unit_test(test_parse_hostile),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_unrepresentable),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_locale_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
