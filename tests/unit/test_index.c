/* Unit tests for output/index (the HTML index) and output/opml (the OPML
 * list of sources): structure, absolute URLs, escaping, hostile text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "output/index.h"
#include "output/opml.h"

static const struct index_feed feeds[] = {
	{ "Everything", "feed.atom", 42 },
	{ "Health and medical care", "topics/health.atom", 1 },
	{ "City", "topics/city.atom", 0 },
};

static int
count(xmlDocPtr doc, const char *expr)
{
	char e[512];
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;
	int n;

	snprintf(e, sizeof(e), "count(%s)", expr);
	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	assert_non_null(o);
	n = (int)o->floatval;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return n;
}

static void
check_str(xmlDocPtr doc, const char *expr, const char *want)
{
	char e[512];
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;

	snprintf(e, sizeof(e), "string(%s)", expr);
	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	o = xmlXPathEvalExpression(BAD_CAST e, ctx);
	assert_non_null(o);
	if (strcmp((const char *)o->stringval, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, o->stringval,
		    want);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
}

/* The index parsed as HTML; the parser must report no error at all. */
static xmlDocPtr
parse_html(const char *buf, size_t len)
{
	xmlDocPtr doc;

	doc = htmlReadMemory(buf, (int)len, "index.html", "utf-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	return doc;
}

static xmlDocPtr
render_opml(const char *title, const struct opml_outline *o, size_t n)
{
	xmlDocPtr doc;
	size_t len;
	char *buf;

	buf = opml_render(title, o, n, &len);
	assert_non_null(buf);
	assert_int_equal(strlen(buf), len);
	assert_memory_equal(buf, "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
	    38);
	doc = xmlReadMemory(buf, (int)len, "sources.opml", NULL,
	    XML_PARSE_NONET);
	if (doc == NULL)
		fail_msg("not well-formed:\n%s", buf);
	free(buf);
	return doc;
}

static void
test_index_structure(void **state)
{
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	buf = index_render("Shanghai digest", "http://localhost:8080/", feeds,
	    3, &len);
	assert_non_null(buf);
	assert_int_equal(strlen(buf), len);
	assert_memory_equal(buf, "<!DOCTYPE html>\n", 16);
	assert_non_null(strstr(buf, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(buf, "(42 entries)"));
	assert_non_null(strstr(buf, "(1 entry)"));
	assert_non_null(strstr(buf, "(0 entries)"));
	doc = parse_html(buf, len);
	free(buf);

	check_str(doc, "/html/head/title", "Shanghai digest");
	check_str(doc, "//h1", "Shanghai digest");
	assert_int_equal(count(doc, "/html/head/link[@rel='alternate' and "
	    "@type='application/atom+xml']"), 3);
	check_str(doc, "/html/head/link[1]/@title", "Everything");
	check_str(doc, "/html/head/link[1]/@href",
	    "http://localhost:8080/feed.atom");
	check_str(doc, "/html/head/link[2]/@href",
	    "http://localhost:8080/topics/health.atom");
	check_str(doc, "/html/head/link[3]/@title", "City");
	/* The subscribe links in the body are absolute, in the same order. */
	assert_int_equal(count(doc, "//body//a[@class='subscribe']"), 3);
	check_str(doc, "(//body//a[@class='subscribe'])[2]/@href",
	    "http://localhost:8080/topics/health.atom");
	check_str(doc, "(//body//li)[2]/span[@class='title']",
	    "Health and medical care");
	check_str(doc, "//a[@href='http://localhost:8080/sources.opml']",
	    "sources.opml");
	xmlFreeDoc(doc);
}

static void
test_index_escaping(void **state)
{
	const struct index_feed nasty[] = {
		{ "<script>alert(1)</script> & \"q\" 'a'", "x.atom?a=1&b=\"2\"",
		    3 },
	};
	const char *t = "<script>alert(1)</script> & \"q\" 'a'";
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	buf = index_render("A <b>&</b> \"title\"", "http://h/\"><x>/", nasty, 1,
	    &len);
	assert_non_null(buf);
	assert_null(strstr(buf, "<script"));
	assert_null(strstr(buf, "<b>"));
	assert_null(strstr(buf, "<x>"));
	doc = parse_html(buf, len);
	free(buf);
	check_str(doc, "/html/head/title", "A <b>&</b> \"title\"");
	check_str(doc, "/html/head/link/@title", t);
	check_str(doc, "/html/head/link/@href",
	    "http://h/\"><x>/x.atom?a=1&b=\"2\"");
	check_str(doc, "//li/span[@class='title']", t);
	assert_int_equal(count(doc, "//script | //x | //h1/b"), 0);
	xmlFreeDoc(doc);
}

static void
test_index_urls(void **state)
{
	const struct index_feed f[] = {
		{ "A", "/feed.atom", 2 },
	};
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	/* A base without its final '/' and a path with a leading one. */
	buf = index_render("T", "https://ex.org/news", f, 1, &len);
	assert_non_null(buf);
	doc = parse_html(buf, len);
	free(buf);
	check_str(doc, "/html/head/link/@href",
	    "https://ex.org/news/feed.atom");
	check_str(doc, "//a[@class='subscribe']/@href",
	    "https://ex.org/news/feed.atom");
	check_str(doc, "//a[contains(@href, 'opml')]/@href",
	    "https://ex.org/news/sources.opml");
	xmlFreeDoc(doc);
}

static void
test_index_hostile_bytes(void **state)
{
	const struct index_feed f[] = {
		{ "bad\x01\x1b utf8 \xff\xc0 end", "feed.atom", 1 },
	};
	size_t len;
	char *buf;

	(void)state;
	buf = index_render("t\x02itle", "http://h/", f, 1, &len);
	assert_non_null(buf);
	assert_null(memchr(buf, '\x01', len));
	assert_null(memchr(buf, '\x02', len));
	assert_null(memchr(buf, '\x1b', len));
	assert_null(memchr(buf, '\xff', len));
	assert_non_null(strstr(buf, "<title>title</title>"));
	assert_non_null(strstr(buf, "bad utf8 \xef\xbf\xbd\xef\xbf\xbd end"));
	free(buf);
}

static void
test_index_empty(void **state)
{
	xmlDocPtr doc;
	size_t len;
	char *buf, *again;

	(void)state;
	buf = index_render("Nothing", "http://h/", NULL, 0, &len);
	assert_non_null(buf);
	doc = parse_html(buf, len);
	assert_int_equal(count(doc, "//link[@rel='alternate']"), 0);
	assert_int_equal(count(doc, "//li"), 0);
	assert_int_equal(count(doc, "//a[@href='http://h/sources.opml']"), 1);
	xmlFreeDoc(doc);
	/* Same input, same bytes: an unchanged index is not republished. */
	again = index_render("Nothing", "http://h/", NULL, 0, &len);
	assert_non_null(again);
	assert_string_equal(buf, again);
	free(buf);
	free(again);
}

static void
test_opml_structure(void **state)
{
	const struct opml_outline o[] = {
		{ "Xinhua | China", "https://ex.org/rss/china.xml",
		    "https://ex.org/" },
		{ "shanghai-latest", "https://ex.org/index.html", NULL },
		{ NULL, "https://ex.org/untitled.xml", "" },
	};
	xmlDocPtr doc;

	(void)state;
	doc = render_opml("Shanghai digest", o, 3);
	check_str(doc, "/opml/@version", "2.0");
	check_str(doc, "/opml/head/title", "Shanghai digest");
	assert_int_equal(count(doc, "/opml/body/outline"), 3);
	assert_int_equal(count(doc, "/opml/body/outline[@type='rss']"), 3);
	check_str(doc, "/opml/body/outline[1]/@text", "Xinhua | China");
	check_str(doc, "/opml/body/outline[1]/@title", "Xinhua | China");
	check_str(doc, "/opml/body/outline[1]/@xmlUrl",
	    "https://ex.org/rss/china.xml");
	check_str(doc, "/opml/body/outline[1]/@htmlUrl", "https://ex.org/");
	assert_int_equal(count(doc, "/opml/body/outline[2]/@htmlUrl"), 0);
	assert_int_equal(count(doc, "/opml/body/outline[3]/@htmlUrl"), 0);
	/* An untitled source is listed by its URL. */
	check_str(doc, "/opml/body/outline[3]/@text",
	    "https://ex.org/untitled.xml");
	xmlFreeDoc(doc);
}

static void
test_opml_escaping(void **state)
{
	const char *t = "a & b <c> \"d\" 'e' ]]>";
	const struct opml_outline o[] = {
		{ "x\x01y\x0b <z> & \"q\"\xff", "http://ex.org/?a=1&b=\"2\"<3>",
		    "http://ex.org/'" },
	};
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	doc = render_opml(t, o, 1);
	check_str(doc, "/opml/head/title", t);
	check_str(doc, "/opml/body/outline/@text",
	    "xy <z> & \"q\"\xef\xbf\xbd");
	check_str(doc, "/opml/body/outline/@xmlUrl",
	    "http://ex.org/?a=1&b=\"2\"<3>");
	check_str(doc, "/opml/body/outline/@htmlUrl", "http://ex.org/'");
	xmlFreeDoc(doc);

	buf = opml_render(t, o, 1, &len);
	assert_non_null(buf);
	assert_null(strstr(buf, "]]>"));
	assert_null(strstr(buf, "<z>"));
	free(buf);
}

static void
test_opml_empty(void **state)
{
	xmlDocPtr doc;

	(void)state;
	doc = render_opml(NULL, NULL, 0);
	assert_int_equal(count(doc, "/opml/head/title"), 1);
	assert_int_equal(count(doc, "/opml/body"), 1);
	assert_int_equal(count(doc, "/opml/body/outline"), 0);
	xmlFreeDoc(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_structure),
		cmocka_unit_test(test_index_escaping),
		cmocka_unit_test(test_index_urls),
		cmocka_unit_test(test_index_hostile_bytes),
		cmocka_unit_test(test_index_empty),
		cmocka_unit_test(test_opml_structure),
		cmocka_unit_test(test_opml_escaping),
		cmocka_unit_test(test_opml_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
