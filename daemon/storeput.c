/*
 * The store's write side: the dedupe rules that decide whether an incoming
 * item is new, an update, another source's copy or nothing, and the writes
 * that follow (entry, keys, sources, topics); store_recall asks the same
 * question without writing. Nothing here reads the clock.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <sqlite3.h>

#include "daemon/store.h"
#include "daemon/storedup.h"
#include "daemon/storeint.h"

#define STORE_DIGESTLEN	18	/* 'n', 16 hex digits and the NUL */
#define STORE_DIGEST_V	'n'	/* digests of normalized text; the older
				 * ones are 16 bare hex digits */
#define STORE_UIDLEN	46	/* "urn:uuid:" + 36 + NUL */

/* What store_put derives from the item before touching the database. */
struct store_put_ctx {
	const char		*source;	/* borrows */
	const struct item	*it;		/* borrows */
	char			*gkey;		/* owns: guid key, or NULL */
	char			*lkey;		/* owns: link key, or NULL */
	struct storedup		 dup;		/* owns: story and near-duplicate
						 * keys, fingerprints */
	char			*cats;		/* owns: joined, or NULL */
	char			*encs;		/* owns: joined, or NULL */
	time_t			 sort_time;	/* the entry's, once known */
	time_t			 now;		/* the poll's clock */
	int			 redigest;	/* the stored digest is of an
						 * older kind: rewrite it */
	int			 takeover;	/* this source's body wins the
						 * merge rule over the origin's */
	char			 digest[STORE_DIGESTLEN];
};

/* FNV-1a over one field, marked so that NULL and "" differ. */
static uint64_t
store_fnv(uint64_t h, const char *s)
{
	const unsigned char *p;

	h = (h ^ (s == NULL ? 0x1d : 0x1e)) * UINT64_C(0x100000001b3);
	if (s != NULL)
		for (p = (const unsigned char *)s; *p != '\0'; p++)
			h = (h ^ *p) * UINT64_C(0x100000001b3);
	return (h ^ STORE_SEP) * UINT64_C(0x100000001b3);
}

/* The length of a tracking parameter at p ("utm_x=..", "fbclid=..", with
 * its '&'), just after a '?' or '&'; 0 when p starts none. */
static size_t
store_tracking_len(const char *p)
{
	static const char *const names[] = { "utm_", "fbclid=", "gclid=",
	    "mc_cid=", "mc_eid=", "yclid=" };
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(p, names[i], strlen(names[i])) == 0)
			break;
	if (i == sizeof(names) / sizeof(names[0]))
		return 0;
	n = strcspn(p, "&\"'# <>");
	if (p[n] == '&')
		n += strncmp(p + n, "&amp;", 5) == 0 ? 5 : 1;
	return n;
}

/*
 * FNV-1a over s as a reader sees it: runs of white space as one space,
 * none at the ends, and tracking parameters in its URLs skipped, so that
 * a re-wrapped text or a link re-tagged for a campaign is no update.
 */
static uint64_t
store_fnv_text(uint64_t h, const char *s)
{
	const unsigned char *p;
	int any = 0, pending = 0;

	h = (h ^ (s == NULL ? 0x1d : 0x1e)) * UINT64_C(0x100000001b3);
	for (p = (const unsigned char *)s; s != NULL && *p != '\0'; p++) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			pending = any;
			continue;
		}
		if (pending)
			h = (h ^ ' ') * UINT64_C(0x100000001b3);
		any = 1;
		pending = 0;
		/* '?' and '&' are not hashed, so that dropping a tracking
		 * parameter leaves the others as they were */
		if (*p == '?' || *p == '&') {
			if (strncmp((const char *)p, "&amp;", 5) == 0)
				p += 4;
			p += store_tracking_len((const char *)p + 1);
			continue;
		}
		h = (h ^ *p) * UINT64_C(0x100000001b3);
	}
	return (h ^ STORE_SEP) * UINT64_C(0x100000001b3);
}

/* The fingerprint of what a reader sees; a change to it is an update,
 * white space and tracking noise are not. */
static void
store_digest(const struct item *it, char out[STORE_DIGESTLEN])
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	h = store_fnv_text(h, it->title);
	h = store_fnv(h, it->canon != NULL ? it->canon : it->link);
	h = store_fnv_text(h, it->author);
	h = store_fnv_text(h, it->summary);
	h = store_fnv_text(h, it->content);
	for (i = 0; i < it->ncategories; i++)
		h = store_fnv(h, it->categories[i]);
	for (i = 0; i < it->nenclosures; i++)
		h = store_fnv(h, it->enclosures[i].url);
	snprintf(out, STORE_DIGESTLEN, "%c%016" PRIx64, STORE_DIGEST_V, h);
}

/* "k\x1fa" or "k\x1fa\x1fb" in a new string, NULL on ENOMEM. */
static char *
store_key(char kind, const char *a, const char *b)
{
	size_t n;
	char *k;

	n = 2 + strlen(a) + (b != NULL ? 1 + strlen(b) : 0) + 1;
	if ((k = malloc(n)) == NULL)
		return NULL;
	if (b != NULL)
		snprintf(k, n, "%c%c%s%c%s", kind, STORE_SEP, a, STORE_SEP, b);
	else
		snprintf(k, n, "%c%c%s", kind, STORE_SEP, a);
	return k;
}

/* The categories joined with STORE_SEP, in a new string (NULL if none). */
static int
store_join(const struct item *it, char **out)
{
	size_t i, n = 0, len;
	char *p;

	*out = NULL;
	if (it->ncategories == 0)
		return 0;
	for (i = 0; i < it->ncategories; i++)
		n += strlen(it->categories[i]) + 1;
	if ((p = *out = malloc(n)) == NULL)
		return -1;
	for (i = 0; i < it->ncategories; i++) {
		len = strlen(it->categories[i]);
		memcpy(p, it->categories[i], len);
		p += len;
		*p++ = STORE_SEP;
	}
	p[-1] = '\0';
	return 0;
}

/* The enclosures as "url\x1etype\x1elength" joined with STORE_SEP, in a
 * new string (NULL if none); control characters in a type are dropped. */
static int
store_join_enclosures(const struct item *it, char **out)
{
	const struct item_enclosure *e;
	size_t i, n = 0;
	char *p;
	const char *t;

	*out = NULL;
	if (it->nenclosures == 0)
		return 0;
	for (i = 0; i < it->nenclosures; i++)
		n += strlen(it->enclosures[i].url) + 24 +
		    (it->enclosures[i].type != NULL ?
		    strlen(it->enclosures[i].type) : 0);
	if ((p = *out = malloc(n + 1)) == NULL)
		return -1;
	for (i = 0; i < it->nenclosures; i++) {
		e = &it->enclosures[i];
		if (i > 0)
			*p++ = STORE_SEP;
		p += sprintf(p, "%s%c", e->url, STORE_FSEP);
		for (t = e->type != NULL ? e->type : ""; *t != '\0'; t++)
			if ((unsigned char)*t >= 0x20)
				*p++ = *t;
		*p++ = STORE_FSEP;
		if (e->length >= 0)
			p += sprintf(p, "%lld", e->length);
	}
	*p = '\0';
	return 0;
}

/*
 * Derive the keys, categories and digest. An item with neither id nor
 * link gets a key from its digest within the source, so that polling it
 * again is not a new entry every time.
 */
static int
store_put_init(struct store *s, struct store_put_ctx *p, const char *source,
    const struct item *it)
{
	const char *link;

	memset(p, 0, sizeof(*p));
	if (storedup_init(&p->dup, it, s->tracking) == -1)
		return -1;
	p->source = source;
	p->it = it;
	store_digest(it, p->digest);
	link = it->canon != NULL ? it->canon : it->link;
	if (it->id != NULL &&
	    (p->gkey = store_key('g', source, it->id)) == NULL)
		return -1;
	if (link != NULL && (p->lkey = store_key('l', link, NULL)) == NULL)
		return -1;
	if (p->gkey == NULL && p->lkey == NULL &&
	    (p->gkey = store_key('d', source, p->digest)) == NULL)
		return -1;
	if (store_join_enclosures(it, &p->encs) == -1)
		return -1;
	return store_join(it, &p->cats);
}

static void
store_put_free(struct store_put_ctx *p)
{
	free(p->gkey);
	free(p->lkey);
	free(p->cats);
	free(p->encs);
	storedup_free(&p->dup);
}

/* The entry one key names, 0 when none; -1 on error. */
static int
store_key_get(struct store *s, const char *key, sqlite3_int64 *entry,
    char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_KEY_GET];
	int rc;

	*entry = 0;
	if (key == NULL)
		return 0;
	store_bind_key(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*entry = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_err(s, err, errlen, "key lookup");
	store_reset(s, ST_KEY_GET);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Bind ?1..?10, ?16 and ?17, the columns ST_ENTRY_ADD and ST_ENTRY_SET
 * share. */
static int
store_bind_content(sqlite3_stmt *st, const struct store_put_ctx *p,
    time_t updated)
{
	const struct item *it = p->it;
	const char *body = it->content != NULL ? it->content : it->summary;

	if (store_bind_text(st, 1, it->id) != SQLITE_OK ||
	    store_bind_text(st, 2, it->link) != SQLITE_OK ||
	    store_bind_text(st, 3, it->canon) != SQLITE_OK ||
	    store_bind_text(st, 4, it->title) != SQLITE_OK ||
	    store_bind_text(st, 5, it->author) != SQLITE_OK ||
	    store_bind_text(st, 6, it->summary) != SQLITE_OK ||
	    store_bind_text(st, 7, it->content) != SQLITE_OK ||
	    store_bind_text(st, 8, p->cats) != SQLITE_OK ||
	    store_bind_text(st, 9, p->digest) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 10, updated) != SQLITE_OK ||
	    store_bind_text(st, 16, p->encs) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 17, body != NULL ?
	    (sqlite3_int64)strlen(body) : 0) != SQLITE_OK)
		return -1;
	return 0;
}

/* Attach keys, this source and the topics to entry; *linked if the
 * source is new to it, *topical if a topic is. */
static int
store_put_links(struct store *s, const struct store_put_ctx *p,
    sqlite3_int64 entry, const char *const *topics, size_t ntopics,
    time_t now, int *linked, int *topical, char *err, size_t errlen)
{
	/* a web link's story key finds all its link key would (the story
	 * URL is made of the canonical link); the link key is still looked
	 * up, for entries stored before there were story keys */
	const char *keys[3] = { p->gkey, p->dup.skey == NULL ? p->lkey :
	    NULL, p->dup.skey };
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < 3; i++) {
		if (keys[i] == NULL)
			continue;
		st = s->st[ST_KEY_ADD];
		store_bind_key(st, 1, keys[i]);
		sqlite3_bind_int64(st, 2, entry);
		if (store_run(s, ST_KEY_ADD, err, errlen) == -1)
			return -1;
	}
	st = s->st[ST_SOURCE_ADD];
	sqlite3_bind_int64(st, 1, entry);
	store_bind_text(st, 2, p->source);
	sqlite3_bind_int64(st, 3, now);
	store_bind_text(st, 4, p->it->link);
	/* the guid this source gave the entry ('d' keys are no guid) */
	store_bind_key(st, 5, p->it->id != NULL ? p->gkey : NULL);
	if (store_run(s, ST_SOURCE_ADD, err, errlen) == -1)
		return -1;
	*linked = sqlite3_changes(s->db) > 0;
	for (i = 0; i < ntopics; i++) {
		st = s->st[ST_TOPIC_ADD];
		sqlite3_bind_int64(st, 1, entry);
		store_bind_text(st, 2, topics[i]);
		sqlite3_bind_int64(st, 3, p->sort_time);
		if (store_run(s, ST_TOPIC_ADD, err, errlen) == -1)
			return -1;
		/* a topic added by reload reaches a known entry: its feed
		 * must be published again */
		*topical |= sqlite3_changes(s->db) > 0;
	}
	return 0;
}

/*
 * A version-7 UUID as a URN (RFC 9562: the poll's time, then random
 * bits): minted once, stored, never derived. Being time-ordered,
 * new ones go to the end of the uid index instead of a random page of
 * it, which keeps inserting cheap however many entries are stored.
 */
static int
store_uid(char out[STORE_UIDLEN], time_t now, char *err, size_t errlen)
{
	uint64_t ms = (uint64_t)(now > 0 ? now : 0) * 1000;
	unsigned char b[16];
	size_t got = 6;
	ssize_t n;
	int i;

	for (i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	while (got < sizeof(b)) {
		n = getrandom(b + got, sizeof(b) - got, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errlen, "getrandom: %s", strerror(errno));
			return -1;
		}
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x70;
	b[8] = (b[8] & 0x3f) | 0x80;
	snprintf(out, STORE_UIDLEN, "urn:uuid:%02x%02x%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
	    b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
	    b[13], b[14], b[15]);
	return 0;
}

/* The title and text keys of a new entry name it from now on (the
 * newest entry with a key is the likeliest match). */
static int
store_put_dup(struct store *s, struct store_put_ctx *p, sqlite3_int64 entry,
    char *err, size_t errlen)
{
	const char *keys[2] = { p->dup.nkey, p->dup.xkey };
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (keys[i] == NULL)
			continue;
		st = s->st[ST_KEY_SET];
		store_bind_key(st, 1, keys[i]);
		sqlite3_bind_int64(st, 2, entry);
		if (store_run(s, ST_KEY_SET, err, errlen) == -1)
			return -1;
	}
	return 0;
}

/* Insert a new entry whose content and origin are this source's item. */
static int
store_put_new(struct store *s, struct store_put_ctx *p,
    const char *const *topics, size_t ntopics, time_t now, char *err,
    size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_ADD];
	const struct item *it = p->it;
	char uid[STORE_UIDLEN];
	sqlite3_int64 entry;
	time_t updated;
	int linked, topical = 0;

	if (store_uid(uid, now, err, errlen) == -1)
		return -1;
	if (storedup_prepare(&p->dup, it) == -1) {
		snprintf(err, errlen, "%s: out of memory", s->path);
		return -1;
	}
	updated = it->updated != 0 ? it->updated :
	    it->published != 0 ? it->published : now;
	p->sort_time = it->published != 0 ? it->published :
	    it->updated != 0 ? it->updated : now;
	if (store_bind_content(st, p, updated) == -1 ||
	    store_bind_text(st, 11, uid) != SQLITE_OK ||
	    store_bind_text(st, 12, p->source) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 13, it->published) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 14, now) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 15, p->sort_time) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 18,
	    (sqlite3_int64)p->dup.fp.title) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 19,
	    (sqlite3_int64)p->dup.fp.text) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 20,
	    storedup_words(&p->dup.fp)) != SQLITE_OK) {
		store_err(s, err, errlen, "new entry");
		store_reset(s, ST_ENTRY_ADD);
		return -1;
	}
	if (store_run(s, ST_ENTRY_ADD, err, errlen) == -1)
		return -1;
	entry = sqlite3_last_insert_rowid(s->db);
	if (store_put_dup(s, p, entry, err, errlen) == -1)
		return -1;
	return store_put_links(s, p, entry, topics, ntopics, now, &linked,
	    &topical, err, errlen);
}

/* The rank of source in the feeds file's order (later: larger; unknown
 * sources last). */
static size_t
store_rank(const struct store *s, const char *source)
{
	size_t i;

	for (i = 0; s->order != NULL && s->order[i] != NULL; i++)
		if (strcmp(s->order[i], source) == 0)
			return i;
	return SIZE_MAX;
}

/* Whether this source's item should give a merged story its body instead
 * of origin's (of stored bytes), by the merge rule. */
static int
store_wins(const struct store *s, const struct store_put_ctx *p,
    const char *origin, long long stored)
{
	const char *body = p->it->content != NULL ? p->it->content :
	    p->it->summary;

	switch (s->merge) {
	case STORE_MERGE_LONGEST:
		return body != NULL && (long long)strlen(body) > stored;
	case STORE_MERGE_ORDER:
		return store_rank(s, p->source) < store_rank(s, origin);
	default:
		return 0;
	}
}

/*
 * Whether the stored entry belongs to this source and its content
 * changed; *stored gets its updated time, p its sort time.
 */
static int
store_entry_changed(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int *changed, time_t *stored, char *err,
    size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_GET];
	const unsigned char *origin, *digest;
	int rc;

	*changed = 0;
	sqlite3_bind_int64(st, 1, entry);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		origin = sqlite3_column_text(st, 0);
		digest = sqlite3_column_text(st, 1);
		*stored = (time_t)sqlite3_column_int64(st, 2);
		p->sort_time = (time_t)sqlite3_column_int64(st, 3);
		/* a digest of an older kind is only brought up to date; a
		 * tombstone never changes */
		p->redigest = digest != NULL && digest[0] != STORE_DIGEST_V;
		*changed = origin != NULL && digest != NULL &&
		    !p->redigest && sqlite3_column_int(st, 4) == 0 &&
		    strcmp((const char *)origin, p->source) == 0 &&
		    strcmp((const char *)digest, p->digest) != 0;
		p->takeover = origin != NULL && sqlite3_column_int(st, 4) ==
		    0 && strcmp((const char *)origin, p->source) != 0 &&
		    store_wins(s, p, (const char *)origin,
		    sqlite3_column_int64(st, 5));
	} else
		store_err(s, err, errlen, "entry lookup");
	store_reset(s, ST_ENTRY_GET);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * A further source's categories join the entry's (each once, in the
 * order they came, within ITEM_MAX_CATEGORIES). keep: the source takes
 * the entry over, so the union goes into p->cats for its update instead
 * of being written here.
 */
static int
store_union_cats(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int keep, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_CATS_GET];
	struct item *u;
	char *joined = NULL;
	const unsigned char *cats;
	size_t i, n;
	int rc, bad = 0;

	if (p->it->ncategories == 0 && !keep)
		return 0;
	if ((u = item_new()) == NULL)
		goto nomem;
	sqlite3_bind_int64(st, 1, entry);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (cats = sqlite3_column_text(st, 0)) != NULL)
		bad = store_split_cats(u, (const char *)cats);
	store_reset(s, ST_CATS_GET);
	n = u->ncategories;
	for (i = 0; !bad && i < p->it->ncategories; i++)
		bad = item_add_category(u, p->it->categories[i]);
	if (bad || store_join(u, &joined) == -1) {
		item_free(u);
		goto nomem;
	}
	rc = 0;
	if (keep) {
		free(p->cats);
		p->cats = joined;
		joined = NULL;
	} else if (u->ncategories > n) {
		st = s->st[ST_CATS_SET];
		store_bind_text(st, 1, joined);
		sqlite3_bind_int64(st, 2, entry);
		rc = store_run(s, ST_CATS_SET, err, errlen);
	}
	free(joined);
	item_free(u);
	return rc;
nomem:
	snprintf(err, errlen, "%s: out of memory", s->path);
	return -1;
}

/* Link a known entry to this source; only its origin may change it. */
static int
store_put_known(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, const char *const *topics, size_t ntopics,
    time_t now, enum store_outcome *outcome, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_SET];
	time_t stored, updated;
	int linked, changed, topical = 0;

	if (store_entry_changed(s, p, entry, &changed, &stored, err,
	    errlen) == -1 ||
	    store_put_links(s, p, entry, topics, ntopics, now, &linked,
	    &topical, err, errlen) == -1)
		return -1;
	*outcome = linked || topical ? STORE_LINKED : STORE_SAME;
	/* a further source whose body the merge rule prefers takes the
	 * entry over (once, when it first carries the story) */
	if (linked && p->takeover) {
		st = s->st[ST_ORIGIN_SET];
		store_bind_text(st, 1, p->source);
		sqlite3_bind_int64(st, 2, entry);
		if (store_run(s, ST_ORIGIN_SET, err, errlen) == -1 ||
		    store_union_cats(s, p, entry, 1, err, errlen) == -1)
			return -1;
		st = s->st[ST_ENTRY_SET];
		changed = 1;
	}
	if (p->redigest) {
		st = s->st[ST_DIGEST_SET];
		store_bind_text(st, 1, p->digest);
		sqlite3_bind_int64(st, 2, entry);
		if (store_run(s, ST_DIGEST_SET, err, errlen) == -1)
			return -1;
		st = s->st[ST_ENTRY_SET];
	}
	if (changed) {
		updated = p->it->updated > stored ? p->it->updated : now;
		if (store_bind_content(st, p, updated) == -1 ||
		    sqlite3_bind_int64(st, 11, entry) != SQLITE_OK) {
			store_err(s, err, errlen, "update entry");
			store_reset(s, ST_ENTRY_SET);
			return -1;
		}
		if (store_run(s, ST_ENTRY_SET, err, errlen) == -1)
			return -1;
		*outcome = STORE_UPDATED;
	}
	/* the further source's categories join the entry's */
	if (linked && !p->takeover &&
	    store_union_cats(s, p, entry, 0, err, errlen) == -1)
		return -1;
	return 0;
}

/*
 * Whether entry already carries another guid of this same source: then an
 * item that found it by link alone is a different article sharing a link
 * (a live blog, a site that links every item to its front page), not the
 * same one, and must not take the entry over.
 */
static int
store_other_guid(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int *other, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_KEY_SOURCE];
	int rc;

	sqlite3_bind_int64(st, 1, entry);
	store_bind_text(st, 2, p->source);
	store_bind_key(st, 3, p->gkey);
	rc = sqlite3_step(st);
	*other = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_err(s, err, errlen, "key lookup");
	store_reset(s, ST_KEY_SOURCE);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* The entry key names, unless it is another article of this source
 * (it carries another of its guids). */
static int
store_find_link(struct store *s, struct store_put_ctx *p, const char *key,
    sqlite3_int64 *entry, char *err, size_t errlen)
{
	int other = 0;

	if (store_key_get(s, key, entry, err, errlen) == -1)
		return -1;
	if (*entry != 0 && p->it->id != NULL && !s->adopt &&
	    store_other_guid(s, p, *entry, &other, err, errlen) == -1)
		return -1;
	if (other)
		*entry = 0;
	return 0;
}

/* Whether candidate entry is the item's story: another source's, within
 * the merge window, with agreeing fingerprints. */
static int
store_dup_same(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 entry, int *same, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_DUP_GET];
	struct fingerprint fp;
	const unsigned char *origin;
	time_t t, when;
	int rc;

	*same = 0;
	sqlite3_bind_int64(st, 1, entry);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		origin = sqlite3_column_text(st, 0);
		t = (time_t)sqlite3_column_int64(st, 1);
		fp.title = (uint64_t)sqlite3_column_int64(st, 2);
		fp.text = (uint64_t)sqlite3_column_int64(st, 3);
		storedup_unwords(sqlite3_column_int64(st, 4), &fp);
		when = p->it->published != 0 ? p->it->published :
		    p->it->updated != 0 ? p->it->updated : p->now;
		*same = origin != NULL &&
		    strcmp((const char *)origin, p->source) != 0 &&
		    (when > t ? when - t : t - when) <= s->window &&
		    fingerprint_same_within(&p->dup.fp, &fp, &s->near);
	} else
		store_err(s, err, errlen, "near-duplicate lookup");
	store_reset(s, ST_DUP_GET);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* A near-duplicate of the item among the entries its title and text keys
 * name (0 when none). */
static int
store_find_dup(struct store *s, struct store_put_ctx *p,
    sqlite3_int64 *entry, char *err, size_t errlen)
{
	const char *keys[2];
	size_t i;
	int same;

	*entry = 0;
	if (s->window <= 0)
		return 0;
	if (storedup_prepare(&p->dup, p->it) == -1) {
		snprintf(err, errlen, "%s: out of memory", s->path);
		return -1;
	}
	keys[0] = p->dup.nkey;
	keys[1] = p->dup.xkey;
	for (i = 0; i < 2; i++) {
		if (store_key_get(s, keys[i], entry, err, errlen) == -1 ||
		    (*entry != 0 && store_dup_same(s, p, *entry, &same, err,
		    errlen) == -1))
			return -1;
		if (*entry != 0 && same)
			return 0;
		*entry = 0;
	}
	return 0;
}

/*
 * The stored entry the item is (0 when none): by guid within the source,
 * else by canonical link, then story URL, unless that entry is another
 * article of this source, else a near-duplicate from another source.
 */
static int
store_find(struct store *s, struct store_put_ctx *p, sqlite3_int64 *entry,
    char *err, size_t errlen)
{
	if (store_key_get(s, p->gkey, entry, err, errlen) == -1)
		return -1;
	if (*entry == 0 && p->lkey != NULL &&
	    store_find_link(s, p, p->lkey, entry, err, errlen) == -1)
		return -1;
	if (*entry == 0 && p->dup.skey != NULL &&
	    store_find_link(s, p, p->dup.skey, entry, err, errlen) == -1)
		return -1;
	if (*entry == 0)
		return store_find_dup(s, p, entry, err, errlen);
	return 0;
}

/* Find and store, all inside the savepoint store_put holds. */
static int
store_put_apply(struct store *s, struct store_put_ctx *p,
    const char *const *topics, size_t ntopics, time_t now,
    enum store_outcome *outcome, char *err, size_t errlen)
{
	sqlite3_int64 entry;

	if (store_find(s, p, &entry, err, errlen) == -1)
		return -1;
	if (entry != 0)
		return store_put_known(s, p, entry, topics, ntopics, now,
		    outcome, err, errlen);
	*outcome = STORE_NEW;
	return store_put_new(s, p, topics, ntopics, now, err, errlen);
}

int
store_put(struct store *s, const char *source, const struct item *it,
    const char *const *topics, size_t ntopics, time_t now,
    enum store_outcome *outcome, char *err, size_t errlen)
{
	return store_put_prepared(s, source, it, NULL, topics, ntopics, now,
	    outcome, err, errlen);
}

int
store_put_prepared(struct store *s, const char *source,
    const struct item *it, struct storedup *pre, const char *const *topics,
    size_t ntopics, time_t now, enum store_outcome *outcome, char *err,
    size_t errlen)
{
	struct store_put_ctx p;
	int rc = -1;

	*outcome = STORE_SAME;
	if (store_put_init(s, &p, source, it) == -1) {
		snprintf(err, errlen, "%s: %s: out of memory", s->path, source);
		store_put_free(&p);
		return -1;
	}
	if (pre != NULL)
		storedup_take(&p.dup, pre);
	p.now = now;
	/*
	 * In a transaction the caller rolls back what failed (a source's
	 * poll is all or nothing); alone, a savepoint keeps the item so. A
	 * savepoint per item made SQLite keep every page's old copy, and
	 * its release was the dearest statement of a poll.
	 */
	if (!sqlite3_get_autocommit(s->db)) {
		rc = store_put_apply(s, &p, topics, ntopics, now, outcome, err,
		    errlen);
		store_put_free(&p);
		return rc;
	}
	if (store_run(s, ST_SAVEPOINT, err, errlen) == 0) {
		rc = store_put_apply(s, &p, topics, ntopics, now, outcome, err,
		    errlen);
		if (rc == 0)
			rc = store_run(s, ST_RELEASE, err, errlen);
		if (rc == -1)
			sqlite3_exec(s->db, "ROLLBACK TO store_put;"
			    "RELEASE store_put", NULL, NULL, NULL);
	}
	store_put_free(&p);
	return rc;
}

/* Give it the stored entry's content, and its author when it has none;
 * *since gets when the entry was first seen. */
static int
store_recall_fill(struct store *s, sqlite3_int64 entry, struct item *it,
    time_t *since, char *err, size_t errlen)
{
	sqlite3_stmt *st = s->st[ST_ENTRY_RECALL];
	const char *author, *content;
	int rc, bad = 0;

	sqlite3_bind_int64(st, 1, entry);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		author = (const char *)sqlite3_column_text(st, 0);
		content = (const char *)sqlite3_column_text(st, 1);
		*since = (time_t)sqlite3_column_int64(st, 2);
		if (content != NULL)
			bad |= item_set(&it->content, content);
		if (author != NULL && it->author == NULL)
			bad |= item_set(&it->author, author);
		if (bad)
			snprintf(err, errlen, "%s: out of memory", s->path);
	} else
		store_err(s, err, errlen, "entry recall");
	store_reset(s, ST_ENTRY_RECALL);
	return rc == SQLITE_ROW && !bad ? 0 : -1;
}

int
store_recall(struct store *s, const char *source, struct item *it,
    int *known, time_t *since, char *err, size_t errlen)
{
	struct store_put_ctx p;
	sqlite3_int64 entry = 0;
	int rc;

	*known = 0;
	*since = 0;
	if (store_put_init(s, &p, source, it) == -1) {
		snprintf(err, errlen, "%s: %s: out of memory", s->path, source);
		store_put_free(&p);
		return -1;
	}
	rc = store_find(s, &p, &entry, err, errlen);
	store_put_free(&p);
	if (rc == -1 || entry == 0)
		return rc;
	*known = 1;
	return store_recall_fill(s, entry, it, since, err, errlen);
}

/* Whether it is unknown by its id but, by its link, a stored entry of this
 * source that carries another id. */
static int
store_is_rewritten(struct store *s, const char *source, const struct item *it,
    int *yes, char *err, size_t errlen)
{
	struct store_put_ctx p;
	sqlite3_int64 entry = 0, known = 0;
	const char *link = it->canon != NULL ? it->canon : it->link;
	int rc = -1, other = 0;

	/* only the keys needed, in the order needed: most items are known
	 * by their guid, and then no story key (a URL parse) is made */
	*yes = 0;
	memset(&p, 0, sizeof(p));
	p.source = source;
	p.it = it;
	if ((p.gkey = store_key('g', source, it->id)) == NULL ||
	    (link != NULL && (p.lkey = store_key('l', link, NULL)) == NULL))
		goto nomem;
	rc = store_key_get(s, p.gkey, &known, err, errlen);
	if (rc == 0 && known == 0)
		rc = store_key_get(s, p.lkey, &entry, err, errlen);
	if (rc == 0 && known == 0 && entry == 0) {
		if (storedup_init(&p.dup, it, s->tracking) == -1)
			goto nomem;
		rc = store_key_get(s, p.dup.skey, &entry, err, errlen);
	}
	if (rc == 0 && entry != 0)
		rc = store_other_guid(s, &p, entry, &other, err, errlen);
	*yes = other;
	store_put_free(&p);
	return rc;
nomem:
	snprintf(err, errlen, "%s: %s: out of memory", s->path, source);
	store_put_free(&p);
	return -1;
}

int
store_rewritten(struct store *s, const char *source,
    const struct item_list *l, size_t *rewritten, size_t *withid, char *err,
    size_t errlen)
{
	const struct item *it;
	int yes;

	*rewritten = *withid = 0;
	for (it = l->head; it != NULL; it = it->next) {
		if (it->id == NULL)
			continue;
		(*withid)++;
		if (store_is_rewritten(s, source, it, &yes, err, errlen) == -1)
			return -1;
		*rewritten += yes;
	}
	return 0;
}

void
store_set_adopt(struct store *s, int adopt)
{
	s->adopt = adopt;
}
