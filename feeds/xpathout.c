/*
 * XPath 1.0 output for the selector compiler: the bounded buffer an
 * expression grows in, the spelling of literals, name tests and sibling
 * positions, and the check by libxml2's XPath compiler that every
 * expression, compiled or written by the user, passes before use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "feeds/xpathout.h"

#define XPATHOUT_POS	"count(preceding-sibling::*)"

struct xpathout {
	char		*buf;		/* owns: the expression, NUL-ended */
	size_t		 len;		/* bytes in buf, without the NUL */
	size_t		 cap;		/* bytes allocated for buf */
	size_t		 max;		/* len stays below this */
	int		 error;		/* 0, or errno of the first failure */
};

struct xpathout_error {
	int		 code;		/* xmlXPathError */
	const char	*msg;
};

/* What libxml2's XPath compiler failed on, by code; keep sorted. */
static const struct xpathout_error xpathout_errors[] = {
	{ XPATH_NUMBER_ERROR,			"bad number" },
	{ XPATH_UNFINISHED_LITERAL_ERROR,	"string not closed" },
	{ XPATH_START_LITERAL_ERROR,		"string expected" },
	{ XPATH_VARIABLE_REF_ERROR,		"bad variable reference" },
	{ XPATH_INVALID_PREDICATE_ERROR,	"bad predicate" },
	{ XPATH_EXPR_ERROR,			"invalid expression" },
	{ XPATH_UNCLOSED_ERROR,			"missing ')' or ']'" },
	{ XPATH_UNDEF_PREFIX_ERROR,		"undefined namespace prefix" },
	{ XPATH_ENCODING_ERROR,			"invalid UTF-8" },
	{ XPATH_INVALID_CHAR_ERROR,		"invalid character" },
	{ XPATH_RECURSION_LIMIT_EXCEEDED,	"nested too deeply" },
};

struct xpathout *
xpathout_new(size_t max)
{
	struct xpathout *o;

	if ((o = calloc(1, sizeof(*o))) == NULL)
		return NULL;
	o->max = max;
	return o;
}

void
xpathout_free(struct xpathout *o)
{
	if (o == NULL)
		return;
	free(o->buf);
	free(o);
}

/* Record the first failure; every later append repeats it; always -1. */
static int
xpathout_fail(struct xpathout *o, int error)
{
	if (o->error == 0)
		o->error = error;
	errno = o->error;
	return -1;
}

int
xpathout_putn(struct xpathout *o, const char *s, size_t n)
{
	char *b;
	size_t cap;

	if (o->error != 0)
		return xpathout_fail(o, o->error);
	if (o->len + n >= o->max)
		return xpathout_fail(o, E2BIG);
	if (o->len + n >= o->cap) {
		cap = o->cap == 0 ? 256 : o->cap;
		while (cap <= o->len + n)
			cap *= 2;
		if ((b = realloc(o->buf, cap)) == NULL)
			return xpathout_fail(o, ENOMEM);
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
	return 0;
}

int
xpathout_puts(struct xpathout *o, const char *s)
{
	return xpathout_putn(o, s, strlen(s));
}

int
xpathout_putl(struct xpathout *o, long v)
{
	char b[32];

	snprintf(b, sizeof(b), "%ld", v);
	return xpathout_puts(o, b);
}

/*
 * XPath 1.0 has no escapes, so a value holding both quotes is spelt
 * concat('...', "'", '...').
 */
int
xpathout_put_literal(struct xpathout *o, const char *v, size_t n)
{
	size_t i, j;

	if (memchr(v, '\'', n) == NULL || memchr(v, '"', n) == NULL) {
		const char *q = memchr(v, '\'', n) == NULL ? "'" : "\"";

		xpathout_puts(o, q);
		xpathout_putn(o, v, n);
		return xpathout_puts(o, q);
	}
	xpathout_puts(o, "concat(");
	for (i = 0; i < n; i = j) {
		if (i > 0)
			xpathout_puts(o, ", ");
		if (v[i] == '\'') {
			xpathout_puts(o, "\"'\"");
			j = i + 1;
			continue;
		}
		for (j = i; j < n && v[j] != '\''; j++)
			;
		xpathout_puts(o, "'");
		xpathout_putn(o, v + i, j - i);
		xpathout_puts(o, "'");
	}
	return xpathout_puts(o, ")");
}

static int
xpathout_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether name can stand as an XPath name test (ASCII NCName). */
static int
xpathout_is_ncname(const char *name, size_t n)
{
	size_t i;

	if (n == 0 || !(xpathout_is_alpha(name[0]) || name[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!xpathout_is_alpha(name[i]) &&
		    !(name[i] >= '0' && name[i] <= '9') && name[i] != '-' &&
		    name[i] != '_' && name[i] != '.')
			return 0;
	return 1;
}

/* A name that is no NCName is matched by local-name() instead. */
int
xpathout_put_test(struct xpathout *o, const char *name, size_t n)
{
	if (xpathout_is_ncname(name, n))
		return xpathout_putn(o, name, n);
	xpathout_puts(o, "*[local-name()=");
	xpathout_put_literal(o, name, n);
	return xpathout_puts(o, "]");
}

/* As xpathout_put_test, on the attribute axis. */
int
xpathout_put_attr(struct xpathout *o, const char *name, size_t n)
{
	if (xpathout_is_ncname(name, n)) {
		xpathout_puts(o, "@");
		return xpathout_putn(o, name, n);
	}
	xpathout_puts(o, "@*[local-name()=");
	xpathout_put_literal(o, name, n);
	return xpathout_puts(o, "]");
}

/*
 * The position is count(preceding-sibling::*) + 1 and "at least k
 * preceding siblings" is written preceding-sibling::*[k], where libxml2
 * stops collecting at k.
 */
int
xpathout_put_nth(struct xpathout *o, long a, long b)
{
	long m = a < 0 ? -a : a, k;

	if (a == 0 || (a < 0 && b < 1)) {
		if (b < 1)
			return xpathout_puts(o, "false()");
		if (b > 1) {
			xpathout_puts(o, "preceding-sibling::*[");
			xpathout_putl(o, b - 1);
			xpathout_puts(o, "] and ");
		}
		xpathout_puts(o, "not(preceding-sibling::*[");
		xpathout_putl(o, b);
		return xpathout_puts(o, "])");
	}
	if (a < 0) {
		xpathout_puts(o, "not(preceding-sibling::*[");
		xpathout_putl(o, b);
		xpathout_puts(o, "])");
	} else if (b - 1 >= m) {
		xpathout_puts(o, "preceding-sibling::*[");
		xpathout_putl(o, b - 1);
		xpathout_puts(o, "]");
	} else if (m == 1)
		return xpathout_puts(o, "true()");
	if (m == 1)
		return o->error != 0 ? xpathout_fail(o, o->error) : 0;
	if (a < 0 || b - 1 >= m)
		xpathout_puts(o, " and ");
	k = ((1 - b) % m + m) % m;
	if (k == 0)
		xpathout_puts(o, XPATHOUT_POS " mod ");
	else {
		xpathout_puts(o, "(" XPATHOUT_POS " + ");
		xpathout_putl(o, k);
		xpathout_puts(o, ") mod ");
	}
	xpathout_putl(o, m);
	return xpathout_puts(o, " = 0");
}

const char *
xpathout_str(const struct xpathout *o)
{
	return o->buf != NULL ? o->buf : "";
}

char *
xpathout_take(struct xpathout *o)
{
	char *b = o->buf;

	o->buf = NULL;
	o->len = o->cap = 0;
	return b;
}

/* xmlXPathContext.error: compile errors are reported through err only. */
static void
xpathout_error_cb(void *arg, xmlErrorPtr e)
{
	(void)arg;
	(void)e;
}

/* bsearch comparator over xpathout_errors. */
static int
xpathout_error_cmp_cb(const void *key, const void *elem)
{
	int code = *(const int *)key;
	int other = ((const struct xpathout_error *)elem)->code;

	return code < other ? -1 : code > other;
}

/* A fresh context bounds the nesting and keeps errors off stderr. */
int
xpathout_check(const char *expr, size_t *at, char *err, size_t errlen)
{
	xmlXPathContextPtr ctx;
	xmlXPathCompExprPtr comp;
	const struct xpathout_error *e;
	int code;

	*at = 0;
	if ((ctx = xmlXPathNewContext(NULL)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ctx->error = xpathout_error_cb;
	comp = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
	if (comp != NULL) {
		xmlXPathFreeCompExpr(comp);
		xmlXPathFreeContext(ctx);
		return 0;
	}
	code = ctx->lastError.code - XML_XPATH_EXPRESSION_OK;
	e = bsearch(&code, xpathout_errors, sizeof(xpathout_errors) /
	    sizeof(xpathout_errors[0]), sizeof(xpathout_errors[0]),
	    xpathout_error_cmp_cb);
	if (ctx->lastError.domain == XML_FROM_XPATH &&
	    ctx->lastError.int1 >= 0 &&
	    (size_t)ctx->lastError.int1 <= strlen(expr))
		*at = ctx->lastError.int1;
	snprintf(err, errlen, "invalid XPath: %s", e != NULL ? e->msg :
	    "syntax error");
	xmlXPathFreeContext(ctx);
	return -1;
}

/* Binary operators end in a word; everything else in a sign. */
int
xpathout_wants_operand(const char *s, size_t e)
{
	static const char *const words[] = { " and", " div", " mod", " or" };
	size_t i, n;

	if (e > 0 && strchr("|([,=<>+/@:!", s[e - 1]) != NULL)
		return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		if (e >= n && strncmp(s + e - n, words[i], n) == 0)
			return 1;
	}
	return 0;
}
