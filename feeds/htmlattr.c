/*
 * Attribute values in HTML being sanitized: which attributes html.c keeps
 * on which elements, and what each value is reduced to. URLs are resolved
 * and kept only for http and https (mailto: in links, base64 raster data:
 * in img src), srcset lists keep their http(s) candidates, sizes must be
 * numbers and colours plain, style attributes are reduced to a CSS
 * allow-list (feedparser's), and iframes may load only a few https video
 * and audio players.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feeds/htmlattr.h"
#include "feeds/strbuf.h"
#include "feeds/url.h"

#define HTMLATTR_URL		0x01	/* resolved; http(s) only */
#define HTMLATTR_MAILTO		0x02	/* mailto: allowed too */
#define HTMLATTR_NUMBER		0x04	/* digits (and %) only, or empty */
#define HTMLATTR_DATAIMG	0x08	/* on img, data:image/ raster too */
#define HTMLATTR_SRCSET		0x10	/* a list of URLs with descriptors */
#define HTMLATTR_STYLE		0x20	/* CSS reduced to htmlattr_css_props */
#define HTMLATTR_BOOL		0x40	/* written as name="name" */
#define HTMLATTR_COLOR		0x80	/* #hex or a colour name */

struct htmlattr {
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
static const struct htmlattr htmlattr_table[] = {
	{ "abbr",	NULL,			0 },
	{ "align",	NULL,			0 },
	{ "allowfullscreen", "iframe",		HTMLATTR_BOOL },
	{ "alt",	NULL,			0 },
	{ "axis",	NULL,			0 },
	{ "bgcolor",	NULL,			HTMLATTR_COLOR },
	{ "border",	NULL,			HTMLATTR_NUMBER },
	{ "cellpadding", NULL,			HTMLATTR_NUMBER },
	{ "cellspacing", NULL,			HTMLATTR_NUMBER },
	{ "char",	NULL,			0 },
	{ "charoff",	NULL,			0 },
	{ "cite",	"blockquote del ins q",	HTMLATTR_URL },
	{ "clear",	NULL,			0 },
	{ "color",	NULL,			HTMLATTR_COLOR },
	{ "cols",	NULL,			HTMLATTR_NUMBER },
	{ "colspan",	NULL,			HTMLATTR_NUMBER },
	{ "compact",	NULL,			0 },
	{ "controls",	"audio video",		HTMLATTR_BOOL },
	{ "datetime",	NULL,			0 },
	{ "dir",	NULL,			0 },
	{ "face",	NULL,			0 },
	{ "frame",	NULL,			0 },
	{ "headers",	NULL,			0 },
	{ "height",	NULL,			HTMLATTR_NUMBER },
	{ "hidden",	NULL,			0 },
	{ "href",	"a",		HTMLATTR_URL | HTMLATTR_MAILTO },
	{ "hreflang",	NULL,			0 },
	{ "hspace",	NULL,			HTMLATTR_NUMBER },
	{ "label",	NULL,			0 },
	{ "lang",	NULL,			0 },
	{ "longdesc",	"img",			HTMLATTR_URL },
	{ "loop",	"audio video",		HTMLATTR_BOOL },
	{ "muted",	"audio video",		HTMLATTR_BOOL },
	{ "nowrap",	NULL,			0 },
	{ "open",	"details",		HTMLATTR_BOOL },
	{ "poster",	"video",		HTMLATTR_URL },
	{ "preload",	"audio video",		0 },
	{ "rel",	NULL,			0 },
	{ "rev",	NULL,			0 },
	{ "rows",	NULL,			HTMLATTR_NUMBER },
	{ "rowspan",	NULL,			HTMLATTR_NUMBER },
	{ "rules",	NULL,			0 },
	{ "scope",	NULL,			0 },
	{ "size",	NULL,			HTMLATTR_NUMBER },
	{ "span",	NULL,			HTMLATTR_NUMBER },
	{ "src",	"audio iframe img source video",
	    HTMLATTR_URL | HTMLATTR_DATAIMG },
	{ "srcset",	"img source",		HTMLATTR_SRCSET },
	{ "start",	NULL,			HTMLATTR_NUMBER },
	{ "style",	NULL,			HTMLATTR_STYLE },
	{ "summary",	NULL,			0 },
	{ "title",	NULL,			0 },
	{ "type",	NULL,			0 },
	{ "valign",	NULL,			0 },
	{ "value",	NULL,			0 },
	{ "vspace",	NULL,			HTMLATTR_NUMBER },
	{ "width",	NULL,			HTMLATTR_NUMBER },
};

#define HTMLATTR_N	(sizeof(htmlattr_table) / sizeof(htmlattr_table[0]))

/* html.c marks the attributes written in an array of HTMLATTR_MAX. */
_Static_assert(HTMLATTR_N <= HTMLATTR_MAX, "HTMLATTR_MAX is too small");

/*
 * Hosts whose https players may be embedded in an iframe; anything else
 * is unwrapped. Kept iframes carry HTMLATTR_FRAME_SANDBOX, which lets the
 * player run in its own origin but never navigate or script the page.
 * Keep sorted (strcmp, lower case).
 */
static const char *const htmlattr_frame_hosts[] = {
	"bandcamp.com",
	"open.spotify.com",
	"player.vimeo.com",
	"w.soundcloud.com",
	"www.dailymotion.com",
	"www.youtube-nocookie.com",
	"www.youtube.com",
};

/*
 * CSS properties kept in style attributes, with any value that passes
 * htmlattr_css_decl_ok (feedparser's list). Keep sorted (strcmp).
 */
static const char *const htmlattr_css_props[] = {
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
static const char *const htmlattr_css_words[] = {
	"!important", "aqua", "auto", "black", "block", "blue", "bold",
	"both", "bottom", "brown", "center", "collapse", "dashed", "dotted",
	"fuchsia", "gray", "green", "italic", "left", "lime", "maroon",
	"medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
	"purple", "red", "right", "silver", "solid", "teal", "top",
	"transparent", "underline", "white", "yellow",
};

/* bsearch comparator over htmlattr_table. */
static int
htmlattr_attr_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct htmlattr *)elem)->name);
}

/* 1 when word occurs in the space-separated list. */
static int
htmlattr_word_in(const char *list, const char *word)
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
htmlattr_str_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* 1 when s is in the sorted table t of n strings. */
static int
htmlattr_in(const char *s, const char *const *t, size_t n)
{
	return bsearch(s, t, n, sizeof(t[0]), htmlattr_str_cmp_cb) != NULL;
}

#define HTMLATTR_IN(s, t) \
	htmlattr_in((s), (t), sizeof(t) / sizeof((t)[0]))
#define HTMLATTR_WS		" \t\n\r\f"
#define HTMLATTR_DIGITS	"0123456789"

/* 1 for an ASCII letter, digit or underscore (a regex \w). */
static int
htmlattr_is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Blank out each url(...) in style s, in place, as feedparser does. */
static void
htmlattr_css_blank_urls(char *s)
{
	char *p, *u, *close;

	for (p = s; (p = strchr(p, '(')) != NULL; p++) {
		u = p;
		while (u > s && strchr(HTMLATTR_WS, u[-1]) != NULL)
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
htmlattr_css_gauntlet(const char *s)
{
	const char *p;
	size_t n;

	for (p = s; *p != '\0'; p++) {
		if (htmlattr_is_word(*p) ||
		    strchr(HTMLATTR_WS ":,;#%.!", *p) != NULL)
			continue;
		if (*p == '-' && p > s && htmlattr_is_word(p[-1]) &&
		    htmlattr_is_word(p[1]))
			continue;
		if (*p == '\'' || *p == '"') {
			for (n = 1; htmlattr_is_word(p[n]) || (p[n] != '\0' &&
			    strchr(HTMLATTR_WS, p[n]) != NULL);)
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
		n = 1 + strspn(p + 1, HTMLATTR_DIGITS HTMLATTR_WS ",.%");
		if (p[n] != ')')
			return 0;
		p += n;
	}
	return 1;
}

/* 1 when word w is a length, a number or a colour (feedparser's rule). */
static int
htmlattr_css_word_ok(const char *w)
{
	static const char *const units[] = {
		"%", ")", ",", "cm", "em", "ex", "in", "mm", "pc", "pt", "px",
	};
	size_t n;

	if (HTMLATTR_IN(w, htmlattr_css_words))
		return 1;
	if (w[0] == '#')
		return w[1] != '\0' &&
		    strspn(w + 1, HTMLATTR_DIGITS "abcdefABCDEF") ==
		    strlen(w + 1);
	if (strncasecmp(w, "rgb(", 4) == 0)
		return strspn(w + 4, HTMLATTR_DIGITS "%,)") == strlen(w + 4);
	n = strspn(w, HTMLATTR_DIGITS);
	if (w[n] == '.') {
		if (n > 2 || strspn(w + n + 1, HTMLATTR_DIGITS) > 2)
			return 0;
		w += n + 1;
		n = strspn(w, HTMLATTR_DIGITS);
	} else if (n > 4)
		return 0;
	return w[n] == '\0' || HTMLATTR_IN(w + n, units);
}

/* 1 when CSS declaration prop: value (value trimmed) may be kept. */
static int
htmlattr_css_decl_ok(const char *prop, char *value)
{
	static const char *const shorthands[] = {
		"background", "border", "margin", "padding",
	};
	char head[16], *w, *save;
	size_t n;

	if (*value == '\0')
		return 0;
	if (HTMLATTR_IN(prop, htmlattr_css_props))
		return 1;
	if ((n = strcspn(prop, "-")) >= sizeof(head))
		return 0;
	memcpy(head, prop, n);
	head[n] = '\0';
	if (!HTMLATTR_IN(head, shorthands))
		return 0;
	/* value is a scratch copy: strtok_r may cut it */
	for (w = strtok_r(value, HTMLATTR_WS, &save); w != NULL;
	    w = strtok_r(NULL, HTMLATTR_WS, &save))
		if (!htmlattr_css_word_ok(w))
			return 0;
	return 1;
}

/* Trim white space around s[0..n), returning the start; *np is updated. */
static char *
htmlattr_trim(char *s, size_t *np)
{
	size_t n = *np;

	while (n > 0 && strchr(HTMLATTR_WS, *s) != NULL && *s != '\0')
		s++, n--;
	while (n > 0 && strchr(HTMLATTR_WS, s[n - 1]) != NULL &&
	    s[n - 1] != '\0')
		n--;
	*np = n;
	return s;
}

/* Append declaration d (one "prop: value" of a style) to b if it is kept. */
static int
htmlattr_css_decl(struct strbuf *b, char *d, size_t len)
{
	char prop[64], value[512], *p, *v, *colon;
	size_t i, pn, vn;

	d = htmlattr_trim(d, &len);
	if (len == 0)
		return 0;
	if ((colon = memchr(d, ':', len)) == NULL ||
	    memchr(colon + 1, ':', len - (colon + 1 - d)) != NULL)
		return -1;
	pn = colon - d;
	vn = len - pn - 1;
	p = htmlattr_trim(d, &pn);
	v = htmlattr_trim(colon + 1, &vn);
	if (pn == 0 || pn >= sizeof(prop) || vn >= sizeof(value))
		return 0;
	for (i = 0; i < pn; i++) {
		if (!htmlattr_is_word(p[i]) && p[i] != '-')
			return -1;
		prop[i] = (p[i] >= 'A' && p[i] <= 'Z') ?
		    p[i] - 'A' + 'a' : p[i];
	}
	prop[pn] = '\0';
	memcpy(value, v, vn);
	value[vn] = '\0';
	if (!htmlattr_css_decl_ok(prop, value))
		return 0;
	if (b->len > 0)
		strbuf_str(b, " ");
	strbuf_str(b, prop);
	strbuf_str(b, ": ");
	strbuf_add(b, v, vn);
	strbuf_str(b, ";");
	return 0;
}

/*
 * A style attribute reduced to allowed declarations, written as
 * "prop: value;" pairs; NULL when none is left or the whole style looks
 * hostile (it then goes entirely, as in feedparser).
 */
static char *
htmlattr_css_clean(const char *style)
{
	struct strbuf b = STRBUF_INIT;
	char *s, *d;
	size_t n;

	if ((s = strdup(style)) == NULL)
		return NULL;
	htmlattr_css_blank_urls(s);
	if (!htmlattr_css_gauntlet(s)) {
		free(s);
		return NULL;
	}
	for (d = s; *d != '\0'; d += n + (d[n] == ';')) {
		n = strcspn(d, ";");
		if (htmlattr_css_decl(&b, d, n) == -1) {
			b.len = 0;
			break;
		}
	}
	free(s);
	if (b.len == 0) {
		free(b.s);
		return NULL;
	}
	return strbuf_take(&b);
}

/* 1 when v is a number (or percentage) fit for a size attribute. */
static int
htmlattr_is_number(const char *v)
{
	size_t n = strspn(v, HTMLATTR_DIGITS);

	return n > 0 && n < 10 && (v[n] == '\0' || (v[n] == '%' &&
	    v[n + 1] == '\0'));
}

/* A mailto: link copied with blanks and controls stripped, or NULL. */
static char *
htmlattr_mailto(const char *v)
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
htmlattr_data_image(const char *v)
{
	static const char *const types[] = { "gif", "jpeg", "png", "webp" };
	const char *p;
	char *out, *o;
	size_t i, n = 0;

	v += strspn(v, HTMLATTR_WS);
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
		if (strchr(HTMLATTR_WS, *p) != NULL)
			continue;
		if (*p == '_' || (!htmlattr_is_word(*p) &&
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
htmlattr_url(const char *v, const char *base)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *u, *e, *o;
	size_t n;

	if ((u = url_resolve(base, v)) == NULL)
		return NULL;
	if (!url_scheme_is(u, "http,https")) {
		free(u);
		return NULL;
	}
	/* an empty fragment is no fragment ("a.html#" is "a.html") */
	if ((n = strlen(u)) > 0 && u[n - 1] == '#' &&
	    strchr(u, '#') == u + n - 1)
		u[--n] = '\0';
	/*
	 * What a URL cannot hold as it is (space, quotes, angle brackets,
	 * non-ASCII), left by curl in a fragment or path, is percent-encoded
	 * as browsers do: read again, the URL is then the same.
	 */
	if ((e = malloc(3 * n + 1)) == NULL) {
		free(u);
		return NULL;
	}
	for (o = e, p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 0xf];
		} else
			*o++ = (char)*p;
	*o = '\0';
	free(u);
	return e;
}

/* 1 when d is a srcset descriptor: none, or one width (w) or density (x). */
static int
htmlattr_srcset_desc_ok(const char *d)
{
	size_t n = strspn(d, HTMLATTR_DIGITS);

	if (*d == '\0')
		return 1;
	if (n > 0 && d[n] == '.')
		n += 1 + strspn(d + n + 1, HTMLATTR_DIGITS);
	return n > 0 && n < 12 && (d[n] == 'w' || d[n] == 'x') &&
	    d[n + 1] == '\0';
}

/*
 * A srcset with each candidate's URL resolved; candidates that are not
 * http(s) or whose descriptor is odd are dropped. NULL when none is left.
 */
static char *
htmlattr_srcset(const char *v, const char *base)
{
	struct strbuf b = STRBUF_INIT;
	char *copy, *p, *url, *end, *desc, *u;
	size_t n;

	if ((copy = strdup(v)) == NULL)
		return NULL;
	for (p = copy; *(p += strspn(p, HTMLATTR_WS ",")) != '\0';) {
		url = p;
		p += strcspn(p, HTMLATTR_WS);
		for (end = p; end > url && end[-1] == ','; end--)
			;
		desc = "";
		if (end == p) {		/* no comma ends the URL: descriptors */
			desc = p;
			p += strcspn(p, ",");
			if (*p != '\0')
				*p++ = '\0';
			n = strlen(desc);
			desc = htmlattr_trim(desc, &n);
			desc[n] = '\0';
		}
		*end = '\0';
		if (!htmlattr_srcset_desc_ok(desc) ||
		    (u = htmlattr_url(url, base)) == NULL)
			continue;
		if (b.len > 0)
			strbuf_str(&b, ", ");
		strbuf_str(&b, u);
		if (*desc != '\0') {
			strbuf_str(&b, " ");
			strbuf_str(&b, desc);
		}
		free(u);
	}
	free(copy);
	if (b.len == 0) {
		free(b.s);
		return NULL;
	}
	return strbuf_take(&b);
}

/* A bare number (or percentage), or nothing at all, else NULL. */
static char *
htmlattr_number(const char *v)
{
	v += strspn(v, HTMLATTR_WS);
	return *v == '\0' || htmlattr_is_number(v) ? strdup(v) : NULL;
}

/* A colour name or #hex code, or nothing at all, else NULL. */
static char *
htmlattr_color(const char *v)
{
	size_t n = strlen(v);

	if (n > 32 || strspn(v, "#" HTMLATTR_DIGITS "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return NULL;
	return strdup(v);
}

char *
htmlattr_value(int idx, const char *elem, const char *v, const char *base)
{
	const struct htmlattr *a = &htmlattr_table[idx];
	char *u;

	if (a->flags & HTMLATTR_BOOL)
		return strdup(a->name);
	if (a->flags & HTMLATTR_NUMBER)
		return htmlattr_number(v);
	if (a->flags & HTMLATTR_COLOR)
		return htmlattr_color(v);
	if (a->flags & HTMLATTR_STYLE)
		return htmlattr_css_clean(v);
	if (a->flags & HTMLATTR_SRCSET)
		return htmlattr_srcset(v, base);
	if (!(a->flags & HTMLATTR_URL))
		return strdup(v);
	if ((a->flags & HTMLATTR_MAILTO) && (u = htmlattr_mailto(v)) != NULL)
		return u;
	if ((a->flags & HTMLATTR_DATAIMG) && strcmp(elem, "img") == 0 &&
	    (u = htmlattr_data_image(v)) != NULL)
		return u;
	return htmlattr_url(v, base);
}

int
htmlattr_find(const char *elem, const char *name)
{
	const struct htmlattr *a;

	a = bsearch(name, htmlattr_table, HTMLATTR_N, sizeof(htmlattr_table[0]),
	    htmlattr_attr_cmp_cb);
	if (a == NULL || (a->elems != NULL &&
	    !htmlattr_word_in(a->elems, elem)))
		return -1;
	return (int)(a - htmlattr_table);
}

int
htmlattr_frame_ok(const char *src, const char *base)
{
	char host[256], *u;
	const char *h;
	size_t i, len;
	int ok = 0;

	if ((u = htmlattr_url(src, base)) == NULL)
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
		ok = HTMLATTR_IN(host, htmlattr_frame_hosts);
	}
	free(u);
	return ok;
}
