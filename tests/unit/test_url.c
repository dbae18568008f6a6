/*
 * Unit tests for url: resolution, the canonical form, the story key,
 * scheme checks.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
		"http://127.0.0.1:8080/feeds/f.xml", "https://a.example:1/",
		"http://a.example:65535/x", "http://a.example:65536/x",
		"http://a.example:0/x", "http://a.example:/x",
		"http://a.example:0080/x", "http://a.example:99999999999/x",
		"http://999.1.1.1/x", "http://1.2.3/x", "http://0x7f.1/x",
		"http://-a.example/x", "http://a..example/x",
		"http://a.example./x", "http://9/x", "http://a_b.example/x",
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

/* The feeds file's tracking-params, as the tests of url_story pass them. */
static const char *const story_extra[] = { "ncid", "CMPID", "xtor", NULL };

struct url_pair {
	const char	*a;
	const char	*b;
};

/* Keys of a and b under story_extra; fails when either is NULL. */
static void
url_story_pair(const struct url_pair *p, char **ka, char **kb)
{
	*ka = url_story(p->a, story_extra);
	*kb = url_story(p->b, story_extra);
	if (*ka == NULL || *kb == NULL)
		fail_msg("url_story(%s) = %s, url_story(%s) = %s", p->a,
		    *ka ? *ka : "NULL", p->b, *kb ? *kb : "NULL");
}

static void
test_story_same(void **state)
{
	static const struct url_pair pairs[] = {
		/* the Guardian's www and amp hosts, and the scheme */
		{ "https://www.theguardian.com/world/2024/apr/15/x",
		    "https://amp.theguardian.com/world/2024/apr/15/x" },
		{ "http://www.theguardian.com/world/2024/apr/15/x",
		    "https://theguardian.com/world/2024/apr/15/x" },
		/* AMP paths and parameters as real sites write them */
		{ "https://www.nytimes.com/2024/04/15/world/x.html",
		    "https://www.nytimes.com/2024/04/15/world/x.amp.html" },
		{ "https://mobile.nytimes.com/2024/04/15/world/x.html",
		    "https://www.nytimes.com/2024/04/15/world/x.html" },
		{ "https://www.bbc.com/news/world-us-canada-68823827",
		    "https://www.bbc.com/news/world-us-canada-68823827.amp" },
		{ "https://www.bbc.co.uk/news/uk-68823827",
		    "https://m.bbc.co.uk/news/uk-68823827" },
		{ "https://www.washingtonpost.com/world/2024/04/15/x/",
		    "https://www.washingtonpost.com/world/2024/04/15/x/"
		    "?outputType=amp" },
		{ "https://www.independent.co.uk/news/world/x-b2529000.html",
		    "https://www.independent.co.uk/news/world/x-b2529000.html"
		    "?amp" },
		{ "https://www.huffpost.com/entry/x_n_661d",
		    "https://www.huffpost.com/entry/x_n_661d/amp" },
		{ "https://edition.cnn.com/2024/04/15/world/x/index.html",
		    "https://edition.cnn.com/2024/04/15/world/x" },
		{ "https://blog.example.org/2024/04/15/post/amp/",
		    "https://blog.example.org/2024/04/15/post/" },
		{ "https://blog.example.org/2024/04/15/post/?amp=1",
		    "https://blog.example.org/2024/04/15/post" },
		{ "https://example.com/news/story.amp.html",
		    "https://example.com/news/story.html" },
		{ "https://example.com/amp/news/x",
		    "https://example.com/news/x" },
		{ "https://example.com/news/x/amp.html",
		    "https://example.com/news/x/" },
		{ "https://example.com/news/x?_amp=true",
		    "https://example.com/news/x" },
		{ "https://m.example.com/news/story.amp",
		    "https://www.example.com/news/story" },
		{ "https://example.com/x?id=2&amp=1#top",
		    "https://www.example.com/x/?id=2" },
		{ "https://example.com/x?amp&id=2",
		    "https://example.com/x?id=2" },
		/* index files and trailing slashes */
		{ "https://example.com/news/index.htm",
		    "https://example.com/news/" },
		{ "https://example.com/news/index.php",
		    "https://example.com/news" },
		{ "https://example.com/news/index.shtml",
		    "https://example.com/news/" },
		{ "http://example.gov/news/Default.aspx",
		    "http://example.gov/news" },
		{ "http://example.com/index.html", "http://example.com" },
		{ "https://www.example.com", "https://example.com/" },
		/* the query: order, tracking, empty parameters */
		{ "https://example.com/a/?utm_source=x&b=2&a=1",
		    "https://example.com/a?a=1&b=2" },
		{ "https://example.com/x?b=2&a=1&c",
		    "https://example.com/x?c&a=1&b=2" },
		{ "https://example.com/x?a=1&a&b",
		    "https://example.com/x?b&a&a=1" },
		{ "https://example.com/x?&a=1&&b=2&",
		    "https://example.com/x?b=2&a=1" },
		{ "https://example.com/x?fbclid=IwAR0&gclid=1",
		    "https://example.com/x" },
		{ "https://example.com/x?utm%5Fsource=rss",
		    "https://example.com/x" },
		{ "https://example.com/x?spm=a2c.b1.0&id=7",
		    "https://example.com/x?id=7" },
		{ "https://english.news.cn/20240415/ab/c.html?from=timeline",
		    "http://english.news.cn/20240415/ab/c.html" },
		{ "https://example.com/x?From=rss&SPM=1",
		    "https://example.com/x" },
		/* the feeds file's extra parameters, any case */
		{ "https://example.com/x?ncid=rss_feed",
		    "https://example.com/x" },
		{ "https://example.com/x?cmpid=foo&a=b",
		    "https://example.com/x?a=b" },
		{ "https://www.lemonde.fr/international/article/2024/04/15/"
		    "x_1_2.html?xtor=RSS-3208",
		    "https://www.lemonde.fr/international/article/2024/04/15/"
		    "x_1_2.html" },
		/* percent-encoding (RFC 3986 6.2.2) */
		{ "https://example.com/~user/x",
		    "https://example.com/%7euser/x" },
		{ "https://example.com/%7Euser/x",
		    "https://example.com/%7euser/x" },
		{ "https://example.com/a%2fb", "https://example.com/a%2Fb" },
		{ "https://example.com/%41%42c", "https://example.com/ABc" },
		{ "https://example.com/\xc3\xa4",
		    "https://example.com/%c3%a4" },
		{ "https://example.com/?q=%7e", "https://example.com?q=~" },
		{ "https://example.com/x?q=%e4%b8%ad",
		    "https://example.com/x?q=\xe4\xb8\xad" },
		/* ports, fragments, case, dot segments */
		{ "http://example.com:80/x", "http://example.com/x" },
		{ "https://example.com:443/x", "http://example.com/x" },
		{ "http://example.com:8080/x",
		    "http://www.example.com:8080/x/" },
		{ "https://example.com/x#comments", "https://example.com/x" },
		{ "HTTPS://WWW.Example.COM/x", "http://example.com/x" },
		{ "https://example.com/a/b/../c/./d",
		    "https://example.com/a/c/d" },
		{ "  https://example.com/x\n", "https://example.com/x" },
	};
	char *ka, *kb;
	size_t i;

	(void)state;
	assert_true(sizeof(pairs) / sizeof(pairs[0]) >= 40);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		url_story_pair(&pairs[i], &ka, &kb);
		if (strcmp(ka, kb) != 0)
			fail_msg("same story: %s -> \"%s\", %s -> \"%s\"",
			    pairs[i].a, ka, pairs[i].b, kb);
		free(ka);
		free(kb);
	}
}

static void
test_story_differ(void **state)
{
	static const struct url_pair pairs[] = {
		{ "https://example.com/a", "https://example.com/b" },
		{ "https://example.com/x?id=1", "https://example.com/x?id=2" },
		{ "https://example.com/x?p=1", "https://example.com/x?p=2" },
		{ "https://example.com/x?id=1", "https://example.com/x" },
		{ "https://example.com/x?id=1&id=2",
		    "https://example.com/x?id=1" },
		{ "https://example.com/x?Id=1", "https://example.com/x?id=1" },
		{ "https://example.com/A", "https://example.com/a" },
		{ "https://example.com/news/amplifier",
		    "https://example.com/news" },
		{ "https://example.com/amplifier/x", "https://example.com/x" },
		{ "https://example.com/story.amplified",
		    "https://example.com/story" },
		{ "https://example.com/news/amp/x",
		    "https://example.com/news/x" },
		{ "https://example.com/x/amp/y", "https://example.com/x/y" },
		{ "https://amp-news.example/x", "https://news.example/x" },
		{ "https://www2.example.com/x", "https://example.com/x" },
		{ "https://sub.example.com/x", "https://example.com/x" },
		{ "https://example.com/x", "https://example.org/x" },
		{ "https://example.com:8080/x", "https://example.com/x" },
		{ "http://example.com:443/x", "https://example.com/x" },
		{ "https://example.com/x?amp=0", "https://example.com/x" },
		{ "https://example.com/x?fromage=1", "https://example.com/x" },
		{ "https://example.com/x?spmx=1", "https://example.com/x" },
		{ "https://example.com/x/index.html2",
		    "https://example.com/x" },
		{ "https://example.com/x/myindex.html",
		    "https://example.com/x" },
		{ "https://example.com/a%2Fb", "https://example.com/a/b" },
		{ "https://example.com/x?a=1%262",
		    "https://example.com/x?a=1&2" },
		{ "https://example.com/x?q=a%2Bb",
		    "https://example.com/x?q=a+b" },
		{ "https://www.example.com/", "https://www.example.com/x" },
		{ "https://example.com/x?ref=a",
		    "https://example.com/x?ref=b" },
	};
	char *ka, *kb;
	size_t i;

	(void)state;
	assert_true(sizeof(pairs) / sizeof(pairs[0]) >= 20);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		url_story_pair(&pairs[i], &ka, &kb);
		if (strcmp(ka, kb) == 0)
			fail_msg("different stories: %s and %s -> \"%s\"",
			    pairs[i].a, pairs[i].b, ka);
		free(ka);
		free(kb);
	}
}

static void
test_story_key(void **state)
{
	static const struct url_case cases[] = {
		{ NULL, "HTTPS://Www.Example.COM:443/News/?b=2&a=1#f",
		    "//example.com/News?a=1&b=2" },
		{ NULL, "http://example.com", "//example.com/" },
		{ NULL, "http://example.com/?", "//example.com/" },
		{ NULL, "http://example.com/index.html", "//example.com/" },
		{ NULL, "http://example.com/amp", "//example.com/" },
		{ NULL, "http://example.com/amp/", "//example.com/" },
		{ NULL, "http://example.com/x/story.amp?outputType=amp",
		    "//example.com/x/story" },
		{ NULL, "http://example.com/x/.amp", "//example.com/x/.amp" },
		{ NULL, "http://www.com/", "//www.com/" },
		{ NULL, "http://amp.dev/x", "//amp.dev/x" },
		{ NULL, "http://www.m.example.com/", "//m.example.com/" },
		{ NULL, "https://[::1]:8443/amp/x?z&amp=1",
		    "//[::1]:8443/x?z" },
		{ NULL, "https://u:p@www.example.com:8080/x",
		    "//u:p@example.com:8080/x" },
		{ NULL, "http://example.com/%7e%41/%c3%a4?q=%7euser%2f",
		    "//example.com/~A/%C3%A4?q=~user%2F" },
		{ NULL,
		    "http://example.com/a-b_c.d~e%2d%5F%2e%7E%3a%2F?%3D=%26",
		    "//example.com/a-b_c.d~e-_.~%3A%2F?%3D=%26" },
		{ NULL, "http://example.com/%zz?%", "//example.com/%zz?%" },
		{ NULL, "http://example.com/x?ncid=1&b", "//example.com/x?b" },
		{ NULL, "", NULL },
		{ NULL, "   ", NULL },
		{ NULL, "example.com/x", NULL },
		{ NULL, "//example.com/x", NULL },
		{ NULL, "/x", NULL },
		{ NULL, "ftp://example.com/x", NULL },
		{ NULL, "file:///etc/passwd", NULL },
		{ NULL, "mailto:a@example.com", NULL },
		{ NULL, "javascript:alert(1)", NULL },
		{ NULL, "data:text/html,x", NULL },
		{ NULL, "http://", NULL },
		{ NULL, "http://exa mple.com/", NULL },
		{ NULL, "http://example.com:99999/", NULL },
	};
	static const char *const none[] = { NULL };
	char *k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_check("url_story", &cases[i],
		    url_story(cases[i].in, story_extra));
	assert_null(url_story(NULL, story_extra));
	assert_null(url_story(NULL, NULL));
	/* without the feeds file's list, its parameters name the story */
	k = url_story("http://example.com/x?ncid=1&b", NULL);
	assert_non_null(k);
	assert_string_equal(k, "//example.com/x?b&ncid=1");
	free(k);
	k = url_story("http://example.com/x?ncid=1&spm=2", none);
	assert_non_null(k);
	assert_string_equal(k, "//example.com/x?ncid=1");
	free(k);
	/* url_canonical is not loosened by it */
	k = url_canonical("http://www.example.com/x/?spm=1&from=2");
	assert_non_null(k);
	assert_string_equal(k, "http://www.example.com/x/?spm=1&from=2");
	free(k);
}

/* Many parameters in reverse order come out sorted; a huge URL fails. */
static void
test_story_long(void **state)
{
	const size_t nparam = 5000;
	char *url, *k, *p, *prev;
	size_t i, n = 64 * 1024 + 64;

	(void)state;
	url = malloc(n);
	assert_non_null(url);
	p = url + sprintf(url, "https://example.com/x?");
	for (i = nparam; i > 0; i--)
		p += sprintf(p, "p%05zu=%zu%s", i, i, i > 1 ? "&" : "");
	k = url_story(url, story_extra);
	assert_non_null(k);
	assert_int_equal(strlen(k), strlen(url) - strlen("https:"));
	for (prev = NULL, p = strchr(k, '?') + 1; p != NULL;
	    p = strchr(p, '&') != NULL ? strchr(p, '&') + 1 : NULL) {
		if (prev != NULL)
			assert_true(strcmp(prev, p) < 0);
		prev = p;
	}
	free(k);
	memset(url + 20, 'a', n - 21);
	url[n - 1] = '\0';
	assert_null(url_story(url, NULL));
	free(url);
}

/* Fail unless url_story gives u's key for the variant v of u too. */
static void
url_story_agree(const char *u, const char *v, const char *key)
{
	char *k;

	k = url_story(v, story_extra);
	if (k == NULL || strcmp(k, key) != 0)
		fail_msg("url_story(%s) = \"%s\" but url_story(%s) = \"%s\"",
		    u, key, v, k ? k : "NULL");
	free(k);
}

/*
 * On the links feeds really hold: a key whenever there is a canonical
 * form, and the same key for the other scheme, a fragment, a tracking
 * parameter and a trailing space (which takes curl's path).
 */
static void
test_story_corpus(void **state)
{
	char **list, *c, *key, v[512];
	const char *rest;
	size_t n, i;
	clock_t t0;

	(void)state;
	list = calloc(CORPUS_URLS, sizeof(*list));
	assert_non_null(list);
	n = url_collect_dir(CORPUS, list, 0);
	if (n == 0) {
		free(list);
		printf("# skipping: corpus not found at %s\n", CORPUS);
		skip();
	}
	t0 = clock();
	for (i = 0; i < n; i++)
		free(url_story(list[i], story_extra));
	printf("# %zu corpus URLs, %.1f us per url_story\n", n,
	    (double)(clock() - t0) * 1e6 / CLOCKS_PER_SEC / n);
	for (i = 0; i < n; i++) {
		c = url_canonical(list[i]);
		key = url_story(list[i], story_extra);
		if ((c == NULL) != (key == NULL))
			fail_msg("url_story(%s) = %s", list[i],
			    key ? key : "NULL");
		if (key != NULL && strncmp(key, "//", 2) != 0)
			fail_msg("url_story(%s) = \"%s\"", list[i], key);
		if (key != NULL && strlen(list[i]) < 400) {
			rest = strstr(list[i], "://") + 3;
			snprintf(v, sizeof(v), "%s ", list[i]);
			url_story_agree(list[i], v, key);
			if (rest[strcspn(rest, ":/?#")] != ':') {
				snprintf(v, sizeof(v), "%s://%s",
				    list[i][4] == 's' ? "http" : "https",
				    rest);
				url_story_agree(list[i], v, key);
			}
			if (strchr(list[i], '#') == NULL) {
				snprintf(v, sizeof(v), "%s#x", list[i]);
				url_story_agree(list[i], v, key);
				snprintf(v, sizeof(v), "%s%cutm_source=t",
				    list[i], strchr(list[i], '?') ? '&' : '?');
				url_story_agree(list[i], v, key);
			}
		}
		free(c);
		free(key);
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
		cmocka_unit_test(test_story_same),
		cmocka_unit_test(test_story_differ),
		cmocka_unit_test(test_story_key),
		cmocka_unit_test(test_story_long),
		cmocka_unit_test(test_story_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
