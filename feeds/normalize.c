/*
 * Normalization: whatever format an item came in, it leaves here with
 * plain-text title and author, an absolute http(s) link and its canonical
 * form, sanitized summary and content, clean categories and sane dates,
 * so that the store and the writers never need to know its source.
 */
#include <stdlib.h>
#include <string.h>

#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/normalize.h"
#include "feeds/url.h"

#define NORMALIZE_ELLIPSIS	"\xe2\x80\xa6"	/* U+2026 */

/* Replace *field by its plain text; an empty one becomes NULL. */
static int
normalize_text(char **field)
{
	char *t;

	if (*field == NULL)
		return 0;
	if (strlen(*field) > NORMALIZE_MAX_HTML) {
		free(*field);
		*field = NULL;
		return 0;
	}
	if ((t = html_to_text(*field, NORMALIZE_MAX_HTML)) == NULL)
		return -1;
	free(*field);
	*field = t[0] != '\0' ? t : NULL;
	if (*field == NULL)
		free(t);
	return 0;
}

/* Trim ASCII white space around s in place; 1 when something is left. */
static int
normalize_trim(char *s)
{
	size_t start, end;

	start = strspn(s, " \t\r\n\f\v");
	end = strlen(s);
	while (end > start && strchr(" \t\r\n\f\v", s[end - 1]) != NULL)
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s[0] != '\0';
}

/* Resolve the link; keep it (and its canonical form) only for http(s). */
static int
normalize_link(struct item *it, const char *feed_url)
{
	char *abs;

	free(it->canon);
	it->canon = NULL;
	if (it->link == NULL)
		return 0;
	/* an empty reference means the feed itself, not an article */
	abs = normalize_trim(it->link) ? url_resolve(feed_url, it->link) : NULL;
	free(it->link);
	it->link = NULL;
	if (abs == NULL)
		return 0;
	/* file: links only from a file: source (a local demo's pages) */
	if (!url_scheme_is(abs, "http,https") &&
	    !(url_scheme_is(abs, "file") && url_scheme_is(feed_url, "file"))) {
		free(abs);
		return 0;
	}
	it->link = abs;
	/* a link curl resolved is one it can canonicalize: NULL is ENOMEM;
	 * a file: link is its own canonical form */
	it->canon = url_scheme_is(abs, "file") ? strdup(abs) :
	    url_canonical(abs);
	return it->canon != NULL ? 0 : -1;
}

/* Replace the HTML in *field by its sanitized form, NULL when empty. */
static int
normalize_html(char **field, const char *base)
{
	char *s;
	size_t i;

	if (*field == NULL)
		return 0;
	if (strlen(*field) > NORMALIZE_MAX_HTML) {
		free(*field);
		*field = NULL;
		return 0;
	}
	if ((s = html_sanitize(*field, base, NORMALIZE_MAX_HTML)) == NULL)
		return -1;
	free(*field);
	*field = s;
	for (i = 0; s[i] != '\0'; i++)
		if (strchr(" \t\r\n", s[i]) == NULL)
			return 0;
	free(s);
	*field = NULL;
	return 0;
}

/*
 * Cut text after about NORMALIZE_TITLE_LEN characters, at a word boundary
 * when there is one in the second half, and mark the cut with an ellipsis.
 */
static char *
normalize_shorten(const char *text)
{
	size_t i, chars = 0, cut = 0, space = 0;
	char *out;

	for (i = 0; text[i] != '\0'; i++) {
		if (((unsigned char)text[i] & 0xc0) == 0x80)
			continue;	/* inside a UTF-8 sequence */
		if (chars == NORMALIZE_TITLE_LEN) {
			cut = i;
			break;
		}
		if (text[i] == ' ' && chars >= NORMALIZE_TITLE_LEN / 2)
			space = i;
		chars++;
	}
	if (cut == 0)
		return strdup(text);
	if (space != 0 && text[cut] != ' ')
		cut = space;
	while (cut > 0 && strchr(" ,;:.-", text[cut - 1]) != NULL)
		cut--;
	if ((out = malloc(cut + sizeof(NORMALIZE_ELLIPSIS))) == NULL)
		return NULL;
	memcpy(out, text, cut);
	memcpy(out + cut, NORMALIZE_ELLIPSIS, sizeof(NORMALIZE_ELLIPSIS));
	return out;
}

/*
 * Give an item without a title one made from its summary (or content).
 * Only the start of the HTML is read: a title needs a few words, and the
 * sanitized HTML may be larger than any limit the text conversion takes.
 */
static int
normalize_title_from(struct item *it)
{
	const char *html;
	char *head, *text;
	size_t n;

	if (it->title != NULL)
		return 0;
	if ((html = it->summary != NULL ? it->summary : it->content) == NULL)
		return 0;
	n = strnlen(html, NORMALIZE_TITLE_SOURCE);
	if (html[n] != '\0')	/* cut, but never inside a UTF-8 sequence */
		while (n > 0 && ((unsigned char)html[n] & 0xc0) == 0x80)
			n--;
	if ((head = strndup(html, n)) == NULL)
		return -1;
	text = html_to_text(head, NORMALIZE_TITLE_SOURCE);
	free(head);
	if (text == NULL)
		return -1;
	if (text[0] != '\0' && (it->title = normalize_shorten(text)) == NULL) {
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

/* Categories as plain text, trimmed, dropping empty and repeated ones;
 * -1 on ENOMEM. */
static int
normalize_categories(struct item *it)
{
	size_t i, j, n = 0;
	int rc = 0;

	for (i = 0; i < it->ncategories; i++) {
		/* "Lo&amp;#239;c" and "<b>tag</b>": escaped twice, or HTML */
		if (rc == 0 && html_looks_like(it->categories[i]))
			rc = normalize_text(&it->categories[i]);
		if (it->categories[i] != NULL)
			html_squeeze(it->categories[i]);
		for (j = 0; j < n && it->categories[i] != NULL; j++)
			if (strcmp(it->categories[j], it->categories[i]) == 0)
				break;
		if (it->categories[i] == NULL ||
		    it->categories[i][0] == '\0' || j < n) {
			free(it->categories[i]);
			continue;
		}
		it->categories[n++] = it->categories[i];
	}
	it->ncategories = n;
	if (n == 0) {
		free(it->categories);
		it->categories = NULL;
	}
	return rc;
}

/*
 * Pull far-future dates back to now (a feed must not pin itself to the
 * top), with a warning; an item without an updated date was last updated
 * when it was published. A missing published date stays unknown.
 */
static int
normalize_dates(struct item_list *l, struct item *it, time_t now)
{
	char when[DATE_RFC3339_LEN];
	time_t *d[2] = { &it->published, &it->updated };
	size_t i;

	for (i = 0; i < 2; i++) {
		if (*d[i] < 0)
			*d[i] = 0;
		if (*d[i] <= now + NORMALIZE_MAX_AHEAD)
			continue;
		date_rfc3339(*d[i], when);
		if (item_list_warn(l, "date %s is in the future; read as now",
		    when) == -1)
			return -1;
		*d[i] = now;
	}
	if (it->updated == 0)
		it->updated = it->published;
	return 0;
}

/* Normalize one item in place; -1 on ENOMEM. */
static int
normalize_item(struct item_list *l, struct item *it, const char *feed_url,
    time_t now)
{
	const char *base;

	if (it->id != NULL && !normalize_trim(it->id)) {
		free(it->id);
		it->id = NULL;
	}
	if (normalize_text(&it->title) == -1 ||
	    normalize_text(&it->author) == -1 ||
	    normalize_link(it, feed_url) == -1)
		return -1;
	base = it->base != NULL ? it->base : feed_url;
	if (normalize_html(&it->summary, base) == -1 ||
	    normalize_html(&it->content, base) == -1 ||
	    normalize_title_from(it) == -1)
		return -1;
	if (it->summary != NULL && it->content != NULL &&
	    strcmp(it->summary, it->content) == 0) {
		free(it->summary);
		it->summary = NULL;
	}
	if (normalize_categories(it) == -1)
		return -1;
	return normalize_dates(l, it, now);
}

int
normalize_items(struct item_list *l, const char *feed_url, time_t now)
{
	struct item **pp, *it;
	int rc = 0;

	if (normalize_text(&l->title) == -1)
		return -1;
	l->tail = &l->head;
	for (pp = &l->head; (it = *pp) != NULL;) {
		if (rc == 0 && normalize_item(l, it, feed_url, now) == -1)
			rc = -1;
		/* Nothing a reader could see or follow (a title is made
		 * from any text the summary or content has). */
		if (it->id == NULL && it->link == NULL && it->title == NULL) {
			*pp = it->next;
			item_free(it);
			l->count--;
			continue;
		}
		l->tail = &it->next;
		pp = &it->next;
	}
	return rc;
}
