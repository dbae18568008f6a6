/* Unit tests for url: resolution, the canonical form, scheme checks. */
#include <sys/stat.h>

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <curl/curl.h>

#include "feeds/url.h"

struct url_case {
	const char	*base;
	const char	*in;
	const char	*want;		/* NULL: must fail */
};

static void
url_check(const char *what, const struct url_case *c, char *got)
{
	if (c->want == NULL) {
		if (got != NULL)
			fail_msg("%s(%s, %s): want NULL, got \"%s\"", what,
			    c->base ? c->base : "NULL", c->in, got);
		return;
	}
	if (got == NULL)
		fail_msg("%s(%s, %s): want \"%s\", got NULL", what,
		    c->base ? c->base : "NULL", c->in, c->want);
	if (strcmp(got, c->want) != 0)
		fail_msg("%s(%s, %s): want \"%s\", got \"%s\"", what,
		    c->base ? c->base : "NULL", c->in, c->want, got);
	free(got);
}

static void
test_resolve_rfc3986(void **state)
{
	/* RFC 3986 section 5.4.1, the normal examples */
	static const struct url_case cases[] = {
		{ "http://a/b/c/d;p?q", "g", "http://a/b/c/g" },
		{ "http://a/b/c/d;p?q", "./g", "http://a/b/c/g" },
		{ "http://a/b/c/d;p?q", "g/", "http://a/b/c/g/" },
		{ "http://a/b/c/d;p?q", "/g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "//g", "http://g/" },
		{ "http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y" },
		{ "http://a/b/c/d;p?q", "g?y", "http://a/b/c/g?y" },
		{ "http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s" },
		{ "http://a/b/c/d;p?q", "g#s", "http://a/b/c/g#s" },
		{ "http://a/b/c/d;p?q", "g?y#s", "http://a/b/c/g?y#s" },
		{ "http://a/b/c/d;p?q", ";x", "http://a/b/c/;x" },
		{ "http://a/b/c/d;p?q", "", "http://a/b/c/d;p?q" },
		{ "http://a/b/c/d;p?q", ".", "http://a/b/c/" },
		{ "http://a/b/c/d;p?q", "..", "http://a/b/" },
		{ "http://a/b/c/d;p?q", "../g", "http://a/b/g" },
		{ "http://a/b/c/d;p?q", "../..", "http://a/" },
		{ "http://a/b/c/d;p?q", "../../g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "../../../g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "/./g", "http://a/g" },
		{ "http://a/b/c/d;p?q", "/../g", "http://a/g" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_check("url_resolve", &cases[i],
		    url_resolve(cases[i].base, cases[i].in));
}

static void
test_resolve_feeds(void **state)
{
	static const struct url_case cases[] = {
		{ "file:///etc/unifeed/feeds.conf", "demo/a.rss",
		    "file:///etc/unifeed/demo/a.rss" },
		{ "file:///etc/unifeed/feeds.conf", "/srv/x.atom",
		    "file:///srv/x.atom" },
		{ "https://example.org/news/", "2024/04/a.html",
		    "https://example.org/news/2024/04/a.html" },
		{ "https://example.org/news/index.html",
		    "//cdn.example.net/i.png",
		    "https://cdn.example.net/i.png" },
		{ "https://example.org/a", "HTTP://Other.example/x",
		    "http://Other.example/x" },
		{ "https://example.org/a", "  /b  ", "https://example.org/b" },
		{ "https://example.org/a", "/b\n/c",
		    "https://example.org/b/c" },
		{ "https://example.org/a", "/b\tc", "https://example.org/bc" },
		{ "https://example.org/a", "x y", "https://example.org/x%20y" },
		/* percent-encoding and IDN are left as they are */
		{ "https://example.org/", "/%7Euser/%41",
		    "https://example.org/%7Euser/%41" },
		{ NULL, "https://b\xc3\xbc" "cher.example/\xc3\xa4",
		    "https://b\xc3\xbc" "cher.example/\xc3\xa4" },
		{ NULL, "https://xn--bcher-kva.example/",
		    "https://xn--bcher-kva.example/" },
		{ NULL, "http://example.org", "http://example.org/" },
		{ NULL, "https://[::1]:8443/x", "https://[::1]:8443/x" },
		{ NULL, "gopher://example.org/1", "gopher://example.org/1" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_check("url_resolve", &cases[i],
		    url_resolve(cases[i].base, cases[i].in));
}

static void
test_resolve_invalid(void **state)
{
	static const struct url_case cases[] = {
		{ NULL, "", NULL },
		{ NULL, "   ", NULL },
		{ NULL, "/relative/path", NULL },
		{ NULL, "example.org/x", NULL },
		{ NULL, "http://", NULL },
		{ NULL, "http://exa mple.org/", NULL },
		{ NULL, "http://a\x01" "b/", NULL },
		{ NULL, "http://example.org:99999/", NULL },
		{ NULL, "javascript:alert(1)", NULL },
		{ "http://example.org/", "javascript:alert(1)", NULL },
		{ "http://example.org/", " JaVaScRiPt:alert(1)", NULL },
		{ "http://example.org/", "java\tscript:alert(1)", NULL },
		{ "http://example.org/", "vbscript:msgbox(1)", NULL },
		{ "http://example.org/", "data:text/html,<b>x</b>", NULL },
		{ "not a url", "x", NULL },
		{ "", "x", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_check("url_resolve", &cases[i],
		    url_resolve(cases[i].base, cases[i].in));
	assert_null(url_resolve("http://example.org/", NULL));
	assert_null(url_resolve(NULL, NULL));
}

static void
test_resolve_long(void **state)
{
	char *ref, *got;
	size_t n = 100 * 1024;

	(void)state;
	ref = malloc(n + 1);
	assert_non_null(ref);
	memset(ref, 'a', n);
	ref[n] = '\0';
	got = url_resolve("http://example.org/", ref);
	assert_null(got);
	free(ref);
}

static void
test_canonical(void **state)
{
	static const struct url_case cases[] = {
		{ NULL, "HTTP://Example.COM/Path", "http://example.com/Path" },
		{ NULL, "http://example.com:80/a", "http://example.com/a" },
		{ NULL, "https://example.com:443/a", "https://example.com/a" },
		{ NULL, "http://example.com:443/a",
		    "http://example.com:443/a" },
		{ NULL, "https://example.com:8443/a",
		    "https://example.com:8443/a" },
		{ NULL, "http://example.com", "http://example.com/" },
		{ NULL, "http://example.com/a#frag", "http://example.com/a" },
		{ NULL, "http://example.com/a?", "http://example.com/a" },
		{ NULL, "http://example.com/a?#x", "http://example.com/a" },
		{ NULL, "http://example.com/a?utm_source=x&utm_medium=y",
		    "http://example.com/a" },
		{ NULL, "http://example.com/a?id=3&utm_source=rss&p=2",
		    "http://example.com/a?id=3&p=2" },
		{ NULL, "http://example.com/a?b=2&a=1",
		    "http://example.com/a?b=2&a=1" },
		{ NULL, "http://example.com/a?fbclid=1&gclid=2&dclid=3"
		    "&yclid=4&msclkid=5&mc_cid=6&mc_eid=7&_hsenc=8&_hsmi=9"
		    "&igshid=10&ref_src=11&keep=1",
		    "http://example.com/a?keep=1" },
		{ NULL, "http://example.com/a?_ga=1&_gl=2&gbraid=3&gclsrc=4"
		    "&mkt_tok=5&twclid=6&wbraid=7&utm_campaign=8&utm_=9&z=0",
		    "http://example.com/a?z=0" },
		{ NULL, "http://example.com/a?UTM_Source=x&FBCLID=y&k",
		    "http://example.com/a?k" },
		{ NULL, "http://example.com/a?utm=1&utmx=2&refsrc=3",
		    "http://example.com/a?utm=1&utmx=2&refsrc=3" },
		{ NULL, "http://example.com/a?x=1&&y=2&",
		    "http://example.com/a?x=1&y=2" },
		{ NULL, "http://example.com/a?gclid", "http://example.com/a" },
		{ NULL, "http://example.com/%7Euser/%e4",
		    "http://example.com/%7Euser/%e4" },
		{ NULL, "http://B\xc3\x9c" "CHER.example/",
		    "http://b\xc3\x9c" "cher.example/" },
		{ NULL, "  https://Example.org/x  ", "https://example.org/x" },
		{ NULL, "http://user:Pw@Example.org/",
		    "http://user:Pw@example.org/" },
		/* the demo's syndicated copy (xml:base with :443, tracking) */
		{ NULL, "https://English.Shanghai.gov.cn:443/"
		    "en-Latest-WhatsNew/"
		    "20240415/0001.html?utm_source=digest&utm_medium=atom#top",
		    "https://english.shanghai.gov.cn/en-Latest-WhatsNew/"
		    "20240415/0001.html" },
		{ NULL, "", NULL },
		{ NULL, "example.org/x", NULL },
		{ NULL, "/x", NULL },
		{ NULL, "http://exa mple.org/", NULL },
		{ NULL, "javascript:alert(1)", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_check("url_canonical", &cases[i],
		    url_canonical(cases[i].in));
	assert_null(url_canonical(NULL));
}

static void
test_canonical_idempotent(void **state)
{
	static const char *const urls[] = {
		"HTTP://Example.COM:80/a/../b?utm_x=1&q=2#f",
		"https://example.org/",
		"https://example.org/x?a=1&b=2",
	};
	char *once, *twice;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		once = url_canonical(urls[i]);
		assert_non_null(once);
		twice = url_canonical(once);
		assert_non_null(twice);
		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
}

static void
test_scheme_is(void **state)
{
	static const struct {
		const char	*url;
		const char	*schemes;
		int		 want;
	} cases[] = {
		{ "http://a/", "http,https", 1 },
		{ "https://a/", "http,https", 1 },
		{ "HTTPS://a/", "http,https", 1 },
		{ "https://a/", "http, https", 1 },
		{ " http://a/", "http", 1 },
		{ "ftp://a/", "http,https", 0 },
		{ "httpx://a/", "http,https", 0 },
		{ "htt://a/", "http,https", 0 },
		{ "mailto:a@b", "http,https,mailto", 1 },
		{ "file:///x", "file", 1 },
		{ "javascript:x", "http,https", 0 },
		{ "/relative", "http", 0 },
		{ "", "http", 0 },
		{ "http", "http", 0 },
		{ "1http://a/", "http", 0 },
		{ "http://a/", "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (url_scheme_is(cases[i].url, cases[i].schemes) !=
		    cases[i].want)
			fail_msg("url_scheme_is(%s, %s) != %d", cases[i].url,
			    cases[i].schemes, cases[i].want);
	assert_int_equal(url_scheme_is(NULL, "http"), 0);
	assert_int_equal(url_scheme_is("http://a/", NULL), 0);
}

#define CORPUS		FIXTURES "/../../../shared/corpus"
#define CORPUS_URLS	20000	/* at most, taken from the corpus */
#define CORPUS_FILE_MAX	(4 * 1024 * 1024)

/* What curl alone makes of ref against base: the path without shortcuts. */
static char *
url_curl(const char *base, const char *ref)
{
	const unsigned int fl = CURLU_NON_SUPPORT_SCHEME;
	CURLU *h;
	char *s = NULL, *out = NULL;

	h = curl_url();
	assert_non_null(h);
	if ((base == NULL || curl_url_set(h, CURLUPART_URL, base, fl) == 0) &&
	    curl_url_set(h, CURLUPART_URL, ref, fl) == 0 &&
	    curl_url_get(h, CURLUPART_URL, &s, 0) == 0) {
		out = strdup(s);
		assert_non_null(out);
	}
	curl_free(s);
	curl_url_cleanup(h);
	return out;
}

static void
url_same(const char *what, const char *in, char *a, char *b)
{
	if ((a == NULL) != (b == NULL) ||
	    (a != NULL && strcmp(a, b) != 0))
		fail_msg("%s(%s): \"%s\" != \"%s\"", what, in,
		    a ? a : "NULL", b ? b : "NULL");
	free(a);
	free(b);
}

/*
 * Fail unless url_resolve and url_canonical give for u what curl gives,
 * and what they give for u with a trailing space (which never takes a
 * shortcut, so the fast path is checked against the slow one).
 */
static void
url_check_paths(const char *u)
{
	static const char *const bases[] = {
		NULL, "http://base.example/dir/page", "https://B.example/",
		"http://base.example/a/../b/./c?q#f",
		"file:///tmp/a%20b/feed.rss", "file:///tmp/./x",
		"file://host/x", "file:///x?", "ftp://a.example/",
	};
	char spaced[512];
	size_t i;

	if (strlen(u) + 2 > sizeof(spaced))
		return;
	snprintf(spaced, sizeof(spaced), "%s ", u);
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		url_same("url_resolve", u, url_resolve(bases[i], u),
		    url_resolve(bases[i], spaced));
		if (u[0] != '\0' && u[0] != '#' &&
		    strpbrk(u, " \t\r\n") == NULL)
			url_same("url_resolve vs curl", u,
			    url_resolve(bases[i], u), url_curl(bases[i], u));
	}
	url_same("url_canonical", u, url_canonical(u), url_canonical(spaced));
}

/* Hand-picked URLs at the edge of what may skip curl. */
static void
test_fast_path_edges(void **state)
{
	static const char *const urls[] = {
		"http://a.com/", "http://a.com", "https://a.com/x?y#z",
		"HTTP://a.com/", "hTTps://a.com/", "http://Ex.COM/A",
		"http://a.com?x", "http://a.com#x", "http://a.com/?",
		"http://a.com/#", "http://a.com/?#", "http://a.com/?#x",
		"http://a.com/x?#", "http://a.com/a#b#c", "http://a.com/##",
		"http://a..b/", "http://.a/", "http://a./", "http://-a/",
		"http://a_b.com/", "http://a.com/[x]", "http://a.com/%zz",
		"http://a.com/%2e%2E/x", "http://a.com/%2", "http://a.com/%",
		"http://a.com/a/./b", "http://a.com/a/../b", "http://a.com/a/.",
		"http://a.com/a/..", "http://a.com/.x", "http://a.com/..x",
		"http://a.com/a?b/../c", "http://a.com/a#/../",
		"http://a.com/x'()*!$,;=:@~", "http://a.com//x",
		"http://127.1/", "http://0x7f.1/", "http://1a.com/",
		"http://a.0x1/", "http://a.1/", "http://[::1]/",
		"http://u@a.com/", "http://u:p@a.com/", "http://a.com:80/",
		"http://a.com:/", "http://a.com:08080/", "https://a.com:443/",
		"http://a.com/x{y}", "http://a.com/x|y", "http://a.com/x^y",
		"http://a.com/x`y", "http://a.com/x\\y", "http://a.com\\x",
		"http://a.com/x\"y", "http://a.com/<x>", "http://a.com/x y",
		"http://a.com/\xc3\xa9", "http://\xc3\xa9.com/",
		"http://a.com/x\ty", "http:/a.com/", "http:a.com/",
		"http:///a.com/", "http://", "http:///", "https://a",
		"http://a.com/?utm_source=x", "http://a.com/?a=1&utm_x=2&b",
		"http://a.com/?&&", "http://a.com/?fbclid=1#f",
		"http://A.COM/P?Q=1&GCLID=2", "http://a.com/?a=1&&b=2&",
		"http://a.com/?=x", "http://a.com/?x=", "ftp://a.com/",
		"mailto:a@b.c", "//a.com/x", "/x", "x", "?y", "#z", "",
		"javascript:alert(1)", "data:text/html,x",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		url_check_paths(urls[i]);
}

/* Add the URLs in the file at path to the list; returns how many now. */
static size_t
url_collect_file(const char *path, char **list, size_t n)
{
	char *buf, *p, *end;
	size_t len;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return n;
	buf = malloc(CORPUS_FILE_MAX + 1);
	assert_non_null(buf);
	len = fread(buf, 1, CORPUS_FILE_MAX, f);
	fclose(f);
	buf[len] = '\0';
	for (p = buf; n < CORPUS_URLS && (p = strstr(p, "http")) != NULL;
	    p = end) {
		end = p + strcspn(p, "\"'<> \t\r\n)");
		if (strncmp(p, "http://", 7) != 0 &&
		    strncmp(p, "https://", 8) != 0)
			end = p + 4;
		else if (end - p < 400)
			list[n++] = strndup(p, end - p);
	}
	free(buf);
	return n;
}

/* Add the URLs in every file under dir, depth first. */
static size_t
url_collect_dir(const char *dir, char **list, size_t n)
{
	struct dirent *d;
	struct stat st;
	char path[4096];
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return n;
	while (n < CORPUS_URLS && (d = readdir(dp)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			n = url_collect_dir(path, list, n);
		else if (S_ISREG(st.st_mode))
			n = url_collect_file(path, list, n);
	}
	closedir(dp);
	return n;
}

/*
 * The URLs feeds really hold, and variants of each at the edge of the
 * fast path: both paths must agree on all of them.
 */
static void
test_fast_path_corpus(void **state)
{
	static const char *const suffix[] = {
		"", "/./x", "/../x", "?", "#", "?#", "?utm_medium=a&x=1",
		"%", "%4", " x", "\\", "|", "/.", "#a", "?a#b",
	};
	char **list, v[512];
	size_t n, i, j;

	(void)state;
	list = calloc(CORPUS_URLS, sizeof(*list));
	assert_non_null(list);
	n = url_collect_dir(CORPUS, list, 0);
	if (n == 0) {
		free(list);
		printf("# skipping: corpus not found at %s\n", CORPUS);
		skip();
	}
	printf("# %zu corpus URLs\n", n);
	for (i = 0; i < n; i++) {
		for (j = 0; j < sizeof(suffix) / sizeof(suffix[0]); j++) {
			snprintf(v, sizeof(v), "%s%s", list[i], suffix[j]);
			url_check_paths(v);
			if (i % 7 != 0)
				break;	/* variants on a sample only */
		}
		free(list[i]);
	}
	free(list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve_rfc3986),
		cmocka_unit_test(test_resolve_feeds),
		cmocka_unit_test(test_resolve_invalid),
		cmocka_unit_test(test_resolve_long),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_canonical_idempotent),
		cmocka_unit_test(test_scheme_is),
		cmocka_unit_test(test_fast_path_edges),
		cmocka_unit_test(test_fast_path_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
