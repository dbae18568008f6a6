/*
 * Near-duplicates in the store: the keys and fingerprints an item is
 * compared by. Pure: nothing here touches the database.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/storedup.h"
#include "daemon/storeint.h"
#include "feeds/html.h"
#include "feeds/htmltext.h"
#include "feeds/url.h"

/* Bytes of text read for the keys and fingerprints. */
#define STOREDUP_TEXT_MAX	(64 * 1024)

/* "k\x1fs" in a new string, NULL on ENOMEM. */
static char *
storedup_key(char kind, const char *s)
{
	size_t n = strlen(s) + 3;
	char *k;

	if ((k = malloc(n)) != NULL) {
		k[0] = kind;
		k[1] = STORE_SEP;
		memcpy(k + 2, s, n - 2);
	}
	return k;
}

int
storedup_init(struct storedup *d, const struct item *it,
    const char *const *tracking)
{
	const char *link = it->canon != NULL ? it->canon : it->link;
	char *story;

	memset(d, 0, sizeof(*d));
	if (link == NULL || !url_scheme_is(link, "http,https") ||
	    (story = url_story(link, tracking)) == NULL)
		return 0;	/* no key, or not a web URL */
	d->skey = storedup_key('s', story);
	free(story);
	return d->skey != NULL ? 0 : -1;
}

/* Words of s, counted on spaces (s is normalized). */
static size_t
storedup_nwords(const char *s)
{
	size_t n = *s != '\0';

	for (; *s != '\0'; s++)
		n += *s == ' ';
	return n;
}

/* s lower-cased in place, ASCII punctuation made a space, white space
 * squeezed; other bytes (UTF-8 letters) kept as they are. With max, only
 * its first max words are made (what a key needs of a long text). */
static void
storedup_norm(char *s, size_t max)
{
	char *w = s, c;
	const char *r;
	size_t spaces = 0;

	for (r = s; *r != '\0'; r++) {
		c = *r;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		else if ((unsigned char)c < 0x80 && !(c >= 'a' && c <= 'z') &&
		    !(c >= '0' && c <= '9'))
			c = ' ';
		if (c == ' ' && (w == s || w[-1] == ' '))
			continue;
		if (c == ' ' && max > 0 && ++spaces == max)
			break;
		*w++ = c;
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

/*
 * Cut a site name or a tag list off the end of title t (in place): the
 * part after the last " - ", " | ", " \xe2\x80\x93 " or " \xe2\x80\x94 "
 * when it is short (1-4 words) and what stays is not; up to three times.
 */
static void
storedup_cut(char *t)
{
	static const char *const seps[] = { " - ", " | ",
	    " \xe2\x80\x93 ", " \xe2\x80\x94 " };
	char *hit, *p;
	size_t i, cuts, before, after;

	for (cuts = 0; cuts < 3; cuts++) {
		hit = NULL;
		for (i = 0; i < sizeof(seps) / sizeof(seps[0]); i++)
			for (p = t; (p = strstr(p, seps[i])) != NULL; p++)
				if (hit == NULL || p > hit)
					hit = p;
		if (hit == NULL)
			return;
		for (before = 1, p = t; p < hit; p++)
			before += *p == ' ';
		for (after = 0, p = hit + 1; *p != '\0'; p++)
			after += *p == ' ';
		if (after > 4 || before < STOREDUP_TITLE_WORDS + 1)
			return;
		*hit = '\0';
	}
}

/* The first n words of normalized s, in place; 0 when it has fewer. */
static int
storedup_first_words(char *s, size_t n)
{
	char *p = s;
	size_t words = 1;

	if (*s == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p == ' ' && ++words > n) {
			*p = '\0';
			return 1;
		}
	return words >= n;
}

int
storedup_prepare(struct storedup *d, const struct item *it)
{
	const char *html = it->summary != NULL ? it->summary : it->content;
	char *title = NULL, *text = NULL;
	int rc = -1;

	if (d->ready)
		return 0;
	if ((it->title != NULL && (title = strdup(it->title)) == NULL) ||
	    (html != NULL && (text = htmltext(html,
	    STOREDUP_TEXT_MAX)) == NULL))
		goto out;
	if (title != NULL)
		storedup_cut(title);
	fingerprint_make(title, text, &d->fp);
	if (title != NULL) {
		storedup_norm(title, 0);
		if (storedup_nwords(title) >= STOREDUP_TITLE_WORDS &&
		    (d->nkey = storedup_key('n', title)) == NULL)
			goto out;
	}
	if (text != NULL) {
		storedup_norm(text, STOREDUP_TEXT_WORDS);
		if (storedup_first_words(text, STOREDUP_TEXT_WORDS) &&
		    (d->xkey = storedup_key('x', text)) == NULL)
			goto out;
	}
	d->ready = 1;
	rc = 0;
out:
	free(title);
	free(text);
	return rc;
}

void
storedup_take(struct storedup *to, struct storedup *from)
{
	if (!from->ready)
		return;
	free(to->nkey);
	free(to->xkey);
	to->nkey = from->nkey;
	to->xkey = from->xkey;
	to->fp = from->fp;
	to->ready = 1;
	from->nkey = from->xkey = NULL;
	from->ready = 0;
}

void
storedup_free(struct storedup *d)
{
	free(d->skey);
	free(d->nkey);
	free(d->xkey);
	memset(d, 0, sizeof(*d));
}

long long
storedup_words(const struct fingerprint *fp)
{
	return (long long)(((uint64_t)fp->title_words << 32) |
	    fp->text_words);
}

void
storedup_unwords(long long v, struct fingerprint *fp)
{
	fp->title_words = (uint32_t)((uint64_t)v >> 32);
	fp->text_words = (uint32_t)((uint64_t)v & 0xffffffffu);
}
