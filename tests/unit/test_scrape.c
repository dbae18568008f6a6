/*
 * Unit tests for scrape: a government news listing (bars in titles,
 * "Release time:" dates in Asia/Shanghai), a blog index (<article>,
 * <time datetime>, relative dates, <base href>, lazy images, tags,
 * summaries), a notice board read with a date-format, raw XPath and
 * attribute selectors, the defaults, the site name cut from titles,
 * selector and zone errors, and hostile pages (100k items, deep nesting,
 * huge text) kept within max_items and the work budget.
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

#include "feeds/date.h"
#include "feeds/htmldoc.h"
#include "feeds/item.h"
#include "feeds/scrape.h"
#include "slurp.h"

#define DIR		FIXTURES "/scrape/"
#define GOV_URL		"https://english.shanghai.gov.cn/en-Latest-WhatsNew/" \
			"index.html"
#define GOV_ITEM	"https://english.shanghai.gov.cn/en-Latest-WhatsNew/"
#define BLOG_URL	"https://blog.example.org/index.html"
#define NOTICE_URL	"http://www.example.gov.cn/notices/list.php?page=1"

/* Compare a string that may be NULL. */
#define assert_str(a, b) do {						\
	if ((b) == NULL)						\
		assert_null(a);						\
	else {								\
		assert_non_null(a);					\
		assert_string_equal((a), (b));				\
	}								\
} while (0)

/* The RFC 3339 form of t, "0" for unknown. */
static const char *
rfc(time_t t, char buf[DATE_RFC3339_LEN])
{
	if (t == 0)
		return "0";
	date_rfc3339(t, buf);
	return buf;
}

#define assert_date(t, want) do {					\
	char b_[DATE_RFC3339_LEN];					\
	assert_str(rfc((t), b_), (want));			\
} while (0)

static time_t
iso(const char *s)
{
	time_t t;

	if (date_parse(s, &t) == -1)
		fail_msg("bad test date %s", s);
	return t;
}

/* Parse page text into a document. */
static htmlDocPtr
page(const char *html, size_t len)
{
	char err[256];
	htmlDocPtr doc;

	if ((doc = htmldoc_parse(html, len, err, sizeof(err))) == NULL)
		fail_msg("htmldoc_parse: %s", err);
	return doc;
}

/* Parse fixture name. */
static htmlDocPtr
fixture(const char *name)
{
	char path[512], *buf;
	htmlDocPtr doc;
	size_t len = 0;

	snprintf(path, sizeof(path), DIR "%s", name);
	if ((buf = slurp(path, &len)) == NULL)
		fail_msg("cannot read %s", path);
	doc = page(buf, len);
	free(buf);
	return doc;
}

/* Set selector sel for f, which must compile. */
static void
set(struct scrape *s, enum scrape_field f, const char *sel)
{
	char err[256];

	if (scrape_set(s, f, sel, err, sizeof(err)) == -1)
		fail_msg("%s = %s: %s", scrape_field_name(f), sel, err);
}

/* Run s over doc, which must give a list. */
static struct item_list *
run(const struct scrape *s, htmlDocPtr doc, const char *url, time_t now,
    size_t max)
{
	struct item_list *l;
	char err[256];

	if ((l = scrape_doc(s, doc, url, now, max, err, sizeof(err))) == NULL)
		fail_msg("scrape_doc: %s", err);
	return l;
}

static struct item *
nth(struct item_list *l, size_t i)
{
	struct item *it = l->head;

	while (i-- > 0 && it != NULL)
		it = it->next;
	if (it == NULL)
		fail_msg("no item %zu", i);
	return it;
}

/* Whether the list has warning w. */
static int
warned(const struct item_list *l, const char *w)
{
	size_t i;

	for (i = 0; i < l->nwarnings; i++)
		if (strcmp(l->warnings[i], w) == 0)
			return 1;
	return 0;
}

/* Whether the list has a warning starting with w. */
static int
warned_prefix(const struct item_list *l, const char *w)
{
	size_t i;

	for (i = 0; i < l->nwarnings; i++)
		if (strncmp(l->warnings[i], w, strlen(w)) == 0)
			return 1;
	return 0;
}

static void
assert_cats(const struct item *it, const char *a, const char *b)
{
	size_t n = (a != NULL) + (b != NULL);

	assert_int_equal(it->ncategories, n);
	if (a != NULL)
		assert_str(it->categories[0], a);
	if (b != NULL)
		assert_str(it->categories[1], b);
}

/* The government listing's items, the same with the feeds file's
 * selectors as with the defaults (bar the date warning). */
static void
check_gov(struct item_list *l)
{
	struct item *it;

	assert_str(l->title, "What's New | Shanghai");
	assert_str(l->link, GOV_URL);
	assert_str(l->format, "html");
	assert_int_equal(l->count, 5);

	it = nth(l, 0);
	assert_str(it->link, GOV_ITEM "20240415/6f3c1b2a9d7e4a51.html");
	assert_str(it->title, "Chen Jining led a delegation to go "
	    "deep into Kashgar, Xinjiang to study and inspect");
	assert_cats(it, "Xinjiang", "Counterpart assistance");
	assert_date(it->published, "2024-04-15T11:48:00Z");
	assert_null(it->id);
	assert_null(it->summary);
	assert_null(it->image);
	assert_null(it->author);

	it = nth(l, 1);
	assert_str(it->link, GOV_ITEM "20240415/a81d09c2e3f64b7d.html");
	assert_str(it->title, "Several Provisions of Shanghai on "
	    "Promoting the Development of Financial Leasing in Pudong New "
	    "Area");
	assert_cats(it, "Medical Devices", "Shanghai Municipality");
	assert_date(it->published, "2024-04-15T02:05:00Z");

	it = nth(l, 2);
	assert_str(it->link, GOV_ITEM "20240414/0c44e5f1b2a34d86.html");
	assert_str(it->title, "Shanghai Big Data Center: Promoting "
	    "the Upgrade of City Services & <Data>");
	assert_cats(it, NULL, NULL);
	assert_date(it->published, "2024-04-14T01:30:00Z");

	/* javascript: is no link; the text is still the title */
	it = nth(l, 3);
	assert_null(it->link);
	assert_str(it->title, "Video: Spring in Gongqing Forest Park");
	assert_date(it->published, "2024-04-13T10:00:00Z");

	it = nth(l, 4);
	assert_str(it->link, GOV_ITEM
	    "20240412/%E4%B8%8A%E6%B5%B7.html#top");
	assert_str(it->title, "\xe4\xb8\x8a\xe6\xb5\xb7 international "
	    "cruise port welcomes first ship of the season");
	assert_date(it->published, "0");
	assert_true(warned(l, "1 item without link or title skipped"));
}

static void
test_gov_listing(void **state)
{
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;
	char err[128];

	(void)state;
	doc = fixture("shanghai-whatsnew.html");
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "ul.news-list > li");
	set(s, SCRAPE_TITLE, "a");
	set(s, SCRAPE_LINK, "a @href");
	set(s, SCRAPE_DATE, "span.date");
	assert_int_equal(scrape_set_timezone(s, "Asia/Shanghai", err,
	    sizeof(err)), 0);
	l = run(s, doc, GOV_URL, iso("2024-04-16T00:00:00Z"), 100);
	check_gov(l);
	assert_int_equal(l->nwarnings, 2);
	assert_true(warned(l, "date \"Release time: to be confirmed\" not "
	    "understood"));
	item_list_free(l);

	/* max_items */
	l = run(s, doc, GOV_URL, 0, 2);
	assert_int_equal(l->count, 2);
	assert_str(nth(l, 1)->title, "Several Provisions of "
	    "Shanghai on Promoting the Development of Financial Leasing in "
	    "Pudong New Area");
	item_list_free(l);
	l = run(s, doc, GOV_URL, 0, 0);
	assert_int_equal(l->count, 0);
	assert_null(l->head);
	item_list_free(l);

	/* without a zone the dates are UTC */
	assert_int_equal(scrape_set_timezone(s, NULL, err, sizeof(err)), 0);
	l = run(s, doc, GOV_URL, 0, 100);
	assert_date(nth(l, 0)->published, "2024-04-15T19:48:00Z");
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* Only the items selector: the first link, its text, a date-like text. */
static void
test_gov_defaults(void **state)
{
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;
	char err[128];

	(void)state;
	doc = fixture("shanghai-whatsnew.html");
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "ul.news-list > li");
	assert_int_equal(scrape_has(s, SCRAPE_ITEMS), 1);
	assert_int_equal(scrape_has(s, SCRAPE_TITLE), 0);
	assert_int_equal(scrape_set_timezone(s, "Asia/Shanghai", err,
	    sizeof(err)), 0);
	l = run(s, doc, GOV_URL, 0, 100);
	check_gov(l);
	/* a text that is no date is not looked for: no warning */
	assert_int_equal(l->nwarnings, 1);
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

static void
check_blog(struct item_list *l)
{
	struct item *it;

	assert_str(l->title, "Notes from the Harbour");
	assert_int_equal(l->count, 4);

	it = nth(l, 0);
	assert_str(it->link,
	    "https://blog.example.org/posts/tide-tables.html");
	assert_str(it->title, "Reading the tide tables");
	assert_str(it->author, "Mei Lin");
	assert_date(it->published, "2024-04-15T00:30:00Z");
	assert_str(it->image,
	    "https://blog.example.org/posts/img/tide.jpg");
	assert_cats(it, "sea", "walks");
	assert_str(it->summary, "<p>High water at <b>06:12</b> "
	    "&amp; low at 12:40.</p>\n <script>track(\"p3\")</script>");

	it = nth(l, 1);
	assert_str(it->link, "https://blog.example.org/2024/04/"
	    "ferry.html");
	assert_str(it->title, "The night ferry");
	assert_str(it->author, "Tom Ashe");
	assert_date(it->published, "2024-04-15T09:00:00Z");
	assert_str(it->image,
	    "https://blog.example.org/posts/img/ferry-480.jpg");
	assert_cats(it, NULL, NULL);
	/* UTF-8 kept as it is, entities decoded, HTML's own <br> */
	assert_str(it->summary, "A crossing in fog \xe2\x80\x94 "
	    "\xe9\x9b\xbe\xc2\xa0<br>ok");

	it = nth(l, 2);
	assert_str(it->link, "https://other.example.net/guest-post");
	assert_str(it->title, "Guest post: lighthouses");
	assert_null(it->author);
	/* yesterday 14:30 in London (BST) */
	assert_date(it->published, "2024-04-14T13:30:00Z");
	assert_null(it->image);
	assert_str(it->summary, "Keepers &lt;and&gt; their lamps.");

	it = nth(l, 3);
	assert_null(it->link);
	assert_str(it->title, "Site news: comments closed");
	assert_null(it->summary);
}

static void
test_blog_index(void **state)
{
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;
	char err[128];

	(void)state;
	doc = fixture("blog-index.html");
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "article");
	set(s, SCRAPE_TITLE, "h2");
	set(s, SCRAPE_AUTHOR, ".author");
	set(s, SCRAPE_CATEGORIES, "a[rel=tag]");
	set(s, SCRAPE_SUMMARY, "div.excerpt");
	assert_int_equal(scrape_set_timezone(s, "Europe/London", err,
	    sizeof(err)), 0);
	l = run(s, doc, BLOG_URL, iso("2024-04-15T12:00:00Z"), 100);
	check_blog(l);
	/* no date selector: nothing said of "sometime" */
	assert_int_equal(l->nwarnings, 0);
	item_list_free(l);

	/* a date selector taking an attribute; dates it does not find stay
	 * unknown */
	set(s, SCRAPE_DATE, "time @datetime");
	l = run(s, doc, BLOG_URL, iso("2024-04-15T12:00:00Z"), 100);
	assert_date(nth(l, 0)->published, "2024-04-15T00:30:00Z");
	assert_date(nth(l, 1)->published, "0");
	assert_int_equal(l->nwarnings, 0);
	item_list_free(l);

	/* the relative ones through a selector, "sometime" warned */
	set(s, SCRAPE_DATE, ".ago");
	l = run(s, doc, BLOG_URL, iso("2024-04-15T12:00:00Z"), 100);
	assert_date(nth(l, 0)->published, "0");
	assert_date(nth(l, 1)->published, "2024-04-15T09:00:00Z");
	assert_date(nth(l, 2)->published, "2024-04-14T13:30:00Z");
	assert_int_equal(l->nwarnings, 1);
	assert_str(l->warnings[0], "date \"sometime\" not understood");
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* Dates in the site's own order, read in its zone. */
static void
test_date_format(void **state)
{
	struct scrape *s;
	struct item_list *l;
	struct item *it;
	htmlDocPtr doc;
	char err[128];

	(void)state;
	doc = fixture("notices-table.html");
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "table.notices tr");
	set(s, SCRAPE_DATE, "td.when");
	set(s, SCRAPE_CATEGORIES, "td.office");
	assert_int_equal(scrape_set_date_format(s, "%d/%m/%Y %H:%M"), 0);
	assert_int_equal(scrape_set_timezone(s, "Asia/Shanghai", err,
	    sizeof(err)), 0);
	l = run(s, doc, NOTICE_URL, iso("2024-04-16T00:00:00Z"), 100);
	assert_str(l->title, "Public notices");
	assert_int_equal(l->count, 4);
	it = nth(l, 0);
	assert_str(it->link,
	    "http://www.example.gov.cn/notices/notice.php?id=1043");
	assert_str(it->title, "Road closure on Yan'an Elevated Road");
	assert_date(it->published, "2024-04-15T11:48:00Z");
	assert_cats(it, "Transport", NULL);
	/* 1 April, not 4 January */
	it = nth(l, 1);
	assert_date(it->published, "2024-04-01T01:00:00Z");
	assert_cats(it, "Greening and City Appearance", NULL);
	assert_date(nth(l, 2)->published, "2023-12-31T15:30:00Z");
	/* the format is not second-guessed */
	assert_date(nth(l, 3)->published, "0");
	assert_true(warned(l, "date \"04/13/2024 10:00\" not understood"));
	assert_true(warned(l, "1 item without link or title skipped"));
	item_list_free(l);

	/* cleared: the loose reader guesses no order for 01/04/2024 */
	assert_int_equal(scrape_set_date_format(s, NULL), 0);
	l = run(s, doc, NOTICE_URL, 0, 100);
	assert_date(nth(l, 0)->published, "0");
	assert_date(nth(l, 1)->published, "0");
	assert_true(warned(l, "date \"01/04/2024 09:00\" not understood"));
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* Raw XPath for every field, string results included. */
static void
test_xpath(void **state)
{
	struct scrape *s;
	struct item_list *l;
	struct item *it;
	htmlDocPtr doc;

	(void)state;
	doc = fixture("shanghai-whatsnew.html");
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "xpath://ul[@class='news-list']/li[a]");
	set(s, SCRAPE_TITLE, "xpath:normalize-space(a/@title)");
	set(s, SCRAPE_LINK, "xpath:a/@href");
	set(s, SCRAPE_DATE, "xpath:substring-after(span, 'Release time:')");
	set(s, SCRAPE_CATEGORIES, "xpath:a/@target");
	l = run(s, doc, GOV_URL, 0, 100);
	/* the javascript: item has no title attribute: skipped */
	assert_int_equal(l->count, 4);
	assert_int_equal(l->nwarnings, 2);
	assert_true(warned(l, "date \"to be confirmed\" not understood"));
	assert_true(warned(l, "1 item without link or title skipped"));
	it = nth(l, 0);
	assert_str(it->title, "Chen Jining led a delegation to "
	    "Kashgar");
	assert_str(it->link, GOV_ITEM
	    "20240415/6f3c1b2a9d7e4a51.html");
	assert_date(it->published, "2024-04-15T19:48:00Z");
	assert_cats(it, "_blank", NULL);
	/* no title attribute: the link's element gives none either, as a
	 * title selector is set */
	it = nth(l, 1);
	assert_null(it->title);
	assert_str(it->link, GOV_ITEM
	    "20240415/a81d09c2e3f64b7d.html");
	item_list_free(l);

	/* a string result as the link, a number as the title */
	set(s, SCRAPE_LINK, "xpath:concat('/id/', string-length(a))");
	set(s, SCRAPE_TITLE, "xpath:count(.//a)");
	set(s, SCRAPE_CATEGORIES, "xpath:name(.)");
	l = run(s, doc, GOV_URL, 0, 1);
	it = nth(l, 0);
	assert_str(it->link, "https://english.shanghai.gov.cn/id/"
	    "119");
	assert_str(it->title, "1");
	assert_cats(it, "li", NULL);
	item_list_free(l);

	/* an expression that fails at run time matches nothing */
	set(s, SCRAPE_ITEMS, "xpath://li[unknown-function(.)]");
	l = run(s, doc, GOV_URL, 0, 100);
	assert_int_equal(l->count, 0);
	assert_true(warned(l, "the items selector matched nothing"));
	item_list_free(l);
	/* namespace nodes are not items */
	set(s, SCRAPE_ITEMS, "xpath://namespace::*");
	l = run(s, doc, GOV_URL, 0, 100);
	assert_int_equal(l->count, 0);
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* Attribute selectors, images and links in their odd forms, <base>. */
static void
test_attributes(void **state)
{
	static const char html[] =
	    "<html><head><base href='/cms/'><title>T</title></head><body>"
	    "<div class=card data-url='a/1.html' data-when='2024-04-15'>"
	    " <h3 title=' Spaced\n  out '>One</h3>"
	    " <img class=thumb data-src='i/1.jpg' src=''>"
	    " <a class=more href='#'>more</a>"
	    " <p class=sum data-text='x &lt; y'>S</p></div>"
	    "<div class=card data-url='mailto:x@example.org'>"
	    " <h3 title='Two'>Two</h3>"
	    " <picture><img srcset=' i/2-1x.jpg 1x, i/2-2x.jpg 2x'></picture>"
	    "</div>"
	    "<div class=card><a href='JavaScript:alert(1)'>Three</a>"
	    " <a href='/real/3.html'>Three, really</a>"
	    " <img src='data:image/png;base64,AAAA'></div>"
	    "<div class=card><a href='  ../up/4.html  '>Four</a>"
	    " <img src='http://cdn.example.net/4.jpg' data-src='x.jpg'></div>"
	    "</body></html>";
	struct scrape *s;
	struct item_list *l;
	struct item *it;
	htmlDocPtr doc;

	(void)state;
	doc = page(html, sizeof(html) - 1);
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "div.card");
	set(s, SCRAPE_TITLE, "h3 @title");
	set(s, SCRAPE_LINK, ".card @data-url");
	set(s, SCRAPE_DATE, "div @data-when");
	set(s, SCRAPE_IMAGE, "img.thumb @data-src");
	set(s, SCRAPE_SUMMARY, "p.sum @data-text");
	l = run(s, doc, "https://news.example.com/list/index.html", 0, 100);
	assert_int_equal(l->count, 2);
	it = nth(l, 0);
	assert_str(it->title, "Spaced out");
	assert_str(it->link, "https://news.example.com/cms/a/1.html");
	assert_date(it->published, "2024-04-15T00:00:00Z");
	assert_str(it->image, "https://news.example.com/cms/i/1.jpg");
	assert_str(it->summary, "x &lt; y");
	it = nth(l, 1);
	assert_str(it->title, "Two");
	assert_null(it->link);			/* mailto: */
	assert_null(it->image);
	assert_null(it->summary);
	item_list_free(l);

	/* the defaults on the same page */
	set(s, SCRAPE_TITLE, NULL);
	set(s, SCRAPE_LINK, NULL);
	set(s, SCRAPE_IMAGE, NULL);
	set(s, SCRAPE_SUMMARY, NULL);
	assert_int_equal(scrape_has(s, SCRAPE_TITLE), 0);
	l = run(s, doc, "https://news.example.com/list/index.html", 0, 100);
	assert_int_equal(l->count, 3);
	it = nth(l, 0);		/* only "#": no link, "more" its title */
	assert_null(it->link);
	assert_str(it->title, "more");
	assert_str(it->image, "https://news.example.com/cms/i/1.jpg");
	it = nth(l, 1);		/* the first usable link */
	assert_str(it->link, "https://news.example.com/real/3.html");
	assert_str(it->title, "Three, really");
	assert_null(it->image);	/* data: is no image URL */
	it = nth(l, 2);
	assert_str(it->link, "https://news.example.com/up/4.html");
	assert_str(it->image, "http://cdn.example.net/4.jpg");
	assert_true(warned(l, "1 item without link or title skipped"));
	item_list_free(l);

	/* an image selector naming an element: its img, srcset's first */
	set(s, SCRAPE_IMAGE, "picture");
	set(s, SCRAPE_TITLE, "h3");
	l = run(s, doc, "https://news.example.com/list/index.html", 0, 100);
	it = nth(l, 1);
	assert_str(it->title, "Two");
	assert_str(it->image,
	    "https://news.example.com/cms/i/2-1x.jpg");
	item_list_free(l);

	/* no page URL: only absolute links and images */
	set(s, SCRAPE_TITLE, NULL);
	set(s, SCRAPE_IMAGE, NULL);
	l = run(s, doc, NULL, 0, 100);
	assert_null(l->link);
	assert_int_equal(l->count, 3);
	assert_str(nth(l, 0)->title, "more");
	assert_null(nth(l, 0)->link);
	assert_str(nth(l, 1)->title, "Three");	/* first a[href] */
	assert_null(nth(l, 1)->link);
	assert_str(nth(l, 2)->title, "Four");
	assert_null(nth(l, 2)->link);
	assert_str(nth(l, 2)->image, "http://cdn.example.net/4.jpg");
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* A link selector naming an element rather than an attribute. */
static void
test_link_forms(void **state)
{
	static const char html[] =
	    "<ul><li><h2><a href='/a/1'>One</a></h2>"
	    "<span class=u>https://elsewhere.example/1</span></li>"
	    "<li><h2>Two headline</h2><span class=u> /rel/2 </span></li>"
	    "<li><h2>Three</h2><span class=u>Three</span></li>"
	    "<li><h2><a href='/a/4'>Four</a></h2></li></ul>";
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;

	(void)state;
	doc = page(html, sizeof(html) - 1);
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "li");
	/* an element without href: the a[href] in it, its text the title */
	set(s, SCRAPE_LINK, "h2");
	l = run(s, doc, "https://site.example/news/", 0, 100);
	assert_int_equal(l->count, 4);
	assert_str(nth(l, 0)->link, "https://site.example/a/1");
	assert_str(nth(l, 0)->title, "One");
	assert_null(nth(l, 1)->link);
	assert_str(nth(l, 1)->title, "Two headline");
	assert_null(nth(l, 2)->link);	/* not https://site.example/news/Three */
	assert_str(nth(l, 2)->title, "Three");
	item_list_free(l);

	/* a URL written as text */
	set(s, SCRAPE_LINK, "span.u");
	set(s, SCRAPE_TITLE, "h2");
	l = run(s, doc, "https://site.example/news/", 0, 100);
	assert_int_equal(l->count, 4);
	assert_str(nth(l, 0)->link, "https://elsewhere.example/1");
	assert_str(nth(l, 1)->link, "https://site.example/rel/2");
	assert_null(nth(l, 2)->link);
	assert_null(nth(l, 3)->link);
	assert_str(nth(l, 3)->title, "Four");
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

/* The site's name: the source's, else the page title's tail when most
 * titles end in it. */
static void
test_site(void **state)
{
	static const char html[] =
	    "<title>Latest news - Harbour Daily</title>"
	    "<ul><li><a href='/1'>Ferry fares rise - Harbour Daily</a></li>"
	    "<li><a href='/2'>New pier opens | Transport - Harbour Daily</a>"
	    "</li><li><a href='/3'>Storm warning</a></li>"
	    "<li><a href='/4'>Harbour Daily</a></li>"
	    "<li><a href='/5'>Tides - HARBOUR DAILY</a></li></ul>";
	static const char few[] =
	    "<title>Latest news - Harbour Daily</title>"
	    "<ul><li><a href='/1'>Ferry fares rise - Harbour Daily</a></li>"
	    "<li><a href='/2'>Pier - North</a></li>"
	    "<li><a href='/3'>Storm warning</a></li></ul>";
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;

	(void)state;
	doc = page(html, sizeof(html) - 1);
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "li");
	l = run(s, doc, "https://daily.example/", 0, 100);
	assert_str(l->title, "Latest news - Harbour Daily");
	assert_str(nth(l, 0)->title, "Ferry fares rise");
	assert_str(nth(l, 1)->title, "New pier opens");
	assert_cats(nth(l, 1), "Transport", NULL);
	assert_str(nth(l, 2)->title, "Storm warning");
	/* a title that is only the name is left whole */
	assert_str(nth(l, 3)->title, "Harbour Daily");
	assert_str(nth(l, 4)->title, "Tides");
	item_list_free(l);

	/* the source's own name wins */
	assert_int_equal(scrape_set_site(s, "Transport - Harbour Daily"), 0);
	l = run(s, doc, "https://daily.example/", 0, 100);
	assert_str(nth(l, 0)->title, "Ferry fares rise - Harbour "
	    "Daily");
	assert_str(nth(l, 1)->title, "New pier opens");
	assert_cats(nth(l, 1), NULL, NULL);
	item_list_free(l);
	assert_int_equal(scrape_set_site(s, NULL), 0);
	xmlFreeDoc(doc);

	/* one title in three is no pattern */
	doc = page(few, sizeof(few) - 1);
	l = run(s, doc, "https://daily.example/", 0, 100);
	assert_str(nth(l, 0)->title, "Ferry fares rise - Harbour "
	    "Daily");
	assert_str(nth(l, 1)->title, "Pier - North");
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

static void
test_errors(void **state)
{
	struct scrape *s;
	htmlDocPtr doc;
	char err[256];

	(void)state;
	assert_non_null(s = scrape_new());
	doc = fixture("shanghai-whatsnew.html");
	/* no items selector */
	assert_null(scrape_doc(s, doc, GOV_URL, 0, 100, err, sizeof(err)));
	assert_str(err, "no items selector");

	assert_int_equal(scrape_set(s, SCRAPE_TITLE, "a[href", err,
	    sizeof(err)), -1);
	assert_true(strncmp(err, "column ", 7) == 0);
	assert_int_equal(scrape_set(s, SCRAPE_ITEMS, "ul >", err,
	    sizeof(err)), -1);
	assert_true(strncmp(err, "column ", 7) == 0);
	assert_int_equal(scrape_set(s, SCRAPE_ITEMS, "xpath://li[", err,
	    sizeof(err)), -1);
	assert_true(strncmp(err, "column ", 7) == 0);
	assert_int_equal(scrape_set(s, SCRAPE_NFIELDS, "a", err,
	    sizeof(err)), -1);
	/* a failed set keeps the earlier selector */
	set(s, SCRAPE_TITLE, "a");
	assert_int_equal(scrape_set(s, SCRAPE_TITLE, "a[", err, sizeof(err)),
	    -1);
	assert_int_equal(scrape_has(s, SCRAPE_TITLE), 1);

	assert_int_equal(scrape_set_timezone(s, "Nowhere/Atlantis", err,
	    sizeof(err)), -1);
	assert_str(err, "unknown time zone Nowhere/Atlantis");
	assert_int_equal(scrape_set_timezone(s, "../../etc/passwd", err,
	    sizeof(err)), -1);
	assert_str(err, "unknown time zone ../../etc/passwd");
	assert_int_equal(scrape_set_timezone(s, "Bad\n\"zone\"", err,
	    sizeof(err)), -1);
	assert_str(err, "unknown time zone Bad\\x0a\\\"zone\\\"");
	assert_int_equal(scrape_set_timezone(s, "Asia/Shanghai", err,
	    sizeof(err)), 0);

	assert_str(scrape_field_name(SCRAPE_ITEMS), "items");
	assert_str(scrape_field_name(SCRAPE_CATEGORIES),
	    "categories");
	assert_str(scrape_field_name(SCRAPE_DATE), "date");
	assert_str(scrape_field_name(SCRAPE_NFIELDS), "?");
	scrape_free(s);
	scrape_free(NULL);
	xmlFreeDoc(doc);
}

/* Seconds since start. */
static double
elapsed(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* A page of n list items, after depth nested divs, the third item's
 * title huge (big bytes). */
static char *
hostile_page(size_t n, size_t depth, size_t big, size_t *len)
{
	char *buf;
	size_t i, off, cap = n * 96 + depth * 11 + big + 256;

	if ((buf = malloc(cap)) == NULL)
		abort();
	off = (size_t)snprintf(buf, cap,
	    "<html><head><title>Big</title></head><body>");
	for (i = 0; i < depth; i++)
		off += (size_t)snprintf(buf + off, cap - off, "<div><span>");
	off += (size_t)snprintf(buf + off, cap - off, "<ul>");
	for (i = 0; i < n; i++) {
		off += (size_t)snprintf(buf + off, cap - off,
		    "<li><a href=\"/n/%zu\">Item %zu", i, i);
		if (i == 2) {
			memset(buf + off, 'x', big);
			off += big;
		}
		off += (size_t)snprintf(buf + off, cap - off,
		    "</a><span class=d>3 hours ago</span></li>");
	}
	off += (size_t)snprintf(buf + off, cap - off, "</ul></body></html>");
	assert_true(off < cap);
	*len = off;
	return buf;
}

static void
test_hostile_many(void **state)
{
	struct timespec start;
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;
	char *html;
	size_t len;

	(void)state;
	html = hostile_page(100000, 0, 4 * 1024 * 1024, &len);
	doc = page(html, len);
	free(html);
	assert_non_null(s = scrape_new());
	set(s, SCRAPE_ITEMS, "li");
	set(s, SCRAPE_DATE, "span.d");
	set(s, SCRAPE_CATEGORIES, "*");
	set(s, SCRAPE_SUMMARY, "a");
	clock_gettime(CLOCK_MONOTONIC, &start);
	l = run(s, doc, "http://example.org/", iso("2024-04-15T12:00:00Z"),
	    1000);
	assert_true(elapsed(&start) < 120);
	assert_int_equal(l->count, 1000);
	assert_str(nth(l, 999)->link, "http://example.org/n/999");
	assert_str(nth(l, 999)->title, "Item 999");
	assert_date(nth(l, 999)->published, "2024-04-15T09:00:00Z");
	/* the huge title is cut, its summary left out */
	assert_true(strlen(nth(l, 2)->title) <= 4096);
	assert_true(strncmp(nth(l, 2)->title, "Item 2xxx", 9) == 0);
	assert_null(nth(l, 2)->summary);
	assert_true(warned(l, "a summary over 262144 bytes left out"));
	assert_str(nth(l, 3)->summary, "Item 3");
	item_list_free(l);

	/* every element an item: the budget ends it, well before the end */
	set(s, SCRAPE_ITEMS, "*");
	set(s, SCRAPE_CATEGORIES, "xpath:.//*");
	set(s, SCRAPE_SUMMARY, NULL);
	clock_gettime(CLOCK_MONOTONIC, &start);
	l = run(s, doc, "http://example.org/", 0, 1000000);
	assert_true(elapsed(&start) < 120);
	assert_true(l->count > 0 && l->count < 400000);
	assert_true(warned_prefix(l, "page too costly to read whole: stopped "
	    "after "));
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

static void
test_hostile_deep(void **state)
{
	struct timespec start;
	struct scrape *s;
	struct item_list *l;
	htmlDocPtr doc;
	char *html;
	size_t len;

	(void)state;
	html = hostile_page(2000, 20000, 1024 * 1024, &len);
	doc = page(html, len);
	free(html);
	assert_non_null(s = scrape_new());
	/* nested items: each one's subtree holds all the others */
	set(s, SCRAPE_ITEMS, "div");
	set(s, SCRAPE_SUMMARY, "span");
	clock_gettime(CLOCK_MONOTONIC, &start);
	l = run(s, doc, "http://example.org/", 0, 100000);
	assert_true(elapsed(&start) < 120);
	assert_true(l->count > 0 && l->count < 20000);
	assert_true(warned_prefix(l, "page too costly to read whole: stopped "
	    "after "));
	assert_str(nth(l, 0)->link, "http://example.org/n/0");
	item_list_free(l);

	set(s, SCRAPE_ITEMS, "li");
	set(s, SCRAPE_SUMMARY, NULL);
	l = run(s, doc, "http://example.org/", 0, 50);
	assert_true(l->count <= 50);
	item_list_free(l);
	scrape_free(s);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gov_listing),
		cmocka_unit_test(test_gov_defaults),
		cmocka_unit_test(test_blog_index),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_xpath),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_link_forms),
		cmocka_unit_test(test_site),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hostile_many),
		cmocka_unit_test(test_hostile_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
