/*
 * The built-in HTTP server (evhttp): serves exactly the published files of
 * the output directory, plus /health, with Content-Type, ETag,
 * Last-Modified, conditional requests, HEAD and gzip. Everything else is 404.
 */
#ifndef DAEMON_SERVER_H
#define DAEMON_SERVER_H

#include <stddef.h>

struct event_base;
struct server;

/*
 * Listen on "host:port" (port 0 picks a free one) and serve files from
 * docroot (borrowed string copied). Returns NULL with err filled on failure.
 */
struct server	*server_new(struct event_base *, const char *listen,
		    const char *docroot, char *err, size_t errlen);
void		 server_free(struct server *);
/* The port actually bound. */
int		 server_port(const struct server *);
/*
 * Allow at most maxconns open connections (more wait in the listen queue)
 * and deadline seconds to receive each request; 0 means the default.
 */
void		 server_set_limits(struct server *, int maxconns,
		    int deadline);
/* Serve from another directory (after a reload). */
int		 server_set_docroot(struct server *, const char *docroot);

#endif /* DAEMON_SERVER_H */
