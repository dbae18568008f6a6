/*
 * Listing pages without selectors: the "no selectors" mode of HTML
 * sources. Every element's children are grouped by tag; each group of
 * three or more is scored as a list of articles (one main link per block
 * to its own URL, headline-length link text, a date, a summary, an
 * image), less when it sits in navigation, a footer, a sidebar or a tag
 * cloud, or its links read "Next" or "2". The best groups are then handed
 * to feeds/listfindsel.c to be said as selectors and checked on the page.
 * Every walk is iterative and the work is capped, so a hostile page costs
 * bounded time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/date.h"
#include "feeds/listfind.h"
#include "feeds/listfindsel.h"
#include "feeds/url.h"

#define LISTFIND_MAX_ELEMENTS	300000	/* elements of the page walked */
#define LISTFIND_MAX_WORK	4000000	/* nodes visited inside blocks */
#define LISTFIND_MAX_GROUPS	4000	/* sibling groups scored */
#define LISTFIND_MAX_TAGS	16	/* child tags told apart per parent */
#define LISTFIND_BLOCK_NODES	3000	/* nodes an item block may have */
#define LISTFIND_MIN_SCORE	4.0	/* score of the poorest list taken */
#define LISTFIND_TOP		4	/* best groups tried for selectors */
#define LISTFIND_TEXT		320	/* bytes of link text kept */
#define LISTFIND_TEXT_STOP	4096	/* bytes of text counted, at most */
#define LISTFIND_HEADLINE_MAX	300	/* bytes a headline may have */
#define LISTFIND_DATE_MIN	6	/* bytes of a date's text */
#define LISTFIND_DATE_MAX	64
#define LISTFIND_SUMMARY_MIN	40	/* bytes of a summary's text */
#define LISTFIND_PROSE		60	/* loose text bytes an item may have */
#define LISTFIND_ANCESTORS	64	/* ancestors looked at for noise */
#define LISTFIND_HEADS		8	/* headline URLs told apart per block */

struct listfind_ctx {
	const char		*url;	/* borrows: the page's URL, or NULL */
	char			 host[256]; /* its host, lower case, or "" */
	size_t			 work;	/* nodes visited inside blocks */
	size_t			 groups; /* groups scored */
	double			 best;	/* best score seen, taken or not */
	struct listfindsel_group *top[LISTFIND_TOP]; /* owns: best first */
	struct listfindsel_group *cur;	/* owns: the group being scored */
	struct listfindsel	*sel;	/* owns: writes and checks the
					 * selectors */
};

/* Squeezed text being gathered: white space runs made one space. */
struct listfind_text {
	char	*buf;		/* borrows: size bytes, or NULL */
	size_t	 size;
	size_t	 len;		/* bytes of the squeezed text, even past
				 * size */
	size_t	 stop;		/* stop gathering at this length */
	int	 space;		/* white space since the last byte */
};

/* What is learnt of one block on the way to rating it. */
struct listfind_scan {
	struct listfindsel_block *b;	/* borrows */
	char		 text[LISTFIND_TEXT]; /* the main link's text */
	size_t		 main_len;
	int		 main_head;	/* the main link is in a heading */
	const char	*heads[LISTFIND_HEADS]; /* borrows: headline hrefs */
	size_t		 nheads;
	xmlNodePtr	 time;		/* borrows: first <time>, or NULL */
	size_t		 total;		/* bytes of text in the block */
	size_t		 before;	/* of which before the main link */
	size_t		 date_len;
	size_t		 sum_len;
	int		 big;		/* too many nodes to be an item */
};

/* Elements whose content is never shown; keep sorted. */
static const char *const listfind_hidden_tags[] = {
	"head", "noscript", "script", "select", "style", "template",
};

/* Elements that are never an item block; keep sorted. */
static const char *const listfind_void_tags[] = {
	"area", "br", "col", "hr", "img", "input", "link", "meta", "option",
	"param", "source", "track", "wbr",
};

/* Elements that may hold an item's summary; keep sorted. */
static const char *const listfind_summary_tags[] = {
	"blockquote", "dd", "div", "p", "section", "span", "td",
};

/*
 * Words of tags, class names and ids that mark what is not the list of
 * articles: navigation, page furniture, tag clouds, sidebars. Keep
 * sorted.
 */
static const char *const listfind_noise_words[] = {
	"aside", "banner", "breadcrumb", "breadcrumbs", "cloud", "comment",
	"comments", "crumb", "crumbs", "footer", "header", "masthead", "menu",
	"menubar", "nav", "navbar", "navigation", "pager", "pagination",
	"paging", "popular", "related", "share", "sharing", "sidebar",
	"sitemap", "social", "subnav", "tag", "tagcloud", "tags", "toolbar",
	"topbar", "trending", "widget",
};

/* Link texts of pagination and furniture, lower case; keep sorted
 * (strcmp: ASCII first, then UTF-8). */
static const char *const listfind_stop_words[] = {
	"back", "continue reading", "first", "home", "last", "load more",
	"more", "newer", "newer entries", "newer posts", "next", "next page",
	"older", "older entries", "older posts", "prev", "previous",
	"previous page", "read more", "see all", "see more", "show more",
	"top", "view all", "view more",
	"\xe4\xb8\x8a\xe4\xb8\x80\xe9\xa1\xb5",		/* 上一页 */
	"\xe4\xb8\x8b\xe4\xb8\x80\xe9\xa1\xb5",		/* 下一页 */
	"\xe5\xb0\xbe\xe9\xa1\xb5",			/* 尾页 */
	"\xe6\x9b\xb4\xe5\xa4\x9a",			/* 更多 */
	"\xe9\xa6\x96\xe9\xa1\xb5",			/* 首页 */
};

#define LISTFIND_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* bsearch comparator over the sorted word tables. */
static int
listfind_word_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Whether s is one of the n sorted words of tab. */
static int
listfind_in(const char *s, const char *const *tab, size_t n)
{
	return bsearch(s, tab, n, sizeof(*tab), listfind_word_cmp_cb) != NULL;
}

/* Whether n is an element named name. */
static int
listfind_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
listfind_hidden(xmlNodePtr n)
{
	return n->name != NULL && listfind_in((const char *)n->name,
	    listfind_hidden_tags, LISTFIND_NELEM(listfind_hidden_tags));
}

static int
listfind_is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The node after n in a walk of root's subtree, n's own subtree skipped
 * when skip is set; NULL at the end. */
static xmlNodePtr
listfind_next(xmlNodePtr n, xmlNodePtr root, int skip)
{
	if (!skip && n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Count n nodes of work; whether the budget is spent. */
static int
listfind_spend(struct listfind_ctx *c, size_t n)
{
	c->work += n;
	return c->work > LISTFIND_MAX_WORK;
}

/* Add the bytes of s (at most LISTFIND_TEXT_STOP of them) to t. */
static void
listfind_text_add(struct listfind_text *t, const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i < LISTFIND_TEXT_STOP; i++) {
		if (listfind_is_space((unsigned char)s[i])) {
			t->space = 1;
			continue;
		}
		if (t->space && t->len > 0) {
			if (t->buf != NULL && t->len + 1 < t->size)
				t->buf[t->len] = ' ';
			t->len++;
		}
		t->space = 0;
		if (t->buf != NULL && t->len + 1 < t->size)
			t->buf[t->len] = s[i];
		t->len++;
	}
	if (t->buf != NULL)
		t->buf[t->len < t->size ? t->len : t->size - 1] = '\0';
}

/* Gather the text of n's subtree into t (hidden elements skipped) until
 * t->stop bytes or the work budget. */
static void
listfind_text_of(struct listfind_ctx *c, xmlNodePtr n,
    struct listfind_text *t)
{
	xmlNodePtr k;
	int skip = 0;

	if (t->buf != NULL && t->size > 0)
		t->buf[0] = '\0';
	for (k = n; k != NULL && t->len < t->stop; k = listfind_next(k, n,
	    skip)) {
		skip = 0;
		if (listfind_spend(c, 1))
			return;
		if (k->type == XML_ELEMENT_NODE && listfind_hidden(k))
			skip = 1;
		else if ((k->type == XML_TEXT_NODE ||
		    k->type == XML_CDATA_SECTION_NODE) && k->content != NULL)
			listfind_text_add(t, (const char *)k->content);
	}
}

/* Words of s, where each CJK character counts as one. */
static size_t
listfind_weight(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w = 0;
	int inword = 0;

	for (; *u != '\0'; u++) {
		if (*u >= 0xe3) {		/* U+3000 and up: CJK */
			w++;
			inword = 0;
		} else if (listfind_is_space(*u))
			inword = 0;
		else if ((*u & 0xc0) != 0x80 && !inword) {
			w++;
			inword = 1;
		}
	}
	return w;
}

/* Whether link text s of len bytes reads as a headline, not a menu
 * entry (1 to 3 words) nor a paragraph. */
static int
listfind_headline(const char *s, size_t len)
{
	size_t w;

	if (len > LISTFIND_HEADLINE_MAX)
		return 0;
	w = listfind_weight(s);
	return w >= 4 || (w >= 3 && len >= 20);
}

/* Punctuation that decorates pager links ("Next »", "‹ Prev", "More…"),
 * beside ASCII's; keep sorted. */
static const char *const listfind_puncts[] = {
	"\xc2\xab", "\xc2\xbb", "\xe2\x80\xa6", "\xe2\x80\xb9",
	"\xe2\x80\xba", "\xe2\x86\x90", "\xe2\x86\x92",
};

/* Bytes of the punctuation character (or white space) at s, else 0;
 * with back set, of the one ending at s[n - 1]. */
static size_t
listfind_punct(const char *s, size_t n, int back)
{
	char buf[4];
	unsigned char c;
	size_t k;

	if (n == 0)
		return 0;
	c = (unsigned char)(back ? s[n - 1] : s[0]);
	if (c < 0x80)
		return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'));
	for (k = 2; k <= 3 && k <= n; k++) {
		memcpy(buf, back ? s + n - k : s, k);
		buf[k] = '\0';
		if (listfind_in(buf, listfind_puncts,
		    LISTFIND_NELEM(listfind_puncts)))
			return k;
	}
	return 0;
}

/*
 * Whether link text s is pagination or furniture ("Next »", "2", "Read
 * more"): compared in lower case without surrounding punctuation.
 */
static int
listfind_stopword(const char *s)
{
	char buf[64];
	size_t n = strlen(s), i, k;
	int digits = 1;

	while ((k = listfind_punct(s, n, 0)) > 0) {
		s += k;
		n -= k;
	}
	while ((k = listfind_punct(s, n, 1)) > 0)
		n -= k;
	if (n >= sizeof(buf))
		return 0;
	for (i = 0; i < n; i++) {
		buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 'a' - 'A' :
		    s[i];
		if (s[i] < '0' || s[i] > '9')
			digits = 0;
	}
	buf[n] = '\0';
	return n == 0 || digits || listfind_in(buf, listfind_stop_words,
	    LISTFIND_NELEM(listfind_stop_words));
}

/* Whether href leads to a page (not "#", javascript:, mailto: ...). */
static int
listfind_href_ok(const char *h)
{
	while (listfind_is_space((unsigned char)*h))
		h++;
	return *h != '\0' && *h != '#' && strncasecmp(h, "javascript:", 11) &&
	    strncasecmp(h, "mailto:", 7) && strncasecmp(h, "tel:", 4) &&
	    strncasecmp(h, "data:", 5);
}

/* The host of absolute URL u, lower case, into out ("" if none). */
static void
listfind_host(const char *u, char *out, size_t size)
{
	const char *p, *at;
	size_t n = 0;

	out[0] = '\0';
	if (u == NULL || (p = strstr(u, "://")) == NULL)
		return;
	p += 3;
	for (at = p; *at != '\0' && strchr("/?#", *at) == NULL; at++)
		if (*at == '@')
			p = at + 1;
	for (; p[n] != '\0' && strchr("/?#:", p[n]) == NULL &&
	    n + 1 < size; n++)
		out[n] = (p[n] >= 'A' && p[n] <= 'Z') ? p[n] + 'a' - 'A' :
		    p[n];
	out[n] = '\0';
}

/* Whether x is inside root's subtree (x itself included). */
static int
listfind_contains(xmlNodePtr root, xmlNodePtr x)
{
	for (; x != NULL; x = x->parent)
		if (x == root)
			return 1;
	return 0;
}

/* Whether link a of block root is in a heading or holds one. */
static int
listfind_in_heading(struct listfind_ctx *c, xmlNodePtr a, xmlNodePtr root)
{
	xmlNodePtr n;

	for (n = a; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (listfindsel_heading(n))
			return 1;
		if (n == root)
			break;
	}
	for (n = a; n != NULL; n = listfind_next(n, a, 0))
		if (listfind_spend(c, 1) || listfindsel_heading(n))
			return listfindsel_heading(n);
	return 0;
}

/* Look at link a of the block: a link in a heading, or else the one
 * with the longest text, is the main link; distinct headline URLs are
 * counted. */
static void
listfind_scan_link(struct listfind_ctx *c, struct listfind_scan *s,
    xmlNodePtr a)
{
	char buf[LISTFIND_TEXT];
	struct listfind_text t = { buf, sizeof(buf), 0, LISTFIND_TEXT_STOP,
	    0 };
	const char *href = listfindsel_attr(a, "href");
	size_t i;
	int head;

	if (href == NULL || !listfind_href_ok(href))
		return;
	listfind_text_of(c, a, &t);
	if (listfind_headline(buf, t.len)) {
		for (i = 0; i < s->nheads && i < LISTFIND_HEADS; i++)
			if (strcmp(s->heads[i], href) == 0)
				break;
		if (i == s->nheads) {
			if (i < LISTFIND_HEADS)
				s->heads[i] = href;
			s->nheads++;
		}
	}
	head = t.len > 0 && listfind_in_heading(c, a, s->b->node);
	if (s->b->part[LISTFINDSEL_LINK] == NULL || (head && !s->main_head) ||
	    (head == s->main_head && t.len > s->main_len)) {
		s->b->part[LISTFINDSEL_LINK] = a;
		s->main_len = t.len;
		s->main_head = head;
		memcpy(s->text, buf, sizeof(s->text));
	}
}

/* First pass over a block: its links, first image, first <time>; a
 * block of too many nodes is no item. */
static void
listfind_scan_links(struct listfind_ctx *c, struct listfind_scan *s)
{
	xmlNodePtr root = s->b->node, n;
	const char *src;
	size_t nodes = 0;
	int skip = 0;

	for (n = root; n != NULL; n = listfind_next(n, root, skip)) {
		skip = 0;
		if (++nodes > LISTFIND_BLOCK_NODES || listfind_spend(c, 1)) {
			s->big = 1;
			return;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (listfind_hidden(n))
			skip = 1;
		else if (listfind_is(n, "a"))
			listfind_scan_link(c, s, n);
		else if (listfind_is(n, "img") &&
		    s->b->part[LISTFINDSEL_IMAGE] == NULL &&
		    (src = listfindsel_attr(n, "src")) != NULL && *src != '\0')
			s->b->part[LISTFINDSEL_IMAGE] = n;
		else if (listfind_is(n, "time") && s->time == NULL)
			s->time = n;
	}
}

/* Whether text node k holds a date; then it dates the block. */
static void
listfind_scan_date(struct listfind_scan *s, xmlNodePtr k, const char *buf,
    size_t len)
{
	time_t t;
	size_t i;

	if (s->b->dated || len < LISTFIND_DATE_MIN || len > LISTFIND_DATE_MAX)
		return;
	for (i = 0; buf[i] != '\0' && (buf[i] < '0' || buf[i] > '9'); i++)
		;
	if (buf[i] == '\0' || date_parse(buf, &t) == -1)
		return;
	s->b->dated = 1;
	s->date_len = len;
	if (k->parent != s->b->node)
		s->b->part[LISTFINDSEL_DATE] = k->parent;
}

/* A <time> dates the block when its datetime or its text is a date. */
static void
listfind_scan_time(struct listfind_ctx *c, struct listfind_scan *s)
{
	char buf[LISTFIND_DATE_MAX + 1];
	struct listfind_text t = { buf, sizeof(buf), 0, LISTFIND_TEXT_STOP,
	    0 };
	const char *dt;
	time_t when;

	if (s->time == NULL || s->time == s->b->node)
		return;
	listfind_text_of(c, s->time, &t);
	dt = listfindsel_attr(s->time, "datetime");
	if ((dt != NULL && date_parse(dt, &when) == 0) ||
	    (t.len < sizeof(buf) && date_parse(buf, &when) == 0)) {
		s->b->dated = 1;
		s->b->part[LISTFINDSEL_DATE] = s->time;
		s->date_len = t.len;
	}
}

/* Second pass: the block's text, how much comes before the main link,
 * and a date in a short text outside it. */
static void
listfind_scan_text(struct listfind_ctx *c, struct listfind_scan *s)
{
	char buf[LISTFIND_DATE_MAX + 2];
	xmlNodePtr root = s->b->node, n, main = s->b->part[LISTFINDSEL_LINK];
	int skip = 0, passed = 0;

	listfind_scan_time(c, s);
	for (n = root; n != NULL; n = listfind_next(n, root, skip)) {
		struct listfind_text t = { buf, sizeof(buf), 0,
		    LISTFIND_TEXT_STOP, 0 };

		skip = 0;
		if (listfind_spend(c, 1))
			return;
		if (n == main) {
			passed = skip = 1;
			s->total += s->main_len;
		} else if (n->type == XML_ELEMENT_NODE)
			skip = listfind_hidden(n) ||
			    n == s->b->part[LISTFINDSEL_DATE];
		else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			listfind_text_add(&t, (const char *)n->content);
			s->total += t.len;
			if (!passed)
				s->before += t.len;
			listfind_scan_date(s, n, buf, t.len);
		}
		if (n == s->time && n == s->b->part[LISTFINDSEL_DATE])
			s->total += s->date_len;
	}
}

/* Third pass: the first element of enough text that holds neither the
 * main link, the date nor the image is the summary. */
static void
listfind_scan_summary(struct listfind_ctx *c, struct listfind_scan *s)
{
	xmlNodePtr root = s->b->node, n, *part = s->b->part;
	size_t nodes = 0;
	int skip = 0;

	for (n = root; n != NULL; n = listfind_next(n, root, skip)) {
		struct listfind_text t = { NULL, 0, 0, LISTFIND_SUMMARY_MIN,
		    0 };

		skip = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (listfind_hidden(n) || n == part[LISTFINDSEL_LINK] ||
		    ++nodes > LISTFIND_BLOCK_NODES) {
			skip = 1;
			continue;
		}
		if (n == root || !listfind_in((const char *)n->name,
		    listfind_summary_tags,
		    LISTFIND_NELEM(listfind_summary_tags)) ||
		    listfind_contains(n, part[LISTFINDSEL_LINK]) ||
		    listfind_contains(n, part[LISTFINDSEL_DATE]) ||
		    listfind_contains(n, part[LISTFINDSEL_IMAGE]))
			continue;
		listfind_text_of(c, n, &t);
		if (t.len >= LISTFIND_SUMMARY_MIN) {
			part[LISTFINDSEL_SUMMARY] = n;
			s->sum_len = t.len;
			return;
		}
		skip = 1;	/* what is below has less text still */
	}
}

/* Rate the scanned block: does it read as one article, and how rich. */
static int
listfind_scan_rate(struct listfind_ctx *c, struct listfind_scan *s)
{
	struct listfindsel_block *b = s->b;
	xmlNodePtr a = b->part[LISTFINDSEL_LINK];
	size_t used, rest, loose;
	char host[256];
	int head;

	if (s->big || a == NULL || listfind_stopword(s->text) ||
	    s->nheads > 2)
		return 0;
	head = listfind_headline(s->text, s->main_len);
	used = s->main_len + s->date_len + s->sum_len;
	rest = s->total > used ? s->total - used : 0;
	loose = s->main_len > LISTFIND_PROSE ? s->main_len : LISTFIND_PROSE;
	if (rest > loose && s->before > LISTFIND_PROSE / 3)
		return 0;	/* prose with a link in it */
	if (!head && !(b->dated && listfind_weight(s->text) >= 1))
		return 0;
	b->qualifies = 1;
	b->score = 1.0 + (head ? 1.5 : 0.0) + (b->dated ? 1.0 : 0.0) +
	    (b->part[LISTFINDSEL_SUMMARY] != NULL ? 0.7 : 0.0) +
	    (b->part[LISTFINDSEL_IMAGE] != NULL ? 0.3 : 0.0);
	if (c->url != NULL)
		b->url = url_resolve(c->url, listfindsel_attr(a, "href"));
	if (b->url == NULL && (b->url = strdup(listfindsel_attr(a,
	    "href"))) == NULL)
		return -1;
	listfind_host(b->url, host, sizeof(host));
	if (c->host[0] != '\0' && strcmp(host, c->host) == 0)
		b->score += 0.2;
	return 0;
}

/* Look at block b: its parts, whether it is an article, its score. */
static int
listfind_block_scan(struct listfind_ctx *c, struct listfindsel_block *b)
{
	struct listfind_scan s;

	memset(&s, 0, sizeof(s));
	s.b = b;
	listfind_scan_links(c, &s);
	if (s.big || b->part[LISTFINDSEL_LINK] == NULL)
		return 0;
	listfind_scan_text(c, &s);
	listfind_scan_summary(c, &s);
	return listfind_scan_rate(c, &s);
}

/* Free what the group owns and empty it. */
static void
listfind_group_reset(struct listfindsel_group *g)
{
	size_t i;

	for (i = 0; i < g->nblk; i++)
		free(g->blk[i].url);
	memset(g, 0, sizeof(*g));
}

/* Whether n or its tag, class or id says navigation or furniture. */
static int
listfind_noisy(xmlNodePtr n)
{
	static const char *const attrs[] = { "class", "id" };
	char word[32];
	const char *v;
	size_t i, k;

	if (listfind_in((const char *)n->name, listfind_noise_words,
	    LISTFIND_NELEM(listfind_noise_words)))
		return 1;
	for (i = 0; i < LISTFIND_NELEM(attrs); i++) {
		if ((v = listfindsel_attr(n, attrs[i])) == NULL)
			continue;
		while (*v != '\0') {
			for (k = 0; ((*v >= 'a' && *v <= 'z') || (*v >= 'A' &&
			    *v <= 'Z') || (*v >= '0' && *v <= '9')); v++)
				if (k + 1 < sizeof(word))
					word[k++] = *v | 0x20;
			word[k] = '\0';
			if (k > 0 && (listfind_in(word, listfind_noise_words,
			    LISTFIND_NELEM(listfind_noise_words)) ||
			    (k > 3 && strcmp(word + k - 3, "nav") == 0) ||
			    (k > 4 && strcmp(word + k - 4, "menu") == 0)))
				return 1;
			if (*v != '\0')
				v++;
		}
	}
	return 0;
}

/* How many of n and its ancestors below <body> are noisy. */
static size_t
listfind_noise_hits(xmlNodePtr n)
{
	size_t i, hits = 0;

	for (i = 0; n != NULL && n->type == XML_ELEMENT_NODE &&
	    i < LISTFIND_ANCESTORS && !listfind_is(n, "body") &&
	    !listfind_is(n, "html"); n = n->parent, i++)
		hits += listfind_noisy(n);
	return hits;
}

/* The factor for where the group sits: 1, less when its first block,
 * its parent or their ancestors below <body> are noisy. */
static double
listfind_noise(const struct listfindsel_group *g)
{
	size_t hits;

	hits = listfind_noisy(g->blk[0].node) + listfind_noise_hits(g->parent);
	return hits == 0 ? 1.0 : hits == 1 ? 0.25 : 0.0625;
}

/* log2(x) for x >= 1, straight between powers of two: enough to make a
 * longer list count for more, but not in proportion. */
static double
listfind_log2(double x)
{
	double e = 0.0;

	while (x >= 2.0) {
		x /= 2.0;
		e += 1.0;
	}
	return e + (x - 1.0);
}

/* The share of the articles sampled whose links differ from those of
 * all articles before. */
static double
listfind_distinct(const struct listfindsel_group *g, size_t q)
{
	size_t i, k, same = 0;

	for (i = 0; i < g->nblk; i++) {
		if (!g->blk[i].qualifies)
			continue;
		for (k = 0; k < i; k++)
			if (g->blk[k].qualifies &&
			    strcmp(g->blk[k].url, g->blk[i].url) == 0)
				break;
		if (k < i)
			same++;
	}
	return (double)(q - same) / (double)q;
}

/* Score the group: the mean richness of its blocks, times how many are
 * articles (sub-linearly), their distinct links, and the noise factor. */
static void
listfind_group_rate(struct listfind_ctx *c, struct listfindsel_group *g)
{
	size_t i, q = 0;
	double sum = 0.0, est;

	g->score = 0.0;
	if (g->nblk == 0 || !listfindsel_ident((const char *)g->tag,
	    strlen((const char *)g->tag)))
		return;
	for (i = 0; i < g->nblk; i++)
		if (g->blk[i].qualifies) {
			q++;
			sum += g->blk[i].score;
		}
	if (q < LISTFINDSEL_MIN_BLOCKS || 2 * q < g->nblk)
		return;
	est = (double)q * (double)g->count / (double)g->nblk;
	g->score = sum / (double)g->nblk * listfind_log2(1.0 + est) *
	    listfind_distinct(g, q) * listfind_noise(g);
	if (g->score > c->best)
		c->best = g->score;
}

/* Keep the group just scored among the best ones, in order. */
static void
listfind_keep(struct listfind_ctx *c)
{
	struct listfindsel_group *g = c->cur, *t;
	size_t i;

	if (g->score < LISTFIND_MIN_SCORE ||
	    g->score <= c->top[LISTFIND_TOP - 1]->score)
		return;
	c->cur = c->top[LISTFIND_TOP - 1];
	c->top[LISTFIND_TOP - 1] = g;
	for (i = LISTFIND_TOP - 1; i > 0 &&
	    c->top[i]->score > c->top[i - 1]->score; i--) {
		t = c->top[i];
		c->top[i] = c->top[i - 1];
		c->top[i - 1] = t;
	}
}

/* Score the children of p named tag as a list. -1 on ENOMEM. */
static int
listfind_group_try(struct listfind_ctx *c, xmlNodePtr p, const xmlChar *tag)
{
	struct listfindsel_group *g = c->cur;
	struct listfindsel_block *b;
	xmlNodePtr n;
	size_t total = 0;

	listfind_group_reset(g);
	g->parent = p;
	g->tag = tag;
	for (n = p->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, tag))
			continue;
		total++;
		if (g->nblk == LISTFINDSEL_SAMPLE)
			continue;
		b = &g->blk[g->nblk++];
		b->node = n;
		if (listfind_block_scan(c, b) == -1)
			return -1;
	}
	g->all = total == g->nblk;
	listfindsel_narrow(g);
	g->count = listfindsel_count(g);
	listfind_group_rate(c, g);
	listfind_keep(c);
	return 0;
}

/* Score each group of three or more same-tag children of p. */
static int
listfind_parent(struct listfind_ctx *c, xmlNodePtr p)
{
	const xmlChar *tags[LISTFIND_MAX_TAGS];
	size_t count[LISTFIND_MAX_TAGS], nt = 0, i;
	xmlNodePtr n;

	for (n = p->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->name == NULL ||
		    listfind_hidden(n) || listfind_in((const char *)n->name,
		    listfind_void_tags, LISTFIND_NELEM(listfind_void_tags)))
			continue;
		for (i = 0; i < nt && !xmlStrEqual(tags[i], n->name); i++)
			;
		if (i == nt) {
			if (nt == LISTFIND_MAX_TAGS)
				continue;
			tags[nt] = n->name;
			count[nt++] = 0;
		}
		count[i]++;
	}
	for (i = 0; i < nt; i++) {
		if (count[i] < LISTFINDSEL_MIN_BLOCKS)
			continue;
		if (c->groups++ >= LISTFIND_MAX_GROUPS ||
		    c->work > LISTFIND_MAX_WORK)
			return 0;
		if (listfind_group_try(c, p, tags[i]) == -1)
			return -1;
	}
	return 0;
}

/* The elements of root's subtree, counted no further than max. */
static size_t
listfind_count(xmlNodePtr root, size_t max)
{
	xmlNodePtr n;
	size_t count = 0;

	for (n = root; n != NULL && count <= max; n = listfind_next(n, root,
	    0))
		if (n->type == XML_ELEMENT_NODE)
			count++;
	return count;
}

/* Walk the page's elements, scoring the children of each. */
static int
listfind_walk(struct listfind_ctx *c, xmlNodePtr root)
{
	xmlNodePtr n;
	size_t seen = 0;
	int skip = 0;

	for (n = root; n != NULL; n = listfind_next(n, root, skip)) {
		skip = 0;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (listfind_hidden(n)) {
			skip = 1;
			continue;
		}
		if (++seen > LISTFIND_MAX_ELEMENTS ||
		    c->work > LISTFIND_MAX_WORK ||
		    c->groups >= LISTFIND_MAX_GROUPS)
			break;
		if (listfind_parent(c, n) == -1)
			return -1;
	}
	return 0;
}

/*
 * listfindsel_new's article hook: whether block n, which an items
 * selector picks beside the group, reads as an article too, outside
 * navigation and the like.
 */
static int
listfind_article_cb(void *arg, xmlNodePtr n)
{
	struct listfindsel_block b;
	int ok;

	memset(&b, 0, sizeof(b));
	b.node = n;
	ok = listfind_block_scan(arg, &b) == 0 && b.qualifies &&
	    listfind_noise_hits(n) == 0;
	free(b.url);
	return ok;
}

/* Set up the context for the page doc (root its root element) fetched
 * from url. */
static int
listfind_ctx_init(struct listfind_ctx *c, htmlDocPtr doc, xmlNodePtr root,
    const char *url)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	c->url = url;
	listfind_host(url, c->host, sizeof(c->host));
	if ((c->cur = calloc(1, sizeof(*c->cur))) == NULL)
		return -1;
	for (i = 0; i < LISTFIND_TOP; i++)
		if ((c->top[i] = calloc(1, sizeof(*c->top[i]))) == NULL)
			return -1;
	c->sel = listfindsel_new(doc, listfind_count(root,
	    LISTFINDSEL_BARE_MAX), listfind_article_cb, c);
	return c->sel == NULL ? -1 : 0;
}

static void
listfind_ctx_free(struct listfind_ctx *c)
{
	size_t i;

	if (c->cur != NULL)
		listfind_group_reset(c->cur);
	free(c->cur);
	for (i = 0; i < LISTFIND_TOP; i++) {
		if (c->top[i] != NULL)
			listfind_group_reset(c->top[i]);
		free(c->top[i]);
	}
	listfindsel_free(c->sel);
}

int
listfind_guess(htmlDocPtr doc, const char *url, struct listfind *lf,
    char *err, size_t errlen)
{
	struct listfind_ctx c;
	xmlNodePtr root;
	size_t i;
	int r = 1, found;

	memset(lf, 0, sizeof(*lf));
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		snprintf(err, errlen, "page has no root element");
		return -1;
	}
	if (listfind_ctx_init(&c, doc, root, url) == -1 ||
	    listfind_walk(&c, root) == -1)
		r = -1;
	for (i = 0; r == 1 && i < LISTFIND_TOP &&
	    c.top[i]->score >= LISTFIND_MIN_SCORE; i++)
		if ((r = listfindsel_fill(c.sel, c.top[i], lf)) != 0)
			listfind_clear(lf);
	found = r == 1 && c.top[0]->score >= LISTFIND_MIN_SCORE;
	listfind_ctx_free(&c);
	if (r == -1)
		snprintf(err, errlen, "out of memory");
	else if (found)
		snprintf(err, errlen, "a list of articles was found (score "
		    "%.1f) but no selector picks exactly its blocks", c.best);
	else if (r == 1 && c.best > 0.0)
		snprintf(err, errlen, "no list of articles found: the most "
		    "list-like blocks scored %.1f, under %.1f", c.best,
		    LISTFIND_MIN_SCORE);
	else if (r == 1)
		snprintf(err, errlen, "no list of articles found: no three "
		    "sibling blocks with a headline link each");
	return r == 0 ? 0 : -1;
}

void
listfind_clear(struct listfind *lf)
{
	free(lf->items);
	free(lf->title);
	free(lf->link);
	free(lf->date);
	free(lf->summary);
	free(lf->image);
	memset(lf, 0, sizeof(*lf));
}
