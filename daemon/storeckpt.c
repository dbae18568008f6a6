/*
 * The state store's checkpointer (see storeckpt.h). A passive checkpoint
 * takes no lock a writer needs: the loop keeps committing while the
 * thread copies and syncs.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "daemon/storeckpt.h"

struct storeckpt {
	sqlite3		*db;		/* owns: the thread's connection */
	pthread_t	 thread;
	pthread_mutex_t	 mu;		/* guards what follows */
	pthread_cond_t	 wake;		/* wanted or stopping set */
	pthread_cond_t	 idle;		/* running cleared */
	int		 pages;		/* new log pages worth a pass */
	int		 bound;		/* log pages the loop finishes at */
	int		 last;		/* log pages at the last pass */
	int		 wanted;
	int		 running;
	int		 stopping;
	unsigned long	 done;
	unsigned long	 failed;
};

static void *
storeckpt_run(void *arg)
{
	struct storeckpt *c = arg;
	int rc, nlog = 0;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->wanted && !c->stopping)
			pthread_cond_wait(&c->wake, &c->mu);
		if (c->stopping)
			break;
		c->wanted = 0;
		c->running = 1;
		pthread_mutex_unlock(&c->mu);
		rc = sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, &nlog, NULL);
		pthread_mutex_lock(&c->mu);
		c->running = 0;
		pthread_cond_broadcast(&c->idle);
		if (rc == SQLITE_OK) {
			c->done++;
			c->last = nlog;
		} else
			c->failed++;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct storeckpt *
storeckpt_start(const char *path, int pages, int bound, char *err,
    size_t errlen)
{
	struct storeckpt *c;
	int rc;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "%s: checkpointer: out of memory", path);
		return NULL;
	}
	c->pages = pages;
	c->bound = bound;
	rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		/* its own checkpoints: none but those asked for */
		rc = sqlite3_wal_autocheckpoint(c->db, 0);
	if (rc == SQLITE_OK)
		/* a read opens the log; until then a checkpoint does nothing */
		rc = sqlite3_exec(c->db, "PRAGMA schema_version", NULL, NULL,
		    NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: checkpointer: %s", path,
		    c->db != NULL ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->wake, NULL);
	pthread_cond_init(&c->idle, NULL);
	if (pthread_create(&c->thread, NULL, storeckpt_run, c) != 0) {
		snprintf(err, errlen, "%s: checkpointer: no thread", path);
		pthread_cond_destroy(&c->idle);
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->mu);
		sqlite3_close(c->db);
		free(c);
		return NULL;
	}
	return c;
}

void
storeckpt_committed(struct storeckpt *c, sqlite3 *db, int pages)
{
	pthread_mutex_lock(&c->mu);
	if (pages < c->last)
		c->last = 0;		/* the log started over */
	if (pages >= c->bound) {
		/* no further pass; one under way is let finish, and the rest
		 * copied at the next commit (unless the log is already twice
		 * its bound: then after it) */
		c->wanted = 0;
		if (c->running && pages < 2 * c->bound) {
			pthread_mutex_unlock(&c->mu);
			return;
		}
		while (c->running)
			pthread_cond_wait(&c->idle, &c->mu);
		pthread_mutex_unlock(&c->mu);
		/* between transactions, nothing is written meanwhile: it
		 * copies all, and the next write starts the log over */
		(void)sqlite3_wal_checkpoint_v2(db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		return;
	}
	if (pages - c->last >= c->pages) {
		c->wanted = 1;
		pthread_cond_signal(&c->wake);
	}
	pthread_mutex_unlock(&c->mu);
}

void
storeckpt_counts(struct storeckpt *c, unsigned long *done,
    unsigned long *failed)
{
	pthread_mutex_lock(&c->mu);
	*done = c->done;
	*failed = c->failed;
	pthread_mutex_unlock(&c->mu);
}

void
storeckpt_stop(struct storeckpt *c)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->mu);
	c->stopping = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->idle);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->mu);
	sqlite3_close(c->db);
	free(c);
}
