/*
 * The parse workers: a few threads that turn fetched bodies into
 * normalized item lists (parse_feed and normalize_items, which are pure:
 * no I/O, no globals), so that on a machine with more than one core the
 * loop fetches and stores while they parse. It owns the threads, the
 * queue of waiting jobs, the list of finished ones and the eventfd that
 * wakes the loop for them. Callbacks only ever run on the loop thread.
 *
 * Back-pressure: at most PARSEPOOL_WAIT jobs per worker wait. A job
 * started when that many wait already is done at once on the loop
 * thread, which reads no sockets meanwhile; so bodies never pile up in
 * memory faster than they are parsed, and with no workers at all
 * everything is parsed on the loop, as before there were workers.
 */
#define _GNU_SOURCE	/* sched_getaffinity, CPU_COUNT */
#include <sys/eventfd.h>
#include <sys/queue.h>

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "daemon/parsepool.h"
#include "feeds/normalize.h"
#include "output/topic.h"

#define PARSEPOOL_MAX	4	/* workers, whatever the core count */
#define PARSEPOOL_WAIT	4	/* jobs that may wait per worker */

enum parsepool_state {
	PARSEPOOL_QUEUED,	/* waiting for a worker */
	PARSEPOOL_RUNNING,	/* a worker has it */
	PARSEPOOL_DONE		/* waiting for the loop */
};

struct parsepool_job {
	TAILQ_ENTRY(parsepool_job) entry;
	struct parsepool	*pool;		/* borrows: the owner */
	enum parsepool_state	 state;		/* under the pool's lock */
	int			 cancelled;	/* likewise */
	struct fetch_result	 res;		/* strings point into the
						 * copies below */
	char			*body;		/* owns */
	char			*url;		/* owns */
	char			*etag;		/* owns */
	char			*last_modified;	/* owns */
	char			*content_type;	/* owns */
	char			*effective_url;	/* owns */
	struct parse_limits	 lim;
	time_t			 now;
	int			 texts;		/* topic texts wanted */
	uint64_t		*seen;		/* owns: nseen sorted hashes */
	size_t			 nseen;
	struct parsepool_result	 r;		/* its owned parts */
	char			 err[512];	/* why r.l is NULL */
	parsepool_done_fn	*done;
	void			*arg;
};

TAILQ_HEAD(parsepool_jobs, parsepool_job);

struct parsepool {
	struct event_base	*base;		/* borrows */
	pthread_t		*threads;	/* owns: nthreads started */
	int			 nthreads;
	pthread_mutex_t		 lock;
	pthread_cond_t		 work;		/* a job waits, or stop */
	struct parsepool_jobs	 queue;		/* owns: waiting jobs */
	size_t			 queued;
	struct parsepool_jobs	 finished;	/* owns: for the loop */
	int			 stop;
	int			 efd;		/* owns: wakes the loop */
	struct event		*ev;		/* owns: on efd */
};

int
parsepool_cores(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	else
		n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	n = n > 1 ? n - 1 : 0;
	return n < PARSEPOOL_MAX ? n : PARSEPOOL_MAX;
}

void
parsepool_prep_free(struct parsepool_prep *prep, size_t n)
{
	size_t i;

	if (prep == NULL)
		return;
	for (i = 0; i < n; i++) {
		storedup_free(&prep[i].dup);
		free(prep[i].text);
	}
	free(prep);
}

static void
parsepool_job_free(struct parsepool_job *j)
{
	parsepool_prep_free(j->r.prep, j->r.nprep);
	item_list_free(j->r.l);
	free(j->r.hashes);
	free(j->seen);
	free(j->body);
	free(j->url);
	free(j->etag);
	free(j->last_modified);
	free(j->content_type);
	free(j->effective_url);
	free(j);
}

/* A copy of s (NULL stays NULL); -1 on ENOMEM. */
static int
parsepool_dup(const char *s, char **out)
{
	*out = NULL;
	return s != NULL && (*out = strdup(s)) == NULL ? -1 : 0;
}

/* The job's own copy of res. */
static int
parsepool_copy(struct parsepool_job *j, const struct fetch_result *res)
{
	if (parsepool_dup(res->url, &j->url) == -1 ||
	    parsepool_dup(res->etag, &j->etag) == -1 ||
	    parsepool_dup(res->last_modified, &j->last_modified) == -1 ||
	    parsepool_dup(res->content_type, &j->content_type) == -1 ||
	    parsepool_dup(res->effective_url, &j->effective_url) == -1 ||
	    (j->body = malloc(res->len + 1)) == NULL)
		return -1;
	if (res->body != NULL)
		memcpy(j->body, res->body, res->len);
	j->body[res->body != NULL ? res->len : 0] = '\0';
	j->res.url = j->url;
	j->res.error = NULL;
	j->res.status = res->status;
	j->res.body = j->body;
	j->res.len = res->body != NULL ? res->len : 0;
	j->res.etag = j->etag;
	j->res.last_modified = j->last_modified;
	j->res.content_type = j->content_type;
	j->res.effective_url = j->effective_url;
	return 0;
}

/* What the loop would derive from each item, derived here; an item
 * left unprepared (ENOMEM) is prepared by the store itself. */
static void
parsepool_prepare(struct parsepool_job *j)
{
	struct item *it;
	size_t i = 0;

	struct parsepool_prep *prep;

	if ((prep = calloc(j->r.l->count + 1, sizeof(*prep))) == NULL)
		return;
	for (it = j->r.l->head; it != NULL; it = it->next, i++) {
		prep[i].it = it;
		if (storedup_prepare(&prep[i].dup, it) == -1)
			storedup_free(&prep[i].dup);
		if (j->texts)
			prep[i].text = topic_text(it);
	}
	j->r.prep = prep;
	j->r.nprep = j->r.l->count;
}

static int
parsepool_hash_cmp_cb(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Hash every item, and leave out those the source gave at its last poll
 * exactly so: they are stored already, and normalizing, preparing and
 * storing them again would change nothing. -1 on ENOMEM.
 */
static int
parsepool_unchanged(struct parsepool_job *j)
{
	struct item_list *l = j->r.l;
	struct item **pp, *it;
	uint64_t h;

	if ((j->r.hashes = calloc(l->count + 1, sizeof(h))) == NULL)
		return -1;
	for (pp = &l->head; (it = *pp) != NULL; ) {
		h = item_hash(it);
		j->r.hashes[j->r.nhashes++] = h;
		if (j->nseen == 0 || bsearch(&h, j->seen, j->nseen, sizeof(h),
		    parsepool_hash_cmp_cb) == NULL) {
			pp = &it->next;
			continue;
		}
		*pp = it->next;
		it->next = NULL;
		j->r.unchanged++;
		j->r.unchanged_ids += it->id != NULL;
		item_free(it);
		l->count--;
	}
	l->tail = pp;
	qsort(j->r.hashes, j->r.nhashes, sizeof(h), parsepool_hash_cmp_cb);
	return 0;
}

/* The work itself, on whichever thread: parse, leave out what did not
 * change, normalize, prepare. */
static void
parsepool_run(struct parsepool_job *j)
{
	const char *base = j->res.effective_url != NULL ?
	    j->res.effective_url : j->res.url;

	j->r.l = parse_feed(j->res.body, j->res.len, base,
	    j->res.content_type, &j->lim, j->err, sizeof(j->err));
	if (j->r.l != NULL && (parsepool_unchanged(j) == -1 ||
	    normalize_items(j->r.l, base, j->now) == -1)) {
		item_list_free(j->r.l);
		j->r.l = NULL;
		snprintf(j->err, sizeof(j->err),
		    "out of memory normalizing items");
	}
	if (j->r.l != NULL)
		parsepool_prepare(j);
}

/* Hand j to the loop (the lock held). */
static void
parsepool_finish(struct parsepool *pp, struct parsepool_job *j)
{
	uint64_t one = 1;

	j->state = PARSEPOOL_DONE;
	TAILQ_INSERT_TAIL(&pp->finished, j, entry);
	/* a full counter (never, in practice) still wakes the loop */
	if (write(pp->efd, &one, sizeof(one)) == -1 && errno != EAGAIN)
		abort();
}

/* Run j without the lock (held on entry and on return), then hand it
 * to the loop. */
static void
parsepool_work(struct parsepool *pp, struct parsepool_job *j)
{
	j->state = PARSEPOOL_RUNNING;
	pthread_mutex_unlock(&pp->lock);
	parsepool_run(j);
	pthread_mutex_lock(&pp->lock);
	parsepool_finish(pp, j);
}

/* xmlGenericErrorFunc: libxml2's per-thread default prints to stderr;
 * the parsers report what matters through their own hooks. */
static void
parsepool_xml_error_cb(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* pthread start routine: run waiting jobs until told to stop. */
static void *
parsepool_worker_cb(void *arg)
{
	struct parsepool *pp = arg;
	struct parsepool_job *j;

	xmlSetGenericErrorFunc(NULL, parsepool_xml_error_cb);
	pthread_mutex_lock(&pp->lock);
	for (;;) {
		while (TAILQ_EMPTY(&pp->queue) && !pp->stop)
			pthread_cond_wait(&pp->work, &pp->lock);
		if (pp->stop)
			break;
		j = TAILQ_FIRST(&pp->queue);
		TAILQ_REMOVE(&pp->queue, j, entry);
		pp->queued--;
		parsepool_work(pp, j);
	}
	pthread_mutex_unlock(&pp->lock);
	return NULL;
}

/* event callback on the eventfd: call back for every finished job. */
static void
parsepool_ready_cb(evutil_socket_t fd, short what, void *arg)
{
	struct parsepool *pp = arg;
	struct parsepool_jobs done;
	struct parsepool_job *j;
	uint64_t n;
	int cancelled;

	(void)what;
	if (read(fd, &n, sizeof(n)) == -1 && errno != EAGAIN)
		return;
	TAILQ_INIT(&done);
	pthread_mutex_lock(&pp->lock);
	TAILQ_CONCAT(&done, &pp->finished, entry);
	pthread_mutex_unlock(&pp->lock);
	while ((j = TAILQ_FIRST(&done)) != NULL) {
		TAILQ_REMOVE(&done, j, entry);
		/* an earlier callback may have cancelled this one */
		pthread_mutex_lock(&pp->lock);
		cancelled = j->cancelled;
		pthread_mutex_unlock(&pp->lock);
		if (!cancelled) {
			j->r.err = j->r.l != NULL ? NULL : j->err;
			j->done(&j->r, &j->res, j->arg);
		}
		parsepool_job_free(j);
	}
}

/* Start the workers with every signal blocked: the loop takes those. */
static int
parsepool_spawn(struct parsepool *pp, int nthreads, char *err,
    size_t errlen)
{
	sigset_t all, old;
	int rc = 0;

	if ((pp->threads = calloc((size_t)nthreads,
	    sizeof(*pp->threads))) == NULL) {
		snprintf(err, errlen, "parse workers: out of memory");
		return -1;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	while (pp->nthreads < nthreads && (rc = pthread_create(
	    &pp->threads[pp->nthreads], NULL, parsepool_worker_cb, pp)) == 0)
		pp->nthreads++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		snprintf(err, errlen, "parse workers: %s", strerror(rc));
		return -1;
	}
	return 0;
}

struct parsepool *
parsepool_new(struct event_base *base, int nthreads, char *err,
    size_t errlen)
{
	struct parsepool *pp;

	if ((pp = calloc(1, sizeof(*pp))) == NULL) {
		snprintf(err, errlen, "parse workers: out of memory");
		return NULL;
	}
	pp->base = base;
	pp->efd = -1;
	TAILQ_INIT(&pp->queue);
	TAILQ_INIT(&pp->finished);
	pthread_mutex_init(&pp->lock, NULL);
	pthread_cond_init(&pp->work, NULL);
	/* libxml2 sets up its globals once, before any thread uses it */
	xmlInitParser();
	if ((pp->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1 ||
	    (pp->ev = event_new(base, pp->efd, EV_READ | EV_PERSIST,
	    parsepool_ready_cb, pp)) == NULL || event_add(pp->ev,
	    NULL) == -1) {
		snprintf(err, errlen, "parse workers: %s", strerror(errno));
		parsepool_free(pp);
		return NULL;
	}
	if (nthreads > 0 && parsepool_spawn(pp, nthreads, err,
	    errlen) == -1) {
		parsepool_free(pp);
		return NULL;
	}
	return pp;
}

void
parsepool_free(struct parsepool *pp)
{
	struct parsepool_job *j;
	int i;

	if (pp == NULL)
		return;
	pthread_mutex_lock(&pp->lock);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->work);
	pthread_mutex_unlock(&pp->lock);
	for (i = 0; i < pp->nthreads; i++)
		pthread_join(pp->threads[i], NULL);
	free(pp->threads);
	while ((j = TAILQ_FIRST(&pp->queue)) != NULL) {
		TAILQ_REMOVE(&pp->queue, j, entry);
		parsepool_job_free(j);
	}
	while ((j = TAILQ_FIRST(&pp->finished)) != NULL) {
		TAILQ_REMOVE(&pp->finished, j, entry);
		parsepool_job_free(j);
	}
	if (pp->ev != NULL)
		event_free(pp->ev);
	if (pp->efd != -1)
		close(pp->efd);
	pthread_cond_destroy(&pp->work);
	pthread_mutex_destroy(&pp->lock);
	free(pp);
}

struct parsepool_job *
parsepool_start(struct parsepool *pp, const struct fetch_result *res,
    const struct parse_limits *lim, time_t now, int texts,
    const uint64_t *seen, size_t nseen, parsepool_done_fn *done, void *arg)
{
	struct parsepool_job *j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	if (parsepool_copy(j, res) == -1 || (nseen > 0 &&
	    (j->seen = malloc(nseen * sizeof(*seen))) == NULL)) {
		parsepool_job_free(j);
		return NULL;
	}
	j->pool = pp;
	j->lim = *lim;
	j->now = now;
	j->texts = texts;
	if (nseen > 0)
		memcpy(j->seen, seen, nseen * sizeof(*seen));
	j->nseen = nseen;
	j->done = done;
	j->arg = arg;
	pthread_mutex_lock(&pp->lock);
	if (pp->queued < (size_t)pp->nthreads * PARSEPOOL_WAIT) {
		j->state = PARSEPOOL_QUEUED;
		TAILQ_INSERT_TAIL(&pp->queue, j, entry);
		pp->queued++;
		pthread_cond_signal(&pp->work);
		pthread_mutex_unlock(&pp->lock);
		return j;
	}
	parsepool_work(pp, j);
	pthread_mutex_unlock(&pp->lock);
	return j;
}

void
parsepool_cancel(struct parsepool_job *j)
{
	struct parsepool *pp;

	if (j == NULL)
		return;
	pp = j->pool;
	pthread_mutex_lock(&pp->lock);
	if (j->state == PARSEPOOL_QUEUED) {
		TAILQ_REMOVE(&pp->queue, j, entry);
		pp->queued--;
		pthread_mutex_unlock(&pp->lock);
		parsepool_job_free(j);
		return;
	}
	/* running: freed when it reaches the loop; done: freed there */
	j->cancelled = 1;
	pthread_mutex_unlock(&pp->lock);
}
