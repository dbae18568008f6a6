/* Unit tests for output/atom: structure, escaping, fallbacks, determinism,
 * and (when trang, xmllint and the corpus schema are there) RFC 4287's
 * RELAX NG schema; also output/xmlout's cleaning, which every string the
 * writer emits goes through. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "feeds/item.h"
#include "output/atom.h"
#include "output/xmlout.h"

#define SCHEMA FIXTURES "/../../../shared/corpus/atom-schema/atom.rnc"

#define T1 1713181680	/* 2024-04-15T11:48:00Z */
#define T2 1713268080	/* 2024-04-16T11:48:00Z */
#define T3 1713354480	/* 2024-04-17T11:48:00Z */

static const struct atom_feed feed = {
	.id = "http://localhost:8080/feed.atom",
	.title = "Shanghai digest",
	.subtitle = "Everything, in one feed",
	.self = "http://localhost:8080/feed.atom",
	.alternate = "http://localhost:8080/",
	.author = "unifeed",
	.generator_version = "0.1",
};

static struct item *
add(struct item_list *l, const char *uid, const char *title,
    const char *link, time_t published, time_t updated)
{
	struct item *it;

	it = item_new();
	assert_non_null(it);
	if (uid != NULL)
		assert_int_equal(item_set(&it->uid, uid), 0);
	if (title != NULL)
		assert_int_equal(item_set(&it->title, title), 0);
	if (link != NULL)
		assert_int_equal(item_set(&it->link, link), 0);
	it->published = published;
	it->updated = updated;
	item_list_append(l, it);
	return it;
}

/* Render and parse; the document must be well-formed. */
static xmlDocPtr
render(const struct atom_feed *f, const struct item_list *l)
{
	xmlDocPtr doc;
	size_t len;
	char *buf;

	buf = atom_render(f, l, &len);
	assert_non_null(buf);
	assert_int_equal(strlen(buf), len);
	doc = xmlReadMemory(buf, (int)len, "feed.atom", NULL, XML_PARSE_NONET);
	if (doc == NULL)
		fail_msg("not well-formed:\n%s", buf);
	free(buf);
	return doc;
}

static xmlXPathObjectPtr
eval(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr o;

	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	xmlXPathRegisterNs(ctx, BAD_CAST "a",
	    BAD_CAST "http://www.w3.org/2005/Atom");
	o = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	xmlXPathFreeContext(ctx);
	if (o == NULL)
		fail_msg("bad xpath %s", expr);
	return o;
}

static int
count(xmlDocPtr doc, const char *expr)
{
	char e[512];
	xmlXPathObjectPtr o;
	int n;

	snprintf(e, sizeof(e), "count(%s)", expr);
	o = eval(doc, e);
	n = (int)o->floatval;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of expr; compared, then freed by the caller's macro. */
static void
check_str(xmlDocPtr doc, const char *expr, const char *want)
{
	char e[512];
	xmlXPathObjectPtr o;

	snprintf(e, sizeof(e), "string(%s)", expr);
	o = eval(doc, e);
	assert_non_null(o->stringval);
	if (strcmp((const char *)o->stringval, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, o->stringval,
		    want);
	xmlXPathFreeObject(o);
}

static void
test_structure(void **state)
{
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:3", "Third", "http://ex.org/3", T2, T3);
	assert_int_equal(item_add_category(it, "city"), 0);
	assert_int_equal(item_add_category(it, ""), 0);
	assert_int_equal(item_add_category(it, "news"), 0);
	assert_int_equal(item_set(&it->author, "Li Wei"), 0);
	assert_int_equal(item_add_enclosure(it, "http://ex.org/3.mp3",
	    "audio/mpeg", 4096), 0);
	assert_int_equal(item_add_enclosure(it, "http://ex.org/3.ogg", NULL,
	    -1), 0);
	add(l, "urn:uuid:1", "First", "http://ex.org/1", T1, 0);
	add(l, "urn:uuid:2", "Second", "http://ex.org/2", 0, T2);
	doc = render(&feed, l);

	assert_int_equal(count(doc, "/a:feed"), 1);
	check_str(doc, "/a:feed/a:id", feed.id);
	check_str(doc, "/a:feed/a:title", "Shanghai digest");
	check_str(doc, "/a:feed/a:title/@type", "text");
	check_str(doc, "/a:feed/a:subtitle", "Everything, in one feed");
	check_str(doc, "/a:feed/a:updated", "2024-04-17T11:48:00Z");
	check_str(doc, "/a:feed/a:link[@rel='self']/@href", feed.self);
	check_str(doc, "/a:feed/a:link[@rel='self']/@type",
	    "application/atom+xml");
	check_str(doc, "/a:feed/a:link[@rel='alternate']/@href",
	    feed.alternate);
	check_str(doc, "/a:feed/a:link[@rel='alternate']/@type", "text/html");
	check_str(doc, "/a:feed/a:author/a:name", "unifeed");
	check_str(doc, "/a:feed/a:generator", "unifeed");
	/* No made-up project URI: the generator names itself and its
	 * version only. */
	assert_int_equal(count(doc, "/a:feed/a:generator/@uri"), 0);
	check_str(doc, "/a:feed/a:generator/@version", "0.1");

	assert_int_equal(count(doc, "/a:feed/a:entry"), 3);
	check_str(doc, "/a:feed/a:entry[1]/a:id", "urn:uuid:3");
	check_str(doc, "/a:feed/a:entry[2]/a:id", "urn:uuid:1");
	check_str(doc, "/a:feed/a:entry[3]/a:id", "urn:uuid:2");
	check_str(doc, "/a:feed/a:entry[1]/a:title", "Third");
	check_str(doc, "/a:feed/a:entry[1]/a:title/@type", "text");
	check_str(doc, "/a:feed/a:entry[1]/a:link[@rel='alternate']/@href",
	    "http://ex.org/3");
	check_str(doc, "/a:feed/a:entry[1]/a:published",
	    "2024-04-16T11:48:00Z");
	check_str(doc, "/a:feed/a:entry[1]/a:updated", "2024-04-17T11:48:00Z");
	check_str(doc, "/a:feed/a:entry[1]/a:author/a:name", "Li Wei");
	assert_int_equal(count(doc, "/a:feed/a:entry[1]/a:category"), 2);
	check_str(doc, "/a:feed/a:entry[1]/a:category[2]/@term", "news");
	/* Enclosures are rel="enclosure" links, length and type when known. */
	assert_int_equal(count(doc,
	    "/a:feed/a:entry[1]/a:link[@rel='enclosure']"), 2);
	check_str(doc, "/a:feed/a:entry[1]/a:link[@rel='enclosure'][1]/@href",
	    "http://ex.org/3.mp3");
	check_str(doc, "/a:feed/a:entry[1]/a:link[@rel='enclosure'][1]/@type",
	    "audio/mpeg");
	check_str(doc,
	    "/a:feed/a:entry[1]/a:link[@rel='enclosure'][1]/@length", "4096");
	assert_int_equal(count(doc, "/a:feed/a:entry[1]/a:link"
	    "[@rel='enclosure'][2]/@length"), 0);
	/* updated falls back to published; published only when known. */
	check_str(doc, "/a:feed/a:entry[2]/a:updated", "2024-04-15T11:48:00Z");
	assert_int_equal(count(doc, "/a:feed/a:entry[3]/a:published"), 0);
	assert_int_equal(count(doc, "/a:feed/a:entry[2]/a:author"), 0);
	/* Linked entries without summary or content carry neither. */
	assert_int_equal(count(doc, "//a:summary | //a:content"), 0);
	xmlFreeDoc(doc);
	item_list_free(l);
}

static void
test_declaration(void **state)
{
	struct item_list *l;
	size_t len;
	char *buf;

	(void)state;
	l = item_list_new();
	add(l, "urn:uuid:1", "caf\xc3\xa9 \xe4\xb8\x8a\xe6\xb5\xb7", NULL, T1,
	    0);
	buf = atom_render(&feed, l, &len);
	assert_non_null(buf);
	assert_memory_equal(buf, "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
	    38);
	assert_non_null(strstr(buf,
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
	/* Non-ASCII text is written as UTF-8, not as character references. */
	assert_non_null(strstr(buf, "caf\xc3\xa9 \xe4\xb8\x8a\xe6\xb5\xb7"));
	free(buf);
	item_list_free(l);
}

static void
test_escaping(void **state)
{
	const char *nasty = "a & b < c > d \"e\" 'f' ]]> g";
	struct atom_feed f = feed;
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	f.title = nasty;
	f.self = "http://ex.org/feed?a=1&b=\"2\"<3>";
	l = item_list_new();
	it = add(l, "urn:uuid:1", nasty, "http://ex.org/?x=1&y=2", T1, T1);
	assert_int_equal(item_set(&it->summary,
	    "<p>x &amp; y</p><![CDATA[z]]>"), 0);
	assert_int_equal(item_set(&it->content, "<b>]]></b>"), 0);
	assert_int_equal(item_set(&it->author, "<script>"), 0);
	assert_int_equal(item_add_category(it, "r&d \"x\" <y>"), 0);

	buf = atom_render(&f, l, &len);
	assert_non_null(buf);
	assert_null(strstr(buf, "]]>"));
	assert_null(strstr(buf, "<p>"));
	assert_null(strstr(buf, "<script>"));
	assert_null(strstr(buf, "<![CDATA["));
	free(buf);

	doc = render(&f, l);
	check_str(doc, "/a:feed/a:title", nasty);
	check_str(doc, "/a:feed/a:link[@rel='self']/@href", f.self);
	check_str(doc, "/a:feed/a:entry/a:title", nasty);
	check_str(doc, "/a:feed/a:entry/a:link/@href",
	    "http://ex.org/?x=1&y=2");
	check_str(doc, "/a:feed/a:entry/a:summary",
	    "<p>x &amp; y</p><![CDATA[z]]>");
	check_str(doc, "/a:feed/a:entry/a:summary/@type", "html");
	check_str(doc, "/a:feed/a:entry/a:content", "<b>]]></b>");
	check_str(doc, "/a:feed/a:entry/a:content/@type", "html");
	check_str(doc, "/a:feed/a:entry/a:author/a:name", "<script>");
	check_str(doc, "/a:feed/a:entry/a:category/@term", "r&d \"x\" <y>");
	xmlFreeDoc(doc);
	item_list_free(l);
}

static void
test_invalid_chars(void **state)
{
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:1", "a\x01" "b\x0b" "c\x1f" "d\xef\xbf\xbe" "e",
	    "http://ex.org/\x02", T1, 0);
	assert_int_equal(item_set(&it->summary, "x\x1b[31my\ty\n\xff\xfe"), 0);
	assert_int_equal(item_add_category(it, "\x07"), 0);
	doc = render(&feed, l);
	check_str(doc, "/a:feed/a:entry/a:title", "abcde");
	check_str(doc, "/a:feed/a:entry/a:link/@href", "http://ex.org/");
	/* Tab and newline survive; malformed UTF-8 becomes U+FFFD. */
	check_str(doc, "/a:feed/a:entry/a:summary",
	    "x[31my\ty\n\xef\xbf\xbd\xef\xbf\xbd");
	/* A category emptied by cleaning is still written, as "". */
	assert_int_equal(count(doc, "/a:feed/a:entry/a:category"), 1);
	xmlFreeDoc(doc);
	item_list_free(l);
}

/* xmlout_clean, which every string the writer emits goes through. */
static void
test_xmlout_clean(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "", "" },
		{ "plain", "plain" },
		{ "\t\r\n", "\t\r\n" },
		{ "a\x01\x7f", "a\x7f" },
		{ "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong */
		{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\xf4\x90\x80\x80x", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
		    "\xef\xbf\xbdx" },				/* > U+10FFFF */
		{ "\xe4\xb8", "\xef\xbf\xbd\xef\xbf\xbd" },	/* truncated */
		{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },	/* emoji */
		{ "\xef\xbf\xbf|\xef\xbf\xbd", "|\xef\xbf\xbd" },
	};
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = xmlout_clean(cases[i].in);
		assert_non_null(s);
		if (strcmp(s, cases[i].out) != 0)
			fail_msg("case %zu: wrong output", i);
		free(s);
	}
}

static void
test_no_entries(void **state)
{
	struct atom_feed f = feed;
	struct item_list *l;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	f.subtitle = NULL;
	f.author = NULL;
	f.generator_version = NULL;
	doc = render(&f, l);
	assert_int_equal(count(doc, "/a:feed/a:entry"), 0);
	assert_int_equal(count(doc, "/a:feed/a:subtitle"), 0);
	check_str(doc, "/a:feed/a:updated", "1970-01-01T00:00:00Z");
	/* The feed always has an author, so RFC 4287's author rule holds. */
	assert_int_equal(count(doc, "/a:feed/a:author/a:name"), 1);
	assert_int_equal(count(doc, "/a:feed/a:generator/@version"), 0);
	xmlFreeDoc(doc);
	/* A NULL list is the same as an empty one. */
	doc = render(&f, NULL);
	assert_int_equal(count(doc, "/a:feed/a:entry"), 0);
	xmlFreeDoc(doc);
	item_list_free(l);
}

static void
test_entry_without_link(void **state)
{
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:1", NULL, NULL, 0, 0);
	assert_int_equal(item_set(&it->summary, "<p>only a summary</p>"), 0);
	add(l, "urn:uuid:2", "Bare", NULL, 0, 0);
	it = add(l, "urn:uuid:3", "Both", NULL, 0, 0);
	assert_int_equal(item_set(&it->summary, "short"), 0);
	assert_int_equal(item_set(&it->content, "<p>long</p>"), 0);
	add(l, "urn:uuid:4", "Dated", NULL, T1, 0);
	doc = render(&feed, l);

	check_str(doc, "/a:feed/a:entry[1]/a:title", "(untitled)");
	check_str(doc, "/a:feed/a:entry[1]/a:content", "<p>only a summary</p>");
	check_str(doc, "/a:feed/a:entry[1]/a:content/@type", "html");
	assert_int_equal(count(doc, "/a:feed/a:entry[1]/a:summary"), 0);
	assert_int_equal(count(doc, "/a:feed/a:entry[2]/a:content"), 1);
	check_str(doc, "/a:feed/a:entry[2]/a:content", "");
	check_str(doc, "/a:feed/a:entry[3]/a:summary", "short");
	check_str(doc, "/a:feed/a:entry[3]/a:content", "<p>long</p>");
	assert_int_equal(count(doc, "//a:entry/a:link"), 0);
	/* Every entry has an alternate link or content (RFC 4287 4.1.1). */
	assert_int_equal(count(doc, "//a:entry[not(a:content) and "
	    "not(a:link[@rel='alternate'])]"), 0);
	/* An undated entry takes the feed's updated. */
	check_str(doc, "/a:feed/a:updated", "2024-04-15T11:48:00Z");
	check_str(doc, "/a:feed/a:entry[1]/a:updated", "2024-04-15T11:48:00Z");
	xmlFreeDoc(doc);
	item_list_free(l);
}

static void
test_source(void **state)
{
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:1", "A", "http://ex.org/a", T1, 0);
	assert_int_equal(item_set(&it->source_name, "xinhua-china"), 0);
	assert_int_equal(item_set(&it->source_title, "Xinhua | China"), 0);
	assert_int_equal(item_set(&it->source_url,
	    "https://ex.org/rss/china.xml"), 0);
	assert_int_equal(item_set(&it->source_link, "https://ex.org/"), 0);
	it = add(l, "urn:uuid:2", "B", "http://ex.org/b", T1, 0);
	assert_int_equal(item_set(&it->source_name, "shanghai-latest"), 0);
	assert_int_equal(item_set(&it->source_url,
	    "https://ex.org/index.html"), 0);
	add(l, "urn:uuid:3", "C", "http://ex.org/c", T1, 0);
	doc = render(&feed, l);

	check_str(doc, "//a:entry[1]/a:source/a:id",
	    "https://ex.org/rss/china.xml");
	check_str(doc, "//a:entry[1]/a:source/a:title", "Xinhua | China");
	check_str(doc, "//a:entry[1]/a:source/a:link[@rel='self']/@href",
	    "https://ex.org/rss/china.xml");
	check_str(doc, "//a:entry[1]/a:source/a:link[@rel='alternate']/@href",
	    "https://ex.org/");
	check_str(doc, "//a:entry[2]/a:source/a:title", "shanghai-latest");
	assert_int_equal(count(doc,
	    "//a:entry[2]/a:source/a:link[@rel='alternate']"), 0);
	assert_int_equal(count(doc, "//a:entry[3]/a:source"), 0);
	xmlFreeDoc(doc);
	item_list_free(l);
}

/* A merged story: a via link per further source, and "Also reported by"
 * closing the content (or the summary), escaped. */
static void
test_vias(void **state)
{
	struct item_list *l;
	struct item *it;
	xmlDocPtr doc;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:1", "A", "http://ex.org/a", T1, 0);
	assert_int_equal(item_set(&it->content, "<p>Body.</p>"), 0);
	assert_int_equal(item_add_via(it, "https://b.example/a?x=1&y=2",
	    "B <News>"), 0);
	assert_int_equal(item_add_via(it, "https://c.example/a", NULL), 0);
	assert_int_equal(item_add_via(it, "https://c.example/a", "C"), 0);
	assert_int_equal(item_add_via(it, "http://ex.org/a", "self"), 0);
	assert_int_equal(it->nvias, 2);
	it = add(l, "urn:uuid:2", "B", "http://ex.org/b", T1, 0);
	assert_int_equal(item_set(&it->summary, "Short."), 0);
	assert_int_equal(item_add_via(it, "https://d.example/b", "D"), 0);
	add(l, "urn:uuid:3", "C", "http://ex.org/c", T1, 0);
	doc = render(&feed, l);
	assert_int_equal(count(doc, "//a:entry[1]/a:link[@rel='via']"), 2);
	check_str(doc, "//a:entry[1]/a:link[@rel='via'][1]/@href",
	    "https://b.example/a?x=1&y=2");
	check_str(doc, "//a:entry[1]/a:content",
	    "<p>Body.</p><p>Also reported by <a href=\"https://b.example/a?"
	    "x=1&amp;y=2\">B &lt;News&gt;</a> and <a href=\"https://c.exampl"
	    "e/a\">https://c.example/a</a>.</p>");
	check_str(doc, "//a:entry[2]/a:summary", "Short.<p>Also reported by "
	    "<a href=\"https://d.example/b\">D</a>.</p>");
	assert_int_equal(count(doc, "//a:entry[2]/a:content"), 0);
	assert_int_equal(count(doc, "//a:entry[3]/a:link[@rel='via']"), 0);
	assert_int_equal(count(doc, "//a:entry[3]/a:summary"), 0);
	xmlFreeDoc(doc);
	item_list_free(l);
}

static void
test_deterministic(void **state)
{
	struct item_list *l;
	struct item *it;
	size_t len1, len2;
	char *b1, *b2;

	(void)state;
	l = item_list_new();
	it = add(l, "urn:uuid:1", "One", "http://ex.org/1", T1, T2);
	assert_int_equal(item_set(&it->summary, "<p>s</p>"), 0);
	add(l, "urn:uuid:2", "Two", NULL, 0, 0);
	b1 = atom_render(&feed, l, &len1);
	b2 = atom_render(&feed, l, &len2);
	assert_non_null(b1);
	assert_non_null(b2);
	assert_int_equal(len1, len2);
	assert_memory_equal(b1, b2, len1);
	free(b1);
	free(b2);
	item_list_free(l);
}

/* Write buf to path; 0 or -1. */
static int
write_file(const char *path, const char *buf, size_t len)
{
	FILE *fp;
	int rc;

	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	rc = fwrite(buf, 1, len, fp) == len ? 0 : -1;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

/* Render f/l into dir/name and validate it with xmllint against rng. */
static void
validate(const char *dir, const char *name, const char *rng,
    const struct atom_feed *f, const struct item_list *l)
{
	char path[512], cmd[1200];
	size_t len;
	char *buf;

	buf = atom_render(f, l, &len);
	assert_non_null(buf);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(write_file(path, buf, len), 0);
	free(buf);
	snprintf(cmd, sizeof(cmd), "/usr/bin/xmllint --noout --quiet --relaxng "
	    "'%s' '%s'", rng, path);
	if (system(cmd) != 0)
		fail_msg("%s does not match RFC 4287's schema", name);
	unlink(path);
}

static void
test_schema(void **state)
{
	char dir[] = "/tmp/test_atom.XXXXXX", rng[256], cmd[800];
	struct item_list *l;
	struct item *it;

	(void)state;
	if (access(SCHEMA, R_OK) != 0 || access("/usr/bin/trang", X_OK) != 0 ||
	    access("/usr/bin/xmllint", X_OK) != 0) {
		print_message("skipping: needs %s, /usr/bin/trang and "
		    "/usr/bin/xmllint\n", SCHEMA);
		skip();
	}
	assert_non_null(mkdtemp(dir));
	snprintf(rng, sizeof(rng), "%s/atom.rng", dir);
	snprintf(cmd, sizeof(cmd), "/usr/bin/trang '%s' '%s'", SCHEMA, rng);
	assert_int_equal(system(cmd), 0);

	l = item_list_new();
	validate(dir, "empty.atom", rng, &feed, l);
	it = add(l, "urn:uuid:1", "a & <b>", "http://ex.org/1?a=1&b=2", T1, T2);
	assert_int_equal(item_add_category(it, "city"), 0);
	assert_int_equal(item_set(&it->author, "Li \x01Wei"), 0);
	assert_int_equal(item_set(&it->summary, "<p>]]></p>"), 0);
	assert_int_equal(item_set(&it->content, "<p>full</p>"), 0);
	assert_int_equal(item_set(&it->source_title, "Src"), 0);
	assert_int_equal(item_set(&it->source_url, "http://ex.org/f"), 0);
	assert_int_equal(item_set(&it->source_link, "http://ex.org/"), 0);
	add(l, "urn:uuid:2", NULL, NULL, 0, 0);
	it = add(l, "urn:uuid:3", "s", NULL, T1, 0);
	assert_int_equal(item_set(&it->summary, "x"), 0);
	assert_int_equal(item_set(&it->source_name, "n"), 0);
	validate(dir, "full.atom", rng, &feed, l);
	item_list_free(l);
	unlink(rng);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_declaration),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_invalid_chars),
		cmocka_unit_test(test_xmlout_clean),
		cmocka_unit_test(test_no_entries),
		cmocka_unit_test(test_entry_without_link),
		cmocka_unit_test(test_source),
		cmocka_unit_test(test_vias),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_schema),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
