/*
 * Unit tests for selector: the XPath written for each construct, what the
 * compiled selectors select from a government news listing parsed by
 * libxml2's HTML parser (from the document and from an item), the exact
 * errors with their columns, and hostile selectors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "feeds/selector.h"
#include "slurp.h"

#define PAGE		FIXTURES "/selector/page.html"
#define ITEMS		"ul.news-list > li"
#define CLASS(c)	"contains(concat(' ', normalize-space(@class), " \
			"' '), ' " c " ')"

struct sel_case {
	const char	*sel;
	int		 relative;
	const char	*xpath;		/* or the error message */
	const char	*attr;
};

struct sel_pick {
	const char	*sel;
	const char	*want;		/* texts (or attributes), '|' between */
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

/* Append to the growing result the text (or attribute) of node n. */
static void
append_node(char **res, size_t *len, xmlNodePtr n, const char *attr)
{
	xmlChar *t;
	size_t tl;

	t = attr != NULL ? xmlGetProp(n, (const xmlChar *)attr) :
	    xmlNodeGetContent(n);
	if (t == NULL)
		return;
	squeeze((char *)t);
	tl = strlen((char *)t);
	*res = realloc(*res, *len + tl + 2);
	assert_non_null(*res);
	if (*len > 0)
		(*res)[(*len)++] = '|';
	memcpy(*res + *len, t, tl + 1);
	*len += tl;
	xmlFree(t);
}

/*
 * What sel selects from node (relative) or from the document, as texts or
 * the trailing attribute's values joined with '|'; "" when nothing.
 */
static char *
pick(xmlDocPtr doc, xmlNodePtr node, const char *sel, int relative)
{
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;
	char err[256], *xpath, *attr, *res;
	size_t len = 0;
	int i;

	if (selector_compile(sel, relative, &xpath, &attr, err,
	    sizeof(err)) == -1)
		fail_msg("%s: %s", sel, err);
	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	obj = node != NULL ? xmlXPathNodeEval(node, (xmlChar *)xpath, ctx) :
	    xmlXPathEval((xmlChar *)xpath, ctx);
	if (obj == NULL || obj->type != XPATH_NODESET)
		fail_msg("%s: %s does not evaluate to a node-set", sel, xpath);
	res = calloc(1, 1);
	assert_non_null(res);
	for (i = 0; obj->nodesetval != NULL && i < obj->nodesetval->nodeNr;
	    i++)
		append_node(&res, &len, obj->nodesetval->nodeTab[i], attr);
	xmlXPathFreeObject(obj);
	xmlXPathFreeContext(ctx);
	free(xpath);
	free(attr);
	return res;
}

static void
check_pick(xmlDocPtr doc, xmlNodePtr node, const char *sel, int relative,
    const char *want)
{
	char *got = pick(doc, node, sel, relative);

	if (strcmp(got, want) != 0)
		fail_msg("%s:\n  want \"%s\"\n  got  \"%s\"", sel, want, got);
	free(got);
}

/* Each construct and the XPath written for it. */
static const struct sel_case compile_cases[] = {
	{ "a", 0, "//a", NULL },
	{ "A", 0, "//a", NULL },
	{ "*", 0, "//*", NULL },
	{ "a", 1, "descendant-or-self::a", NULL },
	{ "*", 1, "descendant-or-self::*", NULL },
	{ "my-widget", 0, "//my-widget", NULL },
	{ ".date", 0, "//*[" CLASS("date") "]", NULL },
	{ "span.date.big", 1, "descendant-or-self::span[" CLASS("date")
	    "][" CLASS("big") "]", NULL },
	{ ".md\\:flex", 0, "//*[" CLASS("md:flex") "]", NULL },
	{ ".a\\ b", 0, "//*[false()]", NULL },
	{ "#top", 0, "//*[@id='top']", NULL },
	{ "div#Top", 0, "//div[@id='Top']", NULL },
	{ "#\\31 23", 0, "//*[@id='123']", NULL },
	{ "[href]", 0, "//*[@href]", NULL },
	{ "[HREF]", 0, "//*[@href]", NULL },
	{ "[ data-id ]", 0, "//*[@data-id]", NULL },
	{ "[a=v]", 0, "//*[@a='v']", NULL },
	{ "[a='v w']", 0, "//*[@a='v w']", NULL },
	{ "[a=\"v\"]", 0, "//*[@a='v']", NULL },
	{ "[a=\"\"]", 0, "//*[@a='']", NULL },
	{ "[a = /x/y.pdf ]", 0, "//*[@a='/x/y.pdf']", NULL },
	{ "[a~=v]", 0, "//*[contains(concat(' ', normalize-space(@a), "
	    "' '), ' v ')]", NULL },
	{ "[a~='v w']", 0, "//*[false()]", NULL },
	{ "[a^=v]", 0, "//*[starts-with(@a, 'v')]", NULL },
	{ "[a$=v]", 0, "//*[substring(@a, string-length(@a) - "
	    "string-length('v') + 1) = 'v']", NULL },
	{ "[a*=v]", 0, "//*[contains(@a, 'v')]", NULL },
	{ "[a*='']", 0, "//*[false()]", NULL },
	{ "[a=\"it's\"]", 0, "//*[@a=\"it's\"]", NULL },
	{ "[a='say \"hi\"']", 0, "//*[@a='say \"hi\"']", NULL },
	{ "[a=\"'x\\\"\"]", 0, "//*[@a=concat(\"'\", 'x\"')]", NULL },
	{ "[a='O\\'Brien \"P\"']", 0,
	    "//*[@a=concat('O', \"'\", 'Brien \"P\"')]", NULL },
	{ "ul li", 0, "//ul//li", NULL },
	{ "ul > li", 0, "//ul/li", NULL },
	{ "ul>li", 1, "descendant-or-self::ul/li", NULL },
	{ "a + span", 0, "//a/following-sibling::*[1]/self::span",
	    NULL },
	{ "a+.x", 0, "//a/following-sibling::*[1][" CLASS("x") "]",
	    NULL },
	{ "a ~ span", 0, "//a/following-sibling::span", NULL },
	{ "a~*", 0, "//a/following-sibling::*", NULL },
	{ "li:first-child", 0, "//li[not(preceding-sibling::*[1])]",
	    NULL },
	{ "li:LAST-CHILD", 0, "//li[not(following-sibling::*[1])]",
	    NULL },
	{ ":nth-child(1)", 0, "//*[not(preceding-sibling::*[1])]",
	    NULL },
	{ ":nth-child(3)", 0, "//*[preceding-sibling::*[2] and "
	    "not(preceding-sibling::*[3])]", NULL },
	{ ":nth-child(+3)", 0, "//*[preceding-sibling::*[2] and "
	    "not(preceding-sibling::*[3])]", NULL },
	{ ":nth-child(0)", 0, "//*[false()]", NULL },
	{ ":nth-child(-2)", 0, "//*[false()]", NULL },
	{ ":nth-child(2n)", 0, "//*[(count(preceding-sibling::*) + 1) "
	    "mod 2 = 0]", NULL },
	{ ":nth-child(even)", 0, "//*[(count(preceding-sibling::*) + 1) "
	    "mod 2 = 0]", NULL },
	{ ":nth-child(2n+1)", 0, "//*[count(preceding-sibling::*) mod "
	    "2 = 0]", NULL },
	{ ":nth-child( Odd )", 0, "//*[count(preceding-sibling::*) mod "
	    "2 = 0]", NULL },
	{ ":nth-child(3n+5)", 0, "//*[preceding-sibling::*[4] and "
	    "(count(preceding-sibling::*) + 2) mod 3 = 0]", NULL },
	{ ":nth-child(3n - 1)", 0, "//*[(count(preceding-sibling::*) "
	    "+ 2) mod 3 = 0]", NULL },
	{ ":nth-child(-n+3)", 0, "//*[not(preceding-sibling::*[3])]",
	    NULL },
	{ ":nth-child(-2n+5)", 0, "//*[not(preceding-sibling::*[5]) "
	    "and count(preceding-sibling::*) mod 2 = 0]", NULL },
	{ ":nth-child(-n)", 0, "//*[false()]", NULL },
	{ ":nth-child(n)", 0, "//*[true()]", NULL },
	{ ":nth-child(N+2)", 0, "//*[preceding-sibling::*[1]]", NULL },
	{ ":nth-child(0n+2)", 0, "//*[preceding-sibling::*[1] and "
	    "not(preceding-sibling::*[2])]", NULL },
	{ "a:not(.x)", 0, "//a[not(" CLASS("x") ")]", NULL },
	{ ":not(P)", 0, "//*[not(self::p)]", NULL },
	{ ":not(*)", 0, "//*[not(self::*)]", NULL },
	{ "li:not( [a] ):not(:first-child)", 0, "//li[not(@a)]"
	    "[not(not(preceding-sibling::*[1]))]", NULL },
	{ "li:not(:nth-child(2n))", 0, "//li[not((count("
	    "preceding-sibling::*) + 1) mod 2 = 0)]", NULL },
	{ "a, b", 0, "//a | //b", NULL },
	{ "a,b , c", 1, "descendant-or-self::a | descendant-or-self::b "
	    "| descendant-or-self::c", NULL },
	{ "a @href", 0, "//a", "href" },
	{ "  a.x   @HREF  ", 1, "descendant-or-self::a[" CLASS("x")
	    "]", "href" },
	{ "img @data-src", 0, "//img", "data-src" },
	{ "xpath://ul[@class='news-list']/li", 0,
	    "//ul[@class='news-list']/li", NULL },
	{ "xpath:./a", 1, "./a", NULL },
	{ "xpath:.//a @href", 1, ".//a", "href" },
	{ "xpath://a/@href", 0, "//a/@href", NULL },
	{ "xpath://a | @href", 1, "//a | @href", NULL },
	{ "xpath://a[@x = @href]", 1, "//a[@x = @href]", NULL },
	{ "xpath:count(//a) div @x", 1, "count(//a) div @x", NULL },
	{ "xpath://* @href", 0, "//*", "href" },
	{ "\xe6\x96\xb0\xe9\x97\xbb", 0, "//*[local-name()="
	    "'\xe6\x96\xb0\xe9\x97\xbb']", NULL },
	{ "[\xe5\x90\x8d=x]", 0, "//*[@*[local-name()="
	    "'\xe5\x90\x8d']='x']", NULL },
	{ ".\xe6\x96\xb0", 0, "//*[" CLASS("\xe6\x96\xb0") "]", NULL },
};

/* Expect selector_compile(sel) to fail with exactly msg. */
static void
check_error(const char *sel, int relative, const char *msg)
{
	char err[256], *xpath = (char *)1, *attr = (char *)1;

	if (selector_compile(sel, relative, &xpath, &attr, err,
	    sizeof(err)) == 0) {
		fail_msg("\"%s\": want error \"%s\", got %s", sel, msg, xpath);
	}
	assert_null(xpath);
	assert_null(attr);
	if (msg != NULL && strcmp(err, msg) != 0)
		fail_msg("\"%s\":\n  want \"%s\"\n  got  \"%s\"", sel, msg,
		    err);
}

static int
setup(void **state)
{
	char *buf;
	size_t len;
	xmlDocPtr doc;

	if ((buf = slurp(PAGE, &len)) == NULL)
		return -1;
	doc = htmlReadMemory(buf, (int)len, "https://example.gov/en/news/",
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING);
	free(buf);
	*state = doc;
	return doc == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	xmlFreeDoc(*state);
	xmlCleanupParser();
	return 0;
}

/* What selectors pick from the whole page. */
static const struct sel_pick document_cases[] = {
	{ ITEMS " > a", "Metro Line 21 opens to passengers|New health "
	    "insurance rules take effect|Port authority annual report|"
	    "O'Brien Park reopens|Water supply maintenance notice" },
	{ "ul.news-list a + span.date", "2024-06-12|2024-06-11|"
	    "2024-06-10|2024-06-09|2024-06-08" },
	{ "span.date + span", "notice" },
	{ ".news-list span.date ~ span", "notice" },
	{ ".news-list span ~ span.date", "" },
	{ "li.nav-item.active > a", "News" },
	{ "li.active.nav-item", "News" },
	{ ".nav-item.act", "" },
	{ "nav li:first-child a", "Home" },
	{ "nav li:last-child", "Services" },
	{ ".news-list > li:nth-child(odd) > a", "Metro Line 21 opens to "
	    "passengers|Port authority annual report|Water supply "
	    "maintenance notice" },
	{ ".news-list > li:nth-child(2n) span", "2024-06-11|2024-06-09|"
	    "Subscribe to our newsletter" },
	{ ".news-list > li:nth-child(-n+2) a", "Metro Line 21 opens to "
	    "passengers|New health insurance rules take effect" },
	{ ".news-list > li:nth-child(3) a", "Port authority annual "
	    "report" },
	{ ".news-list > li:nth-child(n+6)", "Subscribe to our "
	    "newsletter" },
	{ ".news-list > li:nth-child(3n+2) a", "New health insurance "
	    "rules take effect|Water supply maintenance notice" },
	{ ".news-list > li:nth-child(4n+7)", "" },
	{ ".news-list > li:not(.ad):last-child", "" },
	{ ".news-list > li:not(.ad) > a:not([title])", "New health "
	    "insurance rules take effect|Port authority annual report|"
	    "Water supply maintenance notice" },
	{ "a[href$='.pdf']", "Port authority annual report" },
	{ "a[href$=.PDF]", "" },
	{ "a[href^=https]", "Port authority annual report" },
	{ "a[href*=\"/news/2024/\"]", "Metro Line 21 opens to "
	    "passengers|New health insurance rules take effect|"
	    "O'Brien Park reopens|Water supply maintenance notice" },
	{ "[data-kind~=report]", "Port authority annual report" },
	{ "[data-kind~=rep]", "" },
	{ "[data-kind=pdf]", "" },
	{ "[data-kind='pdf report']", "Port authority annual report" },
	{ "a[title=\"Say \\\"hi\\\" to O'Brien Park\"]",
	    "O'Brien Park reopens" },
	{ "a[title='Say \"hi\" to O\\'Brien Park']",
	    "O'Brien Park reopens" },
	{ "a[title*='\"hi\" to O\\'B']", "O'Brien Park reopens" },
	{ ".pagination a[rel=next]", "Next" },
	{ ".pagination a.current ~ a", "2|3|Next" },
	{ ".pagination > :first-child", "1" },
	{ ".pagination a @href", "?page=1|?page=2|?page=3|?page=2" },
	{ "#footer a", "Contact|Sitemap" },
	{ "FOOTER UL.links > LI > A @HREF", "/en/contact/|/en/sitemap/" },
	{ "[ID=footer] > p", "Copyright 2024 City Government" },
	{ "#Footer", "" },
	{ "h1, .pagination .next", "What's New|Next" },
	{ ".pagination .next, h1", "What's New|Next" },
	{ "main > ul > li:first-child > a, nav li:first-child a",
	    "Home|Metro Line 21 opens to passengers" },
	{ "body > :not(main):not(header) > p", "Copyright 2024 City "
	    "Government" },
	{ "head title", "What's New - City Government" },
	{ "xpath://ul[@class='news-list']/li/span[@class='tag']",
	    "notice" },
	{ "xpath://div[@class='pagination']/a[last()] @href",
	    "?page=2" },
};

static void
test_compile_table(void **state)
{
	const struct sel_case *c;
	char err[256], *xpath, *attr;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(compile_cases) / sizeof(compile_cases[0]); i++) {
		c = &compile_cases[i];
		if (selector_compile(c->sel, c->relative, &xpath, &attr, err,
		    sizeof(err)) == -1)
			fail_msg("\"%s\": %s", c->sel, err);
		if (strcmp(xpath, c->xpath) != 0)
			fail_msg("\"%s\":\n  want %s\n  got  %s", c->sel,
			    c->xpath, xpath);
		if (c->attr == NULL && attr != NULL)
			fail_msg("\"%s\": attr %s", c->sel, attr);
		if (c->attr != NULL && (attr == NULL ||
		    strcmp(attr, c->attr) != 0))
			fail_msg("\"%s\": want attr %s, got %s", c->sel,
			    c->attr, attr ? attr : "NULL");
		free(xpath);
		free(attr);
	}
}

static void
test_select_document(void **state)
{
	size_t i;

	for (i = 0; i < sizeof(document_cases) / sizeof(document_cases[0]);
	    i++)
		check_pick(*state, NULL, document_cases[i].sel, 0,
		    document_cases[i].want);
}

/* Each error, with its column and exact message. */
static const struct sel_case error_cases[] = {
	{ "", 0, "column 1: empty selector", NULL },
	{ "a,", 0, "column 3: empty selector", NULL },
	{ ",a", 0, "column 1: empty selector", NULL },
	{ "a,,b", 0, "column 3: empty selector", NULL },
	{ "a >", 0, "column 3: dangling combinator '>'", NULL },
	{ "> a", 1, "column 1: dangling combinator '>'", NULL },
	{ "a + ~ b", 0, "column 3: dangling combinator '+'", NULL },
	{ "a ~, b", 0, "column 3: dangling combinator '~'", NULL },
	{ "[href", 0, "column 1: unbalanced '['", NULL },
	{ "a[href=x", 0, "column 2: unbalanced '['", NULL },
	{ "a[href=", 0, "column 2: unbalanced '['", NULL },
	{ "a]", 0, "column 2: unbalanced ']'", NULL },
	{ "li a)", 0, "column 5: unbalanced ')'", NULL },
	{ "li:not(.ad", 0, "column 7: unbalanced '('", NULL },
	{ "li:nth-child(2", 0, "column 13: unbalanced '('", NULL },
	{ "a(", 0, "column 2: unexpected '('", NULL },
	{ "a:hover", 0, "column 2: unknown pseudo-class ':hover'",
	    NULL },
	{ "li:nth-of-type(2)", 0, "column 3: unknown pseudo-class "
	    "':nth-of-type'", NULL },
	{ "a::before", 0, "column 2: pseudo-elements are not supported",
	    NULL },
	{ "a:", 0, "column 3: pseudo-class name expected", NULL },
	{ "[title=\"x]", 0, "column 8: quote not closed", NULL },
	{ "[title='x", 0, "column 8: quote not closed", NULL },
	{ "[title='x\ny']", 0, "column 8: quote not closed", NULL },
	{ ":nth-child(2n+)", 0, "column 15: bad :nth-child() formula",
	    NULL },
	{ ":nth-child()", 0, "column 12: bad :nth-child() formula",
	    NULL },
	{ ":nth-child(+ 2)", 0, "column 13: bad :nth-child() formula",
	    NULL },
	{ ":nth-child(n2)", 0, "column 13: bad :nth-child() formula",
	    NULL },
	{ ":nth-child(oddly)", 0, "column 12: bad :nth-child() formula",
	    NULL },
	{ ":nth-child(2n+1 3)", 0, "column 17: bad :nth-child() "
	    "formula", NULL },
	{ ":nth-child(9999999999)", 0, "column 12: number too large in "
	    ":nth-child()", NULL },
	{ ":not(:not(a))", 0, "column 6: :not() cannot be nested", NULL },
	{ ":not(a.b)", 0, "column 7: :not() takes one simple selector",
	    NULL },
	{ ":not(a b)", 0, "column 8: :not() takes one simple selector",
	    NULL },
	{ ":not()", 0, "column 6: empty :not()", NULL },
	{ ":not(> a)", 0, "column 6: unexpected character in :not()",
	    NULL },
	{ "a$b", 0, "column 2: unexpected character '$'", NULL },
	{ "a\x01", 0, "column 2: unexpected character '\\x01'", NULL },
	{ "ns|a", 0, "column 3: unexpected character '|'", NULL },
	{ "a @", 0, "column 4: attribute name expected after '@'", NULL },
	{ "a @1x", 0, "column 4: bad attribute name", NULL },
	{ "a@href", 0, "column 2: unexpected '@' (an attribute is named "
	    "last, after a selector and a space)", NULL },
	{ "@href", 0, "column 1: unexpected '@' (an attribute is named "
	    "last, after a selector and a space)", NULL },
	{ "  @href", 0, "column 1: empty selector", NULL },
	{ "[a|=b]", 0, "column 3: unsupported attribute operator '|='",
	    NULL },
	{ "[a!=b]", 0, "column 3: unsupported attribute operator '!='",
	    NULL },
	{ "[a=]", 0, "column 4: attribute value expected", NULL },
	{ "[=a]", 0, "column 2: attribute name expected", NULL },
	{ "[a b]", 0, "column 4: unexpected character in attribute "
	    "selector", NULL },
	{ "[a=b c]", 0, "column 6: ']' expected", NULL },
	{ "[a=b i]", 0, "column 6: ']' expected", NULL },
	{ ":first-child(1)", 0, "column 13: :first-child takes no "
	    "argument", NULL },
	{ ":nth-child", 0, "column 11: '(' expected after :nth-child",
	    NULL },
	{ "#", 0, "column 2: name expected after '#'", NULL },
	{ ".1a", 0, "column 2: name expected after '.'", NULL },
	{ "1a", 0, "column 1: unexpected character '1'", NULL },
	{ "-", 0, "column 1: unexpected character '-'", NULL },
	{ "a\\", 0, "column 2: escape at end of line", NULL },
	{ "xpath:]]", 0, "column 7: invalid XPath: invalid expression",
	    NULL },
	{ "xpath://a[", 0, "column 11: invalid XPath: invalid "
	    "expression", NULL },
	{ "xpath:'ab", 0, "column 10: invalid XPath: string not closed",
	    NULL },
	{ "xpath://a @", 0, "column 12: attribute name expected after "
	    "'@'", NULL },
	{ "xpath:", 0, "column 7: empty XPath", NULL },
	{ " xpath:  ", 0, "column 10: empty XPath", NULL },
	{ "\xff", 0, "column 1: invalid UTF-8", NULL },
	{ "a.\xc3", 0, "column 3: invalid UTF-8", NULL },
	{ "a.\xed\xa0\x80", 0, "column 3: invalid UTF-8", NULL },
};

/* The feeds file's items/title/link/date, evaluated per item. */
static void
test_select_items(void **state)
{
	static const char *titles[] = { "Metro Line 21 opens to passengers",
	    "New health insurance rules take effect",
	    "Port authority annual report", "O'Brien Park reopens",
	    "Water supply maintenance notice", "" };
	static const char *links[] = { "/en/news/2024/0612-metro.html",
	    "/en/news/2024/0611-health.html",
	    "https://example.gov/en/news/0610-port.pdf",
	    "/en/news/2024/0609-parks.html", "/en/news/2024/0608-water.html",
	    "" };
	static const char *dates[] = { "2024-06-12", "2024-06-11",
	    "2024-06-10", "2024-06-09", "2024-06-08", "" };
	xmlDocPtr doc = *state;
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr items;
	xmlNodePtr li;
	char err[256], *xpath, *attr;
	int i;

	assert_int_equal(selector_compile(ITEMS, 0, &xpath, &attr, err,
	    sizeof(err)), 0);
	ctx = xmlXPathNewContext(doc);
	assert_non_null(ctx);
	items = xmlXPathEval((xmlChar *)xpath, ctx);
	assert_non_null(items);
	assert_non_null(items->nodesetval);
	assert_int_equal(items->nodesetval->nodeNr, 6);
	for (i = 0; i < 6; i++) {
		li = items->nodesetval->nodeTab[i];
		check_pick(doc, li, "a", 1, titles[i]);
		check_pick(doc, li, "a @href", 1, links[i]);
		check_pick(doc, li, "span.date", 1, dates[i]);
		check_pick(doc, li, "a + span.date", 1, dates[i]);
		check_pick(doc, li, "xpath:./span[@class='date']", 1,
		    dates[i]);
		/* The item itself is in reach; what is above it is not. */
		check_pick(doc, li, "li > a", 1, titles[i]);
		check_pick(doc, li, "ul > li", 1, "");
		check_pick(doc, li, "nav a", 1, "");
	}
	check_pick(doc, items->nodesetval->nodeTab[1], "li.top", 1,
	    "New health insurance rules take effect 2024-06-11");
	check_pick(doc, items->nodesetval->nodeTab[5], ".promo, a", 1,
	    "Subscribe to our newsletter");
	check_pick(doc, xmlDocGetRootElement(doc), "#content li > a:not([href"
	    "*='2024'])", 1, "Port authority annual report");
	xmlXPathFreeObject(items);
	xmlXPathFreeContext(ctx);
	free(xpath);
}

static void
test_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++)
		check_error(error_cases[i].sel, error_cases[i].relative,
		    error_cases[i].xpath);
}

/* A string of n copies of unit, malloc'd. */
static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *s = malloc(hl + ul * n + tl + 1);

	assert_non_null(s);
	memcpy(s, head, hl);
	for (i = 0; i < n; i++)
		memcpy(s + hl + i * ul, unit, ul);
	memcpy(s + hl + n * ul, tail, tl + 1);
	return s;
}

static void
test_limits(void **state)
{
	char err[256], *s, *xpath, *attr;
	size_t i;
	static const struct {
		const char *head, *unit;
		size_t n;
		const char *want;
	} longs[] = {
		{ "", "a ", 512, "" },		/* 512 steps deep */
		{ "", "* > ", 256, "" },
		{ "", "*+", 512, "" },
		{ "", "h1,", 341, "What's New" },
		{ "#footer ", "[href]", 169, "Contact|Sitemap" },
		{ "span", ":not(.x)", 127, "2024-06-12|2024-06-11|2024-06-10|"
		    "2024-06-09|2024-06-08|notice|Subscribe to our "
		    "newsletter" },
	};

	/* 1024 bytes pass, 1025 do not. */
	s = repeat("", "a", 1024, "");
	assert_int_equal(selector_compile(s, 0, &xpath, &attr, err,
	    sizeof(err)), 0);
	free(xpath);
	free(s);
	s = repeat("", "a", 1025, "");
	check_error(s, 0, "column 1025: selector longer than 1024 bytes");
	free(s);
	/* Long but valid: compiled and evaluated. */
	for (i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		s = repeat(longs[i].head, longs[i].unit, longs[i].n, "");
		if (s[strlen(s) - 1] == ',' || s[strlen(s) - 1] == '+')
			s[strlen(s) - 1] = '\0';
		if (strlen(s) > 2 && s[strlen(s) - 2] == '>')
			s[strlen(s) - 2] = '\0';
		assert_true(strlen(s) <= 1024);
		check_pick(*state, NULL, s, 0, longs[i].want);
		check_pick(*state, xmlDocGetRootElement(*state), s, 1,
		    longs[i].want);
		free(s);
	}
	/* The XPath written is bounded too. */
	s = repeat("", ".a", 512, "");
	assert_int_equal(selector_compile(s, 0, &xpath, &attr, err,
	    sizeof(err)), -1);
	assert_null(xpath);
	assert_non_null(strstr(err, ": selector too complex (XPath longer "
	    "than 16384 bytes)"));
	assert_true(strncmp(err, "column ", 7) == 0 && atoi(err + 7) > 200 &&
	    atoi(err + 7) <= 1024);
	free(s);
	/* A value with both quotes at every other byte still fits. */
	s = repeat("[title=\"", "'\\\"", 300, "\"]");
	check_pick(*state, NULL, s, 0, "");
	free(s);
	/* A small buffer truncates the message; none at all is fine. */
	assert_int_equal(selector_compile("a:hover", 0, &xpath, &attr, err,
	    10), -1);
	assert_string_equal(err, "column 2:");
	assert_int_equal(selector_compile("a:hover", 0, &xpath, &attr, NULL,
	    0), -1);
}

static void
test_hostile(void **state)
{
	char *s;

	s = repeat("", ":not(", 200, "a");
	check_error(s, 0, "column 6: :not() cannot be nested");
	free(s);
	s = repeat("a", ":not(a)", 140, ")");
	check_error(s, 0, "column 982: unbalanced ')'");
	free(s);
	s = repeat("", "[", 1000, "");
	check_error(s, 0, "column 2: attribute name expected");
	free(s);
	s = repeat("", "(", 1000, "");
	check_error(s, 0, "column 1: unexpected '('");
	free(s);
	s = repeat("a", ">", 1000, "");
	check_error(s, 0, "column 2: dangling combinator '>'");
	free(s);
	s = repeat("", ",", 1000, "");
	check_error(s, 0, "column 1: empty selector");
	free(s);
	s = repeat("", "\\", 999, "");
	check_error(s, 0, "column 999: escape at end of line");
	free(s);
	s = repeat("", "\\", 1000, "");	/* a name of 500 backslashes */
	check_pick(*state, NULL, s, 0, "");
	free(s);
	s = repeat(":nth-child(", "9", 1020, ")");
	check_error(s, 0, "column 1025: selector longer than 1024 bytes");
	free(s);
	s = repeat(":nth-child(", "9", 900, ")");
	check_error(s, 0, "column 12: number too large in :nth-child()");
	free(s);
	s = repeat("xpath:", "(", 505, "1");
	check_error(s, 0, "column 507: invalid XPath: nested too deeply");
	free(s);
}

/* libxml2 refuses raw XPath nested deeper than its limit. */
static void
test_xpath_nesting(void **state)
{
	char err[256], *xpath, *attr, *s;
	size_t n;

	(void)state;
	s = malloc(1100);
	assert_non_null(s);
	n = 505;
	memcpy(s, "xpath:", 6);
	memset(s + 6, '(', n);
	s[6 + n] = '1';
	memset(s + 7 + n, ')', n);
	s[7 + 2 * n] = '\0';
	assert_int_equal(selector_compile(s, 0, &xpath, &attr, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, ": invalid XPath: nested too deeply"));
	n = 100;
	memset(s + 6, '(', n);
	s[6 + n] = '1';
	memset(s + 7 + n, ')', n);
	s[7 + 2 * n] = '\0';
	assert_int_equal(selector_compile(s, 0, &xpath, &attr, err,
	    sizeof(err)), 0);
	free(xpath);
	free(s);
}

/* :nth-child(an+b) against the definition, for every small a and b. */
static void
test_nth_brute(void **state)
{
	static const char list[] = "<ul><li>1</li><li>2</li><li>3</li>"
	    "<li>4</li><li>5</li><li>6</li><li>7</li><li>8</li><li>9</li>"
	    "<li>10</li><li>11</li><li>12</li></ul>";
	xmlDocPtr doc;
	char sel[64], want[64], *got;
	long a, b, pos, n;
	size_t len;

	(void)state;
	doc = htmlReadMemory(list, (int)strlen(list), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	for (a = -4; a <= 4; a++) {
		for (b = -5; b <= 14; b++) {
			len = 0;
			want[0] = '\0';
			for (pos = 1; pos <= 12; pos++) {
				n = a == 0 ? (pos == b ? 0 : -1) :
				    (pos - b) % a == 0 ? (pos - b) / a : -1;
				if (n >= 0)
					len += snprintf(want + len,
					    sizeof(want) - len, "%s%ld",
					    len > 0 ? "|" : "", pos);
			}
			snprintf(sel, sizeof(sel), "li:nth-child(%ldn%+ld)",
			    a, b);
			got = pick(doc, NULL, sel, 0);
			if (strcmp(got, want) != 0)
				fail_msg("%s: want \"%s\", got \"%s\"", sel,
				    want, got);
			free(got);
		}
	}
	xmlFreeDoc(doc);
}

/*
 * Random strings over the selector's alphabet (a fixed seed): each either
 * compiles to XPath that evaluates on the page, or fails with a column
 * within the string.
 */
static void
test_garbage(void **state)
{
	static const char alphabet[] = "ab*.#[]=~^$|'\"():,>+ \t-2n@\\x"
	    "lidvspan\xc3\xa9";
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr obj;
	char buf[80], err[256], *xpath, *attr;
	unsigned long seed = 42;
	size_t i, k, len;
	int ok = 0, bad = 0, col;

	ctx = xmlXPathNewContext(*state);
	assert_non_null(ctx);
	for (i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = (seed >> 33) % 40;
		for (k = 0; k < len; k++) {
			seed = seed * 6364136223846793005UL + 1UL;
			buf[k] = alphabet[(seed >> 33) %
			    (sizeof(alphabet) - 1)];
		}
		buf[len] = '\0';
		if (selector_compile(buf, (int)(i & 1), &xpath, &attr, err,
		    sizeof(err)) == 0) {
			ctx->node = xmlDocGetRootElement(*state);
			obj = xmlXPathEval((xmlChar *)xpath, ctx);
			if (obj == NULL)
				fail_msg("\"%s\" -> %s: no result", buf, xpath);
			xmlXPathFreeObject(obj);
			free(xpath);
			free(attr);
			ok++;
			continue;
		}
		bad++;
		assert_null(xpath);
		assert_null(attr);
		if (sscanf(err, "column %d: ", &col) != 1 || col < 1 ||
		    (size_t)col > len + 1)
			fail_msg("\"%s\": %s", buf, err);
	}
	xmlXPathFreeContext(ctx);
	assert_true(ok > 100);
	assert_true(bad > 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compile_table),
		cmocka_unit_test(test_select_document),
		cmocka_unit_test(test_select_items),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_xpath_nesting),
		cmocka_unit_test(test_nth_brute),
		cmocka_unit_test(test_garbage),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
