/*
 * The growing string of the HTML writers: appends that remember an
 * allocation failure instead of reporting each one.
 */
#include <stdlib.h>
#include <string.h>

#include "feeds/strbuf.h"

void
strbuf_add(struct strbuf *b, const char *s, size_t n)
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

void
strbuf_str(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

char *
strbuf_take(struct strbuf *b)
{
	if (!b->err && b->s == NULL)
		strbuf_add(b, "", 0);
	if (b->err) {
		free(b->s);
		b->s = NULL;
		return NULL;
	}
	return b->s;
}
