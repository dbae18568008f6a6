/*
 * The loose half of date_parse: every date that is not ISO 8601 (RFC 822,
 * 1123, 850 and 2822, asctime, the Perforce form, sloppy CMS output such
 * as "Apr 15, 2024 7:48 PM", and the Greek, Hungarian and Korean forms
 * feedparser knows), split into tokens and read field by field against a
 * table of month, weekday, zone and AM/PM names. No locale is involved.
 */
#include <stdlib.h>
#include <string.h>

#include "feeds/datetok.h"

#define DATETOK_MAX_TOKENS	40	/* no date has more */
#define DATETOK_MAX_WORD	16	/* bytes in the longest known word */
#define DATETOK_MAX_NUM		9	/* digits; more never fit a field */
#define DATETOK_MAX_LABEL	40	/* bytes of a "Published:" label */

enum datetok_wkind {
	DATETOK_W_AMPM,		/* value: hours to add for PM */
	DATETOK_W_KAMPM,	/* Korean AM/PM */
	DATETOK_W_KDAY,		/* CJK day suffix; value: 1 if Korean */
	DATETOK_W_KMON,		/* CJK month suffix; value: 1 if Korean */
	DATETOK_W_KYEAR,	/* CJK year suffix; value: 1 if Korean */
	DATETOK_W_MONTH,	/* value: 1..12 */
	DATETOK_W_SUFFIX,	/* 1st, 2nd, 3rd, 4th */
	DATETOK_W_WDAY,
	DATETOK_W_ZONE		/* value: minutes east of UTC */
};

struct datetok_word {
	const char		*name;	/* lower-case ASCII; UTF-8 as is */
	enum datetok_wkind	 kind;
	int			 value;
};

/*
 * Every word the tokenizer knows. Keep sorted (strcmp order: bytes as
 * unsigned char). Zones: RFC 822's (military letters with RFC 822's
 * signs, as feedparser), feedparser's extras, and common ones only where
 * the abbreviation means one zone in practice (no IST, no NST); CST is
 * RFC 822's US Central. Greek and Hungarian months as feedparser spells
 * them.
 */
static const struct datetok_word datetok_words[] = {
	{ "a", DATETOK_W_ZONE, -60 },
	{ "acdt", DATETOK_W_ZONE, 630 },
	{ "acst", DATETOK_W_ZONE, 570 },
	{ "adt", DATETOK_W_ZONE, -180 },
	{ "aedt", DATETOK_W_ZONE, 660 },
	{ "aest", DATETOK_W_ZONE, 600 },
	{ "akdt", DATETOK_W_ZONE, -480 },
	{ "akst", DATETOK_W_ZONE, -540 },
	{ "am", DATETOK_W_AMPM, 0 },
	{ "apr", DATETOK_W_MONTH, 4 },
	{ "april", DATETOK_W_MONTH, 4 },
	{ "ast", DATETOK_W_ZONE, -240 },
	{ "at", DATETOK_W_ZONE, -240 },
	{ "aug", DATETOK_W_MONTH, 8 },
	{ "august", DATETOK_W_MONTH, 8 },
	{ "augusztus", DATETOK_W_MONTH, 8 },
	{ "awst", DATETOK_W_ZONE, 480 },
	{ "b", DATETOK_W_ZONE, -120 },
	{ "bst", DATETOK_W_ZONE, 60 },
	{ "c", DATETOK_W_ZONE, -180 },
	{ "cdt", DATETOK_W_ZONE, -300 },
	{ "cest", DATETOK_W_ZONE, 120 },
	{ "cet", DATETOK_W_ZONE, 60 },
	{ "cst", DATETOK_W_ZONE, -360 },
	{ "ct", DATETOK_W_ZONE, -360 },
	{ "d", DATETOK_W_ZONE, -240 },
	{ "dec", DATETOK_W_MONTH, 12 },
	{ "december", DATETOK_W_MONTH, 12 },
	{ "e", DATETOK_W_ZONE, -300 },
	{ "edt", DATETOK_W_ZONE, -240 },
	{ "eest", DATETOK_W_ZONE, 180 },
	{ "eet", DATETOK_W_ZONE, 120 },
	{ "est", DATETOK_W_ZONE, -300 },
	{ "et", DATETOK_W_ZONE, -300 },
	{ "f", DATETOK_W_ZONE, -360 },
	{ "feb", DATETOK_W_MONTH, 2 },
	{ "february", DATETOK_W_MONTH, 2 },
	{ "febru\xc3\xa1r", DATETOK_W_MONTH, 2 },
	{ "febru\xc3\xa1ri", DATETOK_W_MONTH, 2 },
	{ "fri", DATETOK_W_WDAY, 0 },
	{ "friday", DATETOK_W_WDAY, 0 },
	{ "g", DATETOK_W_ZONE, -420 },
	{ "gmt", DATETOK_W_ZONE, 0 },
	{ "h", DATETOK_W_ZONE, -480 },
	{ "hkt", DATETOK_W_ZONE, 480 },
	{ "hst", DATETOK_W_ZONE, -600 },
	{ "i", DATETOK_W_ZONE, -540 },
	{ "jan", DATETOK_W_MONTH, 1 },
	{ "january", DATETOK_W_MONTH, 1 },
	{ "janu\xc3\xa1r", DATETOK_W_MONTH, 1 },
	{ "jst", DATETOK_W_ZONE, 540 },
	{ "jul", DATETOK_W_MONTH, 7 },
	{ "july", DATETOK_W_MONTH, 7 },
	{ "jun", DATETOK_W_MONTH, 6 },
	{ "june", DATETOK_W_MONTH, 6 },
	{ "j\xc3\xbalius", DATETOK_W_MONTH, 7 },
	{ "j\xc3\xbanius", DATETOK_W_MONTH, 6 },
	{ "k", DATETOK_W_ZONE, -600 },
	{ "kst", DATETOK_W_ZONE, 540 },
	{ "l", DATETOK_W_ZONE, -660 },
	{ "m", DATETOK_W_ZONE, -720 },
	{ "mar", DATETOK_W_MONTH, 3 },
	{ "march", DATETOK_W_MONTH, 3 },
	{ "may", DATETOK_W_MONTH, 5 },
	{ "mdt", DATETOK_W_ZONE, -360 },
	{ "mest", DATETOK_W_ZONE, 120 },
	{ "mesz", DATETOK_W_ZONE, 120 },
	{ "met", DATETOK_W_ZONE, 60 },
	{ "mez", DATETOK_W_ZONE, 60 },
	{ "mon", DATETOK_W_WDAY, 0 },
	{ "monday", DATETOK_W_WDAY, 0 },
	{ "msk", DATETOK_W_ZONE, 180 },
	{ "mst", DATETOK_W_ZONE, -420 },
	{ "mt", DATETOK_W_ZONE, -420 },
	{ "m\xc3\xa1jus", DATETOK_W_MONTH, 5 },
	{ "m\xc3\xa1rcius", DATETOK_W_MONTH, 3 },
	{ "m\xc3\xa1ujus", DATETOK_W_MONTH, 5 },
	{ "n", DATETOK_W_ZONE, 60 },
	{ "nd", DATETOK_W_SUFFIX, 0 },
	{ "nov", DATETOK_W_MONTH, 11 },
	{ "november", DATETOK_W_MONTH, 11 },
	{ "nzdt", DATETOK_W_ZONE, 780 },
	{ "nzst", DATETOK_W_ZONE, 720 },
	{ "o", DATETOK_W_ZONE, 120 },
	{ "oct", DATETOK_W_MONTH, 10 },
	{ "october", DATETOK_W_MONTH, 10 },
	{ "okt\xc3\xb3" "ber", DATETOK_W_MONTH, 10 },
	{ "p", DATETOK_W_ZONE, 180 },
	{ "pdt", DATETOK_W_ZONE, -420 },
	{ "pm", DATETOK_W_AMPM, 12 },
	{ "pst", DATETOK_W_ZONE, -480 },
	{ "pt", DATETOK_W_ZONE, -480 },
	{ "q", DATETOK_W_ZONE, 240 },
	{ "r", DATETOK_W_ZONE, 300 },
	{ "rd", DATETOK_W_SUFFIX, 0 },
	{ "s", DATETOK_W_ZONE, 360 },
	{ "sat", DATETOK_W_WDAY, 0 },
	{ "saturday", DATETOK_W_WDAY, 0 },
	{ "sep", DATETOK_W_MONTH, 9 },
	{ "sept", DATETOK_W_MONTH, 9 },
	{ "september", DATETOK_W_MONTH, 9 },
	{ "sgt", DATETOK_W_ZONE, 480 },
	{ "st", DATETOK_W_SUFFIX, 0 },
	{ "sun", DATETOK_W_WDAY, 0 },
	{ "sunday", DATETOK_W_WDAY, 0 },
	{ "szeptember", DATETOK_W_MONTH, 9 },
	{ "t", DATETOK_W_ZONE, 420 },
	{ "th", DATETOK_W_SUFFIX, 0 },
	{ "thu", DATETOK_W_WDAY, 0 },
	{ "thur", DATETOK_W_WDAY, 0 },
	{ "thurs", DATETOK_W_WDAY, 0 },
	{ "thursday", DATETOK_W_WDAY, 0 },
	{ "tue", DATETOK_W_WDAY, 0 },
	{ "tues", DATETOK_W_WDAY, 0 },
	{ "tuesday", DATETOK_W_WDAY, 0 },
	{ "u", DATETOK_W_ZONE, 480 },
	{ "ut", DATETOK_W_ZONE, 0 },
	{ "utc", DATETOK_W_ZONE, 0 },
	{ "v", DATETOK_W_ZONE, 540 },
	{ "w", DATETOK_W_ZONE, 600 },
	{ "wed", DATETOK_W_WDAY, 0 },
	{ "wednesday", DATETOK_W_WDAY, 0 },
	{ "west", DATETOK_W_ZONE, 60 },
	{ "wet", DATETOK_W_ZONE, 0 },
	{ "x", DATETOK_W_ZONE, 660 },
	{ "y", DATETOK_W_ZONE, 720 },
	{ "z", DATETOK_W_ZONE, 0 },
	{ "\xc3\xa1prilis", DATETOK_W_MONTH, 4 },
	{ "\xce\x91\xcf\x80\xcf\x81", DATETOK_W_MONTH, 4 },
	{ "\xce\x91\xcf\x85\xce\xb3", DATETOK_W_MONTH, 8 },
	{ "\xce\x91\xcf\x8d\xce\xb3", DATETOK_W_MONTH, 8 },
	{ "\xce\x94\xce\xb5\xce\xba", DATETOK_W_MONTH, 12 },
	{ "\xce\x94\xce\xb5\xcf\x85", DATETOK_W_WDAY, 0 },
	{ "\xce\x99\xce\xb1\xce\xbd", DATETOK_W_MONTH, 1 },
	{ "\xce\x99\xce\xbf\xce\xbb", DATETOK_W_MONTH, 7 },
	{ "\xce\x99\xce\xbf\xce\xbd", DATETOK_W_MONTH, 6 },
	{ "\xce\x99\xce\xbf\xcf\x8d\xce\xbb", DATETOK_W_MONTH, 7 },
	{ "\xce\x99\xce\xbf\xcf\x8d\xce\xbd", DATETOK_W_MONTH, 6 },
	{ "\xce\x9a\xcf\x85\xcf\x81", DATETOK_W_WDAY, 0 },
	{ "\xce\x9c\xce\xac\xce\xb9", DATETOK_W_MONTH, 5 },
	{ "\xce\x9c\xce\xac\xcf\x8e", DATETOK_W_MONTH, 3 },
	{ "\xce\x9c\xce\xb1\xce\xb9", DATETOK_W_MONTH, 5 },
	{ "\xce\x9c\xce\xb1\xcf\x8a", DATETOK_W_MONTH, 5 },
	{ "\xce\x9c\xce\xb1\xcf\x8e", DATETOK_W_MONTH, 3 },
	{ "\xce\x9d\xce\xbf\xce\xad", DATETOK_W_MONTH, 11 },
	{ "\xce\x9d\xce\xbf\xce\xb5", DATETOK_W_MONTH, 11 },
	{ "\xce\x9f\xce\xba\xcf\x84", DATETOK_W_MONTH, 10 },
	{ "\xce\xa0\xce\xb1\xcf\x81", DATETOK_W_WDAY, 0 },
	{ "\xce\xa0\xce\xb5\xce\xbc", DATETOK_W_WDAY, 0 },
	{ "\xce\xa3\xce\xb1\xce\xb2", DATETOK_W_WDAY, 0 },
	{ "\xce\xa3\xce\xb5\xcf\x80", DATETOK_W_MONTH, 9 },
	{ "\xce\xa4\xce\xb5\xcf\x84", DATETOK_W_WDAY, 0 },
	{ "\xce\xa4\xcf\x81\xce\xb9", DATETOK_W_WDAY, 0 },
	{ "\xce\xa6\xce\xb5\xce\xb2", DATETOK_W_MONTH, 2 },
	{ "\xe5\xb9\xb4", DATETOK_W_KYEAR, 0 },	/* CJK year */
	{ "\xe6\x97\xa5", DATETOK_W_KDAY, 0 },	/* CJK day */
	{ "\xe6\x9c\x88", DATETOK_W_KMON, 0 },	/* CJK month */
	{ "\xeb\x85\x84", DATETOK_W_KYEAR, 1 },
	{ "\xec\x98\xa4\xec\xa0\x84", DATETOK_W_KAMPM, 0 },
	{ "\xec\x98\xa4\xed\x9b\x84", DATETOK_W_KAMPM, 12 },
	{ "\xec\x9b\x94", DATETOK_W_KMON, 1 },
	{ "\xec\x9d\xbc", DATETOK_W_KDAY, 1 },
};

enum datetok_tkind {
	DATETOK_T_NUM,
	DATETOK_T_WORD,
	DATETOK_T_PUNCT
};

struct datetok_tok {
	const char		*s;	/* borrows: into the caller's buffer */
	int			 len;
	enum datetok_tkind	 kind;
	int			 sp;	/* white space or the start before */
	int			 val;	/* NUM of <= DATETOK_MAX_NUM digits */
};

int
datetok_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

int
datetok_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII letters and any byte of a UTF-8 sequence: no locale involved. */
int
datetok_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (unsigned char)c >= 0x80;
}

/* bsearch comparator for datetok_words */
static int
datetok_word_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, ((const struct datetok_word *)elem)->name);
}

/* The known word s[0..len), ASCII in any case; "Etc/" may prefix a zone. */
static const struct datetok_word *
datetok_word_find(const char *s, int len)
{
	const struct datetok_word *w;
	char key[DATETOK_MAX_WORD + 1];
	int i, etc;

	etc = len > 4 && (s[0] | 0x20) == 'e' && (s[1] | 0x20) == 't' &&
	    (s[2] | 0x20) == 'c' && s[3] == '/';
	if (etc) {
		s += 4;
		len -= 4;
	}
	if (len > DATETOK_MAX_WORD)
		return NULL;
	for (i = 0; i < len; i++)
		key[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i];
	key[len] = '\0';
	w = bsearch(key, datetok_words,
	    sizeof(datetok_words) / sizeof(datetok_words[0]),
	    sizeof(datetok_words[0]), datetok_word_cmp_cb);
	if (w != NULL && etc && w->kind != DATETOK_W_ZONE)
		return NULL;
	return w;
}

void
datetok_fields_init(struct datetok_fields *f)
{
	memset(f, 0, sizeof(*f));
	f->ampm = -1;
	f->time_end = -1;
}

/* Split s into tokens; -1 on a byte no date contains or too many tokens. */
static int
datetok_tokenize(const char *s, struct datetok_tok *tok, int max)
{
	const char *p = s, *q;
	int n = 0, sp = 1;

	while (*p != '\0') {
		if (datetok_is_space(*p) || *p == '(') {
			/* an RFC 822 comment, "(CST)", is white space */
			if (*p == '(' && (p = strchr(p, ')')) == NULL)
				return -1;
			sp = 1;
			p++;
			continue;
		}
		if (n == max)
			return -1;
		tok[n].s = p;
		tok[n].sp = sp;
		tok[n].val = -1;
		sp = 0;
		if (datetok_is_digit(*p)) {
			q = p + strspn(p, "0123456789");
			tok[n].kind = DATETOK_T_NUM;
			if (q - p <= DATETOK_MAX_NUM)
				tok[n].val = atoi(p);
		} else if (datetok_is_letter(*p)) {
			for (q = p; datetok_is_letter(*q) ||
			    (*q == '/' && datetok_is_letter(q[1])); q++)
				;
			tok[n].kind = DATETOK_T_WORD;
		} else if (strchr(":,-+/.", *p) != NULL) {
			q = p + 1;
			tok[n].kind = DATETOK_T_PUNCT;
		} else
			return -1;
		tok[n++].len = (int)(q - p);
		p = q;
	}
	return n;
}

/* Whether token i is the punctuation c with nothing before it. */
static int
datetok_glued(const struct datetok_tok *tok, int i, int n, char c)
{
	return i < n && tok[i].kind == DATETOK_T_PUNCT && *tok[i].s == c &&
	    !tok[i].sp;
}

/* Whether token i is a number with nothing before it, of len digits or any. */
static int
datetok_glued_num(const struct datetok_tok *tok, int i, int n, int len)
{
	return i < n && tok[i].kind == DATETOK_T_NUM && !tok[i].sp &&
	    tok[i].val >= 0 && (len == 0 || tok[i].len == len);
}

/* A numeric zone at token i (the sign): +hhmm, +hh:mm, +h; returns tokens. */
static int
datetok_loose_offset(const struct datetok_tok *tok, int i, int n, long *off)
{
	int sign, h, m = 0, used = 2;

	sign = *tok[i].s == '-' ? -1 : 1;
	if (!datetok_glued_num(tok, i + 1, n, 0))
		return -1;
	if (tok[i + 1].len == 4) {
		h = tok[i + 1].val / 100;
		m = tok[i + 1].val % 100;
	} else if (tok[i + 1].len <= 2) {
		h = tok[i + 1].val;
		if (datetok_glued(tok, i + 2, n, ':')) {
			if (!datetok_glued_num(tok, i + 3, n, 2))
				return -1;
			m = tok[i + 3].val;
			used = 4;
		}
	} else
		return -1;
	if (h > 23 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return used;
}

/* A sign starting a numeric zone, allowed once, after the time. */
static int
datetok_loose_zone(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f)
{
	if (!f->have_time || f->have_zone || (!tok[i].sp && i != f->time_end))
		return -1;
	f->have_zone = 1;
	return datetok_loose_offset(tok, i, n, &f->off);
}

/* A zone name after the time; "GMT+8" and "UTC-05:00" carry an offset. */
static int
datetok_loose_zname(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f, const struct datetok_word *w)
{
	int used;

	if (!f->have_time)	/* "April 15, 2024 at 7:48 PM" */
		return strcmp(w->name, "at") == 0 && i + 1 < n &&
		    tok[i + 1].kind == DATETOK_T_NUM ? 1 : -1;
	if (f->have_zone)
		return -1;
	f->have_zone = 1;
	f->off = w->value * 60L;
	if ((strcmp(w->name, "gmt") == 0 || strcmp(w->name, "ut") == 0 ||
	    strcmp(w->name, "utc") == 0) &&
	    (datetok_glued(tok, i + 1, n, '+') ||
	    datetok_glued(tok, i + 1, n, '-'))) {
		if ((used = datetok_loose_offset(tok, i + 1, n, &f->off)) == -1)
			return -1;
		return used + 1;
	}
	return 1;
}

/* A word: month, weekday, zone, AM/PM or "at"; returns tokens used. */
static int
datetok_loose_word(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f)
{
	const struct datetok_word *w;

	if ((w = datetok_word_find(tok[i].s, tok[i].len)) == NULL)
		return -1;
	/* after a number only "PM" (7:48PM); "15T11" is not a date here */
	if (!tok[i].sp && i > 0 && tok[i - 1].kind == DATETOK_T_NUM &&
	    w->kind != DATETOK_W_AMPM)
		return -1;
	switch (w->kind) {
	case DATETOK_W_MONTH:
		if (f->mon != 0)
			return -1;
		f->mon = w->value;
		break;
	case DATETOK_W_WDAY:
		if (f->wday)
			return -1;
		f->wday = 1;
		break;
	case DATETOK_W_AMPM:
	case DATETOK_W_KAMPM:
		if (f->ampm != -1 ||
		    (w->kind == DATETOK_W_AMPM && !f->have_time))
			return -1;
		f->korean |= w->kind == DATETOK_W_KAMPM;
		f->ampm = w->value;
		return 1;
	case DATETOK_W_ZONE:
		return datetok_loose_zname(tok, i, n, f, w);
	default:
		return -1;
	}
	return datetok_glued(tok, i + 1, n, '.') ? 2 : 1;	/* "Apr." */
}

/* hh:mm[:ss[.frac]] at token i; a further ":" makes it no time at all. */
static int
datetok_loose_time(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f)
{
	int j = i + 2;

	if (f->have_time || tok[i].len > 2 || !datetok_glued_num(tok, j, n, 2))
		return -1;
	f->hour = tok[i].val;
	f->min = tok[j].val;
	f->have_time = 1;
	j++;
	if (datetok_glued(tok, j, n, ':')) {
		if (!datetok_glued_num(tok, j + 1, n, 2))
			return -1;
		f->sec = tok[j + 1].val;
		j += 2;
		if ((datetok_glued(tok, j, n, '.') ||
		    datetok_glued(tok, j, n, ',')) && j + 1 < n &&
		    tok[j + 1].kind == DATETOK_T_NUM && !tok[j + 1].sp)
			j += 2;		/* fraction of a second */
	}
	if (datetok_glued(tok, j, n, ':'))
		return -1;
	f->time_end = j;
	return j - i;
}

/*
 * A numeric date at token i: YYYY/MM/DD, YYYY-MM-DD or RFC 850's
 * DD-Mon-YY. Day-first and month-first numeric dates are ambiguous and
 * refused.
 */
static int
datetok_loose_ymd(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f)
{
	const struct datetok_tok *a = &tok[i], *b = &tok[i + 2], *c;
	const struct datetok_word *w;
	char sep = *tok[i + 1].s;

	if (i + 4 >= n || b->sp || !datetok_glued(tok, i + 3, n, sep) ||
	    !datetok_glued_num(tok, i + 4, n, 0) || f->ydigits != 0 ||
	    f->mon != 0 || f->mday != 0)
		return -1;
	c = &tok[i + 4];
	if (a->len == 4 && b->kind == DATETOK_T_NUM && b->len <= 2 &&
	    c->len <= 2) {
		f->year = a->val;
		f->ydigits = 4;
		f->mon = b->val;
		f->mday = c->val;
	} else if (sep == '-' && a->len <= 2 && b->kind == DATETOK_T_WORD &&
	    (w = datetok_word_find(b->s, b->len)) != NULL &&
	    w->kind == DATETOK_W_MONTH && (c->len == 2 || c->len == 4)) {
		f->mday = a->val;
		f->mon = w->value;
		f->year = c->val;
		f->ydigits = c->len;
	} else
		return -1;
	return f->mon != 0 && f->mday != 0 ? 5 : -1;
}

/* A number with a word glued after it: 15th, or Korean year/month/day. */
static int
datetok_loose_suffix(const struct datetok_tok *tok, int i,
    struct datetok_fields *f)
{
	const struct datetok_word *w;
	int v = tok[i].val, len = tok[i].len;
	int *field;

	if ((w = datetok_word_find(tok[i + 1].s, tok[i + 1].len)) == NULL)
		return -1;
	switch (w->kind) {
	case DATETOK_W_SUFFIX:
	case DATETOK_W_KDAY:
		field = &f->mday;
		break;
	case DATETOK_W_KMON:
		field = &f->mon;
		break;
	case DATETOK_W_KYEAR:
		if (f->ydigits != 0 || len != 4)
			return -1;
		f->year = v;
		f->ydigits = 4;
		f->korean |= w->value;
		return 2;
	default:
		return -1;
	}
	if (*field != 0 || len > 2 || v == 0)
		return -1;
	*field = v;
	f->korean |= w->kind != DATETOK_W_SUFFIX && w->value;
	return 2;
}

/* A lone number: a four-digit year, else the day, else a two-digit year. */
static int
datetok_loose_lone(const struct datetok_tok *t, struct datetok_fields *f)
{
	if (t->len == 4 && f->ydigits == 0) {
		f->year = t->val;
		f->ydigits = 4;
	} else if (t->len > 2)
		return -1;
	else if (f->mday == 0 && t->val > 0)
		f->mday = t->val;
	else if (f->ydigits == 0 && f->mon != 0 && f->mday != 0) {
		f->year = t->val;
		f->ydigits = 2;
	} else
		return -1;
	return 1;
}

/* Whether word token t is a CJK year, month or day marker ("2024年4月"),
 * after which a number may follow with no space. */
static int
datetok_cjk_marker(const struct datetok_tok *t)
{
	const struct datetok_word *w;

	return (w = datetok_word_find(t->s, t->len)) != NULL &&
	    (w->kind == DATETOK_W_KYEAR || w->kind == DATETOK_W_KMON ||
	    w->kind == DATETOK_W_KDAY);
}

/* A number: a time, a numeric date, a suffixed field or a lone day or year. */
static int
datetok_loose_num(const struct datetok_tok *tok, int i, int n,
    struct datetok_fields *f)
{
	if (tok[i].val < 0 || (!tok[i].sp && i > 0 &&
	    tok[i - 1].kind == DATETOK_T_WORD &&
	    !datetok_cjk_marker(&tok[i - 1])))
		return -1;
	if (datetok_glued(tok, i + 1, n, ':'))
		return datetok_loose_time(tok, i, n, f);
	if (datetok_glued(tok, i + 1, n, '/') ||
	    datetok_glued(tok, i + 1, n, '-'))
		return datetok_loose_ymd(tok, i, n, f);
	if (i + 1 < n && tok[i + 1].kind == DATETOK_T_WORD && !tok[i + 1].sp)
		return datetok_loose_suffix(tok, i, f);
	return datetok_loose_lone(&tok[i], f);
}

int
datetok_parse(const char *s, struct datetok_fields *f)
{
	struct datetok_tok tok[DATETOK_MAX_TOKENS];
	int i, n, used;

	if ((n = datetok_tokenize(s, tok, DATETOK_MAX_TOKENS)) <= 0)
		return -1;
	datetok_fields_init(f);
	for (i = 0; i < n; i += used) {
		if (tok[i].kind == DATETOK_T_NUM)
			used = datetok_loose_num(tok, i, n, f);
		else if (tok[i].kind == DATETOK_T_WORD)
			used = datetok_loose_word(tok, i, n, f);
		else if (*tok[i].s == ',')
			used = 1;
		else if (*tok[i].s == '+' || *tok[i].s == '-')
			used = datetok_loose_zone(tok, i, n, f);
		else
			used = -1;
		if (used <= 0)
			return -1;
	}
	return 0;
}

int
datetok_month(const char *s, size_t len)
{
	const struct datetok_word *w;

	if (len > DATETOK_MAX_WORD ||
	    (w = datetok_word_find(s, (int)len)) == NULL ||
	    w->kind != DATETOK_W_MONTH)
		return 0;
	return w->value;
}

int
datetok_zone(const char *s, size_t len, long *off)
{
	const struct datetok_word *w;

	if (len > DATETOK_MAX_WORD + 4 ||
	    (w = datetok_word_find(s, (int)len)) == NULL ||
	    w->kind != DATETOK_W_ZONE)
		return -1;
	*off = w->value * 60L;
	return 0;
}

/*
 * Words that may open a date without a colon ("Posted on April 15, 2024").
 * Keep sorted (strcmp order).
 */
static const char *const datetok_labels[] = {
	"created", "date", "last", "modified", "on", "posted", "pubdate",
	"published", "release", "released", "time", "updated",
};

/* bsearch comparator for datetok_labels */
static int
datetok_label_cmp_cb(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Whether s[0..len) is one of datetok_labels, in any case. */
static int
datetok_label_word(const char *s, size_t len)
{
	char key[DATETOK_MAX_WORD + 1];
	size_t i;

	if (len == 0 || len > DATETOK_MAX_WORD)
		return 0;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
		key[i] = s[i] | 0x20;
	}
	key[len] = '\0';
	return bsearch(key, datetok_labels,
	    sizeof(datetok_labels) / sizeof(datetok_labels[0]),
	    sizeof(datetok_labels[0]), datetok_label_cmp_cb) != NULL;
}

const char *
datetok_label(const char *s)
{
	const char *p, *q;

	/* "Release time:", "发布时间：": words, then an ASCII or CJK colon */
	for (p = s; p - s < DATETOK_MAX_LABEL; p++) {
		if (*p == ':' && p > s)
			return p + 1;
		if (strncmp(p, "\xef\xbc\x9a", 3) == 0 && p > s)
			return p + 3;
		if (!datetok_is_letter(*p) && *p != ' ' && *p != '_' &&
		    *p != '-')
			break;
	}
	/* "Posted on", "Updated": known words alone */
	for (p = s; datetok_label_word(p, strcspn(p, " \t")); p = q) {
		q = p + strcspn(p, " \t");
		while (datetok_is_space(*q))
			q++;
	}
	return p;
}

/* English month names for %b and %B, full then short; "sept" as well. */
static const char *const datetok_fmt_months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec", "sept",
};

/* English weekday names for %a and %A, full then short. */
static const char *const datetok_fmt_wdays[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sun", "mon", "tue", "wed", "thu", "fri", "sat",
};

/* The index in names[] of the ASCII word at *p, advancing *p; else -1. */
static int
datetok_fmt_name(const char **p, const char *const *names, size_t n)
{
	char key[DATETOK_MAX_WORD + 1];
	size_t i, len;

	for (len = 0; ((*p)[len] >= 'a' && (*p)[len] <= 'z') ||
	    ((*p)[len] >= 'A' && (*p)[len] <= 'Z'); len++)
		if (len == DATETOK_MAX_WORD)
			return -1;
	for (i = 0; i < len; i++)
		key[i] = (*p)[i] | 0x20;
	key[len] = '\0';
	for (i = 0; i < n; i++)
		if (strcmp(key, names[i]) == 0) {
			*p += len;
			return (int)i;
		}
	return -1;
}

/* Read 1 to width digits at *p into *v, advancing *p. */
static int
datetok_fmt_num(const char **p, int width, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < width && datetok_is_digit((*p)[i]); i++)
		*v = *v * 10 + ((*p)[i] - '0');
	*p += i;
	return i > 0 ? 0 : -1;
}

/* %z: Z, +hh, +hhmm or +hh:mm. */
static int
datetok_fmt_offset(const char **p, struct datetok_fields *f)
{
	const char *q = *p;
	int sign, h, m = 0;

	f->have_zone = 1;
	if (*q == 'Z' || *q == 'z') {
		*p = q + 1;
		return 0;
	}
	if (*q != '+' && *q != '-')
		return -1;
	sign = *q++ == '-' ? -1 : 1;
	if (!datetok_is_digit(q[0]) || !datetok_is_digit(q[1]))
		return -1;
	h = (q[0] - '0') * 10 + q[1] - '0';
	q += 2;
	if (*q == ':' && datetok_is_digit(q[1]) && datetok_is_digit(q[2]))
		q++;
	if (datetok_is_digit(q[0]) && datetok_is_digit(q[1])) {
		m = (q[0] - '0') * 10 + q[1] - '0';
		q += 2;
	}
	if (h > 23 || m > 59)
		return -1;
	f->off = sign * (h * 3600L + m * 60L);
	*p = q;
	return 0;
}

/* %Z: a zone name the loose reader knows (GMT, UTC, EST, CEST...). */
static int
datetok_fmt_zname(const char **p, struct datetok_fields *f)
{
	size_t len = 0;

	while (((*p)[len] >= 'a' && (*p)[len] <= 'z') ||
	    ((*p)[len] >= 'A' && (*p)[len] <= 'Z') || (*p)[len] == '/')
		len++;
	if (datetok_zone(*p, len, &f->off) == -1)
		return -1;
	f->have_zone = 1;
	*p += len;
	return 0;
}

/* %y as POSIX reads it: 69-99 the 1900s, 00-68 the 2000s. */
static int
datetok_fmt_year2(const char **p, struct datetok_fields *f)
{
	if (datetok_fmt_num(p, 2, &f->year) == -1)
		return -1;
	f->year += f->year < 69 ? 2000 : 1900;
	f->ydigits = 4;
	return 0;
}

/* One conversion c at *p; -1 when it does not match or is unknown. */
static int
datetok_fmt_conv(char c, const char **p, struct datetok_fields *f)
{
	int v;

	switch (c) {
	case 'Y':
		f->ydigits = 4;
		return datetok_fmt_num(p, 4, &f->year);
	case 'y':
		return datetok_fmt_year2(p, f);
	case 'm':
		return datetok_fmt_num(p, 2, &f->mon);
	case 'e':
		while (**p == ' ')
			(*p)++;
		/* FALLTHROUGH */
	case 'd':
		return datetok_fmt_num(p, 2, &f->mday);
	case 'j':
		return datetok_fmt_num(p, 3, &f->yday);
	case 'H':
	case 'I':
		f->have_time = 1;
		return datetok_fmt_num(p, 2, &f->hour);
	case 'M':
		return datetok_fmt_num(p, 2, &f->min);
	case 'S':
		return datetok_fmt_num(p, 2, &f->sec);
	case 'b':
	case 'B':
	case 'h':
		if ((v = datetok_fmt_name(p, datetok_fmt_months, 25)) == -1)
			return -1;
		f->mon = v == 24 ? 9 : v % 12 + 1;
		return 0;
	case 'a':
	case 'A':
		f->wday = 1;
		return datetok_fmt_name(p, datetok_fmt_wdays, 14) == -1 ? -1 :
		    0;
	case 'p':
		if (((**p | 0x20) != 'a' && (**p | 0x20) != 'p') ||
		    ((*p)[1] | 0x20) != 'm')
			return -1;
		f->ampm = (**p | 0x20) == 'p' ? 12 : 0;
		*p += 2;
		return 0;
	case 'z':
		return datetok_fmt_offset(p, f);
	case 'Z':
		return datetok_fmt_zname(p, f);
	case '%':
		return *(*p)++ == '%' ? 0 : -1;
	default:
		return -1;
	}
}

int
datetok_fmt(const char *s, const char *fmt, struct datetok_fields *f)
{
	const char *p = s;

	datetok_fields_init(f);
	for (; *fmt != '\0'; fmt++) {
		if (datetok_is_space(*fmt)) {
			while (datetok_is_space(*p))
				p++;
		} else if (*fmt == '%') {
			fmt++;
			if (*fmt == '\0' || datetok_fmt_conv(*fmt, &p, f) == -1)
				return -1;
		} else if (*p++ != *fmt)
			return -1;
	}
	while (datetok_is_space(*p))
		p++;
	return *p == '\0' ? 0 : -1;
}
