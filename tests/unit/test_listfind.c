/*
 * Unit tests for listfind: the exact selectors and counts guessed for
 * hand-written listing pages (a government news list, a blog index with
 * a sidebar and a tag cloud, a table of notices, a list split by day
 * headings), each selector checked by compiling it and evaluating it;
 * pages without a list (one article, only navigation, no body); hostile
 * pages (50,000 blocks, deep nesting) in bounded time; and the HTML pages
 * of the NetNewsWire corpus, printed (not ground truth).
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

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "feeds/date.h"
#include "feeds/htmldoc.h"
#include "feeds/listfind.h"
#include "feeds/selector.h"
#include "slurp.h"

#define DIR		FIXTURES "/listfind/"
#define CORPUS		FIXTURES "/../../../shared/corpus/netnewswire-rsparser/"
#define SHANGHAI_URL	"https://english.shanghai.gov.cn/en-Latest-WhatsNew/" \
			"index.html"
#define BLOG_URL	"https://citynotes.example/"
#define TABLE_URL	"http://jtw.example.gov.cn/notices.html"
#define HOSTILE_SECONDS	60	/* CPU seconds a hostile page may take,
				 * valgrind included */

/* What a page should give. */
struct want {
	const char	*items;
	const char	*title;
	const char	*link;
	const char	*date;
	const char	*summary;
	const char	*image;
	size_t		 count;
};

/* Runs of white space in s made one space, none at the ends; in place. */
static void
squeeze(char *s)
{
	char *o = s, *start = s;
	int sp = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && o != start)
			*o++ = ' ';
		sp = 0;
		*o++ = *s;
	}
	*o = '\0';
}

static htmlDocPtr
parse_file(const char *path)
{
	htmlDocPtr doc;
	char err[256], *html;
	size_t len;

	if ((html = slurp(path, &len)) == NULL)
		fail_msg("cannot read %s", path);
	doc = htmldoc_parse(html, len, err, sizeof(err));
	free(html);
	if (doc == NULL)
		fail_msg("%s: %s", path, err);
	return doc;
}

/* The nodes sel selects from node (relative) or the document; the
 * trailing attribute's name (or NULL) in *attr. */
static xmlXPathObjectPtr
select_nodes(xmlDocPtr doc, xmlNodePtr node, const char *sel, char **attr)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;
	char err[256], *xpath;

	if (selector_compile(sel, node != NULL, &xpath, attr, err,
	    sizeof(err)) == -1)
		fail_msg("%s does not compile: %s", sel, err);
	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	obj = node != NULL ? xmlXPathNodeEval(node, (xmlChar *)xpath, ctx) :
	    xmlXPathEval((xmlChar *)xpath, ctx);
	if (obj == NULL || obj->type != XPATH_NODESET)
		fail_msg("%s: %s is no node-set", sel, xpath);
	xmlXPathFreeContext(ctx);
	free(xpath);
	return obj;
}

/* The text (or attribute) of the first node relative selector sel finds
 * in item, squeezed and malloc'd; NULL when it finds none. */
static char *
pick(xmlDocPtr doc, xmlNodePtr item, const char *sel)
{
	xmlXPathObjectPtr obj;
	xmlChar *t;
	char *attr, *res = NULL;

	obj = select_nodes(doc, item, sel, &attr);
	if (obj->nodesetval != NULL && obj->nodesetval->nodeNr > 0) {
		t = attr != NULL ? xmlGetProp(obj->nodesetval->nodeTab[0],
		    (xmlChar *)attr) : xmlNodeGetContent(
		    obj->nodesetval->nodeTab[0]);
		if (t != NULL) {
			res = strdup((char *)t);
			assert_non_null(res);
			squeeze(res);
			xmlFree(t);
		}
	}
	xmlXPathFreeObject(obj);
	free(attr);
	return res;
}

static void
check_str(const char *what, const char *got, const char *want)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: want \"%s\", got \"%s\"", what,
		    want != NULL ? want : "(null)", got != NULL ? got :
		    "(null)");
}

/*
 * Check that the found rules work on the page: items selects count
 * blocks; in each, link and title find something, the date parses,
 * the image has a src. Returns the items (caller frees).
 */
static xmlXPathObjectPtr
check_rules(xmlDocPtr doc, const struct listfind *lf)
{
	xmlXPathObjectPtr items;
	xmlNodePtr it;
	char *attr, *v;
	time_t t;
	int i;

	items = select_nodes(doc, NULL, lf->items, &attr);
	assert_null(attr);
	assert_non_null(items->nodesetval);
	assert_int_equal(items->nodesetval->nodeNr, lf->count);
	for (i = 0; i < items->nodesetval->nodeNr && i < 100; i++) {
		it = items->nodesetval->nodeTab[i];
		v = pick(doc, it, lf->link);
		assert_non_null(v);
		assert_true(strlen(v) > 1);
		free(v);
		if (lf->title != NULL) {
			v = pick(doc, it, lf->title);
			assert_non_null(v);
			assert_true(strlen(v) > 3);
			free(v);
		}
		if (lf->date != NULL && (v = pick(doc, it, lf->date)) !=
		    NULL) {
			if (date_parse(v, &t) == -1)
				fail_msg("item %d: date \"%s\" from %s does "
				    "not parse", i, v, lf->date);
			free(v);
		}
		if (lf->image != NULL && (v = pick(doc, it, lf->image)) !=
		    NULL) {
			assert_true(strlen(v) > 0);
			free(v);
		}
	}
	return items;
}

/* Guess the rules of page path and compare them with w. */
static void
check_page(const char *path, const char *url, const struct want *w,
    xmlDocPtr *docp, struct listfind *lf, xmlXPathObjectPtr *itemsp)
{
	char err[256];

	*docp = parse_file(path);
	if (listfind_guess(*docp, url, lf, err, sizeof(err)) == -1)
		fail_msg("%s: %s", path, err);
	check_str("items", lf->items, w->items);
	check_str("title", lf->title, w->title);
	check_str("link", lf->link, w->link);
	check_str("date", lf->date, w->date);
	check_str("summary", lf->summary, w->summary);
	check_str("image", lf->image, w->image);
	assert_int_equal(lf->count, w->count);
	assert_true(lf->score >= 4.0);
	*itemsp = check_rules(*docp, lf);
}

/* What relative selector sel gives for item i, compared with want. */
static void
check_item(xmlDocPtr doc, xmlXPathObjectPtr items, int i, const char *sel,
    const char *want)
{
	char *got = pick(doc, items->nodesetval->nodeTab[i], sel);

	check_str(sel, got, want);
	free(got);
}

static void
done(xmlDocPtr doc, struct listfind *lf, xmlXPathObjectPtr items)
{
	xmlXPathFreeObject(items);
	listfind_clear(lf);
	assert_null(lf->items);
	xmlFreeDoc(doc);
}

/* english.shanghai.gov.cn's shape: a header menu, a breadcrumb, the
 * list, a pager, footer link lists. */
static void
test_shanghai(void **state)
{
	static const struct want w = { "ul.news-list > li", "a",
	    "a @href", "span", NULL, NULL, 10 };
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;

	(void)state;
	check_page(DIR "shanghai.html", SHANGHAI_URL, &w, &doc, &lf, &items);
	check_item(doc, items, 0, lf.link,
	    "/en-Latest-WhatsNew/20240415/9f2c1a0b7e.html");
	check_item(doc, items, 0, lf.title, "Shanghai issues measures to "
	    "boost consumption | Policy | Economy");
	check_item(doc, items, 0, lf.date,
	    "Release time:Apr 15, 2024 19:48 PM");
	check_item(doc, items, 9, lf.date,
	    "Release time:Apr 7, 2024 10:10 AM");
	done(doc, &lf, items);
}

/* A blog index: <article> blocks with heading link, <time>, excerpt and
 * thumbnail (one without); a "Popular posts" sidebar, a tag cloud and
 * pagination that must not win. */
static void
test_blog(void **state)
{
	static const struct want w = { "main#main > article.post",
	    "h2 > a", "h2 > a @href", "time @datetime", "div.entry-summary",
	    "img @src", 5 };
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char *v;

	(void)state;
	check_page(DIR "blog.html", BLOG_URL, &w, &doc, &lf, &items);
	check_item(doc, items, 0, lf.link, "/2024/04/15/night-buses/");
	check_item(doc, items, 1, lf.title,
	    "What the renovated wet markets sell now");
	check_item(doc, items, 0, lf.date, "2024-04-15T21:10:00+08:00");
	check_item(doc, items, 2, lf.image, NULL);	/* has none */
	check_item(doc, items, 3, lf.image,
	    "/wp-content/uploads/2024/04/lanes-300x200.jpg");
	v = pick(doc, items->nodesetval->nodeTab[0], lf.summary);
	assert_non_null(v);
	assert_non_null(strstr(v, "Eleven night routes returned"));
	free(v);
	done(doc, &lf, items);
}

/* A table of notices with a header row: the rows after it, the date by
 * its column. */
static void
test_table(void **state)
{
	static const struct want w = {
	    "table.notices > tr:nth-child(n+2)", "a", "a @href",
	    "td:nth-child(3)", NULL, NULL, 6 };
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;

	(void)state;
	check_page(DIR "table.html", TABLE_URL, &w, &doc, &lf, &items);
	check_item(doc, items, 0, lf.title,
	    "Notice on traffic control on the Nanpu Bridge during repairs");
	check_item(doc, items, 0, lf.date, "2024-04-15");
	check_item(doc, items, 5, lf.link, "notice/2024/0328-cycle.html");
	done(doc, &lf, items);
}

/* Guess on a page in memory; returns listfind_guess's result. */
static int
guess_mem(const char *html, size_t len, struct listfind *lf, char *err,
    size_t errlen, htmlDocPtr *docp)
{
	char perr[256];

	*docp = htmldoc_parse(html, len, perr, sizeof(perr));
	if (*docp == NULL)
		fail_msg("parse: %s", perr);
	return listfind_guess(*docp, "https://news.example/", lf, err, errlen);
}

/* One list split in several by day headings (Daring Fireball's shape):
 * one selector for all of them. */
static void
test_split_by_day(void **state)
{
	static const char page[] =
	    "<html><body><div id=\"main\">"
	    "<h2 class=\"day\">Monday</h2><ul class=\"posts\">"
	    "<li><a href=\"/p/1\">Council approves the new budget</a></li>"
	    "<li><a href=\"/p/2\">Heavy rain expected over the weekend</a>"
	    "</li>"
	    "<li><a href=\"/p/3\">Museum reopens after two year renovation"
	    "</a></li></ul>"
	    "<h2 class=\"day\">Sunday</h2><ul class=\"posts\">"
	    "<li><a href=\"/p/4\">Marathon closes roads in the city centre"
	    "</a></li>"
	    "<li><a href=\"/p/5\">New bike share stations open downtown</a>"
	    "</li></ul>"
	    "<ul class=\"nav\"><li><a href=\"/\">Home</a></li>"
	    "<li><a href=\"/a\">About</a></li><li><a href=\"/c\">Contact</a>"
	    "</li></ul></div></body></html>";
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char err[256];

	(void)state;
	if (guess_mem(page, sizeof(page) - 1, &lf, err, sizeof(err),
	    &doc) == -1)
		fail_msg("%s", err);
	check_str("items", lf.items, "ul.posts > li");
	check_str("link", lf.link, "a @href");
	assert_null(lf.date);
	assert_int_equal(lf.count, 5);
	items = check_rules(doc, &lf);
	check_item(doc, items, 4, lf.link, "/p/5");
	done(doc, &lf, items);
}

/* Items sharing a class among other blocks (ads, a "more" link): the
 * class says which; the first image and a summary are found. */
static void
test_class_filter(void **state)
{
	static const char page[] =
	    "<html><body><div class=\"list\">"
	    "<div class=\"item first\"><img src=\"/i/1.jpg\"><h3><a "
	    "href=\"/a/1\">Port traffic rises for the third month in a row"
	    "</a></h3><p>Container volumes grew by six percent on the year, "
	    "the port authority said.</p></div>"
	    "<div class=\"ad\"><a href=\"https://ads.example/x\">Buy a "
	    "new car with no money down today</a></div>"
	    "<div class=\"item\"><img src=\"/i/2.jpg\"><h3><a "
	    "href=\"/a/2\">Two new ferry routes to the islands announced"
	    "</a></h3><p>The routes start in June and run twice a day in "
	    "summer and once a day in winter.</p></div>"
	    "<div class=\"item\"><img src=\"/i/3.jpg\"><h3><a "
	    "href=\"/a/3\">City library lends out musical instruments</a>"
	    "</h3><p>Guitars, violins and a few keyboards can be borrowed "
	    "for three weeks with a library card.</p></div>"
	    "<div class=\"more\"><a href=\"/news/\">More news</a></div>"
	    "</div></body></html>";
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char err[256];

	(void)state;
	if (guess_mem(page, sizeof(page) - 1, &lf, err, sizeof(err),
	    &doc) == -1)
		fail_msg("%s", err);
	check_str("items", lf.items, "div.list > div.item");
	check_str("link", lf.link, "h3 > a @href");
	check_str("title", lf.title, "h3 > a");
	check_str("summary", lf.summary, "p");
	check_str("image", lf.image, "img @src");
	assert_null(lf.date);
	assert_int_equal(lf.count, 3);
	items = check_rules(doc, &lf);
	check_item(doc, items, 1, lf.image, "/i/2.jpg");
	check_item(doc, items, 2, lf.title,
	    "City library lends out musical instruments");
	done(doc, &lf, items);
}

/* Pages with no list of articles: -1 and a message saying so. */
static void
check_no_list(htmlDocPtr doc, const char *what)
{
	struct listfind lf;
	char err[256] = "";

	if (listfind_guess(doc, "https://news.example/", &lf, err,
	    sizeof(err)) == 0)
		fail_msg("%s: found %s (%zu)", what, lf.items, lf.count);
	assert_null(lf.items);
	assert_null(lf.link);
	if (strstr(err, "no list of articles") == NULL &&
	    strstr(err, "no selector picks") == NULL)
		fail_msg("%s: unclear error \"%s\"", what, err);
	xmlFreeDoc(doc);
}

/* One article between navigation and a footer: its paragraphs with
 * links in them, the menu, the share links are no list. */
static void
test_single_article(void **state)
{
	(void)state;
	check_no_list(parse_file(DIR "article.html"), "article.html");
}

/* Navigation, pagination and a tag cloud alone are no list either; nor
 * a page with no body, nor none at all. */
static void
test_only_furniture(void **state)
{
	static const char *const pages[] = {
	    "<html><body><nav><ul><li><a href=\"/\">Home</a></li>"
	    "<li><a href=\"/news\">News</a></li><li><a href=\"/about\">"
	    "About us</a></li><li><a href=\"/contact\">Contact</a></li>"
	    "</ul></nav><div class=\"pagination\"><a href=\"?p=1\">1</a>"
	    "<a href=\"?p=2\">2</a><a href=\"?p=3\">3</a><a href=\"?p=4\">4"
	    "</a><a href=\"?p=2\">Next &raquo;</a><a href=\"?p=9\">Last</a>"
	    "<a href=\"?p=0\">&laquo; Previous</a>"
	    "</div><div class=\"tags\"><a href=\"/t/a\">metro</a>"
	    "<a href=\"/t/b\">health</a><a href=\"/t/c\">parks</a>"
	    "<a href=\"/t/d\">culture</a></div>"
	    "<ul><li><a href=\"#top\">Back to the top of this page</a></li>"
	    "<li><a href=\"javascript:print()\">Print this page for later"
	    "</a></li><li><a href=\"mailto:x@example.org\">Write to the "
	    "editors of the site</a></li></ul></body></html>",
	    "<html><head><title>Nothing here</title></head></html>",
	    "<ul><li>One item without a link at all</li><li>Two items "
	    "without a link</li><li>Three items without a link</li></ul>",
	};
	struct listfind lf;
	char err[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "page %zu", i);
		check_no_list(htmldoc_parse(pages[i], strlen(pages[i]), err,
		    sizeof(err)), name);
	}
	assert_int_equal(listfind_guess(NULL, NULL, &lf, err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "root"));
	listfind_clear(&lf);
	listfind_clear(&lf);
}

/* A growing string for generated pages. */
struct gen {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
gen_add(struct gen *g, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(g->s + g->len, g->cap - g->len, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if (g->len + (size_t)n < g->cap)
			break;
		g->cap = (g->cap + n + 1) * 2;
		g->s = realloc(g->s, g->cap);
		assert_non_null(g->s);
	}
	g->len += n;
}

/* CPU seconds since start. */
static double
seconds(clock_t start)
{
	return (double)(clock() - start) / CLOCKS_PER_SEC;
}

/* 50,000 sibling blocks (a list, then a table with a header row): found
 * whole, in bounded time. */
static void
test_hostile_many(void **state)
{
	struct gen g = { NULL, 0, 0 };
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char err[256];
	clock_t start;
	int i, table;

	(void)state;
	for (table = 0; table < 2; table++) {
		g.len = 0;
		gen_add(&g, table ? "<table><tr><th>Title</th><th>Date</th>"
		    "</tr>" : "<ul class=\"big\">");
		for (i = 0; i < 50000; i++)
			gen_add(&g, table ? "<tr><td><a href=\"/n/%d\">"
			    "Headline number %d of the big table</a></td>"
			    "<td>2024-01-02</td></tr>" : "<li><a href=\"/n/%d"
			    "\">Headline number %d of the big list</a> <span>"
			    "2024-01-02</span></li>", i, i);
		gen_add(&g, table ? "</table>" : "</ul>");
		start = clock();
		if (guess_mem(g.s, g.len, &lf, err, sizeof(err), &doc) == -1)
			fail_msg("%s", err);
		print_message("# 50000 %s: %.2f s\n", table ? "rows" : "items",
		    seconds(start));
		assert_true(seconds(start) < HOSTILE_SECONDS);
		check_str("items", lf.items, table ?
		    "html > body > table > tr:nth-child(n+2)" :
		    "ul.big > li");
		check_str("date", lf.date, table ? "td:nth-child(2)" : "span");
		assert_int_equal(lf.count, 50000);
		items = check_rules(doc, &lf);
		done(doc, &lf, items);
	}
	free(g.s);
}

/* 10,000 levels of nesting: a list at the bottom (which libxml2's XPath
 * cannot reach, so none is given), and a list at every level. */
static void
test_hostile_deep(void **state)
{
	struct gen g = { NULL, 0, 0 };
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char err[256];
	clock_t start;
	int i, r;

	(void)state;
	for (i = 0; i < 10000; i++)
		gen_add(&g, "<div>");
	gen_add(&g, "<ul><li><a href=\"/a\">Headline one is long enough"
	    "</a></li><li><a href=\"/b\">Headline two is long enough</a>"
	    "</li><li><a href=\"/c\">Headline three is long enough</a></li>"
	    "</ul>");
	start = clock();
	r = guess_mem(g.s, g.len, &lf, err, sizeof(err), &doc);
	print_message("# deep list: %.2f s, %s\n", seconds(start),
	    r == 0 ? lf.items : err);
	assert_true(seconds(start) < HOSTILE_SECONDS);
	if (r == 0) {
		items = check_rules(doc, &lf);
		done(doc, &lf, items);
	} else
		xmlFreeDoc(doc);
	g.len = 0;
	for (i = 0; i < 10000; i++)
		gen_add(&g, "<div><a href=\"/x/%d\">Headline text number %d "
		    "here</a><a href=\"/y/%d\">Other headline text %d here</a>"
		    "<a href=\"/z/%d\">Third headline text %d here</a>", i, i,
		    i, i, i, i);
	start = clock();
	r = guess_mem(g.s, g.len, &lf, err, sizeof(err), &doc);
	print_message("# deep lists: %.2f s, %s\n", seconds(start),
	    r == 0 ? lf.items : err);
	assert_true(seconds(start) < HOSTILE_SECONDS);
	if (r == 0) {
		assert_true(lf.count >= 3);
		items = check_rules(doc, &lf);
		done(doc, &lf, items);
	} else
		xmlFreeDoc(doc);
	free(g.s);
}

/* The HTML pages of the NetNewsWire corpus: no crash, rules that work
 * when some are given; printed, as they are not ground truth. */
static void
test_corpus(void **state)
{
	static const char *const pages[] = {
	    "DaringFireball.html", "YouTubeTheVolvoRocks.html", "coco.html",
	    "inessential.html",
	};
	xmlXPathObjectPtr items;
	struct listfind lf;
	htmlDocPtr doc;
	char path[512], err[256], *html;
	size_t i, len;

	(void)state;
	snprintf(path, sizeof(path), "%s%s", CORPUS, pages[0]);
	if ((html = slurp(path, &len)) == NULL) {
		print_message("netnewswire-rsparser corpus not found at %s: "
		    "skipped\n", CORPUS);
		skip();
	}
	free(html);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", CORPUS, pages[i]);
		doc = parse_file(path);
		if (listfind_guess(doc, "https://example.org/", &lf, err,
		    sizeof(err)) == -1) {
			print_message("# %s: %s\n", pages[i], err);
			assert_true(err[0] != '\0');
			xmlFreeDoc(doc);
			continue;
		}
		print_message("# %s: items=%s title=%s link=%s date=%s "
		    "summary=%s image=%s count=%zu score=%.1f\n", pages[i],
		    lf.items, lf.title, lf.link, lf.date ? lf.date : "-",
		    lf.summary ? lf.summary : "-", lf.image ? lf.image : "-",
		    lf.count, lf.score);
		assert_true(lf.count >= 3);
		items = check_rules(doc, &lf);
		done(doc, &lf, items);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shanghai),
		cmocka_unit_test(test_blog),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_split_by_day),
		cmocka_unit_test(test_class_filter),
		cmocka_unit_test(test_single_article),
		cmocka_unit_test(test_only_furniture),
		cmocka_unit_test(test_hostile_many),
		cmocka_unit_test(test_hostile_deep),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
