/*
 * HTML from the network, made safe to republish and reduced to plain text.
 * Both work on the tree libxml2's forgiving HTML parser builds from the
 * fragment (no network, no errors printed), walked without recursion so
 * that hostile nesting cannot exhaust the stack. The sanitizer keeps an
 * allow-list of elements (close to feedparser's, measured against its
 * corpus), drops script, style and the like with everything inside, keeps
 * iframes only to a few https players, sandboxed, leaves each attribute to
 * htmlattr (allow-list, URLs, CSS), and writes well-formed XHTML-compatible
 * UTF-8 that a second pass leaves unchanged.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/html.h"
#include "feeds/htmlattr.h"
#include "feeds/strbuf.h"

#define HTML_MAX_DEPTH	64	/* deeper elements are unwrapped */
#define HTML_PASSES	4	/* at most, until the output is stable */
#define HTML_PREFIX	"<html><body>"

enum html_act {
	HTML_UNWRAP,		/* drop the tags, keep what is inside */
	HTML_KEEP,		/* keep the element, filter its attributes */
	HTML_DROP,		/* drop the element and everything inside */
	HTML_FRAME		/* an iframe: kept, empty, if its src is ok */
};

struct html_elem {
	const char	*name;
	enum html_act	 act;
	int		 is_void;	/* written as <x />, no content */
	int		 block;		/* a word boundary in text */
};

/*
 * What becomes of each element; unknown ones are unwrapped, inline.
 * Void elements that are not kept are unwrapped too: they hold nothing
 * but what libxml2 nests in those it does not know as void (<track>).
 * Keep sorted (strcmp; libxml2 gives lower-case names).
 */
static const struct html_elem html_elems[] = {
	{ "a",		HTML_KEEP,	0, 0 },
	{ "abbr",	HTML_KEEP,	0, 0 },
	{ "acronym",	HTML_KEEP,	0, 0 },
	{ "address",	HTML_KEEP,	0, 1 },
	{ "applet",	HTML_DROP,	0, 1 },
	{ "area",	HTML_UNWRAP,	1, 0 },
	{ "article",	HTML_KEEP,	0, 1 },
	{ "aside",	HTML_KEEP,	0, 1 },
	{ "audio",	HTML_KEEP,	0, 1 },
	{ "b",		HTML_KEEP,	0, 0 },
	{ "base",	HTML_UNWRAP,	1, 1 },
	{ "basefont",	HTML_UNWRAP,	1, 0 },
	{ "bdi",	HTML_KEEP,	0, 0 },
	{ "bdo",	HTML_KEEP,	0, 0 },
	{ "bgsound",	HTML_UNWRAP,	1, 0 },
	{ "big",	HTML_KEEP,	0, 0 },
	{ "blockquote",	HTML_KEEP,	0, 1 },
	{ "body",	HTML_UNWRAP,	0, 1 },
	{ "br",		HTML_KEEP,	1, 1 },
	{ "button",	HTML_DROP,	0, 1 },
	{ "canvas",	HTML_UNWRAP,	0, 1 },
	{ "caption",	HTML_KEEP,	0, 1 },
	{ "center",	HTML_KEEP,	0, 1 },
	{ "cite",	HTML_KEEP,	0, 0 },
	{ "code",	HTML_KEEP,	0, 0 },
	{ "col",	HTML_KEEP,	1, 1 },
	{ "colgroup",	HTML_KEEP,	0, 1 },
	{ "datalist",	HTML_DROP,	0, 1 },
	{ "dd",		HTML_KEEP,	0, 1 },
	{ "del",	HTML_KEEP,	0, 0 },
	{ "details",	HTML_KEEP,	0, 1 },
	{ "dfn",	HTML_KEEP,	0, 0 },
	{ "dialog",	HTML_DROP,	0, 1 },
	{ "dir",	HTML_KEEP,	0, 1 },
	{ "div",	HTML_KEEP,	0, 1 },
	{ "dl",		HTML_KEEP,	0, 1 },
	{ "dt",		HTML_KEEP,	0, 1 },
	{ "em",		HTML_KEEP,	0, 0 },
	{ "embed",	HTML_UNWRAP,	0, 1 },	/* libxml2 nests what follows */
	{ "fieldset",	HTML_UNWRAP,	0, 1 },
	{ "figcaption",	HTML_KEEP,	0, 1 },
	{ "figure",	HTML_KEEP,	0, 1 },
	{ "font",	HTML_KEEP,	0, 0 },
	{ "footer",	HTML_KEEP,	0, 1 },
	{ "form",	HTML_DROP,	0, 1 },
	{ "frame",	HTML_DROP,	0, 1 },
	{ "frameset",	HTML_DROP,	0, 1 },
	{ "h1",		HTML_KEEP,	0, 1 },
	{ "h2",		HTML_KEEP,	0, 1 },
	{ "h3",		HTML_KEEP,	0, 1 },
	{ "h4",		HTML_KEEP,	0, 1 },
	{ "h5",		HTML_KEEP,	0, 1 },
	{ "h6",		HTML_KEEP,	0, 1 },
	{ "head",	HTML_DROP,	0, 1 },
	{ "header",	HTML_KEEP,	0, 1 },
	{ "hgroup",	HTML_KEEP,	0, 1 },
	{ "hr",		HTML_KEEP,	1, 1 },
	{ "html",	HTML_UNWRAP,	0, 1 },
	{ "i",		HTML_KEEP,	0, 0 },
	{ "iframe",	HTML_FRAME,	0, 1 },
	{ "ilayer",	HTML_DROP,	0, 1 },
	{ "image",	HTML_DROP,	0, 0 },
	{ "img",	HTML_KEEP,	1, 0 },
	{ "input",	HTML_UNWRAP,	1, 0 },
	{ "ins",	HTML_KEEP,	0, 0 },
	{ "isindex",	HTML_DROP,	0, 1 },
	{ "kbd",	HTML_KEEP,	0, 0 },
	{ "keygen",	HTML_UNWRAP,	1, 0 },
	{ "layer",	HTML_DROP,	0, 1 },
	{ "li",		HTML_KEEP,	0, 1 },
	{ "link",	HTML_UNWRAP,	1, 0 },
	{ "listing",	HTML_DROP,	0, 1 },
	{ "main",	HTML_KEEP,	0, 1 },
	{ "map",	HTML_UNWRAP,	0, 0 },
	{ "mark",	HTML_KEEP,	0, 0 },
	{ "math",	HTML_DROP,	0, 0 },
	{ "meta",	HTML_UNWRAP,	1, 0 },
	{ "nav",	HTML_KEEP,	0, 1 },
	{ "noembed",	HTML_DROP,	0, 1 },
	{ "noframes",	HTML_DROP,	0, 1 },
	{ "noscript",	HTML_DROP,	0, 1 },
	{ "object",	HTML_UNWRAP,	0, 1 },	/* content: the fallback */
	{ "ol",		HTML_KEEP,	0, 1 },
	{ "optgroup",	HTML_DROP,	0, 1 },
	{ "option",	HTML_DROP,	0, 1 },
	{ "output",	HTML_DROP,	0, 0 },
	{ "p",		HTML_KEEP,	0, 1 },
	{ "param",	HTML_UNWRAP,	1, 0 },
	{ "picture",	HTML_UNWRAP,	0, 0 },
	{ "plaintext",	HTML_DROP,	0, 1 },
	{ "portal",	HTML_DROP,	0, 1 },
	{ "pre",	HTML_KEEP,	0, 1 },
	{ "q",		HTML_KEEP,	0, 0 },
	{ "rp",		HTML_KEEP,	0, 0 },
	{ "rt",		HTML_KEEP,	0, 0 },
	{ "ruby",	HTML_KEEP,	0, 0 },
	{ "s",		HTML_KEEP,	0, 0 },
	{ "samp",	HTML_KEEP,	0, 0 },
	{ "script",	HTML_DROP,	0, 1 },
	{ "section",	HTML_KEEP,	0, 1 },
	{ "select",	HTML_DROP,	0, 1 },
	{ "slot",	HTML_DROP,	0, 0 },
	{ "small",	HTML_KEEP,	0, 0 },
	{ "source",	HTML_KEEP,	1, 0 },
	{ "span",	HTML_KEEP,	0, 0 },
	{ "strike",	HTML_KEEP,	0, 0 },
	{ "strong",	HTML_KEEP,	0, 0 },
	{ "style",	HTML_DROP,	0, 1 },
	{ "sub",	HTML_KEEP,	0, 0 },
	{ "summary",	HTML_KEEP,	0, 1 },
	{ "sup",	HTML_KEEP,	0, 0 },
	{ "svg",	HTML_DROP,	0, 0 },
	{ "table",	HTML_KEEP,	0, 1 },
	{ "tbody",	HTML_KEEP,	0, 1 },
	{ "td",		HTML_KEEP,	0, 1 },
	{ "template",	HTML_DROP,	0, 1 },
	{ "textarea",	HTML_DROP,	0, 1 },
	{ "tfoot",	HTML_KEEP,	0, 1 },
	{ "th",		HTML_KEEP,	0, 1 },
	{ "thead",	HTML_KEEP,	0, 1 },
	{ "time",	HTML_KEEP,	0, 0 },
	{ "title",	HTML_DROP,	0, 1 },
	{ "tr",		HTML_KEEP,	0, 1 },
	{ "track",	HTML_UNWRAP,	1, 0 },
	{ "tt",		HTML_KEEP,	0, 0 },
	{ "u",		HTML_KEEP,	0, 0 },
	{ "ul",		HTML_KEEP,	0, 1 },
	{ "var",	HTML_KEEP,	0, 0 },
	{ "video",	HTML_KEEP,	0, 1 },
	{ "wbr",	HTML_KEEP,	1, 0 },
	{ "xml",	HTML_DROP,	0, 1 },
	{ "xmp",	HTML_DROP,	0, 1 },
};

/*
 * Which start tags make libxml2 close the open element (the one on top of
 * its stack) when it reads them, among the elements the sanitizer keeps:
 * a pass whose output never puts a tag inside an element that tag closes
 * reads back as the same tree. Measured on libxml2 2.9.14 (test_html
 * checks every pair). Keep sorted (strcmp on open).
 */
static const struct html_close {
	const char	*open;
	const char	*by;		/* " name name ... " */
} html_closes[] = {
	{ "a",		" a table td th " },
	{ "address",	" dd dl dt li ul " },
	{ "b",		" center p td th " },
	{ "big",	" p " },
	{ "caption",	" col colgroup tbody tfoot thead tr " },
	{ "colgroup",	" colgroup tbody tfoot thead tr " },
	{ "dd",		" dt " },
	{ "dir",	" dd dl dt ul " },
	{ "dl",		" li " },
	{ "dt",		" dd dl " },
	{ "font",	" center td th " },
	{ "h1",		" li p table " },
	{ "h2",		" li p table " },
	{ "h3",		" li p table " },
	{ "h4",		" li p table " },
	{ "h5",		" li p table " },
	{ "h6",		" li p table " },
	{ "i",		" center p td th " },
	{ "li",		" li " },
	{ "ol",		" ul " },
	{ "p",		" address blockquote caption center col colgroup dd"
			" dir div dl dt h1 h2 h3 h4 h5 h6 hr li ol p pre table"
			" tbody td tfoot th tr ul " },
	{ "pre",	" dd dl dt li table ul " },
	{ "s",		" p " },
	{ "small",	" p " },
	{ "span",	" td th " },
	{ "strike",	" p " },
	{ "tbody",	" tbody tfoot " },
	{ "td",		" tbody td tfoot th tr " },
	{ "tfoot",	" tbody " },
	{ "th",		" tbody td tfoot th tr " },
	{ "thead",	" tbody tfoot " },
	{ "tr",		" tbody tfoot tr " },
	{ "tt",		" p " },
	{ "u",		" p td th " },
	{ "ul",		" address ol pre " },
};

/*
 * A pass's output and the kept elements it has open; stable stays 1 while
 * no tag written would make libxml2 reshape the tree on a second pass.
 */
struct html_out {
	struct strbuf		 b;
	const char		*open[HTML_MAX_DEPTH + 1];	/* borrows */
	int			 nopen;
	int			 stable;
};

/* bsearch comparator over html_elems. */
static int
html_elem_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_elem *)elem)->name);
}

static const struct html_elem *
html_elem_find(const xmlNode *n)
{
	if (n->name == NULL)
		return NULL;
	return bsearch(n->name, html_elems,
	    sizeof(html_elems) / sizeof(html_elems[0]), sizeof(html_elems[0]),
	    html_elem_cmp_cb);
}

/* What the sanitizer does with element n at depth. */
static enum html_act
html_action(const xmlNode *n, int depth)
{
	const struct html_elem *e;

	if ((e = html_elem_find(n)) == NULL)
		return HTML_UNWRAP;
	if (e->act == HTML_KEEP && depth > HTML_MAX_DEPTH)
		return HTML_UNWRAP;
	return e->act;
}

/* bsearch comparator over html_closes. */
static int
html_close_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_close *)elem)->open);
}

/*
 * Note a kept element written inside the open ones: the output stops being
 * stable when libxml2 would close the innermost one on reading its tag.
 */
static void
html_out_open(struct html_out *o, const char *name, int is_void)
{
	const size_t max = sizeof(o->open) / sizeof(o->open[0]);
	const struct html_close *c;
	const char *p;
	size_t n = strlen(name);

	if ((size_t)o->nopen > max)
		o->stable = 0;
	else if (o->nopen > 0 && (c = bsearch(o->open[o->nopen - 1],
	    html_closes, sizeof(html_closes) / sizeof(html_closes[0]),
	    sizeof(html_closes[0]), html_close_cmp_cb)) != NULL)
		for (p = c->by; (p = strstr(p + 1, name)) != NULL; )
			if (p[-1] == ' ' && p[n] == ' ')
				o->stable = 0;
	if (is_void)
		return;
	if ((size_t)o->nopen < max)
		o->open[o->nopen] = name;
	o->nopen++;
}

size_t
html_utf8_next(const unsigned char *p, const unsigned char *end,
    unsigned int *cp)
{
	size_t n, i;
	unsigned int c = p[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* 1 when code point c may appear in an XML 1.0 document. */
static int
html_xml_char(unsigned int c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	return c != 0xfffe && c != 0xffff;
}

/*
 * The C1 controls U+0080..U+009F as windows-1252 reads those bytes: what a
 * feed meant by "&#146;" or by cp1252 bytes mislabelled Latin-1 (HTML's
 * numeric character reference rules do the same). 0 where 1252 has none.
 */
static const unsigned short html_c1_table[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

unsigned int
html_c1(unsigned int c)
{
	return html_c1_table[c - 0x80];
}

/*
 * Append s[0..n) to b: invalid UTF-8 becomes U+FFFD, characters XML
 * cannot carry are dropped, C1 controls read as windows-1252, and with
 * escape set & < > " are escaped.
 */
/* html_c1(c) in UTF-8 in buf ("" where there is none). */
static const char *
html_c1_utf8(unsigned int c, char buf[4])
{
	unsigned int cp = html_c1(c);

	if (cp == 0)
		buf[0] = '\0';
	else if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		buf[2] = '\0';
	} else {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		buf[3] = '\0';
	}
	return buf;
}

static void
html_put_text(struct strbuf *b, const char *s, size_t n, int escape)
{
	char c1[4];
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const unsigned char *run = p;
	const char *rep;
	unsigned int c;
	size_t len;

	while (p < end) {
		/* printable ASCII is written as it is: most text is */
		if (*p >= 0x20 && *p < 0x7f && (!escape || (*p != '&' &&
		    *p != '<' && *p != '>' && *p != '"'))) {
			p++;
			continue;
		}
		len = html_utf8_next(p, end, &c);
		rep = NULL;
		if (len == 0)
			rep = "\xef\xbf\xbd";
		else if (!html_xml_char(c))
			rep = "";
		else if (c >= 0x80 && c <= 0x9f)
			rep = html_c1_utf8(c, c1);
		else if (escape && c == '&')
			rep = "&amp;";
		else if (escape && c == '<')
			rep = "&lt;";
		else if (escape && c == '>')
			rep = "&gt;";
		else if (escape && c == '"')
			rep = "&quot;";
		if (rep == NULL) {
			p += len;
			continue;
		}
		strbuf_add(b, (const char *)run, p - run);
		strbuf_str(b, rep);
		p += len ? len : 1;
		run = p;
	}
	strbuf_add(b, (const char *)run, p - run);
}

/* Parse fragment (already valid UTF-8) as the content of a body. */
static htmlDocPtr
html_parse(const char *fragment, size_t len)
{
	struct strbuf in = STRBUF_INIT;
	htmlDocPtr doc;

	/* a second pass reads output that URLs may have made longer */
	if (len > (size_t)INT_MAX - sizeof(HTML_PREFIX))
		return NULL;
	/* libxml2 checks attributes for duplicates in quadratic time: a
	 * fragment with a tag of thousands is dropped, not parsed. */
	if (html_tag_attrs_max(fragment, len, HTML_MAX_ATTRS + 1, NULL) >
	    HTML_MAX_ATTRS)
		len = 0;
	strbuf_str(&in, HTML_PREFIX);
	strbuf_add(&in, fragment, len);
	if (in.err)
		return NULL;
	doc = htmlReadMemory(in.s, (int)in.len, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER | HTML_PARSE_NODEFDTD |
	    /* Without it libxml2 stops at depth 256 and silently drops the
	     * rest; the input is already bounded by max, and the tree is
	     * walked without recursion. */
	    XML_PARSE_HUGE);
	free(in.s);
	return doc;
}

/* A clean UTF-8 copy of html, or NULL when it is over max or on ENOMEM. */
static char *
html_clean_input(const char *html, size_t max, size_t *lenp)
{
	struct strbuf b = STRBUF_INIT;
	size_t len;

	if (html == NULL || (len = strlen(html)) > max)
		return NULL;
	html_put_text(&b, html, len, 0);
	if ((*lenp = b.len) > (size_t)INT_MAX - sizeof(HTML_PREFIX)) {
		free(b.s);
		return NULL;
	}
	return strbuf_take(&b);
}

/*
 * The next node of a depth-first walk from n, not entering n's children
 * unless descend; on the way up, leave(ctx, parent, depth) is called for
 * each element left. *depth follows the walk.
 */
static xmlNode *
html_walk_next(xmlNode *n, int descend, int *depth,
    void (*leave)(void *, xmlNode *, int), void *ctx)
{
	if (descend && n->children != NULL) {
		(*depth)++;
		return n->children;
	}
	while (n->next == NULL) {
		n = n->parent;
		if (n == NULL || n->type == XML_DOCUMENT_NODE ||
		    n->type == XML_HTML_DOCUMENT_NODE)
			return NULL;
		(*depth)--;
		leave(ctx, n, *depth);
	}
	return n->next;
}

/* Write the allow-listed attributes of n, each at most once. */
static void
html_put_attrs(struct strbuf *b, xmlNode *n, const char *base)
{
	const char *elem = (const char *)n->name;
	unsigned char seen[HTMLATTR_MAX];
	xmlAttr *attr;
	xmlChar *v;
	char *out;
	int i;

	memset(seen, 0, sizeof(seen));
	for (attr = n->properties; attr != NULL; attr = attr->next) {
		if (attr->name == NULL || attr->ns != NULL)
			continue;
		if ((i = htmlattr_find(elem, (const char *)attr->name)) == -1 ||
		    seen[i])
			continue;
		if ((v = xmlNodeGetContent((xmlNode *)attr)) == NULL)
			continue;
		out = htmlattr_value(i, elem, (const char *)v, base);
		xmlFree(v);
		if (out == NULL)
			continue;
		seen[i] = 1;
		strbuf_str(b, " ");
		strbuf_str(b, (const char *)attr->name);
		strbuf_str(b, "=\"");
		html_put_text(b, out, strlen(out), 1);
		strbuf_str(b, "\"");
		free(out);
	}
}

/* 1 when iframe n has a src that htmlattr lets it load. */
static int
html_frame_ok(xmlNode *n, const char *base)
{
	xmlChar *src;
	int ok;

	if ((src = xmlGetNoNsProp(n, (const xmlChar *)"src")) == NULL)
		return 0;
	ok = htmlattr_frame_ok((const char *)src, base);
	xmlFree(src);
	return ok;
}

/* Walk callback: close a kept element on the way up. */
static void
html_sanitize_leave_cb(void *ctx, xmlNode *n, int depth)
{
	struct html_out *o = ctx;
	struct strbuf *b = &o->b;
	const struct html_elem *e;

	if (n->type != XML_ELEMENT_NODE ||
	    html_action(n, depth) != HTML_KEEP)
		return;
	e = html_elem_find(n);
	if (e->is_void)
		return;
	strbuf_str(b, "</");
	strbuf_str(b, e->name);
	strbuf_str(b, ">");
	o->nopen--;
}

/*
 * Write element n's start tag if kept; 1 when its children are wanted.
 * A void element's children (libxml2 nests what follows an element it
 * does not know as void, such as <source>) are written after it.
 */
static int
html_sanitize_enter(struct html_out *o, xmlNode *n, int depth,
    const char *base)
{
	struct strbuf *b = &o->b;
	const struct html_elem *e;

	switch (html_action(n, depth)) {
	case HTML_DROP:
		return 0;
	case HTML_UNWRAP:
		return 1;
	case HTML_FRAME:
		if (!html_frame_ok(n, base))
			return 1;
		break;
	case HTML_KEEP:
		break;
	}
	e = html_elem_find(n);
	html_out_open(o, e->name, e->is_void || e->act == HTML_FRAME);
	strbuf_str(b, "<");
	strbuf_str(b, e->name);
	html_put_attrs(b, n, base);
	if (e->act == HTML_FRAME) {
		/* its content is never shown where iframes work: dropped */
		strbuf_str(b, " sandbox=\"" HTMLATTR_FRAME_SANDBOX
		    "\"></iframe>");
		return 0;
	}
	if (e->is_void) {
		strbuf_str(b, " />");
		return 1;
	}
	strbuf_str(b, ">");
	if (n->children == NULL)
		html_sanitize_leave_cb(o, n, depth);
	return 1;
}

/*
 * One sanitizing pass over clean UTF-8 in[0..len): the kept tree, written.
 * *stable is set when a second pass would read back the same tree.
 */
static char *
html_sanitize_pass(const char *in, size_t len, const char *base,
    int *stable)
{
	struct html_out o;
	htmlDocPtr doc;
	xmlNode *n;
	int depth = 0, descend;

	if ((doc = html_parse(in, len)) == NULL)
		return NULL;
	memset(&o, 0, sizeof(o));
	o.stable = 1;
	for (n = doc->children; n != NULL; n = html_walk_next(n, descend,
	    &depth, html_sanitize_leave_cb, &o)) {
		descend = 0;
		if (n->type == XML_ELEMENT_NODE)
			descend = html_sanitize_enter(&o, n, depth, base);
		else if (n->type == XML_TEXT_NODE && n->content != NULL)
			html_put_text(&o.b, (const char *)n->content,
			    strlen((const char *)n->content), 1);
	}
	xmlFreeDoc(doc);
	*stable = o.stable;
	return strbuf_take(&o.b);
}

/*
 * Passes are repeated until the output is stable, so that sanitizing
 * sanitized HTML changes nothing: libxml2 reshapes some trees it built
 * itself (a <td> left inside a <b>, what follows a <wbr>) once they are
 * written and read again. Two passes suffice in practice; output that puts
 * no tag where libxml2 would close an open element is stable after one.
 */
char *
html_sanitize(const char *html, const char *base, size_t max)
{
	char *in, *out, *again;
	size_t len;
	int pass, stable;

	if ((in = html_clean_input(html, max, &len)) == NULL)
		return NULL;
	if (strpbrk(in, "<&") == NULL) {
		/* plain text: libxml2 would give it back as it is */
		struct strbuf b = STRBUF_INIT;

		html_put_text(&b, in, len, 1);
		free(in);
		return strbuf_take(&b);
	}
	out = html_sanitize_pass(in, len, base, &stable);
	free(in);
	for (pass = 1; pass < HTML_PASSES && out != NULL && !stable &&
	    strchr(out, '<') != NULL; pass++) {
		if ((again = html_sanitize_pass(out, strlen(out),
		    base, &stable)) == NULL || strcmp(again, out) == 0) {
			free(out);
			return again;
		}
		free(out);
		out = again;
	}
	return out;
}

/* Walk callback: a block element ends a word. */
static void
html_text_leave_cb(void *ctx, xmlNode *n, int depth)
{
	const struct html_elem *e;

	(void)depth;
	if (n->type == XML_ELEMENT_NODE && (e = html_elem_find(n)) != NULL &&
	    e->block)
		strbuf_str(ctx, " ");
}

/* The text of a parsed fragment, dropped elements left out. */
static void
html_text_walk(struct strbuf *b, htmlDocPtr doc)
{
	const struct html_elem *e;
	xmlNode *n;
	int depth = 0, descend;

	for (n = doc->children; n != NULL;
	    n = html_walk_next(n, descend, &depth, html_text_leave_cb, b)) {
		descend = 0;
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			html_put_text(b, (const char *)n->content,
			    strlen((const char *)n->content), 0);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		e = html_elem_find(n);
		if (e != NULL && e->act == HTML_DROP)
			continue;
		if (e != NULL && e->block)
			strbuf_str(b, " ");
		descend = 1;
	}
}

char *
html_to_text(const char *html, size_t max)
{
	struct strbuf b = STRBUF_INIT;
	htmlDocPtr doc;
	char *in, *out;
	size_t len;

	if ((in = html_clean_input(html, max, &len)) == NULL)
		return NULL;
	if (strchr(in, '<') == NULL && strchr(in, '&') == NULL) {
		html_squeeze(in);
		return in;
	}
	doc = html_parse(in, len);
	free(in);
	if (doc == NULL)
		return NULL;
	html_text_walk(&b, doc);
	xmlFreeDoc(doc);
	if ((out = strbuf_take(&b)) != NULL)
		html_squeeze(out);
	return out;
}

/* A name that is not NUL-terminated, as html_text_flags looks it up. */
struct html_name {
	const char	*s;		/* borrows */
	size_t		 len;
};

/* bsearch comparator over html_elems, for a struct html_name key. */
static int
html_elem_ncmp_cb(const void *key, const void *elem)
{
	const struct html_name *k = key;
	const char *name = ((const struct html_elem *)elem)->name;
	size_t i;

	for (i = 0; i < k->len && name[i] != '\0'; i++)
		if (k->s[i] != name[i])
			return (unsigned char)k->s[i] - (unsigned char)name[i];
	if (i < k->len)
		return 1;
	return name[i] == '\0' ? 0 : -1;
}

int
html_text_flags(const char *name, size_t len)
{
	const struct html_elem *e;
	struct html_name k;
	int flags = 0;

	k.s = name;
	k.len = len;
	if (len == 0 || (e = bsearch(&k, html_elems,
	    sizeof(html_elems) / sizeof(html_elems[0]), sizeof(html_elems[0]),
	    html_elem_ncmp_cb)) == NULL)
		return 0;
	if (e->block)
		flags |= HTML_TEXT_BLOCK;
	if (e->act == HTML_DROP)
		flags |= HTML_TEXT_DROP;
	return flags;
}

size_t
html_space_len(const char *p)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0)
		return 2;
	if ((unsigned char)p[0] == 0xe3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80)
		return 3;
	return 0;
}

void
html_squeeze(char *s)
{
	char *r = s, *w = s;
	size_t n;
	int space = 0;

	if (s == NULL)
		return;
	while (*r != '\0') {
		if ((n = html_space_len(r)) > 0) {
			space = 1;
			r += n;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r++;
	}
	*w = '\0';
}

int
html_looks_like(const char *s)
{
	const char *p, *q;
	char name[16];
	size_t n;

	for (p = s; (p = strpbrk(p, "&<")) != NULL; p++) {
		if (*p == '&') {
			for (q = p + 1; isalnum((unsigned char)*q) || *q == '#';
			    q++)
				continue;
			if (q > p + 1 && *q == ';')
				return 1;
			continue;
		}
		q = p + 1 + (p[1] == '/');
		for (n = 0; n < sizeof(name) - 1 &&
		    isalnum((unsigned char)q[n]); n++)
			name[n] = (char)tolower((unsigned char)q[n]);
		name[n] = '\0';
		if (n > 0 && n < sizeof(name) - 1 && (q[n] == '>' ||
		    q[n] == '/' || q[n] == ' ' || q[n] == '\t' ||
		    q[n] == '\n') && htmlTagLookup(BAD_CAST name) != NULL)
			return 1;
	}
	return 0;
}

/* Where the construct opened at p ends (after close), or end. */
static const char *
html_skip_to(const char *p, const char *end, const char *close)
{
	size_t cl = strlen(close);

	for (; p + cl <= end; p++)
		if (*p == close[0] && memcmp(p, close, cl) == 0)
			return p + cl;
	return end;
}

/* The attributes of the start tag at p (after '<'), up to cap. */
static size_t
html_tag_attrs(const char **pp, const char *end, size_t cap)
{
	const char *p = *pp;
	size_t count = 0;
	char quote = 0;
	int space = 0;

	for (; p < end; p++) {
		if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			break;
		} else if (*p == ' ' || *p == '\t' || *p == '\n' ||
		    *p == '\r' || *p == '\f') {
			space = 1;
		} else {
			if (space && *p != '/' && *p != '=' && count < cap)
				count++;
			space = 0;
		}
	}
	*pp = p;
	return count;
}

size_t
html_tag_attrs_max(const char *s, size_t n, size_t cap, size_t *at)
{
	const char *p = s, *end = s + n, *tag;
	size_t max = 0, c;

	if (at != NULL)
		*at = 0;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL && max < cap) {
		tag = p++;
		if (end - p >= 3 && memcmp(p, "!--", 3) == 0)
			p = html_skip_to(p + 3, end, "-->");
		else if (end - p >= 8 && memcmp(p, "![CDATA[", 8) == 0)
			p = html_skip_to(p + 8, end, "]]>");
		else if (p < end && (*p == '?' || *p == '!'))
			p = html_skip_to(p, end, ">");
		else if (p < end && isalpha((unsigned char)*p) &&
		    (c = html_tag_attrs(&p, end, cap)) > max) {
			max = c;
			if (at != NULL)
				*at = (size_t)(tag - s);
		}
		if (p >= end)
			break;
	}
	return max;
}
