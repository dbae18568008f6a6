/*
 * Unit tests for page: a listing page read with a source's selectors
 * (order, links resolved, ids, split titles, dates in a zone) and with
 * the selectors the list finder guesses, a page with no list and the
 * "not a feed" message made of it, a GBK page declared only in <meta>,
 * bad selectors and zones, unreadable pages, an article page read and
 * merged into its item (content taken, byline label dropped, canonical
 * link, what the item already has kept), and hostile canonical URLs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "feeds/article.h"
#include "feeds/date.h"
#include "feeds/item.h"
#include "feeds/listfind.h"
#include "feeds/page.h"

#define LIST_URL	"https://news.example.cn/city/index.html"
#define ART_URL		"https://news.example.cn/city/2024/0301.html" \
			"?utm_source=rss"
#define NOW		1710000000	/* 2024-03-09T16:00:00Z */

/* A listing page: navigation, then the news list, then a footer. */
static const char list_html[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>City News</title></head><body>"
    "<ul class=\"nav\"><li><a href=\"/\">Home</a></li>"
    "<li><a href=\"/about\">About</a></li></ul>"
    "<ul class=\"news-list\">"
    "<li><a href=\"/city/2024/0301.html\">Metro line 18 opens to "
    "passengers | Transport | Metro</a>"
    "<span class=\"date\">2024-03-01 09:30</span></li>"
    "<li><a href=\"0302.html?id=7\">Spring flower show begins in the "
    "city park | Culture</a>"
    "<span class=\"date\">2024-03-02 14:00</span></li>"
    "<li><a href=\"https://other.example.org/port\">Port volumes up six "
    "percent on the year</a>"
    "<span class=\"date\">2024-03-03 08:15</span></li>"
    "</ul><p class=\"footer\">Copyright 2024</p></body></html>";

/* What list_html gives, in order. */
static const struct {
	const char	*link;
	const char	*title;
	const char	*cats[3];
	const char	*date;
} list_want[] = {
	{ "https://news.example.cn/city/2024/0301.html",
	    "Metro line 18 opens to passengers", { "Transport", "Metro" },
	    "2024-03-01T01:30:00Z" },
	{ "https://news.example.cn/city/0302.html?id=7",
	    "Spring flower show begins in the city park", { "Culture" },
	    "2024-03-02T06:00:00Z" },
	{ "https://other.example.org/port",
	    "Port volumes up six percent on the year", { NULL },
	    "2024-03-03T00:15:00Z" },
};

/* An article page: navigation, share bar, byline, paragraphs. */
static const char art_html[] =
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
    "<title>Metro line 18 opens to passengers - City News</title>"
    "<meta property=\"article:published_time\" "
    "content=\"2024-03-01T09:30:00+08:00\">"
    "<link rel=\"canonical\" href=\"HTTPS://News.Example.CN:443/city/"
    "2024/0301.html?utm_medium=feed#top\"></head><body>"
    "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/city\">City"
    "</a></li><li><a href=\"/world\">World</a></li></ul></nav>"
    "<div class=\"share-bar\"><a href=\"https://share.example/wb\">"
    "Share on Weibo</a> <a href=\"https://share.example/wx\">WeChat</a>"
    "</div><article><h1>Metro line 18 opens to passengers</h1>"
    "<p class=\"byline\">By Li Wei</p>"
    "<p>The second phase of metro line 18 opened to passengers on "
    "Friday morning, linking the northern districts with the city "
    "centre in under forty minutes, the transport commission said.</p>"
    "<p>Eight new stations serve about three hundred thousand residents, "
    "and trains will run every four minutes at peak hours, according to "
    "the operator, which expects the line to carry two hundred thousand "
    "passengers a day by the end of the year.</p>"
    "<p>Bus routes along the corridor will be adjusted next month to "
    "feed the new stations, and more park-and-ride spaces are planned "
    "near the terminus, officials told reporters at the opening.</p>"
    "</article><footer>Copyright 2024 City News</footer></body></html>";

/* Compare a string that may be NULL. */
#define assert_str(a, b) do {						\
	if ((b) == NULL)						\
		assert_null(a);						\
	else {								\
		assert_non_null(a);					\
		assert_string_equal((a), (b));				\
	}								\
} while (0)

/* Assert that t is the instant want (RFC 3339, or "0" for unknown). */
static void
assert_date(time_t t, const char *want)
{
	char buf[DATE_RFC3339_LEN];

	if (t == 0) {
		assert_string_equal("0", want);
		return;
	}
	date_rfc3339(t, buf);
	assert_string_equal(buf, want);
}

static time_t
iso(const char *s)
{
	time_t t;

	if (date_parse(s, &t) == -1)
		fail_msg("bad test date %s", s);
	return t;
}

/* The rules of the listing's source. */
static struct page_rules
list_rules(void)
{
	struct page_rules r;

	memset(&r, 0, sizeof(r));
	r.sel[SCRAPE_ITEMS] = "ul.news-list > li";
	r.sel[SCRAPE_LINK] = "a @href";
	r.sel[SCRAPE_DATE] = "span.date";
	r.timezone = "Asia/Shanghai";
	return r;
}

/* Assert that l is what list_html gives, max_items of it. */
static void
assert_list(const struct item_list *l, size_t max_items)
{
	const struct item *it;
	size_t i, c, ncats;

	assert_non_null(l);
	assert_int_equal(l->count, max_items);
	assert_str(l->format, "html");
	assert_str(l->encoding, "UTF-8");
	assert_str(l->title, "City News");
	assert_str(l->link, LIST_URL);
	assert_int_equal(l->nwarnings, 0);
	for (i = 0, it = l->head; it != NULL; i++, it = it->next) {
		assert_true(i < max_items);
		assert_str(it->link, list_want[i].link);
		assert_str(it->id, list_want[i].link);
		assert_str(it->title, list_want[i].title);
		assert_date(it->published, list_want[i].date);
		for (ncats = 0; ncats < 3 && list_want[i].cats[ncats] != NULL;
		    ncats++)
			;
		assert_int_equal(it->ncategories, ncats);
		for (c = 0; c < ncats; c++)
			assert_string_equal(it->categories[c],
			    list_want[i].cats[c]);
	}
	assert_int_equal(i, max_items);
}

/* The source's selectors: every item, in order, as documented. */
static void
t_items_rules(void **state)
{
	struct page_rules r = list_rules();
	struct listfind found;
	struct item_list *l;
	char err[256] = "";

	(void)state;
	memset(&found, 0x5a, sizeof(found));
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, &found, err, sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_list(l, 3);
	/* nothing was guessed: found is left empty */
	assert_null(found.items);
	assert_null(found.link);
	assert_int_equal(found.count, 0);
	item_list_free(l);

	/* max_items cuts the list; an HTTP charset agrees with the page */
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL,
	    "text/html; charset=UTF-8", &r, NOW, 2, NULL, err, sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_list(l, 2);
	item_list_free(l);
}

/* Without an items selector the list finder's selectors are used and
 * handed back. */
static void
t_items_guessed(void **state)
{
	struct page_rules r;
	struct listfind found;
	struct item_list *l;
	char err[256] = "";

	(void)state;
	memset(&r, 0, sizeof(r));
	r.timezone = "Asia/Shanghai";
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, &found, err, sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_str(found.items, "ul.news-list > li");
	assert_str(found.link, "a @href");
	assert_int_equal(found.count, 3);
	assert_list(l, 3);
	item_list_free(l);
	listfind_clear(&found);

	/* found may be NULL */
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, NULL, err, sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_list(l, 3);
	item_list_free(l);
}

/* A page with no list of articles: NULL, err says why, and page_no_feed
 * makes the message the daemon logs. */
static void
t_items_no_list(void **state)
{
	static const char html[] =
	    "<html><head><title>About us</title></head><body>"
	    "<h1>About us</h1><p>City News has covered the city since "
	    "1998. Write to us at the address below.</p></body></html>";
	struct page_rules r;
	struct listfind found;
	struct item_list *l;
	char err[256] = "", why[256];
	const char *prefix = "not a feed: an HTML page";

	(void)state;
	memset(&r, 0, sizeof(r));
	l = page_items(html, sizeof(html) - 1, LIST_URL, NULL, &r, NOW, 100,
	    &found, err, sizeof(err));
	assert_null(l);
	assert_null(found.items);
	assert_string_equal(err, "no list of articles found: no three "
	    "sibling blocks with a headline link each");
	snprintf(why, sizeof(why), "%s", err);
	page_no_feed(err, sizeof(err));
	assert_int_equal(strncmp(err, prefix, strlen(prefix)), 0);
	/* and it still says why */
	assert_string_equal(err, "not a feed: an HTML page that announces "
	    "no feed, and no list of articles found: no three sibling "
	    "blocks with a headline link each");

	/* a short buffer is cut, not overrun */
	snprintf(err, 16, "%s", "why");
	page_no_feed(err, 16);
	assert_string_equal(err, "not a feed: an ");
}

/* The bytes of the UTF-8 string s in GBK, NUL-terminated. */
static char *
gbk(const char *s, size_t *lenp)
{
	iconv_t cd;
	char *in = (char *)s, *out, *o;
	size_t inleft = strlen(s), outleft = inleft * 2 + 1;

	if ((cd = iconv_open("GBK", "UTF-8")) == (iconv_t)-1)
		fail_msg("iconv_open GBK");
	if ((out = calloc(1, outleft)) == NULL)
		fail_msg("calloc");
	o = out;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1)
		fail_msg("iconv to GBK");
	iconv_close(cd);
	*lenp = (size_t)(o - out);
	return out;
}

/* A GBK page declared only in <meta charset>: titles come out UTF-8 and
 * the list says it was read as GB18030, GBK's superset. */
static void
t_items_gbk(void **state)
{
	/* 上海新闻, 地铁18号线开通 | 交通, 2024年3月1日, 春季花展开幕 */
	static const char utf8[] =
	    "<html><head><meta charset=\"gbk\"><title>\xe4\xb8\x8a\xe6\xb5"
	    "\xb7\xe6\x96\xb0\xe9\x97\xbb</title></head><body>"
	    "<ul class=\"news-list\">"
	    "<li><a href=\"/a/1.html\">\xe5\x9c\xb0\xe9\x93\x81\x31\x38\xe5"
	    "\x8f\xb7\xe7\xba\xbf\xe5\xbc\x80\xe9\x80\x9a | \xe4\xba\xa4\xe9"
	    "\x80\x9a</a>"
	    "<span class=\"date\">2024\xe5\xb9\xb4\x33\xe6\x9c\x88\x31\xe6"
	    "\x97\xa5</span></li>"
	    "<li><a href=\"/a/2.html\">\xe6\x98\xa5\xe5\xad\xa3\xe8\x8a\xb1"
	    "\xe5\xb1\x95\xe5\xbc\x80\xe5\xb9\x95</a>"
	    "<span class=\"date\">2024-03-02</span></li>"
	    "</ul></body></html>";
	struct page_rules r = list_rules();
	struct item_list *l;
	const struct item *it;
	char err[256] = "", *buf;
	size_t len;

	(void)state;
	buf = gbk(utf8, &len);
	/* really not UTF-8 any more */
	assert_int_equal(strlen(buf), len);
	assert_null(strstr(buf, "\xe4\xb8\x8a"));
	l = page_items(buf, len, LIST_URL, NULL, &r, NOW, 100, NULL, err,
	    sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_str(l->encoding, "GB18030");
	assert_int_equal(l->nwarnings, 0);
	assert_str(l->title, "\xe4\xb8\x8a\xe6\xb5\xb7\xe6\x96\xb0\xe9\x97"
	    "\xbb");
	assert_int_equal(l->count, 2);
	it = l->head;
	assert_str(it->link, "https://news.example.cn/a/1.html");
	assert_str(it->title, "\xe5\x9c\xb0\xe9\x93\x81\x31\x38\xe5\x8f\xb7"
	    "\xe7\xba\xbf\xe5\xbc\x80\xe9\x80\x9a");
	assert_int_equal(it->ncategories, 1);
	assert_string_equal(it->categories[0], "\xe4\xba\xa4\xe9\x80\x9a");
	assert_date(it->published, "2024-02-29T16:00:00Z");
	it = it->next;
	assert_str(it->title, "\xe6\x98\xa5\xe5\xad\xa3\xe8\x8a\xb1\xe5\xb1"
	    "\x95\xe5\xbc\x80\xe5\xb9\x95");
	assert_date(it->published, "2024-03-01T16:00:00Z");
	item_list_free(l);

	/* the HTTP charset wins over a <meta> that says otherwise */
	memcpy(strstr(buf, "gbk"), "utf", 3);
	l = page_items(buf, len, LIST_URL, "text/html; charset=GBK", &r, NOW,
	    100, NULL, err, sizeof(err));
	free(buf);
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_str(l->encoding, "GB18030");
	assert_str(l->title, "\xe4\xb8\x8a\xe6\xb5\xb7\xe6\x96\xb0\xe9\x97"
	    "\xbb");
	item_list_free(l);
}

/* An unknown declared charset: read as windows-1252, with the guess
 * kept as a warning on the list. */
static void
t_items_charset_warn(void **state)
{
	static const char html[] =
	    "<html><head><meta charset=\"x-klingon\"><title>Caf\xe9 "
	    "news</title></head><body><ul class=\"news-list\">"
	    "<li><a href=\"/a\">Caf\xe9 opens</a></li></ul></body></html>";
	struct page_rules r = list_rules();
	struct item_list *l;
	char err[256] = "";

	(void)state;
	l = page_items(html, sizeof(html) - 1, LIST_URL, NULL, &r, NOW, 100,
	    NULL, err, sizeof(err));
	if (l == NULL)
		fail_msg("page_items: %s", err);
	assert_str(l->encoding, "windows-1252");
	assert_str(l->title, "Caf\xc3\xa9 news");
	assert_int_equal(l->count, 1);
	assert_str(l->head->title, "Caf\xc3\xa9 opens");
	assert_str(l->head->id, "https://news.example.cn/a");
	assert_int_equal(l->nwarnings, 1);
	assert_string_equal(l->warnings[0], "declared encoding 'x-klingon' "
	    "is unknown; read as windows-1252");
	item_list_free(l);
}

/* A selector that does not compile, an unknown zone, and pages that
 * cannot be read: NULL with err naming the cause. */
static void
t_items_errors(void **state)
{
	static const char junk[] = "\0\0\0\0";
	struct page_rules r = list_rules();
	struct listfind found;
	struct item_list *l;
	char err[256];

	(void)state;
	r.sel[SCRAPE_ITEMS] = "ul >";
	strcpy(err, "");
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, &found, err, sizeof(err));
	assert_null(l);
	assert_null(found.items);
	assert_int_equal(strncmp(err, "items: column ", 14), 0);

	r = list_rules();
	r.sel[SCRAPE_DATE] = "span[";
	strcpy(err, "");
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, NULL, err, sizeof(err));
	assert_null(l);
	assert_int_equal(strncmp(err, "date: column ", 13), 0);

	r = list_rules();
	r.timezone = "Mars/Olympus_Mons";
	strcpy(err, "");
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, NULL, err, sizeof(err));
	assert_null(l);
	assert_string_equal(err, "unknown time zone Mars/Olympus_Mons");

	/* with no list guessed, a bad source selector is still reported */
	memset(&r, 0, sizeof(r));
	r.sel[SCRAPE_TITLE] = "a[@";
	strcpy(err, "");
	l = page_items(list_html, sizeof(list_html) - 1, LIST_URL, NULL, &r,
	    NOW, 100, &found, err, sizeof(err));
	assert_null(l);
	assert_int_equal(strncmp(err, "title: column ", 14), 0);
	listfind_clear(&found);

	/* empty and binary pages */
	r = list_rules();
	strcpy(err, "");
	l = page_items("", 0, LIST_URL, NULL, &r, NOW, 100, &found, err,
	    sizeof(err));
	assert_null(l);
	assert_null(found.items);
	assert_string_equal(err, "not an HTML page");
	strcpy(err, "");
	l = page_items(junk, sizeof(junk) - 1, LIST_URL, NULL, &r, NOW, 100,
	    NULL, err, sizeof(err));
	assert_null(l);
	assert_true(err[0] != '\0');
}

/* An item as a scraped listing gives it: link, title, summary. */
static struct item *
listed_item(void)
{
	struct item *it;

	if ((it = item_new()) == NULL ||
	    item_set(&it->link, ART_URL) == -1 ||
	    item_set(&it->id, ART_URL) == -1 ||
	    item_set(&it->title, "Metro line 18 opens") == -1 ||
	    item_set(&it->summary, "<p>Line 18 opens.</p>") == -1 ||
	    item_set(&it->content, "<p>old</p>") == -1)
		fail_msg("out of memory");
	return it;
}

/* The article page read and merged into the item that listed it. */
static void
t_article_merge(void **state)
{
	struct article a;
	struct item *it;
	char err[256] = "", *content;

	(void)state;
	if (page_article(art_html, sizeof(art_html) - 1, ART_URL, NULL, &a,
	    err, sizeof(err)) == -1)
		fail_msg("page_article: %s", err);
	assert_str(a.title, "Metro line 18 opens to passengers");
	assert_str(a.author, "By Li Wei");
	assert_int_equal(a.published, iso("2024-03-01T01:30:00Z"));
	assert_non_null(a.canonical);
	assert_non_null(a.content);
	assert_non_null(strstr(a.content, "Eight new stations"));
	assert_null(strstr(a.content, "Weibo"));
	assert_null(strstr(a.content, "World"));
	content = a.content;

	it = listed_item();
	page_merge(it, &a);
	assert_null(a.content);
	assert_ptr_equal(it->content, content);
	assert_str(it->summary, "<p>Line 18 opens.</p>");
	assert_str(it->author, "Li Wei");
	assert_null(a.author);
	assert_date(it->published, "2024-03-01T01:30:00Z");
	assert_date(it->updated, "2024-03-01T01:30:00Z");
	assert_str(it->canon, "https://news.example.cn/city/2024/0301.html");
	assert_str(it->link, ART_URL);
	assert_str(it->id, ART_URL);
	/* the item's own title stays; the article keeps its own */
	assert_str(it->title, "Metro line 18 opens");
	assert_str(a.title, "Metro line 18 opens to passengers");
	item_free(it);
	article_clear(&a);
}

/* What the item already has stays: author, published, title, image,
 * and the content when the article has none. */
static void
t_merge_keeps(void **state)
{
	struct article a;
	struct item *it;
	char err[256] = "";

	(void)state;
	if (page_article(art_html, sizeof(art_html) - 1, ART_URL,
	    "text/html; charset=utf-8", &a, err, sizeof(err)) == -1)
		fail_msg("page_article: %s", err);
	it = listed_item();
	if (item_set(&it->author, "City News staff") == -1 ||
	    item_set(&it->image, "https://img.example.cn/1.jpg") == -1)
		fail_msg("out of memory");
	it->published = iso("2024-03-01T02:00:00Z");
	page_merge(it, &a);
	assert_str(it->author, "City News staff");
	assert_str(it->title, "Metro line 18 opens");
	assert_str(it->image, "https://img.example.cn/1.jpg");
	assert_date(it->published, "2024-03-01T02:00:00Z");
	assert_date(it->updated, "2024-03-01T02:00:00Z");
	assert_non_null(strstr(it->content, "Eight new stations"));
	/* the article keeps its label-less byline it did not give */
	assert_str(a.author, "Li Wei");
	item_free(it);
	article_clear(&a);

	/* an article without content leaves the item's */
	memset(&a, 0, sizeof(a));
	it = listed_item();
	page_merge(it, &a);
	assert_str(it->content, "<p>old</p>");
	assert_null(it->canon);
	assert_null(it->author);
	assert_int_equal(it->published, 0);
	item_free(it);
}

/* A bare article with just these fields, all copied. */
static void
bare(struct article *a, const char *author, const char *canonical)
{
	memset(a, 0, sizeof(*a));
	if ((author != NULL && (a->author = strdup(author)) == NULL) ||
	    (canonical != NULL && (a->canonical = strdup(canonical)) ==
	    NULL))
		fail_msg("out of memory");
}

/* Bylines lose their label, and only http(s) canonical links count. */
static void
t_merge_byline_canon(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
	} bylines[] = {
		{ "Source: Xinhua", "Xinhua" },
		{ "source:Xinhua", "Xinhua" },
		{ "BY Li Wei", "Li Wei" },
		{ "Author: Zhang San", "Zhang San" },
		{ "Byron Lee", "Byron Lee" },	/* not a label */
		{ "By ", "By " },		/* nothing after it */
		{ "Li Wei", "Li Wei" },
	};
	static const char *const hostile[] = { "javascript:x", "file:///x",
	    "data:text/html,<p>x</p>", "ftp://example.cn/x", "//example.cn/x",
	    "", "http://" };
	struct article a;
	struct item *it;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bylines) / sizeof(*bylines); i++) {
		bare(&a, bylines[i].in, NULL);
		it = listed_item();
		page_merge(it, &a);
		assert_str(it->author, bylines[i].out);
		assert_null(it->canon);
		item_free(it);
		article_clear(&a);
	}

	for (i = 0; i < sizeof(hostile) / sizeof(*hostile); i++) {
		bare(&a, NULL, hostile[i]);
		it = listed_item();
		if (item_set(&it->canon, "https://news.example.cn/keep") == -1)
			fail_msg("out of memory");
		page_merge(it, &a);
		assert_str(it->canon, "https://news.example.cn/keep");
		assert_str(it->link, ART_URL);
		item_free(it);
		article_clear(&a);
	}

	/* an http canonical replaces the one the item had */
	bare(&a, NULL, "http://Example.CN:80/x?fbclid=1&id=2#c");
	it = listed_item();
	if (item_set(&it->canon, "https://news.example.cn/old") == -1)
		fail_msg("out of memory");
	page_merge(it, &a);
	assert_str(it->canon, "http://example.cn/x?id=2");
	item_free(it);
	article_clear(&a);
}

/* A page with a non-http rel=canonical read through page_article. */
static void
t_article_hostile_canon(void **state)
{
	static const char *const canon[] = { "javascript:x", "file:///x" };
	char html[4096], err[256];
	struct article a;
	struct item *it;
	const char *head;
	size_t i;

	(void)state;
	head = strstr(art_html, "<link rel=");
	for (i = 0; i < sizeof(canon) / sizeof(*canon); i++) {
		snprintf(html, sizeof(html), "%.*s<link rel=\"canonical\" "
		    "href=\"%s\">%s", (int)(head - art_html), art_html,
		    canon[i], strstr(head, "</head>"));
		strcpy(err, "");
		if (page_article(html, strlen(html), ART_URL, NULL, &a, err,
		    sizeof(err)) == -1)
			fail_msg("page_article: %s", err);
		it = listed_item();
		page_merge(it, &a);
		assert_null(it->canon);
		assert_str(it->link, ART_URL);
		assert_str(it->author, "Li Wei");
		item_free(it);
		article_clear(&a);
	}

	/* not an article: -1, err filled, *a empty */
	strcpy(err, "");
	assert_int_equal(page_article("", 0, ART_URL, NULL, &a, err,
	    sizeof(err)), -1);
	assert_true(err[0] != '\0');
	assert_null(a.content);
	assert_null(a.title);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_items_rules),
		cmocka_unit_test(t_items_guessed),
		cmocka_unit_test(t_items_no_list),
		cmocka_unit_test(t_items_gbk),
		cmocka_unit_test(t_items_charset_warn),
		cmocka_unit_test(t_items_errors),
		cmocka_unit_test(t_article_merge),
		cmocka_unit_test(t_merge_keeps),
		cmocka_unit_test(t_merge_byline_canon),
		cmocka_unit_test(t_article_hostile_canon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
