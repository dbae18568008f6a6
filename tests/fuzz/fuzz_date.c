/*
 * libFuzzer target for the small parsers of normalize: dates and URLs.
 * The input is split at its first newline into a and b. Both go through
 * date_parse; a is a base URL and b a reference for url_resolve, and a, b
 * and the resolved URL go through url_canonical. Asserted: a parsed date
 * written as RFC 3339 and as an HTTP date parses back to the same second,
 * and a canonical http(s) URL is its own canonical form (url.h promises a
 * canonical form only for http and https; see README.md for file: URLs).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feeds/date.h"
#include "feeds/url.h"

#define FUZZ_MAX_SIZE	(128 * 1024)	/* twice url.c's longest URL */
#define FUZZ_MAX_YEAR	((time_t)253402300799)	/* 9999-12-31T23:59:59Z */

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort with a message: libFuzzer saves the input as a crash. */
static void
fuzz_fail(const char *what, const char *in, const char *out)
{
	fprintf(stderr, "fuzz_date: %s\n  in:  \"%.300s\"\n  out: \"%.300s\"\n",
	    what, in, out != NULL ? out : "(NULL)");
	abort();
}

/* A parsed date survives being written in either format and read back. */
static void
fuzz_date(const char *s)
{
	char rfc[DATE_RFC3339_LEN], http[DATE_HTTP_LEN];
	time_t t, back;

	if (date_parse(s, &t) == -1)
		return;
	/* Years 1 to 9999 parse; 0001-01-01T00:00:00Z is -62135596800. */
	if (t < -62135596800LL || t > 253402300799LL)
		fuzz_fail("date_parse gave a time outside years 1-9999", s,
		    NULL);
	if (t > FUZZ_MAX_YEAR)
		return;
	date_rfc3339(t, rfc);
	if (date_parse(rfc, &back) == -1 || back != t)
		fuzz_fail("RFC 3339 round trip", s, rfc);
	date_http(t, http);
	if (date_parse(http, &back) == -1 || back != t)
		fuzz_fail("HTTP date round trip", s, http);
}

/* A canonical http(s) URL is a fixed point of url_canonical. */
static void
fuzz_canonical(const char *url)
{
	char *c, *cc;

	if ((c = url_canonical(url)) == NULL)
		return;
	if (!url_scheme_is(c, "http,https")) {
		free(c);
		return;
	}
	cc = url_canonical(c);
	if (cc == NULL || strcmp(c, cc) != 0)
		fuzz_fail("url_canonical is not idempotent", c, cc);
	free(cc);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a, *b, *nl, *u;

	if (size > FUZZ_MAX_SIZE || (a = malloc(size + 1)) == NULL)
		return 0;
	memcpy(a, data, size);
	a[size] = '\0';
	if ((nl = memchr(a, '\n', size)) != NULL) {
		*nl = '\0';
		b = nl + 1;
	} else
		b = a + size;
	fuzz_date(a);
	fuzz_date(b);
	fuzz_canonical(a);
	fuzz_canonical(b);
	free(url_resolve(NULL, b));
	if ((u = url_resolve(a, b)) != NULL) {
		fuzz_canonical(u);
		free(u);
	}
	free(a);
	return 0;
}
