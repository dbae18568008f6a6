/*
 * Fetching: libcurl's multi-socket API driven by a libevent loop (the shape
 * of curl's hiperfifo example). Many transfers run at once; each ends in
 * exactly one call of its done callback, unless cancelled first.
 */
#ifndef FEEDS_FETCH_H
#define FEEDS_FETCH_H

#include <stddef.h>

struct event_base;
struct fetch;
struct fetch_req;

struct fetch_limits {
	long		 connect_timeout_ms;
	long		 timeout_ms;		/* the whole transfer */
	size_t		 max_size;		/* body bytes after decoding */
	long		 max_redirects;
	long		 per_host;		/* transfers at once per host */
	const char	*user_agent;		/* borrows */
};

/* What a finished transfer gives its callback; all pointers borrowed for
 * the duration of the callback only. */
struct fetch_result {
	const char	*url;		/* the URL asked for */
	const char	*error;		/* NULL on success, else why it failed */
	long		 status;	/* HTTP status (200, 304, ...), 0 for file: */
	const char	*body;		/* NUL-terminated; NULL on 304 or error */
	size_t		 len;
	const char	*etag;		/* response validators, or NULL */
	const char	*last_modified;
	const char	*content_type;
	const char	*effective_url;	/* after redirects */
};

typedef void fetch_done_fn(const struct fetch_result *, void *arg);

/* lim is copied (user_agent too). */
struct fetch	*fetch_new(struct event_base *, const struct fetch_limits *lim);
/* Cancels all transfers without calling their callbacks. */
void		 fetch_free(struct fetch *);

/*
 * Start fetching url (http, https or file), conditional on etag and
 * last_modified when not NULL. done is called once, from the loop, never
 * from inside fetch_start. Returns NULL and fills err if the transfer
 * cannot be started.
 */
struct fetch_req *fetch_start(struct fetch *, const char *url,
		    const char *etag, const char *last_modified,
		    fetch_done_fn *done, void *arg, char *err, size_t errlen);
/* Abort a transfer that has not finished; its callback is not called. */
void		 fetch_cancel(struct fetch_req *);
/* Transfers started and not yet finished or cancelled. */
size_t		 fetch_active(const struct fetch *);

#endif /* FEEDS_FETCH_H */
