/*
 * The value syntax of the feeds file: numbers with unit suffixes, quoted
 * text, comma-separated lists, listen addresses, URLs and paths. Each
 * function takes plain text (already cut from its line and trimmed) and
 * gives a value, or -1/NULL and a message in the caller's err buffer that
 * quotes the offending value but not the key; daemon/conf adds the key
 * and the file:line. No I/O, no globals.
 */
#ifndef DAEMON_CONFVAL_H
#define DAEMON_CONFVAL_H

#include <stddef.h>

/* What a number counts, which decides the unit suffixes it may carry. */
enum confval_unit {
	CONFVAL_INT,		/* a plain whole number, no suffix */
	CONFVAL_DURATION,	/* seconds; s, m, h, d */
	CONFVAL_SIZE		/* bytes; K, M, G (any case, 1024-based) */
};

/* The white space of the feeds file: blank, tab, \v, \f, \r (no \n). */
int	 confval_isspace(int c);

/*
 * Read v (digits and an optional suffix of unit) into *out, which must lie
 * in min..max; on error returns -1 with "expected ..." or "... is out of
 * range (min to max)" in err.
 */
int	 confval_number(const char *v, enum confval_unit unit, long long min,
	    long long max, long long *out, char *err, size_t errlen);

/* n in unit's largest exact suffix ("30m", "16M", "7"); returns buf. */
const char *confval_fmtnum(enum confval_unit unit, long long n, char *buf,
	    size_t len);

/* A malloc'd copy of v without one pair of enclosing double quotes (the
 * caller owns it); NULL when out of memory. */
char	*confval_unquote(const char *v);

/* v unquoted as non-empty text, malloc'd (the caller owns it); else NULL
 * and err. */
char	*confval_text(const char *v, char *err, size_t errlen);

/*
 * Split the comma-separated list v: items are trimmed, an item in double
 * quotes may hold commas, an empty item is an error. Returns a malloc'd,
 * NULL-terminated array of *np >= 1 malloc'd strings (the caller owns
 * all, see confval_list_free), or NULL and err.
 */
char	**confval_list(const char *v, size_t *np, char *err, size_t errlen);

/* Free what confval_list returned; NULL is a no-op. */
void	 confval_list_free(char **list);

/*
 * A listen address: host:port, [v6addr]:port, or "off" or "" for none.
 * Returns it malloc'd ("" for none; the caller owns it), or NULL and err.
 */
char	*confval_listen(const char *v, char *err, size_t errlen);

/*
 * An absolute http(s) URL without query or fragment, made to end in '/'.
 * Returns it malloc'd (the caller owns it), or NULL and err.
 */
char	*confval_baseurl(const char *v, char *err, size_t errlen);

/*
 * A source URL: http, https or file, resolved against base (a file:// URL
 * of the feeds file, or NULL). Returns it malloc'd and absolute (the
 * caller owns it), or NULL and err.
 */
char	*confval_url(const char *base, const char *v, char *err,
	    size_t errlen);

/* dir "/" name, malloc'd (the caller owns it); a dir of "/" gives "/name";
 * NULL when out of memory. */
char	*confval_join(const char *dir, const char *name);

/*
 * v unquoted as a non-empty path; a relative one is joined to dir unless
 * dir is NULL. Returns it malloc'd (the caller owns it), or NULL and err.
 */
char	*confval_path(const char *dir, const char *v, char *err,
	    size_t errlen);

#endif /* DAEMON_CONFVAL_H */
