/*
 * Titles as news sites write them: the site's name appended after a dash,
 * bar or "::", topic tags after " | " bars (ASCII or fullwidth), and the
 * whole title printed twice by scrapers that join two copies of the same
 * heading. Works in place on the caller's string; no allocation, no locale
 * (case folding is ASCII only).
 */
#include <string.h>

#include "feeds/html.h"
#include "feeds/title.h"

/* The shortest copy of a doubled title that is taken as one: shorter
 * repeats ("New York New York", "Bye Bye") are names, not doubling. */
#define TITLE_DOUBLE_MIN	20

#define TITLE_FW_BAR	"\xef\xbd\x9c"	/* U+FF5C FULLWIDTH VERTICAL LINE */

/* A byte range of the title being split. */
struct title_span {
	size_t	 s, e;		/* [s, e) */
};

/* Separators before a site name, each with its spaces. Keep the longest
 * first where one is a prefix of another. */
static const char *const title_site_seps[] = {
	" - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " | ", " :: ",
	" " TITLE_FW_BAR " ", TITLE_FW_BAR,
};

/* Whether t[s..e) ends in white space; returns its length there. */
static size_t
title_space_before(const char *t, size_t s, size_t e)
{
	if (e > s && html_space_len(t + e - 1) == 1)
		return 1;
	if (e >= s + 2 && html_space_len(t + e - 2) == 2)
		return 2;
	if (e >= s + 3 && html_space_len(t + e - 3) == 3)
		return 3;
	return 0;
}

/* Narrow sp past the white space at both ends. */
static void
title_trim(const char *t, struct title_span *sp)
{
	size_t k;

	while (sp->s < sp->e && (k = html_space_len(t + sp->s)) > 0 &&
	    sp->s + k <= sp->e)
		sp->s += k;
	while ((k = title_space_before(t, sp->s, sp->e)) > 0)
		sp->e -= k;
}

static int
title_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ASCII case-insensitive equality of a[0..alen) and b[0..blen). */
static int
title_eqi(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (title_lower((unsigned char)a[i]) !=
		    title_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Skip a leading "The " of s[0..*len), as "The Paper" is also "Paper". */
static const char *
title_skip_the(const char *s, size_t *len)
{
	if (*len > 4 && title_eqi(s, 4, "the ", 4)) {
		*len -= 4;
		return s + 4;
	}
	return s;
}

/* Whether the part a[0..alen) names the site s[0..slen). */
static int
title_is_site(const char *a, size_t alen, const char *s, size_t slen)
{
	if (title_eqi(a, alen, s, slen))
		return 1;
	a = title_skip_the(a, &alen);
	s = title_skip_the(s, &slen);
	return title_eqi(a, alen, s, slen);
}

/*
 * "A A": the same heading twice, joined by white space, as a scraper that
 * reads both the visible and the hidden copy gives it; keep one copy.
 */
static void
title_undouble(const char *t, struct title_span *sp)
{
	size_t i, k, n = sp->e - sp->s;

	for (i = sp->s + TITLE_DOUBLE_MIN; i < sp->e; i++) {
		if ((k = html_space_len(t + i)) == 0)
			continue;
		if (i - sp->s > n / 2)
			return;
		while (i + k < sp->e && html_space_len(t + i + k) > 0)
			k += html_space_len(t + i + k);
		if (i - sp->s == sp->e - (i + k) &&
		    memcmp(t + sp->s, t + i + k, i - sp->s) == 0 &&
		    memchr(t + sp->s, ' ', i - sp->s) != NULL) {
			sp->e = i;
			return;
		}
		i += k - 1;
	}
}

/* Drop a trailing "<sep> site" from sp unless nothing would be left. */
static void
title_drop_site(const char *t, struct title_span *sp, const char *site)
{
	struct title_span st, head, tail;
	size_t i, k, len;

	if (site == NULL)
		return;
	st.s = 0;
	st.e = strlen(site);
	title_trim(site, &st);
	if (st.e == st.s)
		return;
	for (i = sp->e; i-- > sp->s;) {
		for (k = 0; k < sizeof(title_site_seps) /
		    sizeof(title_site_seps[0]); k++) {
			len = strlen(title_site_seps[k]);
			if (i + len <= sp->e &&
			    memcmp(t + i, title_site_seps[k], len) == 0)
				break;
		}
		if (k == sizeof(title_site_seps) / sizeof(title_site_seps[0]))
			continue;
		tail.s = i + len;
		tail.e = sp->e;
		title_trim(t, &tail);
		if (!title_is_site(t + tail.s, tail.e - tail.s, site + st.s,
		    st.e - st.s))
			continue;
		head.s = sp->s;
		head.e = i;
		title_trim(t, &head);
		if (head.e > head.s)
			*sp = head;
		return;
	}
}

/* Length of a tag separator at t[i] inside sp ("|" between spaces or at
 * an end, or a fullwidth bar), else 0. */
static size_t
title_bar(const char *t, const struct title_span *sp, size_t i)
{
	if (i + 3 <= sp->e && memcmp(t + i, TITLE_FW_BAR, 3) == 0)
		return 3;
	if (t[i] != '|')
		return 0;
	if (i > sp->s && title_space_before(t, sp->s, i) == 0)
		return 0;
	if (i + 1 < sp->e && html_space_len(t + i + 1) == 0)
		return 0;
	return 1;
}

/* Whether tag p is already among the kept ones. */
static int
title_seen(const char *t, const struct title_span *tag, size_t n,
    const struct title_span *p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (title_eqi(t + tag[i].s, tag[i].e - tag[i].s, t + p->s,
		    p->e - p->s))
			return 1;
	return 0;
}

/* Cut sp at its bars: the headline into *head, the kept tags into tag[]. */
static size_t
title_cut(const char *t, const struct title_span *sp, struct title_span *head,
    struct title_span tag[TITLE_MAX_TAGS])
{
	struct title_span part;
	size_t i, k, n = 0;
	int first = 1;

	part.s = sp->s;
	for (i = sp->s; i <= sp->e; i++) {
		k = i < sp->e ? title_bar(t, sp, i) : 1;
		if (k == 0)
			continue;
		part.e = i;
		title_trim(t, &part);
		if (first)
			*head = part;
		else if (part.e > part.s && n < TITLE_MAX_TAGS &&
		    !title_seen(t, tag, n, &part))
			tag[n++] = part;
		first = 0;
		part.s = i + k;
		i += k - 1;
	}
	return n;
}

char *
title_split(char *t, const char *site, char *tags[TITLE_MAX_TAGS], size_t *n)
{
	struct title_span all, head = { 0, 0 }, tag[TITLE_MAX_TAGS];
	size_t i, nt;

	*n = 0;
	if (t == NULL)
		return NULL;
	all.s = 0;
	all.e = strlen(t);
	title_trim(t, &all);
	title_undouble(t, &all);
	title_drop_site(t, &all, site);
	nt = title_cut(t, &all, &head, tag);
	title_undouble(t, &head);
	if (head.e == head.s)
		return t;	/* "| a | b": no headline, so no split */
	/* tags lie after the headline, so moving it left spares them */
	memmove(t, t + head.s, head.e - head.s);
	t[head.e - head.s] = '\0';
	for (i = 0; i < nt; i++) {
		t[tag[i].e] = '\0';
		tags[i] = t + tag[i].s;
	}
	*n = nt;
	return t;
}
