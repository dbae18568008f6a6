/*
 * The built-in HTTP server: answers GET and HEAD for exactly the files the
 * publisher writes into the output directory (index.html, feed.atom,
 * topics/<slug>.atom, sources.opml) and /health; everything else is 404.
 * It owns the evhttp instance, its listening socket, the bookkeeping of
 * open connections (a cap on their number, a deadline for each request,
 * a pause in accepting when descriptors run out), the routing of request
 * paths to file names, and the HTTP side of serving a file: content type,
 * conditional requests, Accept-Encoding and the reply. Opening, reading,
 * caching and compressing the files is daemon/filecache.c's job.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <netdb.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>

#include "config.h"
#include "daemon/filecache.h"
#include "daemon/log.h"
#include "daemon/server.h"

/* Limits; requests are all small here. */
#define SERVER_MAX_HEADERS	8192
#define SERVER_MAX_BODY		4096	/* bodies are never used */
#define SERVER_TIMEOUT		30	/* seconds a read or write may stall */
#define SERVER_MAX_CONNS	1024	/* open at once; more wait queued */
#define SERVER_FD_RESERVE	64	/* descriptors left for all the rest */
#define SERVER_MAX_WRITE	(1024 * 1024) /* bytes one write(2) may take */
#define SERVER_BACKLOG		1024	/* listen(2) queue; evhttp asks 128 */
#define SERVER_DEADLINE		10	/* seconds to receive a whole request */
#define SERVER_PAUSE_MIN	1	/* seconds not accepting on EMFILE, */
#define SERVER_PAUSE_MAX	8	/* doubled while accept(2) fails */
#define SERVER_WARN_EVERY	60	/* seconds between alike warnings */
#define SERVER_SLUG_MAX		64
/* A routed file name; shorter than FILECACHE_NAME_MAX. */
#define SERVER_NAME_MAX		(sizeof("topics/.atom") + SERVER_SLUG_MAX)
#define SERVER_ALL_METHODS	(EVHTTP_REQ_GET | EVHTTP_REQ_POST | \
	EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE | \
	EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT | \
	EVHTTP_REQ_PATCH)

enum server_conn_state {
	SERVER_CONN_NEW,	/* accepted; evhttp is still setting it up */
	SERVER_CONN_READING,	/* waiting for a request, under the deadline */
	SERVER_CONN_WRITING	/* a request is being answered */
};

/*
 * One accepted connection, from the bufferevent handed to evhttp until
 * evhttp frees it. libevent 2.1 calls nothing per new connection but the
 * bufferevent callback, so the connection is counted there and attached
 * to its evhttp_connection (the bufferevent's callback argument) one
 * event later, once evhttp has set it up.
 */
struct server_conn {
	LIST_ENTRY(server_conn)	 entry;
	struct server		*s;	/* borrows */
	struct bufferevent	*bev;	/* borrows; a reference till attached */
	struct evhttp_connection *evcon; /* borrows; NULL until attached */
	struct event		*timer;	/* owns: attach, then deadline */
	enum server_conn_state	 state;
};
LIST_HEAD(server_conns, server_conn);

/* Why the listener is disabled (bits of server.paused). */
#define SERVER_PAUSE_FDS	0x1	/* accept(2) ran out of something */
#define SERVER_PAUSE_FULL	0x2	/* maxconns connections are open */

struct server {
	LIST_ENTRY(server)	 entry;	/* in server_all */
	struct event_base	*base;	/* borrows */
	struct evhttp		*http;	/* owns */
	struct evconnlistener	*listener; /* borrows: evhttp owns it */
	struct event		*resume; /* owns: ends a SERVER_PAUSE_FDS */
	char			*docroot; /* owns */
	int			 port;
	struct server_conns	 conns;	/* owns */
	int			 nconns;
	int			 maxconns;
	int			 deadline; /* seconds */
	int			 paused; /* SERVER_PAUSE_* bits */
	int			 backoff; /* seconds of the last fd pause */
	time_t			 warned_fds; /* last warning of each kind */
	time_t			 warned_full;
	struct filecache	*cache;	/* owns */
};

/*
 * Every live server: libevent 2.1 hands the listener's error callback the
 * evhttp as its only argument, and this is how it finds the server.
 */
static LIST_HEAD(server_list, server) server_all =
    LIST_HEAD_INITIALIZER(server_all);

enum server_route {
	SERVER_NOTFOUND,
	SERVER_HEALTH,
	SERVER_FILE
};

/* Request paths served, keep sorted (bsearch); NULL file = /health. */
static const struct server_path {
	const char	*path;
	const char	*file;
} server_paths[] = {
	{ "/",			"index.html" },
	{ "/feed.atom",		"feed.atom" },
	{ "/health",		NULL },
	{ "/index.html",	"index.html" },
	{ "/sources.opml",	"sources.opml" },
};

/* File name suffixes and their types, keep sorted (bsearch). */
static const struct server_type {
	const char	*suffix;
	const char	*type;
} server_types[] = {
	{ ".atom",	"application/atom+xml; charset=utf-8" },
	{ ".html",	"text/html; charset=utf-8" },
	{ ".opml",	"text/x-opml; charset=utf-8" },
};

static void	server_request_cb(struct evhttp_request *, void *);
static void	server_complete_cb(struct evhttp_request *, void *);

/* Split "host:port" or "[v6addr]:port"; host gets the bare address. */
static int
server_parse_listen(const char *listen, char *host, size_t hostlen,
    unsigned short *port, char *err, size_t errlen)
{
	const char *colon, *h, *p;
	unsigned long n = 0;
	size_t hlen;

	if ((colon = strrchr(listen, ':')) == NULL)
		goto bad;
	if (listen[0] == '[') {
		if (colon == listen || colon[-1] != ']')
			goto bad;
		h = listen + 1;
		hlen = (size_t)(colon - 1 - h);
	} else {
		h = listen;
		hlen = (size_t)(colon - listen);
		if (memchr(h, ':', hlen) != NULL)
			goto bad;
	}
	if (hlen == 0 || hlen >= hostlen)
		goto bad;
	for (p = colon + 1; *p >= '0' && *p <= '9' && n <= 65535; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (p == colon + 1 || *p != '\0' || n > 65535)
		goto bad;
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	*port = (unsigned short)n;
	return 0;
bad:
	snprintf(err, errlen, "listen %s: expected host:port or [addr]:port",
	    listen);
	return -1;
}

/*
 * Resolve host once for a precise message: evhttp only logs resolver
 * failures and leaves errno meaningless.
 */
static int
server_resolve(const char *listen, const char *host, char *err,
    size_t errlen)
{
	struct addrinfo hints, *res;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if ((rc = getaddrinfo(host, NULL, &hints, &res)) != 0) {
		snprintf(err, errlen, "listen %s: %s", listen,
		    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	freeaddrinfo(res);
	return 0;
}

/* The port a bound socket really got (port 0 asks the kernel to pick). */
static int
server_bound_port(evutil_socket_t fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return -1;
}

/* Enable or disable the listener as the pause bits go to or from zero. */
static void
server_pause(struct server *s, int paused)
{
	int was = s->paused;

	s->paused = paused;
	if (s->listener == NULL || (was == 0) == (paused == 0))
		return;
	if (paused != 0)
		evconnlistener_disable(s->listener);
	else
		evconnlistener_enable(s->listener);
}

/* Whether a warning last logged at *last may be logged again now. */
static int
server_may_warn(struct server *s, time_t *last)
{
	struct timeval now;

	if (event_base_gettimeofday_cached(s->base, &now) == -1)
		return 1;
	if (now.tv_sec - *last < SERVER_WARN_EVERY)
		return 0;
	*last = now.tv_sec;
	return 1;
}

/*
 * Forget a connection evhttp is freeing (or has freed). Its descriptor
 * is about to be closed, so whatever paused accepting may be over.
 */
static void
server_conn_free(struct server_conn *c)
{
	struct server *s = c->s;
	int paused = s->paused;

	LIST_REMOVE(c, entry);
	s->nconns--;
	/* Freeing the timer inside its own callback is fine in libevent. */
	event_free(c->timer);
	if (c->evcon == NULL)
		bufferevent_decref(c->bev);
	free(c);
	if (s->nconns < s->maxconns)
		paused &= ~SERVER_PAUSE_FULL;
	if (paused & SERVER_PAUSE_FDS) {
		event_del(s->resume);
		paused &= ~SERVER_PAUSE_FDS;
	}
	server_pause(s, paused);
}

/* evhttp_connection_set_closecb: evhttp is freeing the connection. */
static void
server_conn_close_cb(struct evhttp_connection *evcon, void *arg)
{
	(void)evcon;
	server_conn_free(arg);
}

/* Put a connection under the deadline for receiving its next request. */
static void
server_conn_reading(struct server_conn *c)
{
	struct timeval tv;

	tv.tv_sec = c->s->deadline;
	tv.tv_usec = 0;
	c->state = SERVER_CONN_READING;
	evtimer_add(c->timer, &tv);
}

/* Take over a connection evhttp has set up: hear of its close. */
static void
server_conn_attach(struct server_conn *c, struct evhttp_connection *evcon)
{
	c->evcon = evcon;
	evhttp_connection_set_closecb(evcon, server_conn_close_cb, c);
	bufferevent_decref(c->bev);	/* evcon holds it from now on */
	server_conn_reading(c);
}

/*
 * evtimer on a connection: first (activated at once) its attach, then
 * its deadline. evhttp's own timeout is an idle timeout, restarted by
 * every byte, so a client trickling a request would hold on forever.
 */
static void
server_conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server_conn *c = arg;
	bufferevent_data_cb readcb;
	void *cbarg;

	(void)fd;
	(void)what;
	switch (c->state) {
	case SERVER_CONN_NEW:
		/* evhttp gives the bufferevent its evhttp_connection. */
		bufferevent_getcb(c->bev, &readcb, NULL, NULL, &cbarg);
		if (readcb == NULL || cbarg == NULL ||
		    evhttp_connection_get_bufferevent(cbarg) != c->bev)
			server_conn_free(c);	/* evhttp dropped it already */
		else
			server_conn_attach(c, cbarg);
		break;
	case SERVER_CONN_READING:
		log_debug("server: no whole request in %d s, closing",
		    c->s->deadline);
		/* Runs server_conn_close_cb, which frees c. */
		evhttp_connection_free(c->evcon);
		break;
	case SERVER_CONN_WRITING:
		break;
	}
}

/*
 * evhttp_set_bevcb: evhttp accepted a connection and asks for its
 * bufferevent, the one hook libevent 2.1 calls for each connection.
 * Count it, and stop accepting at the cap (libevent's accept loop checks
 * whether its callback disabled the listener).
 */
static struct bufferevent *
server_bev_cb(struct event_base *base, void *arg)
{
	struct server *s = arg;
	struct server_conn *c;

	s->backoff = 0;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;	/* evhttp makes its own, not counted */
	/* Without BEV_OPT_CLOSE_ON_FREE evhttp closes the socket itself. */
	if ((c->bev = bufferevent_socket_new(base, -1, 0)) == NULL ||
	    (c->timer = evtimer_new(base, server_conn_timer_cb, c)) == NULL) {
		if (c->bev != NULL)
			bufferevent_free(c->bev);
		free(c);
		return NULL;
	}
	/*
	 * libevent writes at most 16 KB per pass by default: a 500 KB feed
	 * would take some 30 loop passes and system calls. Let the socket
	 * buffer take what it can at once.
	 */
	bufferevent_set_max_single_write(c->bev, SERVER_MAX_WRITE);
	c->s = s;
	c->state = SERVER_CONN_NEW;
	/* Kept until attached, in case evhttp frees it first. */
	bufferevent_incref(c->bev);
	LIST_INSERT_HEAD(&s->conns, c, entry);
	/* Runs once evhttp_get_request has returned. */
	event_active(c->timer, EV_TIMEOUT, 1);
	if (++s->nconns >= s->maxconns) {
		if (server_may_warn(s, &s->warned_full))
			log_warnx("server: %d connections open, the most "
			    "allowed; more wait until one closes", s->nconns);
		server_pause(s, s->paused | SERVER_PAUSE_FULL);
	}
	return c->bev;
}

/*
 * A request came in time: no deadline until its answer is written (a
 * slow reader is fine, evhttp's idle timeout covers it).
 */
static void
server_conn_busy(struct server *s, struct evhttp_request *req)
{
	struct evhttp_connection *evcon;
	struct server_conn *c;
	struct bufferevent *bev;

	if ((evcon = evhttp_request_get_connection(req)) == NULL)
		return;
	bev = evhttp_connection_get_bufferevent(evcon);
	/* At most maxconns entries. */
	LIST_FOREACH(c, &s->conns, entry)
		if (c->bev == bev)
			break;
	if (c == NULL)
		return;
	if (c->state == SERVER_CONN_NEW)
		server_conn_attach(c, evcon);
	evtimer_del(c->timer);
	c->state = SERVER_CONN_WRITING;
	evhttp_request_set_on_complete_cb(req, server_complete_cb, c);
}

/* evhttp_request_set_on_complete_cb: the answer is written. */
static void
server_complete_cb(struct evhttp_request *req, void *arg)
{
	(void)req;
	server_conn_reading(arg);
}

/* Errors of accept(2) that belong to one queued connection (Linux). */
static int
server_accept_transient(int err)
{
	switch (err) {
	case ENETDOWN:
	case EPROTO:
	case ENOPROTOOPT:
	case EHOSTDOWN:
#ifdef ENONET
	case ENONET:
#endif
	case EHOSTUNREACH:
	case EOPNOTSUPP:
	case ENETUNREACH:
	case EPERM:
		return 1;
	default:
		return 0;
	}
}

/*
 * evconnlistener_set_error_cb: accept(2) failed, not with EAGAIN, EINTR
 * or ECONNABORTED. After EMFILE or ENFILE the connection stays queued and
 * the socket readable, so libevent would retry and fail on every loop
 * pass: stop accepting for a while instead, longer while it keeps failing.
 */
static void
server_accept_error_cb(struct evconnlistener *lev, void *arg)
{
	struct server *s;
	struct timeval tv;
	int err = errno;

	(void)lev;
	if (server_accept_transient(err)) {
		log_debug("server: accept: %s", strerror(err));
		return;
	}
	LIST_FOREACH(s, &server_all, entry)
		if (s->http == arg)
			break;
	if (s == NULL)
		return;		/* cannot happen */
	s->backoff = s->backoff == 0 ? SERVER_PAUSE_MIN :
	    s->backoff * 2 > SERVER_PAUSE_MAX ? SERVER_PAUSE_MAX :
	    s->backoff * 2;
	if (server_may_warn(s, &s->warned_fds))
		log_warnx("server: accept: %s; not accepting connections "
		    "for %d s", strerror(err), s->backoff);
	else
		log_debug("server: accept: %s; pausing %d s", strerror(err),
		    s->backoff);
	server_pause(s, s->paused | SERVER_PAUSE_FDS);
	tv.tv_sec = s->backoff;
	tv.tv_usec = 0;
	evtimer_add(s->resume, &tv);
}

/* evtimer: the pause after a failed accept(2) is over; try again. */
static void
server_resume_cb(evutil_socket_t fd, short what, void *arg)
{
	struct server *s = arg;

	(void)fd;
	(void)what;
	server_pause(s, s->paused & ~SERVER_PAUSE_FDS);
}

/*
 * The default connection cap: SERVER_MAX_CONNS, or fewer when the
 * descriptor limit would run out first (accepting would then pause on
 * EMFILE, which is slower to recover from than a full listen queue).
 */
static int
server_default_conns(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 ||
	    rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur >= SERVER_MAX_CONNS + SERVER_FD_RESERVE)
		return SERVER_MAX_CONNS;
	if (rl.rlim_cur <= 2 * SERVER_FD_RESERVE)
		return SERVER_FD_RESERVE;
	return (int)rl.rlim_cur - SERVER_FD_RESERVE;
}

/*
 * Tune the listening socket evhttp made. Replies go out whole at once:
 * without TCP_NODELAY the tail of a body waits for the client's delayed
 * ACK (40 ms on Linux) on a keep-alive connection; Linux hands the option
 * on to every accepted socket. evhttp listens with a queue of 128, which
 * a burst of new clients overflows into SYN retries a second later;
 * listen(2) again only resizes the queue.
 */
static void
server_tune_listener(evutil_socket_t fd)
{
	int on = 1;

	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == -1)
		log_debug("server: TCP_NODELAY: %s", strerror(errno));
	if (listen(fd, SERVER_BACKLOG) == -1)
		log_debug("server: listen: %s", strerror(errno));
}

/* Set up the evhttp instance: limits and callbacks. */
static void
server_setup_http(struct server *s)
{
	/* Let every method reach the callback so it can answer 405 + Allow. */
	evhttp_set_allowed_methods(s->http, SERVER_ALL_METHODS);
	evhttp_set_max_headers_size(s->http, SERVER_MAX_HEADERS);
	evhttp_set_max_body_size(s->http, SERVER_MAX_BODY);
	evhttp_set_timeout(s->http, SERVER_TIMEOUT);
	evhttp_set_gencb(s->http, server_request_cb, s);
	evhttp_set_bevcb(s->http, server_bev_cb, s);
}

struct server *
server_new(struct event_base *base, const char *listen, const char *docroot,
    char *err, size_t errlen)
{
	struct server *s;
	struct evhttp_bound_socket *bound;
	char host[256];
	unsigned short port;
	int saved;

	if (server_parse_listen(listen, host, sizeof(host), &port, err,
	    errlen) == -1 || server_resolve(listen, host, err, errlen) == -1)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "listen %s: %s", listen, strerror(errno));
		return NULL;
	}
	LIST_INSERT_HEAD(&server_all, s, entry);
	s->base = base;
	LIST_INIT(&s->conns);
	s->maxconns = server_default_conns();
	s->deadline = SERVER_DEADLINE;
	if ((s->docroot = strdup(docroot)) == NULL ||
	    (s->cache = filecache_new()) == NULL ||
	    (s->resume = evtimer_new(base, server_resume_cb, s)) == NULL ||
	    (s->http = evhttp_new(base)) == NULL) {
		snprintf(err, errlen, "listen %s: %s", listen, strerror(errno));
		server_free(s);
		return NULL;
	}
	server_setup_http(s);
	errno = 0;
	if ((bound = evhttp_bind_socket_with_handle(s->http, host,
	    port)) == NULL) {
		saved = errno;
		snprintf(err, errlen, "listen %s: %s", listen, saved != 0 ?
		    strerror(saved) : "cannot bind");
		server_free(s);
		return NULL;
	}
	s->listener = evhttp_bound_socket_get_listener(bound);
	server_tune_listener(evhttp_bound_socket_get_fd(bound));
	evconnlistener_set_error_cb(s->listener, server_accept_error_cb);
	if ((s->port = server_bound_port(
	    evhttp_bound_socket_get_fd(bound))) == -1) {
		snprintf(err, errlen, "listen %s: getsockname: %s", listen,
		    strerror(errno));
		server_free(s);
		return NULL;
	}
	return s;
}

void
server_free(struct server *s)
{
	struct server_conn *c;

	if (s == NULL)
		return;
	LIST_REMOVE(s, entry);
	/* The listener goes with evhttp: closing connections keep off it. */
	s->listener = NULL;
	if (s->http != NULL)
		evhttp_free(s->http);
	/* Those it freed before they were attached. */
	while ((c = LIST_FIRST(&s->conns)) != NULL)
		server_conn_free(c);
	if (s->resume != NULL)
		event_free(s->resume);
	filecache_free(s->cache);
	free(s->docroot);
	free(s);
}

int
server_port(const struct server *s)
{
	return s->port;
}

void
server_set_limits(struct server *s, int maxconns, int deadline)
{
	s->maxconns = maxconns > 0 ? maxconns : server_default_conns();
	s->deadline = deadline > 0 ? deadline : SERVER_DEADLINE;
	server_pause(s, s->nconns >= s->maxconns ?
	    s->paused | SERVER_PAUSE_FULL : s->paused & ~SERVER_PAUSE_FULL);
}

int
server_set_docroot(struct server *s, const char *docroot)
{
	char *copy;

	if (docroot == NULL || *docroot == '\0' ||
	    (copy = strdup(docroot)) == NULL)
		return -1;
	free(s->docroot);
	s->docroot = copy;
	filecache_clear(s->cache);
	return 0;
}

static int
server_path_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct server_path *)elem)->path);
}

/* Whether slug is a topic slug the publisher can have written. */
static int
server_slug_ok(const char *slug, size_t len)
{
	size_t i;

	if (len == 0 || len > SERVER_SLUG_MAX || slug[0] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') ||
		    (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			return 0;
	return 1;
}

/*
 * Map a request path to a published file name by exact match only, so no
 * path can name anything else in the output directory (or outside it).
 */
static enum server_route
server_route(const char *path, char name[SERVER_NAME_MAX])
{
	const struct server_path *sp;
	size_t len;

	if (path == NULL || strchr(path, '%') != NULL)
		return SERVER_NOTFOUND;
	sp = bsearch(path, server_paths, sizeof(server_paths) /
	    sizeof(server_paths[0]), sizeof(server_paths[0]), server_path_cmp);
	if (sp != NULL) {
		if (sp->file == NULL)
			return SERVER_HEALTH;
		snprintf(name, SERVER_NAME_MAX, "%s", sp->file);
		return SERVER_FILE;
	}
	if (strncmp(path, "/topics/", 8) != 0)
		return SERVER_NOTFOUND;
	path += 8;
	len = strlen(path);
	if (len < 5 || strcmp(path + len - 5, ".atom") != 0 ||
	    !server_slug_ok(path, len - 5))
		return SERVER_NOTFOUND;
	snprintf(name, SERVER_NAME_MAX, "topics/%s", path);
	return SERVER_FILE;
}

static int
server_type_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct server_type *)elem)->suffix);
}

static const char *
server_content_type(const char *name)
{
	const struct server_type *st;
	const char *dot;

	if ((dot = strrchr(name, '.')) == NULL)
		return "application/octet-stream";
	st = bsearch(dot, server_types, sizeof(server_types) /
	    sizeof(server_types[0]), sizeof(server_types[0]), server_type_cmp);
	return st != NULL ? st->type : "application/octet-stream";
}

/* Whether a q-value is zero ("0", "0.", "0.000"): that coding is refused. */
static int
server_qzero(const char *q, size_t len)
{
	size_t i;

	if (len == 0 || q[0] != '0')
		return 0;
	for (i = 1; i < len; i++)
		if (q[i] != '0' && !(i == 1 && q[i] == '.'))
			return 0;
	return 1;
}

/* The q of one Accept-Encoding member's parameters: 1 or 0 (refused). */
static int
server_member_q(const char *p, size_t len)
{
	const char *end = p + len, *v;
	size_t n;

	while (p < end) {
		p += strspn(p, " \t;");
		if (p >= end)
			break;
		n = strcspn(p, ";");
		if (p + n > end)
			n = (size_t)(end - p);
		if ((p[0] == 'q' || p[0] == 'Q') && n >= 2) {
			v = p + 1 + strspn(p + 1, " \t");
			if (v < p + n && *v == '=') {
				v++;
				v += strspn(v, " \t");
				len = (size_t)(p + n - v);
				while (len > 0 && (v[len - 1] == ' ' ||
				    v[len - 1] == '\t'))
					len--;
				return !server_qzero(v, len);
			}
		}
		p += n;
	}
	return 1;
}

/* Whether Accept-Encoding lets us send gzip (an explicit entry wins). */
static int
server_accepts_gzip(const char *ae)
{
	int gzip = -1, star = -1, q;
	size_t n, tok;

	while (ae != NULL && *ae != '\0') {
		ae += strspn(ae, " \t,");
		n = strcspn(ae, ",");
		tok = strcspn(ae, " \t;,");
		q = server_member_q(ae + tok, n - tok);
		if ((tok == 4 && strncasecmp(ae, "gzip", 4) == 0) ||
		    (tok == 6 && strncasecmp(ae, "x-gzip", 6) == 0))
			gzip = q;
		else if (tok == 1 && ae[0] == '*')
			star = q;
		ae += n;
	}
	if (gzip != -1)
		return gzip;
	return star == 1;
}

/* Whether an If-None-Match list names etag, compared weakly (W/ ignored). */
static int
server_etag_match(const char *list, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = list, *end;

	for (;;) {
		p += strspn(p, " \t,");
		if (*p == '\0')
			return 0;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p == '"') {
			if ((end = strchr(p + 1, '"')) == NULL)
				return 0;
			if ((size_t)(end + 1 - p) == elen &&
			    memcmp(p, etag, elen) == 0)
				return 1;
			p = end + 1;
		}
		p += strcspn(p, ",");
	}
}

/* RFC 9110 13.2.2: If-None-Match first, else If-Modified-Since. */
static int
server_not_modified(struct evkeyvalq *in, const char *etag, time_t mtime)
{
	const char *v;
	time_t since;

	if ((v = evhttp_find_header(in, "If-None-Match")) != NULL)
		return server_etag_match(v, etag);
	if ((v = evhttp_find_header(in, "If-Modified-Since")) != NULL &&
	    (since = curl_getdate(v, NULL)) != -1)
		return mtime <= since;
	return 0;
}

/* evbuffer_add_reference cleanup: a file's bytes are sent or dropped. */
static void
server_file_sent_cb(const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	filecache_file_release(arg);
}

/*
 * Send a reply whose body is len bytes at body: copied, or when f is set,
 * bytes of that cache entry, referenced (held until written, never
 * copied). For HEAD the body is left out but Content-Length still gives
 * its size: evhttp 2.1 would otherwise write the body after HEAD headers
 * and omit Content-Length.
 */
static void
server_send(struct evhttp_request *req, int code, const char *reason,
    const void *body, size_t len, struct filecache_file *f)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	struct evbuffer *buf = evhttp_request_get_output_buffer(req);
	char clen[32];
	int rc = 0;

	if (evhttp_request_get_command(req) != EVHTTP_REQ_HEAD && len > 0) {
		if (f != NULL) {
			filecache_file_hold(f);
			/* On failure the cleanup has not run: release here. */
			if ((rc = evbuffer_add_reference(buf, body, len,
			    server_file_sent_cb, f)) == -1)
				filecache_file_release(f);
		} else
			rc = evbuffer_add(buf, body, len);
	}
	if (rc == -1) {
		evhttp_send_error(req, 500, NULL);
		return;
	}
	snprintf(clen, sizeof(clen), "%zu", len);
	evhttp_remove_header(out, "Content-Length");
	evhttp_add_header(out, "Content-Length", clen);
	evhttp_send_reply(req, code, reason, NULL);
}

/* A short plain-text reply (status pages, /health). */
static void
server_text(struct evhttp_request *req, int code, const char *reason,
    const char *text)
{
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);

	evhttp_add_header(out, "Content-Type", "text/plain; charset=utf-8");
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(out, "Cache-Control", "no-store");
	server_send(req, code, reason, text, strlen(text), NULL);
}

/* The status page for a request that ends in an error. */
static void
server_error(struct evhttp_request *req, int code)
{
	switch (code) {
	case 404:
		server_text(req, 404, "Not Found", "not found\n");
		break;
	case 503:
		server_text(req, 503, "Service Unavailable",
		    "service unavailable\n");
		break;
	default:
		server_text(req, 500, "Internal Server Error",
		    "internal server error\n");
		break;
	}
}

/* Serve one published file: validators, 304, gzip, HEAD. */
static int
server_serve(struct server *s, struct evhttp_request *req, const char *name)
{
	struct evkeyvalq *in = evhttp_request_get_input_headers(req);
	struct evkeyvalq *out = evhttp_request_get_output_headers(req);
	struct filecache_file *f;
	const unsigned char *body;
	const char *etag;
	size_t len;
	int code, gzip;

	if ((f = filecache_get(s->cache, s->docroot, name, &code)) == NULL) {
		server_error(req, code);
		return code;
	}
	gzip = server_accepts_gzip(evhttp_find_header(in,
	    "Accept-Encoding")) && filecache_file_gzip(s->cache, f, &body,
	    &len, &etag) == 0;
	if (!gzip) {
		body = filecache_file_bytes(f);
		len = filecache_file_len(f);
		etag = filecache_file_etag(f);
	}
	evhttp_add_header(out, "ETag", etag);
	evhttp_add_header(out, "Last-Modified", filecache_file_modified(f));
	evhttp_add_header(out, "Vary", "Accept-Encoding");
	if (server_not_modified(in, etag, filecache_file_mtime(f))) {
		evhttp_send_reply(req, 304, "Not Modified", NULL);
		return 304;
	}
	evhttp_add_header(out, "Content-Type", server_content_type(name));
	evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
	if (gzip)
		evhttp_add_header(out, "Content-Encoding", "gzip");
	server_send(req, 200, "OK", body, len, f);
	return 200;
}

/* evhttp_set_gencb: every request, whatever its path, comes here. */
static void
server_request_cb(struct evhttp_request *req, void *arg)
{
	struct server *s = arg;
	enum evhttp_cmd_type cmd = evhttp_request_get_command(req);
	const struct evhttp_uri *uri;
	char name[SERVER_NAME_MAX], esc[256];
	enum server_route route = SERVER_NOTFOUND;
	int code;

	server_conn_busy(s, req);
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD) {
		evhttp_add_header(evhttp_request_get_output_headers(req),
		    "Allow", "GET, HEAD");
		server_text(req, 405, "Method Not Allowed",
		    "method not allowed\n");
		code = 405;
	} else {
		/*
		 * The query and fragment are ignored; only the path routes.
		 * evhttp parsed the request target already.
		 */
		if ((uri = evhttp_request_get_evhttp_uri(req)) != NULL)
			route = server_route(evhttp_uri_get_path(uri), name);
		code = 200;
		if (route == SERVER_HEALTH)
			server_text(req, 200, "OK", "ok\n");
		else if (route == SERVER_FILE)
			code = server_serve(s, req, name);
		else {
			server_error(req, 404);
			code = 404;
		}
	}
	log_debug("server: %s %d", log_escape(evhttp_request_get_uri(req),
	    esc, sizeof(esc)), code);
}
