/*
 * Unit tests for jsonfeed: JSON Feed 1.0 and 1.1 fixtures of our own,
 * plain text to HTML, hostile documents (deep nesting, huge numbers, wrong
 * types, NULs, not a feed, syntax errors, limits), and the third-party
 * corpus: feedparser's example, feed-rs's fixtures checked against its
 * serialized results, and NetNewsWire's real-world captures.
 */
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

#include <json-c/json.h>

#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/item.h"
#include "feeds/jsonfeed.h"
#include "tests/unit/slurp.h"

#define DIR_JSON	FIXTURES "/jsonfeed"
#define DIR_CORPUS	FIXTURES "/../../../shared/corpus"
#define DIR_FEEDRS	DIR_CORPUS "/feed-rs/jsonfeed"
#define DIR_NNW		DIR_CORPUS "/netnewswire-rsparser"
#define FEED_URL	"https://harbour.example/feeds/main.json"
#define V1		"\"version\":\"https://jsonfeed.org/version/1\""

static const struct parse_limits lim_default = { 1024 * 1024, 100 };


/* Parse path, which must exist and be a feed. */
static struct item_list *
parse_path(const char *path, const char *url)
{
	struct item_list *l;
	char err[256] = "";
	size_t len;
	char *buf;

	if ((buf = slurp(path, &len)) == NULL)
		fail_msg("cannot read %s", path);
	l = jsonfeed_parse(buf, len, url, &lim_default, err, sizeof(err));
	free(buf);
	if (l == NULL)
		fail_msg("%s: %s", path, err);
	return l;
}

/* Parse the string s (its strlen) with limits lim; err filled on NULL. */
static struct item_list *
parse_str(const char *s, const struct parse_limits *lim, char *err,
    size_t errlen)
{
	err[0] = '\0';
	return jsonfeed_parse(s, strlen(s), FEED_URL, lim, err, errlen);
}

/* s must be refused with an error containing want. */
static void
refuse(const char *s, size_t len, const char *want)
{
	struct item_list *l;
	char err[256] = "";

	l = jsonfeed_parse(s, len, FEED_URL, &lim_default, err, sizeof(err));
	if (l != NULL) {
		item_list_free(l);
		fail_msg("accepted, wanted \"%s\": %.60s", want, s);
	}
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\", wanted \"%s\"", err, want);
}

/* refuse() a string literal, NULs and all. */
#define REFUSE(lit, want)	refuse((lit), sizeof(lit) - 1, (want))

/* The n-th (0-based) item of l. */
static struct item *
nth(struct item_list *l, size_t n)
{
	struct item *it;

	for (it = l->head; it != NULL && n > 0; it = it->next)
		n--;
	assert_non_null(it);
	return it;
}

/* 1 when one of l's warnings contains s. */
static int
warned(struct item_list *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->nwarnings; i++)
		if (strstr(l->warnings[i], s) != NULL)
			return 1;
	return 0;
}

/* Check t is the RFC 3339 UTC time want. */
static void
assert_time(time_t t, const char *want)
{
	char buf[DATE_RFC3339_LEN];

	date_rfc3339(t, buf);
	assert_string_equal(buf, want);
}

/* Skip (saying so) when a corpus folder is missing, as in distcheck. */
static void
need_corpus(const char *dir)
{
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		printf("# corpus %s missing: skipping\n", dir);
		skip();
	}
	closedir(dp);
}

static void
test_v1(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_path(DIR_JSON "/v1.json", FEED_URL);
	assert_string_equal(l->format, "json");
	assert_string_equal(l->title, "Harbour Notes");
	assert_string_equal(l->link, "https://harbour.example/site/");
	assert_int_equal(l->count, 2);
	assert_int_equal(l->nwarnings, 0);

	it = nth(l, 0);
	assert_string_equal(it->id, "https://harbour.example/2024/04/tides");
	assert_string_equal(it->link, "https://harbour.example/2024/04/tides");
	/* title is plain text: escaped to HTML, as every parsed title is
	 * HTML until normalize makes it text again */
	assert_string_equal(it->title, "Spring tides &amp; &lt;storms&gt;");
	assert_string_equal(it->content,
	    "<p>The spring tides arrive on <b>Tuesday</b>.</p>");
	assert_string_equal(it->summary,
	    "Tides &quot;high&quot; &amp; storms");
	assert_string_equal(it->author, "Harbour Office");
	assert_time(it->published, "2024-04-15T09:48:00Z");
	assert_time(it->updated, "2024-04-16T08:00:00Z");
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[0], "tides");
	assert_string_equal(it->categories[1], "weather");
	/* image beats banner_image, and resolves against the document */
	assert_string_equal(it->image, "https://harbour.example/img/tides.jpg");
	assert_int_equal(it->nenclosures, 0);

	it = nth(l, 1);
	assert_string_equal(it->id, "1042");
	assert_string_equal(it->link, "https://news.example/ferry");
	assert_null(it->title);
	assert_null(it->summary);
	assert_string_equal(it->author, "Ferry Desk");
	assert_string_equal(it->content,
	    "<p>The ferry runs late.<br>\nBring a coat.</p>\n"
	    "<p>Tickets &lt;5 EUR&gt; at the desk.</p>");
	assert_int_equal(it->published, 0);
	/* relative to the document URL, not to home_page_url */
	assert_string_equal(it->image,
	    "https://harbour.example/feeds/banner.jpg");
	assert_int_equal(it->nenclosures, 2);
	assert_string_equal(it->enclosures[0].url,
	    "https://harbour.example/feeds/audio/ferry.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 123456);
	assert_string_equal(it->enclosures[1].url,
	    "https://harbour.example/ferry.pdf");
	assert_string_equal(it->enclosures[1].type, "application/pdf");
	assert_int_equal(it->enclosures[1].length, -1);
	item_list_free(l);
}

static void
test_v1_1(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_path(DIR_JSON "/v1_1.json",
	    "https://radio.example/feed.json");
	assert_string_equal(l->title, "Night Market Radio");
	assert_string_equal(l->link, "https://radio.example/");
	assert_int_equal(l->count, 2);
	assert_int_equal(l->nwarnings, 0);

	it = nth(l, 0);
	assert_string_equal(it->id, "ep-12");
	/* authors (1.1) beats author (1.0); nameless entries are passed */
	assert_string_equal(it->author, "Li Wei");
	assert_string_equal(it->content, "<p>One paragraph only.</p>");
	assert_string_equal(it->summary, "Short");
	assert_time(it->published, "2024-03-01T00:59:59Z");
	assert_int_equal(it->updated, 0);
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].type, "audio/x-m4a");
	assert_int_equal(it->enclosures[0].length, 89970236);

	it = nth(l, 1);
	/* the feed's authors stand for an item's missing ones */
	assert_string_equal(it->author, "Night Market Crew");
	/* content_html wins over content_text */
	assert_string_equal(it->content, "<p>Both</p>");
	item_list_free(l);
}

static void
test_text_to_html(void **state)
{
	static const struct {
		const char	*text;
		const char	*html;
	} t[] = {
		{ "a & b < c > d \"e\" 'f'",
		    "<p>a &amp; b &lt; c &gt; d &quot;e&quot; 'f'</p>" },
		{ "one\r\ntwo\rthree", "<p>one<br>\ntwo<br>\nthree</p>" },
		{ "\n\n  one\n \t \ntwo\n\n\n\nthree  \n\n",
		    "<p>one</p>\n<p>two</p>\n<p>three</p>" },
		{ "p1\r\n\r\np2", "<p>p1</p>\n<p>p2</p>" },
		{ "&amp; <b>not html</b>",
		    "<p>&amp;amp; &lt;b&gt;not html&lt;/b&gt;</p>" },
		{ "caf\xc3\xa9 \xe2\x80\x94 ok",
		    "<p>caf\xc3\xa9 \xe2\x80\x94 ok</p>" },
	};
	struct item_list *l;
	char doc[512], err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct json_object *s = json_object_new_string(t[i].text);

		snprintf(doc, sizeof(doc), "{" V1 ",\"items\":[{\"id\":\"x\","
		    "\"content_text\":%s,\"summary\":%s}]}",
		    json_object_to_json_string(s),
		    json_object_to_json_string(s));
		json_object_put(s);
		l = parse_str(doc, &lim_default, err, sizeof(err));
		if (l == NULL)
			fail_msg("%s: %s", doc, err);
		assert_string_equal(l->head->content, t[i].html);
		/* summary: escaped, no paragraphs */
		assert_null(strstr(l->head->summary, "<p>"));
		assert_null(strchr(l->head->summary, '<'));
		item_list_free(l);
	}
	/* only white space is no content at all */
	l = parse_str("{" V1 ",\"items\":[{\"id\":\"x\",\"content_text\":"
	    "\" \\n\\n \",\"summary\":\"\\t\"}]}", &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_null(l->head->content);
	assert_null(l->head->summary);
	item_list_free(l);
}

static void
test_urls(void **state)
{
	static const char rel[] = "{\"items\":[{\"id\":\"1\",\"url\":\"/a\"}]}";
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str("{" V1 ",\"home_page_url\":\"../\",\"items\":["
	    "{\"url\":\"post/1?a=b#c\",\"title\":\"rel\"},"
	    "{\"url\":\"javascript:alert(1)\","
	    "\"external_url\":\"//cdn.example/x\","
	    "\"title\":\"js\"},"
	    "{\"url\":\"data:text/html,hi\",\"title\":\"data\","
	    "\"image\":\"ftp://x.example/i.png\",\"banner_image\":\"b.png\","
	    "\"attachments\":[{\"url\":\"file:///etc/passwd\"},"
	    "{\"url\":\"ok.mp3\"}]}]}", &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_string_equal(l->link, "https://harbour.example/");
	assert_string_equal(nth(l, 0)->link,
	    "https://harbour.example/feeds/post/1?a=b#c");
	assert_string_equal(nth(l, 1)->link, "https://cdn.example/x");
	assert_null(nth(l, 2)->link);
	assert_string_equal(nth(l, 2)->image,
	    "https://harbour.example/feeds/b.png");
	assert_int_equal(nth(l, 2)->nenclosures, 1);
	assert_string_equal(nth(l, 2)->enclosures[0].url,
	    "https://harbour.example/feeds/ok.mp3");
	assert_true(warned(l, "item 2: \"url\" is not an http(s) URL"));
	assert_true(warned(l, "item 3: \"image\" is not an http(s) URL"));
	item_list_free(l);

	/* without a document URL, relative references are dropped */
	l = jsonfeed_parse(rel, strlen(rel), NULL, &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_null(l->head->link);
	assert_string_equal(l->head->id, "1");
	item_list_free(l);
}

static void
test_wrong_types(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_path(DIR_JSON "/wrong-types.json", FEED_URL);
	assert_null(l->title);
	assert_null(l->link);
	/* a string, a null and an empty object are not items */
	assert_int_equal(l->count, 2);
	assert_true(warned(l, "feed: \"title\" is a JSON int, not a string"));
	assert_true(warned(l, "feed: \"home_page_url\" is a JSON array"));
	assert_true(warned(l, "feed: \"authors\" is a JSON string, not an "
	    "array"));
	assert_true(warned(l, "item 1: a JSON string, not an object; "
	    "skipped"));
	assert_true(warned(l, "item 2: a JSON null, not an object"));
	assert_true(warned(l, "item 3: no id, url, title, content"));
	assert_true(warned(l, "item 4: \"id\" is not a string or number"));

	it = nth(l, 0);
	assert_null(it->id);
	assert_null(it->link);
	assert_null(it->title);
	assert_null(it->summary);
	assert_null(it->author);
	assert_null(it->image);
	assert_int_equal(it->published, 0);
	assert_int_equal(it->updated, 0);
	assert_int_equal(it->ncategories, 0);
	/* content_html of the wrong type: content_text is used */
	assert_string_equal(it->content, "<p>survives</p>");
	assert_int_equal(it->nenclosures, 5);
	assert_string_equal(it->enclosures[0].url,
	    "https://harbour.example/feeds/a.mp3");
	assert_null(it->enclosures[0].type);
	assert_int_equal(it->enclosures[0].length, -1);
	assert_int_equal(it->enclosures[1].length, -1);	/* negative */
	assert_int_equal(it->enclosures[2].length, -1);	/* 1e999 */
	assert_int_equal(it->enclosures[3].length, -1);	/* 2^64+ */
	assert_int_equal(it->enclosures[4].length, 12);	/* 12.0 */

	it = nth(l, 1);
	assert_string_equal(it->id, "last");
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[0], "ok");
	assert_string_equal(it->categories[1], "ok2");
	/* capped, and the cap is said */
	assert_int_equal(l->nwarnings, ITEM_MAX_WARNINGS + 1);
	assert_string_equal(l->warnings[ITEM_MAX_WARNINGS],
	    "(further warnings dropped)");
	item_list_free(l);
}

/* The id an item gets from the JSON value v. */
static const char *
id_of(const char *v)
{
	static const char *const ok[] = { "0", "-1", "1.5" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(v, ok[i]) == 0)
			return ok[i];
	return strcmp(v, "\"x\"") == 0 ? "x" : NULL;
}

static void
test_wrong_types_everywhere(void **state)
{
	static const char *const values[] = {
		"null", "true", "0", "-1", "1.5", "1e999", "\"\"", "\"x\"",
		"[]", "[null]", "{}", "{\"name\":{}}", "[[[]]]",
	};
	static const char *const keys[] = {
		"id", "url", "external_url", "title", "content_html",
		"content_text", "summary", "image", "banner_image",
		"date_published", "date_modified", "author", "authors",
		"tags", "attachments",
	};
	struct item_list *l;
	char doc[512], err[256];
	const char *want;
	size_t i, k;

	(void)state;
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			snprintf(doc, sizeof(doc), "{" V1 ",\"title\":%s,"
			    "\"author\":%s,\"items\":[{\"id\":\"i\",\"%s\":%s,"
			    "\"attachments\":[{\"url\":\"a\",\"%s\":%s}]}]}",
			    values[i], values[i], keys[k], values[i],
			    keys[k], values[i]);
			l = parse_str(doc, &lim_default, err, sizeof(err));
			if (l == NULL)
				fail_msg("%s: %s", doc, err);
			assert_int_equal(l->count, 1);
			want = strcmp(keys[k], "id") != 0 ? "i" :
			    id_of(values[i]);
			if (want == NULL)
				assert_null(l->head->id);
			else
				assert_string_equal(l->head->id, want);
			item_list_free(l);
		}
}

static void
test_numbers(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str("{\"items\":[{\"id\":12345678901234},{\"id\":-7},"
	    "{\"id\":1.50},{\"id\":1e999},{\"id\":2e3,\"title\":\"t\"},"
	    "{\"id\":123456789012345678901234567890123456789}]}",
	    &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_string_equal(nth(l, 0)->id, "12345678901234");
	assert_string_equal(nth(l, 1)->id, "-7");
	/* a double keeps the text it was written as */
	assert_string_equal(nth(l, 2)->id, "1.50");
	/* 1e999 is no id, and nothing else is in that item */
	assert_string_equal(nth(l, 3)->id, "2e3");
	/* json-c saturates: the id is kept, but it is not the one written */
	assert_non_null(nth(l, 4)->id);
	assert_int_equal(l->count, 5);
	assert_true(warned(l, "item 4: \"id\" is not a string or number"));
	item_list_free(l);
}

static void
test_nul(void **state)
{
	static const char raw[] = "{\"items\":[{\"id\":\"a\0b\"}]}";
	static const char after[] = "{\"items\":[]}\0";
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str("{" V1 ",\"title\":\"cut\\u0000here\",\"items\":["
	    "{\"id\":\"x\\u0000y\",\"url\":\"https://a.example/\\u0000.evil\","
	    "\"title\":\"ok\",\"tags\":[\"t\\u0000\",\"u\"],"
	    "\"content_html\":\"<p>a</p>\\u0000<script>\"}]}",
	    &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_null(l->title);
	assert_null(l->head->id);
	assert_null(l->head->link);
	assert_null(l->head->content);
	assert_string_equal(l->head->title, "ok");
	assert_int_equal(l->head->ncategories, 1);
	assert_string_equal(l->head->categories[0], "u");
	assert_true(warned(l, "feed: \"title\" contains a NUL character"));
	assert_true(warned(l, "item 1: \"url\" contains a NUL character"));
	item_list_free(l);

	/* a raw NUL byte is no JSON */
	refuse(raw, sizeof(raw) - 1, "JSON syntax error at byte 18: a NUL "
	    "byte");
	refuse(after, sizeof(after) - 1, "JSON syntax error at byte 12: "
	    "a NUL byte");
}

static void
test_syntax_errors(void **state)
{
	static const char bom[] = "\xef\xbb\xbf{\"items\":[{\"id\":\"1\"}]}";
	struct item_list *l;
	char err[256];

	(void)state;
	REFUSE("", "empty document");
	REFUSE("   \n\t", "JSON syntax error at byte 5: unexpected end");
	REFUSE("{\"items\":[", "JSON syntax error at byte 10: "
	    "unexpected end of data");
	REFUSE("{\"items\":[]} x", "JSON syntax error at byte 13: data "
	    "after the JSON value");
	REFUSE("{\"items\":[]}{\"items\":[]}", "at byte 12: data after");
	REFUSE("{\"items\":[]}\n]", "at byte 13: data after");
	REFUSE("{\"items\" [] }", "JSON syntax error at byte 9");
	REFUSE("{\"title\":\"\xff\xfe\",\"items\":[]}",
	    "JSON syntax error at byte 10: invalid utf-8");
	REFUSE("<?xml version=\"1.0\"?><rss/>", "JSON syntax error at "
	    "byte 0");
	REFUSE("\xef\xbb\xbf", "JSON syntax error at byte 3");

	/* a UTF-8 byte order mark and trailing white space are fine */
	l = jsonfeed_parse(bom, sizeof(bom) - 1, FEED_URL, &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	item_list_free(l);
	l = parse_str("\n {" V1 ",\"items\":[]} \r\n\t", &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 0);
	item_list_free(l);
}

static void
test_not_a_feed(void **state)
{
	static const struct {
		const char	*doc;
		const char	*err;
	} t[] = {
		{ "{\"error\":\"rate limited\"}",
		    "not a JSON Feed (no \"version\" or \"items\")" },
		{ "{}", "not a JSON Feed (no \"version\" or \"items\")" },
		{ "{\"version\":\"2.0\",\"items\":{}}", "not a JSON Feed (no" },
		{ "{\"version\":\"https://example.org/version/1\"}",
		    "not a JSON Feed (no" },
		{ "{\"rss\":{\"version\":\"2.0\",\"channel\":{\"item\":[]}}}",
		    "not a JSON Feed (no" },
		{ "[{\"items\":[]}]", "not a JSON Feed (a JSON array, not an "
		    "object)" },
		{ "42", "not a JSON Feed (a JSON int, not an object)" },
		{ "-1.5e3", "not a JSON Feed (a JSON double" },
		{ "\"https://jsonfeed.org/version/1\"", "a JSON string" },
		{ "true", "a JSON boolean" },
		{ "null", "a JSON null" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		refuse(t[i].doc, strlen(t[i].doc), t[i].err);
}

static void
test_partial_feeds(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	/* items without a version: read, and said */
	l = parse_str("{\"title\":\"T\",\"items\":[{\"id\":\"1\"}]}",
	    &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	assert_true(warned(l, "no JSON Feed \"version\""));
	item_list_free(l);
	/* a version without items: an empty feed, and said */
	l = parse_str("{" V1 ",\"title\":\"T\"}", &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 0);
	assert_string_equal(l->title, "T");
	assert_true(warned(l, "feed: no \"items\""));
	item_list_free(l);
	/* items of the wrong type under a version */
	l = parse_str("{\"version\":\"http://jsonfeed.org/version/1.1\","
	    "\"items\":{\"id\":\"1\"}}", &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 0);
	assert_true(warned(l, "feed: \"items\" is a JSON object, not an "
	    "array"));
	item_list_free(l);
	/* a future version reads alike */
	l = parse_str("{\"version\":\"https://jsonfeed.org/version/2\","
	    "\"items\":[{\"id\":\"1\"}]}", &lim_default, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->nwarnings, 0);
	item_list_free(l);
}

/* "[" * depth, then "]" * depth, in an extension member of a feed. */
static char *
nested(size_t depth)
{
	static const char head[] = "{" V1 ",\"items\":[],\"_x\":";
	char *s, *p;

	s = malloc(sizeof(head) + 2 * depth + 2);
	assert_non_null(s);
	p = s + strlen(strcpy(s, head));
	memset(p, '[', depth);
	memset(p + depth, ']', depth);
	strcpy(p + 2 * depth, "}");
	return s;
}

static void
test_depth(void **state)
{
	struct item_list *l;
	char err[256];
	char *s;

	(void)state;
	s = nested(60);		/* + the feed object: 61 levels */
	l = parse_str(s, &lim_default, err, sizeof(err));
	if (l == NULL)
		fail_msg("%s", err);
	item_list_free(l);
	free(s);
	s = nested(100000);
	refuse(s, strlen(s), "nesting too deep");
	free(s);
	s = nested(64);
	refuse(s, strlen(s), "JSON syntax error at byte");
	free(s);
}

static void
test_limits(void **state)
{
	static const char five[] = "{" V1 ",\"items\":[{\"id\":\"1\"},7,"
	    "{\"id\":\"2\"},{\"id\":\"3\"},{\"id\":\"4\"},{\"id\":\"5\"}]}";
	struct parse_limits lim = { 1024, 2 };
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str(five, &lim, err, sizeof(err));
	assert_non_null(l);
	/* the non-item does not use up the limit */
	assert_int_equal(l->count, 2);
	assert_string_equal(nth(l, 1)->id, "2");
	assert_true(warned(l, "only the first 2 items kept (of 6)"));
	item_list_free(l);

	lim.max_items = 0;
	l = parse_str(five, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 0);
	item_list_free(l);

	lim.max_size = strlen(five) - 1;
	lim.max_items = 100;
	assert_null(parse_str(five, &lim, err, sizeof(err)));
	assert_non_null(strstr(err, "document too large"));
	lim.max_size = strlen(five);
	l = parse_str(five, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 5);
	item_list_free(l);
}

/* Many items, tags and attachments: per-item caps hold. */
static void
test_many(void **state)
{
	struct parse_limits lim = { 16 * 1024 * 1024, 1000 };
	struct item_list *l;
	size_t i, cap = 4 * 1024 * 1024, n = 0;
	char err[256], *s;

	(void)state;
	s = malloc(cap);
	assert_non_null(s);
	n += snprintf(s + n, cap - n, "{" V1 ",\"items\":[{\"id\":\"x\","
	    "\"tags\":[");
	for (i = 0; i < 10000; i++)
		n += snprintf(s + n, cap - n, "%s\"t%zu\"", i ? "," : "", i);
	n += snprintf(s + n, cap - n, "],\"attachments\":[");
	for (i = 0; i < 10000; i++)
		n += snprintf(s + n, cap - n, "%s{\"url\":\"a%zu\"}",
		    i ? "," : "", i);
	n += snprintf(s + n, cap - n, "]}");
	for (i = 0; i < 50000; i++)
		n += snprintf(s + n, cap - n, ",{\"id\":\"%zu\"}", i);
	n += snprintf(s + n, cap - n, "]}");
	assert_true(n < cap);
	l = jsonfeed_parse(s, n, FEED_URL, &lim, err, sizeof(err));
	free(s);
	if (l == NULL)
		fail_msg("%s", err);
	assert_int_equal(l->count, 1000);
	assert_int_equal(l->head->ncategories, ITEM_MAX_CATEGORIES);
	assert_int_equal(l->head->nenclosures, ITEM_MAX_ENCLOSURES);
	item_list_free(l);
}

static void
test_corpus_feedparser(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	need_corpus(DIR_CORPUS "/feedparser/json");
	/* Expect: not bozo and feed.title == 'My Example Feed' and
	 * len(entries) == 2 */
	l = parse_path(DIR_CORPUS "/feedparser/json/example.json",
	    "https://example.org/feed.json");
	assert_string_equal(l->title, "My Example Feed");
	assert_string_equal(l->link, "https://example.org/");
	assert_int_equal(l->count, 2);
	assert_int_equal(l->nwarnings, 0);
	it = nth(l, 0);
	assert_string_equal(it->id, "2");
	assert_string_equal(it->title, "post 2");
	assert_string_equal(it->content, "<p>This is a second item.</p>");
	assert_string_equal(it->author, "me");
	assert_int_equal(it->nenclosures, 1);
	assert_string_equal(it->enclosures[0].url,
	    "https://example.org/second-item-show.mp4");
	assert_string_equal(it->enclosures[0].type, "video/mp4");
	assert_int_equal(it->enclosures[0].length, 12000000);
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[1], "JSON");
	it = nth(l, 1);
	assert_string_equal(it->author, "you");
	/* content_html as found: sanitizing is normalize's job */
	assert_non_null(strstr(it->content, "<script>"));
	assert_string_equal(it->link, "https://example.org/initial-post");
	item_list_free(l);
}

/* The string at key of obj, or NULL. */
static const char *
jget(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* Item it against feed-rs's serialized entry e. */
/* Titles are HTML after parsing: compare their text with feed-rs's,
 * read as HTML too (it keeps "&#8211;" as written). */
static void
check_text(const char *ours, const char *theirs)
{
	char *a, *b;

	assert_non_null(ours);
	assert_non_null(theirs);
	a = html_to_text(ours, 1 << 20);
	b = html_to_text(theirs, 1 << 20);
	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
check_feedrs_entry(struct item *it, struct json_object *e)
{
	struct json_object *v, *a;
	char buf[DATE_RFC3339_LEN], want[4096];
	const char *s;
	size_t i, found = 0;

	if (json_object_object_get_ex(e, "title", &v) && v != NULL)
		check_text(it->title, jget(v, "content"));
	if (json_object_object_get_ex(e, "links", &a) && a != NULL &&
	    json_object_array_length(a) > 0)
		assert_string_equal(it->link, jget(json_object_array_get_idx(a,
		    0), "href"));
	if ((s = jget(e, "published")) != NULL) {
		date_rfc3339(it->published, buf);
		assert_string_equal(buf, s);
	}
	if ((s = jget(e, "updated")) != NULL) {
		date_rfc3339(it->updated, buf);
		assert_string_equal(buf, s);
	}
	/* feed-rs keeps text as text; we make it HTML */
	if (json_object_object_get_ex(e, "content", &v) && v != NULL) {
		s = jget(v, "body");
		if (strcmp(jget(v, "content_type"), "text/html") == 0)
			assert_string_equal(it->content, s);
		else if (strcspn(s, "&<>\"\r\n") == strlen(s)) {
			snprintf(want, sizeof(want), "<p>%s</p>", s);
			assert_string_equal(it->content, want);
		}
	}
	json_object_object_get_ex(e, "categories", &a);
	assert_int_equal(it->ncategories, json_object_array_length(a));
	for (i = 0; i < it->ncategories; i++)
		assert_string_equal(it->categories[i],
		    jget(json_object_array_get_idx(a, i), "term"));
	/* feed-rs lists author before authors: ours is one of them */
	json_object_object_get_ex(e, "authors", &a);
	for (i = 0; i < json_object_array_length(a); i++)
		if ((s = jget(json_object_array_get_idx(a, i), "name")) !=
		    NULL && it->author != NULL && strcmp(s, it->author) == 0)
			found++;
	assert_int_equal(found, json_object_array_length(a) > 0 ? 1 : 0);
}

/* Parse feed-rs's name.json and compare with name.serde.json. */
static void
check_feedrs(const char *name)
{
	struct json_object *want, *entries;
	struct item_list *l;
	struct item *it;
	char path[512];
	size_t i;

	snprintf(path, sizeof(path), "%s/%s.serde.json", DIR_FEEDRS, name);
	want = json_object_from_file(path);
	assert_non_null(want);
	snprintf(path, sizeof(path), "%s/%s.json", DIR_FEEDRS, name);
	l = parse_path(path, "https://corpus.example/feed.json");
	check_text(l->title,
	    jget(json_object_object_get(want, "title"), "content"));
	assert_string_equal(l->link, jget(json_object_array_get_idx(
	    json_object_object_get(want, "links"), 0), "href"));
	entries = json_object_object_get(want, "entries");
	assert_int_equal(l->count, json_object_array_length(entries));
	for (i = 0, it = l->head; it != NULL; i++, it = it->next)
		check_feedrs_entry(it, json_object_array_get_idx(entries, i));
	item_list_free(l);
	json_object_put(want);
}

static void
test_corpus_feedrs(void **state)
{
	struct item_list *l;

	(void)state;
	need_corpus(DIR_FEEDRS);
	check_feedrs("jsonfeed_spec_1");
	check_feedrs("jsonfeed_elastic_1.1");
	/* and a few things the serialized model does not show */
	l = parse_path(DIR_FEEDRS "/jsonfeed_elastic_1.1.json",
	    "https://corpus.example/feed.json");
	assert_string_equal(nth(l, 0)->author, "Chris Churilo");
	assert_string_equal(nth(l, 2)->author, "Fake Author 3");
	assert_null(nth(l, 0)->id);
	item_list_free(l);
}

/* Every JSON file of NetNewsWire's corpus: a feed with items, or refused. */
static void
test_corpus_netnewswire(void **state)
{
	struct item_list *l;
	struct item *it;
	struct dirent *de;
	char path[1024], err[256];
	size_t len, n, feeds = 0;
	char *buf;
	DIR *dp;

	(void)state;
	need_corpus(DIR_NNW);
	assert_non_null(dp = opendir(DIR_NNW));
	while ((de = readdir(dp)) != NULL) {
		n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", DIR_NNW, de->d_name);
		assert_non_null(buf = slurp(path, &len));
		l = jsonfeed_parse(buf, len, "https://corpus.example/feed",
		    &lim_default, err, sizeof(err));
		free(buf);
		/* RSS written as JSON ("rssInJSON" in feed-types.tsv) */
		if (strcmp(de->d_name, "ScriptingNews.json") == 0) {
			assert_null(l);
			assert_non_null(strstr(err, "not a JSON Feed"));
			continue;
		}
		if (l == NULL)
			fail_msg("%s: %s", de->d_name, err);
		assert_true(l->count > 0);
		for (it = l->head; it != NULL; it = it->next) {
			assert_true(it->title != NULL || it->content != NULL);
			assert_true(it->link != NULL || it->id != NULL);
			assert_true(it->published != 0);
		}
		item_list_free(l);
		feeds++;
	}
	closedir(dp);
	assert_true(feeds >= 4);

	l = parse_path(DIR_NNW "/DaringFireball.json",
	    "https://daringfireball.net/feeds/json");
	assert_int_equal(l->count, 48);
	it = l->head;
	assert_string_equal(it->title, "The Talk Show: \xe2\x80\x98I Do Like "
	    "Throwing a Baby\xe2\x80\x99");
	assert_string_equal(it->author, "John Gruber");
	assert_time(it->published, "2017-06-27T00:54:17Z");
	assert_time(it->updated, "2017-06-27T00:54:20Z");
	assert_string_equal(it->link,
	    "https://daringfireball.net/linked/2017/06/26/the-talk-show-195");
	item_list_free(l);

	l = parse_path(DIR_NNW "/jsonfeed-extension.json",
	    "https://example.com/feed.json");
	assert_int_equal(l->count, 3);
	assert_string_equal(l->head->enclosures[0].url,
	    "https://example.com/SomeFile2.app.zip");
	assert_string_equal(l->head->enclosures[0].type, "application/zip");
	item_list_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1),
		cmocka_unit_test(test_v1_1),
		cmocka_unit_test(test_text_to_html),
		cmocka_unit_test(test_urls),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_wrong_types_everywhere),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_partial_feeds),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_corpus_feedparser),
		cmocka_unit_test(test_corpus_feedrs),
		cmocka_unit_test(test_corpus_netnewswire),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
