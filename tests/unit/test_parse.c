/*
 * Unit tests for parse: every feed format on small fixtures of our own,
 * hostile documents (XXE, entity bombs, oversize, not a feed), and a smoke
 * run over the third-party corpus.
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

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "feeds/item.h"
#include "feeds/parse.h"
#include "tests/unit/slurp.h"

#define DIR_PARSE	FIXTURES "/parse"
#define DIR_CORPUS	FIXTURES "/../../../shared/corpus"
#define FEED_URL	"http://example.com/feed.xml"
#define SECRET		"UNIFEED-XXE-SECRET-7f3a"

static const struct parse_limits lim_default = { 1024 * 1024, 100 };


static struct item_list *
parse_file(const char *name, const char *url, const struct parse_limits *lim,
    char *err, size_t errlen)
{
	struct item_list *l;
	char path[1024];
	size_t len;
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", DIR_PARSE, name);
	buf = slurp(path, &len);
	assert_non_null(buf);
	err[0] = '\0';
	l = parse_feed(buf, len, url, NULL, lim, err, errlen);
	free(buf);
	return l;
}

/* Parse a fixture that must succeed. */
static struct item_list *
parse_ok(const char *name, const char *url)
{
	struct item_list *l;
	char err[256];

	l = parse_file(name, url, &lim_default, err, sizeof(err));
	if (l == NULL)
		fail_msg("%s: %s", name, err);
	return l;
}

/* Parse an in-line document; err gets 256 bytes. */
static struct item_list *
parse_str(const char *doc, char *err)
{
	return parse_feed(doc, strlen(doc), FEED_URL, NULL, &lim_default, err,
	    256);
}

static struct item *
nth(struct item_list *l, size_t n)
{
	struct item *it;

	for (it = l->head; it != NULL && n > 0; it = it->next)
		n--;
	assert_non_null(it);
	return it;
}

static int
has(const char *s, const char *needle)
{
	return s != NULL && strstr(s, needle) != NULL;
}

/* 1 when needle occurs in any string of the list or its items. */
static int
list_has(struct item_list *l, const char *needle)
{
	struct item *it;
	size_t i;

	if (has(l->title, needle) || has(l->link, needle))
		return 1;
	for (it = l->head; it != NULL; it = it->next) {
		if (has(it->id, needle) || has(it->link, needle) ||
		    has(it->title, needle) || has(it->author, needle) ||
		    has(it->summary, needle) || has(it->content, needle))
			return 1;
		for (i = 0; i < it->ncategories; i++)
			if (has(it->categories[i], needle))
				return 1;
	}
	return 0;
}

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_rss091(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("rss091.xml", FEED_URL);
	assert_string_equal(l->format, "rss");
	/* HTML's named characters work without loading the DTD. */
	assert_string_equal(l->title, "Caf\xc3\xa9 News 0.91");
	assert_string_equal(l->link, "http://example.com/");
	assert_int_equal(l->count, 2);
	it = nth(l, 0);
	assert_string_equal(it->title, "First 0.91 item");
	assert_string_equal(it->link, "http://example.com/091/first");
	/* ISO-8859-1 decoded to UTF-8. */
	assert_string_equal(it->summary,
	    "Fran\xc3\xa7" "ais, na\xc3\xafve caf\xc3\xa9.");
	assert_null(it->id);
	it = nth(l, 1);
	assert_string_equal(it->link, "http://example.com/091/second");
	assert_null(it->summary);
	item_list_free(l);
}

static void
test_rss092(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("rss092.xml", FEED_URL);
	assert_string_equal(l->format, "rss");
	assert_int_equal(l->count, 2);
	it = nth(l, 0);
	assert_null(it->title);
	assert_null(it->link);
	assert_string_equal(it->summary,
	    "An item with only a description, <b>escaped</b> HTML.");
	assert_int_equal(it->ncategories, 1);
	assert_string_equal(it->categories[0], "Science");
	it = nth(l, 1);
	assert_string_equal(it->link, "http://example.com/items/2.html");
	item_list_free(l);
}

static void
test_rss20_fields(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("rss20.xml", FEED_URL);
	assert_string_equal(l->format, "rss");
	assert_string_equal(l->title, "RSS 2.0 channel");
	/* The atom:link rel=self is not the site link. */
	assert_string_equal(l->link, "https://example.com/");
	assert_int_equal(l->count, 8);
	it = nth(l, 0);
	assert_string_equal(it->title, "Full item");
	assert_string_equal(it->link, "https://example.com/posts/1");
	assert_string_equal(it->id, "post-1");
	assert_string_equal(it->summary,
	    "<p>Summary with <b>bold</b> & CDATA</p>");
	assert_string_equal(it->content, "<p>Full <i>content</i></p>");
	assert_string_equal(it->author, "Jane Doe");
	assert_int_equal(it->published, 1713181680);
	assert_int_equal(it->updated, 0);
	assert_int_equal(it->ncategories, 3);
	assert_string_equal(it->categories[0], "News");
	assert_string_equal(it->categories[1], "World");
	assert_string_equal(it->categories[2], "Politics");
	item_list_free(l);
}

static void
test_rss20_guid_links(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("rss20.xml", FEED_URL);
	it = nth(l, 1);		/* isPermaLink="true", relative */
	assert_string_equal(it->id, "/posts/2");
	assert_string_equal(it->link, "http://example.com/posts/2");
	assert_int_equal(it->updated, 1713254400);	/* from dc:date */
	it = nth(l, 2);		/* implicit permalink */
	assert_string_equal(it->link, "https://example.com/posts/3");
	it = nth(l, 3);		/* isPermaLink="false" */
	assert_string_equal(it->id, "https://example.com/not-a-link");
	assert_null(it->link);
	it = nth(l, 4);		/* implicit, but not a URL */
	assert_string_equal(it->id, "tag-12345");
	assert_null(it->link);
	assert_int_equal(it->published, 0);		/* unparsable */
	it = nth(l, 5);		/* atom:link alternate, not enclosure */
	assert_string_equal(it->link, "https://example.com/posts/6");
	it = nth(l, 6);		/* javascript: dropped */
	assert_null(it->link);
	it = nth(l, 7);		/* <link> beats guid and atom:link */
	assert_string_equal(it->link, "https://example.com/posts/8");
	assert_string_equal(it->id, "https://example.com/guid/8");
	item_list_free(l);
}

static void
test_rss10(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("rss10.rdf", "http://example.org/rss.rdf");
	assert_string_equal(l->format, "rdf");
	assert_string_equal(l->title, "RDF channel");
	assert_string_equal(l->link, "http://example.org/");
	assert_int_equal(l->count, 2);
	it = nth(l, 0);
	assert_string_equal(it->id, "http://example.org/a");
	assert_string_equal(it->title, "RDF item A");
	assert_string_equal(it->link, "http://example.org/a");
	assert_string_equal(it->summary, "Description A");
	assert_string_equal(it->content, "<p>Content A</p>");
	assert_string_equal(it->author, "Alice");
	assert_int_equal(it->updated, 1713181680);	/* dc:date */
	assert_int_equal(it->ncategories, 1);
	assert_string_equal(it->categories[0], "Semantic Web");
	it = nth(l, 1);
	assert_string_equal(it->link, "http://example.org/b-relative");
	item_list_free(l);
}

static void
test_atom10_entry(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("atom10.xml", FEED_URL);
	assert_string_equal(l->format, "atom");
	assert_string_equal(l->title, "Atom &amp; friends");
	/* The feed's xml:base beats the document URL; rel=self skipped. */
	assert_string_equal(l->link, "http://example.org/blog/index.html");
	assert_int_equal(l->count, 5);
	it = nth(l, 0);
	assert_string_equal(it->id, "tag:example.org,2024:1");
	/* type="text" is escaped so that html_to_text gives it back. */
	assert_string_equal(it->title, "Fish &amp; &lt;chips&gt;");
	/* xml:base chain feed + entry; the text/html alternate wins. */
	assert_string_equal(it->link,
	    "http://example.org/blog/2024/entry1.html");
	assert_int_equal(it->published, 1713181680);
	assert_int_equal(it->updated, 1713258000);
	assert_string_equal(it->author, "Mark");
	assert_int_equal(it->ncategories, 2);
	assert_string_equal(it->categories[0], "tech");
	assert_string_equal(it->categories[1], "Only a label");
	assert_string_equal(it->summary, "<p>HTML <b>summary</b></p>");
	assert_string_equal(it->content, "<p>XHTML <em>content</em> &amp; "
	    "more</p><img src=\"pic.png\"/>");
	item_list_free(l);
}

static void
test_atom10_constructs(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("atom10.xml", FEED_URL);
	it = nth(l, 1);
	assert_string_equal(it->title, "<b>Bold</b> title");
	assert_string_equal(it->link, "http://example.org/absolute-path");
	assert_string_equal(it->summary,
	    "Plain text with &lt;tags&gt; &amp; &quot;quotes&quot;");
	assert_string_equal(it->content, "Text content &lt;not markup&gt;");
	assert_int_equal(it->published, 0);
	it = nth(l, 2);
	assert_string_equal(it->title, "XHTML <b>title</b>");
	/* Absolute entry xml:base; content@src loses to the alternate. */
	assert_string_equal(it->link, "http://elsewhere.example/up.html");
	assert_null(it->content);
	it = nth(l, 3);
	assert_string_equal(it->link, "http://example.org/blog/remote/4.html");
	assert_null(it->content);
	it = nth(l, 4);
	assert_null(it->link);	/* javascript: and data: dropped */
	item_list_free(l);
}

static void
test_atom03(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("atom03.xml", FEED_URL);
	assert_string_equal(l->format, "atom");
	assert_string_equal(l->title, "Atom 0.3 feed");
	assert_string_equal(l->link, "http://example.net/");
	assert_int_equal(l->count, 3);
	it = nth(l, 0);
	assert_string_equal(it->link, "http://example.net/2024/04/one");
	assert_string_equal(it->id, "tag:example.net,2024:one");
	assert_int_equal(it->published, 1713175200);	/* issued */
	assert_int_equal(it->updated, 1713178800);	/* modified */
	assert_string_equal(it->author, "Old Timer");
	assert_int_equal(it->ncategories, 1);
	assert_string_equal(it->categories[0], "History");
	assert_string_equal(it->summary, "Plain &amp; simple");
	assert_string_equal(it->content, "<p>Escaped <i>HTML</i></p>");
	it = nth(l, 1);
	assert_int_equal(it->published, 1713085200);	/* created */
	assert_string_equal(it->content, "<p>Inline <b>XHTML</b></p>");
	it = nth(l, 2);
	assert_null(it->content);			/* base64 */
	item_list_free(l);
}

/* Elements match by namespace URI, whatever the prefix. */
static void
test_atom_prefixes(void **state)
{
	struct item_list *l[2];
	struct item *it;
	int i;

	(void)state;
	l[0] = parse_ok("atom-default.xml", FEED_URL);
	l[1] = parse_ok("atom-prefixed.xml", FEED_URL);
	for (i = 0; i < 2; i++) {
		assert_string_equal(l[i]->format, "atom");
		assert_string_equal(l[i]->title, "Atom &amp; friends");
		assert_string_equal(l[i]->link,
		    "http://example.org/blog/index.html");
		assert_int_equal(l[i]->count, 1);
		it = l[i]->head;
		assert_string_equal(it->title, "Fish &amp; &lt;chips&gt;");
		assert_string_equal(it->link,
		    "http://example.org/blog/2024/entry1.html");
		assert_string_equal(it->author, "Mark");
		assert_int_equal(it->published, 1713181680);
		/* A prefixed xhtml:div serializes as plain HTML too. */
		assert_string_equal(it->content,
		    "<p>XHTML <em>content</em></p>");
	}
	item_list_free(l[0]);
	item_list_free(l[1]);
}

/* HTML's named characters in text, not in attributes (see parse.c). */
static void
test_html_entities(void **state)
{
	struct item_list *l;
	struct item *it;
	char err[256];

	(void)state;
	l = parse_ok("html-entities.xml", FEED_URL);
	assert_string_equal(l->title, "Caf\xc3\xa9\xc2\xa0news");
	it = l->head;
	assert_string_equal(it->title, "One\xc2\xa0\xe2\x80\x94\xc2\xa0two"
	    "\xe2\x80\xa6 &nbsp; stays");
	assert_string_equal(it->summary, "<p>x</p>\xc2\xa9");
	assert_string_equal(it->link, "http://example.com/a?b=1&c=2");
	item_list_free(l);
	/* In an attribute the entity is an error, recovered with a warning. */
	l = parse_file("html-entity-attr.xml", FEED_URL, &lim_default,
	    err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->title, "Entity in an attribute");
	assert_int_equal(l->nwarnings, 1);
	assert_non_null(strstr(l->warnings[0],
	    "line 5: Entity 'eacute' not defined"));
	item_list_free(l);
}

/* Common slips read as meant: no Atom namespace, UserLand's RSS 2.0
 * namespace, an Atom entry document, blank lines before <?xml. */
static void
test_root_variants(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str("<feed><title>T</title><entry><title>E</title>"
	    "<author><x:name xmlns:x=\"urn:x\">no</x:name><name>A</name>"
	    "</author><link href=\"/e\"/></entry></feed>", err);
	assert_non_null(l);
	assert_string_equal(l->format, "atom");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->link, "http://example.com/e");
	assert_string_equal(l->head->author, "A");
	item_list_free(l);
	l = parse_str("<rss xmlns=\"http://backend.userland.com/rss2\">"
	    "<channel><title>U</title><item><title>I</title></item>"
	    "</channel></rss>", err);
	assert_non_null(l);
	assert_string_equal(l->format, "rss");
	assert_string_equal(l->title, "U");
	assert_string_equal(l->head->title, "I");
	item_list_free(l);
	l = parse_str("\n\n  <?xml version=\"1.0\"?>\n<entry xmlns=\""
	    "http://www.w3.org/2005/Atom\"><id>x</id><title>Alone</title>"
	    "</entry>", err);
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->id, "x");
	assert_null(l->title);
	item_list_free(l);
	/* Line numbers still count the lines before the declaration. */
	l = parse_str("\n\n<?xml version=\"1.0\"?>\n<rss>\n<a></b>"
	    "</rss>", err);
	assert_non_null(l);
	assert_int_equal(l->nwarnings, 1);
	assert_string_equal(l->warnings[0], "not well-formed XML, read as "
	    "far as possible: line 5: Opening and ending tag mismatch: a "
	    "line 5 and b");
	item_list_free(l);
	/* So does a comment before the declaration. */
	l = parse_str("<!-- generated\n-->\n<?xml version=\"1.0\"?>\n"
	    "<rss><channel><title>C</title></channel></rss>", err);
	assert_non_null(l);
	assert_int_equal(l->nwarnings, 0);
	assert_string_equal(l->title, "C");
	item_list_free(l);
	/* An Atom child outside the Atom namespace is not Atom's. */
	l = parse_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<title xmlns=\"\">no</title></entry></feed>", err);
	assert_non_null(l);
	assert_null(l->head->title);
	item_list_free(l);
}

/* Podcasts and media: enclosures from RSS, Atom links and Media RSS,
 * iTunes fields as stand-ins, images, durations, keywords. */
static void
test_podcast(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = parse_ok("podcast.xml", FEED_URL);
	assert_int_equal(l->count, 2);
	it = nth(l, 0);
	assert_string_equal(it->author, "Host One");
	assert_int_equal(it->duration, 3723);
	assert_string_equal(it->image, "http://example.com/art/1.jpg");
	assert_string_equal(it->summary, "What the episode is about.");
	assert_int_equal(it->ncategories, 4);
	assert_string_equal(it->categories[0], "harbour");
	assert_string_equal(it->categories[1], "ferries");
	assert_string_equal(it->categories[2], "night");
	assert_string_equal(it->categories[3], "News");
	assert_int_equal(it->nenclosures, 3);
	assert_string_equal(it->enclosures[0].url,
	    "http://example.com/media/ep1.mp3");
	assert_string_equal(it->enclosures[0].type, "audio/mpeg");
	assert_int_equal(it->enclosures[0].length, 123456);
	assert_string_equal(it->enclosures[1].url,
	    "https://cdn.example/ep1.mp3");
	assert_string_equal(it->enclosures[2].url,
	    "https://cdn.example/ep1.ogg");
	assert_string_equal(it->enclosures[2].type, "audio/ogg");
	assert_int_equal(it->enclosures[2].length, -1);
	it = nth(l, 1);
	/* media:group's children count; a title and summary stand in. */
	assert_string_equal(it->title, "Episode 2 from the group");
	assert_string_equal(it->summary, "Group text");
	assert_string_equal(it->link, "https://pod.example/2");
	assert_string_equal(it->author, "Ann Author");
	assert_string_equal(it->image, "https://cdn.example/ep2.jpg");
	/* video yes, Flash no; a bad length is unknown */
	assert_int_equal(it->nenclosures, 2);
	assert_string_equal(it->enclosures[0].url,
	    "https://cdn.example/ep2.mp4");
	assert_string_equal(it->enclosures[1].url,
	    "https://cdn.example/bad.mp3");
	assert_int_equal(it->enclosures[1].length, -1);
	item_list_free(l);
}

/* The rarer shapes: CDF, RSS 1.1, Atom base64 and ids as links, RSS
 * authors as addresses. */
static void
test_other_shapes(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_str("<CHANNEL HREF=\"http://cdf.example/\" BASE=\""
	    "http://b.example/x/\"><TITLE>CDF</TITLE><ITEM HREF=\"i/1\" "
	    "LASTMOD=\"2004-04-06T23:05:43-05:00\"><TITLE>One</TITLE>"
	    "<ABSTRACT>Abs</ABSTRACT></ITEM></CHANNEL>", err);
	assert_non_null(l);
	assert_string_equal(l->format, "cdf");
	assert_string_equal(l->title, "CDF");
	assert_string_equal(l->link, "http://cdf.example/");
	assert_string_equal(l->head->link, "http://b.example/x/i/1");
	assert_string_equal(l->head->summary, "Abs");
	assert_int_equal(l->head->updated, 1081310743);
	item_list_free(l);
	l = parse_str("<Channel xmlns=\"http://purl.org/net/rss1.1#\">"
	    "<title>R11</title><items><item><title>I</title><link>"
	    "http://r.example/i</link></item></items></Channel>", err);
	assert_non_null(l);
	assert_string_equal(l->title, "R11");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->link, "http://r.example/i");
	item_list_free(l);
	l = parse_str("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
	    "<id>http://a.example/e</id><content type=\"application/"
	    "octet-stream\">PGI+QmFzZTwvYj4=</content><title type=\"\">"
	    "T</title></entry></feed>", err);
	assert_non_null(l);
	assert_string_equal(l->head->link, "http://a.example/e");
	assert_string_equal(l->head->content, "<b>Base</b>");
	assert_string_equal(l->head->title, "T");
	item_list_free(l);
	l = parse_str("<rss><channel><item><author>jo@ex.org (Jo Bloggs)"
	    "</author></item><item><author>Jo Bloggs &lt;jo@ex.org&gt;"
	    "</author></item><item><author>jo@ex.org</author></item>"
	    "</channel></rss>", err);
	assert_non_null(l);
	assert_string_equal(nth(l, 0)->author, "Jo Bloggs");
	assert_string_equal(nth(l, 1)->author, "Jo Bloggs");
	assert_string_equal(nth(l, 2)->author, "jo@ex.org");
	item_list_free(l);
}

static void
test_malformed(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	/* An unclosed tag: the item is read, with a warning naming it. */
	l = parse_file("malformed.xml", FEED_URL, &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_string_equal(l->title, "Broken");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->title, "Unclosed");
	assert_int_equal(l->nwarnings, 1);
	assert_non_null(strstr(l->warnings[0], ": line 5: "));
	assert_non_null(strstr(l->warnings[0], "mismatch"));
	item_list_free(l);
	/* Truncated: the items before the cut are kept. */
	l = parse_str("<rss><channel><item><title>A</title></item><item>"
	    "<title>B", err);
	assert_non_null(l);
	assert_int_equal(l->count, 2);
	assert_string_equal(l->head->title, "A");
	assert_int_equal(l->nwarnings, 1);
	item_list_free(l);
	/* A bare ampersand and garbage after the root. */
	l = parse_str("<rss><channel><item><title>Q & A</title></item>"
	    "</channel></rss>\ntrailing <junk>", err);
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	assert_int_equal(l->nwarnings, 1);
	item_list_free(l);
	/* Bare ampersands are read as the text they meant. */
	l = parse_str("<rss><channel><link>http://ex.org/?a=1&b=2&c</link>"
	    "<item><title>Q & A &amp; more &#38; &#x26;</title></item>"
	    "</channel></rss>", err);
	assert_non_null(l);
	assert_string_equal(l->link, "http://ex.org/?a=1&b=2&c");
	/* an RSS title that does not read as HTML is escaped */
	assert_string_equal(l->head->title, "Q &amp; A &amp; more &amp; &amp;");
	assert_int_equal(l->nwarnings, 1);
	item_list_free(l);
	/* A reference cut by the end of the document (found by fuzz_parse:
	 * the repair must not read past the end). */
	l = parse_str("<rss><channel><item><title>x</title></item>&ab.c", err);
	assert_non_null(l);
	item_list_free(l);
	/* An undefined entity stays as written, with a warning; no error. */
	l = parse_str("<rss><channel><title>a &nosuch; b &eacute;</title>"
	    "</channel></rss>", err);
	assert_non_null(l);
	assert_string_equal(l->title, "a &nosuch; b \xc3\xa9");
	assert_int_equal(l->nwarnings, 1);
	assert_string_equal(l->warnings[0],
	    "undefined entity &nosuch; kept as text");
	item_list_free(l);
	/* Thousands of attributes on one tag: libxml2 would take minutes
	 * (a quadratic duplicate check), so the document is refused. */
	{
		char *bomb, *p;
		int i;

		bomb = malloc(64 + 2000 * 12);
		assert_non_null(bomb);
		p = bomb + sprintf(bomb, "<rss>\n<channel>\n<item ");
		for (i = 0; i < 2000; i++)
			p += sprintf(p, "a%d=\"\" ", i);
		strcpy(p, "/></channel></rss>");
		assert_null(parse_str(bomb, err));
		assert_string_equal(err, "line 3: an element with more than "
		    "1024 attributes");
		free(bomb);
	}
	/* Nothing to recover. */
	assert_null(parse_str("\x01\x02garbage", err));
	assert_true(strncmp(err, "line 1: ", 8) == 0);
	assert_int_not_equal(err[strlen(err) - 1], '\n');
	assert_null(parse_feed("", 0, FEED_URL, NULL, &lim_default, err,
	    sizeof(err)));
	assert_string_equal(err, "empty document");
	assert_null(parse_feed(" \n", 2, FEED_URL, NULL, &lim_default, err,
	    sizeof(err)));
	assert_string_equal(err, "empty document");
}

/* An external general entity is refused: the document does not parse. */
static void
test_xxe_file(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_file("xxe-file.xml", "file://" DIR_PARSE "/xxe-file.xml",
	    &lim_default, err, sizeof(err));
	assert_null(l);
	assert_non_null(strstr(err, "Entity 'xxe' not defined"));
	assert_null(strstr(err, SECRET));
}

/*
 * An external parameter entity is declared but never read: the entity it
 * would define stays unknown, and the secret (reachable through the
 * document URL, as the unsafe-options control shows) appears nowhere.
 */
static void
test_xxe_parameter(void **state)
{
	const char *url = "file://" DIR_PARSE "/xxe-param.xml";
	struct item_list *l;
	char err[256], path[1024];
	xmlChar *all;
	xmlDocPtr doc;
	size_t len;
	char *buf;

	(void)state;
	snprintf(path, sizeof(path), "%s/xxe-param.xml", DIR_PARSE);
	assert_non_null(buf = slurp(path, &len));
	doc = xmlReadMemory(buf, (int)len, url, NULL,
	    XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING);
	assert_non_null(doc);
	all = xmlNodeGetContent(xmlDocGetRootElement(doc));
	assert_non_null(strstr((const char *)all, SECRET));	/* armed */
	xmlFree(all);
	xmlFreeDoc(doc);
	free(buf);

	assert_null(parse_file("xxe-param.xml", url, &lim_default, err,
	    sizeof(err)));
	assert_string_equal(err, "line 8: Entity 'leak' not defined (entity "
	    "declarations are not supported)");
	assert_null(parse_file("xxe-passwd.xml", url, &lim_default, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "Entity 'passwd' not defined"));

	/* The same DOCTYPE shape pulling in an entity set still parses. */
	l = parse_file("doctype-entity-set.xml", url, &lim_default, err,
	    sizeof(err));
	assert_non_null(l);
	assert_string_equal(l->title, "Caf\xc3\xa9");
	assert_int_equal(l->count, 1);
	assert_string_equal(l->head->summary, "na\xc3\xafve");
	assert_false(list_has(l, SECRET));
	item_list_free(l);
}

static void
test_billion_laughs(void **state)
{
	struct item_list *l;
	char err[256];
	double t0;

	(void)state;
	t0 = now_seconds();
	l = parse_file("billion-laughs.xml", FEED_URL, &lim_default, err,
	    sizeof(err));
	assert_null(l);
	assert_non_null(strstr(err, "not defined"));
	assert_non_null(strstr(err, "entity declarations are not supported"));
	assert_true(now_seconds() - t0 < 0.5);
}

/* A 100 KB entity used 1000 times in text, an attribute and xml:base. */
static void
test_quadratic_blowup(void **state)
{
	static const char *const uses[][2] = {
		{ "<title>", "</title>" },
		{ "<link xmlns=\"http://www.w3.org/2005/Atom\" href=\"",
		    "\"/>" },
		{ "<link xml:base=\"", "\">x</link>" },
	};
	struct parse_limits lim = { 4 * 1024 * 1024, 100 };
	struct item_list *l;
	char *doc, *p, err[256];
	double t0;
	size_t i, u;

	(void)state;
	assert_non_null(doc = malloc(200 * 1024));
	for (u = 0; u < sizeof(uses) / sizeof(uses[0]); u++) {
		p = doc + sprintf(doc, "<!DOCTYPE rss [<!ENTITY a \"");
		memset(p, 'x', 100 * 1024);
		p += 100 * 1024;
		p += sprintf(p, "\">]><rss><channel><item>%s", uses[u][0]);
		for (i = 0; i < 1000; i++)
			p += sprintf(p, "&a;");
		p += sprintf(p, "%s</item></channel></rss>", uses[u][1]);
		t0 = now_seconds();
		l = parse_feed(doc, p - doc, FEED_URL, NULL, &lim, err,
		    sizeof(err));
		if (l != NULL) {
			assert_false(list_has(l, "xxxxxxxxxx"));
			item_list_free(l);
		} else
			assert_non_null(strstr(err, "Entity 'a'"));
		assert_true(now_seconds() - t0 < 0.5);
	}
	free(doc);
}

static void
test_not_a_feed(void **state)
{
	struct item_list *l;
	char err[256];

	(void)state;
	assert_null(parse_file("notafeed.html", FEED_URL, &lim_default, err,
	    sizeof(err)));
	assert_string_equal(err, "not a feed: an HTML page");
	assert_null(parse_str("<x:foo xmlns:x=\"urn:x\"/>", err));
	assert_string_equal(err,
	    "not an RSS or Atom feed (root element <x:foo>)");
	/* <feed> or <rss> in a namespace of their own are read as meant
	 * (feedparser does too), their children in that namespace. */
	l = parse_str("<feed xmlns=\"urn:x\"><title>T</title><entry><id>1"
	    "</id></entry></feed>", err);
	assert_non_null(l);
	assert_string_equal(l->title, "T");
	assert_int_equal(l->count, 1);
	item_list_free(l);
	l = parse_str("<rss xmlns=\"http://backend.userland.com/rss\">"
	    "<channel><title>U</title></channel></rss>", err);
	assert_non_null(l);
	assert_string_equal(l->title, "U");
	item_list_free(l);
	/* An empty RSS 1.0 feed is known by its default namespace. */
	l = parse_str("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-"
	    "rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"/>", err);
	assert_non_null(l);
	assert_string_equal(l->format, "rdf");
	assert_int_equal(l->count, 0);
	item_list_free(l);
	/* rdf:RDF without RSS 1.0 inside is some other RDF. */
	assert_null(parse_str("<r:RDF xmlns:r=\"http://www.w3.org/1999/02/"
	    "22-rdf-syntax-ns#\"><r:Description/></r:RDF>", err));
	assert_string_equal(err,
	    "not an RSS or Atom feed (root element <r:RDF>)");
}

static void
test_oversize(void **state)
{
	const char *doc = "<rss><channel><item><title>t</title></item>"
	    "</channel></rss>";
	struct parse_limits lim = { 0, 100 };
	struct item_list *l;
	char err[256];

	(void)state;
	lim.max_size = strlen(doc) - 1;
	assert_null(parse_feed(doc, strlen(doc), FEED_URL, NULL, &lim, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "too large"));
	lim.max_size = strlen(doc);
	l = parse_feed(doc, strlen(doc), FEED_URL, NULL, &lim, err,
	    sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	item_list_free(l);
}

static void
test_max_items(void **state)
{
	struct parse_limits lim = { 1024 * 1024, 2 };
	struct item_list *l;
	char err[256];

	(void)state;
	l = parse_file("rss20.xml", FEED_URL, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 2);
	assert_string_equal(nth(l, 1)->title, "Permalink guid, relative");
	assert_null(nth(l, 1)->next);
	item_list_free(l);
	l = parse_file("atom10.xml", FEED_URL, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 2);
	item_list_free(l);
	lim.max_items = 1;
	l = parse_file("rss10.rdf", FEED_URL, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	item_list_free(l);
	/* Channel fields after the items still count once the list is full. */
	l = parse_feed("<rss><channel><item/><item/><title>Late</title>"
	    "</channel></rss>", 63, FEED_URL, NULL, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 1);
	assert_string_equal(l->title, "Late");
	item_list_free(l);
	lim.max_items = 0;
	l = parse_file("atom10.xml", FEED_URL, &lim, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(l->count, 0);
	assert_string_equal(l->title, "Atom &amp; friends");
	item_list_free(l);
}

static void
test_empty_channel(void **state)
{
	struct item_list *l;

	(void)state;
	l = parse_ok("empty-channel.xml", FEED_URL);
	assert_int_equal(l->count, 0);
	assert_null(l->head);
	assert_string_equal(l->title, "Nothing yet");
	assert_string_equal(l->link, "http://example.com/");
	item_list_free(l);
}

/*
 * Parse every file of one corpus folder; count those that gave items, and
 * those that must be refused but were not (a non-feed, gzip bytes).
 */
static void
smoke_dir(const char *dir, size_t *files, size_t *withitems, size_t *wrong)
{
	struct parse_limits lim = { 16 * 1024 * 1024, 1000 };
	struct item_list *l;
	struct dirent *de;
	char path[2048], err[256];
	size_t len;
	char *buf;
	DIR *d;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strstr(de->d_name, ".json") ||
		    strstr(de->d_name, "README") || strstr(de->d_name,
		    "LICENSE"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if ((buf = slurp(path, &len)) == NULL)
			continue;
		(*files)++;
		l = parse_feed(buf, len, "https://corpus.example/feed", NULL,
		    &lim, err, sizeof(err));
		if (l != NULL && (strstr(de->d_name, "notafeed") != NULL ||
		    strstr(de->d_name, "gzipped") != NULL))
			(*wrong)++;
		if (l != NULL && l->count > 0)
			(*withitems)++;
		else
			printf("# %s: %s\n", de->d_name, l != NULL ?
			    "no items" : err);
		item_list_free(l);
		free(buf);
	}
	closedir(d);
}

static void
test_corpus_smoke(void **state)
{
	static const char *const dirs[] = {
		"feed-rs/rss0", "feed-rs/rss1", "feed-rs/rss2",
		"feed-rs/atom", "node-feedparser",
	};
	size_t files = 0, withitems = 0, wrong = 0, i;
	char dir[1024];
	DIR *d;

	(void)state;
	if ((d = opendir(DIR_CORPUS)) == NULL) {
		printf("# corpus %s missing: skipping\n", DIR_CORPUS);
		skip();
	}
	closedir(d);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/%s", DIR_CORPUS, dirs[i]);
		smoke_dir(dir, &files, &withitems, &wrong);
	}
	printf("# corpus: %zu files, %zu parsed to items\n", files,
	    withitems);
	assert_true(files > 50);
	assert_int_equal(wrong, 0);
	assert_true(withitems * 10 >= files * 9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss091),
		cmocka_unit_test(test_rss092),
		cmocka_unit_test(test_rss20_fields),
		cmocka_unit_test(test_rss20_guid_links),
		cmocka_unit_test(test_rss10),
		cmocka_unit_test(test_atom10_entry),
		cmocka_unit_test(test_atom10_constructs),
		cmocka_unit_test(test_atom03),
		cmocka_unit_test(test_atom_prefixes),
		cmocka_unit_test(test_html_entities),
		cmocka_unit_test(test_root_variants),
		cmocka_unit_test(test_podcast),
		cmocka_unit_test(test_other_shapes),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_xxe_file),
		cmocka_unit_test(test_xxe_parameter),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_quadratic_blowup),
		cmocka_unit_test(test_not_a_feed),
		cmocka_unit_test(test_oversize),
		cmocka_unit_test(test_max_items),
		cmocka_unit_test(test_empty_channel),
		cmocka_unit_test(test_corpus_smoke),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
