/*
 * The store's read side: the newest entries of a topic or of all, back
 * as items, and how many there are; undoes the joins storeput.c writes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "daemon/store.h"
#include "daemon/storeint.h"

/* Split a joined categories column back into the item's list. */
int
store_split_cats(struct item *it, const char *joined)
{
	char *copy, *p, *sep;
	int rc = 0;

	if ((copy = strdup(joined)) == NULL)
		return -1;
	for (p = copy; rc == 0 && p != NULL; p = sep) {
		if ((sep = strchr(p, STORE_SEP)) != NULL)
			*sep++ = '\0';
		if (*p != '\0')
			rc = item_add_category(it, p);
	}
	free(copy);
	return rc;
}

/* Split a joined enclosures column back into the item's list. */
static int
store_split_enclosures(struct item *it, const char *joined)
{
	char *copy, *p, *sep, *type, *len;
	int rc = 0;

	if ((copy = strdup(joined)) == NULL)
		return -1;
	for (p = copy; rc == 0 && p != NULL; p = sep) {
		if ((sep = strchr(p, STORE_SEP)) != NULL)
			*sep++ = '\0';
		if ((type = strchr(p, STORE_FSEP)) == NULL ||
		    (len = strchr(type + 1, STORE_FSEP)) == NULL)
			continue;
		*type++ = '\0';
		*len++ = '\0';
		rc = item_add_enclosure(it, p, *type != '\0' ? type : NULL,
		    *len != '\0' ? strtoll(len, NULL, 10) : -1);
	}
	free(copy);
	return rc;
}

/* One ST_RECENT row (columns as STORE_RECENT_COLS in store.c lists
 * them) as a new item, NULL on ENOMEM. */
static struct item *
store_row_item(sqlite3_stmt *st)
{
	struct item *it;
	const unsigned char *cats, *encs;

	if ((it = item_new()) == NULL)
		return NULL;
	encs = sqlite3_column_text(st, 15);
	it->published = (time_t)sqlite3_column_int64(st, 8);
	it->updated = (time_t)sqlite3_column_int64(st, 9);
	cats = sqlite3_column_text(st, 7);
	if (store_col_dup(st, 0, &it->id) == -1 ||
	    store_col_dup(st, 1, &it->link) == -1 ||
	    store_col_dup(st, 2, &it->canon) == -1 ||
	    store_col_dup(st, 3, &it->title) == -1 ||
	    store_col_dup(st, 4, &it->author) == -1 ||
	    store_col_dup(st, 5, &it->summary) == -1 ||
	    store_col_dup(st, 6, &it->content) == -1 ||
	    (cats != NULL && store_split_cats(it, (const char *)cats) == -1) ||
	    store_col_dup(st, 10, &it->uid) == -1 ||
	    store_col_dup(st, 11, &it->source_name) == -1 ||
	    store_col_dup(st, 12, &it->source_title) == -1 ||
	    store_col_dup(st, 13, &it->source_url) == -1 ||
	    store_col_dup(st, 14, &it->source_link) == -1 ||
	    (encs != NULL && store_split_enclosures(it,
	    (const char *)encs) == -1)) {
		item_free(it);
		return NULL;
	}
	return it;
}

/* The further sources of the story entry (whose origin is it's source),
 * as via links. */
static int
store_vias(struct store *s, sqlite3_int64 entry, struct item *it)
{
	sqlite3_stmt *st = s->st[ST_VIAS];
	const char *link, *title, *name;
	int rc, bad = 0;

	sqlite3_bind_int64(st, 1, entry);
	store_bind_text(st, 2, it->source_name);
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		link = (const char *)sqlite3_column_text(st, 0);
		title = (const char *)sqlite3_column_text(st, 1);
		name = (const char *)sqlite3_column_text(st, 2);
		if (link != NULL)
			bad = item_add_via(it, link, title != NULL ? title :
			    name);
	}
	store_reset(s, ST_VIAS);
	return bad || (rc != SQLITE_ROW && rc != SQLITE_DONE) ? -1 : 0;
}

/* Whether one more entry of origin fits under max per source; counts it. */
static int
store_fits(char ***origins, size_t **counts, size_t *n, const char *origin,
    int max)
{
	size_t i;
	char **o;
	size_t *c;

	if (max <= 0 || origin == NULL)
		return 1;
	for (i = 0; i < *n; i++)
		if (strcmp((*origins)[i], origin) == 0)
			return (*counts)[i] < (size_t)max ? ++(*counts)[i] : 0;
	if ((o = realloc(*origins, (*n + 1) * sizeof(*o))) == NULL)
		return -1;
	*origins = o;
	if ((c = realloc(*counts, (*n + 1) * sizeof(*c))) == NULL)
		return -1;
	*counts = c;
	if ((o[*n] = strdup(origin)) == NULL)
		return -1;
	c[(*n)++] = 1;
	return 1;
}

/* Read the statement's rows into l: at most keep, max per origin. */
static int
store_rows(struct store *s, sqlite3_stmt *st, struct item_list *l,
    size_t keep, int max)
{
	char **origins = NULL;
	size_t *counts = NULL, n = 0, i;
	struct item *it;
	int rc = SQLITE_DONE, fit = 1;

	while (l->count < keep && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((fit = store_fits(&origins, &counts, &n, (const char *)
		    sqlite3_column_text(st, 11), max)) == -1)
			break;
		if (fit == 0)
			continue;
		if ((it = store_row_item(st)) == NULL) {
			fit = -1;
			break;
		}
		item_list_append(l, it);
		if (store_vias(s, sqlite3_column_int64(st, 16), it) == -1) {
			fit = -1;
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(origins[i]);
	free(origins);
	free(counts);
	if (fit == -1)
		return -1;
	return l->count == keep || rc == SQLITE_DONE ? 0 : -1;
}

struct item_list *
store_recent(struct store *s, const char *topic, size_t keep,
    int max_per_source, char *err, size_t errlen)
{
	enum store_st i = topic != NULL ? ST_RECENT_TOPIC : ST_RECENT;
	sqlite3_stmt *st = s->st[i];
	struct item_list *l;
	int rc;

	if ((l = item_list_new()) == NULL) {
		snprintf(err, errlen, "%s: out of memory", s->path);
		return NULL;
	}
	/* with a cap per source, read on until keep entries fit it */
	sqlite3_bind_int64(st, 1, max_per_source > 0 || keep > INT64_MAX ?
	    INT64_MAX : (sqlite3_int64)keep);
	if (topic != NULL)
		store_bind_text(st, 2, topic);
	if ((rc = store_rows(s, st, l, keep, max_per_source)) == -1)
		store_err(s, err, errlen, "recent");
	store_reset(s, i);
	if (rc == -1) {
		item_list_free(l);
		return NULL;
	}
	return l;
}

/* -1 when the database cannot answer. */
long
store_count(struct store *s, const char *topic)
{
	enum store_st i = topic != NULL ? ST_COUNT_TOPIC : ST_COUNT;
	long n = -1;

	if (topic != NULL)
		store_bind_text(s->st[i], 1, topic);
	if (sqlite3_step(s->st[i]) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s->st[i], 0);
	store_reset(s, i);
	return n;
}
