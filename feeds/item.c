/*
 * The item and the item list: allocation, ownership and small setters.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/item.h"

/* A zeroed item that owns nothing yet. */
struct item *
item_new(void)
{
	return calloc(1, sizeof(struct item));
}

void
item_free(struct item *it)
{
	size_t i;

	if (it == NULL)
		return;
	free(it->id);
	free(it->link);
	free(it->canon);
	free(it->title);
	free(it->author);
	free(it->summary);
	free(it->content);
	free(it->base);
	for (i = 0; i < it->ncategories; i++)
		free(it->categories[i]);
	free(it->categories);
	for (i = 0; i < it->nenclosures; i++) {
		free(it->enclosures[i].url);
		free(it->enclosures[i].type);
	}
	free(it->enclosures);
	free(it->image);
	free(it->uid);
	free(it->source_name);
	free(it->source_title);
	free(it->source_url);
	free(it->source_link);
	for (i = 0; i < it->nvias; i++) {
		free(it->vias[i].link);
		free(it->vias[i].title);
	}
	free(it->vias);
	free(it);
}

int
item_add_via(struct item *it, const char *link, const char *title)
{
	struct item_via *grown, *v;
	size_t i;

	if (it->nvias >= ITEM_MAX_VIAS ||
	    (it->link != NULL && strcmp(it->link, link) == 0))
		return 0;
	for (i = 0; i < it->nvias; i++)
		if (strcmp(it->vias[i].link, link) == 0)
			return 0;
	if ((grown = realloc(it->vias, (it->nvias + 1) *
	    sizeof(*grown))) == NULL)
		return -1;
	it->vias = grown;
	v = &it->vias[it->nvias];
	if ((v->link = strdup(link)) == NULL)
		return -1;
	v->title = NULL;
	if (title != NULL && (v->title = strdup(title)) == NULL) {
		free(v->link);
		return -1;
	}
	it->nvias++;
	return 0;
}

int
item_set(char **field, const char *s)
{
	char *copy;

	if ((copy = strdup(s)) == NULL)
		return -1;
	free(*field);
	*field = copy;
	return 0;
}

int
item_add_category(struct item *it, const char *c)
{
	char **grown;
	size_t i;

	if (it->ncategories >= ITEM_MAX_CATEGORIES)
		return 0;
	for (i = 0; i < it->ncategories; i++)
		if (strcmp(it->categories[i], c) == 0)
			return 0;
	grown = realloc(it->categories,
	    (it->ncategories + 1) * sizeof(*it->categories));
	if (grown == NULL)
		return -1;
	it->categories = grown;
	if ((grown[it->ncategories] = strdup(c)) == NULL)
		return -1;
	it->ncategories++;
	return 0;
}

int
item_add_enclosure(struct item *it, const char *url, const char *type,
    long long length)
{
	struct item_enclosure *grown, *e;
	size_t i;

	if (it->nenclosures >= ITEM_MAX_ENCLOSURES)
		return 0;
	for (i = 0; i < it->nenclosures; i++)
		if (strcmp(it->enclosures[i].url, url) == 0)
			return 0;
	grown = realloc(it->enclosures,
	    (it->nenclosures + 1) * sizeof(*it->enclosures));
	if (grown == NULL)
		return -1;
	it->enclosures = grown;
	e = &grown[it->nenclosures];
	e->length = length >= 0 ? length : -1;
	e->type = NULL;
	if ((e->url = strdup(url)) == NULL)
		return -1;
	if (type != NULL && *type != '\0' && (e->type = strdup(type)) == NULL) {
		free(e->url);
		return -1;
	}
	it->nenclosures++;
	return 0;
}

/* FNV-1a over one field, marked so that NULL, "" and the field
 * boundaries all differ. */
static uint64_t
item_hash_str(uint64_t h, const char *s)
{
	const unsigned char *p;

	h = (h ^ (s == NULL ? 0x1d : 0x1e)) * UINT64_C(0x100000001b3);
	for (p = (const unsigned char *)s; s != NULL && *p != '\0'; p++)
		h = (h ^ *p) * UINT64_C(0x100000001b3);
	return (h ^ 0x1f) * UINT64_C(0x100000001b3);
}

static uint64_t
item_hash_num(uint64_t h, long long v)
{
	int i;

	for (i = 0; i < 8; i++, v >>= 8)
		h = (h ^ (unsigned char)v) * UINT64_C(0x100000001b3);
	return h;
}

uint64_t
item_hash(const struct item *it)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	h = item_hash_str(h, it->id);
	h = item_hash_str(h, it->link);
	h = item_hash_str(h, it->canon);
	h = item_hash_str(h, it->title);
	h = item_hash_str(h, it->author);
	h = item_hash_num(h, (long long)it->published);
	h = item_hash_num(h, (long long)it->updated);
	h = item_hash_str(h, it->summary);
	h = item_hash_str(h, it->content);
	h = item_hash_str(h, it->base);
	h = item_hash_num(h, (long long)it->ncategories);
	for (i = 0; i < it->ncategories; i++)
		h = item_hash_str(h, it->categories[i]);
	h = item_hash_num(h, (long long)it->nenclosures);
	for (i = 0; i < it->nenclosures; i++) {
		h = item_hash_str(h, it->enclosures[i].url);
		h = item_hash_str(h, it->enclosures[i].type);
		h = item_hash_num(h, it->enclosures[i].length);
	}
	h = item_hash_str(h, it->image);
	h = item_hash_num(h, it->duration);
	return h;
}

struct item_list *
item_list_new(void)
{
	struct item_list *l;

	if ((l = calloc(1, sizeof(*l))) == NULL)
		return NULL;
	l->tail = &l->head;
	return l;
}

void
item_list_append(struct item_list *l, struct item *it)
{
	it->next = NULL;
	*l->tail = it;
	l->tail = &it->next;
	l->count++;
}

void
item_list_free(struct item_list *l)
{
	struct item *it, *next;
	size_t i;

	if (l == NULL)
		return;
	for (it = l->head; it != NULL; it = next) {
		next = it->next;
		item_free(it);
	}
	free(l->title);
	free(l->link);
	free(l->format);
	free(l->encoding);
	for (i = 0; i < l->nwarnings; i++)
		free(l->warnings[i]);
	free(l->warnings);
	free(l);
}

int
item_list_warn(struct item_list *l, const char *fmt, ...)
{
	char msg[512], **grown;
	va_list ap;
	size_t i;

	if (l->nwarnings > ITEM_MAX_WARNINGS)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (l->nwarnings == ITEM_MAX_WARNINGS)
		snprintf(msg, sizeof(msg), "(further warnings dropped)");
	for (i = 0; i < l->nwarnings; i++)
		if (strcmp(l->warnings[i], msg) == 0)
			return 0;
	grown = realloc(l->warnings, (l->nwarnings + 1) * sizeof(*grown));
	if (grown == NULL)
		return -1;
	l->warnings = grown;
	if ((grown[l->nwarnings] = strdup(msg)) == NULL)
		return -1;
	l->nwarnings++;
	return 0;
}
