/*
 * JSON Feed: the one place that turns a JSON Feed 1.0 or 1.1 document into
 * an item list. It owns the json-c tokener set up with a depth cap and
 * UTF-8 validation, the test for "is this a JSON Feed", the rules for
 * choosing between a field and its fallback (url or external_url, authors
 * or author, content_html or content_text, image or banner_image) and the
 * plain-text-to-HTML escaping JSON Feed's text fields need.
 * Pure: text and limits in, items or an error out; no I/O, no globals.
 *
 * Members are looked up by name, in precedence order, rather than through
 * a key table: json-c's objects are already hash tables, and most fields
 * here are chosen between two candidates. A member of the wrong type
 * becomes a warning on the list and is skipped; JSON null counts as absent.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "feeds/date.h"
#include "feeds/html.h"
#include "feeds/item.h"
#include "feeds/jsonfeed.h"
#include "feeds/url.h"

/* Deepest nesting accepted; real feeds use 4 or 5 levels. */
#define JSONFEED_MAX_DEPTH	64

#define JSONFEED_VERSION_HTTPS	"https://jsonfeed.org/version/"
#define JSONFEED_VERSION_HTTP	"http://jsonfeed.org/version/"

/* What one parse carries from the feed into each item. */
struct jsonfeed_doc {
	struct item_list	*list;		/* borrows: the list filled */
	const char		*url;		/* borrows: base for
						 * references, or NULL */
	const char		*author;	/* borrows: the feed's author
						 * name, in the JSON tree */
	size_t			 n;		/* 1-based item being read; 0
						 * while reading the feed */
};

/* Warn about member key of the current item (or of the feed); -1 ENOMEM. */
static int
jsonfeed_warn(struct jsonfeed_doc *d, const char *key, const char *what)
{
	if (d->n == 0)
		return item_list_warn(d->list, "feed: \"%s\" %s; ignored",
		    key, what);
	return item_list_warn(d->list, "item %zu: \"%s\" %s; ignored", d->n,
	    key, what);
}

/*
 * Member key of obj when it has type t; NULL when absent or null (no
 * warning) or of another type (warned). *rc is set to -1 on ENOMEM.
 */
static struct json_object *
jsonfeed_member(struct jsonfeed_doc *d, struct json_object *obj,
    const char *key, enum json_type t, int *rc)
{
	struct json_object *v;
	char what[64];

	if (!json_object_object_get_ex(obj, key, &v) || v == NULL)
		return NULL;
	if (json_object_is_type(v, t))
		return v;
	snprintf(what, sizeof(what), "is a JSON %s, not %s %s",
	    json_type_to_name(json_object_get_type(v)),
	    t == json_type_array || t == json_type_object ? "an" : "a",
	    json_type_to_name(t));
	if (jsonfeed_warn(d, key, what) == -1)
		*rc = -1;
	return NULL;
}

/*
 * The string member key of obj, borrowed from the tree; NULL when absent,
 * empty, of another type or holding a NUL character (which would cut it
 * short without anyone noticing downstream), the last two warned.
 */
static const char *
jsonfeed_string(struct jsonfeed_doc *d, struct json_object *obj,
    const char *key, int *rc)
{
	struct json_object *v;
	const char *s;
	size_t len;

	if ((v = jsonfeed_member(d, obj, key, json_type_string, rc)) == NULL)
		return NULL;
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (strlen(s) != len) {
		if (jsonfeed_warn(d, key, "contains a NUL character") == -1)
			*rc = -1;
		return NULL;
	}
	return len > 0 ? s : NULL;
}

/*
 * Resolve ref (member key) against the document URL; a malloc'd absolute
 * http(s) URL, or NULL (warned) when it is not one. *rc -1 on ENOMEM.
 */
static char *
jsonfeed_url(struct jsonfeed_doc *d, const char *key, const char *ref,
    int *rc)
{
	char *abs;

	if (ref == NULL)
		return NULL;
	abs = url_resolve(d->url, ref);
	if (abs != NULL && url_scheme_is(abs, "http,https"))
		return abs;
	free(abs);
	if (jsonfeed_warn(d, key, "is not an http(s) URL") == -1)
		*rc = -1;
	return NULL;
}

/* Copy s (may be NULL) into *field; -1 on ENOMEM. */
static int
jsonfeed_set(char **field, const char *s)
{
	return s == NULL ? 0 : item_set(field, s);
}

/* JSON white space, as it separates lines and paragraphs of text. */
static int
jsonfeed_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Write s[0..n) as HTML into dst (when not NULL) and return its length:
 * & < > " escaped and, with paras, paragraphs closed and opened at blank
 * lines and other line ends made <br>. Called once to size and once to
 * write, so the output is allocated exactly.
 */
static size_t
jsonfeed_html_put(char *dst, const char *s, size_t n, int paras)
{
	const char *rep;
	size_t i, j, len = 0, nl, rlen;
	char one[2] = { 0, 0 };

	for (i = 0; i < n; i++) {
		if (paras && (s[i] == '\n' || s[i] == '\r')) {
			/* CR LF, CR and LF each end one line */
			for (nl = 0, j = i; j < n && jsonfeed_space(s[j]); j++)
				nl += s[j] == '\n' || (s[j] == '\r' &&
				    (j + 1 == n || s[j + 1] != '\n'));
			rep = nl >= 2 ? "</p>\n<p>" : "<br>\n";
			i = j - 1;
		} else if (s[i] == '&')
			rep = "&amp;";
		else if (s[i] == '<')
			rep = "&lt;";
		else if (s[i] == '>')
			rep = "&gt;";
		else if (s[i] == '"')
			rep = "&quot;";
		else {
			one[0] = s[i];
			rep = one;
		}
		rlen = strlen(rep);
		if (dst != NULL)
			memcpy(dst + len, rep, rlen);
		len += rlen;
	}
	return len;
}

/*
 * Set *out to JSON Feed's plain text s as an HTML fragment: escaped and,
 * with paras, in <p> paragraphs; leading and trailing white space dropped.
 * *out is left alone when s is only white space. -1 on ENOMEM.
 */
static int
jsonfeed_html(char **out, const char *s, int paras)
{
	size_t n, len, open;
	char *buf;

	if (s == NULL)
		return 0;
	while (jsonfeed_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && jsonfeed_space(s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	open = paras ? strlen("<p>") : 0;
	len = jsonfeed_html_put(NULL, s, n, paras);
	if ((buf = malloc(open + len + sizeof("</p>"))) == NULL)
		return -1;
	memcpy(buf, "<p>", open);
	jsonfeed_html_put(buf + open, s, n, paras);
	strcpy(buf + open + len, paras ? "</p>" : "");
	free(*out);
	*out = buf;
	return 0;
}

/*
 * Set *out to a plain-text field (a title, a name) as HTML: escaped, so
 * that normalize reads it back exactly, unless the publisher put HTML in
 * it anyway ("Blog &#8211; News"), which is then kept to be read as such.
 */
static int
jsonfeed_text(char **out, const char *s)
{
	if (s != NULL && html_looks_like(s))
		return jsonfeed_set(out, s);
	return jsonfeed_html(out, s, 0);
}

/*
 * The name of the first author in authors (1.1), else of author (1.0),
 * borrowed from the tree; NULL when there is none.
 */
static const char *
jsonfeed_author(struct jsonfeed_doc *d, struct json_object *obj, int *rc)
{
	struct json_object *a, *e;
	const char *name;
	size_t i, n;

	if ((a = jsonfeed_member(d, obj, "authors", json_type_array,
	    rc)) != NULL) {
		n = json_object_array_length(a);
		for (i = 0; i < n; i++) {
			e = json_object_array_get_idx(a, i);
			if (!json_object_is_type(e, json_type_object)) {
				if (jsonfeed_warn(d, "authors",
				    "has an entry that is not an object") == -1)
					*rc = -1;
				continue;
			}
			if ((name = jsonfeed_string(d, e, "name", rc)) != NULL)
				return name;
		}
	}
	if ((a = jsonfeed_member(d, obj, "author", json_type_object,
	    rc)) != NULL)
		return jsonfeed_string(d, a, "name", rc);
	return NULL;
}

/* The item's id: a string, or a number (common in the wild) as written. */
static void
jsonfeed_id(struct jsonfeed_doc *d, struct json_object *obj, struct item *it,
    int *rc)
{
	struct json_object *v;
	const char *s = NULL;

	if (!json_object_object_get_ex(obj, "id", &v) || v == NULL)
		return;
	switch (json_object_get_type(v)) {
	case json_type_string:
		s = jsonfeed_string(d, obj, "id", rc);
		break;
	case json_type_int:
		s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
		break;
	case json_type_double:
		/* json-c keeps the text of a parsed double: "1.50" */
		if (isfinite(json_object_get_double(v)))
			s = json_object_to_json_string_ext(v,
			    JSON_C_TO_STRING_PLAIN);
		break;
	default:
		break;
	}
	if (s == NULL && !json_object_is_type(v, json_type_string)) {
		if (jsonfeed_warn(d, "id", "is not a string or number") == -1)
			*rc = -1;
	} else if (jsonfeed_set(&it->id, s) == -1)
		*rc = -1;
}

/* Date member key into *out; a date we cannot read stays 0, warned. */
static void
jsonfeed_date(struct jsonfeed_doc *d, struct json_object *obj,
    const char *key, time_t *out, int *rc)
{
	const char *s;

	if ((s = jsonfeed_string(d, obj, key, rc)) == NULL)
		return;
	if (date_parse(s, out) == -1) {
		*out = 0;
		if (jsonfeed_warn(d, key, "is not a date") == -1)
			*rc = -1;
	}
}

/* tags, a list of strings, as the item's categories. */
static void
jsonfeed_tags(struct jsonfeed_doc *d, struct json_object *obj,
    struct item *it, int *rc)
{
	struct json_object *a, *e;
	size_t i, n;

	if ((a = jsonfeed_member(d, obj, "tags", json_type_array,
	    rc)) == NULL)
		return;
	n = json_object_array_length(a);
	for (i = 0; i < n && it->ncategories < ITEM_MAX_CATEGORIES; i++) {
		e = json_object_array_get_idx(a, i);
		if (!json_object_is_type(e, json_type_string) ||
		    strlen(json_object_get_string(e)) !=
		    (size_t)json_object_get_string_len(e)) {
			if (jsonfeed_warn(d, "tags",
			    "has an entry that is not a string") == -1)
				*rc = -1;
		} else if (json_object_get_string_len(e) > 0 &&
		    item_add_category(it, json_object_get_string(e)) == -1)
			*rc = -1;
	}
}

/* An attachment's size_in_bytes; -1 when absent, odd or out of range. */
static long long
jsonfeed_size(struct jsonfeed_doc *d, struct json_object *obj, int *rc)
{
	struct json_object *v;
	long long n;
	double x;

	if (!json_object_object_get_ex(obj, "size_in_bytes", &v) || v == NULL)
		return -1;
	switch (json_object_get_type(v)) {
	case json_type_int:
		/* json-c saturates what does not fit in 64 bits */
		n = json_object_get_int64(v);
		return n >= 0 && n < LLONG_MAX ? n : -1;
	case json_type_double:
		x = json_object_get_double(v);
		return isfinite(x) && x >= 0 && x < 9e18 ? (long long)x : -1;
	default:
		if (jsonfeed_warn(d, "size_in_bytes", "is not a number") == -1)
			*rc = -1;
		return -1;
	}
}

/* attachments as the item's enclosures: url (required), type, size. */
static void
jsonfeed_attachments(struct jsonfeed_doc *d, struct json_object *obj,
    struct item *it, int *rc)
{
	struct json_object *a, *e;
	const char *type;
	long long size;
	size_t i, n;
	char *abs;

	if ((a = jsonfeed_member(d, obj, "attachments", json_type_array,
	    rc)) == NULL)
		return;
	n = json_object_array_length(a);
	for (i = 0; i < n && it->nenclosures < ITEM_MAX_ENCLOSURES; i++) {
		e = json_object_array_get_idx(a, i);
		if (!json_object_is_type(e, json_type_object)) {
			if (jsonfeed_warn(d, "attachments",
			    "has an entry that is not an object") == -1)
				*rc = -1;
			continue;
		}
		abs = jsonfeed_url(d, "url", jsonfeed_string(d, e, "url", rc),
		    rc);
		type = jsonfeed_string(d, e, "mime_type", rc);
		size = jsonfeed_size(d, e, rc);
		if (abs != NULL && item_add_enclosure(it, abs, type,
		    size) == -1)
			*rc = -1;
		free(abs);
	}
}

/* The item's link, image, title, author and dates. */
static void
jsonfeed_head(struct jsonfeed_doc *d, struct json_object *obj,
    struct item *it, int *rc)
{
	const char *s;

	jsonfeed_id(d, obj, it, rc);
	it->link = jsonfeed_url(d, "url", jsonfeed_string(d, obj, "url", rc),
	    rc);
	if (it->link == NULL)
		it->link = jsonfeed_url(d, "external_url",
		    jsonfeed_string(d, obj, "external_url", rc), rc);
	it->image = jsonfeed_url(d, "image",
	    jsonfeed_string(d, obj, "image", rc), rc);
	if (it->image == NULL)
		it->image = jsonfeed_url(d, "banner_image",
		    jsonfeed_string(d, obj, "banner_image", rc), rc);
	if (jsonfeed_text(&it->title, jsonfeed_string(d, obj, "title",
	    rc)) == -1)
		*rc = -1;
	/* an item without an author has the feed's (both versions say so) */
	if ((s = jsonfeed_author(d, obj, rc)) == NULL)
		s = d->author;
	if (jsonfeed_text(&it->author, s) == -1)
		*rc = -1;
	jsonfeed_date(d, obj, "date_published", &it->published, rc);
	jsonfeed_date(d, obj, "date_modified", &it->updated, rc);
}

/* Read item d->n of the feed and append it; -1 on ENOMEM only. */
static int
jsonfeed_item(struct jsonfeed_doc *d, struct json_object *obj)
{
	struct item *it;
	const char *s;
	int rc = 0;

	if (!json_object_is_type(obj, json_type_object))
		return item_list_warn(d->list, "item %zu: a JSON %s, not an "
		    "object; skipped", d->n,
		    json_type_to_name(json_object_get_type(obj)));
	if ((it = item_new()) == NULL)
		return -1;
	jsonfeed_head(d, obj, it, &rc);
	if (jsonfeed_html(&it->summary, jsonfeed_string(d, obj, "summary",
	    &rc), 0) == -1)
		rc = -1;
	if ((s = jsonfeed_string(d, obj, "content_html", &rc)) != NULL) {
		if (item_set(&it->content, s) == -1)
			rc = -1;
	} else if (jsonfeed_html(&it->content, jsonfeed_string(d, obj,
	    "content_text", &rc), 1) == -1)
		rc = -1;
	jsonfeed_tags(d, obj, it, &rc);
	jsonfeed_attachments(d, obj, it, &rc);
	if (rc == 0 && it->id == NULL && it->link == NULL &&
	    it->title == NULL && it->summary == NULL && it->content == NULL &&
	    it->nenclosures == 0) {
		item_free(it);
		return item_list_warn(d->list, "item %zu: no id, url, title, "
		    "content or attachment; skipped", d->n);
	}
	if (rc == -1) {
		item_free(it);
		return -1;
	}
	item_list_append(d->list, it);
	return 0;
}

/* 1 when root's version is a JSON Feed version URL (any, 1 and 1.1 and
 * the future ones, read alike), else 0. */
static int
jsonfeed_versioned(struct json_object *root)
{
	struct json_object *v;
	const char *s;

	if (!json_object_object_get_ex(root, "version", &v) ||
	    !json_object_is_type(v, json_type_string))
		return 0;
	s = json_object_get_string(v);
	return strncmp(s, JSONFEED_VERSION_HTTPS,
	    strlen(JSONFEED_VERSION_HTTPS)) == 0 ||
	    strncmp(s, JSONFEED_VERSION_HTTP,
	    strlen(JSONFEED_VERSION_HTTP)) == 0;
}

/*
 * Whether root is a JSON Feed: an object with a JSON Feed version or an
 * items list (feeds in the wild forget the version). -1 and err if not.
 */
static int
jsonfeed_check(struct json_object *root, char *err, size_t errlen)
{
	struct json_object *items;

	if (!json_object_is_type(root, json_type_object)) {
		snprintf(err, errlen, "not a JSON Feed (a JSON %s, not an "
		    "object)", json_type_to_name(json_object_get_type(root)));
		return -1;
	}
	if (jsonfeed_versioned(root))
		return 0;
	if (json_object_object_get_ex(root, "items", &items) &&
	    json_object_is_type(items, json_type_array))
		return 0;
	snprintf(err, errlen, "not a JSON Feed (no \"version\" or \"items\")");
	return -1;
}

/* The feed's own fields, then its first lim->max_items items. */
static int
jsonfeed_walk(struct jsonfeed_doc *d, struct json_object *root,
    const struct parse_limits *lim)
{
	struct json_object *items, *v;
	size_t i, n;
	int rc = 0;

	if (!jsonfeed_versioned(root))
		rc = item_list_warn(d->list, "feed: no JSON Feed \"version\"; "
		    "read for its \"items\"");
	if (jsonfeed_text(&d->list->title, jsonfeed_string(d, root, "title",
	    &rc)) == -1)
		rc = -1;
	d->list->link = jsonfeed_url(d, "home_page_url",
	    jsonfeed_string(d, root, "home_page_url", &rc), &rc);
	d->author = jsonfeed_author(d, root, &rc);
	items = jsonfeed_member(d, root, "items", json_type_array, &rc);
	if (items == NULL && (!json_object_object_get_ex(root, "items", &v) ||
	    v == NULL) && item_list_warn(d->list, "feed: no \"items\"") == -1)
		rc = -1;
	n = items != NULL ? json_object_array_length(items) : 0;
	for (i = 0; i < n && rc == 0; i++) {
		if (d->list->count >= lim->max_items) {
			rc = item_list_warn(d->list, "feed: only the first "
			    "%zu items kept (of %zu)", lim->max_items, n);
			break;
		}
		d->n = i + 1;
		rc = jsonfeed_item(d, json_object_array_get_idx(items, i));
	}
	d->n = 0;
	return rc;
}

/*
 * The JSON value in text[0..len), or NULL and err ("JSON syntax error at
 * byte N: ..."); *isnull tells a JSON null (NULL without error) apart.
 */
static struct json_object *
jsonfeed_load(const char *text, size_t len, int *isnull, char *err,
    size_t errlen)
{
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	size_t skip = 0, end;
	const char *nul;

	*isnull = 0;
	/* json-c would read a raw NUL as the end of the text */
	if ((nul = memchr(text, '\0', len)) != NULL) {
		snprintf(err, errlen, "JSON syntax error at byte %zu: a NUL "
		    "byte", (size_t)(nul - text));
		return NULL;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;		/* a UTF-8 byte order mark */
	if ((tok = json_tokener_new_ex(JSONFEED_MAX_DEPTH)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, text + skip, (int)(len - skip));
	jerr = json_tokener_get_error(tok);
	end = skip + json_tokener_get_parse_end(tok);
	if (root == NULL && jerr == json_tokener_continue) {
		/* a NUL says "no more input": ends a trailing number, or
		 * reports the document cut short */
		root = json_tokener_parse_ex(tok, "", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	json_tokener_free(tok);
	if (jerr != json_tokener_success) {
		snprintf(err, errlen, "JSON syntax error at byte %zu: %s", end,
		    json_tokener_error_desc(jerr));
		return NULL;
	}
	while (end < len && jsonfeed_space(text[end]))
		end++;
	if (end < len) {
		snprintf(err, errlen, "JSON syntax error at byte %zu: data "
		    "after the JSON value", end);
		json_object_put(root);
		return NULL;
	}
	*isnull = root == NULL;
	return root;
}

struct item_list *
jsonfeed_parse(const char *text, size_t len, const char *url,
    const struct parse_limits *lim, char *err, size_t errlen)
{
	struct jsonfeed_doc d;
	struct json_object *root;
	int isnull;

	if (len == 0) {
		snprintf(err, errlen, "empty document");
		return NULL;
	}
	if (len > lim->max_size || len > INT_MAX) {
		snprintf(err, errlen, "document too large (%zu bytes, "
		    "limit %zu)", len, lim->max_size);
		return NULL;
	}
	if ((root = jsonfeed_load(text, len, &isnull, err, errlen)) == NULL &&
	    !isnull)
		return NULL;
	if (jsonfeed_check(root, err, errlen) == -1) {
		json_object_put(root);
		return NULL;
	}
	memset(&d, 0, sizeof(d));
	d.url = url;
	if ((d.list = item_list_new()) == NULL ||
	    item_set(&d.list->format, "json") == -1 ||
	    jsonfeed_walk(&d, root, lim) == -1) {
		snprintf(err, errlen, "out of memory");
		item_list_free(d.list);
		d.list = NULL;
	}
	json_object_put(root);
	return d.list;
}
