/*
 * Full text: fetching the article pages of new items. Each job is one
 * source's poll; hosts are shared by all jobs, each with the time its
 * next request may start, so that a site is asked at most rate times a
 * second however many of its sources are being polled.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <event2/event.h>

#include "daemon/fulltext.h"
#include "daemon/log.h"
#include "feeds/article.h"
#include "feeds/fetch.h"
#include "feeds/page.h"
#include "feeds/url.h"

/* Hosts remembered; the least recently due one is reused beyond it. */
#define FULLTEXT_HOSTS	256

struct fulltext_host {
	char		*name;		/* owns: url_host form */
	int64_t		 next_ms;	/* when its next request may start */
};

struct fulltext_article {
	struct fulltext_job	*job;	/* borrows: the owner */
	struct item		*it;	/* borrows: from job->l */
	char			*host;	/* owns */
	struct fetch_req	*req;	/* borrows: in flight, or NULL */
	int			 state;	/* FT_WAIT, FT_RUN, FT_DONE */
};

#define FT_WAIT	0
#define FT_RUN	1
#define FT_DONE	2

struct fulltext_job {
	struct fulltext		*ft;		/* borrows */
	struct fulltext_job	*next;		/* borrows: ft's list */
	char			*source;	/* owns */
	struct item_list	*l;		/* owns until done */
	struct fulltext_article	*art;		/* owns: nart of them */
	size_t			 nart;
	size_t			 left;		/* not FT_DONE yet */
	struct event		*ev;		/* owns: waits and the end */
	fulltext_done_fn	*done;
	void			*arg;
};

struct fulltext {
	struct event_base	*base;		/* borrows */
	struct fetch		*fetch;		/* borrows */
	int			 rate;
	struct fulltext_host	 hosts[FULLTEXT_HOSTS];
	struct fulltext_job	*jobs;		/* borrows: each job owns
						 * itself until it ends */
};

static void	fulltext_pump(struct fulltext_job *);

static int64_t
fulltext_now_ms(struct event_base *base)
{
	struct timeval tv;

	if (event_base_gettimeofday_cached(base, &tv) == -1)
		gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* The host's slot: found, or the least recently due one taken over. */
static struct fulltext_host *
fulltext_host(struct fulltext *ft, const char *name)
{
	struct fulltext_host *h, *old = &ft->hosts[0];
	size_t i;

	for (i = 0; i < FULLTEXT_HOSTS; i++) {
		h = &ft->hosts[i];
		if (h->name != NULL && strcmp(h->name, name) == 0)
			return h;
		if (h->name == NULL || (old->name != NULL &&
		    h->next_ms < old->next_ms))
			old = h;
	}
	free(old->name);
	if ((old->name = strdup(name)) == NULL)
		return NULL;
	old->next_ms = 0;
	return old;
}

static void
fulltext_job_free(struct fulltext_job *job)
{
	struct fulltext_job **p;
	size_t i;

	for (p = &job->ft->jobs; *p != NULL; p = &(*p)->next)
		if (*p == job) {
			*p = job->next;
			break;
		}
	for (i = 0; i < job->nart; i++) {
		if (job->art[i].req != NULL)
			fetch_cancel(job->art[i].req);
		free(job->art[i].host);
	}
	free(job->art);
	if (job->ev != NULL)
		event_free(job->ev);
	item_list_free(job->l);
	free(job->source);
	free(job);
}

/* evtimer: a host's next slot came, or every article is done. */
static void
fulltext_ev_cb(evutil_socket_t fd, short what, void *arg)
{
	struct fulltext_job *job = arg;
	struct item_list *l;

	(void)fd;
	(void)what;
	if (job->left > 0) {
		fulltext_pump(job);
		return;
	}
	l = job->l;
	job->l = NULL;
	job->done(l, job->arg);		/* takes l */
	fulltext_job_free(job);
}

/* Arm the job's timer ms from now. */
static void
fulltext_arm(struct fulltext_job *job, int64_t ms)
{
	struct timeval tv;

	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
	evtimer_add(job->ev, &tv);
}

/* An article is over, well or not. */
static void
fulltext_finish(struct fulltext_article *a)
{
	a->state = FT_DONE;
	a->req = NULL;
	if (--a->job->left == 0)
		fulltext_arm(a->job, 0);	/* end outside fetch's callback */
}

/* fetch_done_fn: one article page arrived (or did not). */
static void
fulltext_done_cb(const struct fetch_result *res, void *arg)
{
	struct fulltext_article *a = arg;
	struct article art;
	char err[512], esc[256];
	const char *why = res->error;

	if (why == NULL && res->status >= 400) {
		snprintf(err, sizeof(err), "HTTP %ld", res->status);
		why = err;
	} else if (why == NULL && page_article(res->body, res->len,
	    res->effective_url != NULL ? res->effective_url : res->url,
	    res->content_type, &art, err, sizeof(err)) == -1)
		why = err;
	else if (why == NULL) {
		page_merge(a->it, &art);
		article_clear(&art);
	}
	if (why != NULL)
		log_warnx("source %s: article %s: %s; keeping its summary",
		    a->job->source, log_escape(res->url, esc, sizeof(esc)),
		    why);
	fulltext_finish(a);
}

/* Start every waiting article whose host may be asked now; wait for the
 * earliest of the others. */
static void
fulltext_pump(struct fulltext_job *job)
{
	struct fulltext *ft = job->ft;
	struct fulltext_article *a;
	struct fulltext_host *h;
	int64_t now = fulltext_now_ms(ft->base), wait = -1;
	char err[512];
	size_t i;

	for (i = 0; i < job->nart; i++) {
		a = &job->art[i];
		if (a->state != FT_WAIT)
			continue;
		/* file: pages (a local demo) have no host to spare */
		h = a->host[0] != '\0' ? fulltext_host(ft, a->host) : NULL;
		if (h != NULL && h->next_ms > now) {
			if (wait < 0 || h->next_ms - now < wait)
				wait = h->next_ms - now;
			continue;
		}
		if (h != NULL)
			h->next_ms = now + 1000 / ft->rate;
		a->state = FT_RUN;
		if ((a->req = fetch_start(ft->fetch, a->it->link, NULL, NULL,
		    fulltext_done_cb, a, err, sizeof(err))) == NULL) {
			log_warnx("source %s: article: %s; keeping its summary",
			    job->source, err);
			fulltext_finish(a);
		}
	}
	if (wait >= 0)
		fulltext_arm(job, wait);
}

struct fulltext *
fulltext_new(struct event_base *base, struct fetch *fetch, int rate)
{
	struct fulltext *ft;

	if ((ft = calloc(1, sizeof(*ft))) == NULL)
		return NULL;
	ft->base = base;
	ft->fetch = fetch;
	ft->rate = rate > 0 ? rate : 1;
	return ft;
}

void
fulltext_set_rate(struct fulltext *ft, int rate)
{
	ft->rate = rate > 0 ? rate : 1;
}

void
fulltext_free(struct fulltext *ft)
{
	size_t i;

	if (ft == NULL)
		return;
	while (ft->jobs != NULL)
		fulltext_job_free(ft->jobs);
	for (i = 0; i < FULLTEXT_HOSTS; i++)
		free(ft->hosts[i].name);
	free(ft);
}

/* Fill the job's articles from want[], skipping items it cannot fetch. */
static int
fulltext_articles(struct fulltext_job *job, struct item **want, size_t n)
{
	struct fulltext_article *a;
	size_t i;

	if (n > FULLTEXT_MAX_ARTICLES)
		n = FULLTEXT_MAX_ARTICLES;
	if ((job->art = calloc(n > 0 ? n : 1, sizeof(*job->art))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (want[i]->link == NULL)
			continue;
		a = &job->art[job->nart];
		a->job = job;
		a->it = want[i];
		if ((a->host = url_host(want[i]->link)) == NULL)
			continue;
		job->nart++;
	}
	job->left = job->nart;
	return 0;
}

struct fulltext_job *
fulltext_start(struct fulltext *ft, const char *source, struct item_list *l,
    struct item **want, size_t n, fulltext_done_fn *done, void *arg)
{
	struct fulltext_job *job;

	if ((job = calloc(1, sizeof(*job))) == NULL)
		return NULL;
	job->ft = ft;
	job->done = done;
	job->arg = arg;
	if ((job->source = strdup(source)) == NULL ||
	    (job->ev = evtimer_new(ft->base, fulltext_ev_cb, job)) == NULL ||
	    fulltext_articles(job, want, n) == -1) {
		fulltext_job_free(job);		/* l is not the job's yet */
		return NULL;
	}
	job->l = l;
	job->next = ft->jobs;
	ft->jobs = job;
	if (job->left == 0)
		fulltext_arm(job, 0);
	else
		fulltext_pump(job);
	return job;
}

void
fulltext_cancel(struct fulltext_job *job)
{
	if (job != NULL)
		fulltext_job_free(job);
}
