/*
 * Topics: a slug, a title and the rules that put an item in the topic
 * (keywords and phrases, PCRE2 regular expressions, categories, and
 * exclusions that overrule them all), the folded text they are matched
 * on, and slugs for auto-topics. Keywords, categories and the text are
 * folded alike (output/topictext.c), so matching compares bytes; a keyword
 * needs a word boundary on each side (the character there is no letter or
 * digit), except on a side where it is written in a script without spaces.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "feeds/html.h"
#include "feeds/htmltext.h"
#include "output/topic.h"
#include "output/topictext.h"

#define TOPIC_NAME_MAX		64
#define TOPIC_KEYWORD_MAX	256		/* bytes in one keyword */
#define TOPIC_TEXT_MAX		(16UL * 1024 * 1024) /* HTML to scan */
#define TOPIC_REGEX_MAX		1024		/* bytes in one pattern */
#define TOPIC_REGEX_SUBJECT_MAX	(64UL * 1024)	/* text a regex sees */
/*
 * PCRE2's match limit counts backtracking per start position, so a pattern
 * that costs a little less than the limit at every position of a long text
 * runs for minutes. The per-position limit is this budget over the text's
 * length: about 0.1 s of JIT matching at worst per regex and item.
 */
#define TOPIC_REGEX_BUDGET	20000000UL
#define TOPIC_REGEX_LIMIT_MAX	1000000UL
#define TOPIC_REGEX_DEPTH_MAX	10000U		/* nested backtracking */
#define TOPIC_REGEX_HEAP_KIB	8192U		/* its memory */
#define TOPIC_FIELD_SEP		'\x1f'		/* after each text field */
#define TOPIC_CAT_SEP		'\x1e'		/* after each category */
#define TOPIC_NFIELDS		3		/* title, summary, content */
/* Zeros after the text: PCRE2's JIT reads ahead in 16-byte (SIMD) words,
 * harmlessly, but valgrind would report reads past the allocation. */
#define TOPIC_TEXT_PAD		64

/* A list of normalized strings. */
struct topic_list {
	char	**v;		/* owns: n owned strings */
	size_t	  n;
};

struct topic {
	char		 *name;		/* owns: the slug */
	char		 *title;	/* owns: display title */
	struct topic_list keywords;	/* folded keywords and phrases */
	struct topic_list excludes;	/* folded exclusions */
	struct topic_list categories;	/* folded categories */
	pcre2_code	**regexes;	/* owns: nregexes owned patterns */
	size_t		  nregexes;
};

int
topic_name_valid(const char *name)
{
	size_t i;

	if (name == NULL || name[0] == '\0' || name[0] == '-')
		return 0;
	for (i = 0; name[i] != '\0'; i++) {
		if (i >= TOPIC_NAME_MAX)
			return 0;
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') || name[i] == '-'))
			return 0;
	}
	return 1;
}

/* Refuses an invalid slug (NULL, errno EINVAL) so a bad name never reaches
 * a file name under topics/. */
struct topic *
topic_new(const char *name, const char *title)
{
	struct topic *t;

	if (!topic_name_valid(name)) {
		errno = EINVAL;
		return NULL;
	}
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	t->name = strdup(name);
	t->title = strdup(title != NULL && title[0] != '\0' ? title : name);
	if (t->name == NULL || t->title == NULL) {
		topic_free(t);
		return NULL;
	}
	return t;
}

static void
topic_list_free(struct topic_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void
topic_free(struct topic *t)
{
	size_t i;

	if (t == NULL)
		return;
	topic_list_free(&t->keywords);
	topic_list_free(&t->excludes);
	topic_list_free(&t->categories);
	for (i = 0; i < t->nregexes; i++)
		pcre2_code_free(t->regexes[i]);
	free(t->regexes);
	free(t->name);
	free(t->title);
	free(t);
}

/* Append s to l, taking it; on ENOMEM free it. */
static int
topic_list_add(struct topic_list *l, char *s)
{
	char **grown;

	if ((grown = realloc(l->v, (l->n + 1) * sizeof(*grown))) == NULL) {
		free(s);
		return -1;
	}
	l->v = grown;
	l->v[l->n++] = s;
	return 0;
}

/* The folded form of a keyword or category, so that one written with odd
 * case or spacing in the feeds file still matches; NULL on ENOMEM. */
static char *
topic_normalize(const char *s)
{
	char *out;

	if ((out = malloc(strlen(s) + 1)) != NULL)
		topictext_norm(out, s);
	return out;
}

/* An empty rule would match at every word boundary, and a huge one is a
 * mistake: both are refused (-1, errno EINVAL). Takes s. */
static int
topic_add_word(struct topic_list *l, char *s, size_t skip)
{
	size_t len;

	while (s[skip] == ' ')
		skip++;
	len = strlen(s + skip);
	if (len == 0 || len > TOPIC_KEYWORD_MAX) {
		free(s);
		errno = EINVAL;
		return -1;
	}
	memmove(s, s + skip, len + 1);
	return topic_list_add(l, s);
}

int
topic_add_keyword(struct topic *t, const char *kw)
{
	char *norm;

	if ((norm = topic_normalize(kw)) == NULL)
		return -1;
	if (norm[0] == '-')
		return topic_add_word(&t->excludes, norm, 1);
	return topic_add_word(&t->keywords, norm, 0);
}

int
topic_add_category(struct topic *t, const char *cat)
{
	char *norm;

	if ((norm = topic_normalize(cat)) == NULL)
		return -1;
	return topic_add_word(&t->categories, norm, 0);
}

/* PCRE2 keeps its limits in a match context; they depend on the length of
 * the text, see TOPIC_REGEX_BUDGET. */
static void
topic_regex_limits(pcre2_match_context *mc, size_t len)
{
	unsigned long limit;

	limit = TOPIC_REGEX_BUDGET / (len + 1);
	if (limit > TOPIC_REGEX_LIMIT_MAX)
		limit = TOPIC_REGEX_LIMIT_MAX;
	pcre2_set_match_limit(mc, (uint32_t)limit);
	pcre2_set_depth_limit(mc, TOPIC_REGEX_DEPTH_MAX);
	pcre2_set_heap_limit(mc, TOPIC_REGEX_HEAP_KIB);
}

/* 1 when one of the n patterns matches text[0..len) within the limits;
 * hitting a limit, running out of memory or a malformed text all count as
 * no match. */
static int
topic_regex_run(pcre2_code *const *re, size_t n, const char *text,
    size_t len, uint32_t opts)
{
	pcre2_match_context *mc;
	pcre2_match_data *md;
	size_t i;
	int found = 0;

	mc = pcre2_match_context_create(NULL);
	md = pcre2_match_data_create(1, NULL);
	if (mc != NULL && md != NULL) {
		topic_regex_limits(mc, len);
		for (i = 0; i < n && !found; i++)
			found = pcre2_match(re[i], (PCRE2_SPTR)text, len, 0,
			    opts, md, mc) >= 0;
	}
	pcre2_match_data_free(md);
	pcre2_match_context_free(mc);
	return found;
}

static void topic_err(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Fill the caller's error buffer, which may be NULL. */
static void
topic_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The text topic_text makes of an item without title, text or categories,
 * padded for the JIT. */
static const char topic_empty_text[TOPIC_TEXT_PAD] = "\x1f\x1f\x1f";

/* Compiled for the folded text (caseless, Unicode classes); JIT when the
 * platform has it, which makes matching several times faster. */
int
topic_add_regex(struct topic *t, const char *pattern, char *err,
    size_t errlen)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	pcre2_code *re, **grown;
	int ec;

	if (pattern == NULL || pattern[0] == '\0') {
		topic_err(err, errlen, "empty pattern");
		return -1;
	}
	if (strlen(pattern) > TOPIC_REGEX_MAX) {
		topic_err(err, errlen, "pattern longer than %d bytes",
		    TOPIC_REGEX_MAX);
		return -1;
	}
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C,
	    &ec, &off, NULL);
	if (re == NULL) {
		if (pcre2_get_error_message(ec, msg, sizeof(msg)) < 0)
			snprintf((char *)msg, sizeof(msg), "error %d", ec);
		topic_err(err, errlen, "offset %zu: %s", (size_t)off,
		    (char *)msg);
		return -1;
	}
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (topic_regex_run(&re, 1, topic_empty_text, 3, 0)) {
		topic_err(err, errlen, "matches the text of an empty item, so "
		    "it would match every item");
		pcre2_code_free(re);
		return -1;
	}
	grown = realloc(t->regexes, (t->nregexes + 1) * sizeof(*grown));
	if (grown == NULL) {
		topic_err(err, errlen, "out of memory");
		pcre2_code_free(re);
		return -1;
	}
	t->regexes = grown;
	t->regexes[t->nregexes++] = re;
	return 0;
}

const char *
topic_name(const struct topic *t)
{
	return t->name;
}

const char *
topic_title(const struct topic *t)
{
	return t->title;
}

size_t
topic_nkeywords(const struct topic *t)
{
	return t->keywords.n;
}

size_t
topic_nrules(const struct topic *t)
{
	return t->keywords.n + t->nregexes + t->categories.n;
}

static int
topic_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * If the normalized keyword kw occurs at s, return the end of the match in
 * s, else NULL; a space in kw stands for any run of white space.
 */
static const char *
topic_match_at(const char *s, const char *kw)
{
	while (*kw != '\0') {
		if (*kw == ' ') {
			if (!topic_isspace((unsigned char)*s))
				return NULL;
			while (topic_isspace((unsigned char)*s))
				s++;
		} else {
			if (*s != *kw)
				return NULL;
			s++;
		}
		kw++;
	}
	return s;
}

/* 1 when the character cp is a letter or digit that glues onto a word; a
 * keyword whose edge is in a dense script needs no boundary there. */
static int
topic_glued(uint32_t cp, int dense_edge)
{
	return !dense_edge && topictext_class(cp) == TOPICTEXT_WORD;
}

/*
 * 1 when kw occurs in text with a word boundary on both sides. Both are
 * folded alike, so candidates are found with strstr on the keyword's first
 * word and only they are checked in full. A dense-script character next
 * to a Latin word is a boundary: Chinese runs "iPhone" in without spaces.
 */
static int
topic_find(const char *text, const char *kw)
{
	char head[TOPIC_KEYWORD_MAX + 1];
	const char *p, *end;
	uint32_t cp;
	size_t n;
	int dhead, dtail;

	n = strcspn(kw, " ");
	memcpy(head, kw, n);
	head[n] = '\0';
	topictext_decode(kw, &cp);
	dhead = topictext_class(cp) == TOPICTEXT_DENSE;
	cp = topictext_prev(kw, kw + strlen(kw));
	dtail = topictext_class(cp) == TOPICTEXT_DENSE;
	for (p = strstr(text, head); p != NULL; p = strstr(p + 1, head)) {
		if (topic_glued(topictext_prev(text, p), dhead))
			continue;
		if ((end = topic_match_at(p, kw)) == NULL)
			continue;
		topictext_decode(end, &cp);
		if (!topic_glued(cp, dtail))
			return 1;
	}
	return 0;
}

/* 1 when any of the words in l occurs in text. */
static int
topic_find_any(const struct topic_list *l, const char *text)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (topic_find(text, l->v[i]))
			return 1;
	return 0;
}

/* 1 when one of the categories at the end of text is one of l. */
static int
topic_category_any(const struct topic_list *l, const char *text)
{
	const char *p = text, *e;
	size_t i, n;

	for (i = 0; i < TOPIC_NFIELDS; i++)
		if ((p = strchr(p, TOPIC_FIELD_SEP)) == NULL)
			return 0;
		else
			p++;
	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, TOPIC_CAT_SEP);
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		for (i = 0; i < l->n; i++)
			if (strlen(l->v[i]) == n && memcmp(l->v[i], p, n) == 0)
				return 1;
	}
	return 0;
}

/* 1 when one of the topic's regexes matches the start of text (whole
 * characters up to TOPIC_REGEX_SUBJECT_MAX bytes). */
static int
topic_regex_any(const struct topic *t, const char *text)
{
	size_t len;
	uint32_t opts;

	if (t->nregexes == 0)
		return 0;
	len = strnlen(text, TOPIC_REGEX_SUBJECT_MAX + 1);
	if (len > TOPIC_REGEX_SUBJECT_MAX) {
		len = TOPIC_REGEX_SUBJECT_MAX;
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	/* Checked once here rather than by PCRE2 for every pattern. */
	opts = topictext_valid(text, len) ? PCRE2_NO_UTF_CHECK : 0;
	return topic_regex_run(t->regexes, t->nregexes, text, len, opts);
}

/* The plain text of one sanitized HTML field (as normalize and the store
 * give them), or NULL when it has none. */
static char *
topic_html_text(const char *html)
{
	if (html == NULL || html[0] == '\0')
		return NULL;
	return htmltext(html, TOPIC_TEXT_MAX);
}

/*
 * The text an item is matched on: its title, the text (never the markup)
 * of its summary and content, each followed by TOPIC_FIELD_SEP, then its
 * categories, each followed by TOPIC_CAT_SEP, all folded. Folding turns
 * control characters into spaces, so the separators are unambiguous and
 * neither a word nor white space: no phrase runs from one field into the
 * next. HTML is converted here once, however many topics then look at it.
 */
char *
topic_text(const struct item *it)
{
	const char *part[TOPIC_NFIELDS];
	char *sum, *con, *buf, *o;
	size_t i, len = 1, n;

	sum = topic_html_text(it->summary);
	con = topic_html_text(it->content);
	part[0] = it->title ? it->title : "";
	part[1] = sum ? sum : "";
	part[2] = con ? con : "";
	for (i = 0; i < TOPIC_NFIELDS; i++)
		len += strlen(part[i]) + 1;
	for (i = 0; i < it->ncategories; i++)
		len += strlen(it->categories[i]) + 1;
	if ((buf = malloc(len + TOPIC_TEXT_PAD)) != NULL) {
		o = buf;
		for (i = 0; i < TOPIC_NFIELDS; i++) {
			o += topictext_norm(o, part[i]);
			*o++ = TOPIC_FIELD_SEP;
		}
		for (i = 0; i < it->ncategories; i++)
			if ((n = topictext_norm(o, it->categories[i])) > 0) {
				o += n;
				*o++ = TOPIC_CAT_SEP;
			}
		memset(o, 0, (size_t)(buf + len + TOPIC_TEXT_PAD - o));
	}
	free(sum);
	free(con);
	return buf;
}

/* Cheap rules first; exclusions only once a rule matched. */
int
topic_match_text(const struct topic *t, const char *text)
{
	if (text == NULL || topic_nrules(t) == 0)
		return 0;
	if (!topic_category_any(&t->categories, text) &&
	    !topic_find_any(&t->keywords, text) &&
	    !topic_regex_any(t, text))
		return 0;
	return !topic_find_any(&t->excludes, text);
}

int
topic_match(const struct topic *t, const struct item *it)
{
	char *text;
	int found;

	if (topic_nrules(t) == 0 || (text = topic_text(it)) == NULL)
		return 0;
	found = topic_match_text(t, text);
	free(text);
	return found;
}

/* FNV-1a: small, and the same on every host and in every release. */
static uint32_t
topic_hash(const char *s)
{
	uint32_t h = 2166136261U;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619U;
	return h;
}

/*
 * The ASCII spelling of the folded name norm into out (at most max bytes
 * and a NUL), words joined by single '-'. *letters tells whether it has an
 * ASCII letter, *lost whether a letter or digit had no ASCII form.
 */
static size_t
topic_slug_ascii(const char *norm, char *out, size_t max, int *letters,
    int *lost)
{
	char one[2] = { 0, 0 };
	const char *s;
	uint32_t cp;
	size_t n = 0, len;
	int sep = 0;

	*letters = *lost = 0;
	for (; (len = topictext_decode(norm, &cp)) > 0; norm += len) {
		s = NULL;
		if (cp < 0x80 && topictext_class(cp) == TOPICTEXT_WORD) {
			one[0] = (char)cp;
			s = one;
		} else if (cp == '\'' || cp == 0x2019 ||
		    (cp >= 0x300 && cp <= 0x36f))
			continue;	/* apostrophes, accents: in-word */
		else if (cp >= 0x80 && (s = topictext_ascii(cp)) == NULL &&
		    topictext_class(cp) != TOPICTEXT_OTHER)
			*lost = 1;
		if (s == NULL) {
			sep = 1;
			continue;
		}
		if (s[0] >= 'a' && s[0] <= 'z')
			*letters = 1;
		if (sep && n > 0 && n < max)
			out[n++] = '-';
		sep = 0;
		for (; *s != '\0' && n < max; s++)
			out[n++] = *s;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	return n;
}

char *
topic_slug(const char *name)
{
	char *norm, *out;
	uint32_t h;
	size_t n;
	int letters, lost;

	if (name == NULL) {
		errno = EINVAL;
		return NULL;
	}
	if ((norm = topic_normalize(name)) == NULL)
		return NULL;
	if ((out = malloc(TOPIC_NAME_MAX + 1)) == NULL) {
		free(norm);
		return NULL;
	}
	h = topic_hash(norm);
	n = topic_slug_ascii(norm, out, TOPIC_NAME_MAX, &letters, &lost);
	if (n == 0 || (lost && !letters))
		snprintf(out, TOPIC_NAME_MAX + 1, "t-%08x", (unsigned)h);
	else if (lost) {
		/* Room for "-" and the 8 hex digits. */
		if (n > TOPIC_NAME_MAX - 9)
			n = TOPIC_NAME_MAX - 9;
		while (n > 0 && out[n - 1] == '-')
			n--;
		snprintf(out + n, TOPIC_NAME_MAX + 1 - n, "-%08x",
		    (unsigned)h);
	}
	free(norm);
	return out;
}
