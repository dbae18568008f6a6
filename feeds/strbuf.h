/*
 * A growing string: the output buffer of the HTML writers (sanitizer,
 * text, attribute values). Plain data so that it can live on the stack,
 * like the limits structs; initialize with STRBUF_INIT.
 */
#ifndef FEEDS_STRBUF_H
#define FEEDS_STRBUF_H

#include <stddef.h>

struct strbuf {
	char	*s;		/* owns: NUL-terminated, or NULL when empty */
	size_t	 len;
	size_t	 cap;
	int	 err;		/* ENOMEM happened: later appends do nothing */
};

#define STRBUF_INIT	{ NULL, 0, 0, 0 }

/* Append s[0..n) (or the string s); on ENOMEM set err, keep going. */
void	 strbuf_add(struct strbuf *, const char *s, size_t n);
void	 strbuf_str(struct strbuf *, const char *s);
/* The string, handed over ("" when empty); NULL (buffer freed) if an
 * append failed. */
char	*strbuf_take(struct strbuf *);

#endif /* FEEDS_STRBUF_H */
