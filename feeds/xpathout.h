/*
 * XPath 1.0 output for the selector compiler: a bounded growing buffer,
 * string literals, name tests, the :nth-child() position test, and the
 * check of a finished expression by libxml2's XPath compiler.
 */
#ifndef FEEDS_XPATHOUT_H
#define FEEDS_XPATHOUT_H

#include <stddef.h>

struct xpathout;

/*
 * A new, empty expression that may grow to fewer than max bytes; NULL on
 * ENOMEM. Every xpathout_put* returns 0, or -1 with errno E2BIG (max
 * reached) or ENOMEM; the first failure sticks and later ones repeat it.
 */
struct xpathout	*xpathout_new(size_t max);
void		 xpathout_free(struct xpathout *);
int		 xpathout_putn(struct xpathout *, const char *, size_t);
int		 xpathout_puts(struct xpathout *, const char *);
int		 xpathout_putl(struct xpathout *, long);

/* Append v as a string literal, with concat() when it holds both quotes. */
int		 xpathout_put_literal(struct xpathout *, const char *v,
		    size_t n);

/* Append the node test, or the attribute step, for a lower-case name. */
int		 xpathout_put_test(struct xpathout *, const char *name,
		    size_t n);
int		 xpathout_put_attr(struct xpathout *, const char *name,
		    size_t n);

/* Append the test that an element is at position a*n+b among siblings. */
int		 xpathout_put_nth(struct xpathout *, long a, long b);

/* The expression so far ("" when empty); borrowed from o. */
const char	*xpathout_str(const struct xpathout *);

/* Hand the expression to the caller, who frees it; o is emptied. */
char		*xpathout_take(struct xpathout *);

/*
 * Compile expr with libxml2. Returns 0, or -1 with *at the byte offset in
 * expr of the failure and err holding "invalid XPath: reason" (or "out of
 * memory", *at 0).
 */
int		 xpathout_check(const char *expr, size_t *at, char *err,
		    size_t errlen);

/*
 * Whether raw XPath s ending at byte e expects an operand, so that an
 * "@x" after it would be XPath's own attribute step.
 */
int		 xpathout_wants_operand(const char *s, size_t e);

#endif /* FEEDS_XPATHOUT_H */
