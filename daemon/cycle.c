/*
 * The poll cycle: one timer per source on the loop. A due source is
 * fetched; its answer runs through parse, normalize, topic assignment and
 * the store in one transaction; any change schedules one coalesced
 * publish of the site. Failures end only their source's poll and back off.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "daemon/conf.h"
#include "daemon/cycle.h"
#include "daemon/defaults.h"
#include "daemon/fulltext.h"
#include "daemon/log.h"
#include "daemon/parsepool.h"
#include "daemon/sched.h"
#include "daemon/site.h"
#include "daemon/store.h"
#include "feeds/fetch.h"
#include "feeds/normalize.h"
#include "feeds/page.h"
#include "feeds/parse.h"
#include "output/topic.h"

#define CYCLE_PUBLISH_DELAY	1	/* seconds to gather changes */
#define CYCLE_FLUSH_USEC	200000	/* polls stored since are committed
					 * together after this long */
#define CYCLE_RETRY_MIN		5	/* seconds before a failed publish */
#define CYCLE_RETRY_MAX		300	/* is tried again, doubling */
#define CYCLE_ROT_MIN		4	/* usual items before a drop counts */
#define CYCLE_ROT_SHARE		4	/* rot: fewer than usual / this */
#define CYCLE_REWRITE_MIN	2	/* items with new ids before a source
					 * counts as having rewritten them */
#define CYCLE_FULLTEXT_RETRY	(24 * 3600)	/* seconds a failed article
						 * page is tried again */

struct cycle_source {
	struct cycle		 *cy;		/* borrows: the owner */
	char			 *name;		/* owns */
	const struct conf_source *cs;		/* borrows: from cy->conf */
	struct event		 *timer;	/* owns */
	struct fetch_req	 *req;		/* borrows: in flight, or NULL */
	struct parsepool_job	 *parse;	/* borrows: its body being
						 * parsed, or NULL */
	uint64_t		 *seen;		/* owns: item_hash of the items of
						 * the last poll stored, sorted */
	size_t			  nseen;
	uint64_t		  warned;	/* hash of the warnings last
						 * logged, 0 for none */
	char			 *feed;		/* owns: the feed the page at the
						 * source's URL announces (type
						 * auto), or NULL */
	struct fulltext_job	 *job;		/* borrows: article pages being
						 * fetched, or NULL */
	char			 *etag;		/* owns: the listing's validators
						 * while job runs */
	char			 *last_modified; /* owns: likewise */
	int			  usual;	/* and its usual item count */
};

struct cycle {
	struct event_base	 *base;		/* borrows */
	struct fetch		 *fetch;	/* borrows */
	struct fulltext		 *ft;		/* owns */
	struct parsepool	 *pool;		/* owns */
	struct store		 *store;	/* borrows */
	const struct conf	 *conf;		/* borrows */
	struct cycle_source	**src;		/* owns: nsrc sources */
	size_t			  nsrc;
	struct event		 *publish_ev;	/* owns */
	struct event		 *flush_ev;	/* owns: commits the batch */
	int			  once;
	size_t			  pending;	/* --once: polls not done */
	int			  failures;	/* --once: sources failed */
	int			  published;	/* the last publish succeeded */
	int			  retry;	/* seconds before the next retry */
	time_t			  pruned;	/* when tombstones were last made */
	const char		**order;	/* owns the array (names borrowed
						 * from conf): sources by rank */
};

static void	cycle_poll_cb(evutil_socket_t, short, void *);
static void	cycle_flush(struct cycle *);
static void	cycle_forget_all(struct cycle *);
static void	cycle_flush_soon(struct cycle *);

/* Where the source's feed is: the URL of the feeds file, or the feed that
 * page announced. */
static const char *
cycle_url(const struct cycle_source *src)
{
	return src->feed != NULL ? src->feed : conf_source_url(src->cs);
}
static void	cycle_done_cb(const struct fetch_result *, void *);

/* Arm src's timer to fire at the absolute time when. */
static void
cycle_arm(struct cycle_source *src, time_t now, time_t when)
{
	struct timeval tv;

	tv.tv_sec = when > now ? when - now : 0;
	tv.tv_usec = 0;
	evtimer_add(src->timer, &tv);
}

/* Forget which items the source's last poll had: its next poll reads
 * them all again (after a failure, a reload, a lost commit). */
static void
cycle_forget(struct cycle_source *src)
{
	free(src->seen);
	src->seen = NULL;
	src->nseen = 0;
}

static void
cycle_forget_all(struct cycle *cy)
{
	size_t i;

	for (i = 0; i < cy->nsrc; i++)
		if (cy->src[i] != NULL)
			cycle_forget(cy->src[i]);
}

/* Ask for a publish soon, coalescing the changes of several polls. */
static void
cycle_dirty(struct cycle *cy)
{
	struct timeval tv = { CYCLE_PUBLISH_DELAY, 0 };

	if (cy->once)
		return;		/* --once publishes when every poll is done */
	if (!evtimer_pending(cy->publish_ev, NULL))
		evtimer_add(cy->publish_ev, &tv);
}

/* Entries no feed shows for longer than retain become tombstones, at most
 * once every PRUNE_EVERY (and at every --once). */
static void
cycle_prune(struct cycle *cy, time_t now)
{
	char err[512];
	long n;

	if (!cy->once && cy->pruned != 0 && now - cy->pruned < PRUNE_EVERY)
		return;
	cy->pruned = now;
	if (store_prune(cy->store, now - conf_retain(cy->conf),
	    (size_t)conf_keep(cy->conf), &n, err, sizeof(err)) == -1)
		log_warnx("prune: %s", err);
	else if (n > 0)
		log_info("%ld entr%s left every feed: kept as tombstones", n,
		    n == 1 ? "y" : "ies");
}

/* Render and publish every feed whose bytes changed; a failure is tried
 * again later, backing off, since the store already holds the changes. */
static void
cycle_publish(struct cycle *cy)
{
	struct timeval tv = { 0, 0 };
	char err[512];
	int n;

	/* what is published is committed first: a crash must not take
	 * back entries readers have seen */
	cycle_flush(cy);
	cycle_prune(cy, time(NULL));
	if ((n = site_publish(cy->store, cy->conf, err, sizeof(err))) == -1) {
		cy->published = 0;
		cy->retry = cy->retry == 0 ? CYCLE_RETRY_MIN :
		    cy->retry * 2 > CYCLE_RETRY_MAX ? CYCLE_RETRY_MAX :
		    cy->retry * 2;
		log_warnx("publish: %s%s", err, cy->once ? "" :
		    "; trying again later");
		if (!cy->once) {
			tv.tv_sec = cy->retry;
			evtimer_add(cy->publish_ev, &tv);
		}
		return;
	}
	cy->published = 1;
	cy->retry = 0;
	if (n > 0)
		log_info("published %d changed file%s to %s", n,
		    n == 1 ? "" : "s", conf_output(cy->conf));
}

/* evtimer: the coalesced publish is due. */
static void
cycle_publish_cb(evutil_socket_t fd, short what, void *arg)
{
	cycle_publish(arg);
}

/* Commit the polls stored since the last commit. */
static void
cycle_flush(struct cycle *cy)
{
	char err[512];

	if (cy->flush_ev != NULL)
		evtimer_del(cy->flush_ev);
	if (store_flush(cy->store, err, sizeof(err)) == -1) {
		log_warnx("%s; the polls since the last commit are lost and "
		    "will be fetched again", err);
		cycle_forget_all(cy);
	}
}

/* evtimer: the batch of stored polls is due. */
static void
cycle_flush_cb(evutil_socket_t fd, short what, void *arg)
{
	cycle_flush(arg);
}

/* Have the polls just stored committed soon, with those that follow. */
static void
cycle_flush_soon(struct cycle *cy)
{
	struct timeval tv = { 0, CYCLE_FLUSH_USEC };

	if (cy->flush_ev != NULL && !evtimer_pending(cy->flush_ev, NULL))
		evtimer_add(cy->flush_ev, &tv);
}

/* A --once poll ended; the last one publishes and leaves the loop. */
static void
cycle_once_done(struct cycle *cy)
{
	if (!cy->once || cy->pending == 0 || --cy->pending > 0)
		return;
	cycle_publish(cy);
	event_base_loopexit(cy->base, NULL);
}

/* Record a failed poll: log it once, back off, keep the validators. */
static void
cycle_fail(struct cycle_source *src, time_t now, const char *why)
{
	struct cycle *cy = src->cy;
	struct store_fetch sf;
	char err[512], esc[512];
	time_t next;

	log_warnx("source %s: %s: %s", src->name, cycle_url(src),
	    log_escape(why, esc, sizeof(esc)));
	cycle_forget(src);
	/* a discovered feed that fails is looked for again next time */
	free(src->feed);
	src->feed = NULL;
	if (store_fetch_get(cy->store, src->name, &sf, err, sizeof(err)) == -1)
		log_warnx("source %s: %s", src->name, err);
	sf.failures++;
	sf.last_attempt = now;
	next = sched_backoff(now, conf_source_interval(src->cs), sf.failures,
	    arc4random());
	sf.next_fetch = next;
	free(sf.last_error);
	sf.last_error = strdup(why);
	if (store_fetch_put(cy->store, src->name, &sf, err, sizeof(err)) == -1)
		log_warnx("source %s: %s", src->name, err);
	store_fetch_clear(&sf);
	cycle_flush_soon(cy);
	cy->failures++;
	if (!cy->once)
		cycle_arm(src, now, next);
}

/* Whether a topic matches items by their text (some rule besides the
 * sources' own topics). */
static int
cycle_texts(const struct cycle *cy)
{
	size_t i;

	for (i = 0; i < conf_ntopics(cy->conf); i++)
		if (topic_nrules(conf_topic(cy->conf, i)) > 0)
			return 1;
	return 0;
}

/* The topics of one item: its source's, then every keyword match, on the
 * item's text made once (or by a parse worker: made). */
static size_t
cycle_topics(const struct cycle *cy, const struct conf_source *cs,
    const struct item *it, const char *made, const char **out, size_t max)
{
	const struct topic *t;
	char *text = NULL;
	const char *use = made;
	size_t i, n = 0;

	for (i = 0; i < conf_source_ntopics(cs) && n < max; i++)
		out[n++] = conf_source_topic(cs, i);
	for (i = 0; i < conf_ntopics(cy->conf) && n < max; i++) {
		t = conf_topic(cy->conf, i);
		if (topic_nrules(t) == 0)
			continue;
		if (use == NULL && (use = text = topic_text(it)) == NULL)
			break;
		if (topic_match_text(t, use))
			out[n++] = topic_name(t);
	}
	free(text);
	return n;
}

/*
 * Store one item under its topics and, with auto-topics, under a topic
 * per category (a readable slug of it, remembered with the category's
 * name for the feed's title).
 */
static int
cycle_put(struct cycle_source *src, const struct item *it,
    struct storedup *pre, const char **topics, size_t nt, time_t now,
    enum store_outcome *oc, char *err, size_t errlen)
{
	struct store *st = src->cy->store;
	char *slugs[ITEM_MAX_CATEGORIES];
	size_t i, ns = 0;
	int rc = 0;

	if (conf_auto_topics(src->cy->conf) > 0)
		for (i = 0; i < it->ncategories && nt < MAX_TOPICS; i++) {
			if ((slugs[ns] = topic_slug(it->categories[i])) ==
			    NULL) {
				rc = -1;
				snprintf(err, errlen, "out of memory");
				break;
			}
			topics[nt++] = slugs[ns++];
			if (store_auto_topic(st, slugs[ns - 1],
			    it->categories[i], err, errlen) == -1) {
				rc = -1;
				break;
			}
		}
	if (rc == 0)
		rc = store_put_prepared(st, src->name, it, pre, topics, nt,
		    now, oc, err, errlen);
	for (i = 0; i < ns; i++)
		free(slugs[i]);
	return rc;
}

/*
 * A source that gave all its stored items new ids while their links stayed
 * (guids moved from http to https, a new CMS) would republish everything;
 * its items take over their entries instead, with a warning.
 */
static int
cycle_rewritten(struct cycle_source *src, const struct item_list *l,
    size_t unchanged_ids, char *err, size_t errlen)
{
	struct store_fetch sf;
	size_t n, withid;
	time_t before;

	/* a source never polled before has nothing stored to rewrite */
	if (store_fetch_get(src->cy->store, src->name, &sf, err,
	    errlen) == -1)
		return -1;
	before = sf.last_success;
	store_fetch_clear(&sf);
	if (before == 0)
		return 0;
	if (store_rewritten(src->cy->store, src->name, l, &n, &withid, err,
	    errlen) == -1)
		return -1;
	withid += unchanged_ids;	/* known by their ids, left out */
	if (n < CYCLE_REWRITE_MIN || n * 2 < withid)
		return 0;
	log_warnx("source %s: %zu of its %zu items changed their ids while "
	    "their links did not; they stay the entries they were", src->name,
	    n, withid);
	store_set_adopt(src->cy->store, 1);
	return 0;
}

/*
 * Store one parsed feed and the source's new fetch state in one
 * transaction; returns how many entries changed, or -1. A scraped page
 * that yielded far fewer items than usual (rot, not NULL) keeps no
 * validators, so that the next poll reads it again.
 */
static int
cycle_store(struct cycle_source *src, struct item_list *l,
    struct parsepool_result *pre, const char *etag,
    const char *last_modified, int usual, const char *rot, time_t now,
    char *err, size_t errlen)
{
	struct store *st = src->cy->store;
	struct store_fetch sf;
	enum store_outcome oc;
	const char *topics[MAX_TOPICS];
	struct parsepool_prep *pp, *prep = pre != NULL ? pre->prep : NULL;
	struct item *it;
	size_t nt, i = 0, same = pre != NULL ? pre->unchanged : 0;
	int changed = 0, nnew = 0, nupd = 0;

	if (store_begin(st, err, errlen) == -1)
		return -1;
	if (store_source_meta(st, src->name, cycle_url(src), l->title,
	    l->link, err, errlen) == -1 ||
	    cycle_rewritten(src, l, pre != NULL ? pre->unchanged_ids : 0, err,
	    errlen) == -1)
		goto fail;
	for (it = l->head; it != NULL; it = it->next, i++) {
		/* what a parse worker derived from it already, if any */
		pp = prep != NULL && prep[i].it == it ? &prep[i] : NULL;
		nt = cycle_topics(src->cy, src->cs, it, pp ? pp->text : NULL,
		    topics, MAX_TOPICS);
		if (cycle_put(src, it, pp ? &pp->dup : NULL, topics, nt, now,
		    &oc, err, errlen) == -1)
			goto fail;
		nnew += oc == STORE_NEW;
		nupd += oc == STORE_UPDATED;
		changed += oc != STORE_SAME;
	}
	memset(&sf, 0, sizeof(sf));
	sf.etag = rot != NULL ? NULL : (char *)etag;
	sf.last_modified = rot != NULL ? NULL : (char *)last_modified;
	sf.usual_items = usual;
	sf.last_success = sf.last_attempt = now;
	sf.next_fetch = sched_next(now, conf_source_interval(src->cs),
	    arc4random());
	if (store_fetch_put(st, src->name, &sf, err, errlen) == -1)
		goto fail;
	store_set_adopt(st, 0);
	if (store_commit(st, err, errlen) == -1)
		goto fail;
	cycle_flush_soon(src->cy);
	log_info("source %s: %zu item%s, %d new, %d updated", src->name,
	    l->count + same, l->count + same == 1 ? "" : "s", nnew, nupd);
	/* what the next poll may leave out as unchanged */
	free(src->seen);
	src->seen = NULL;
	src->nseen = 0;
	if (pre != NULL) {
		src->seen = pre->hashes;
		src->nseen = pre->nhashes;
		pre->hashes = NULL;
	}
	if (rot != NULL)
		cycle_fail(src, now, rot);
	else if (!src->cy->once)
		cycle_arm(src, now, sf.next_fetch);
	return changed;
fail:
	store_set_adopt(st, 0);
	store_rollback(st);
	return -1;
}

/* A 304: nothing to parse, only the schedule and counters move. */
static void
cycle_unchanged(struct cycle_source *src, time_t now)
{
	struct store_fetch sf;
	char err[512];

	if (store_fetch_get(src->cy->store, src->name, &sf, err,
	    sizeof(err)) == -1) {
		cycle_fail(src, now, err);
		return;
	}
	sf.failures = 0;
	sf.last_success = sf.last_attempt = now;
	sf.next_fetch = sched_next(now, conf_source_interval(src->cs),
	    arc4random());
	free(sf.last_error);
	sf.last_error = NULL;
	if (store_fetch_put(src->cy->store, src->name, &sf, err,
	    sizeof(err)) == -1)
		log_warnx("source %s: %s", src->name, err);
	cycle_flush_soon(src->cy);
	log_debug("source %s: not modified", src->name);
	if (!src->cy->once)
		cycle_arm(src, now, sf.next_fetch);
	store_fetch_clear(&sf);
}

/*
 * Log what parsing recovered or guessed (broken XML, a wrong charset, a
 * date in the future), once: again only when the warnings change, so a
 * source that stays broken does not fill the journal every poll.
 */
static void
cycle_warnings(struct cycle_source *src, const struct item_list *l)
{
	char esc[512];
	uint64_t h = 0;
	size_t i;
	const char *p;

	for (i = 0; i < l->nwarnings; i++)
		for (h = h * 31 + 1, p = l->warnings[i]; *p != '\0'; p++)
			h = (h ^ (unsigned char)*p) * UINT64_C(0x100000001b3);
	if (h == src->warned)
		return;
	src->warned = h;
	for (i = 0; i < l->nwarnings; i++)
		log_warnx("source %s: %s", src->name,
		    log_escape(l->warnings[i], esc, sizeof(esc)));
}

/*
 * An HTML page where a feed was expected: with type = auto, fetch the
 * feed the page announces instead (once: a page announced by a page is
 * not followed). 1 when that fetch started, 0 when there is none to
 * fetch, -1 when it could not start (reported).
 */
static int
cycle_discover(struct cycle_source *src, const struct fetch_result *res,
    time_t now)
{
	char type[16], err[512], *feed;

	if (src->feed != NULL ||
	    strcmp(conf_source_type(src->cs), "auto") != 0 ||
	    (feed = parse_discover(res->body, res->len, res->effective_url ?
	    res->effective_url : res->url, res->content_type, type,
	    sizeof(type))) == NULL)
		return 0;
	log_info("source %s: %s is a page that announces the %s feed %s",
	    src->name, conf_source_url(src->cs), type, feed);
	src->feed = feed;
	if ((src->req = fetch_start(src->cy->fetch, feed, NULL, NULL,
	    cycle_done_cb, src, err, sizeof(err))) == NULL) {
		cycle_fail(src, now, err);
		return -1;
	}
	return 1;
}

/* Whether the source's pages are scraped rather than read as a feed. */
static int
cycle_scraped(const struct cycle_source *src, const char *err)
{
	const char *type = conf_source_type(src->cs);

	return strcmp(type, "html") == 0 || (strcmp(type, "auto") == 0 &&
	    err != NULL && strcmp(err, PARSE_HTML_PAGE) == 0);
}

/* A listing page through the source's selectors, or the list found on
 * it. */
static struct item_list *
cycle_scrape(struct cycle_source *src, const struct fetch_result *res,
    const char *base, time_t now, char *err, size_t errlen)
{
	struct page_rules rules;
	int f;

	memset(&rules, 0, sizeof(rules));
	for (f = 0; f < SCRAPE_NFIELDS; f++)
		rules.sel[f] = conf_source_selector(src->cs,
		    (enum scrape_field)f);
	rules.date_format = conf_source_date_format(src->cs);
	rules.timezone = conf_source_timezone(src->cs);
	rules.site = conf_source_title(src->cs);
	return page_items(res->body, res->len, base, res->content_type,
	    &rules, now, DEFAULT_MAX_ITEMS, NULL, err, errlen);
}

/*
 * Selector rot: a scraped source that yields nothing, or far fewer items
 * than it usually does, is failing, not quiet. Returns the message (in
 * buf) or NULL, and the usual count to keep in *usual.
 */
static const char *
cycle_rot(struct cycle_source *src, const struct item_list *l, int *usual,
    char *buf, size_t size)
{
	struct store_fetch sf;
	int n = l->count > INT32_MAX ? INT32_MAX : (int)l->count, prev = 0;

	if (store_fetch_get(src->cy->store, src->name, &sf, buf, size) == 0) {
		prev = sf.usual_items;
		store_fetch_clear(&sf);
	}
	*usual = prev;
	if (n == 0 && prev > 0)
		snprintf(buf, size, "no items found on the page (usually %d): "
		    "its selectors may no longer match", prev);
	else if (n == 0)
		snprintf(buf, size, "no items found on the page: check its "
		    "selectors with unifeed preview");
	else if (prev >= CYCLE_ROT_MIN && n * CYCLE_ROT_SHARE < prev)
		snprintf(buf, size, "only %d item%s found on the page "
		    "(usually %d): its selectors may no longer match", n,
		    n == 1 ? "" : "s", prev);
	else {
		/* a moving average, so that a site may grow or shrink */
		*usual = prev == 0 ? n : (3 * prev + n + 2) / 4;
		return NULL;
	}
	return buf;
}

/* Store l (owned) with what a parse worker made of it (pre, whose
 * preparations go; NULL if none), then the poll is over. */
static void
cycle_finish(struct cycle_source *src, struct item_list *l,
    struct parsepool_result *pre, const char *etag, const char *last_modified,
    int usual, const char *rot, time_t now)
{
	char err[512];
	int changed;

	changed = cycle_store(src, l, pre, etag, last_modified, usual, rot,
	    now, err, sizeof(err));
	if (pre != NULL) {
		parsepool_prep_free(pre->prep, pre->nprep);
		pre->prep = NULL;
	}
	item_list_free(l);
	if (changed == -1)
		cycle_fail(src, now, err);
	else if (changed > 0)
		cycle_dirty(src->cy);
}

/* fulltext_done_fn: the article pages of a poll are in; store it. */
static void
cycle_fulltext_cb(struct item_list *l, void *arg)
{
	struct cycle_source *src = arg;

	src->job = NULL;
	cycle_finish(src, l, NULL, src->etag, src->last_modified, src->usual,
	    NULL,
	    time(NULL));
	free(src->etag);
	free(src->last_modified);
	src->etag = src->last_modified = NULL;
	cycle_once_done(src->cy);
}

/*
 * fulltext = yes: items already stored take what their article gave them
 * once; the pages of the new ones are fetched, and for a day those of
 * items whose page failed. 1 when a job took l (the
 * poll goes on), 0 when l is to be stored now, -1 with err on error.
 */
static int
cycle_fulltext(struct cycle_source *src, struct item_list *l,
    const struct fetch_result *res, int usual, time_t now, char *err,
    size_t errlen)
{
	struct item **want, *it;
	size_t n = 0;
	time_t since;
	int known;

	if ((want = calloc(l->count + 1, sizeof(*want))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (it = l->head; it != NULL; it = it->next) {
		if (store_recall(src->cy->store, src->name, it, &known, &since,
		    err, errlen) == -1) {
			free(want);
			return -1;
		}
		/* a page that failed is tried again for a day */
		if (it->link != NULL && (!known || (it->content == NULL &&
		    now - since < CYCLE_FULLTEXT_RETRY)))
			want[n++] = it;
	}
	if (n > 0 && ((res->etag != NULL &&
	    (src->etag = strdup(res->etag)) == NULL) ||
	    (res->last_modified != NULL &&
	    (src->last_modified = strdup(res->last_modified)) == NULL) ||
	    (src->job = fulltext_start(src->cy->ft, src->name, l, want, n,
	    cycle_fulltext_cb, src)) == NULL)) {
		free(want);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	free(want);
	src->usual = usual;
	return n > 0;
}

/* cycle_read's *scraped when it returned no list and that is no error */
#define CYCLE_FOLLOW	2	/* the feed a page announces is fetched */
#define CYCLE_REPORTED	3	/* that fetch failed, and was reported */

/* The parser's limits for src. */
static void
cycle_limits(const struct cycle_source *src, struct parse_limits *lim)
{
	lim->max_size = conf_max_size(src->cy->conf);
	lim->max_items = DEFAULT_MAX_ITEMS;
}

/* Read the body as the source's type says: a feed (parsed here, or by a
 * worker when pre is set), a page that announces one, or a page to
 * scrape (*scraped 1). */
static struct item_list *
cycle_read(struct cycle_source *src, const struct fetch_result *res,
    const char *base, time_t now, struct parsepool_result *pre, int *scraped,
    char *err, size_t errlen)
{
	struct parse_limits lim;
	struct item_list *l = NULL;
	int rc;

	cycle_limits(src, &lim);
	*scraped = cycle_scraped(src, NULL);
	if (!*scraped && pre != NULL) {
		if ((l = pre->l) != NULL) {
			pre->l = NULL;
			return l;
		}
		snprintf(err, errlen, "%s", pre->err);
	} else if (!*scraped && (l = parse_feed(res->body, res->len, base,
	    res->content_type, &lim, err, errlen)) != NULL)
		return l;
	if (!*scraped && !cycle_scraped(src, err))
		return NULL;
	if (!*scraped && (rc = cycle_discover(src, res, now)) != 0) {
		*scraped = rc == 1 ? CYCLE_FOLLOW : CYCLE_REPORTED;
		return NULL;
	}
	if ((l = cycle_scrape(src, res, base, now, err, errlen)) == NULL &&
	    strcmp(conf_source_type(src->cs), "auto") == 0)
		page_no_feed(err, errlen);
	*scraped = 1;
	return l;
}

/* The fetched body: parse (or scrape), normalize, store. 1 when the poll
 * goes on (a page's feed, or article pages, being fetched), else 0. */
static int
cycle_ingest(struct cycle_source *src, const struct fetch_result *res,
    time_t now, struct parsepool_result *pre)
{
	struct parsepool_result *made = NULL;
	struct item_list *l;
	const char *base, *rot = NULL;
	char err[512], rotbuf[256];
	int scraped, usual = 0, rc;

	base = res->effective_url ? res->effective_url : res->url;
	l = cycle_read(src, res, base, now, pre, &scraped, err, sizeof(err));
	if (l != NULL && pre != NULL && !scraped)
		made = pre;		/* the list is the worker's */
	if (l == NULL) {
		if (scraped == CYCLE_FOLLOW)
			return 1;
		if (scraped != CYCLE_REPORTED)
			cycle_fail(src, now, err);
		return 0;
	}
	/* a worker's list is normalized already */
	if ((pre == NULL || scraped) && normalize_items(l, base, now) == -1) {
		item_list_free(l);
		cycle_fail(src, now, "out of memory normalizing items");
		return 0;
	}
	cycle_warnings(src, l);
	if (scraped)
		rot = cycle_rot(src, l, &usual, rotbuf, sizeof(rotbuf));
	if (rot == NULL && conf_source_fulltext(src->cs)) {
		/* article pages will change the items */
		made = NULL;
	}
	if (rot == NULL && conf_source_fulltext(src->cs) &&
	    (rc = cycle_fulltext(src, l, res, usual, now, err,
	    sizeof(err))) != 0) {
		if (rc == 1)
			return 1;
		item_list_free(l);
		cycle_fail(src, now, err);
		return 0;
	}
	cycle_finish(src, l, made, res->etag, res->last_modified, usual, rot,
	    now);
	return 0;
}

/* parsepool_done_fn: a worker parsed the source's body; go on with it. */
static void
cycle_parsed_cb(struct parsepool_result *r, const struct fetch_result *res,
    void *arg)
{
	struct cycle_source *src = arg;
	int rc;

	src->parse = NULL;
	/* what it leaves of r (a list not taken: the source became a
	 * page) the pool frees */
	rc = cycle_ingest(src, res, time(NULL), r);
	if (rc == 1)
		return;		/* the page's feed is being fetched */
	cycle_once_done(src->cy);
}

/* fetch_done_fn: a source's transfer ended. A body to read as a feed
 * goes to the parse workers. */
static void
cycle_done_cb(const struct fetch_result *res, void *arg)
{
	struct cycle_source *src = arg;
	struct parse_limits lim;
	time_t now = time(NULL);

	src->req = NULL;
	if (res->error != NULL)
		cycle_fail(src, now, res->error);
	else if (res->status == 304)
		cycle_unchanged(src, now);
	else {
		if (!cycle_scraped(src, NULL)) {
			cycle_limits(src, &lim);
			/* with full text, items are read for their pages
			 * again: none is left out */
			if ((src->parse = parsepool_start(src->cy->pool, res,
			    &lim, now, cycle_texts(src->cy),
			    conf_source_fulltext(src->cs) ? NULL : src->seen,
			    conf_source_fulltext(src->cs) ? 0 : src->nseen,
			    cycle_parsed_cb, src)) != NULL)
				return;		/* on in cycle_parsed_cb */
		}
		if (cycle_ingest(src, res, now, NULL) == 1)
			return;		/* the page's feed is being fetched */
	}
	cycle_once_done(src->cy);
}

/* evtimer: a source is due; start its conditional fetch. */
static void
cycle_poll_cb(evutil_socket_t fd, short what, void *arg)
{
	struct cycle_source *src = arg;
	struct store_fetch sf;
	char err[512];
	time_t now = time(NULL);
	int moved;

	if (src->req != NULL || src->parse != NULL || src->job != NULL)
		return;		/* still busy with the last time */
	if (store_fetch_get(src->cy->store, src->name, &sf, err,
	    sizeof(err)) == -1) {
		cycle_fail(src, now, err);
		cycle_once_done(src->cy);
		return;
	}
	log_debug("source %s: fetching %s", src->name, cycle_url(src));
	/* Validators are only good for the URL they came from: the source
	 * may have moved since (reload, or edit and restart). */
	moved = sf.url != NULL && strcmp(sf.url, cycle_url(src)) != 0;
	src->req = fetch_start(src->cy->fetch, cycle_url(src),
	    moved ? NULL : sf.etag, moved ? NULL : sf.last_modified,
	    cycle_done_cb, src, err, sizeof(err));
	store_fetch_clear(&sf);
	if (src->req == NULL) {
		cycle_fail(src, now, err);
		cycle_once_done(src->cy);
	}
}

/* A new per-source state for cs, its first poll scheduled. */
static struct cycle_source *
cycle_source_new(struct cycle *cy, const struct conf_source *cs, time_t now)
{
	struct cycle_source *src;
	struct store_fetch sf;
	char err[512];
	time_t when = now;

	if ((src = calloc(1, sizeof(*src))) == NULL)
		return NULL;
	src->cy = cy;
	src->cs = cs;
	src->name = strdup(conf_source_name(cs));
	src->timer = evtimer_new(cy->base, cycle_poll_cb, src);
	if (src->name == NULL || src->timer == NULL) {
		free(src->name);
		if (src->timer)
			event_free(src->timer);
		free(src);
		return NULL;
	}
	if (!cy->once) {
		if (store_fetch_get(cy->store, src->name, &sf, err,
		    sizeof(err)) == 0) {
			when = sched_first(now, sf.next_fetch,
			    conf_source_interval(cs), arc4random());
			store_fetch_clear(&sf);
		}
	}
	cycle_arm(src, now, when);
	return src;
}

static void
cycle_source_free(struct cycle_source *src)
{
	if (src == NULL)
		return;
	if (src->req != NULL)
		fetch_cancel(src->req);
	parsepool_cancel(src->parse);
	fulltext_cancel(src->job);
	event_free(src->timer);
	free(src->seen);
	free(src->name);
	free(src->feed);
	free(src->etag);
	free(src->last_modified);
	free(src);
}

/* A source whose URL changed on reload: forget the old URL's failures and
 * poll the new one now (cycle_poll_cb drops the old URL's validators). */
static void
cycle_source_moved(struct cycle_source *src, time_t now)
{
	struct store_fetch sf;
	char err[512];

	if (src->req != NULL) {
		fetch_cancel(src->req);
		src->req = NULL;
	}
	parsepool_cancel(src->parse);
	src->parse = NULL;
	cycle_forget(src);
	fulltext_cancel(src->job);
	src->job = NULL;
	free(src->feed);
	src->feed = NULL;
	if (store_fetch_get(src->cy->store, src->name, &sf, err,
	    sizeof(err)) == 0) {
		sf.failures = 0;
		sf.next_fetch = now;
		if (store_fetch_put(src->cy->store, src->name, &sf, err,
		    sizeof(err)) == -1)
			log_warnx("source %s: %s", src->name, err);
		store_fetch_clear(&sf);
	} else
		log_warnx("source %s: %s", src->name, err);
	log_info("source %s: now at %s", src->name, conf_source_url(src->cs));
	evtimer_del(src->timer);
	cycle_arm(src, now, now);
}

/* A source whose interval was shortened on reload is polled no later than
 * one new interval after its last poll. */
static void
cycle_source_retime(struct cycle_source *src, time_t now)
{
	struct store_fetch sf;
	char err[512];
	time_t when;

	if (src->req != NULL || src->parse != NULL ||
	    store_fetch_get(src->cy->store, src->name,
	    &sf, err, sizeof(err)) == -1)
		return;		/* the poll in flight will reschedule */
	when = sf.last_attempt + conf_source_interval(src->cs);
	if (sf.next_fetch != 0 && sf.next_fetch < when)
		when = sf.next_fetch;
	store_fetch_clear(&sf);
	evtimer_del(src->timer);
	cycle_arm(src, now, when);
}

/* Carry a known source over to its new section cs of a reloaded file. */
static void
cycle_source_keep(struct cycle_source *src, const struct conf_source *cs,
    time_t now)
{
	int moved, retimed;

	moved = strcmp(conf_source_url(src->cs), conf_source_url(cs)) != 0;
	retimed = conf_source_interval(src->cs) != conf_source_interval(cs);
	src->cs = cs;
	if (moved)
		cycle_source_moved(src, now);
	else if (retimed)
		cycle_source_retime(src, now);
}

/* Give each source of cf a state: keep the ones already known, make the
 * new ones, free the ones that left. */
static int
cycle_sources(struct cycle *cy, const struct conf *cf, time_t now)
{
	struct cycle_source **next, *src;
	size_t i, j, n = conf_nsources(cf);

	if ((next = calloc(n + 1, sizeof(*next))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const struct conf_source *cs = conf_source(cf, i);

		for (j = 0; j < cy->nsrc; j++) {
			src = cy->src[j];
			if (src != NULL &&
			    strcmp(src->name, conf_source_name(cs)) == 0) {
				cycle_source_keep(src, cs, now);
				next[i] = src;
				cy->src[j] = NULL;
				break;
			}
		}
		if (next[i] == NULL &&
		    (next[i] = cycle_source_new(cy, cs, now)) == NULL) {
			log_warnx("source %s: out of memory",
			    conf_source_name(cs));
			continue;
		}
	}
	for (j = 0; j < cy->nsrc; j++)
		cycle_source_free(cy->src[j]);
	free(cy->src);
	cy->src = next;
	cy->nsrc = n;
	return 0;
}

/* Tell the store how cf identifies stories and merges them: tracking
 * parameters, merge window, the merge rule and the sources' order. */
static int
cycle_identity(struct cycle *cy, const struct conf *cf)
{
	const char **order;
	size_t i, n = conf_nsources(cf);

	if ((order = calloc(n + 1, sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		order[i] = conf_source_name(conf_source(cf, i));
	store_set_identity(cy->store, conf_tracking_params(cf),
	    conf_merge_window(cf));
	store_set_near(cy->store, conf_near_title(cf), conf_near_text(cf));
	store_set_merge(cy->store, (enum store_merge)conf_merge_keep(cf),
	    order);
	free(cy->order);
	cy->order = order;
	return 0;
}

struct cycle *
cycle_new(struct event_base *base, struct fetch *fetch, struct store *store,
    const struct conf *cf, int once)
{
	char err[512];
	struct cycle *cy;
	struct timeval tv = { 0, 0 };
	size_t i;

	if ((cy = calloc(1, sizeof(*cy))) == NULL)
		return NULL;
	cy->base = base;
	cy->fetch = fetch;
	cy->store = store;
	cy->conf = cf;
	cy->once = once;
	if (cycle_identity(cy, cf) == -1) {
		free(cy);
		return NULL;
	}
	if ((cy->pool = parsepool_new(base, parsepool_cores(), err,
	    sizeof(err))) == NULL) {
		log_warnx("%s", err);
		cycle_free(cy);
		return NULL;
	}
	store_set_batching(store, 1);
	if ((cy->publish_ev = evtimer_new(base, cycle_publish_cb, cy)) ==
	    NULL || (cy->flush_ev = evtimer_new(base, cycle_flush_cb,
	    cy)) == NULL || (cy->ft = fulltext_new(base, fetch,
	    conf_article_rate(cf))) == NULL ||
	    cycle_sources(cy, cf, time(NULL)) == -1) {
		cycle_free(cy);
		return NULL;
	}
	for (i = 0; i < cy->nsrc; i++)
		cy->pending += cy->src[i] != NULL;
	if (once && cy->pending == 0) {
		cy->pending = 1;
		cycle_once_done(cy);
	} else if (!once)
		evtimer_add(cy->publish_ev, &tv);	/* the site at start */
	return cy;
}

void
cycle_free(struct cycle *cy)
{
	size_t i;

	if (cy == NULL)
		return;
	for (i = 0; i < cy->nsrc; i++)
		cycle_source_free(cy->src[i]);
	free(cy->src);
	parsepool_free(cy->pool);
	fulltext_free(cy->ft);
	store_set_merge(cy->store, STORE_MERGE_FIRST, NULL);	/* no dangling */
	free(cy->order);
	if (cy->publish_ev != NULL)
		event_free(cy->publish_ev);
	cycle_flush(cy);
	store_set_batching(cy->store, 0);
	if (cy->flush_ev != NULL)
		event_free(cy->flush_ev);
	free(cy);
}

int
cycle_set_conf(struct cycle *cy, const struct conf *cf)
{
	struct timeval tv = { 0, 0 };

	if (cycle_sources(cy, cf, time(NULL)) == -1)
		return -1;	/* nothing changed: the old conf stays */
	cy->conf = cf;
	/* topics and keys may have changed: items are read whole again */
	cycle_forget_all(cy);
	fulltext_set_rate(cy->ft, conf_article_rate(cf));
	if (cycle_identity(cy, cf) == -1)
		log_warnx("reload: out of memory: merge rule unchanged");
	evtimer_del(cy->publish_ev);
	evtimer_add(cy->publish_ev, &tv);	/* topics may have changed */
	return 0;
}

int
cycle_failures(const struct cycle *cy)
{
	return cy->failures;
}

int
cycle_published(const struct cycle *cy)
{
	return cy->published;
}
