/*
 * Selectors of the feeds file for HTML sources. A recursive-descent parser
 * of a CSS subset writes the equivalent XPath 1.0 as it reads, for libxml2
 * to evaluate on trees built by its HTML parser (element and attribute
 * names lower-case). Raw XPath behind "xpath:" and the trailing " @attr"
 * are handled here too; feeds/xpathout.c spells the output and has every
 * expression, ours or the user's, checked by libxml2 before it is handed
 * out. No positional predicate is ever written on a descendant step, so
 * "//" and "descendant-or-self::" mean what CSS means.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/selector.h"
#include "feeds/xpathout.h"

#define SELECTOR_MAX_LEN	1024	/* bytes of selector text */
#define SELECTOR_MAX_XPATH	16384	/* bytes of XPath written */
#define SELECTOR_MAX_NAME	(2 * SELECTOR_MAX_LEN + 8) /* a decoded name */
#define SELECTOR_MAX_NTH	999999999L	/* |a| and |b| of an+b */
#define SELECTOR_XPATH		"xpath:"
#define SELECTOR_XPATH_LEN	6
#define SELECTOR_SIMPLE		"#.[:"	/* what starts a simple selector */
#define SELECTOR_COMBINATORS	">+~"

struct selector_parser {
	const char	*s;		/* borrows: the selector, for columns */
	size_t		 pos;		/* next byte to read */
	size_t		 end;		/* end of the selector proper */
	int		 relative;	/* first step from a context node */
	int		 in_not;	/* inside :not(), which cannot nest */
	int		 failed;	/* err holds the first error */
	struct xpathout	*out;		/* owns: the XPath written so far */
	char		*err;		/* borrows: the caller's message */
	size_t		 errlen;
};

struct selector_pseudo {
	const char	*name;
	int		 has_arg;	/* takes "(...)" */
	int		(*put)(struct selector_parser *, size_t);
};

static int	selector_simple(struct selector_parser *);
static int	selector_first_cb(struct selector_parser *, size_t);
static int	selector_last_cb(struct selector_parser *, size_t);
static int	selector_not_cb(struct selector_parser *, size_t);
static int	selector_nth_cb(struct selector_parser *, size_t);

/* The pseudo-classes understood, by lower-case name; keep sorted. */
static const struct selector_pseudo selector_pseudos[] = {
	{ "first-child",	0,	selector_first_cb },
	{ "last-child",		0,	selector_last_cb },
	{ "not",		1,	selector_not_cb },
	{ "nth-child",		1,	selector_nth_cb },
};

static int	selector_fail(struct selector_parser *, size_t, const char *,
		    ...) __attribute__((format(printf, 3, 4)));

/* Record the first error, at byte pos of the selector; always -1. */
static int
selector_fail(struct selector_parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed)
		return -1;
	p->failed = 1;
	n = snprintf(p->err, p->errlen, "column %zu: ", pos + 1);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The next byte, or 0 at the end of the selector proper. */
static unsigned char
selector_cur(const struct selector_parser *p)
{
	return p->pos < p->end ? (unsigned char)p->s[p->pos] : '\0';
}

/* The byte after the next one, or 0. */
static unsigned char
selector_peek(const struct selector_parser *p)
{
	return p->pos + 1 < p->end ? (unsigned char)p->s[p->pos + 1] : '\0';
}

static int
selector_is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
selector_is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
selector_is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
selector_is_hex(unsigned char c)
{
	return selector_is_digit(c) || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* A byte that may continue a CSS identifier (non-ASCII included). */
static int
selector_is_namechar(unsigned char c)
{
	return selector_is_alpha(c) || selector_is_digit(c) || c == '-' ||
	    c == '_' || c >= 0x80;
}

/* Whether an identifier starts at the next byte (CSS 2.1 "ident"). */
static int
selector_at_name(const struct selector_parser *p)
{
	size_t i = p->pos;
	unsigned char c;

	if (i < p->end && p->s[i] == '-')
		i++;
	if (i >= p->end)
		return 0;
	c = p->s[i];
	if (selector_is_alpha(c) || c == '_' || c >= 0x80)
		return 1;
	if (c == '-')
		return i > p->pos;
	return c == '\\' && i + 1 < p->end && p->s[i + 1] != '\n';
}

static size_t
selector_skip_ws(struct selector_parser *p)
{
	size_t from = p->pos;

	while (selector_is_ws(selector_cur(p)))
		p->pos++;
	return p->pos - from;
}

/* ASCII lower case, as libxml2's HTML parser gives names. */
static void
selector_lower(char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] += 'a' - 'A';
}

/* Record an append that failed (r -1) at the byte being read. */
static int
selector_out(struct selector_parser *p, int r)
{
	if (r == 0)
		return 0;
	if (errno == ENOMEM)
		return selector_fail(p, p->pos, "out of memory");
	return selector_fail(p, p->pos, "selector too complex "
	    "(XPath longer than %d bytes)", SELECTOR_MAX_XPATH);
}

/* The appends the parser makes: p->out's, with failures in p's column. */
static int
selector_putn(struct selector_parser *p, const char *s, size_t n)
{
	return p->failed ? -1 : selector_out(p, xpathout_putn(p->out, s, n));
}

static int
selector_puts(struct selector_parser *p, const char *s)
{
	return p->failed ? -1 : selector_out(p, xpathout_puts(p->out, s));
}

static int
selector_put_literal(struct selector_parser *p, const char *v, size_t n)
{
	return p->failed ? -1 :
	    selector_out(p, xpathout_put_literal(p->out, v, n));
}

static int
selector_put_test(struct selector_parser *p, const char *name, size_t n)
{
	return p->failed ? -1 :
	    selector_out(p, xpathout_put_test(p->out, name, n));
}

static int
selector_put_attr_name(struct selector_parser *p, const char *name, size_t n)
{
	return p->failed ? -1 :
	    selector_out(p, xpathout_put_attr(p->out, name, n));
}

static int
selector_put_nth(struct selector_parser *p, long a, long b)
{
	return p->failed ? -1 : selector_out(p, xpathout_put_nth(p->out, a, b));
}

/* Offset of the first byte of s that is not well-formed UTF-8, else n. */
static size_t
selector_utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, len;
	unsigned long cp;

	for (i = 0; i < n; i += len) {
		if (u[i] < 0x80) {
			len = 1;
			continue;
		}
		if (u[i] >= 0xc2 && u[i] <= 0xdf)
			len = 2, cp = u[i] & 0x1f;
		else if (u[i] >= 0xe0 && u[i] <= 0xef)
			len = 3, cp = u[i] & 0x0f;
		else if (u[i] >= 0xf0 && u[i] <= 0xf4)
			len = 4, cp = u[i] & 0x07;
		else
			return i;
		if (i + len > n)
			return i;
		for (k = 1; k < len; k++) {
			if ((u[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (u[i + k] & 0x3f);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 &&
		    cp <= 0xdfff))) || (len == 4 && (cp < 0x10000 ||
		    cp > 0x10ffff)))
			return i;
	}
	return n;
}

/*
 * Append code point cp as UTF-8 to buf (at least 4 bytes free); what an
 * XPath literal cannot hold (controls, surrogates, NUL) becomes U+FFFD.
 */
static size_t
selector_put_cp(char *buf, unsigned long cp)
{
	if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff ||
	    cp > 0x10ffff)
		cp = 0xfffd;
	if (cp < 0x80) {
		buf[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		buf[0] = (char)(0xc0 | cp >> 6);
		buf[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (char)(0xe0 | cp >> 12);
		buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		buf[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (char)(0xf0 | cp >> 18);
	buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	buf[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Decode the CSS escape at the backslash into buf: up to six hex digits
 * and one optional white space, or the next character as it is.
 */
static int
selector_escape(struct selector_parser *p, char *buf, size_t *n)
{
	unsigned long cp = 0;
	unsigned char c;
	int digits = 0;
	size_t at = p->pos;

	p->pos++;
	if (selector_cur(p) == '\0' || selector_cur(p) == '\n')
		return selector_fail(p, at, "escape at end of line");
	if (selector_cur(p) < 0x20) {
		*n += selector_put_cp(buf + *n, p->s[p->pos++]);
		return 0;
	}
	if (!selector_is_hex(selector_cur(p))) {
		do
			buf[(*n)++] = p->s[p->pos++];
		while ((selector_cur(p) & 0xc0) == 0x80);
		return 0;
	}
	while (digits < 6 && selector_is_hex(c = selector_cur(p))) {
		cp = cp * 16 + (selector_is_digit(c) ? c - '0' :
		    (c | 0x20) - 'a' + 10);
		p->pos++;
		digits++;
	}
	if (selector_cur(p) == '\r' && selector_peek(p) == '\n')
		p->pos++;
	if (selector_is_ws(selector_cur(p)))
		p->pos++;
	*n += selector_put_cp(buf + *n, cp == 0 ? 0xfffd : cp);
	return 0;
}

/* Read an identifier (escapes decoded) into buf; its length, 0 if none. */
static long
selector_name(struct selector_parser *p, char *buf)
{
	size_t n = 0;

	if (!selector_at_name(p))
		return 0;
	while (n + 4 < SELECTOR_MAX_NAME) {
		if (selector_cur(p) == '\\') {
			if (selector_escape(p, buf, &n) == -1)
				return -1;
		} else if (selector_is_namechar(selector_cur(p)))
			buf[n++] = p->s[p->pos++];
		else
			break;
	}
	buf[n] = '\0';
	return (long)n;
}

/* Append "word v is in the space-separated list of attribute name". */
static int
selector_put_word(struct selector_parser *p, const char *name, size_t nlen,
    const char *v, size_t n)
{
	char buf[SELECTOR_MAX_NAME + 2];
	size_t i;

	for (i = 0; i < n; i++)
		if (selector_is_ws(v[i]))
			break;
	if (n == 0 || i < n)	/* a word with spaces matches nothing */
		return selector_puts(p, "false()");
	buf[0] = ' ';
	memcpy(buf + 1, v, n);
	buf[n + 1] = ' ';
	selector_puts(p, "contains(concat(' ', normalize-space(");
	selector_put_attr_name(p, name, nlen);
	selector_puts(p, "), ' '), ");
	selector_put_literal(p, buf, n + 2);
	return selector_puts(p, ")");
}

/* #id and .class, at the '#' or '.'. */
static int
selector_id_class(struct selector_parser *p)
{
	char name[SELECTOR_MAX_NAME];
	unsigned char c = selector_cur(p);
	long n;

	p->pos++;
	if ((n = selector_name(p, name)) == -1)
		return -1;
	if (n == 0)
		return selector_fail(p, p->pos, "name expected after '%c'", c);
	if (c == '.')
		return selector_put_word(p, "class", 5, name, n);
	selector_puts(p, "@id=");
	return selector_put_literal(p, name, n);
}

/* A quoted string, at the quote, into buf. */
static int
selector_string(struct selector_parser *p, char *buf, size_t *n)
{
	unsigned char q = selector_cur(p), c;
	size_t at = p->pos;

	p->pos++;
	for (;;) {
		c = selector_cur(p);
		if (c == '\0' || c == '\n' || *n + 4 >= SELECTOR_MAX_NAME)
			return selector_fail(p, at, "quote not closed");
		if (c == q) {
			p->pos++;
			return 0;
		}
		if (c == '\\' && selector_peek(p) == '\n')
			p->pos += 2;
		else if (c == '\\') {
			if (selector_escape(p, buf, n) == -1)
				return -1;
		} else if (c < 0x20 && c != '\t')
			return selector_fail(p, p->pos,
			    "control character in string");
		else
			buf[(*n)++] = p->s[p->pos++];
	}
}

/* An attribute value, quoted or not (anything up to space or ']'). */
static int
selector_value(struct selector_parser *p, char *buf, size_t *n)
{
	unsigned char c;

	c = selector_cur(p);
	if (c == '"' || c == '\'')
		return selector_string(p, buf, n);
	while ((c = selector_cur(p)) != '\0' && !selector_is_ws(c) &&
	    c != ']' && c != '"' && c != '\'' && c != '[' &&
	    *n + 4 < SELECTOR_MAX_NAME) {
		if (c < 0x20)
			return selector_fail(p, p->pos,
			    "unexpected character '\\x%02x'", c);
		if (c == '\\') {
			if (selector_escape(p, buf, n) == -1)
				return -1;
		} else
			buf[(*n)++] = p->s[p->pos++];
	}
	if (*n == 0 && c == '\0')
		return 1;	/* the caller names the open '[' */
	if (*n == 0)
		return selector_fail(p, p->pos, "attribute value expected");
	return 0;
}

/* Append the predicate for [name op value]; op is one of "=~^$*". */
static int
selector_put_attr(struct selector_parser *p, char op, const char *name,
    size_t nlen, const char *v, size_t vlen)
{
	if (op == '~')
		return selector_put_word(p, name, nlen, v, vlen);
	if (op != '=' && vlen == 0)	/* CSS: an empty value never matches */
		return selector_puts(p, "false()");
	if (op == '=') {
		selector_put_attr_name(p, name, nlen);
		selector_puts(p, "=");
	} else if (op == '^' || op == '*') {
		selector_puts(p, op == '^' ? "starts-with(" : "contains(");
		selector_put_attr_name(p, name, nlen);
		selector_puts(p, ", ");
	} else {
		selector_puts(p, "substring(");
		selector_put_attr_name(p, name, nlen);
		selector_puts(p, ", string-length(");
		selector_put_attr_name(p, name, nlen);
		selector_puts(p, ") - string-length(");
		selector_put_literal(p, v, vlen);
		selector_puts(p, ") + 1) = ");
	}
	selector_put_literal(p, v, vlen);
	return op == '=' || op == '$' ? 0 : selector_puts(p, ")");
}

/* The operator of an attribute selector, one of "=~^$*"; 0 on error. */
static char
selector_attr_op(struct selector_parser *p)
{
	unsigned char c = selector_cur(p);

	if (c == '=') {
		p->pos++;
		return '=';
	}
	if (c != '\0' && strchr("~^$*", c) != NULL &&
	    selector_peek(p) == '=') {
		p->pos += 2;
		return (char)c;
	}
	if (c != '\0' && strchr("|!", c) != NULL && selector_peek(p) == '=')
		selector_fail(p, p->pos, "unsupported attribute operator "
		    "'%c='", c);
	else
		selector_fail(p, p->pos, "unexpected character in attribute "
		    "selector");
	return 0;
}

/* [name], [name op value], at the '['. */
static int
selector_attr(struct selector_parser *p)
{
	char name[SELECTOR_MAX_NAME], v[SELECTOR_MAX_NAME];
	size_t open = p->pos, vlen = 0;
	long n;
	char op;
	int r;

	p->pos++;
	selector_skip_ws(p);
	if ((n = selector_name(p, name)) == -1)
		return -1;
	if (n == 0 && selector_cur(p) != '\0')
		return selector_fail(p, p->pos, "attribute name expected");
	selector_lower(name, n);
	selector_skip_ws(p);
	if (selector_cur(p) == ']') {
		p->pos++;
		return selector_put_attr_name(p, name, n);
	}
	if (selector_cur(p) == '\0')
		return selector_fail(p, open, "unbalanced '['");
	if ((op = selector_attr_op(p)) == 0)
		return -1;
	selector_skip_ws(p);
	if ((r = selector_value(p, v, &vlen)) == -1)
		return -1;
	selector_skip_ws(p);
	if (r == 1 || selector_cur(p) == '\0')
		return selector_fail(p, open, "unbalanced '['");
	if (selector_cur(p) != ']')
		return selector_fail(p, p->pos, "']' expected");
	p->pos++;
	return selector_put_attr(p, op, name, n, v, vlen);
}

/* :first-child; its one preceding sibling, if any, is all libxml2 reads. */
static int
selector_first_cb(struct selector_parser *p, size_t at)
{
	(void)at;
	return selector_puts(p, "not(preceding-sibling::*[1])");
}

/* :last-child. */
static int
selector_last_cb(struct selector_parser *p, size_t at)
{
	(void)at;
	return selector_puts(p, "not(following-sibling::*[1])");
}

/* An unsigned number of :nth-child(), at most SELECTOR_MAX_NTH. */
static int
selector_nth_num(struct selector_parser *p, long *v)
{
	size_t at = p->pos;

	*v = 0;
	while (selector_is_digit(selector_cur(p))) {
		*v = *v * 10 + (selector_cur(p) - '0');
		if (*v > SELECTOR_MAX_NTH)
			return selector_fail(p, at, "number too large in "
			    ":nth-child()");
		p->pos++;
	}
	return p->pos > at ? 0 : selector_fail(p, p->pos,
	    "bad :nth-child() formula");
}

/* The an+b of :nth-child(), after the '(' and any space. */
static int
selector_nth_parse(struct selector_parser *p, long *a, long *b)
{
	char word[8];
	long sign = 1, v;
	size_t k;
	int digits;

	for (k = 0; k < 4 && p->pos + k < p->end &&
	    selector_is_alpha(p->s[p->pos + k]); k++)
		word[k] = p->s[p->pos + k] | 0x20;
	word[k] = '\0';
	if ((k == 3 && strcmp(word, "odd") == 0) ||
	    (k == 4 && strcmp(word, "even") == 0)) {
		p->pos += k;
		*a = 2;
		*b = k == 3;
		return 0;
	}
	if (selector_cur(p) == '+' || selector_cur(p) == '-')
		sign = p->s[p->pos++] == '-' ? -1 : 1;
	v = 1;
	digits = selector_is_digit(selector_cur(p));
	if (digits && selector_nth_num(p, &v) == -1)
		return -1;
	if ((selector_cur(p) | 0x20) != 'n') {
		if (!digits)
			return selector_fail(p, p->pos,
			    "bad :nth-child() formula");
		*a = 0;
		*b = sign * v;
		return 0;
	}
	p->pos++;
	*a = sign * v;
	*b = 0;
	selector_skip_ws(p);
	if (selector_cur(p) != '+' && selector_cur(p) != '-')
		return 0;
	sign = p->s[p->pos++] == '-' ? -1 : 1;
	selector_skip_ws(p);
	if (selector_nth_num(p, &v) == -1)
		return -1;
	*b = sign * v;
	return 0;
}

/* :nth-child(an+b | odd | even), after the '(' (open is its offset). */
static int
selector_nth_cb(struct selector_parser *p, size_t open)
{
	long a = 0, b = 0;

	selector_skip_ws(p);
	if (selector_cur(p) == '\0')
		return selector_fail(p, open, "unbalanced '('");
	if (selector_nth_parse(p, &a, &b) == -1)
		return -1;
	selector_skip_ws(p);
	if (selector_cur(p) == '\0')
		return selector_fail(p, open, "unbalanced '('");
	if (selector_cur(p) != ')')
		return selector_fail(p, p->pos, "bad :nth-child() formula");
	p->pos++;
	return selector_put_nth(p, a, b);
}

/* :not(simple), after the '(' (open is its offset). */
static int
selector_not_cb(struct selector_parser *p, size_t open)
{
	char name[SELECTOR_MAX_NAME];
	unsigned char c;
	long n;

	p->in_not = 1;
	selector_puts(p, "not(");
	selector_skip_ws(p);
	c = selector_cur(p);
	if (c == '*') {
		p->pos++;
		selector_puts(p, "self::*");
	} else if (selector_at_name(p)) {
		if ((n = selector_name(p, name)) == -1)
			return -1;
		selector_lower(name, n);
		selector_puts(p, "self::");
		selector_put_test(p, name, n);
	} else if (c != '\0' && strchr(SELECTOR_SIMPLE, c) != NULL) {
		if (selector_simple(p) == -1)
			return -1;
	} else if (c == ')')
		return selector_fail(p, p->pos, "empty :not()");
	else if (c != '\0')
		return selector_fail(p, p->pos, "unexpected character in "
		    ":not()");
	selector_skip_ws(p);
	c = selector_cur(p);
	if (c == '\0')
		return selector_fail(p, open, "unbalanced '('");
	if (c != ')')
		return selector_fail(p, p->pos, strchr(SELECTOR_SIMPLE "*", c)
		    != NULL || selector_at_name(p) ? ":not() takes one simple "
		    "selector" : "unexpected character in :not()");
	p->pos++;
	p->in_not = 0;
	return selector_puts(p, ")");
}

/* bsearch comparator over selector_pseudos. */
static int
selector_pseudo_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct selector_pseudo *)elem)->name);
}

/* A pseudo-class, at the ':'. */
static int
selector_pseudo(struct selector_parser *p)
{
	const struct selector_pseudo *ps;
	char name[SELECTOR_MAX_NAME];
	size_t colon = p->pos;
	long n;

	p->pos++;
	if (selector_cur(p) == ':')
		return selector_fail(p, colon, "pseudo-elements are not "
		    "supported");
	if ((n = selector_name(p, name)) == -1)
		return -1;
	if (n == 0)
		return selector_fail(p, p->pos, "pseudo-class name expected");
	selector_lower(name, n);
	ps = bsearch(name, selector_pseudos, sizeof(selector_pseudos) /
	    sizeof(selector_pseudos[0]), sizeof(selector_pseudos[0]),
	    selector_pseudo_cmp_cb);
	if (ps == NULL)
		return selector_fail(p, colon, "unknown pseudo-class ':%.32s'",
		    name);
	if (ps->put == selector_not_cb && p->in_not)
		return selector_fail(p, colon, ":not() cannot be nested");
	if (ps->has_arg && selector_cur(p) != '(')
		return selector_fail(p, p->pos, "'(' expected after :%s",
		    ps->name);
	if (!ps->has_arg && selector_cur(p) == '(')
		return selector_fail(p, p->pos, ":%s takes no argument",
		    ps->name);
	if (ps->has_arg)
		p->pos++;
	return ps->put(p, p->pos - 1);
}

/* One simple selector other than a type: its predicate, unbracketed. */
static int
selector_simple(struct selector_parser *p)
{
	switch (selector_cur(p)) {
	case '#':
	case '.':
		return selector_id_class(p);
	case '[':
		return selector_attr(p);
	default:
		return selector_pseudo(p);
	}
}

/* Complain about the next byte, which nothing expects. */
static int
selector_unexpected(struct selector_parser *p)
{
	unsigned char c = selector_cur(p);

	if (c == ')' || c == ']')
		return selector_fail(p, p->pos, "unbalanced '%c'", c);
	if (c == '(' || c == '[')
		return selector_fail(p, p->pos, "unexpected '%c'", c);
	if (c == '@')
		return selector_fail(p, p->pos, "unexpected '@' (an attribute "
		    "is named last, after a selector and a space)");
	if (c > 0x20 && c < 0x7f)
		return selector_fail(p, p->pos, "unexpected character '%c'",
		    c);
	return selector_fail(p, p->pos, "unexpected character '\\x%02x'", c);
}

/*
 * A compound selector reached through combinator comb (0 for the first):
 * the step with its node test, then one predicate per simple selector.
 */
static int
selector_compound(struct selector_parser *p, char comb)
{
	char name[SELECTOR_MAX_NAME];
	long n = 0;

	if (selector_cur(p) == '*')
		p->pos++;
	else if ((n = selector_name(p, name)) == -1)
		return -1;
	else if (n == 0 && (selector_cur(p) == '\0' ||
	    strchr(SELECTOR_SIMPLE, selector_cur(p)) == NULL))
		return selector_unexpected(p);
	selector_lower(name, n);
	if (comb == 0)
		selector_puts(p, p->relative ? "descendant-or-self::" : "//");
	else if (comb == ' ')
		selector_puts(p, "//");
	else if (comb == '>')
		selector_puts(p, "/");
	else if (comb == '~')
		selector_puts(p, "/following-sibling::");
	else
		selector_puts(p, n > 0 ? "/following-sibling::*[1]/self::" :
		    "/following-sibling::*[1]");
	if (n > 0)
		selector_put_test(p, name, n);
	else if (comb != '+')
		selector_puts(p, "*");
	while (selector_cur(p) != '\0' &&
	    strchr(SELECTOR_SIMPLE, selector_cur(p)) != NULL) {
		selector_puts(p, "[");
		if (selector_simple(p) == -1)
			return -1;
		selector_puts(p, "]");
	}
	return p->failed ? -1 : 0;
}

/* Compound selectors joined by combinators, up to ',' or the end. */
static int
selector_complex(struct selector_parser *p)
{
	char comb = 0;
	size_t at;
	int ws;

	for (;;) {
		if (selector_compound(p, comb) == -1)
			return -1;
		ws = selector_skip_ws(p) > 0;
		if (selector_cur(p) == '\0' || selector_cur(p) == ',')
			return 0;
		if (selector_cur(p) != '\0' &&
		    strchr(SELECTOR_COMBINATORS, selector_cur(p)) != NULL) {
			at = p->pos;
			comb = p->s[p->pos++];
			selector_skip_ws(p);
			if (selector_cur(p) == '\0' ||
			    strchr("," SELECTOR_COMBINATORS,
			    selector_cur(p)) != NULL)
				return selector_fail(p, at, "dangling "
				    "combinator '%c'", comb);
		} else if (ws)
			comb = ' ';
		else
			return selector_unexpected(p);
	}
}

/* A group of complex selectors joined by ',': an XPath union. */
static int
selector_group(struct selector_parser *p)
{
	unsigned char c;

	for (;;) {
		selector_skip_ws(p);
		c = selector_cur(p);
		if (c == '\0' || c == ',')
			return selector_fail(p, p->pos, "empty selector");
		if (strchr(SELECTOR_COMBINATORS, c) != NULL)
			return selector_fail(p, p->pos, "dangling combinator "
			    "'%c'", c);
		if (selector_complex(p) == -1)
			return -1;
		if (selector_cur(p) == '\0')
			return 0;
		p->pos++;	/* the ',' */
		selector_puts(p, " | ");
	}
}

/*
 * Split a trailing " @name" off the selector: sets p->end before the
 * space and *attr to the lower-cased name.
 */
static int
selector_trailing_attr(struct selector_parser *p, char **attr)
{
	size_t e = p->end, e2, i, i0, at;

	while (e > 0 && selector_is_ws(p->s[e - 1]))
		e--;
	for (i = e; i > 0 && (selector_is_namechar(p->s[i - 1]) ||
	    p->s[i - 1] == ':' || p->s[i - 1] == '.'); i--)
		;
	if (i == 0 || p->s[i - 1] != '@')
		return 0;
	at = i - 1;
	if (at == 0 || !selector_is_ws(p->s[at - 1]))
		return 0;	/* not ours: a CSS error or XPath's own '@' */
	for (e2 = at; e2 > 0 && selector_is_ws(p->s[e2 - 1]); e2--)
		;
	for (i0 = 0; selector_is_ws(p->s[i0]); i0++)
		;
	if (strncmp(p->s + i0, SELECTOR_XPATH, SELECTOR_XPATH_LEN) == 0 &&
	    e2 >= i0 + SELECTOR_XPATH_LEN && xpathout_wants_operand(p->s, e2))
		return 0;
	if (i == e)
		return selector_fail(p, i, "attribute name expected after "
		    "'@'");
	if (!selector_is_alpha(p->s[i]) && p->s[i] != '_')
		return selector_fail(p, i, "bad attribute name");
	if ((*attr = strndup(p->s + i, e - i)) == NULL)
		return selector_fail(p, i, "out of memory");
	selector_lower(*attr, e - i);
	p->end = e2;
	return 0;
}

/* Have libxml2 compile expr, which starts at byte off of the selector. */
static int
selector_xpath_check(struct selector_parser *p, const char *expr, size_t off)
{
	char msg[128];
	size_t at;

	if (xpathout_check(expr, &at, msg, sizeof(msg)) == -1)
		return selector_fail(p, off + at, "%s", msg);
	return 0;
}

/* "xpath:EXPR": EXPR as it is, once libxml2 has compiled it. */
static int
selector_raw(struct selector_parser *p)
{
	size_t off = p->pos + SELECTOR_XPATH_LEN;

	p->pos = off;
	selector_skip_ws(p);
	if (selector_cur(p) == '\0')
		return selector_fail(p, p->pos, "empty XPath");
	if (selector_putn(p, p->s + off, p->end - off) == -1)
		return -1;
	return selector_xpath_check(p, xpathout_str(p->out), off);
}

int
selector_compile(const char *s, int relative, char **xpath, char **attr,
    char *err, size_t errlen)
{
	struct selector_parser p;
	size_t n, bad;

	*xpath = NULL;
	*attr = NULL;
	memset(&p, 0, sizeof(p));
	p.s = s;
	p.relative = relative;
	p.err = err;
	p.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';
	if ((n = strlen(s)) > SELECTOR_MAX_LEN)
		return selector_fail(&p, SELECTOR_MAX_LEN, "selector longer "
		    "than %d bytes", SELECTOR_MAX_LEN);
	if ((bad = selector_utf8_check(s, n)) < n)
		return selector_fail(&p, bad, "invalid UTF-8");
	p.end = n;
	if ((p.out = xpathout_new(SELECTOR_MAX_XPATH)) == NULL)
		return selector_fail(&p, 0, "out of memory");
	if (selector_trailing_attr(&p, attr) == -1)
		goto fail;
	selector_skip_ws(&p);
	if (p.pos + SELECTOR_XPATH_LEN <= p.end &&
	    strncmp(s + p.pos, SELECTOR_XPATH, SELECTOR_XPATH_LEN) == 0) {
		if (selector_raw(&p) == -1)
			goto fail;
	} else if (selector_group(&p) == -1 || p.failed)
		goto fail;
	else if (selector_xpath_check(&p, xpathout_str(p.out), 0) == -1) {
		snprintf(err, errlen, "column 1: internal error: selector "
		    "compiled to XPath libxml2 refuses");
		goto fail;
	}
	*xpath = xpathout_take(p.out);
	xpathout_free(p.out);
	return 0;
fail:
	xpathout_free(p.out);
	free(*attr);
	*attr = NULL;
	return -1;
}
