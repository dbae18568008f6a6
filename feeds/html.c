/*
 * HTML from the network, made safe to republish and reduced to plain text.
 * Both read the events of libxml2's forgiving HTML parser (no network, no
 * errors printed) as they come, building no tree and never recursing, so
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
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>

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
 * A reader of the parse of a fragment: the elements open in it, one entry
 * each (the entry of html_elems, NULL for an unknown one), kept in step
 * with the parser's own stack, and what the mode does with each event.
 * enter returns 0 when the element's content is to be left out.
 */
struct html_reader {
	const struct html_elem	**elems;	/* owns the array */
	size_t			 nelems;
	size_t			 cap;
	int			 skip;		/* depth of the element whose
						 * content is left out, or -1 */
	int			 err;		/* ENOMEM */
	int			(*enter)(struct html_reader *,
				    const struct html_elem *,
				    const xmlChar **atts, int depth);
	void			(*leave)(struct html_reader *,
				    const struct html_elem *, int depth);
	void			(*text)(struct html_reader *, const char *,
				    size_t);
};

/*
 * A sanitizing pass: its output and the kept elements it has open (stable
 * stays 1 while no tag written would make libxml2 reshape the tree on a
 * second pass).
 */
struct html_out {
	struct html_reader	 r;		/* first: a reader is an out */
	struct strbuf		 b;
	const char		*open[HTML_MAX_DEPTH + 1];	/* borrows */
	int			 nopen;
	int			 stable;
	const char		*base;		/* borrows: for URLs */
};

/* The text of a fragment, dropped elements left out. */
struct html_text {
	struct html_reader	 r;		/* first, as in html_out */
	struct strbuf		 b;
};

/* bsearch comparator over html_elems. */
static int
html_elem_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_elem *)elem)->name);
}

static const struct html_elem *
html_elem_find(const xmlChar *name)
{
	if (name == NULL)
		return NULL;
	return bsearch(name, html_elems,
	    sizeof(html_elems) / sizeof(html_elems[0]), sizeof(html_elems[0]),
	    html_elem_cmp_cb);
}

/* What the sanitizer does with element e (NULL: unknown) at depth. */
static enum html_act
html_action(const struct html_elem *e, int depth)
{
	if (e == NULL)
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

/* Leave the innermost element open in r's parse. */
static void
html_reader_pop(struct html_reader *r)
{
	int depth = (int)--r->nelems;

	if (r->skip == depth)
		r->skip = -1;
	else if (r->skip < 0)
		r->leave(r, r->elems[depth], depth);
}

/*
 * Catch up with the parser's stack of open elements, which holds n: it
 * closes an element without telling (a start tag cut off by the end of
 * the input), where the tree it would build has the element end.
 */
static void
html_reader_sync(struct html_reader *r, int n)
{
	while (n >= 0 && r->nelems > (size_t)n)
		html_reader_pop(r);
}

/*
 * The name the tree would give element name: libxml2 splits a prefix off
 * even in HTML ("rdf:li" is an li).
 */
static const struct html_elem *
html_reader_elem(htmlParserCtxtPtr pc, const xmlChar *name)
{
	const struct html_elem *e;
	xmlChar *prefix = NULL, *local;

	if (name == NULL || strchr((const char *)name, ':') == NULL)
		return html_elem_find(name);
	local = xmlSplitQName(pc, name, &prefix);
	e = html_elem_find(local != NULL ? local : name);
	xmlFree(local);
	xmlFree(prefix);
	return e;
}

/* SAX startElement (libxml2 has pushed the name before telling). */
static void
html_start_cb(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	htmlParserCtxtPtr pc = ctx;
	struct html_reader *r = pc->_private;
	const struct html_elem **grown, *e;
	size_t cap;
	int depth;

	html_reader_sync(r, pc->nameNr - 1);
	if (r->err)
		return;
	if (r->nelems == r->cap) {
		cap = r->cap != 0 ? r->cap * 2 : 64;
		if ((grown = reallocarray(r->elems, cap,
		    sizeof(*grown))) == NULL) {
			r->err = 1;
			xmlStopParser(pc);
			return;
		}
		r->elems = grown;
		r->cap = cap;
	}
	e = html_reader_elem(pc, name);
	depth = (int)r->nelems;
	r->elems[r->nelems++] = e;
	if (r->skip < 0 && !r->enter(r, e, atts, depth))
		r->skip = depth;
}

/* SAX endElement: always of the innermost open element. */
static void
html_end_cb(void *ctx, const xmlChar *name)
{
	htmlParserCtxtPtr pc = ctx;
	struct html_reader *r = pc->_private;

	(void)name;
	html_reader_sync(r, pc->nameNr);
	if (r->nelems > 0)
		html_reader_pop(r);
}

/* SAX characters (the tree keeps no text outside an element). */
static void
html_text_cb(void *ctx, const xmlChar *s, int len)
{
	htmlParserCtxtPtr pc = ctx;
	struct html_reader *r = pc->_private;

	html_reader_sync(r, pc->nameNr);
	if (r->skip < 0 && r->nelems > 0)
		r->text(r, (const char *)s, (size_t)len);
}

/* SAX events left out: CDATA (script and style), ignorable white space. */
static void
html_ignore_cb(void *ctx, const xmlChar *s, int len)
{
	(void)ctx;
	(void)s;
	(void)len;
}

static const htmlSAXHandler html_sax = {
	.startElement = html_start_cb,
	.endElement = html_end_cb,
	.characters = html_text_cb,
	.cdataBlock = html_ignore_cb,
	.ignorableWhitespace = html_ignore_cb,
	.initialized = 1,
};

/*
 * Parse fragment (already valid UTF-8) as the content of a body, telling
 * r what it holds: htmlReadMemory's parse without its tree. The events
 * are those the tree would be built from (libxml2's HTML parser consults
 * its tree only to tell ignorable white space, which it hands to
 * characters() either way as blanks are kept). -1 on error.
 */
static int
html_parse(const char *fragment, size_t len, struct html_reader *r)
{
	struct strbuf in = STRBUF_INIT;
	xmlCharEncodingHandlerPtr utf8;
	htmlParserCtxtPtr pc;

	r->skip = -1;
	/* a second pass reads output that URLs may have made longer */
	if (len > (size_t)INT_MAX - sizeof(HTML_PREFIX))
		return -1;
	/* libxml2 checks attributes for duplicates in quadratic time: a
	 * fragment with a tag of thousands is dropped, not parsed. */
	if (html_tag_attrs_max(fragment, len, HTML_MAX_ATTRS + 1, NULL) >
	    HTML_MAX_ATTRS)
		len = 0;
	strbuf_str(&in, HTML_PREFIX);
	strbuf_add(&in, fragment, len);
	if (in.err)
		return -1;
	pc = xmlCreateMemoryParserCtxt(in.s, (int)in.len);
	free(in.s);
	if (pc == NULL)
		return -1;
	memcpy(pc->sax, &html_sax, sizeof(xmlSAXHandlerV1));
	pc->_private = r;
	htmlCtxtUseOptions(pc,
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_RECOVER | HTML_PARSE_NODEFDTD |
	    /* Without it libxml2 stops at depth 256 and silently drops the
	     * rest; the input is already bounded by max, and nothing here
	     * recurses. */
	    XML_PARSE_HUGE);
	pc->html = 1;
	/* UTF-8, and declared so: a <meta charset> inside cannot switch */
	if ((utf8 = xmlFindCharEncodingHandler("UTF-8")) != NULL) {
		xmlSwitchToEncoding(pc, utf8);
		xmlFree((xmlChar *)pc->input->encoding);
		pc->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
	}
	htmlParseDocument(pc);
	html_reader_sync(r, 0);
	if (pc->myDoc != NULL)
		xmlFreeDoc(pc->myDoc);
	xmlFreeParserCtxt(pc);
	free(r->elems);
	r->elems = NULL;
	return r->err ? -1 : 0;
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

/* The value of attribute pair a as the tree would hold it. */
static const char *
html_attr_value(const xmlChar *const *a)
{
	if (a[1] != NULL)
		return (const char *)a[1];
	/* a bare boolean attribute stands for its name, others for "" */
	return htmlIsBooleanAttr(a[0]) ? (const char *)a[0] : "";
}

/* Write the allow-listed attributes of element elem, each at most once. */
static void
html_put_attrs(struct strbuf *b, const char *elem, const xmlChar **atts,
    const char *base)
{
	unsigned char seen[HTMLATTR_MAX];
	const xmlChar **a;
	char *out;
	int i;

	memset(seen, 0, sizeof(seen));
	for (a = atts; a != NULL && a[0] != NULL; a += 2) {
		if ((i = htmlattr_find(elem, (const char *)a[0])) == -1 ||
		    seen[i])
			continue;
		if ((out = htmlattr_value(i, elem, html_attr_value(a),
		    base)) == NULL)
			continue;
		seen[i] = 1;
		strbuf_str(b, " ");
		strbuf_str(b, (const char *)a[0]);
		strbuf_str(b, "=\"");
		html_put_text(b, out, strlen(out), 1);
		strbuf_str(b, "\"");
		free(out);
	}
}

/* 1 when an iframe with atts has a src that htmlattr lets it load. */
static int
html_frame_ok(const xmlChar **atts, const char *base)
{
	const xmlChar **a;

	for (a = atts; a != NULL && a[0] != NULL; a += 2)
		if (xmlStrEqual(a[0], BAD_CAST "src"))
			return htmlattr_frame_ok(html_attr_value(a), base);
	return 0;
}

/*
 * Write the start tag of element e at depth if kept; 1 when its content
 * is wanted. A void element's content (libxml2 nests what follows an
 * element it does not know as void, such as <source>) is written after it.
 */
static int
html_sanitize_enter(struct html_reader *r, const struct html_elem *e,
    const xmlChar **atts, int depth)
{
	struct html_out *o = (struct html_out *)r;
	struct strbuf *b = &o->b;

	switch (html_action(e, depth)) {
	case HTML_DROP:
		return 0;
	case HTML_UNWRAP:
		return 1;
	case HTML_FRAME:
		if (!html_frame_ok(atts, o->base))
			return 1;
		break;
	case HTML_KEEP:
		break;
	}
	html_out_open(o, e->name, e->is_void || e->act == HTML_FRAME);
	strbuf_str(b, "<");
	strbuf_str(b, e->name);
	html_put_attrs(b, e->name, atts, o->base);
	if (e->act == HTML_FRAME) {
		/* its content is never shown where iframes work: dropped */
		strbuf_str(b, " sandbox=\"" HTMLATTR_FRAME_SANDBOX
		    "\"></iframe>");
		return 0;
	}
	strbuf_str(b, e->is_void ? " />" : ">");
	return 1;
}

/* Close a kept element. */
static void
html_sanitize_leave(struct html_reader *r, const struct html_elem *e,
    int depth)
{
	struct html_out *o = (struct html_out *)r;

	if (html_action(e, depth) != HTML_KEEP || e->is_void)
		return;
	strbuf_str(&o->b, "</");
	strbuf_str(&o->b, e->name);
	strbuf_str(&o->b, ">");
	o->nopen--;
}

static void
html_sanitize_text(struct html_reader *r, const char *s, size_t n)
{
	html_put_text(&((struct html_out *)r)->b, s, n, 1);
}

/*
 * One sanitizing pass over clean UTF-8 in[0..len): the kept elements,
 * written. *stable is set when a second pass would read back the same.
 */
static char *
html_sanitize_pass(const char *in, size_t len, const char *base,
    int *stable)
{
	struct html_out o;

	memset(&o, 0, sizeof(o));
	o.r.enter = html_sanitize_enter;
	o.r.leave = html_sanitize_leave;
	o.r.text = html_sanitize_text;
	o.stable = 1;
	o.base = base;
	if (html_parse(in, len, &o.r) == -1) {
		free(strbuf_take(&o.b));
		return NULL;
	}
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

/* A block element starts a word; dropped ones leave their text out. */
static int
html_text_enter(struct html_reader *r, const struct html_elem *e,
    const xmlChar **atts, int depth)
{
	(void)atts;
	(void)depth;
	if (e != NULL && e->act == HTML_DROP)
		return 0;
	if (e != NULL && e->block)
		strbuf_str(&((struct html_text *)r)->b, " ");
	return 1;
}

/* ... and ends one. */
static void
html_text_leave(struct html_reader *r, const struct html_elem *e, int depth)
{
	(void)depth;
	if (e != NULL && e->block)
		strbuf_str(&((struct html_text *)r)->b, " ");
}

static void
html_text_text(struct html_reader *r, const char *s, size_t n)
{
	html_put_text(&((struct html_text *)r)->b, s, n, 0);
}

char *
html_to_text(const char *html, size_t max)
{
	struct html_text t;
	char *in, *out;
	size_t len;
	int rc;

	if ((in = html_clean_input(html, max, &len)) == NULL)
		return NULL;
	if (strchr(in, '<') == NULL && strchr(in, '&') == NULL) {
		html_squeeze(in);
		return in;
	}
	memset(&t, 0, sizeof(t));
	t.r.enter = html_text_enter;
	t.r.leave = html_text_leave;
	t.r.text = html_text_text;
	rc = html_parse(in, len, &t.r);
	free(in);
	if (rc == -1) {
		free(strbuf_take(&t.b));
		return NULL;
	}
	if ((out = strbuf_take(&t.b)) != NULL)
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
