/*
 * HTML from the network, made safe to republish and reduced to plain text.
 * Both work on the tree libxml2's forgiving HTML parser builds from the
 * fragment (no network, no errors printed), walked without recursion so
 * that hostile nesting cannot exhaust the stack. The sanitizer keeps an
 * allow-list of elements and attributes (close to feedparser's, measured
 * against its corpus), drops script, style and the like with everything
 * inside, keeps iframes only to a few https video and audio players,
 * sandboxed, reduces style attributes to a CSS allow-list, keeps URLs only
 * for http and https (mailto: in links, base64 raster data: in img src),
 * and writes well-formed XHTML-compatible UTF-8 that a second pass leaves
 * unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/html.h"
#include "feeds/url.h"

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

	/* a second pass reads output that URLs may have made longer */
	if (len > (size_t)INT_MAX - sizeof(HTML_PREFIX))
		return NULL;
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

/* bsearch comparator over tables of strings. */
static int
html_str_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* 1 when s is in the sorted table t of n strings. */
static int
html_in(const char *s, const char *const *t, size_t n)
{
	return bsearch(s, t, n, sizeof(t[0]), html_str_cmp_cb) != NULL;
}

#define HTML_IN(s, t)	html_in((s), (t), sizeof(t) / sizeof((t)[0]))
#define HTML_WS		" \t\n\r\f"
#define HTML_DIGITS	"0123456789"

/* 1 for an ASCII letter, digit or underscore (a regex \w). */
static int
html_is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Blank out each url(...) in style s, in place, as feedparser does. */
static void
html_css_blank_urls(char *s)
{
	char *p, *u, *close;

	for (p = s; (p = strchr(p, '(')) != NULL; p++) {
		u = p;
		while (u > s && strchr(HTML_WS, u[-1]) != NULL)
			u--;
		if (u - s < 3 || strncasecmp(u - 3, "url", 3) != 0 ||
		    (close = strchr(p, ')')) == NULL)
			continue;
		memset(u - 3, ' ', close - (u - 3) + 1);
		p = close;
	}
}

/*
 * 1 when style s holds only letters, digits, white space and :,;#%.!,
 * hyphens inside words, quoted words, and rgb()/rgba() around numbers:
 * no url(), expression(), escape, comment or markup can pass.
 */
static int
html_css_gauntlet(const char *s)
{
	const char *p;
	size_t n;

	for (p = s; *p != '\0'; p++) {
		if (html_is_word(*p) || strchr(HTML_WS ":,;#%.!", *p) != NULL)
			continue;
		if (*p == '-' && p > s && html_is_word(p[-1]) &&
		    html_is_word(p[1]))
			continue;
		if (*p == '\'' || *p == '"') {
			for (n = 1; html_is_word(p[n]) ||
			    (p[n] != '\0' && strchr(HTML_WS, p[n]) != NULL);)
				n++;
			if (n == 1 || p[n] != *p)
				return 0;
			p += n;
			continue;
		}
		if (*p != '(' || !((p - s >= 3 &&
		    strncasecmp(p - 3, "rgb", 3) == 0) || (p - s >= 4 &&
		    strncasecmp(p - 4, "rgba", 4) == 0)))
			return 0;
		n = 1 + strspn(p + 1, HTML_DIGITS HTML_WS ",.%");
		if (p[n] != ')')
			return 0;
		p += n;
	}
	return 1;
}

/* 1 when word w is a length, a number or a colour (feedparser's rule). */
static int
html_css_word_ok(const char *w)
{
	static const char *const units[] = {
		"%", ")", ",", "cm", "em", "ex", "in", "mm", "pc", "pt", "px",
	};
	size_t n;

	if (HTML_IN(w, html_css_words))
		return 1;
	if (w[0] == '#')
		return w[1] != '\0' &&
		    strspn(w + 1, HTML_DIGITS "abcdefABCDEF") == strlen(w + 1);
	if (strncasecmp(w, "rgb(", 4) == 0)
		return strspn(w + 4, HTML_DIGITS "%,)") == strlen(w + 4);
	n = strspn(w, HTML_DIGITS);
	if (w[n] == '.') {
		if (n > 2 || strspn(w + n + 1, HTML_DIGITS) > 2)
			return 0;
		w += n + 1;
		n = strspn(w, HTML_DIGITS);
	} else if (n > 4)
		return 0;
	return w[n] == '\0' || HTML_IN(w + n, units);
}

/* 1 when CSS declaration prop: value (value trimmed) may be kept. */
static int
html_css_decl_ok(const char *prop, char *value)
{
	static const char *const shorthands[] = {
		"background", "border", "margin", "padding",
	};
	char head[16], *w, *save;
	size_t n;

	if (*value == '\0')
		return 0;
	if (HTML_IN(prop, html_css_props))
		return 1;
	if ((n = strcspn(prop, "-")) >= sizeof(head))
		return 0;
	memcpy(head, prop, n);
	head[n] = '\0';
	if (!HTML_IN(head, shorthands))
		return 0;
	/* value is a scratch copy: strtok_r may cut it */
	for (w = strtok_r(value, HTML_WS, &save); w != NULL;
	    w = strtok_r(NULL, HTML_WS, &save))
		if (!html_css_word_ok(w))
			return 0;
	return 1;
}

/* Trim white space around s[0..n), returning the start; *np is updated. */
static char *
html_trim(char *s, size_t *np)
{
	size_t n = *np;

	while (n > 0 && strchr(HTML_WS, *s) != NULL && *s != '\0')
		s++, n--;
	while (n > 0 && strchr(HTML_WS, s[n - 1]) != NULL && s[n - 1] != '\0')
		n--;
	*np = n;
	return s;
}

/* Append declaration d (one "prop: value" of a style) to b if it is kept. */
static int
html_css_decl(struct html_buf *b, char *d, size_t len)
{
	char prop[64], value[512], *p, *v, *colon;
	size_t i, pn, vn;

	d = html_trim(d, &len);
	if (len == 0)
		return 0;
	if ((colon = memchr(d, ':', len)) == NULL ||
	    memchr(colon + 1, ':', len - (colon + 1 - d)) != NULL)
		return -1;
	pn = colon - d;
	vn = len - pn - 1;
	p = html_trim(d, &pn);
	v = html_trim(colon + 1, &vn);
	if (pn == 0 || pn >= sizeof(prop) || vn >= sizeof(value))
		return 0;
	for (i = 0; i < pn; i++) {
		if (!html_is_word(p[i]) && p[i] != '-')
			return -1;
		prop[i] = (p[i] >= 'A' && p[i] <= 'Z') ?
		    p[i] - 'A' + 'a' : p[i];
	}
	prop[pn] = '\0';
	memcpy(value, v, vn);
	value[vn] = '\0';
	if (!html_css_decl_ok(prop, value))
		return 0;
	if (b->len > 0)
		html_buf_str(b, " ");
	html_buf_str(b, prop);
	html_buf_str(b, ": ");
	html_buf_add(b, v, vn);
	html_buf_str(b, ";");
	return 0;
}

/*
 * A style attribute reduced to allowed declarations, written as
 * "prop: value;" pairs; NULL when none is left or the whole style looks
 * hostile (it then goes entirely, as in feedparser).
 */
static char *
html_css_clean(const char *style)
{
	struct html_buf b = { NULL, 0, 0, 0 };
	char *s, *d;
	size_t n;

	if ((s = strdup(style)) == NULL)
		return NULL;
	html_css_blank_urls(s);
	if (!html_css_gauntlet(s)) {
		free(s);
		return NULL;
	}
	for (d = s; *d != '\0'; d += n + (d[n] == ';')) {
		n = strcspn(d, ";");
		if (html_css_decl(&b, d, n) == -1) {
			b.len = 0;
			break;
		}
	}
	free(s);
	if (b.len == 0) {
		free(b.s);
		return NULL;
	}
	return html_buf_take(&b);
}

/* 1 when v is a number (or percentage) fit for a size attribute. */
static int
html_is_number(const char *v)
{
	size_t n = strspn(v, HTML_DIGITS);

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

/*
 * A data: URL fit for an img src (base64 PNG, GIF, JPEG or WebP; never
 * SVG, which can carry script), copied without white space, or NULL.
 */
static char *
html_data_image(const char *v)
{
	static const char *const types[] = { "gif", "jpeg", "png", "webp" };
	const char *p;
	char *out, *o;
	size_t i, n = 0;

	v += strspn(v, HTML_WS);
	if (strncasecmp(v, "data:image/", 11) != 0)
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strncasecmp(v + 11, types[i], n = strlen(types[i])) == 0 &&
		    strncasecmp(v + 11 + n, ";base64,", 8) == 0)
			break;
	if (i == sizeof(types) / sizeof(types[0]))
		return NULL;
	if ((out = strdup(v)) == NULL)
		return NULL;
	o = out + 11 + n + 8;
	for (p = v + 11 + n + 8; *p != '\0'; p++) {
		if (strchr(HTML_WS, *p) != NULL)
			continue;
		if (*p == '_' || (!html_is_word(*p) &&
		    strchr("+/=", *p) == NULL)) {
			free(out);
			return NULL;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

/*
 * v resolved against base if it is an http(s) URL, malloc'd, else NULL.
 * An empty fragment goes, so that a second pass gives the same URL.
 */
static char *
html_url(const char *v, const char *base)
{
	char *u;
	size_t n;

	if ((u = url_resolve(base, v)) == NULL)
		return NULL;
	if (!url_scheme_is(u, "http,https")) {
		free(u);
		return NULL;
	}
	if ((n = strlen(u)) > 0 && u[n - 1] == '#')
		u[n - 1] = '\0';
	return u;
}

/* 1 when d is a srcset descriptor: none, or one width (w) or density (x). */
static int
html_srcset_desc_ok(const char *d)
{
	size_t n = strspn(d, HTML_DIGITS);

	if (*d == '\0')
		return 1;
	if (n > 0 && d[n] == '.')
		n += 1 + strspn(d + n + 1, HTML_DIGITS);
	return n > 0 && n < 12 && (d[n] == 'w' || d[n] == 'x') &&
	    d[n + 1] == '\0';
}

/*
 * A srcset with each candidate's URL resolved; candidates that are not
 * http(s) or whose descriptor is odd are dropped. NULL when none is left.
 */
static char *
html_srcset(const char *v, const char *base)
{
	struct html_buf b = { NULL, 0, 0, 0 };
	char *copy, *p, *url, *end, *desc, *u;
	size_t n;

	if ((copy = strdup(v)) == NULL)
		return NULL;
	for (p = copy; *(p += strspn(p, HTML_WS ",")) != '\0';) {
		url = p;
		p += strcspn(p, HTML_WS);
		for (end = p; end > url && end[-1] == ','; end--)
			;
		desc = "";
		if (end == p) {		/* no comma ends the URL: descriptors */
			desc = p;
			p += strcspn(p, ",");
			if (*p != '\0')
				*p++ = '\0';
			n = strlen(desc);
			desc = html_trim(desc, &n);
			desc[n] = '\0';
		}
		*end = '\0';
		if (!html_srcset_desc_ok(desc) ||
		    (u = html_url(url, base)) == NULL)
			continue;
		if (b.len > 0)
			html_buf_str(&b, ", ");
		html_buf_str(&b, u);
		if (*desc != '\0') {
			html_buf_str(&b, " ");
			html_buf_str(&b, desc);
		}
		free(u);
	}
	free(copy);
	if (b.len == 0) {
		free(b.s);
		return NULL;
	}
	return html_buf_take(&b);
}

/* A bare number (or percentage), or nothing at all, else NULL. */
static char *
html_number(const char *v)
{
	v += strspn(v, HTML_WS);
	return *v == '\0' || html_is_number(v) ? strdup(v) : NULL;
}

/* A colour name or #hex code, or nothing at all, else NULL. */
static char *
html_color(const char *v)
{
	size_t n = strlen(v);

	if (n > 32 || strspn(v, "#" HTML_DIGITS "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return NULL;
	return strdup(v);
}

/* The value to write for attribute a of value v on elem, or NULL. */
static char *
html_attr_value(const struct html_attr *a, const char *elem, const char *v,
    const char *base)
{
	char *u;

	if (a->flags & HTML_ATTR_BOOL)
		return strdup(a->name);
	if (a->flags & HTML_ATTR_NUMBER)
		return html_number(v);
	if (a->flags & HTML_ATTR_COLOR)
		return html_color(v);
	if (a->flags & HTML_ATTR_STYLE)
		return html_css_clean(v);
	if (a->flags & HTML_ATTR_SRCSET)
		return html_srcset(v, base);
	if (!(a->flags & HTML_ATTR_URL))
		return strdup(v);
	if ((a->flags & HTML_ATTR_MAILTO) && (u = html_mailto(v)) != NULL)
		return u;
	if ((a->flags & HTML_ATTR_DATAIMG) && strcmp(elem, "img") == 0 &&
	    (u = html_data_image(v)) != NULL)
		return u;
	return html_url(v, base);
}

/* Write the allow-listed attributes of n, each at most once. */
static void
html_put_attrs(struct html_buf *b, xmlNode *n, const char *base)
{
	const struct html_attr *a;
	unsigned char seen[HTML_NATTRS];
	xmlAttr *attr;
	xmlChar *v;
	char *out;

	memset(seen, 0, sizeof(seen));
	for (attr = n->properties; attr != NULL; attr = attr->next) {
		if (attr->name == NULL || attr->ns != NULL)
			continue;
		a = bsearch(attr->name, html_attrs, HTML_NATTRS,
		    sizeof(html_attrs[0]), html_attr_cmp_cb);
		if (a == NULL || seen[a - html_attrs] || (a->elems != NULL &&
		    !html_word_in(a->elems, (const char *)n->name)))
			continue;
		if ((v = xmlNodeGetContent((xmlNode *)attr)) == NULL)
			continue;
		out = html_attr_value(a, (const char *)n->name,
		    (const char *)v, base);
		xmlFree(v);
		if (out == NULL)
			continue;
		seen[a - html_attrs] = 1;
		html_buf_str(b, " ");
		html_buf_str(b, a->name);
		html_buf_str(b, "=\"");
		html_put_text(b, out, strlen(out), 1);
		html_buf_str(b, "\"");
		free(out);
	}
}

/* 1 when iframe n's src is an https URL on an allow-listed host. */
static int
html_frame_ok(xmlNode *n, const char *base)
{
	char host[256], *u;
	const char *h;
	xmlChar *src;
	size_t i, len;
	int ok = 0;

	if ((src = xmlGetNoNsProp(n, (const xmlChar *)"src")) == NULL)
		return 0;
	u = html_url((const char *)src, base);
	xmlFree(src);
	if (u == NULL)
		return 0;
	h = u + 8;
	len = strcspn(h, "/?#:@");
	/* no port and no user: the host is exactly what the list says */
	if (strncasecmp(u, "https://", 8) == 0 && len < sizeof(host) &&
	    h[len] != ':' && h[len] != '@') {
		for (i = 0; i < len; i++)
			host[i] = (h[i] >= 'A' && h[i] <= 'Z') ?
			    h[i] - 'A' + 'a' : h[i];
		host[len] = '\0';
		ok = HTML_IN(host, html_frame_hosts);
	}
	free(u);
	return ok;
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

/*
 * Write element n's start tag if kept; 1 when its children are wanted.
 * A void element's children (libxml2 nests what follows an element it
 * does not know as void, such as <source>) are written after it.
 */
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
	case HTML_FRAME:
		if (!html_frame_ok(n, base))
			return 1;
		break;
	case HTML_KEEP:
		break;
	}
	e = html_elem_find(n);
	html_buf_str(b, "<");
	html_buf_str(b, e->name);
	html_put_attrs(b, n, base);
	if (e->act == HTML_FRAME) {
		/* its content is never shown where iframes work: dropped */
		html_buf_str(b, " sandbox=\"" HTML_FRAME_SANDBOX
		    "\"></iframe>");
		return 0;
	}
	if (e->is_void) {
		html_buf_str(b, " />");
		return 1;
	}
	html_buf_str(b, ">");
	if (n->children == NULL)
		html_sanitize_leave_cb(b, n, depth);
	return 1;
}

/* One sanitizing pass over clean UTF-8 in[0..len): the kept tree, written. */
static char *
html_sanitize_pass(const char *in, size_t len, const char *base)
{
	struct html_buf b = { NULL, 0, 0, 0 };
	htmlDocPtr doc;
	xmlNode *n;
	int depth = 0, descend;

	if ((doc = html_parse(in, len)) == NULL)
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

/*
 * Passes are repeated until the output is stable, so that sanitizing
 * sanitized HTML changes nothing: libxml2 reshapes some trees it built
 * itself (a <td> left inside a <b>, what follows a <wbr>) once they are
 * written and read again. Two passes suffice in practice; text without
 * markup is stable after one.
 */
char *
html_sanitize(const char *html, const char *base, size_t max)
{
	char *in, *out, *again;
	size_t len;
	int pass;

	if ((in = html_clean_input(html, max, &len)) == NULL)
		return NULL;
	out = html_sanitize_pass(in, len, base);
	free(in);
	for (pass = 1; pass < HTML_PASSES && out != NULL &&
	    strchr(out, '<') != NULL; pass++) {
		if ((again = html_sanitize_pass(out, strlen(out),
		    base)) == NULL || strcmp(again, out) == 0) {
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
