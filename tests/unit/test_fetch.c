/*
 * Unit tests for fetch: an evhttp server on 127.0.0.1 (port 0) shares the
 * event_base with the fetcher, and each test runs the loop until the
 * callbacks it expects have fired, under a safety timer.
 */
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <zlib.h>

#include "feeds/fetch.h"

#define MAX_SIZE	(1024 * 1024)
#define BIG_TOTAL	(50 * 1024 * 1024)
#define BIG_CHUNK	(64 * 1024)
#define NGOT		64
#define NPEND		16
#define NDELAY		48
#define DELAY_MS	150
#define TOTAL_CAP	32	/* FETCH_MAX_TOTAL in fetch.c */
#define ETAG		"\"v1\""
#define LASTMOD		"Wed, 21 Oct 2015 07:28:00 GMT"
#define UA		"unifeed-test/1.0"
#define GZ_TEXT		"<rss><channel><title>gzip</title></channel></rss>"

/* A request the server holds open (slow, streamed) until the client goes. */
struct pend {
	struct evhttp_request	*req;	/* borrows, or owns once detached */
	size_t			 sent;
	int			 used;
};

/* A request the server answers DELAY_MS after it arrived. */
struct delay {
	struct srv		*s;
	struct event		*ev;	/* owns */
	struct evhttp_request	*req;	/* borrows */
	int			 used;
};

struct srv {
	struct event_base *base;
	struct evhttp	*http;
	int		 port;
	int		 port2;		/* a second listener: another host */
	int		 inflight;	/* /delay requests not yet answered */
	int		 maxflight;
	char		 ua[128];
	char		 ae[128];
	char		 inm[128];
	char		 ims[128];
	int		 evil;
	int		 hits;
	struct pend	 pend[NPEND];
	struct delay	 delay[NDELAY];
};

struct got {
	struct ctx	*c;
	struct fetch_req *req;
	int		 calls;
	int		 order;		/* c->done after this callback */
	long		 status;
	char		*error;
	char		*body;
	size_t		 len;
	char		*etag;
	char		*lm;
	char		*ct;
	char		*eff;
	/* what the callback does to others */
	struct fetch_req *cancel;
	const char	*chain;
	struct got	*chain_got;
};

struct ctx {
	struct event_base *base;
	struct event	*safety;
	struct event	*tick;
	struct fetch	*f;
	struct srv	 srv;
	struct fetch_limits lim;
	int		 timed_out;
	int		 ticked;
	int		 done;
	struct got	 got[NGOT];
};

/* ---- the fixture server ---- */

static void
pend_close_cb(struct evhttp_connection *evcon, void *arg)
{
	struct pend *p = arg;

	(void)evcon;
	/* Detached by libevent when the peer went away: ours to free. */
	if (p->req != NULL && evhttp_request_get_connection(p->req) == NULL)
		evhttp_send_reply_end(p->req);
	p->req = NULL;
}

static struct pend *
pend_new(struct srv *s, struct evhttp_request *req)
{
	int i;

	for (i = 0; i < NPEND; i++)
		if (!s->pend[i].used)
			break;
	assert_true(i < NPEND);
	s->pend[i].used = 1;
	s->pend[i].req = req;
	evhttp_connection_set_closecb(evhttp_request_get_connection(req),
	    pend_close_cb, &s->pend[i]);
	return &s->pend[i];
}

static void
big_chunk_cb(struct evhttp_connection *evcon, void *arg)
{
	struct pend *p = arg;
	struct evbuffer *b;
	static char zeros[BIG_CHUNK];

	(void)evcon;
	if (p->req == NULL)
		return;
	if (p->sent >= BIG_TOTAL) {
		evhttp_send_reply_end(p->req);
		p->req = NULL;
		return;
	}
	b = evbuffer_new();
	memset(zeros, 'x', sizeof(zeros));
	evbuffer_add(b, zeros, sizeof(zeros));
	p->sent += sizeof(zeros);
	evhttp_send_reply_chunk_with_cb(p->req, b, big_chunk_cb, p);
	evbuffer_free(b);
}

static void
copy_hdr(char *dst, size_t len, struct evkeyvalq *h, const char *name)
{
	const char *v = evhttp_find_header(h, name);

	snprintf(dst, len, "%s", v != NULL ? v : "");
}

static void
serve_gzip(struct evhttp_request *req, const char *text, size_t tlen)
{
	struct evbuffer *b = evbuffer_new();
	unsigned char *out;
	z_stream z;
	size_t cap = tlen + 1024;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	out = malloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)text;
	z.avail_in = tlen;
	z.next_out = out;
	z.avail_out = cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	evbuffer_add(b, out, z.total_out);
	deflateEnd(&z);
	free(out);
	evhttp_add_header(evhttp_request_get_output_headers(req),
	    "Content-Encoding", "gzip");
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
serve_ok(struct srv *s, struct evhttp_request *req)
{
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	struct evbuffer *b;

	copy_hdr(s->ua, sizeof(s->ua), in, "User-Agent");
	copy_hdr(s->ae, sizeof(s->ae), in, "Accept-Encoding");
	copy_hdr(s->inm, sizeof(s->inm), in, "If-None-Match");
	copy_hdr(s->ims, sizeof(s->ims), in, "If-Modified-Since");
	if (evhttp_find_header(in, "X-Evil") != NULL)
		s->evil = 1;
	if (strcmp(s->inm, ETAG) == 0) {
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return;
	}
	evhttp_add_header(out, "ETag", ETAG);
	evhttp_add_header(out, "Last-Modified", LASTMOD);
	evhttp_add_header(out, "Content-Type", "application/rss+xml");
	b = evbuffer_new();
	evbuffer_add_printf(b, "ua=%s\nae=%s\n", s->ua, s->ae);
	evhttp_send_reply(req, 200, "OK", b);
	evbuffer_free(b);
}

static void
serve_redirect(struct evhttp_request *req, int code, const char *to)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);

	evhttp_add_header(out, "Location", to);
	evhttp_add_header(out, "ETag", "\"from-redirect\"");
	evhttp_add_header(out, "Last-Modified", LASTMOD);
	evhttp_send_reply(req, code, "Moved", NULL);
}

static void
serve_text(struct evhttp_request *req, int code, const char *reason,
    const char *text)
{
	struct evbuffer *b = evbuffer_new();

	evbuffer_add(b, text, strlen(text));
	evhttp_send_reply(req, code, reason, b);
	evbuffer_free(b);
}

static void
serve_big(struct srv *s, struct evhttp_request *req, int announce)
{
	struct pend *p = pend_new(s, req);
	struct evbuffer *b;

	if (announce) {
		/* With a Content-Length evhttp streams without chunking. */
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Content-Length", "52428800");
		evhttp_send_reply_start(req, 200, "OK");
		b = evbuffer_new();
		evbuffer_add(b, "xxxx", 4);
		p->sent = 4;
		evhttp_send_reply_chunk(req, b);
		evbuffer_free(b);
		return;
	}
	evhttp_send_reply_start(req, 200, "OK");
	big_chunk_cb(NULL, p);
}

static void
delay_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct delay *d = arg;

	(void)fd;
	(void)kind;
	d->used = 0;
	d->s->inflight--;
	/* frees req itself if the client has gone meanwhile */
	serve_text(d->req, 200, "OK", "delayed");
	d->req = NULL;
}

static void
serve_delay(struct srv *s, struct evhttp_request *req)
{
	struct timeval tv = { 0, DELAY_MS * 1000 };
	int i;

	for (i = 0; i < NDELAY; i++)
		if (!s->delay[i].used)
			break;
	assert_true(i < NDELAY);
	if (s->delay[i].ev == NULL)
		s->delay[i].ev = evtimer_new(s->base, delay_cb, &s->delay[i]);
	assert_non_null(s->delay[i].ev);
	s->delay[i].s = s;
	s->delay[i].req = req;
	s->delay[i].used = 1;
	if (++s->inflight > s->maxflight)
		s->maxflight = s->inflight;
	evtimer_add(s->delay[i].ev, &tv);
}

static void
srv_cb(struct evhttp_request *req, void *arg)
{
	struct srv *s = arg;
	const char *path;
	char *bomb;

	if (evhttp_request_get_uri(req) == NULL) {
		evhttp_send_error(req, 400, NULL);
		return;
	}
	path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
	s->hits++;
	if (strcmp(path, "/ok") == 0)
		serve_ok(s, req);
	else if (strcmp(path, "/plain") == 0)
		serve_text(req, 200, "OK", "plain");
	else if (strcmp(path, "/500") == 0)
		serve_text(req, 500, "Internal Server Error", "oops");
	else if (strcmp(path, "/redirect") == 0)
		serve_redirect(req, 301, "/ok");
	else if (strcmp(path, "/redirect-plain") == 0)
		serve_redirect(req, 302, "/plain");
	else if (strcmp(path, "/redir-loop") == 0)
		serve_redirect(req, 302, "/redir-loop");
	else if (strcmp(path, "/redir-file") == 0)
		serve_redirect(req, 302, "file:///etc/passwd");
	else if (strcmp(path, "/gzip") == 0)
		serve_gzip(req, GZ_TEXT, strlen(GZ_TEXT));
	else if (strcmp(path, "/bomb") == 0) {
		bomb = calloc(4 * MAX_SIZE, 1);
		serve_gzip(req, bomb, 4 * MAX_SIZE);
		free(bomb);
	} else if (strcmp(path, "/big") == 0)
		serve_big(s, req, 0);
	else if (strcmp(path, "/big-cl") == 0)
		serve_big(s, req, 1);
	else if (strcmp(path, "/slow") == 0)
		(void)pend_new(s, req);
	else if (strcmp(path, "/delay") == 0)
		serve_delay(s, req);
	else
		serve_text(req, 404, "Not Found", "no");
}

static int
srv_listen(struct srv *s)
{
	struct evhttp_bound_socket *bs;
	struct sockaddr_in sin;
	socklen_t slen = sizeof(sin);

	bs = evhttp_bind_socket_with_handle(s->http, "127.0.0.1", 0);
	assert_non_null(bs);
	assert_int_equal(getsockname(evhttp_bound_socket_get_fd(bs),
	    (struct sockaddr *)&sin, &slen), 0);
	return ntohs(sin.sin_port);
}

static void
srv_start(struct srv *s, struct event_base *base)
{
	memset(s, 0, sizeof(*s));
	s->base = base;
	assert_non_null(s->http = evhttp_new(base));
	evhttp_set_gencb(s->http, srv_cb, s);
	s->port = srv_listen(s);
	s->port2 = srv_listen(s);
}

/* ---- the loop ---- */

static void
safety_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct ctx *c = arg;

	(void)fd;
	(void)kind;
	c->timed_out = 1;
}

static void
tick_cb(evutil_socket_t fd, short kind, void *arg)
{
	struct ctx *c = arg;

	(void)fd;
	(void)kind;
	c->ticked = 1;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static void
done_cb(const struct fetch_result *r, void *arg)
{
	struct got *g = arg;
	char err[256];

	g->calls++;
	g->order = g->c->done + 1;
	g->status = r->status;
	g->error = dup_or_null(r->error);
	g->len = r->len;
	if (r->body != NULL) {
		assert_int_equal(r->body[r->len], '\0');
		g->body = malloc(r->len + 1);
		memcpy(g->body, r->body, r->len + 1);
	}
	g->etag = dup_or_null(r->etag);
	g->lm = dup_or_null(r->last_modified);
	g->ct = dup_or_null(r->content_type);
	g->eff = dup_or_null(r->effective_url);
	g->c->done++;
	/* Cancelling ourselves from our own callback must be harmless. */
	fetch_cancel(g->req);
	if (g->cancel != NULL)
		fetch_cancel(g->cancel);
	if (g->chain != NULL) {
		g->chain_got->c = g->c;
		g->chain_got->req = fetch_start(g->c->f, g->chain, NULL, NULL,
		    done_cb, g->chain_got, err, sizeof(err));
		assert_non_null(g->chain_got->req);
		assert_int_equal(g->chain_got->calls, 0);
	}
}

/* Run the loop until want callbacks in all have fired, or 3 s passed. */
static void
run_until(struct ctx *c, int want)
{
	struct timeval tv = { 3, 0 };

	c->timed_out = 0;
	evtimer_add(c->safety, &tv);
	while (c->done < want && !c->timed_out)
		event_base_loop(c->base, EVLOOP_ONCE);
	evtimer_del(c->safety);
	assert_false(c->timed_out);
}

/* Run the loop for ms milliseconds whatever happens. */
static void
run_for(struct ctx *c, long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	c->ticked = 0;
	evtimer_add(c->tick, &tv);
	while (!c->ticked)
		event_base_loop(c->base, EVLOOP_ONCE);
}

/* Run the loop until the server has answered every /delay request. */
static void
run_until_idle(struct ctx *c)
{
	struct timeval tv = { 3, 0 };

	c->timed_out = 0;
	evtimer_add(c->safety, &tv);
	while (c->srv.inflight > 0 && !c->timed_out)
		event_base_loop(c->base, EVLOOP_ONCE);
	evtimer_del(c->safety);
	assert_false(c->timed_out);
}

static long
ms_since(const struct timeval *t0)
{
	struct timeval t1;

	gettimeofday(&t1, NULL);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_usec - t0->tv_usec) / 1000;
}

static struct fetch_req *
start(struct ctx *c, int i, const char *path, const char *etag,
    const char *lm)
{
	char url[256], err[256];
	struct fetch_req *r;

	if (strstr(path, "://") != NULL)
		snprintf(url, sizeof(url), "%s", path);
	else
		snprintf(url, sizeof(url), "http://127.0.0.1:%d%s",
		    c->srv.port, path);
	c->got[i].c = c;
	r = fetch_start(c->f, url, etag, lm, done_cb, &c->got[i], err,
	    sizeof(err));
	assert_non_null(r);
	c->got[i].req = r;
	/* done is never called from inside fetch_start */
	assert_int_equal(c->got[i].calls, 0);
	return r;
}

static int
setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->base = event_base_new();
	c->safety = evtimer_new(c->base, safety_cb, c);
	c->tick = evtimer_new(c->base, tick_cb, c);
	srv_start(&c->srv, c->base);
	c->lim.connect_timeout_ms = 1000;
	c->lim.timeout_ms = 1500;
	c->lim.max_size = MAX_SIZE;
	c->lim.max_redirects = 5;
	c->lim.per_host = 2;
	c->lim.user_agent = UA;
	c->f = fetch_new(c->base, &c->lim);
	if (c->f == NULL)
		return -1;
	*state = c;
	return 0;
}

static int
teardown(void **state)
{
	struct ctx *c = *state;
	struct got *g;
	int i;

	fetch_free(c->f);
	evhttp_free(c->srv.http);
	for (i = 0; i < NDELAY; i++)
		if (c->srv.delay[i].ev != NULL)
			event_free(c->srv.delay[i].ev);
	for (i = 0; i < NGOT; i++) {
		g = &c->got[i];
		free(g->error);
		free(g->body);
		free(g->etag);
		free(g->lm);
		free(g->ct);
		free(g->eff);
	}
	event_free(c->safety);
	event_free(c->tick);
	event_base_free(c->base);
	free(c);
	return 0;
}

/* Replace the fetcher, e.g. to try other limits. */
static void
refetch(struct ctx *c)
{
	fetch_free(c->f);
	c->f = fetch_new(c->base, &c->lim);
	assert_non_null(c->f);
}

/* ---- the tests ---- */

static void
test_ok(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];
	char url[128];

	start(c, 0, "/ok", NULL, NULL);
	assert_int_equal(fetch_active(c->f), 1);
	run_until(c, 1);
	assert_int_equal(fetch_active(c->f), 0);
	assert_int_equal(g->calls, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 200);
	assert_non_null(strstr(g->body, "ua=" UA "\n"));
	assert_int_equal(g->len, strlen(g->body));
	assert_string_equal(c->srv.ua, UA);
	assert_non_null(strstr(c->srv.ae, "gzip"));
	assert_non_null(strstr(c->srv.ae, "deflate"));
	assert_string_equal(c->srv.inm, "");
	assert_string_equal(c->srv.ims, "");
	assert_string_equal(g->etag, ETAG);
	assert_string_equal(g->lm, LASTMOD);
	assert_string_equal(g->ct, "application/rss+xml");
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", c->srv.port);
	assert_string_equal(g->eff, url);
}

static void
test_not_modified(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/ok", ETAG, LASTMOD);
	run_until(c, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 304);
	assert_null(g->body);
	assert_int_equal(g->len, 0);
	assert_string_equal(c->srv.inm, ETAG);
	assert_string_equal(c->srv.ims, LASTMOD);
}

static void
test_conditional_changed(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/ok", "\"v0\"", NULL);
	run_until(c, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 200);
	assert_non_null(g->body);
	assert_string_equal(c->srv.inm, "\"v0\"");
	assert_string_equal(c->srv.ims, "");
	assert_string_equal(g->etag, ETAG);
}

static void
test_header_injection(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/ok", "\"a\"\r\nX-Evil: 1", LASTMOD "\r\nX-Evil: 2");
	run_until(c, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 200);
	assert_int_equal(c->srv.evil, 0);
	assert_string_equal(c->srv.inm, "");
	assert_string_equal(c->srv.ims, "");
}

static void
test_gzip(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/gzip", NULL, NULL);
	run_until(c, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 200);
	assert_string_equal(g->body, GZ_TEXT);
	assert_int_equal(g->len, strlen(GZ_TEXT));
}

static void
test_gzip_bomb(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	/* 4 MiB of zeros in a few KiB of gzip: the limit is after decoding */
	start(c, 0, "/bomb", NULL, NULL);
	run_until(c, 1);
	assert_non_null(g->error);
	assert_string_equal(g->error, "body larger than 1048576 bytes");
	assert_null(g->body);
}

static void
test_big_chunked(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];
	struct timeval t0;

	gettimeofday(&t0, NULL);
	start(c, 0, "/big", NULL, NULL);
	run_until(c, 1);
	assert_string_equal(g->error, "body larger than 1048576 bytes");
	assert_null(g->body);
	/* aborted early: far less than the 50 MB was ever written */
	assert_true(c->srv.pend[0].sent < 8 * 1024 * 1024);
	assert_true(ms_since(&t0) < 2000);
	assert_int_equal(fetch_active(c->f), 0);
}

static void
test_big_content_length(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/big-cl", NULL, NULL);
	run_until(c, 1);
	assert_string_equal(g->error, "body larger than 1048576 bytes");
	assert_null(g->body);
	assert_int_equal(c->srv.pend[0].sent, 4);
}

static void
test_slow_timeout(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];
	struct timeval t0;
	long ms;

	c->lim.timeout_ms = 300;
	refetch(c);
	gettimeofday(&t0, NULL);
	start(c, 0, "/slow", NULL, NULL);
	run_until(c, 1);
	ms = ms_since(&t0);
	assert_non_null(g->error);
	assert_non_null(strstr(g->error, "Timeout"));
	assert_null(g->body);
	assert_true(ms >= 250);
	assert_true(ms < 1500);
}

static void
test_http_500(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/500", NULL, NULL);
	start(c, 1, "/nowhere", NULL, NULL);
	run_until(c, 2);
	assert_string_equal(g->error, "HTTP 500 Internal Server Error");
	assert_int_equal(g->status, 500);
	assert_null(g->body);
	assert_null(g->etag);
	assert_string_equal(c->got[1].error, "HTTP 404 Not Found");
}

static void
test_redirect(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];
	char url[128];

	start(c, 0, "/redirect", NULL, NULL);
	run_until(c, 1);
	assert_null(g->error);
	assert_int_equal(g->status, 200);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/ok", c->srv.port);
	assert_string_equal(g->eff, url);
	assert_string_equal(g->etag, ETAG);
	assert_non_null(strstr(g->body, "ua=" UA));
}

static void
test_redirect_resets_validators(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	/* the 302 carries ETag and Last-Modified, the final 200 none */
	start(c, 0, "/redirect-plain", NULL, NULL);
	run_until(c, 1);
	assert_null(g->error);
	assert_string_equal(g->body, "plain");
	assert_null(g->etag);
	assert_null(g->lm);
}

static void
test_redirect_loop(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/redir-loop", NULL, NULL);
	run_until(c, 1);
	assert_non_null(g->error);
	assert_non_null(strstr(g->error, "redirects"));
	assert_null(g->body);
	/* the first request and max_redirects more, no further */
	assert_int_equal(c->srv.hits, 6);
}

static void
test_redirect_file(void **state)
{
	struct ctx *c = *state;
	struct got *g = &c->got[0];

	start(c, 0, "/redir-file", NULL, NULL);
	run_until(c, 1);
	assert_non_null(g->error);
	assert_non_null(strstr(g->error, "protocol"));
	assert_null(g->body);
}

static void
test_bad_scheme(void **state)
{
	struct ctx *c = *state;

	start(c, 0, "ftp://127.0.0.1/x", NULL, NULL);
	start(c, 1, "dict://127.0.0.1/x", NULL, NULL);
	run_until(c, 2);
	assert_non_null(strstr(c->got[0].error, "Unsupported protocol"));
	assert_non_null(strstr(c->got[1].error, "Unsupported protocol"));
}

static void
test_refused(void **state)
{
	struct ctx *c = *state;
	struct sockaddr_in sin;
	socklen_t slen = sizeof(sin);
	char url[128];
	int fd;

	/* a port that was just free on 127.0.0.1 and now has no listener */
	assert_true((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &slen), 0);
	close(fd);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/",
	    ntohs(sin.sin_port));
	start(c, 0, url, NULL, NULL);
	run_until(c, 1);
	assert_non_null(c->got[0].error);
	assert_non_null(strstr(c->got[0].error, "Couldn't connect"));
	assert_int_equal(c->got[0].status, 0);
}

static void
test_file(void **state)
{
	struct ctx *c = *state;

	start(c, 0, "file://" FIXTURES "/fetch/hello.txt", NULL, NULL);
	start(c, 1, "file://" FIXTURES "/fetch/missing.txt", NULL, NULL);
	run_until(c, 2);
	assert_null(c->got[0].error);
	assert_int_equal(c->got[0].status, 0);
	assert_string_equal(c->got[0].body, "hello, file\n");
	assert_int_equal(c->got[0].len, 12);
	assert_non_null(c->got[1].error);
	assert_null(c->got[1].body);
}

static void
test_file_too_big(void **state)
{
	struct ctx *c = *state;

	c->lim.max_size = 5;
	refetch(c);
	start(c, 0, "file://" FIXTURES "/fetch/hello.txt", NULL, NULL);
	run_until(c, 1);
	assert_string_equal(c->got[0].error, "body larger than 5 bytes");
}

static void
test_concurrent(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 50; i++)
		start(c, i, i % 5 == 0 ? "/ok" : "/plain", NULL, NULL);
	assert_int_equal(fetch_active(c->f), 50);
	run_until(c, 50);
	run_for(c, 50);
	assert_int_equal(c->done, 50);
	assert_int_equal(fetch_active(c->f), 0);
	for (i = 0; i < 50; i++) {
		assert_int_equal(c->got[i].calls, 1);
		assert_null(c->got[i].error);
		if (i % 5 != 0)
			assert_string_equal(c->got[i].body, "plain");
	}
}

static void
test_cancel(void **state)
{
	struct ctx *c = *state;
	struct fetch_req *a, *b;

	a = start(c, 0, "/slow", NULL, NULL);
	fetch_cancel(a);
	b = start(c, 1, "/slow", NULL, NULL);
	start(c, 2, "/plain", NULL, NULL);
	run_for(c, 100);		/* b is now in flight on the server */
	assert_int_equal(fetch_active(c->f), 1);
	fetch_cancel(b);
	assert_int_equal(fetch_active(c->f), 0);
	start(c, 3, "/plain", NULL, NULL);
	run_until(c, 2);
	run_for(c, 100);
	assert_int_equal(c->got[0].calls, 0);
	assert_int_equal(c->got[1].calls, 0);
	assert_int_equal(c->got[2].calls, 1);
	assert_int_equal(c->got[3].calls, 1);
	fetch_cancel(NULL);
}

static void
test_callback_reenters(void **state)
{
	struct ctx *c = *state;

	/* got[0]'s callback cancels got[1] and starts got[2] */
	c->got[0].cancel = start(c, 1, "/slow", NULL, NULL);
	c->got[0].chain = "file://" FIXTURES "/fetch/hello.txt";
	c->got[0].chain_got = &c->got[2];
	start(c, 0, "/plain", NULL, NULL);
	run_until(c, 2);
	run_for(c, 50);
	assert_int_equal(c->got[0].calls, 1);
	assert_int_equal(c->got[1].calls, 0);
	assert_int_equal(c->got[2].calls, 1);
	assert_string_equal(c->got[2].body, "hello, file\n");
	assert_int_equal(fetch_active(c->f), 0);
}

static void
test_callback_chains_when_idle(void **state)
{
	struct ctx *c = *state;
	char url[128];

	/* the last transfer's callback starts one more: the timer it arms
	 * must survive even though nothing else was running */
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/plain", c->srv.port);
	c->got[0].chain = url;
	c->got[0].chain_got = &c->got[1];
	c->got[1].chain = "file://" FIXTURES "/fetch/hello.txt";
	c->got[1].chain_got = &c->got[2];
	start(c, 0, "/plain", NULL, NULL);
	run_until(c, 3);
	assert_int_equal(c->got[1].calls, 1);
	assert_string_equal(c->got[1].body, "plain");
	assert_int_equal(c->got[2].calls, 1);
	assert_string_equal(c->got[2].body, "hello, file\n");
}

static void
test_free_in_flight(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 4; i++)
		start(c, i, "/slow", NULL, NULL);
	start(c, 4, "/big-cl", NULL, NULL);
	start(c, 5, "file://" FIXTURES "/fetch/hello.txt", NULL, NULL);
	run_for(c, 30);
	start(c, 6, "/plain", NULL, NULL);
	fetch_free(c->f);
	c->f = NULL;
	run_for(c, 50);
	for (i = 0; i < 4; i++)
		assert_int_equal(c->got[i].calls, 0);
	assert_int_equal(c->got[6].calls, 0);
	assert_int_equal(c->done, c->got[5].calls);
}

/* Transfers beyond per_host wait in fetch, not in libcurl where their
 * timeout would run: 12 replies of 150 ms, 2 at a time, take 900 ms, far
 * over the 600 ms timeout of each transfer. */
static void
test_queue_no_timeout(void **state)
{
	struct ctx *c = *state;
	int i;

	c->lim.timeout_ms = 600;
	refetch(c);
	for (i = 0; i < 12; i++)
		start(c, i, "/delay", NULL, NULL);
	assert_int_equal(fetch_active(c->f), 12);
	run_until(c, 12);
	for (i = 0; i < 12; i++) {
		assert_int_equal(c->got[i].calls, 1);
		assert_null(c->got[i].error);
		assert_string_equal(c->got[i].body, "delayed");
		/* started in FIFO order, two at a time */
		assert_int_equal((c->got[i].order - 1) / 2, i / 2);
	}
	assert_int_equal(c->srv.maxflight, 2);
	assert_int_equal(c->srv.hits, 12);
	assert_int_equal(fetch_active(c->f), 0);
}

static void
test_queue_cancel_waiting(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 5; i++)
		start(c, i, "/delay", NULL, NULL);
	/* 0 and 1 run; 2, 3 and 4 wait: drop one from the middle */
	fetch_cancel(c->got[3].req);
	assert_int_equal(fetch_active(c->f), 4);
	run_until(c, 4);
	run_for(c, 50);
	assert_int_equal(c->done, 4);
	assert_int_equal(c->got[3].calls, 0);
	for (i = 0; i < 5; i++) {
		if (i == 3)
			continue;
		assert_int_equal(c->got[i].calls, 1);
		assert_null(c->got[i].error);
		assert_string_equal(c->got[i].body, "delayed");
	}
	assert_true(c->got[4].order > c->got[2].order);
	assert_int_equal(c->srv.hits, 4);
	assert_int_equal(c->srv.maxflight, 2);
	assert_int_equal(fetch_active(c->f), 0);
}

static void
test_queue_free_waiting(void **state)
{
	struct ctx *c = *state;
	int i;

	for (i = 0; i < 6; i++)
		start(c, i, "/delay", NULL, NULL);
	run_for(c, 50);
	assert_int_equal(c->srv.hits, 2);
	assert_int_equal(fetch_active(c->f), 6);
	fetch_free(c->f);
	c->f = NULL;
	run_until_idle(c);
	run_for(c, 50);
	assert_int_equal(c->done, 0);
	assert_int_equal(c->srv.hits, 2);
}

static void
test_queue_hosts_parallel(void **state)
{
	struct ctx *c = *state;
	char url[128];
	int i;

	/* two ports are two hosts: each gets its own per_host of 2 */
	for (i = 0; i < 6; i++) {
		snprintf(url, sizeof(url), "http://127.0.0.1:%d/delay",
		    i % 2 ? c->srv.port2 : c->srv.port);
		start(c, i, url, NULL, NULL);
	}
	run_until(c, 6);
	for (i = 0; i < 6; i++)
		assert_null(c->got[i].error);
	assert_int_equal(c->srv.maxflight, 4);
}

static void
test_queue_file_bypass(void **state)
{
	struct ctx *c = *state;

	/* file: has no host: it passes a full host's queue */
	c->lim.per_host = 1;
	refetch(c);
	start(c, 0, "/slow", NULL, NULL);
	start(c, 1, "/slow", NULL, NULL);
	start(c, 2, "file://" FIXTURES "/fetch/hello.txt", NULL, NULL);
	run_until(c, 1);
	assert_int_equal(c->got[2].calls, 1);
	assert_string_equal(c->got[2].body, "hello, file\n");
	run_for(c, 50);
	assert_int_equal(c->got[0].calls, 0);
	assert_int_equal(c->got[1].calls, 0);
	assert_int_equal(c->srv.hits, 1);
	assert_int_equal(fetch_active(c->f), 2);
}

static void
test_queue_total_cap(void **state)
{
	struct ctx *c = *state;
	int i;

	/* per_host <= 0: no per-host limit, only the total one */
	c->lim.per_host = 0;
	refetch(c);
	for (i = 0; i < 40; i++)
		start(c, i, "/delay", NULL, NULL);
	run_until(c, 40);
	for (i = 0; i < 40; i++)
		assert_null(c->got[i].error);
	assert_int_equal(c->srv.maxflight, TOTAL_CAP);
}

static void
test_start_errors(void **state)
{
	struct ctx *c = *state;
	char err[128];

	err[0] = '\0';
	assert_null(fetch_start(c->f, NULL, NULL, NULL, done_cb, &c->got[0],
	    err, sizeof(err)));
	assert_true(err[0] != '\0');
	assert_int_equal(fetch_active(c->f), 0);
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ok),
		T(test_not_modified),
		T(test_conditional_changed),
		T(test_header_injection),
		T(test_gzip),
		T(test_gzip_bomb),
		T(test_big_chunked),
		T(test_big_content_length),
		T(test_slow_timeout),
		T(test_http_500),
		T(test_redirect),
		T(test_redirect_resets_validators),
		T(test_redirect_loop),
		T(test_redirect_file),
		T(test_bad_scheme),
		T(test_refused),
		T(test_file),
		T(test_file_too_big),
		T(test_concurrent),
		T(test_cancel),
		T(test_callback_reenters),
		T(test_callback_chains_when_idle),
		T(test_free_in_flight),
		T(test_queue_no_timeout),
		T(test_queue_cancel_waiting),
		T(test_queue_free_waiting),
		T(test_queue_hosts_parallel),
		T(test_queue_file_bypass),
		T(test_queue_total_cap),
		T(test_start_errors),
	};

	/* the server writes to peers that hang up mid-body */
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
