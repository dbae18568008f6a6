/* Unit tests for normalize: every field of an item made alike. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/item.h"
#include "feeds/normalize.h"

#define FEED	"https://example.org/news/feed.xml"
#define NOW	((time_t)1713181680)	/* 2024-04-15T11:48:00Z */

/* A one-item list whose item has the given title and link. */
static struct item_list *
one(const char *title, const char *link)
{
	struct item_list *l;
	struct item *it;

	l = item_list_new();
	assert_non_null(l);
	it = item_new();
	assert_non_null(it);
	if (title != NULL)
		assert_int_equal(item_set(&it->title, title), 0);
	if (link != NULL)
		assert_int_equal(item_set(&it->link, link), 0);
	item_list_append(l, it);
	return l;
}

static void
assert_str_or_null(const char *got, const char *want)
{
	if (want == NULL) {
		if (got != NULL)
			fail_msg("want NULL, got \"%s\"", got);
		return;
	}
	if (got == NULL)
		fail_msg("want \"%s\", got NULL", want);
	assert_string_equal(got, want);
}

static void
test_title_author(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "Plain", "Plain" },
		{ "  Spaced \n out  ", "Spaced out" },
		{ "AT&amp;T &lt;b&gt;", "AT&T <b>" },
		{ "AT&T", "AT&T" },
		{ "<b>Bold</b> news", "Bold news" },
		{ "x<script>alert(1)</script>y", "xy" },
		{ "<p></p>", NULL },
		{ "   ", NULL },
	};
	struct item_list *l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l = one(cases[i].in, "https://example.org/a");
		assert_int_equal(item_set(&l->head->author, cases[i].in), 0);
		assert_int_equal(normalize_items(l, FEED, NOW), 0);
		assert_int_equal(l->count, 1);
		assert_str_or_null(l->head->title, cases[i].want);
		assert_str_or_null(l->head->author, cases[i].want);
		item_list_free(l);
	}
}

static void
test_links(void **state)
{
	static const struct {
		const char	*in;
		const char	*link;
		const char	*canon;
	} cases[] = {
		{ "https://example.org/a", "https://example.org/a",
		    "https://example.org/a" },
		{ "2024/a.html", "https://example.org/news/2024/a.html",
		    "https://example.org/news/2024/a.html" },
		{ "/a?utm_source=rss&id=1#top", "https://example.org/a?"
		    "utm_source=rss&id=1#top", "https://example.org/a?id=1" },
		{ "HTTP://Example.ORG:80/A", "http://Example.ORG:80/A",
		    "http://example.org/A" },
		{ "  https://example.org/b  ", "https://example.org/b",
		    "https://example.org/b" },
		{ "javascript:alert(1)", NULL, NULL },
		{ "javascript://%0aalert(1)", NULL, NULL },
		{ "ftp://example.org/f", NULL, NULL },
		{ "http://exa mple.org/", NULL, NULL },
	};
	struct item_list *l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l = one("t", cases[i].in);
		assert_int_equal(normalize_items(l, FEED, NOW), 0);
		assert_str_or_null(l->head->link, cases[i].link);
		assert_str_or_null(l->head->canon, cases[i].canon);
		item_list_free(l);
	}
}

static void
test_link_file_base(void **state)
{
	struct item_list *l;

	(void)state;
	/* a relative link in a local file stays a file: URL, kept (a demo's
	 * pages link each other), but never from a feed fetched over http */
	l = one("t", "a.html");
	assert_int_equal(normalize_items(l, "file:///srv/demo/x.rss", NOW), 0);
	assert_string_equal(l->head->link, "file:///srv/demo/a.html");
	assert_string_equal(l->head->canon, "file:///srv/demo/a.html");
	item_list_free(l);
	l = one("t", "file:///etc/passwd");
	assert_int_equal(normalize_items(l, "https://example.org/x.rss", NOW),
	    0);
	assert_null(l->head->link);
	assert_null(l->head->canon);
	item_list_free(l);
	l = one("t", "https://example.org/x");
	assert_int_equal(normalize_items(l, "file:///srv/demo/x.rss", NOW), 0);
	assert_string_equal(l->head->link, "https://example.org/x");
	item_list_free(l);
	/* no feed URL at all */
	l = one("t", "rel");
	assert_int_equal(normalize_items(l, NULL, NOW), 0);
	assert_null(l->head->link);
	item_list_free(l);
}

static void
test_id(void **state)
{
	struct item_list *l;

	(void)state;
	l = one("t", NULL);
	assert_int_equal(item_set(&l->head->id, "  urn:x:1 \n"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_string_equal(l->head->id, "urn:x:1");
	item_list_free(l);
	l = one("t", NULL);
	assert_int_equal(item_set(&l->head->id, " \t "), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_null(l->head->id);
	item_list_free(l);
}

static void
test_html_fields(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = one("t", "https://site.example/post/1");
	it = l->head;
	assert_int_equal(item_set(&it->summary,
	    "<p onclick=x>Sum <a href=\"../2\">next</a></p><script>x</script>"),
	    0);
	assert_int_equal(item_set(&it->content,
	    "<img src=\"i.png\" onerror=alert(1)>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	/* relative URLs resolve against the feed's URL, as in RFC 4287 */
	assert_string_equal(it->summary,
	    "<p>Sum <a href=\"https://example.org/2\">next</a></p>");
	item_list_free(l);

	/* no link: against the feed's URL */
	l = one("t", NULL);
	it = l->head;
	assert_int_equal(item_set(&it->content, "<a href=\"x\">x</a>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_string_equal(it->content,
	    "<a href=\"https://example.org/news/x\">x</a>");
	item_list_free(l);
}

static void
test_summary_equal_content(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = one("t", "https://example.org/a");
	it = l->head;
	assert_int_equal(item_set(&it->summary, "<p>Same</p><script>"), 0);
	assert_int_equal(item_set(&it->content, "<P>Same</P>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_null(it->summary);
	assert_string_equal(it->content, "<p>Same</p>");
	item_list_free(l);

	l = one("t", "https://example.org/a");
	it = l->head;
	assert_int_equal(item_set(&it->summary, "<p>Short</p>"), 0);
	assert_int_equal(item_set(&it->content, "<p>Long text</p>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_string_equal(it->summary, "<p>Short</p>");
	assert_string_equal(it->content, "<p>Long text</p>");
	item_list_free(l);

	/* what sanitizes to nothing is no summary */
	l = one("t", "https://example.org/a");
	it = l->head;
	assert_int_equal(item_set(&it->summary, "<script>x</script> \n"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_null(it->summary);
	item_list_free(l);
}

static void
test_html_too_big(void **state)
{
	struct item_list *l;
	char *big;

	(void)state;
	big = malloc(NORMALIZE_MAX_HTML + 2);
	assert_non_null(big);
	memset(big, 'x', NORMALIZE_MAX_HTML + 1);
	big[NORMALIZE_MAX_HTML + 1] = '\0';
	l = one("t", "https://example.org/a");
	l->head->content = big;
	assert_int_equal(item_set(&l->head->summary, "<b>s</b>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_null(l->head->content);
	assert_string_equal(l->head->summary, "<b>s</b>");
	item_list_free(l);
}

static void
test_title_from_summary(void **state)
{
	static const struct {
		const char	*summary;
		const char	*want;
	} cases[] = {
		{ "<p>Short <b>summary</b></p>", "Short summary" },
		/* 100 characters of words: cut at a word, ellipsis */
		{ "The quick brown fox jumps over the lazy dog and keeps "
		    "running through the forest until night falls down",
		    "The quick brown fox jumps over the lazy dog and keeps "
		    "running through the forest\xe2\x80\xa6" },
		/* no spaces (Chinese): cut at 80 characters exactly */
		{ "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe6\x96\xb0\xe9\x97\xbb",
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe4\xb8\x8a\xe6\xb5\xb7\xe4\xb8\x8a\xe6\xb5\xb7"
		    "\xe2\x80\xa6" },
		/* exactly 80 characters: kept whole */
		{ "0123456789012345678901234567890123456789"
		    "0123456789012345678901234567890123456789",
		    "0123456789012345678901234567890123456789"
		    "0123456789012345678901234567890123456789" },
		{ "<script>only script</script>", NULL },
	};
	struct item_list *l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l = one("<br>", "https://example.org/a");
		assert_int_equal(item_set(&l->head->summary,
		    cases[i].summary), 0);
		assert_int_equal(normalize_items(l, FEED, NOW), 0);
		assert_str_or_null(l->head->title, cases[i].want);
		item_list_free(l);
	}
	/* no summary: the content's text */
	l = one(NULL, "https://example.org/a");
	assert_int_equal(item_set(&l->head->content, "<p>From content</p>"),
	    0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_string_equal(l->head->title, "From content");
	item_list_free(l);
}

static void
test_categories(void **state)
{
	static const char *const in[] = {
		" news ", "", "  ", "news", "City\tlife", "City life", "Sport",
		"news", "Lo&#239;c Le Meur", "<b>Bold</b> move", "Q&A",
		"<p></p>",
		"AT&amp;T", "Tricky <Co>",
	};
	/* Escaped twice or HTML: read as HTML text. */
	static const char *const want[] = { "news", "City life", "Sport",
	    "Lo\xc3\xaf" "c Le Meur", "Bold move", "Q&A", "AT&T",
	    "Tricky <Co>" };
	struct item_list *l;
	struct item *it;
	size_t i;

	(void)state;
	l = one("t", NULL);
	it = l->head;
	/* item_add_category dedupes exact copies; build the array by hand */
	it->categories = calloc(sizeof(in) / sizeof(in[0]), sizeof(char *));
	assert_non_null(it->categories);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		it->categories[i] = strdup(in[i]);
		assert_non_null(it->categories[i]);
	}
	it->ncategories = i;
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_int_equal(it->ncategories, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < it->ncategories; i++)
		assert_string_equal(it->categories[i], want[i]);
	item_list_free(l);

	l = one("t", NULL);
	assert_int_equal(item_add_category(l->head, "  "), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_int_equal(l->head->ncategories, 0);
	item_list_free(l);
}

static void
test_dates(void **state)
{
	static const struct {
		time_t	 pub, upd;
		time_t	 want_pub, want_upd;
	} cases[] = {
		{ 0, 0, 0, 0 },
		{ 1000, 0, 1000, 1000 },
		{ 0, 2000, 0, 2000 },	/* published stays unknown */
		{ 1000, 2000, 1000, 2000 },
		{ NOW + 3600, 0, NOW + 3600, NOW + 3600 },
		{ NOW + 86400, 0, NOW + 86400, NOW + 86400 },
		{ NOW + 86401, 0, NOW, NOW },
		{ 1000, NOW + 86400 * 365, 1000, NOW },
		{ NOW + 86400 * 365, 1000, NOW, 1000 },
		{ -5, 0, 0, 0 },
	};
	struct item_list *l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l = one("t", NULL);
		l->head->published = cases[i].pub;
		l->head->updated = cases[i].upd;
		assert_int_equal(normalize_items(l, FEED, NOW), 0);
		/* Each clamp is warned about. */
		assert_int_equal(l->nwarnings, (cases[i].pub > NOW + 86400) +
		    (cases[i].upd > NOW + 86400 && cases[i].upd !=
		    cases[i].pub));
		if (l->head->published != cases[i].want_pub ||
		    l->head->updated != cases[i].want_upd)
			fail_msg("case %zu: got %lld/%lld", i,
			    (long long)l->head->published,
			    (long long)l->head->updated);
		item_list_free(l);
	}
}

/* An item with only the given fields set. */
static struct item *
mk(const char *id, const char *link, const char *title, const char *content)
{
	struct item *it;

	it = item_new();
	assert_non_null(it);
	if (id != NULL)
		assert_int_equal(item_set(&it->id, id), 0);
	if (link != NULL)
		assert_int_equal(item_set(&it->link, link), 0);
	if (title != NULL)
		assert_int_equal(item_set(&it->title, title), 0);
	if (content != NULL)
		assert_int_equal(item_set(&it->content, content), 0);
	return it;
}

static void
test_drop_empty(void **state)
{
	struct item_list *l;
	struct item *it;

	(void)state;
	l = item_list_new();
	assert_non_null(l);
	item_list_append(l, mk(NULL, NULL, " ", NULL));	/* dropped */
	item_list_append(l, mk("a", NULL, NULL, NULL));
	item_list_append(l, mk(" ", "javascript:x", "<p></p>", "<script>"));
	item_list_append(l, mk(NULL, "https://e.org/b", NULL, NULL));
	item_list_append(l, mk(NULL, NULL, "c", NULL));
	item_list_append(l, mk(NULL, NULL, NULL, "<b>d</b>"));
	item_list_append(l, mk(NULL, NULL, NULL, NULL));	/* dropped */
	assert_int_equal(l->count, 7);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_int_equal(l->count, 4);
	it = l->head;
	assert_string_equal(it->id, "a");
	it = it->next;
	assert_string_equal(it->link, "https://e.org/b");
	it = it->next;
	assert_string_equal(it->title, "c");
	it = it->next;
	assert_string_equal(it->content, "<b>d</b>");
	assert_string_equal(it->title, "d");
	assert_null(it->next);
	/* the tail still works after drops at the end */
	assert_ptr_equal(l->tail, &it->next);
	item_list_append(l, mk("e", NULL, NULL, NULL));
	assert_string_equal(it->next->id, "e");
	assert_int_equal(l->count, 5);
	item_list_free(l);

	/* all dropped: an empty, usable list */
	l = item_list_new();
	assert_non_null(l);
	item_list_append(l, mk(NULL, NULL, NULL, NULL));
	item_list_append(l, mk("", "", "", ""));
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_int_equal(l->count, 0);
	assert_null(l->head);
	assert_ptr_equal(l->tail, &l->head);
	item_list_append(l, mk("x", NULL, NULL, NULL));
	assert_ptr_equal(l->head->next, NULL);
	assert_int_equal(l->count, 1);
	item_list_free(l);
}

static void
test_empty_list(void **state)
{
	struct item_list *l;

	(void)state;
	l = item_list_new();
	assert_non_null(l);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_int_equal(l->count, 0);
	assert_null(l->head);
	item_list_free(l);
}

static void
test_idempotent(void **state)
{
	struct item_list *l;
	struct item *it;
	char *title, *content, *canon;

	(void)state;
	l = one("<b>T</b> &amp; co", "/x?utm_medium=a#f");
	it = l->head;
	assert_int_equal(item_set(&it->content,
	    "<p>c <a href=\"y\">y</a></p>"), 0);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	title = strdup(it->title);
	content = strdup(it->content);
	canon = strdup(it->canon);
	assert_int_equal(normalize_items(l, FEED, NOW), 0);
	assert_string_equal(it->title, title);
	assert_string_equal(it->content, content);
	assert_string_equal(it->canon, canon);
	assert_string_equal(it->canon, "https://example.org/x");
	free(title);
	free(content);
	free(canon);
	item_list_free(l);
}

/* An untitled item whose summary grows past every limit when sanitized
 * (each & becomes &amp;) still gets a title, and the source's other items
 * are not lost: normalize_items does not fail. */
static void
test_title_from_huge_summary(void **state)
{
	struct item_list *l = item_list_new();
	struct item *it = item_new(), *ok = item_new();
	char *big;

	(void)state;
	assert_non_null(l);
	big = malloc(450001);
	assert_non_null(big);
	memcpy(big, "Ampersands ", 11);
	memset(big + 11, '&', 450000 - 11);
	big[450000] = '\0';
	it->summary = big;
	assert_int_equal(item_set(&it->link, "http://ex.com/2"), 0);
	assert_int_equal(item_set(&ok->title, "Fine"), 0);
	assert_int_equal(item_set(&ok->link, "http://ex.com/1"), 0);
	item_list_append(l, it);
	item_list_append(l, ok);
	assert_int_equal(normalize_items(l, "http://ex.com/feed", 1700000000),
	    0);
	assert_int_equal(l->count, 2);
	assert_non_null(l->head->title);
	assert_memory_equal(l->head->title, "Ampersands", 10);
	item_list_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_author),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_link_file_base),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_html_fields),
		cmocka_unit_test(test_summary_equal_content),
		cmocka_unit_test(test_html_too_big),
		cmocka_unit_test(test_title_from_summary),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_drop_empty),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_title_from_huge_summary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
