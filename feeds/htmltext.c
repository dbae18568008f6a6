/*
 * The plain text of sanitized HTML, read in one pass without a parse.
 * html_sanitize writes well-formed markup with quoted, escaped attribute
 * values and only &amp; &lt; &gt; &quot; in text, so a scanner of tags,
 * references and text gives what html_to_text's libxml2 tree gives: the
 * text, a word break at each block element (html_text_flags), dropped
 * elements left out, white space squeezed as html_squeeze does it (here
 * while writing) and text cleaned as html.c cleans it (invalid UTF-8 to
 * U+FFFD, characters XML cannot carry dropped, C1 controls read as
 * windows-1252). Any other input (comments, CDATA, unquoted or unclosed
 * tags, script) is read in linear time to a text without markup.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "feeds/html.h"
#include "feeds/htmltext.h"

#define HTMLTEXT_NAME_MAX	16	/* a longer tag name is no element
					 * html.c knows */
#define HTMLTEXT_REF_MAX	32	/* a longer entity name is no entity */
#define HTMLTEXT_REPLACEMENT	0xfffd

/* The text being written, squeezed as it goes. */
struct htmltext_out {
	char		*s;		/* owns */
	size_t		 len;
	size_t		 cap;
	int		 space;		/* white space is pending */
	int		 err;		/* ENOMEM: writes do nothing */
	size_t		 quiet;		/* start tags of the dropped element
					 * open; nothing is written while > 0 */
	char		 drop[HTMLTEXT_NAME_MAX];	/* its name */
	size_t		 droplen;
};

/* A tag name, lower-cased; len 0 when it is too long to be an element. */
struct htmltext_name {
	char		 s[HTMLTEXT_NAME_MAX];
	size_t		 len;
};

/*
 * Bytes that are text as they are: printable ASCII but the starts of tags
 * and references. White space, controls and non-ASCII bytes need a look.
 */
static const unsigned char htmltext_plain[256] = {
	['!'] = 1, ['"'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['\''] = 1,
	['('] = 1, [')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1,
	['.'] = 1, ['/'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
	['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	[':'] = 1, [';'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1,
	['_'] = 1, ['`'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
	['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
	['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1, ['{'] = 1, ['|'] = 1,
	['}'] = 1, ['~'] = 1, [0x7f] = 1,
};

/* Make room for n more bytes, a pending space and the NUL. */
static int
htmltext_grow(struct htmltext_out *o, size_t n)
{
	size_t cap = o->cap;
	char *s;

	if (o->err)
		return -1;
	if (o->cap - o->len >= n + 2)
		return 0;
	/* cap >= len, so one step makes room */
	if (cap > ((size_t)-1 - n - 2) / 2) {
		o->err = 1;
		return -1;
	}
	cap = cap * 2 + n + 2;
	if ((s = realloc(o->s, cap)) == NULL) {
		o->err = 1;
		return -1;
	}
	o->s = s;
	o->cap = cap;
	return 0;
}

/* Write text s[0..n) that holds no white space. */
static void
htmltext_add(struct htmltext_out *o, const char *s, size_t n)
{
	if (o->quiet > 0 || n == 0 || htmltext_grow(o, n) == -1)
		return;
	if (o->space && o->len > 0)
		o->s[o->len++] = ' ';
	o->space = 0;
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

/* A word break: white space in the text, or a block element's edge. */
static void
htmltext_space(struct htmltext_out *o)
{
	if (o->quiet == 0)
		o->space = 1;
}

/*
 * Write code point c as html.c's text would hold it: white space pending,
 * characters XML cannot carry dropped, C1 controls as windows-1252.
 */
static void
htmltext_put(struct htmltext_out *o, unsigned int c)
{
	char u[4];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0 ||
	    c == 0x3000) {
		htmltext_space(o);
		return;
	}
	if (c < 0x20 || c == 0xfffe || c == 0xffff)
		return;
	if (c >= 0x80 && c <= 0x9f && (c = html_c1(c)) == 0)
		return;
	if (c < 0x80) {
		u[0] = (char)c;
		htmltext_add(o, u, 1);
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		htmltext_add(o, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		htmltext_add(o, u, 3);
	} else {
		u[0] = (char)(0xf0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3f));
		u[2] = (char)(0x80 | (c >> 6 & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		htmltext_add(o, u, 4);
	}
}

/*
 * The end of the text at p that is written as it is: plain ASCII, valid
 * UTF-8 that is neither white space, C1 nor a non-character, and single
 * spaces between plain characters (already squeezed: prose is one run).
 * The NUL at end stops the scan.
 */
static const unsigned char *
htmltext_run(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *start = p;
	unsigned int c;
	size_t n;

	for (;;) {
		while (htmltext_plain[*p])
			p++;
		if (*p == ' ' && p > start && htmltext_plain[p[1]]) {
			p++;
			continue;
		}
		if (*p < 0x80 || (n = html_utf8_next(p, end, &c)) == 0 ||
		    c <= 0xa0 || c == 0x3000 || c == 0xfffe || c == 0xffff)
			return p;
		p += n;
	}
}

/* Where the construct at p ends (after close), or end. */
static const char *
htmltext_skip_to(const char *p, const char *end, const char *close)
{
	size_t cl = strlen(close);

	while ((p = memchr(p, close[0], (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < cl)
			break;
		if (memcmp(p, close, cl) == 0)
			return p + cl;
		p++;
	}
	return end;
}

/* Read the tag name at p, lower-cased into name; returns its end. */
static const char *
htmltext_name(const char *p, const char *end, struct htmltext_name *name)
{
	const char *q = p;
	char c;

	name->len = 0;
	for (; q < end; q++) {
		c = *q;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == ':' || c == '.'))
			break;
		if (q - p < HTMLTEXT_NAME_MAX)
			name->s[q - p] = c;
	}
	if (q - p < HTMLTEXT_NAME_MAX)
		name->len = (size_t)(q - p);
	return q;
}

/*
 * The end of the start tag whose attributes begin at p (after its '>'),
 * or end; *empty is set when it closes itself ("/>"). A quote opens a
 * value only after '=', as in HTML, so a stray one in a name is harmless.
 */
static const char *
htmltext_attrs(const char *p, const char *end, int *empty)
{
	const char *q;
	int eq = 0;

	*empty = 0;
	for (; p < end; p++) {
		if (*p == '>') {
			*empty = p[-1] == '/';
			return p + 1;
		}
		if (eq && (*p == '"' || *p == '\'')) {
			if ((q = memchr(p + 1, *p, (size_t)(end - p - 1))) ==
			    NULL)
				return end;
			p = q;
			eq = 0;
		} else if (*p == '=')
			eq = 1;
		else if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' &&
		    *p != '\f')
			eq = 0;
	}
	return end;
}

/* Past the script or style at p (after its start tag): libxml2 reads
 * what is inside as text up to the first end tag of that name. */
static const char *
htmltext_skip_raw(const char *p, const char *end,
    const struct htmltext_name *name)
{
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) > name->len + 1 && p[1] == '/' &&
		    strncasecmp(p + 2, name->s, name->len) == 0)
			return p;
		p++;
	}
	return end;
}

/*
 * Read the start tag whose name is at p: a block element breaks words, a
 * dropped one silences the text up to its end tag. Returns its end.
 */
static const char *
htmltext_start(struct htmltext_out *o, const char *p, const char *end)
{
	struct htmltext_name name;
	int flags, empty;

	p = htmltext_name(p, end, &name);
	p = htmltext_attrs(p, end, &empty);
	flags = html_text_flags(name.s, name.len);
	if (o->quiet > 0) {
		if (!empty && name.len == o->droplen &&
		    memcmp(name.s, o->drop, name.len) == 0)
			o->quiet++;
	} else if (flags & HTML_TEXT_DROP) {
		if (empty)	/* "<x/>": nothing inside to drop */
			return p;
		memcpy(o->drop, name.s, name.len);
		o->droplen = name.len;
		o->quiet = 1;
	} else if (flags & HTML_TEXT_BLOCK)
		htmltext_space(o);
	if (!empty && (flags & HTML_TEXT_DROP) && ((name.len == 6 &&
	    memcmp(name.s, "script", 6) == 0) || (name.len == 5 &&
	    memcmp(name.s, "style", 5) == 0)))
		p = htmltext_skip_raw(p, end, &name);
	return p;
}

/* Read the end tag whose name is at p; returns its end. */
static const char *
htmltext_end(struct htmltext_out *o, const char *p, const char *end)
{
	struct htmltext_name name;
	const char *q;
	int flags;

	p = htmltext_name(p, end, &name);
	p = (q = memchr(p, '>', (size_t)(end - p))) != NULL ? q + 1 : end;
	if (o->quiet > 0) {
		if (name.len == o->droplen &&
		    memcmp(name.s, o->drop, name.len) == 0)
			o->quiet--;
		return p;
	}
	flags = html_text_flags(name.s, name.len);
	if ((flags & HTML_TEXT_BLOCK) && !(flags & HTML_TEXT_DROP))
		htmltext_space(o);
	return p;
}

/*
 * Read the markup at p ('<'): tags, comments, CDATA sections,
 * declarations and processing instructions; a '<' that opens none is
 * text, as libxml2 and HTML read it. Returns where the text resumes.
 */
static const char *
htmltext_tag(struct htmltext_out *o, const char *p, const char *end)
{
	size_t left = (size_t)(end - p);

	if (left >= 4 && memcmp(p, "<!--", 4) == 0)
		return htmltext_skip_to(p + 4, end, "-->");
	if (left >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
		return htmltext_skip_to(p + 9, end, "]]>");
	if (left >= 2 && (p[1] == '!' || p[1] == '?'))
		return htmltext_skip_to(p + 2, end, ">");
	if (left >= 3 && p[1] == '/' && isalpha((unsigned char)p[2]))
		return htmltext_end(o, p + 2, end);
	if (left >= 2 && p[1] == '/')
		return htmltext_skip_to(p + 2, end, ">");
	if (left >= 2 && isalpha((unsigned char)p[1]))
		return htmltext_start(o, p + 1, end);
	htmltext_add(o, "<", 1);
	return p + 1;
}

/* The code point of entity name[0..n), 0 when HTML has no such entity. */
static unsigned int
htmltext_entity(const char *name, size_t n)
{
	const htmlEntityDesc *e;
	char buf[HTMLTEXT_REF_MAX + 1];

	/* all sanitized text holds, before any lookup */
	if (n == 3 && memcmp(name, "amp", 3) == 0)
		return '&';
	if (n == 2 && memcmp(name, "lt", 2) == 0)
		return '<';
	if (n == 2 && memcmp(name, "gt", 2) == 0)
		return '>';
	if (n == 4 && memcmp(name, "quot", 4) == 0)
		return '"';
	if (n > HTMLTEXT_REF_MAX)
		return 0;
	memcpy(buf, name, n);
	buf[n] = '\0';
	if ((e = htmlEntityLookup((const xmlChar *)buf)) == NULL)
		return 0;
	return e->value;
}

/* Value of hex or decimal digit c, or -1. */
static int
htmltext_digit(char c, int hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (hex && c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Read the character reference at p ("&#"): as libxml2 does, the ';' may
 * be missing and a value XML cannot carry gives nothing. Returns its end.
 */
static const char *
htmltext_charref(struct htmltext_out *o, const char *p, const char *end)
{
	const char *q = p + 2, *digits;
	unsigned int c = 0;
	int hex = 0, d;

	if (q < end && (*q == 'x' || *q == 'X')) {
		hex = 1;
		q++;
	}
	for (digits = q; q < end && (d = htmltext_digit(*q, hex)) != -1;
	    q++)
		if (c < 0x110000)
			c = c * (hex ? 16 : 10) + (unsigned int)d;
	if (q == digits) {
		htmltext_add(o, "&", 1);
		return p + 1;
	}
	if (q < end && *q == ';')
		q++;
	if (c < 0x110000 && (c < 0xd800 || c > 0xdfff))
		htmltext_put(o, c);
	return q;
}

/*
 * Read the reference at p ('&'); what names no character is text.
 * Returns where the text resumes.
 */
static const char *
htmltext_ref(struct htmltext_out *o, const char *p, const char *end)
{
	const char *q;
	unsigned int c;

	if (end - p >= 2 && p[1] == '#')
		return htmltext_charref(o, p, end);
	for (q = p + 1; q < end && q - p <= HTMLTEXT_REF_MAX + 1 &&
	    isalnum((unsigned char)*q); q++)
		continue;
	if (q < end && *q == ';' && q > p + 1 &&
	    (c = htmltext_entity(p + 1, (size_t)(q - p - 1))) != 0) {
		htmltext_put(o, c);
		return q + 1;
	}
	htmltext_add(o, "&", 1);
	return p + 1;
}

/* Read the character at p that is no plain text: white space, a
 * control, or UTF-8 that is special or invalid. Returns its end. */
static const char *
htmltext_char(struct htmltext_out *o, const char *p, const char *end)
{
	unsigned int c;
	size_t n;

	if ((n = html_utf8_next((const unsigned char *)p,
	    (const unsigned char *)end, &c)) == 0) {
		htmltext_put(o, HTMLTEXT_REPLACEMENT);
		return p + 1;
	}
	htmltext_put(o, c);
	return p + n;
}

/*
 * One pass: runs of plain text are copied, everything else goes to the
 * reader of its kind, each of which returns where the text resumes. The
 * NUL after the input ends the runs.
 */
char *
htmltext(const char *html, size_t max)
{
	struct htmltext_out o;
	const char *p, *q, *end;
	size_t len;

	if (html == NULL || (len = strlen(html)) > max)
		return NULL;
	memset(&o, 0, sizeof(o));
	if (htmltext_grow(&o, len) == -1)
		return NULL;
	for (p = html, end = html + len; p < end; ) {
		q = (const char *)htmltext_run((const unsigned char *)p,
		    (const unsigned char *)end);
		if (q > p)
			htmltext_add(&o, p, (size_t)(q - p));
		if ((p = q) == end)
			break;
		if (*p == '<')
			p = htmltext_tag(&o, p, end);
		else if (*p == '&')
			p = htmltext_ref(&o, p, end);
		else if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			htmltext_space(&o);
			p++;
		} else
			p = htmltext_char(&o, p, end);
	}
	if (o.err) {
		free(o.s);
		return NULL;
	}
	o.s[o.len] = '\0';
	return o.s;
}
