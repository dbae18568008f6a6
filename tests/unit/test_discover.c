/*
 * Unit tests for discover: the rules on hand-written pages (base href,
 * relative hrefs, rel tokens, media types, duplicates, comment feeds last,
 * no feeds, broken markup), hostile sizes, and real pages from the
 * NetNewsWire and Readability corpora.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "feeds/discover.h"
#include "slurp.h"

#define DIR		FIXTURES "/discover/"
#define CORPUS		FIXTURES "/../../../shared/corpus/"
#define NNW		CORPUS "netnewswire-rsparser/"
#define READABILITY	CORPUS "readability/"
#define PAGE		"https://www.example.com/blog/post.html"

struct want {
	const char	*url;
	const char	*type;
	const char	*title;		/* NULL: no title */
};

/* Free out[0..n). */
static void
clear_all(struct discover_feed *out, int n)
{
	int i;

	for (i = 0; i < n; i++)
		discover_feed_clear(&out[i]);
}

/* Check that out[0..n) is exactly want[0..nwant), then free it. */
static void
check(const char *what, struct discover_feed *out, int n,
    const struct want *want, int nwant)
{
	char msg[1024] = "";
	int i;

	for (i = 0; i < n && i < nwant && msg[0] == '\0'; i++)
		if (strcmp(out[i].url, want[i].url) != 0 ||
		    strcmp(out[i].type, want[i].type) != 0 ||
		    (want[i].title == NULL) != (out[i].title == NULL) ||
		    (want[i].title != NULL &&
		    strcmp(out[i].title, want[i].title) != 0))
			snprintf(msg, sizeof(msg), "%s: feed %d: want %s %s "
			    "\"%s\", got %s %s \"%s\"", what, i, want[i].url,
			    want[i].type, want[i].title ? want[i].title :
			    "(null)", out[i].url, out[i].type,
			    out[i].title ? out[i].title : "(null)");
	if (msg[0] == '\0' && n != nwant)
		snprintf(msg, sizeof(msg), "%s: want %d feeds, got %d (first "
		    "extra: %s)", what, nwant, n, n > nwant ? out[nwant].url :
		    "-");
	clear_all(out, n);
	if (msg[0] != '\0')
		fail_msg("%s", msg);
}

/* Discover the feeds of fixture file name served from url. */
static int
run_file(const char *path, const char *url, struct discover_feed *out)
{
	size_t len;
	char *html;
	int n;

	if ((html = slurp(path, &len)) == NULL)
		fail_msg("cannot read %s", path);
	n = discover_feeds(html, len, url, out);
	free(html);
	assert_true(n >= 0 && n <= DISCOVER_MAX);
	return n;
}

#define CHECK(file, url, ...) do {					\
	static const struct want w_[] = { __VA_ARGS__ };		\
	struct discover_feed o_[DISCOVER_MAX];				\
	int n_ = run_file(DIR file, url, o_);				\
	check(file, o_, n_, w_, (int)(sizeof(w_) / sizeof(w_[0])));	\
} while (0)

#define CHECK_NONE(file, url) do {					\
	struct discover_feed o_[DISCOVER_MAX];				\
	int n_ = run_file(DIR file, url, o_);				\
	check(file, o_, n_, NULL, 0);					\
} while (0)

static void
test_base_href(void **state)
{
	(void)state;
	/* the first <base href> applies to the whole page, even before it */
	CHECK("base.html", PAGE,
	    { "https://cdn.example.net/blog/early.xml", "rss", "Before base" },
	    { "https://cdn.example.net/blog/feed.atom", "atom", "Relative" },
	    { "https://cdn.example.net/rss", "rss", "Root" },
	    { "https://example.org/feed.json", "json", "Absolute" });
	/* a relative base is resolved against the page */
	CHECK("base-relative.html", PAGE,
	    { "https://www.example.com/sub/dir/feed", "rss", NULL });
	/* a base that is not http(s) is ignored */
	CHECK("base-bad.html", PAGE,
	    { "https://www.example.com/blog/feed.xml", "rss", NULL });
	/* without a page URL, a <base> still makes hrefs absolute */
	CHECK("base.html", NULL,
	    { "https://cdn.example.net/blog/early.xml", "rss", "Before base" },
	    { "https://cdn.example.net/blog/feed.atom", "atom", "Relative" },
	    { "https://cdn.example.net/rss", "rss", "Root" },
	    { "https://example.org/feed.json", "json", "Absolute" });
}

static void
test_relative_href(void **state)
{
	(void)state;
	CHECK("relative.html", PAGE,
	    { "https://www.example.com/feed/", "rss", NULL },
	    { "https://www.example.com/blog/post.html?format=rss", "rss",
		NULL },
	    { "https://other.example/feed", "rss", NULL },
	    { "https://www.example.com/blog/rss.xml", "rss", NULL });
	/* no base at all: none is absolute ("//host" needs a scheme) */
	CHECK_NONE("relative.html", NULL);
	CHECK("relative.html", "http://example.net/",
	    { "http://example.net/feed/", "rss", NULL },
	    { "http://example.net/?format=rss", "rss", NULL },
	    { "http://other.example/feed", "rss", NULL },
	    { "http://example.net/rss.xml", "rss", NULL });
}

static void
test_rel_tokens(void **state)
{
	(void)state;
	CHECK("rel.html", "https://e.example/",
	    { "https://e.example/1", "rss", NULL },
	    { "https://e.example/2", "rss", NULL },
	    { "https://e.example/3", "rss", NULL },
	    { "https://e.example/4", "rss", NULL },
	    { "https://e.example/5", "rss", NULL });
}

static void
test_types(void **state)
{
	(void)state;
	CHECK("types.html", "https://e.example/",
	    { "https://e.example/rss", "rss", NULL },
	    { "https://e.example/atom", "atom", NULL },
	    { "https://e.example/rdf", "rdf", NULL },
	    { "https://e.example/feed.json", "json", NULL },
	    { "https://e.example/api.json", "json", NULL },
	    { "https://e.example/wp-json/feed", "json", NULL });
}

static void
test_duplicates(void **state)
{
	(void)state;
	/* the first announcement wins, whatever its type or title */
	CHECK("duplicates.html", "https://example.com/",
	    { "https://example.com/feed", "rss", "First" },
	    { "https://example.com/feed?page=2", "rss", "Other" });
}

static void
test_comments_last(void **state)
{
	(void)state;
	CHECK("comments.html", PAGE,
	    { "https://blog.example/feed/", "rss", "Blog \xc2\xbb Feed" },
	    { "https://blog.example/feed/podcast/", "rss", "Podcast" },
	    { "https://blog.example/comments/feed/", "rss",
		"Blog \xc2\xbb Comments Feed" },
	    { "https://blog.example/2024/01/post/COMMENTS/atom", "atom",
		"Post discussion" });
}

static void
test_no_feeds(void **state)
{
	static const char *const pages[] = {
		"", " ", "<", "<link", "<html>", "\xef\xbb\xbf",
		"<link rel=alternate type=application/rss+xml>",
		"<?xml version='1.0'?><rss><channel/></rss>",
		"\xff\xfe<\0h\0t\0m\0l\0>\0",
	};
	struct discover_feed out[DISCOVER_MAX];
	size_t i;

	(void)state;
	CHECK_NONE("none.html", PAGE);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
		assert_int_equal(discover_feeds(pages[i], strlen(pages[i]),
		    PAGE, out), 0);
	assert_int_equal(discover_feeds(NULL, 10, PAGE, out), 0);
	assert_int_equal(discover_feeds("<link>", 0, PAGE, out), 0);
	discover_feed_clear(NULL);
}

static void
test_broken_html(void **state)
{
	(void)state;
	/* libxml2 recovers: links in body, in tables, unquoted, upper case;
	 * the tag left open by a missing '>' swallows the next one (meta),
	 * and the page may end inside a link */
	CHECK("broken.html", "http://e.example/a/",
	    { "http://e.example/unquoted", "rss", "Unquoted" },
	    { "http://e.example/single", "atom", "Single" },
	    { "http://e.example/in-table", "rss", "In a table" },
	    { "http://e.example/in-svg", "rss", NULL },
	    { "http://e.example/upper", "rss", "Upper & case" },
	    { "http://e.example/empty-title", "rss", NULL },
	    { "http://e.example/blank-title", "rss", NULL },
	    { "http://e.example/entities", "rss",
		"Caf\xc3\xa9 \xe2\x80\x94 <b>" },
	    { "http://e.example/no-end", "rss", NULL });
}

/* A malloc'd buffer of n bytes: head, then fill repeated, then tail. */
static char *
build(const char *head, const char *fill, size_t n, const char *tail,
    size_t *lenp)
{
	size_t hl = strlen(head), fl = strlen(fill), tl = strlen(tail), i;
	char *s;

	assert_true(n >= hl + tl);
	assert_non_null(s = malloc(n + 1));
	memcpy(s, head, hl);
	for (i = hl; i < n - tl; i++)
		s[i] = fill[(i - hl) % fl];
	memcpy(s + n - tl, tail, tl);
	s[n] = '\0';
	*lenp = n;
	return s;
}

#define LINK(h) \
	"<link rel=alternate type=application/rss+xml href=" h ">"

static void
test_huge_page(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	char *s;
	size_t len;
	int n;

	(void)state;
	/* only the first MiB is read: a link past it is not seen */
	s = build("<html><head>" LINK("/first") "</head><body><p>", "x",
	    3 * 1024 * 1024, LINK("/late") "</body></html>", &len);
	assert_int_equal(n = discover_feeds(s, len, PAGE, out), 1);
	assert_string_equal(out[0].url, "https://www.example.com/first");
	clear_all(out, n);
	free(s);
}

static void
test_many_attributes(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	char *s;
	size_t len;
	clock_t t0;
	int n;

	(void)state;
	/* a tag with 50,000 attributes: what comes before still counts */
	s = build("<head>" LINK("/before") "<link", " a", 100000,
	    " rel=alternate type=application/rss+xml href=/in>"
	    LINK("/after"), &len);
	t0 = clock();
	assert_int_equal(n = discover_feeds(s, len, PAGE, out), 1);
	assert_true(clock() - t0 < CLOCKS_PER_SEC);
	assert_string_equal(out[0].url, "https://www.example.com/before");
	clear_all(out, n);
	free(s);
}

/* A page of a link, depth nested <div>s, and a link inside them. */
static int
run_deep(size_t depth, struct discover_feed *out)
{
	size_t len;
	char *s;
	int n;

	s = build(LINK("/top"), "<div>", strlen(LINK("/top")) + 5 * depth +
	    strlen(LINK("/deep")), LINK("/deep"), &len);
	n = discover_feeds(s, len, PAGE, out);
	free(s);
	assert_true(n >= 1);
	assert_string_equal(out[0].url, "https://www.example.com/top");
	return n;
}

static void
test_deep_nesting(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	int n;

	(void)state;
	n = run_deep(100, out);
	assert_int_equal(n, 2);
	assert_string_equal(out[1].url, "https://www.example.com/deep");
	clear_all(out, n);
	/* libxml2 stops at depth 256 (no XML_PARSE_HUGE): what came
	 * before is kept, and the walk needs no stack */
	clear_all(out, n = run_deep(1000, out));
	assert_int_equal(n, 1);
	clear_all(out, n = run_deep(200000, out));
	assert_int_equal(n, 1);
}

static void
test_long_title(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	char *s;
	size_t len;
	int n;

	(void)state;
	/* a 600 KB title is cut to 512 bytes, on a character boundary */
	s = build("<link rel=alternate type=application/rss+xml href=/t "
	    "title='a", "\xc3\xa9", 600000, "'>", &len);
	assert_int_equal(n = discover_feeds(s, len, PAGE, out), 1);
	assert_int_equal(strlen(out[0].title), 511);
	assert_true(out[0].title[0] == 'a');
	clear_all(out, n);
	free(s);
}

static void
test_long_href(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	char *s;
	size_t len;
	int n;

	(void)state;
	/* an href of 100 KB is no URL */
	s = build(LINK("/ok") "<link rel=alternate type=application/rss+xml "
	    "href='/", "x", 100000, "'>", &len);
	assert_int_equal(n = discover_feeds(s, len, PAGE, out), 1);
	assert_string_equal(out[0].url, "https://www.example.com/ok");
	clear_all(out, n);
	free(s);
}

static void
test_nul_byte(void **state)
{
	static const char page[] = LINK("/a") "\0" LINK("/b");
	struct discover_feed out[DISCOVER_MAX];
	int n;

	(void)state;
	/* a NUL byte ends the page */
	assert_int_equal(n = discover_feeds(page, sizeof(page) - 1, PAGE,
	    out), 1);
	assert_string_equal(out[0].url, "https://www.example.com/a");
	clear_all(out, n);
}

static void
test_too_many_feeds(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	char *s, *p;
	size_t i;
	int n;

	(void)state;
	/* 100 feeds, half of them comments: 16 kept, comment feeds first
	 * to go */
	assert_non_null(s = malloc(100 * 128));
	for (p = s, i = 0; i < 100; i++)
		p += sprintf(p, "<link rel=alternate type=application/rss+xml "
		    "href=/%s/%zu>", i % 2 ? "comments" : "feed", i);
	assert_int_equal(n = discover_feeds(s, strlen(s), PAGE, out),
	    DISCOVER_MAX);
	for (i = 0; i < DISCOVER_MAX; i++) {
		char want[64];

		snprintf(want, sizeof(want), "https://www.example.com/feed/%zu",
		    2 * i);
		assert_string_equal(out[i].url, want);
	}
	clear_all(out, n);
	free(s);
}

static void
test_utf8_cut(void **state)
{
	struct discover_feed out[DISCOVER_MAX];
	size_t len, i;
	char *s;
	int n;

	(void)state;
	/* a title that runs over the first MiB, which ends inside a
	 * character: the page is cut before it, the parser recovers the
	 * link, and the title is whole characters */
	s = build("<link rel=alternate type=application/rss+xml href=/u "
	    "title='", "\xe2\x80\x94", 2 * 1024 * 1024, "'>", &len);
	assert_true(((unsigned char)s[1024 * 1024] & 0xc0) == 0x80);
	n = discover_feeds(s, len, PAGE, out);
	free(s);
	assert_int_equal(n, 1);
	assert_string_equal(out[0].url, "https://www.example.com/u");
	assert_non_null(out[0].title);
	assert_int_equal(strlen(out[0].title), 510);
	for (i = 0; i < 510; i += 3)
		assert_memory_equal(out[0].title + i, "\xe2\x80\x94", 3);
	clear_all(out, n);
}

/* Read corpus file path, or skip (with a message) when it is missing. */
static char *
corpus(const char *path, size_t *len)
{
	char *html;

	if ((html = slurp(path, len)) == NULL) {
		print_message("# corpus missing: %s (skipped)\n", path);
		skip();
	}
	return html;
}

static void
test_netnewswire(void **state)
{
	static const struct {
		const char	*file;
		const char	*page;
		struct want	 want[2];
		int		 n;
	} pages[] = {
		{ "DaringFireball.html", "https://daringfireball.net/", {
		    { "https://daringfireball.net/feeds/main", "atom",
			NULL } }, 1 },
		{ "inessential.html", "https://inessential.com/", {
		    { "http://inessential.com/xml/rss.xml", "rss", "RSS" } },
		    1 },
		{ "coco.html", "https://www.theatlantic.com/", {
		    { "https://www.theatlantic.com/feed/all/", "rss",
			"The Atlantic" },
		    { "https://www.theatlantic.com/feed/best-of/", "rss",
			"Best of The Atlantic" } }, 2 },
		{ "YouTubeTheVolvoRocks.html",
		    "https://www.youtube.com/user/TheVolvorocks", {
		    { "https://www.youtube.com/feeds/videos.xml?channel_id="
			"UCct7QF2jcWRY6dhXWMSq9LQ", "rss", "RSS" } }, 1 },
	};
	struct discover_feed out[DISCOVER_MAX];
	char path[512];
	size_t i, len;
	char *html;
	int n;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), NNW "%s", pages[i].file);
		html = corpus(path, &len);
		n = discover_feeds(html, len, pages[i].page, out);
		free(html);
		print_message("# %s: %d feed(s)\n", pages[i].file, n);
		check(pages[i].file, out, n, pages[i].want, pages[i].n);
	}
}

/*
 * Readability pages, and the feeds expected on each: the counts are those
 * of a Python html.parser reference applying the same rules, which agrees
 * with discover on all 98 pages of the corpus's development part.
 */
struct readability_page {
	const char	*dir;
	int		 n;
	const char	*first;		/* NULL: not checked */
	const char	*last;		/* NULL: not checked */
};

static const struct readability_page readability_pages[] = {
	{ "001", 5, "http://fakehost/code/feed/",
	    "http://fakehost/feed/" },
	{ "ebb-org", 2, "http://ebb.org/bkuhn/rss.xml",
	    "http://ebb.org/bkuhn/blog/rss.xml" },
	/* its wp-json REST link is no feed */
	{ "firefox-nightly-blog", 3, "https://blog.nightly.mozilla.org/"
	    "feed/", "https://blog.nightly.mozilla.org/2020/12/18/"
	    "these-weeks-in-firefox-issue-85/feed/" },
	{ "gitlab-blog", 4, "http://fakehost/atom.xml",
	    "http://fakehost/releases.xml" },
	{ "heise", 2, "http://www.heise.de/mac-and-i/news-atom.xml",
	    "http://www.heise.de/mac-and-i/news.rdf" },
	{ "links-in-tables", 3, "https://android-developers.googleblog."
	    "com/feeds/posts/default", "https://android-developers."
	    "googleblog.com/feeds/2701400044422363572/comments/"
	    "default" },
	{ "wordpress", 4, "https://wptavern.com/feed",
	    "https://wptavern.com/stack-overflow-jobs-data-shows-"
	    "reactjs-skills-in-high-demand-wordpress-market-"
	    "oversaturated-with-developers/feed" },
	{ "seattletimes-1", 3, "https://www.seattletimes.com/feed/",
	    NULL },
	{ "wikipedia-2", 0, NULL, NULL },
	{ "yahoo-2", 0, NULL, NULL },
	{ "nytimes-5", 1, "https://rss.nytimes.com/services/xml/rss/"
	    "nyt/es.xml", NULL },
	/* a JSON Feed announced as application/json */
	{ "medicalnewstoday", 2, NULL, "https://rss.medicalnewstoday."
	    "com/json/featurednews.json" },
	{ "breitbart", 1, NULL, NULL },
};

static void
test_readability(void **state)
{
	const struct readability_page *pg;
	struct discover_feed out[DISCOVER_MAX];
	char path[512];
	size_t i, len;
	char *html;
	int n, j, ok;

	(void)state;
	for (i = 0; i < sizeof(readability_pages) /
	    sizeof(readability_pages[0]); i++) {
		pg = &readability_pages[i];
		snprintf(path, sizeof(path), READABILITY "%s/source.html",
		    pg->dir);
		html = corpus(path, &len);
		n = discover_feeds(html, len, "http://fakehost/test/page.html",
		    out);
		free(html);
		print_message("# readability/%s (%zu bytes): %d feed(s)\n",
		    pg->dir, len, n);
		for (j = 0; j < n; j++)
			print_message("#   %s %s \"%s\"\n", out[j].type,
			    out[j].url, out[j].title ? out[j].title : "");
		ok = n == pg->n && (n == 0 || ((pg->first == NULL ||
		    strcmp(out[0].url, pg->first) == 0) && (pg->last == NULL ||
		    strcmp(out[n - 1].url, pg->last) == 0)));
		clear_all(out, n);
		if (!ok)
			fail_msg("readability/%s: want %d feeds from %s to %s, "
			    "got %d", pg->dir, pg->n, pg->first ? pg->first :
			    "-", pg->last ? pg->last : "-", n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base_href),
		cmocka_unit_test(test_relative_href),
		cmocka_unit_test(test_rel_tokens),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_comments_last),
		cmocka_unit_test(test_no_feeds),
		cmocka_unit_test(test_broken_html),
cmocka_unit_test(test_huge_page),
		cmocka_unit_test(test_many_attributes),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_long_title),
		cmocka_unit_test(test_long_href),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_too_many_feeds),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_netnewswire),
		cmocka_unit_test(test_readability),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
