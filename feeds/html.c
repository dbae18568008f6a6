/*
 * HTML from the network, made safe to republish and reduced to plain text.
 * Both work on the tree libxml2's forgiving HTML parser builds from the
 * fragment (no network, no errors printed), walked without recursion so
 * that hostile nesting cannot exhaust the stack. The sanitizer keeps an
 * allow-list of elements and attributes, drops dangerous elements with
 * everything inside, keeps URLs only for http and https (and mailto: in
 * links), and writes well-formed XHTML-compatible UTF-8.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/html.h"
#include "feeds/url.h"

#define HTML_MAX_DEPTH	64	/* deeper elements are unwrapped */
#define HTML_PREFIX	"<html><body>"

enum html_act {
	HTML_UNWRAP,		/* drop the tags, keep what is inside */
	HTML_KEEP,		/* keep the element, filter its attributes */
	HTML_DROP,		/* drop the element and everything inside */
	HTML_FRAME		/* an iframe: kept empty if its src is allowed */
};

struct html_elem {
	const char	*name;
	enum html_act	 act;
	int		 is_void;	/* written as <x />, no content */
	int		 block;		/* a word boundary in text */
};

/*
 * What becomes of each element; unknown ones are unwrapped, inline.
 * Keep sorted (strcmp; libxml2 gives lower-case names).
 */
static const struct html_elem html_elems[] = {
	{ "a",		HTML_KEEP,	0, 0 },
	{ "abbr",	HTML_KEEP,	0, 0 },
	{ "acronym",	HTML_KEEP,	0, 0 },
	{ "address",	HTML_KEEP,	0, 1 },
	{ "applet",	HTML_DROP,	0, 1 },
	{ "area",	HTML_DROP,	0, 0 },
	{ "article",	HTML_KEEP,	0, 1 },
	{ "aside",	HTML_KEEP,	0, 1 },
	{ "audio",	HTML_KEEP,	0, 1 },
	{ "b",		HTML_KEEP,	0, 0 },
	{ "base",	HTML_DROP,	0, 1 },
	{ "basefont",	HTML_DROP,	0, 0 },
	{ "bdi",	HTML_KEEP,	0, 0 },
	{ "bdo",	HTML_KEEP,	0, 0 },
	{ "bgsound",	HTML_DROP,	0, 0 },
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
	{ "input",	HTML_DROP,	0, 0 },
	{ "ins",	HTML_KEEP,	0, 0 },
	{ "isindex",	HTML_DROP,	0, 1 },
	{ "kbd",	HTML_KEEP,	0, 0 },
	{ "keygen",	HTML_DROP,	0, 0 },
	{ "layer",	HTML_DROP,	0, 1 },
	{ "li",		HTML_KEEP,	0, 1 },
	{ "link",	HTML_DROP,	0, 0 },
	{ "listing",	HTML_DROP,	0, 1 },
	{ "main",	HTML_KEEP,	0, 1 },
	{ "map",	HTML_UNWRAP,	0, 0 },
	{ "mark",	HTML_KEEP,	0, 0 },
	{ "math",	HTML_DROP,	0, 0 },
	{ "meta",	HTML_DROP,	0, 0 },
	{ "nav",	HTML_KEEP,	0, 1 },
	{ "noembed",	HTML_DROP,	0, 1 },
	{ "noframes",	HTML_DROP,	0, 1 },
	{ "noscript",	HTML_DROP,	0, 1 },
	{ "object",	HTML_UNWRAP,	0, 1 },	/* its content is the fallback */
	{ "ol",		HTML_KEEP,	0, 1 },
	{ "optgroup",	HTML_DROP,	0, 1 },
	{ "option",	HTML_DROP,	0, 1 },
	{ "output",	HTML_DROP,	0, 0 },
	{ "p",		HTML_KEEP,	0, 1 },
	{ "param",	HTML_DROP,	0, 0 },
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
	{ "track",	HTML_DROP,	0, 0 },
	{ "tt",		HTML_KEEP,	0, 0 },
	{ "u",		HTML_KEEP,	0, 0 },
	{ "ul",		HTML_KEEP,	0, 1 },
	{ "var",	HTML_KEEP,	0, 0 },
	{ "video",	HTML_KEEP,	0, 1 },
	{ "wbr",	HTML_KEEP,	1, 0 },
	{ "xml",	HTML_DROP,	0, 1 },
	{ "xmp",	HTML_DROP,	0, 1 },
};

#define HTML_ATTR_URL		0x01	/* resolved; http(s) only */
#define HTML_ATTR_MAILTO	0x02	/* mailto: allowed too */
#define HTML_ATTR_NUMBER	0x04	/* digits (and %) only, or empty */
#define HTML_ATTR_DATAIMG	0x08	/* on img, data:image/ raster too */
#define HTML_ATTR_SRCSET	0x10	/* a list of URLs with descriptors */
#define HTML_ATTR_STYLE		0x20	/* CSS reduced to html_css_props */
#define HTML_ATTR_BOOL		0x40	/* written as name="name" */
#define HTML_ATTR_COLOR		0x80	/* #hex or a colour name */

struct html_attr {
	const char	*name;
	const char	*elems;		/* borrows: names, or NULL for any */
	int		 flags;
};

/*
 * The attributes kept, and on which elements: presentational and
 * descriptive ones anywhere (as feedparser keeps them), URLs and media
 * controls only where they mean something. Left out on purpose: event
 * handlers; class, id and name (they reach into the republishing page's
 * CSS and DOM); tabindex, accesskey, autofocus, contenteditable,
 * draggable and target (focus and window tricks); form attributes; and
 * legacy URL carriers (background, dynsrc, lowsrc, data, ping, usemap).
 * Keep sorted (strcmp).
 */
static const struct html_attr html_attrs[] = {
	{ "abbr",	NULL,			0 },
	{ "align",	NULL,			0 },
	{ "allowfullscreen", "iframe",		HTML_ATTR_BOOL },
	{ "alt",	NULL,			0 },
	{ "axis",	NULL,			0 },
	{ "bgcolor",	NULL,			HTML_ATTR_COLOR },
	{ "border",	NULL,			HTML_ATTR_NUMBER },
	{ "cellpadding", NULL,			HTML_ATTR_NUMBER },
	{ "cellspacing", NULL,			HTML_ATTR_NUMBER },
	{ "char",	NULL,			0 },
	{ "charoff",	NULL,			0 },
	{ "cite",	"blockquote del ins q",	HTML_ATTR_URL },
	{ "clear",	NULL,			0 },
	{ "color",	NULL,			HTML_ATTR_COLOR },
	{ "cols",	NULL,			HTML_ATTR_NUMBER },
	{ "colspan",	NULL,			HTML_ATTR_NUMBER },
	{ "compact",	NULL,			0 },
	{ "controls",	"audio video",		HTML_ATTR_BOOL },
	{ "datetime",	NULL,			0 },
	{ "dir",	NULL,			0 },
	{ "face",	NULL,			0 },
	{ "frame",	NULL,			0 },
	{ "headers",	NULL,			0 },
	{ "height",	NULL,			HTML_ATTR_NUMBER },
	{ "hidden",	NULL,			0 },
	{ "href",	"a",		HTML_ATTR_URL | HTML_ATTR_MAILTO },
	{ "hreflang",	NULL,			0 },
	{ "hspace",	NULL,			HTML_ATTR_NUMBER },
	{ "label",	NULL,			0 },
	{ "lang",	NULL,			0 },
	{ "longdesc",	"img",			HTML_ATTR_URL },
	{ "loop",	"audio video",		HTML_ATTR_BOOL },
	{ "muted",	"audio video",		HTML_ATTR_BOOL },
	{ "nowrap",	NULL,			0 },
	{ "open",	"details",		HTML_ATTR_BOOL },
	{ "poster",	"video",		HTML_ATTR_URL },
	{ "preload",	"audio video",		0 },
	{ "rel",	NULL,			0 },
	{ "rev",	NULL,			0 },
	{ "rows",	NULL,			HTML_ATTR_NUMBER },
	{ "rowspan",	NULL,			HTML_ATTR_NUMBER },
	{ "rules",	NULL,			0 },
	{ "scope",	NULL,			0 },
	{ "size",	NULL,			HTML_ATTR_NUMBER },
	{ "span",	NULL,			HTML_ATTR_NUMBER },
	{ "src",	"audio iframe img source video",
	    HTML_ATTR_URL | HTML_ATTR_DATAIMG },
	{ "srcset",	"img source",		HTML_ATTR_SRCSET },
	{ "start",	NULL,			HTML_ATTR_NUMBER },
	{ "style",	NULL,			HTML_ATTR_STYLE },
	{ "summary",	NULL,			0 },
	{ "title",	NULL,			0 },
	{ "type",	NULL,			0 },
	{ "valign",	NULL,			0 },
	{ "value",	NULL,			0 },
	{ "vspace",	NULL,			HTML_ATTR_NUMBER },
	{ "width",	NULL,			HTML_ATTR_NUMBER },
};

#define HTML_NATTRS	(sizeof(html_attrs) / sizeof(html_attrs[0]))

/*
 * Hosts whose https players may be embedded in an iframe; anything else
 * is unwrapped. Kept iframes carry HTML_FRAME_SANDBOX, which lets the
 * player run in its own origin but never navigate or script the page.
 * Keep sorted (strcmp, lower case).
 */
static const char *const html_frame_hosts[] = {
	"bandcamp.com",
	"open.spotify.com",
	"player.vimeo.com",
	"w.soundcloud.com",
	"www.dailymotion.com",
	"www.youtube-nocookie.com",
	"www.youtube.com",
};

#define HTML_FRAME_SANDBOX \
	"allow-scripts allow-same-origin allow-popups allow-presentation"

/*
 * CSS properties kept in style attributes, with any value that passes
 * html_css_value_ok (feedparser's list). Keep sorted (strcmp).
 */
static const char *const html_css_props[] = {
	"azimuth", "background-color", "border-bottom-color",
	"border-collapse", "border-color", "border-left-color",
	"border-right-color", "border-top-color", "clear", "color",
	"cursor", "direction", "display", "elevation", "float", "font",
	"font-family", "font-size", "font-style", "font-variant",
	"font-weight", "height", "letter-spacing", "line-height",
	"overflow", "pause", "pause-after", "pause-before", "pitch",
	"pitch-range", "richness", "speak", "speak-header", "speak-numeral",
	"speak-punctuation", "speech-rate", "stress", "text-align",
	"text-decoration", "text-indent", "unicode-bidi", "vertical-align",
	"voice-family", "volume", "white-space", "width",
};

/*
 * Keywords allowed in background*, border*, margin* and padding*
 * declarations besides lengths and colours. Keep sorted (strcmp).
 */
static const char *const html_css_words[] = {
	"!important", "aqua", "auto", "black", "block", "blue", "bold",
	"both", "bottom", "brown", "center", "collapse", "dashed", "dotted",
	"fuchsia", "gray", "green", "italic", "left", "lime", "maroon",
	"medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
	"purple", "red", "right", "silver", "solid", "teal", "top",
	"transparent", "underline", "white", "yellow",
};

/* A growing output string; err sticks once an allocation failed. */
struct html_buf {
	char		*s;		/* owns */
	size_t		 len;
	size_t		 cap;
	int		 err;
};

/* bsearch comparator over html_elems. */
static int
html_elem_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_elem *)elem)->name);
}

/* bsearch comparator over html_attrs. */
static int
html_attr_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct html_attr *)elem)->name);
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

static void
html_buf_add(struct html_buf *b, const char *s, size_t n)
{
	char *grown;
	size_t cap;

	if (b->err)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((grown = realloc(b->s, cap)) == NULL) {
			b->err = 1;
			return;
		}
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
html_buf_str(struct html_buf *b, const char *s)
{
	html_buf_add(b, s, strlen(s));
}

/* The buffer's string (never NULL unless out of memory), handed over. */
static char *
html_buf_take(struct html_buf *b)
{
	if (!b->err && b->s == NULL)
		html_buf_add(b, "", 0);
	if (b->err) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

/*
 * Length of the valid UTF-8 sequence at p (before end) and its code point,
 * or 0 for an invalid one (overlong, surrogate, beyond U+10FFFF, cut).
 */
static size_t
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
 * Append s[0..n) to b: invalid UTF-8 becomes U+FFFD, characters XML
 * cannot carry are dropped, and with escape set & < > " are escaped.
 */
static void
html_put_text(struct html_buf *b, const char *s, size_t n, int escape)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	const unsigned char *run = p;
	const char *rep;
	unsigned int c;
	size_t len;

	while (p < end) {
		len = html_utf8_next(p, end, &c);
		rep = NULL;
		if (len == 0)
			rep = "\xef\xbf\xbd";
		else if (!html_xml_char(c))
			rep = "";
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
		html_buf_add(b, (const char *)run, p - run);
		html_buf_str(b, rep);
		p += len ? len : 1;
		run = p;
	}
	html_buf_add(b, (const char *)run, p - run);
}

/* Parse fragment (already valid UTF-8) as the content of a body. */
static htmlDocPtr
html_parse(const char *fragment, size_t len)
{
	struct html_buf in = { NULL, 0, 0, 0 };
	htmlDocPtr doc;

	html_buf_str(&in, HTML_PREFIX);
	html_buf_add(&in, fragment, len);
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
	struct html_buf b = { NULL, 0, 0, 0 };
	size_t len;

	if (html == NULL || (len = strlen(html)) > max)
		return NULL;
	html_put_text(&b, html, len, 0);
	if ((*lenp = b.len) > (size_t)INT_MAX - sizeof(HTML_PREFIX)) {
		free(b.s);
		return NULL;
	}
	return html_buf_take(&b);
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

/* 1 when word occurs in the space-separated list. */
static int
html_word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* 1 when v is a number (or percentage) fit for a size attribute. */
static int
html_is_number(const char *v)
{
	size_t n = strspn(v, "0123456789");

	return n > 0 && n < 10 && (v[n] == '\0' || (v[n] == '%' &&
	    v[n + 1] == '\0'));
}

/* A mailto: link copied with blanks and controls stripped, or NULL. */
static char *
html_mailto(const char *v)
{
	char *out, *o;

	while (*v != '\0' && (unsigned char)*v <= ' ')
		v++;
	if (strncasecmp(v, "mailto:", 7) != 0 || (out = strdup(v)) == NULL)
		return NULL;
	for (o = out; *v != '\0'; v++)
		if ((unsigned char)*v > ' ')
			*o++ = *v;
	*o = '\0';
	return out;
}

/* The value to write for attribute a of value v, malloc'd, or NULL. */
static char *
html_attr_value(const struct html_attr *a, const char *v, const char *base)
{
	char *u;

	if (a->flags & HTML_ATTR_NUMBER) {
		while (*v == ' ')
			v++;
		return html_is_number(v) ? strdup(v) : NULL;
	}
	if (!(a->flags & HTML_ATTR_URL))
		return strdup(v);
	if ((a->flags & HTML_ATTR_MAILTO) && (u = html_mailto(v)) != NULL)
		return u;
	if ((u = url_resolve(base, v)) != NULL &&
	    !url_scheme_is(u, "http,https")) {
		free(u);
		u = NULL;
	}
	return u;
}

/* Write the allow-listed attributes of n, each at most once. */
static void
html_put_attrs(struct html_buf *b, xmlNode *n, const char *base)
{
	const struct html_attr *a;
	xmlAttr *attr;
	xmlChar *v;
	char *out;
	unsigned int seen = 0, bit;

	for (attr = n->properties; attr != NULL; attr = attr->next) {
		if (attr->name == NULL || attr->ns != NULL)
			continue;
		a = bsearch(attr->name, html_attrs,
		    sizeof(html_attrs) / sizeof(html_attrs[0]),
		    sizeof(html_attrs[0]), html_attr_cmp_cb);
		if (a == NULL || (a->elems != NULL &&
		    !html_word_in(a->elems, (const char *)n->name)))
			continue;
		bit = 1U << (a - html_attrs);
		if (seen & bit)
			continue;
		if ((v = xmlNodeGetContent((xmlNode *)attr)) == NULL)
			continue;
		out = html_attr_value(a, (const char *)v, base);
		xmlFree(v);
		if (out == NULL)
			continue;
		seen |= bit;
		html_buf_str(b, " ");
		html_buf_str(b, a->name);
		html_buf_str(b, "=\"");
		html_put_text(b, out, strlen(out), 1);
		html_buf_str(b, "\"");
		free(out);
	}
}

/* Walk callback: close a kept element on the way up. */
static void
html_sanitize_leave_cb(void *ctx, xmlNode *n, int depth)
{
	struct html_buf *b = ctx;
	const struct html_elem *e;

	if (n->type != XML_ELEMENT_NODE ||
	    html_action(n, depth) != HTML_KEEP)
		return;
	e = html_elem_find(n);
	if (e->is_void)
		return;
	html_buf_str(b, "</");
	html_buf_str(b, e->name);
	html_buf_str(b, ">");
}

/* Write element n's start tag if kept; 1 when its children are wanted. */
static int
html_sanitize_enter(struct html_buf *b, xmlNode *n, int depth,
    const char *base)
{
	const struct html_elem *e;

	switch (html_action(n, depth)) {
	case HTML_DROP:
		return 0;
	case HTML_UNWRAP:
		return 1;
	case HTML_KEEP:
		break;
	}
	e = html_elem_find(n);
	html_buf_str(b, "<");
	html_buf_str(b, e->name);
	html_put_attrs(b, n, base);
	if (e->is_void) {
		html_buf_str(b, " />");
		return 0;
	}
	html_buf_str(b, ">");
	if (n->children == NULL)
		html_sanitize_leave_cb(b, n, depth);
	return 1;
}

char *
html_sanitize(const char *html, const char *base, size_t max)
{
	struct html_buf b = { NULL, 0, 0, 0 };
	htmlDocPtr doc;
	xmlNode *n;
	char *in;
	size_t len;
	int depth = 0, descend;

	if ((in = html_clean_input(html, max, &len)) == NULL)
		return NULL;
	doc = html_parse(in, len);
	free(in);
	if (doc == NULL)
		return NULL;
	for (n = doc->children; n != NULL; n = html_walk_next(n, descend,
	    &depth, html_sanitize_leave_cb, &b)) {
		descend = 0;
		if (n->type == XML_ELEMENT_NODE)
			descend = html_sanitize_enter(&b, n, depth, base);
		else if (n->type == XML_TEXT_NODE && n->content != NULL)
			html_put_text(&b, (const char *)n->content,
			    strlen((const char *)n->content), 1);
	}
	xmlFreeDoc(doc);
	return html_buf_take(&b);
}

/* Walk callback: a block element ends a word. */
static void
html_text_leave_cb(void *ctx, xmlNode *n, int depth)
{
	const struct html_elem *e;

	(void)depth;
	if (n->type == XML_ELEMENT_NODE && (e = html_elem_find(n)) != NULL &&
	    e->block)
		html_buf_str(ctx, " ");
}

/* The text of a parsed fragment, dropped elements left out. */
static void
html_text_walk(struct html_buf *b, htmlDocPtr doc)
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
			html_buf_str(b, " ");
		descend = 1;
	}
}

char *
html_to_text(const char *html, size_t max)
{
	struct html_buf b = { NULL, 0, 0, 0 };
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
	if ((out = html_buf_take(&b)) != NULL)
		html_squeeze(out);
	return out;
}

/* Length of the white space at p: ASCII, NO-BREAK or IDEOGRAPHIC SPACE. */
static size_t
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
