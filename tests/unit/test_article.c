/*
 * Tests for feeds/article.c: the main content of hand-made pages (with
 * navigation, share bars and comments to leave out), metadata from
 * <meta>, JSON-LD and the markup, <base href>, pages with no article,
 * hostile markup, and real pages of the Zyte article-extraction corpus
 * against its ground truth.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <json-c/json.h>
#include <zlib.h>

#include "feeds/article.h"

#define CORPUS FIXTURES "/../../../shared/corpus/article-extraction-benchmark"

static const char para[] =
    "<p>The city council voted on Tuesday to expand the bicycle lane "
    "network, adding forty kilometres of protected lanes, new signals, "
    "and parking for two thousand bicycles near stations.</p>";

static const char para2[] =
    "<p>Officials said construction would begin in spring, with the "
    "first segments, along the river and through the old town, opening "
    "before the end of the year, weather permitting.</p>";

/* A page: head + body, with the article made of n copies of both. */
static char *
page(const char *head, const char *before, int n, const char *after)
{
	size_t len = strlen(head) + strlen(before) + strlen(after) +
	    (size_t)n * (sizeof(para) + sizeof(para2)) + 128;
	char *s = malloc(len);
	int i;

	assert_non_null(s);
	snprintf(s, len, "<html><head>%s</head><body>%s<article>", head,
	    before);
	for (i = 0; i < n; i++) {
		strcat(s, para);
		strcat(s, para2);
	}
	strcat(s, "</article>");
	strcat(s, after);
	strcat(s, "</body></html>");
	return s;
}

static void
test_boilerplate_left_out(void **state)
{
	struct article a;
	char err[128];
	char *s = page("<title>Bike lanes to grow - The Daily Bugle</title>",
	    "<nav><a href=/>Home</a> <a href=/world>World news</a></nav>"
	    "<div class=\"share-bar\">Share on Facebook, Tweet this</div>",
	    3,
	    "<div id=comments><p>Great idea, finally, I have been waiting "
	    "for this for years, thanks to everyone involved.</p></div>"
	    "<footer>Copyright Daily Bugle, all rights reserved</footer>"
	    "<script>var x = 'script text';</script>");

	(void)state;
	assert_int_equal(article_extract(s, strlen(s),
	    "https://bugle.example/a/1", &a, err, sizeof(err)), 0);
	assert_non_null(strstr(a.text, "forty kilometres"));
	assert_non_null(strstr(a.text, "weather permitting."));
	assert_null(strstr(a.text, "World news"));
	assert_null(strstr(a.text, "Tweet"));
	assert_null(strstr(a.text, "Great idea"));
	assert_null(strstr(a.text, "Copyright"));
	assert_null(strstr(a.text, "script text"));
	/* paragraphs separated by blank lines */
	assert_non_null(strstr(a.text, "stations.\n\nOfficials"));
	assert_null(strstr(a.content, "<script"));
	assert_non_null(strstr(a.content, "<p>"));
	assert_string_equal(a.title, "Bike lanes to grow");
	article_clear(&a);
	assert_null(a.text);
	free(s);
}

static void
test_jsonld_metadata(void **state)
{
	struct article a;
	char err[128];
	char *s = page(
	    "<meta property=\"og:title\" content=\"OG title\">"
	    "<script type=\"application/ld+json\">{\"@context\":"
	    "\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\","
	    "\"name\":\"Bugle\"},{\"@type\":\"NewsArticle\",\"headline\":"
	    "\"Bike lanes &amp; more\",\"author\":[{\"@type\":\"Person\","
	    "\"name\":\"Ann Lee\"},{\"name\":\"Bo Chen\"}],"
	    "\"datePublished\":\"2024-04-15T13:48:00+02:00\","
	    "\"image\":{\"url\":\"/img/lead.jpg\"}}]}</script>"
	    "<link rel=canonical href=\"/a/1?utm_source=x\">",
	    "", 2, "");

	(void)state;
	assert_int_equal(article_extract(s, strlen(s),
	    "https://bugle.example/a/1?ref=rss", &a, err, sizeof(err)), 0);
	assert_string_equal(a.title, "Bike lanes & more");
	assert_string_equal(a.author, "Ann Lee, Bo Chen");
	assert_int_equal(a.published, 1713181680);
	assert_string_equal(a.image, "https://bugle.example/img/lead.jpg");
	assert_string_equal(a.canonical,
	    "https://bugle.example/a/1?utm_source=x");
	article_clear(&a);
	free(s);
}

static void
test_meta_fallbacks(void **state)
{
	struct article a;
	char err[128];
	char *s = page(
	    "<title>Site | Short</title>"
	    "<meta name=author content=\"Cy Twombly\">"
	    "<meta property=\"article:published_time\" "
	    "content=\"2023-01-02T03:04:05Z\">"
	    "<meta property=\"og:image\" content=\"https://cdn.example/i.png\">",
	    "<h1>Headline in the page</h1><span class=byline>By Someone</span>"
	    "<time datetime=\"2020-01-01\">Jan 1</time>", 2, "");

	(void)state;
	assert_int_equal(article_extract(s, strlen(s), "https://x.example/",
	    &a, err, sizeof(err)), 0);
	/* a two-word head before the separator is kept whole */
	assert_string_equal(a.title, "Site | Short");
	assert_string_equal(a.author, "Cy Twombly");
	assert_int_equal(a.published, 1672628645);
	assert_string_equal(a.image, "https://cdn.example/i.png");
	assert_null(a.canonical);
	assert_null(strstr(a.text, "Headline in the page"));
	article_clear(&a);
	free(s);
	/* without <meta>: <h1>-less title, .byline, <time datetime> */
	s = page("", "<span class=byline>By Someone</span>"
	    "<time datetime=\"2020-01-01T00:00:00Z\">Jan 1</time>", 2, "");
	assert_int_equal(article_extract(s, strlen(s), "https://x.example/",
	    &a, err, sizeof(err)), 0);
	assert_null(a.title);
	assert_string_equal(a.author, "By Someone");
	assert_int_equal(a.published, 1577836800);
	article_clear(&a);
	free(s);
}

static void
test_base_href(void **state)
{
	struct article a;
	char err[128];
	char *s = page("<base href=\"https://cdn.example/news/\">"
	    "<meta property=\"og:image\" content=\"lead.jpg\">"
	    "<link rel=\"canonical\" href=\"story.html\">",
	    "", 2,
	    "");
	char *p;

	(void)state;
	/* put a relative link and image inside the article */
	p = strstr(s, "</article>");
	assert_non_null(p);
	{
		const char *ins = "<p>See <a href=\"more.html\">the plan</a>, "
		    "with a map, a timetable, and costs, in full.</p>"
		    "<img src=\"img/map.png\" alt=\"map\">";
		char *t = malloc(strlen(s) + strlen(ins) + 1);

		assert_non_null(t);
		memcpy(t, s, p - s);
		strcpy(t + (p - s), ins);
		strcat(t, p);
		free(s);
		s = t;
	}
	assert_int_equal(article_extract(s, strlen(s),
	    "https://www.example/a/b", &a, err, sizeof(err)), 0);
	assert_non_null(strstr(a.content,
	    "href=\"https://cdn.example/news/more.html\""));
	assert_non_null(strstr(a.content,
	    "src=\"https://cdn.example/news/img/map.png\""));
	assert_string_equal(a.image, "https://cdn.example/news/lead.jpg");
	assert_string_equal(a.canonical, "https://cdn.example/news/story.html");
	article_clear(&a);
	free(s);
}

static void
test_no_article(void **state)
{
	static const char *const pages[] = {
		"",
		"<html><body></body></html>",
		"<html><body><nav><ul><li><a href=/a>Home</a></li><li>"
		"<a href=/b>World</a></li><li><a href=/c>Sport</a></li></ul>"
		"</nav><p>Hi.</p></body></html>",
		"<html><body><div><a href=/1>One long link text that goes on"
		" and on, and on</a> <a href=/2>Another long link text that "
		"goes on and on, and on</a></div></body></html>",
		"\x01\x02\xff\xfe binary",
	};
	struct article a;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
		err[0] = '\0';
		assert_int_equal(article_extract(pages[i], strlen(pages[i]),
		    "https://x.example/", &a, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		assert_null(a.text);
		assert_null(a.content);
		assert_null(a.title);
		article_clear(&a);	/* harmless on a cleared article */
	}
}

/* Deep nesting, a tag of thousands of attributes: no crash, bounded. */
static void
test_hostile(void **state)
{
	size_t n = 5000, i, len;
	struct article a;
	char err[128];
	char *s, *p, *q;
	int rc;

	(void)state;
	s = malloc(n * 11 + 4096);
	assert_non_null(s);
	p = s;
	for (i = 0; i < n; i++)
		p += sprintf(p, "<div>");
	p += sprintf(p, "%s%s%s", para, para, para2);
	*p = '\0';
	rc = article_extract(s, strlen(s), NULL, &a, err, sizeof(err));
	if (rc == 0)
		assert_non_null(strstr(a.text, "forty kilometres"));
	article_clear(&a);
	/* 5000 attributes on one tag, then an article */
	p = s;
	p += sprintf(p, "<html><body><div");
	for (i = 0; i < 5000; i++)
		p += sprintf(p, " a%zu", i);
	p += sprintf(p, "></div><article>%s%s%s%s</article></body></html>",
	    para, para2, para, para2);
	assert_int_equal(article_extract(s, strlen(s), "https://x.example/",
	    &a, err, sizeof(err)), 0);
	assert_non_null(strstr(a.text, "forty kilometres"));
	article_clear(&a);
	/* over the size limit */
	len = 17 * 1024 * 1024;
	q = calloc(len, 1);
	assert_non_null(q);
	memset(q, 'x', len - 1);
	assert_int_equal(article_extract(q, len - 1, NULL, &a, err,
	    sizeof(err)), -1);
	free(q);
	free(s);
}

/* The gunzipped corpus page id, or NULL. */
static char *
gunzip(const char *id, size_t *len)
{
	char path[512];
	gzFile f;
	char *buf = NULL, *p;
	size_t cap = 0;
	int n;

	snprintf(path, sizeof(path), "%s/html/%s.html.gz", CORPUS, id);
	if ((f = gzopen(path, "rb")) == NULL)
		return NULL;
	*len = 0;
	for (;;) {
		if (*len + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 262144;
			if ((p = realloc(buf, cap)) == NULL)
				break;
			buf = p;
		}
		if ((n = gzread(f, buf + *len, 65536)) <= 0)
			break;
		*len += (size_t)n;
	}
	gzclose(f);
	if (buf != NULL)
		buf[*len] = '\0';
	return buf;
}

/* Real pages: the first ground-truth sentence is in the text, the
 * text is not much longer than the ground truth. */
static void
test_corpus_pages(void **state)
{
	static const char *const ids[] = {
	    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",
	    "7916ecca969ffdd8f6fc32d171fbe0dd63db40fe4c1d2ade02b1dec5929a162f",
	    "374ac9a59a85196cdacc1679fb8993521a7b7d9d6533720f102300be1c7face4",
	};
	json_object *truth, *page, *body;
	struct article a;
	char err[128], first[61];
	const char *b;
	size_t i, len = 0;
	char *html;

	(void)state;
	if ((truth = json_object_from_file(CORPUS "/ground-truth.json")) ==
	    NULL) {
		print_message("article-extraction-benchmark corpus not found "
		    "at %s: skipped\n", CORPUS);
		skip();
	}
	for (i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		assert_true(json_object_object_get_ex(truth, ids[i], &page));
		assert_true(json_object_object_get_ex(page, "articleBody",
		    &body));
		b = json_object_get_string(body);
		html = gunzip(ids[i], &len);
		assert_non_null(html);
		assert_int_equal(article_extract(html, len,
		    "https://example.org/", &a, err, sizeof(err)), 0);
		snprintf(first, sizeof(first), "%s", b);
		if (strchr(first, '\n') != NULL)
			*strchr(first, '\n') = '\0';
		assert_non_null(strstr(a.text, first));
		assert_true(strlen(a.text) < strlen(b) * 3 / 2);
		assert_true(strlen(a.text) > strlen(b) * 2 / 3);
		article_clear(&a);
		free(html);
	}
	json_object_put(truth);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boilerplate_left_out),
		cmocka_unit_test(test_jsonld_metadata),
		cmocka_unit_test(test_meta_fallbacks),
		cmocka_unit_test(test_base_href),
		cmocka_unit_test(test_no_article),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_corpus_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
