/*
 * Article pages: the main content of one news page. The page is parsed
 * once by libxml2's forgiving HTML parser; its metadata is read first
 * (feeds/articlemeta.c), then navigation, ads, share bars, comments and
 * other boilerplate are removed, text blocks are scored by length, commas
 * and link density (the design of Mozilla's readability), the
 * best-scoring container and its worthy siblings are taken, cleaned once
 * more, and written out as sanitized HTML and as plain text. Every walk
 * over the tree is iterative, so hostile nesting cannot exhaust the stack.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "feeds/article.h"
#include "feeds/articlemeta.h"
#include "feeds/html.h"
#include "feeds/htmldoc.h"
#include "feeds/url.h"

#define ARTICLE_MIN_TEXT	25	/* characters of a scored block */
#define ARTICLE_MIN_ARTICLE	80	/* characters of an article */
#define ARTICLE_TOP		5	/* candidates kept for the climb */
#define ARTICLE_RETRY		500	/* characters: shorter, try again */

/* What the tree walk knows of each element (on its _private). */
struct article_node {
	size_t	 text;		/* characters below, white space folded */
	size_t	 links;		/* of which inside <a> */
	size_t	 commas;	/* commas below */
	size_t	 itext;		/* characters not under a block child */
	size_t	 icommas;	/* commas not under a block child */
	unsigned paras;		/* <p> below */
	unsigned imgs;		/* <img> below */
	unsigned lis;		/* <li> below */
	unsigned inputs;	/* <input> below */
	unsigned embeds;	/* <iframe>, <embed>, <object>, <video> */
	int	 block;		/* has a block child */
	int	 scored;	/* is a candidate */
	double	 score;
};

struct article_ctx {
	htmlDocPtr		 doc;		/* owns */
	struct article_node	*nodes;		/* owns: one per element */
	struct articlemeta	*meta;		/* owns */
	const char		*url;		/* borrows */
	char			*base;		/* owns: resolved base URL */
	xmlNode			*keep[256];	/* borrows: nodes taken */
	size_t			 nkeep;
};

struct article_buf {
	char	*s;		/* owns */
	size_t	 len, cap;
	int	 err;
	int	 brk;		/* 0 none, 1 space, 2 line, 3 paragraph */
};

/* Elements that make a paragraph break (keep sorted). */
static const char *const article_blocks[] = {
	"address", "article", "aside", "blockquote", "center", "dd", "details",
	"dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
	"header", "hgroup", "hr", "img", "li", "main", "menu", "nav", "ol",
	"p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
	"thead", "tr", "ul"
};

/* Elements removed with all they hold before scoring (keep sorted). */
static const char *const article_drops[] = {
	"aside", "button", "canvas", "dialog", "embed", "footer",
	"frame", "frameset", "iframe", "input", "link", "math", "meta",
	"nav", "noscript", "object", "script", "select", "style", "svg",
	"template", "textarea"
};

/* Roles of boilerplate (keep sorted). */
static const char *const article_roles[] = {
	"alert", "alertdialog", "banner", "complementary", "contentinfo",
	"dialog", "menu", "menubar", "navigation", "search"
};

/* Class or id words of boilerplate, removed before scoring. */
static const char *const article_unlikely_words[] = {
	"-ad-", "ad-break", "advert", "agegate", "banner", "breadcrumb",
	"combx", "comment", "community", "cookie", "cover-wrap", "disqus",
	"extra", "footer", "gdpr", "header", "legends", "menu", "modal",
	"navbar", "newsletter", "outbrain", "pager", "pagination", "popup",
	"promo", "related", "remark", "replies", "rss", "share", "shoutbox",
	"sidebar", "skyscraper", "social", "sponsor", "subscribe",
	"supplemental", "taboola", "yom-remote", NULL
};

/* Class or id words that save an unlikely-looking element. */
static const char *const article_maybe[] = {
	"and", "article", "body", "column", "content", "entry", "main",
	"post", "shadow", "story", "text", NULL
};

/* Class or id words that lower a block's score. */
static const char *const article_negative[] = {
	"-ad-", "banner", "byline", "caption", "combx", "comment", "com-",
	"contact", "credit", "footer", "gdpr", "masthead", "media", "meta",
	"outbrain", "promo", "related", "scroll", "share", "shoutbox",
	"sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget",
	NULL
};

/* Class or id words that raise a block's score. */
static const char *const article_positive[] = {
	"article", "blog", "body", "content", "entry", "hentry", "h-entry",
	"main", "page", "post", "story", "text", NULL
};
/* bsearch over a sorted table of strings. */
static int
article_str_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}
static int
article_in(const char *name, const char *const *tab, size_t n)
{
	return bsearch(name, tab, n, sizeof(*tab), article_str_cmp_cb) != NULL;
}

#define ARTICLE_IN(name, tab) \
	article_in((const char *)(name), (tab), sizeof(tab) / sizeof(*(tab)))

static int
article_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
article_is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && ARTICLE_IN(n->name,
	    article_blocks);
}

static struct article_node *
article_node(const xmlNode *n)
{
	return n != NULL && n->type == XML_ELEMENT_NODE ? n->_private : NULL;
}

/* 1 when the lower-cased s holds one of the words (s may be NULL). */
static int
article_words(const char *s, const char *const *words)
{
	if (s == NULL)
		return 0;
	for (; *words != NULL; words++)
		if (strstr(s, *words) != NULL)
			return 1;
	return 0;
}

/* The class weight of readability: +-25 per attribute. */
static int
article_weight(const xmlNode *n)
{
	const char *attrs[] = { "class", "id" };
	char buf[512];
	const char *v;
	size_t i, j;
	int w = 0;

	for (i = 0; i < 2; i++) {
		if ((v = htmldoc_attr(n, attrs[i])) == NULL || *v == '\0')
			continue;
		for (j = 0; v[j] != '\0' && j < sizeof(buf) - 1; j++)
			buf[j] = tolower((unsigned char)v[j]);
		buf[j] = '\0';
		if (article_words(buf, article_negative))
			w -= 25;
		if (article_words(buf, article_positive))
			w += 25;
	}
	return w;
}


static double
article_link_density(const struct article_node *s)
{
	return s->text > 0 ? (double)s->links / (double)s->text : 0;
}

/* 1 when n is never content: scripts, styles, controls, hidden. */
static int
article_invisible(xmlNode *n)
{
	const char *v;

	if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE)
		return 1;
	if (n->type != XML_ELEMENT_NODE)
		return 0;
	if (ARTICLE_IN(n->name, article_drops) ||
	    htmldoc_attr(n, "hidden") != NULL)
		return 1;
	if ((v = htmldoc_attr(n, "aria-hidden")) != NULL &&
	    strcmp(v, "true") == 0)
		return 1;
	return (v = htmldoc_attr(n, "style")) != NULL &&
	    (strstr(v, "display:none") != NULL ||
	    strstr(v, "display: none") != NULL);
}

/* 1 when element n is boilerplate by its tag, role, class or id. */
static int
article_unlikely(xmlNode *n)
{
	static const char *const tags[] = { "aside", "footer", "header",
	    "nav" };
	const char *v;
	char buf[512];

	if (ARTICLE_IN(n->name, tags))
		return 1;
	if ((v = htmldoc_attr(n, "role")) != NULL && ARTICLE_IN(v,
	    article_roles))
		return 1;
	if (article_is(n, "body") || article_is(n, "html") ||
	    article_is(n, "article") || article_is(n, "main") ||
	    article_is(n, "a"))
		return 0;
	htmldoc_classid(n, buf, sizeof(buf));
	return article_words(buf, article_unlikely_words) &&
	    !article_words(buf, article_maybe);
}

/* Remove n from the tree; return the node the walk goes on with. */
static xmlNode *
article_remove(xmlNode *n, xmlNode *root)
{
	xmlNode *next = htmldoc_next(n, root, 0);

	xmlUnlinkNode(n);
	xmlFreeNode(n);
	return next;
}

/* Remove what is never content from the page. */
static void
article_strip(xmlNode *root)
{
	xmlNode *n = root;

	while (n != NULL)
		n = article_invisible(n) ? article_remove(n, root) :
		    htmldoc_next(n, root, 1);
}

/*
 * Remove navigation, comments, share bars and the like: elements that
 * look unlikely, unless they hold most of the page's text (some pages
 * put the whole article in a <header> or a "wrapper-header" div).
 */
static void
article_strip_unlikely(xmlNode *root)
{
	const struct article_node *r = article_node(root), *s;
	xmlNode *n = root;

	while (n != NULL) {
		if ((s = article_node(n)) != NULL && article_unlikely(n) &&
		    (s->text * 2 < r->text || article_link_density(s) > 0.5))
			n = article_remove(n, root);
		else
			n = htmldoc_next(n, root, 1);
	}
}

/* Characters of UTF-8 text s, runs of white space counted as one. */
static void
article_count(const unsigned char *s, size_t *chars, size_t *commas)
{
	int sp = 0;

	for (; *s != '\0'; s++) {
		if (isspace(*s)) {
			if (!sp)
				(*chars)++;
			sp = 1;
			continue;
		}
		sp = 0;
		if ((*s & 0xc0) != 0x80)
			(*chars)++;
		if (*s == ',')
			(*commas)++;
		/* U+FF0C and U+3001, the CJK commas */
		if (*s == 0xef && s[1] == 0xbc && s[2] == 0x8c)
			(*commas)++;
		if (*s == 0xe3 && s[1] == 0x80 && s[2] == 0x81)
			(*commas)++;
	}
}

/* Add child element e's figures to its parent's p as e is left. */
static void
article_leave(xmlNode *e)
{
	struct article_node *s = e->_private, *p = article_node(e->parent);
	const char *name = (const char *)e->name;

	if (strcmp(name, "a") == 0)
		s->links = s->text;
	if (p == NULL)
		return;
	p->text += s->text;
	p->links += s->links;
	p->commas += s->commas;
	p->paras += s->paras + (strcmp(name, "p") == 0);
	p->imgs += s->imgs + (strcmp(name, "img") == 0);
	p->lis += s->lis + (strcmp(name, "li") == 0);
	p->inputs += s->inputs + (strcmp(name, "input") == 0);
	p->embeds += s->embeds + (strcmp(name, "iframe") == 0 ||
	    strcmp(name, "embed") == 0 || strcmp(name, "object") == 0 ||
	    strcmp(name, "video") == 0);
	if (article_is_block(e))
		p->block = 1;
	else {
		p->itext += s->itext;
		p->icommas += s->icommas;
	}
}

/* Give every element its figures, bottom-up; the count of elements. */
static int
article_measure(struct article_ctx *c, xmlNode *root)
{
	struct article_node *s;
	xmlNode *n;
	size_t count = 0, i = 0;

	for (n = root; n != NULL; n = htmldoc_next(n, root, 1))
		count += n->type == XML_ELEMENT_NODE;
	free(c->nodes);
	if ((c->nodes = calloc(count + 1, sizeof(*c->nodes))) == NULL)
		return -1;
	for (n = root; n != NULL; n = htmldoc_next(n, root, 1))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = &c->nodes[i++];
	n = root;
	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE || n->type ==
		    XML_CDATA_SECTION_NODE) && n->content != NULL &&
		    (s = article_node(n->parent)) != NULL) {
			size_t ch = 0, cm = 0;

			article_count(n->content, &ch, &cm);
			s->text += ch;
			s->itext += ch;
			s->commas += cm;
			s->icommas += cm;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			article_leave(n);
		while (n != root && n->next == NULL) {
			n = n->parent;
			article_leave(n);
		}
		n = n == root ? NULL : n->next;
	}
	return 0;
}

/* Make e a candidate with its starting score, by tag and class. */
static struct article_node *
article_candidate(xmlNode *e)
{
	static const char *const plus5[] = { "div", NULL };
	static const char *const plus3[] = { "blockquote", "pre", "td",
	    NULL };
	static const char *const minus3[] = { "address", "dd", "dl", "dt",
	    "form", "li", "ol", "ul", NULL };
	static const char *const minus5[] = { "h1", "h2", "h3", "h4", "h5",
	    "h6", "th", NULL };
	struct article_node *s = article_node(e);
	const char *const *w;

	if (s == NULL || s->scored)
		return s;
	s->scored = 1;
	for (w = plus5; *w != NULL; w++)
		if (article_is(e, *w))
			s->score = 5;
	for (w = plus3; *w != NULL; w++)
		if (article_is(e, *w))
			s->score = 3;
	for (w = minus3; *w != NULL; w++)
		if (article_is(e, *w))
			s->score = -3;
	for (w = minus5; *w != NULL; w++)
		if (article_is(e, *w))
			s->score = -5;
	s->score += article_weight(e);
	return s;
}

/* Score one block of text: its own container first, then up to five
 * ancestors, less and less. */
static void
article_score_block(xmlNode *first, size_t text, size_t commas)
{
	struct article_node *s;
	double score;
	xmlNode *a;
	int level;

	if (text < ARTICLE_MIN_TEXT)
		return;
	score = 1 + (double)commas + (double)(text / 100 < 3 ? text / 100 : 3);
	for (a = first, level = 0; a != NULL && level < 5 &&
	    a->type == XML_ELEMENT_NODE && a->parent != NULL &&
	    a->parent->type == XML_ELEMENT_NODE; a = a->parent, level++) {
		if ((s = article_candidate(a)) == NULL)
			break;
		s->score += score / (level == 0 ? 1 : level == 1 ? 2 :
		    level * 3);
	}
}

/* Score every paragraph-like block of the page. */
static void
article_score(xmlNode *root)
{
	static const char *const paras[] = { "h2", "h3", "h4", "h5", "h6",
	    "p", "pre", "td" };
	static const char *const divs[] = { "article", "div", "main",
	    "section" };
	struct article_node *s;
	xmlNode *n;

	for (n = root; n != NULL; n = htmldoc_next(n, root, 1)) {
		if ((s = article_node(n)) == NULL)
			continue;
		if (ARTICLE_IN(n->name, paras) ||
		    (ARTICLE_IN(n->name, divs) && !s->block))
			article_score_block(n->parent, s->text, s->commas);
		else if (ARTICLE_IN(n->name, divs))
			/* the loose text of a div: a paragraph of its own */
			article_score_block(n, s->itext, s->icommas);
	}
}

/* 1 when a is an ancestor of (or is) n. */
static int
article_contains(const xmlNode *a, const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* The best candidate, and the next ARTICLE_TOP - 1 in top[]. */
static xmlNode *
article_best(xmlNode *root, xmlNode **top)
{
	struct article_node *s;
	xmlNode *n;
	size_t i, j;

	for (n = root; n != NULL; n = htmldoc_next(n, root, 1)) {
		if ((s = article_node(n)) == NULL || !s->scored)
			continue;
		s->score *= 1 - article_link_density(s);
		for (i = 0; i < ARTICLE_TOP; i++) {
			if (top[i] != NULL && article_node(top[i])->score >=
			    s->score)
				continue;
			for (j = ARTICLE_TOP - 1; j > i; j--)
				top[j] = top[j - 1];
			top[i] = n;
			break;
		}
	}
	return top[0];
}

/* Where several near-best candidates share an ancestor, take it; then
 * climb while the parent scores better, and past lone children. */
static xmlNode *
article_climb(xmlNode **top)
{
	xmlNode *best = top[0], *a, *p;
	double last = article_node(best)->score;
	struct article_node *s;
	size_t i, alts, shared;

	for (i = 1, alts = 0; i < ARTICLE_TOP && top[i] != NULL; i++)
		alts += article_node(top[i])->score >= 0.75 * last;
	for (a = best->parent; alts >= 3 && article_node(a) != NULL &&
	    !article_is(a, "body"); a = a->parent) {
		for (i = 1, shared = 0; i < ARTICLE_TOP && top[i] != NULL; i++)
			shared += article_node(top[i])->score >= 0.75 * last &&
			    article_contains(a, top[i]);
		if (shared >= 3) {
			best = a;
			break;
		}
	}
	for (p = best->parent; (s = article_node(p)) != NULL &&
	    !article_is(p, "body"); p = p->parent) {
		if (!s->scored)
			continue;
		if (s->score < last / 3)
			break;
		if (s->score > last) {
			best = p;
			break;
		}
		last = s->score;
	}
	while ((p = best->parent) != NULL && article_node(p) != NULL &&
	    !article_is(p, "body") && xmlChildElementCount(p) == 1)
		best = p;
	return best;
}

/* 1 when sibling n of the best candidate belongs to the article. */
static int
article_sibling_ok(xmlNode *best, xmlNode *n)
{
	struct article_node *s = article_node(n), *b = article_node(best);
	const char *bc = htmldoc_attr(best, "class"), *nc;
	double bonus = 0, threshold;
	xmlChar *t;
	int ok;

	threshold = b->score * 0.2 > 10 ? b->score * 0.2 : 10;
	nc = htmldoc_attr(n, "class");
	if (bc != NULL && nc != NULL && *bc != '\0' && strcmp(bc, nc) == 0)
		bonus = b->score * 0.2;
	if (s->scored && s->score + bonus >= threshold)
		return 1;
	if (!article_is(n, "p"))
		return 0;
	if (s->text > 80)
		return article_link_density(s) < 0.25;
	if (s->text == 0 || s->links > 0 || (t = xmlNodeGetContent(n)) ==
	    NULL)
		return 0;
	ok = strstr((const char *)t, ". ") != NULL ||
	    (t[0] != '\0' && t[strlen((const char *)t) - 1] == '.');
	xmlFree(t);
	return ok;
}

/* The nodes that make the article: the best candidate and siblings. */
static void
article_take(struct article_ctx *c, xmlNode *best)
{
	xmlNode *n;

	c->nkeep = 0;
	if (best->parent == NULL || article_node(best->parent) == NULL) {
		c->keep[c->nkeep++] = best;
		return;
	}
	for (n = best->parent->children; n != NULL; n = n->next) {
		if (c->nkeep == sizeof(c->keep) / sizeof(*c->keep))
			break;
		if (n == best || (article_node(n) != NULL &&
		    article_sibling_ok(best, n)))
			c->keep[c->nkeep++] = n;
	}
}

/* 1 when container e, inside the article, looks like boilerplate. */
static int
article_junk(xmlNode *e)
{
	static const char *const conds[] = { "div", "dl", "fieldset", "form",
	    "ol", "section", "table", "ul" };
	struct article_node *s = article_node(e);
	double ld = article_link_density(s);
	int w = article_weight(e), list;

	if (article_is(e, "h1"))
		return 1;
	if (e->name[0] == 'h' && e->name[1] >= '2' && e->name[1] <= '6' &&
	    e->name[2] == '\0')
		return w < 0 || ld > 0.33;
	if (!ARTICLE_IN(e->name, conds))
		return 0;
	if (w + (s->scored ? s->score : 0) < 0)
		return 1;
	if (s->commas >= 10)
		return 0;
	list = article_is(e, "ul") || article_is(e, "ol");
	return (s->imgs > 1 && (double)s->paras / s->imgs < 0.5) ||
	    (!list && s->lis > s->paras + 100) ||
	    (s->inputs > s->paras / 3) ||
	    (s->text < ARTICLE_MIN_TEXT && (s->imgs == 0 || s->imgs > 2) &&
	    !article_is(e, "table")) ||
	    (w < 25 && ld > 0.2) || (w >= 25 && ld > 0.5) ||
	    ((s->embeds == 1 && s->text < 75) || s->embeds > 1);
}

/* Remove what looks like boilerplate from inside the taken nodes. */
static void
article_tidy(struct article_ctx *c)
{
	xmlNode *n, *root;
	size_t i;

	for (i = 0; i < c->nkeep; i++) {
		root = c->keep[i];
		if (root->type != XML_ELEMENT_NODE || root->children == NULL)
			continue;
		n = root->children;
		while (n != NULL) {
			if (n->type == XML_ELEMENT_NODE && article_junk(n))
				n = article_remove(n, root);
			else
				n = htmldoc_next(n, root, 1);
		}
	}
}

static void
article_buf_add(struct article_buf *b, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (b->err)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->err = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append text, white space folded, after any pending break. */
static void
article_text_put(struct article_buf *b, const unsigned char *s)
{
	static const char *const brks[] = { "", " ", "\n", "\n\n" };

	for (; *s != '\0'; s++) {
		if (isspace(*s)) {
			if (b->brk < 1)
				b->brk = 1;
			continue;
		}
		if (b->len > 0 && b->brk > 0)
			article_buf_add(b, brks[b->brk], strlen(brks[b->brk]));
		b->brk = 0;
		article_buf_add(b, (const char *)s, 1);
	}
}

/* Break the text before and after a block, at a <br>. */
static void
article_text_edge(struct article_buf *b, const xmlNode *n)
{
	if (article_is(n, "br") && b->brk < 2)
		b->brk = 2;
	else if (article_is_block(n))
		b->brk = 3;
}

/* The plain text of the taken nodes, one paragraph per block. */
static char *
article_text(struct article_ctx *c)
{
	struct article_buf b = { NULL, 0, 0, 0, 3 };
	xmlNode *n, *root;
	size_t i;

	for (i = 0; i < c->nkeep; i++) {
		root = n = c->keep[i];
		b.brk = 3;
		while (n != NULL) {
			if (n->type == XML_TEXT_NODE ||
			    n->type == XML_CDATA_SECTION_NODE)
				article_text_put(&b, n->content);
			article_text_edge(&b, n);
			if (n->type == XML_ELEMENT_NODE &&
			    n->children != NULL) {
				n = n->children;
				continue;
			}
			while (n != root && n->next == NULL) {
				n = n->parent;
				article_text_edge(&b, n);
			}
			n = n == root ? NULL : n->next;
		}
	}
	if (b.err) {
		free(b.s);
		return NULL;
	}
	return b.s != NULL ? b.s : strdup("");
}

/* Append s escaped for HTML text. */
static void
article_buf_esc(struct article_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '<')
			article_buf_add(b, "&lt;", 4);
		else if (s[i] == '>')
			article_buf_add(b, "&gt;", 4);
		else if (s[i] == '&')
			article_buf_add(b, "&amp;", 5);
		else
			article_buf_add(b, s + i, 1);
	}
}

/* Content and text from JSON-LD's plain articleBody, one <p> a line. */
static int
article_from_body(struct article_ctx *c, struct article *a)
{
	struct article_buf h = { NULL, 0, 0, 0, 0 };
	struct article_buf t = { NULL, 0, 0, 0, 0 };
	const char *p = articlemeta_body(c->meta), *e;
	char *line;

	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if ((line = strndup(p, e - p)) == NULL) {
			h.err = 1;
			break;
		}
		html_squeeze(line);
		if (*line != '\0') {
			article_buf_add(&h, "<p>", 3);
			article_buf_esc(&h, line, strlen(line));
			article_buf_add(&h, "</p>", 4);
			if (t.len > 0)
				article_buf_add(&t, "\n\n", 2);
			article_buf_add(&t, line, strlen(line));
		}
		free(line);
	}
	if (h.err || t.err || h.s == NULL || t.s == NULL) {
		free(h.s);
		free(t.s);
		return -1;
	}
	a->content = html_sanitize(h.s, c->base, h.len + 1);
	a->text = t.s;
	free(h.s);
	return a->content != NULL ? 0 : -1;
}

/* The sanitized HTML of the taken nodes. */
static char *
article_html(struct article_ctx *c)
{
	xmlBufferPtr buf;
	char *out;
	size_t i;

	if ((buf = xmlBufferCreate()) == NULL)
		return NULL;
	for (i = 0; i < c->nkeep; i++)
		if (htmlNodeDump(buf, c->doc, c->keep[i]) < 0) {
			xmlBufferFree(buf);
			return NULL;
		}
	out = html_sanitize((const char *)xmlBufferContent(buf), c->base,
	    (size_t)xmlBufferLength(buf) + 1);
	xmlBufferFree(buf);
	return out;
}

/* The outermost [itemprop=articleBody] of some substance, or NULL. */
static xmlNode *
article_marked(xmlNode *root)
{
	struct article_node *s;
	const char *v;
	xmlNode *n;

	for (n = root; n != NULL; n = htmldoc_next(n, root, 1)) {
		if ((s = article_node(n)) == NULL ||
		    (v = htmldoc_attr(n, "itemprop")) == NULL ||
		    strstr(v, "articleBody") == NULL)
			continue;
		if (s->text >= 250 && article_link_density(s) < 0.3)
			return n;
	}
	return NULL;
}

/* Find, take and tidy the main content; -1 when there is none. Only
 * when strict are unlikely-looking elements removed first. */
static int
article_content(struct article_ctx *c, struct article *a, xmlNode *root,
    int strict)
{
	xmlNode *top[ARTICLE_TOP] = { NULL };
	xmlNode *best;
	size_t body;

	article_strip(root);
	if (article_measure(c, root) == -1)
		return -1;
	if (strict) {
		article_strip_unlikely(root);
		if (article_measure(c, root) == -1)
			return -1;
	}
	article_score(root);
	(void)article_best(root, top);	/* also applies link density */
	if ((best = article_marked(root)) != NULL) {
		c->keep[0] = best;
		c->nkeep = 1;
	} else if (top[0] != NULL)
		article_take(c, article_climb(top));
	article_tidy(c);
	if (c->nkeep > 0 && (a->text = article_text(c)) == NULL)
		return -1;
	body = articlemeta_body(c->meta) != NULL ?
	    strlen(articlemeta_body(c->meta)) : 0;
	if (body >= 500 && (a->text == NULL || strlen(a->text) < body / 2)) {
		free(a->text);
		a->text = NULL;
		return article_from_body(c, a);
	}
	if (a->text == NULL || strlen(a->text) < ARTICLE_MIN_ARTICLE)
		return -1;
	return (a->content = article_html(c)) != NULL ? 0 : -1;
}

/*
 * Try again on a fresh parse without removing unlikely-looking elements,
 * as readability does when the first result is too short; keep the
 * longer. rc is the first attempt's.
 */
static int
article_retry(struct article_ctx *c, struct article *a, const char *html,
    size_t len, int rc)
{
	struct article b;
	char err[8];

	memset(&b, 0, sizeof(b));
	xmlFreeDoc(c->doc);
	c->nkeep = 0;
	if ((c->doc = htmldoc_parse(html, len, err, sizeof(err))) == NULL ||
	    article_content(c, &b, xmlDocGetRootElement(c->doc), 0) == -1) {
		article_clear(&b);
		return rc;
	}
	if (rc == 0 && strlen(a->text) >= strlen(b.text)) {
		article_clear(&b);
		return 0;
	}
	article_clear(a);
	*a = b;
	return 0;
}

/*
 * The first image of the sanitized content (absolute already), the lead
 * image of a page that names none in its metadata; NULL when none.
 */
static char *
article_first_image(const char *content)
{
	const char *p, *q, *r;
	char *s, *w;

	if (content == NULL || (p = strstr(content, "<img ")) == NULL)
		return NULL;
	q = strchr(p, '>');
	if ((p = strstr(p, " src=\"")) == NULL || (q != NULL && p > q))
		return NULL;
	p += 6;
	if ((q = strchr(p, '"')) == NULL || q == p ||
	    (s = strndup(p, (size_t)(q - p))) == NULL)
		return NULL;
	/* the sanitizer escapes only '&' and '"' in URLs */
	for (r = w = s; *r != '\0'; w++)
		if (strncmp(r, "&amp;", 5) == 0) {
			*w = '&';
			r += 5;
		} else if (strncmp(r, "&quot;", 6) == 0) {
			*w = '"';
			r += 6;
		} else
			*w = *r++;
	*w = '\0';
	return s;
}

int
article_extract(const char *html, size_t len, const char *url,
    struct article *a, char *err, size_t errlen)
{
	struct article_ctx c;
	const char *base;
	xmlNode *root;
	int rc = -1;

	memset(a, 0, sizeof(*a));
	memset(&c, 0, sizeof(c));
	if ((c.doc = htmldoc_parse(html, len, err, errlen)) == NULL)
		return -1;
	c.url = url;
	root = xmlDocGetRootElement(c.doc);
	if ((c.meta = articlemeta_read(root)) == NULL) {
		snprintf(err, errlen, "out of memory");
		xmlFreeDoc(c.doc);
		return -1;
	}
	if ((base = articlemeta_base(c.meta)) != NULL)
		c.base = url_resolve(url, base);
	if (c.base == NULL && url != NULL)
		c.base = strdup(url);
	if ((rc = article_content(&c, a, root, 1)) == -1 ||
	    strlen(a->text) < ARTICLE_RETRY)
		rc = article_retry(&c, a, html, len, rc);
	if (rc == 0) {
		articlemeta_fill(c.meta, c.base, a);
		if (a->image == NULL)
			a->image = article_first_image(a->content);
	}
	else {
		snprintf(err, errlen, "no article found in the page");
		article_clear(a);
	}
	articlemeta_free(c.meta);
	free(c.base);
	free(c.nodes);
	xmlFreeDoc(c.doc);
	return rc;
}

void
article_clear(struct article *a)
{
	free(a->title);
	free(a->author);
	free(a->image);
	free(a->canonical);
	free(a->content);
	free(a->text);
	memset(a, 0, sizeof(*a));
}
