/*
 * The fetcher: owns the libcurl multi handle, its libevent timer and
 * socket events, and every transfer in flight. It follows the shape of
 * curl's hiperfifo example: libcurl tells us which sockets to watch
 * (CURLMOPT_SOCKETFUNCTION) and when to wake it (CURLMOPT_TIMERFUNCTION),
 * libevent calls back into curl_multi_socket_action, and finished
 * transfers are collected from curl_multi_info_read and handed to their
 * done callbacks.
 *
 * Re-entrancy: done callbacks run from our libevent callbacks after
 * curl_multi_socket_action has returned, never from inside libcurl, so a
 * done callback may start new transfers and cancel other ones; cancelling
 * its own transfer there is a no-op. It must NOT call fetch_free, and the
 * fetch_req it was called for is freed as soon as it returns.
 *
 * Queueing: the connection limits are enforced here, not by libcurl. A
 * transfer is given to the multi handle only when its host has fewer than
 * lim.per_host transfers running and fewer than FETCH_MAX_TOTAL run in
 * all; otherwise it waits in a FIFO (waitq). libcurl starts the
 * CURLOPT_TIMEOUT_MS clock when a handle is added, so a transfer left in
 * libcurl's own pending queue (CURLMOPT_MAX_HOST_CONNECTIONS) would burn
 * its timeout there and fail ("timeout after 0 milliseconds") although
 * nothing was wrong with it. Here the clock starts when it really runs.
 *
 * A host is scheme://host:port, lower-cased, as libcurl's URL API parses
 * the URL asked for. A redirect may move a running transfer to another
 * host; it stays counted under the original one, which bounds what we
 * open per source without second-guessing libcurl mid-transfer. file:
 * URLs (and URLs the URL API rejects, which libcurl then fails by itself)
 * have no host: they bypass the per-host limit, as they open no
 * connection, but still count toward FETCH_MAX_TOTAL. lim.per_host <= 0
 * means no per-host limit, as it does for libcurl.
 *
 * When a running transfer finishes or is cancelled, fetch_kick arms a
 * one-shot event whose callback starts the waiting transfers that now fit,
 * in FIFO order, skipping those whose host is still full. Starting them
 * from the loop rather than from fetch_cancel keeps fetch_cancel free of
 * callbacks even when libcurl refuses a handle.
 */
#include <sys/queue.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <event2/event.h>

#include "feeds/fetch.h"

#define FETCH_MAX_TOTAL	32	/* connections over all hosts */
#define FETCH_BUF_MIN	16384	/* first body allocation */
#define FETCH_HDR_MAX	1024	/* longest validator we keep */

struct fetch_req {
	TAILQ_ENTRY(fetch_req)	 entry;
	struct fetch		*f;		/* borrows: the owner */
	CURL			*easy;		/* owns */
	struct curl_slist	*headers;	/* owns: conditional headers */
	char			*url;		/* owns */
	fetch_done_fn		*done;
	void			*arg;		/* borrows: done's argument */

	char			*body;		/* owns: received so far */
	size_t			 len;
	size_t			 cap;

	/* From the header block being read; reset by each status line. */
	char			*etag;		/* owns */
	char			*last_modified;	/* owns */
	char			*content_type;	/* owns */
	char			 reason[64];
	long			 hdr_status;
	curl_off_t		 content_length;	/* -1 when unknown */
	int			 encoded;	/* Content-Encoding seen */
	int			 hdr_done;	/* blank line seen */

	struct fetch_host	*host;		/* holds a ref; NULL: none */
	int			 running;	/* in reqs and libcurl */
	int			 waiting;	/* in waitq */
	int			 toobig;
	int			 nomem;
	int			 finishing;	/* done is being called */
	char			 errbuf[CURL_ERROR_SIZE];
};

/* One scheme://host:port, shared by its running and waiting transfers. */
struct fetch_host {
	LIST_ENTRY(fetch_host)	 entry;
	char			*key;		/* owns */
	long			 nrun;		/* its transfers running */
	size_t			 refs;		/* running + waiting */
};

struct fetch_sock {
	LIST_ENTRY(fetch_sock)	 entry;
	struct event		*ev;		/* owns */
};

struct fetch {
	struct event_base	*base;		/* borrows */
	CURLM			*multi;		/* owns */
	struct event		*timer;		/* owns */
	struct fetch_limits	 lim;		/* user_agent points at ua */
	char			*ua;		/* owns */
	struct event		*kick;		/* owns: starts waiting ones */
	TAILQ_HEAD(, fetch_req)	 reqs;		/* owns: transfers running */
	TAILQ_HEAD(, fetch_req)	 waitq;		/* owns: waiting, FIFO */
	LIST_HEAD(, fetch_host)	 hosts;		/* owns: hosts in use */
	LIST_HEAD(, fetch_sock)	 socks;		/* owns: watched sockets */
	size_t			 nrun;		/* in reqs */
	size_t			 nactive;	/* in reqs or waitq */
};

enum fetch_hdr {
	HDR_CONTENT_ENCODING,
	HDR_CONTENT_LENGTH,
	HDR_CONTENT_TYPE,
	HDR_ETAG,
	HDR_LAST_MODIFIED
};

struct fetch_hdr_map {
	const char	*name;
	enum fetch_hdr	 which;
};

/* keep sorted (lower case, strcmp order): searched with bsearch */
static const struct fetch_hdr_map fetch_hdrs[] = {
	{ "content-encoding",	HDR_CONTENT_ENCODING },
	{ "content-length",	HDR_CONTENT_LENGTH },
	{ "content-type",	HDR_CONTENT_TYPE },
	{ "etag",		HDR_ETAG },
	{ "last-modified",	HDR_LAST_MODIFIED },
};
#define FETCH_NHDRS	(sizeof(fetch_hdrs) / sizeof(fetch_hdrs[0]))

static void	check_done(struct fetch *);
static void	fetch_kick(struct fetch *);

/* bsearch comparator: a lower-cased header name against a table row. */
static int
hdr_cmp(const void *key, const void *elem)
{
	const struct fetch_hdr_map *m = elem;

	return strcmp(key, m->name);
}

/* Stop watching a socket: CURL_POLL_REMOVE, or leftovers at fetch_free. */
static void
sock_free(struct fetch_sock *s)
{
	if (s == NULL)
		return;
	LIST_REMOVE(s, entry);
	event_free(s->ev);
	free(s);
}

/* libevent: a socket libcurl watches became readable or writable. */
static void
ev_sock_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch *f = arg;
	int action = 0, running;

	if (kind & EV_READ)
		action |= CURL_CSELECT_IN;
	if (kind & EV_WRITE)
		action |= CURL_CSELECT_OUT;
	curl_multi_socket_action(f->multi, fd, action, &running);
	/*
	 * Unlike hiperfifo we never delete the timer when nothing runs:
	 * a done callback may just have started a transfer that needs it,
	 * and libcurl disarms it itself (timeout -1) when idle.
	 */
	check_done(f);
}

/* libevent: the timeout libcurl asked for has expired. */
static void
ev_timer_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct fetch *f = arg;
	int running;

	(void)fd;
	(void)kind;
	curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(f);
}

/* CURLMOPT_SOCKETFUNCTION: watch fd for what libcurl wants, or stop. */
static int
multi_sock_cb(CURL *easy, curl_socket_t fd, int what, void *arg, void *sockp)
{
	struct fetch *f = arg;
	struct fetch_sock *s = sockp;
	short kind;

	(void)easy;
	if (what == CURL_POLL_REMOVE) {
		sock_free(s);
		return 0;
	}
	if (s == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			return -1;
		s->ev = event_new(f->base, fd, 0, ev_sock_cb, f);
		if (s->ev == NULL) {
			free(s);
			return -1;
		}
		LIST_INSERT_HEAD(&f->socks, s, entry);
		curl_multi_assign(f->multi, fd, s);
	}
	kind = EV_PERSIST;
	if (what & CURL_POLL_IN)
		kind |= EV_READ;
	if (what & CURL_POLL_OUT)
		kind |= EV_WRITE;
	event_del(s->ev);
	event_assign(s->ev, f->base, fd, kind, ev_sock_cb, f);
	return event_add(s->ev, NULL) == -1 ? -1 : 0;
}

/* CURLMOPT_TIMERFUNCTION: only (re)arms or disarms the one timer. */
static int
multi_timer_cb(CURLM *multi, long ms, void *arg)
{
	struct fetch *f = arg;
	struct timeval tv;

	(void)multi;
	if (ms < 0) {
		evtimer_del(f->timer);
		return 0;
	}
	tv.tv_sec = ms / 1000;
	tv.tv_usec = (ms % 1000) * 1000;
	return evtimer_add(f->timer, &tv) == -1 ? -1 : 0;
}

/* CURLOPT_WRITEFUNCTION: append decoded body bytes, up to max_size. */
static size_t
write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_req *r = arg;
	size_t len = size * n, max = r->f->lim.max_size, cap;
	char *grown;

	if (len > max || r->len > max - len) {
		r->toobig = 1;
		return 0;
	}
	if (r->len + len + 1 > r->cap) {
		cap = r->cap ? r->cap : FETCH_BUF_MIN;
		while (cap < r->len + len + 1 && cap <= max)
			cap *= 2;
		if (cap > max + 1)
			cap = max + 1;
		if ((grown = realloc(r->body, cap)) == NULL) {
			r->nomem = 1;
			return 0;
		}
		r->body = grown;
		r->cap = cap;
	}
	memcpy(r->body + r->len, data, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

/* Forget what an earlier header block (a redirect, a 100) said. */
static void
hdr_reset(struct fetch_req *r)
{
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	r->etag = r->last_modified = r->content_type = NULL;
	r->reason[0] = '\0';
	r->hdr_status = 0;
	r->content_length = -1;
	r->encoded = 0;
	r->hdr_done = 0;
}

/* Keep the status code and a printable copy of the reason phrase. */
static void
hdr_status_line(struct fetch_req *r, const char *p, size_t len)
{
	const char *end = p + len;
	size_t i = 0;

	while (p < end && *p != ' ')
		p++;
	while (p < end && *p == ' ')
		p++;
	while (p < end && isdigit((unsigned char)*p))
		r->hdr_status = r->hdr_status * 10 + (*p++ - '0');
	while (p < end && *p == ' ')
		p++;
	while (end > p && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' '))
		end--;
	for (; p < end && i < sizeof(r->reason) - 1; p++)
		r->reason[i++] = (*p >= 0x20 && *p < 0x7f) ? *p : '?';
	r->reason[i] = '\0';
}

/* A copy of value[0..len) unless too long or it holds control bytes. */
static char *
hdr_value(const char *v, size_t len)
{
	char *s;
	size_t i;

	if (len == 0 || len > FETCH_HDR_MAX)
		return NULL;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return NULL;
	if ((s = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(s, v, len);
	s[len] = '\0';
	return s;
}

/* Record one "Name: value" line if it is a header we care about. */
static void
hdr_field(struct fetch_req *r, const char *p, size_t len)
{
	const struct fetch_hdr_map *m;
	const char *colon, *v, *end = p + len;
	char name[32], num[32];
	size_t i, nlen;
	char **dst;

	if ((colon = memchr(p, ':', len)) == NULL ||
	    (nlen = colon - p) == 0 || nlen >= sizeof(name))
		return;
	for (i = 0; i < nlen; i++)
		name[i] = tolower((unsigned char)p[i]);
	name[nlen] = '\0';
	m = bsearch(name, fetch_hdrs, FETCH_NHDRS, sizeof(fetch_hdrs[0]),
	    hdr_cmp);
	if (m == NULL)
		return;
	for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' ||
	    end[-1] == ' ' || end[-1] == '\t'))
		end--;
	switch (m->which) {
	case HDR_CONTENT_ENCODING:
		if (!(end - v == 8 && strncasecmp(v, "identity", 8) == 0))
			r->encoded = 1;
		return;
	case HDR_CONTENT_LENGTH:
		if (end - v > 0 && (size_t)(end - v) < sizeof(num)) {
			memcpy(num, v, end - v);
			num[end - v] = '\0';
			if (isdigit((unsigned char)num[0]))
				r->content_length = strtoll(num, NULL, 10);
		}
		return;
	case HDR_CONTENT_TYPE:
		dst = &r->content_type;
		break;
	case HDR_ETAG:
		dst = &r->etag;
		break;
	default:
		dst = &r->last_modified;
		break;
	}
	free(*dst);
	*dst = hdr_value(v, end - v);
}

/* CURLOPT_HEADERFUNCTION: keep the final response's validators, and
 * refuse a body announced larger than max_size before it arrives. */
static size_t
header_cb(char *p, size_t size, size_t n, void *arg)
{
	struct fetch_req *r = arg;
	size_t len = size * n;

	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		hdr_reset(r);
		hdr_status_line(r, p, len);
	} else if (r->hdr_done) {
		/* trailers after a chunked body: not validators */
	} else if (len <= 2 && (p[0] == '\r' || p[0] == '\n')) {
		r->hdr_done = 1;
		if (r->hdr_status >= 200 && r->hdr_status < 300 &&
		    !r->encoded && r->content_length >= 0 &&
		    (uint64_t)r->content_length > r->f->lim.max_size) {
			r->toobig = 1;
			return 0;
		}
	} else
		hdr_field(r, p, len);
	return len;
}

/* The limit key of url, scheme://host:port lower-cased, in *key; NULL
 * when it has none (file:, or a URL libcurl will refuse by itself). */
static int
host_key(const char *url, char **key)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, *port = NULL;
	size_t len, i;
	int rv = 0;

	*key = NULL;
	if ((u = curl_url()) == NULL)
		return -1;
	/* the flags libcurl itself parses CURLOPT_URL with */
	if (curl_url_set(u, CURLUPART_URL, url,
	    CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    strcasecmp(scheme, "file") == 0 ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port,
	    CURLU_DEFAULT_PORT) != CURLUE_OK)
		goto out;
	len = strlen(scheme) + strlen(host) + strlen(port) + 5;
	if ((*key = malloc(len)) == NULL) {
		rv = -1;
		goto out;
	}
	snprintf(*key, len, "%s://%s:%s", scheme, host, port);
	for (i = 0; (*key)[i] != '\0'; i++)
		(*key)[i] = tolower((unsigned char)(*key)[i]);
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rv;
}

/* Find or add the host of url and take a reference on it for r. */
static int
host_ref(struct fetch *f, struct fetch_req *r, const char *url)
{
	struct fetch_host *h;
	char *key;

	if (host_key(url, &key) == -1)
		return -1;
	if (key == NULL)
		return 0;
	LIST_FOREACH(h, &f->hosts, entry)
		if (strcmp(h->key, key) == 0)
			break;
	if (h != NULL)
		free(key);
	else {
		if ((h = calloc(1, sizeof(*h))) == NULL) {
			free(key);
			return -1;
		}
		h->key = key;
		LIST_INSERT_HEAD(&f->hosts, h, entry);
	}
	h->refs++;
	r->host = h;
	return 0;
}

/* Drop r's reference on its host; the last one frees it. */
static void
host_unref(struct fetch_req *r)
{
	struct fetch_host *h = r->host;

	r->host = NULL;
	if (h == NULL || --h->refs > 0)
		return;
	LIST_REMOVE(h, entry);
	free(h->key);
	free(h);
}

/* Whether r may run now without passing the per-host or total limit. */
static int
req_fits(const struct fetch_req *r)
{
	const struct fetch *f = r->f;

	if (f->nrun >= FETCH_MAX_TOTAL)
		return 0;
	return r->host == NULL || f->lim.per_host <= 0 ||
	    r->host->nrun < f->lim.per_host;
}

/* Give a transfer that is in no list to libcurl; its clock starts now. */
static CURLMcode
req_run(struct fetch_req *r)
{
	struct fetch *f = r->f;
	CURLMcode mc;

	if ((mc = curl_multi_add_handle(f->multi, r->easy)) != CURLM_OK)
		return mc;
	TAILQ_INSERT_TAIL(&f->reqs, r, entry);
	r->running = 1;
	f->nrun++;
	if (r->host != NULL)
		r->host->nrun++;
	return CURLM_OK;
}

/* Take r out of libcurl and of our lists; a freed slot wakes the queue. */
static void
req_detach(struct fetch_req *r)
{
	struct fetch *f = r->f;

	if (r->running) {
		curl_multi_remove_handle(f->multi, r->easy);
		TAILQ_REMOVE(&f->reqs, r, entry);
		r->running = 0;
		f->nrun--;
		if (r->host != NULL)
			r->host->nrun--;
		fetch_kick(f);
	} else if (r->waiting) {
		TAILQ_REMOVE(&f->waitq, r, entry);
		r->waiting = 0;
	}
	f->nactive--;
	host_unref(r);
}

/* Release a transfer that is no longer in the multi handle. */
static void
req_free(struct fetch_req *r)
{
	if (r == NULL)
		return;
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->headers);
	free(r->url);
	free(r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	free(r);
}

/* Why the transfer failed, in msg, or NULL when it succeeded. */
static const char *
req_error(struct fetch_req *r, CURLcode rc, long status, char *msg,
    size_t msglen)
{
	size_t n;

	if (r->toobig) {
		snprintf(msg, msglen, "body larger than %zu bytes",
		    r->f->lim.max_size);
	} else if (r->nomem) {
		snprintf(msg, msglen, "out of memory");
	} else if (rc != CURLE_OK) {
		n = strlen(r->errbuf);
		while (n > 0 && (r->errbuf[n - 1] == '\n' ||
		    r->errbuf[n - 1] == '\r'))
			r->errbuf[--n] = '\0';
		if (n > 0)
			snprintf(msg, msglen, "%s: %s", curl_easy_strerror(rc),
			    r->errbuf);
		else
			snprintf(msg, msglen, "%s", curl_easy_strerror(rc));
	} else if (status != 0 && status != 304 &&
	    (status < 200 || status > 299)) {
		if (r->reason[0] != '\0')
			snprintf(msg, msglen, "HTTP %ld %s", status, r->reason);
		else
			snprintf(msg, msglen, "HTTP %ld", status);
	} else
		return NULL;
	return msg;
}

/* Detach a finished transfer, tell its owner, then free it. */
static void
req_finish(struct fetch_req *r, CURLcode rc)
{
	struct fetch_result res;
	char msg[CURL_ERROR_SIZE + 128];
	char *eff = NULL;
	long status = 0;

	req_detach(r);
	r->finishing = 1;

	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(r->easy, CURLINFO_EFFECTIVE_URL, &eff);
	memset(&res, 0, sizeof(res));
	res.url = r->url;
	res.status = status;
	res.effective_url = eff;
	res.error = req_error(r, rc, status, msg, sizeof(msg));
	if (res.error == NULL) {
		res.etag = r->etag;
		res.last_modified = r->last_modified;
		res.content_type = r->content_type;
		if (status != 304) {
			res.body = r->body != NULL ? r->body : "";
			res.len = r->len;
		}
	}
	r->done(&res, r->arg);
	req_free(r);
}

/* Hand every transfer libcurl reports finished to its callback. */
static void
check_done(struct fetch *f)
{
	struct fetch_req *r;
	CURLMsg *m;
	CURLcode rc;
	char *priv;
	int left;

	/* A done callback may add or remove handles; libcurl drops the
	 * message of a removed handle, so re-reading the queue is safe. */
	while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		rc = m->data.result;
		priv = NULL;
		curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
		if ((r = (struct fetch_req *)(void *)priv) != NULL)
			req_finish(r, rc);
	}
}

/* Start the waiting transfers that fit now, oldest first. */
static void
fetch_promote(struct fetch *f)
{
	struct fetch_req *r, *next;
	CURLMcode mc;

again:
	for (r = TAILQ_FIRST(&f->waitq); r != NULL &&
	    f->nrun < FETCH_MAX_TOTAL; r = next) {
		next = TAILQ_NEXT(r, entry);
		if (!req_fits(r))
			continue;	/* its host is full: keep its place */
		TAILQ_REMOVE(&f->waitq, r, entry);
		r->waiting = 0;
		if ((mc = req_run(r)) == CURLM_OK)
			continue;
		/* We are on the loop: fail it through its callback, which
		 * may change the queue, so scan it again from the start. */
		snprintf(r->errbuf, sizeof(r->errbuf), "%s",
		    curl_multi_strerror(mc));
		req_finish(r, CURLE_FAILED_INIT);
		goto again;
	}
}

/* libevent: one-shot event armed by fetch_kick. */
static void
ev_kick_cb(evutil_socket_t fd, short kind, void *arg)
{
	(void)fd;
	(void)kind;
	fetch_promote(arg);
}

/* A running transfer left: let the loop start waiting ones that fit. */
static void
fetch_kick(struct fetch *f)
{
	if (!TAILQ_EMPTY(&f->waitq))
		event_active(f->kick, EV_TIMEOUT, 0);
}

/* Add If-None-Match / If-Modified-Since unless empty or unsafe. */
static int
req_conditional(struct fetch_req *r, const char *etag, const char *lm)
{
	struct curl_slist *l;
	char line[FETCH_HDR_MAX + 32];
	const char *name[2] = { "If-None-Match", "If-Modified-Since" };
	const char *val[2] = { etag, lm };
	size_t i, j;

	for (i = 0; i < 2; i++) {
		if (val[i] == NULL || val[i][0] == '\0' ||
		    strlen(val[i]) > FETCH_HDR_MAX)
			continue;
		for (j = 0; val[i][j] != '\0'; j++)
			if ((unsigned char)val[i][j] < 0x20 ||
			    val[i][j] == 0x7f)
				break;
		if (val[i][j] != '\0')
			continue;	/* CR/LF would inject headers */
		snprintf(line, sizeof(line), "%s: %s", name[i], val[i]);
		if ((l = curl_slist_append(r->headers, line)) == NULL)
			return -1;
		r->headers = l;
	}
	return 0;
}

/* Set every per-transfer option; -1 if libcurl refuses one. */
static int
req_setopts(struct fetch_req *r)
{
	const struct fetch_limits *lim = &r->f->lim;
	CURL *e = r->easy;
	int bad = 0;

	bad |= curl_easy_setopt(e, CURLOPT_URL, r->url) != CURLE_OK;
#if LIBCURL_VERSION_NUM >= 0x075500
	bad |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR,
	    "http,https,file") != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR,
	    "http,https") != CURLE_OK;
#else
	bad |= curl_easy_setopt(e, CURLOPT_PROTOCOLS,
	    CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS,
	    CURLPROTO_HTTP | CURLPROTO_HTTPS) != CURLE_OK;
#endif
	bad |= curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_MAXREDIRS,
	    lim->max_redirects) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    lim->connect_timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
	    lim->timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK;
	if (lim->user_agent != NULL)
		bad |= curl_easy_setopt(e, CURLOPT_USERAGENT,
		    lim->user_agent) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, write_cb) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_WRITEDATA, r) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_HEADERFUNCTION,
	    header_cb) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_HEADERDATA, r) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_PRIVATE, r) != CURLE_OK;
	if (r->headers != NULL)
		bad |= curl_easy_setopt(e, CURLOPT_HTTPHEADER,
		    r->headers) != CURLE_OK;
	return bad ? -1 : 0;
}

struct fetch *
fetch_new(struct event_base *base, const struct fetch_limits *lim)
{
	struct fetch *f;
	int bad = 0;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		curl_global_cleanup();
		return NULL;
	}
	f->base = base;
	f->lim = *lim;
	/* write_cb sizes its buffer as max_size + 1 */
	if (f->lim.max_size > SIZE_MAX / 2)
		f->lim.max_size = SIZE_MAX / 2;
	TAILQ_INIT(&f->reqs);
	TAILQ_INIT(&f->waitq);
	LIST_INIT(&f->hosts);
	LIST_INIT(&f->socks);
	if (lim->user_agent != NULL &&
	    (f->ua = strdup(lim->user_agent)) == NULL)
		goto fail;
	f->lim.user_agent = f->ua;
	if ((f->timer = evtimer_new(base, ev_timer_cb, f)) == NULL ||
	    (f->kick = event_new(base, -1, 0, ev_kick_cb, f)) == NULL ||
	    (f->multi = curl_multi_init()) == NULL)
		goto fail;
	bad |= curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION,
	    multi_sock_cb) != CURLM_OK;
	bad |= curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f) != CURLM_OK;
	bad |= curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION,
	    multi_timer_cb) != CURLM_OK;
	bad |= curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f) != CURLM_OK;
	/*
	 * Our queue enforces both limits before libcurl sees a transfer.
	 * The total stays as a backstop at the same value: we never run more
	 * transfers than that, so it only makes libcurl close idle cached
	 * connections first. CURLMOPT_MAX_HOST_CONNECTIONS is left unset: it
	 * counts by libcurl's connection bundle, which behind a proxy is the
	 * proxy, so it would funnel every source through per_host connections
	 * and queue the rest with their timeouts running, the very bug the
	 * queue is here to avoid.
	 */
	bad |= curl_multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)FETCH_MAX_TOTAL) != CURLM_OK;
	if (bad)
		goto fail;
	return f;
fail:
	fetch_free(f);
	return NULL;
}

void
fetch_free(struct fetch *f)
{
	struct fetch_sock *s;

	if (f == NULL)
		return;
	while (!TAILQ_EMPTY(&f->waitq))
		fetch_cancel(TAILQ_FIRST(&f->waitq));
	while (!TAILQ_EMPTY(&f->reqs))
		fetch_cancel(TAILQ_FIRST(&f->reqs));
	/* Closing cached connections may still call both multi hooks. */
	if (f->multi != NULL)
		curl_multi_cleanup(f->multi);
	while ((s = LIST_FIRST(&f->socks)) != NULL)
		sock_free(s);
	if (f->timer != NULL)
		event_free(f->timer);
	if (f->kick != NULL)
		event_free(f->kick);
	free(f->ua);
	free(f);
	curl_global_cleanup();
}

struct fetch_req *
fetch_start(struct fetch *f, const char *url, const char *etag,
    const char *last_modified, fetch_done_fn *done, void *arg, char *err,
    size_t errlen)
{
	struct fetch_req *r;
	CURLMcode mc;

	if (url == NULL || done == NULL) {
		snprintf(err, errlen, "fetch: no URL or callback");
		return NULL;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->url = strdup(url)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", url);
		free(r);
		return NULL;
	}
	r->f = f;
	r->done = done;
	r->arg = arg;
	r->content_length = -1;
	if ((r->easy = curl_easy_init()) == NULL ||
	    req_conditional(r, etag, last_modified) == -1 ||
	    req_setopts(r) == -1 || host_ref(f, r, url) == -1) {
		snprintf(err, errlen, "%s: cannot set up transfer", url);
		host_unref(r);
		req_free(r);
		return NULL;
	}
	/* Never overtake a waiting transfer: if any wait, join the queue. */
	if (TAILQ_EMPTY(&f->waitq) && req_fits(r)) {
		if ((mc = req_run(r)) != CURLM_OK) {
			snprintf(err, errlen, "%s: %s", url,
			    curl_multi_strerror(mc));
			host_unref(r);
			req_free(r);
			return NULL;
		}
	} else {
		TAILQ_INSERT_TAIL(&f->waitq, r, entry);
		r->waiting = 1;
		if (req_fits(r))
			fetch_kick(f);
	}
	f->nactive++;
	return r;
}

void
fetch_cancel(struct fetch_req *r)
{
	/* Inside its own done callback the transfer is already detached. */
	if (r == NULL || r->finishing)
		return;
	req_detach(r);
	req_free(r);
}

size_t
fetch_active(const struct fetch *f)
{
	return f->nactive;
}
