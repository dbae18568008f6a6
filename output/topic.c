/*
 * Topics: a slug, a title and a list of keywords, and deciding whether an
 * item's title or text mentions one of them. Keywords are kept lower-cased
 * with their white space collapsed; matching folds ASCII case only (bytes of
 * 0x80 and above compare as they are) and requires word boundaries: the
 * characters just before and after a match are not ASCII letters or digits.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/html.h"
#include "output/topic.h"

#define TOPIC_NAME_MAX		64
#define TOPIC_KEYWORD_MAX	256		/* bytes in one keyword */
#define TOPIC_TEXT_MAX		(16UL * 1024 * 1024) /* HTML to scan */

struct topic {
	char	 *name;		/* owns: the slug */
	char	 *title;	/* owns: display title */
	char	**keywords;	/* owns: nkeywords owned, normalized strings */
	size_t	  nkeywords;
};

static int
topic_isalnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
topic_isspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

static unsigned char
topic_lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

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

void
topic_free(struct topic *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nkeywords; i++)
		free(t->keywords[i]);
	free(t->keywords);
	free(t->name);
	free(t->title);
	free(t);
}

/* Lower-case kw and collapse its white space to single spaces, so that a
 * phrase written with odd spacing in the feeds file still matches. */
static char *
topic_normalize(const char *kw)
{
	char *out, *o;
	const unsigned char *p;

	if ((out = malloc(strlen(kw) + 1)) == NULL)
		return NULL;
	o = out;
	for (p = (const unsigned char *)kw; *p != '\0'; p++) {
		if (topic_isspace(*p)) {
			if (o != out && o[-1] != ' ')
				*o++ = ' ';
		} else
			*o++ = (char)topic_lower(*p);
	}
	if (o != out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

/* An empty keyword would match at every word boundary, and a huge one is a
 * mistake: both are refused (-1, errno EINVAL). */
int
topic_add_keyword(struct topic *t, const char *kw)
{
	char *norm, **grown;

	if ((norm = topic_normalize(kw)) == NULL)
		return -1;
	if (norm[0] == '\0' || strlen(norm) > TOPIC_KEYWORD_MAX) {
		free(norm);
		errno = EINVAL;
		return -1;
	}
	grown = realloc(t->keywords, (t->nkeywords + 1) * sizeof(*grown));
	if (grown == NULL) {
		free(norm);
		return -1;
	}
	t->keywords = grown;
	t->keywords[t->nkeywords++] = norm;
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
	return t->nkeywords;
}

/*
 * If the normalized keyword kw occurs at s, return the end of the match in
 * s, else NULL; a space in kw stands for any run of white space.
 */
static const unsigned char *
topic_match_at(const unsigned char *s, const unsigned char *kw)
{
	while (*kw != '\0') {
		if (*kw == ' ') {
			if (!topic_isspace(*s))
				return NULL;
			while (topic_isspace(*s))
				s++;
		} else {
			if (topic_lower(*s) != *kw)
				return NULL;
			s++;
		}
		kw++;
	}
	return s;
}

/*
 * 1 when kw occurs in text with a word boundary on both sides. text is
 * already lower-cased (topic_text), so candidates are found with strstr on
 * the keyword's first word and only they are checked in full.
 */
static int
topic_find(const char *text, const char *kw)
{
	char head[TOPIC_KEYWORD_MAX + 1];
	const unsigned char *end;
	const char *p;
	size_t n;

	n = strcspn(kw, " ");
	memcpy(head, kw, n);
	head[n] = '\0';
	for (p = strstr(text, head); p != NULL; p = strstr(p + 1, head)) {
		if (p != text && topic_isalnum((unsigned char)p[-1]))
			continue;
		if ((end = topic_match_at((const unsigned char *)p,
		    (const unsigned char *)kw)) != NULL && !topic_isalnum(*end))
			return 1;
	}
	return 0;
}

/* 1 when any of the topic's keywords occurs in text. */
static int
topic_find_any(const struct topic *t, const char *text)
{
	size_t i;

	if (text == NULL)
		return 0;
	for (i = 0; i < t->nkeywords; i++)
		if (topic_find(text, t->keywords[i]))
			return 1;
	return 0;
}

/* The plain text of one HTML field, or NULL when it has none. */
static char *
topic_html_text(const char *html)
{
	if (html == NULL || html[0] == '\0')
		return NULL;
	return html_to_text(html, TOPIC_TEXT_MAX);
}

/*
 * The text an item is matched on: its title, then the text (never the
 * markup) of its summary and content, apart, in lower case. HTML is
 * converted here once, however many topics then look at it.
 */
char *
topic_text(const struct item *it)
{
	const char *part[3];
	char *sum, *con, *buf;
	size_t i, len = 0, n;

	sum = topic_html_text(it->summary);
	con = topic_html_text(it->content);
	part[0] = it->title ? it->title : "";
	part[1] = sum ? sum : "";
	part[2] = con ? con : "";
	for (i = 0; i < 3; i++)
		len += strlen(part[i]) + 1;
	if ((buf = malloc(len)) != NULL) {
		for (len = 0, i = 0; i < 3; i++) {
			n = strlen(part[i]);
			memcpy(buf + len, part[i], n);
			len += n;
			/* \x1f: neither a word nor white space, so no
			 * phrase runs across two fields. */
			buf[len++] = i < 2 ? '\x1f' : '\0';
		}
		for (i = 0; i < len; i++)
			buf[i] = (char)topic_lower((unsigned char)buf[i]);
	}
	free(sum);
	free(con);
	return buf;
}

int
topic_match_text(const struct topic *t, const char *text)
{
	return t->nkeywords > 0 && topic_find_any(t, text);
}

int
topic_match(const struct topic *t, const struct item *it)
{
	char *text;
	int found;

	if (t->nkeywords == 0 || (text = topic_text(it)) == NULL)
		return 0;
	found = topic_match_text(t, text);
	free(text);
	return found;
}
