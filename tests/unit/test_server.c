/*
 * Unit tests for daemon/server: a real server on 127.0.0.1 (free port)
 * over a temporary docroot, its event loop on a second thread, requests
 * made with libcurl (CURLOPT_PATH_AS_IS) or raw sockets where a client
 * would normalize the path. Every request has a timeout.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <curl/curl.h>
#include <event2/event.h>
#include <zlib.h>

#include "daemon/filecache.h"
#include "daemon/server.h"

#define TIMEOUT_MS	5000
#define FEED_MTIME	1713181680	/* Mon, 15 Apr 2024 11:48:00 GMT */
#define FEED_DATE	"Mon, 15 Apr 2024 11:48:00 GMT"
#define ATOM_TYPE	"application/atom+xml; charset=utf-8"
#define INDEX_HTML	"<!doctype html><title>u</title>\n"
#define SLUG32	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SLUG64	SLUG32 SLUG32

struct fixture {
	char			 root[64];
	char			 root2[64];
	struct event_base	*base;		/* owns */
	struct server		*server;	/* owns */
	struct event		*stop;		/* owns */
	int			 pipe[2];
	pthread_t		 thread;
	int			 port;
	char			*feed;		/* owns: feed.atom */
	size_t			 feedlen;
};

struct resp {
	long		 code;
	char		 hdr[8192];
	size_t		 hdrlen;
	unsigned char	*body;		/* owns */
	size_t		 len;
};

static struct fixture fx;

/* event on the stop pipe: leave the loop so the test thread owns it. */
static void
stop_cb(evutil_socket_t fd, short what, void *arg)
{
	char c;

	(void)what;
	if (read(fd, &c, 1) != 1)
		return;
	event_base_loopbreak(arg);
}

static void *
loop_main(void *arg)
{
	event_base_dispatch(arg);
	return NULL;
}

static void
loop_start(void)
{
	assert_int_equal(pthread_create(&fx.thread, NULL, loop_main, fx.base),
	    0);
}

static void
loop_stop(void)
{
	assert_int_equal(write(fx.pipe[1], "x", 1), 1);
	assert_int_equal(pthread_join(fx.thread, NULL), 0);
}

static void
put_file(const char *root, const char *name, const char *data, size_t len)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
put_str(const char *root, const char *name, const char *data)
{
	put_file(root, name, data, strlen(data));
}

static void
set_mtime(const char *root, const char *name, time_t t)
{
	struct timespec ts[2];
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	ts[0].tv_sec = ts[1].tv_sec = t;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* A compressible feed document, so gzip visibly changes the bytes. */
static char *
make_feed(size_t *len)
{
	char *buf;
	size_t cap = 64 * 1024, n;
	int i;

	buf = malloc(cap);
	assert_non_null(buf);
	n = (size_t)snprintf(buf, cap, "<?xml version=\"1.0\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(buf + n, cap - n,
		    "<entry><id>urn:x:%d</id><title>Entry %d "
		    "\xe4\xb8\x8a\xe6\xb5\xb7</title></entry>\n", i, i);
	n += (size_t)snprintf(buf + n, cap - n, "</feed>\n");
	*len = n;
	return buf;
}

static int
group_setup(void **state)
{
	char err[256], path[256], target[256];

	memset(&fx, 0, sizeof(fx));
	snprintf(fx.root, sizeof(fx.root), "/tmp/unifeed-server-XXXXXX");
	snprintf(fx.root2, sizeof(fx.root2), "/tmp/unifeed-server2-XXXXXX");
	if (mkdtemp(fx.root) == NULL || mkdtemp(fx.root2) == NULL)
		return -1;
	fx.feed = make_feed(&fx.feedlen);
	put_file(fx.root, "feed.atom", fx.feed, fx.feedlen);
	set_mtime(fx.root, "feed.atom", FEED_MTIME);
	put_str(fx.root, "index.html", INDEX_HTML);
	put_str(fx.root, "sources.opml", "<opml version=\"2.0\"/>\n");
	put_str(fx.root, "state.db", "SQLite format 3");
	put_str(fx.root, ".hidden", "secret\n");
	snprintf(path, sizeof(path), "%s/topics", fx.root);
	if (mkdir(path, 0755) == -1)
		return -1;
	put_str(fx.root, "topics/health.atom", "<feed>health</feed>\n");
	put_str(fx.root, "topics/" SLUG64 ".atom", "<feed>64</feed>\n");
	put_str(fx.root, "topics/" SLUG64 "a.atom", "<feed>65</feed>\n");
	put_str(fx.root, "topics/-x.atom", "<feed>dash</feed>\n");
	put_str(fx.root, "topics/Upper.atom", "<feed>upper</feed>\n");
	put_str(fx.root, "topics/.hidden", "secret\n");
	snprintf(path, sizeof(path), "%s/topics/link.atom", fx.root);
	if (symlink("../state.db", path) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/topics/dir.atom", fx.root);
	if (mkdir(path, 0755) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/topics/fifo.atom", fx.root);
	if (mkfifo(path, 0644) == -1)
		return -1;
	put_str(fx.root2, "feed.atom", "<feed>other root</feed>\n");
	snprintf(target, sizeof(target), "%s/topics", fx.root);
	snprintf(path, sizeof(path), "%s/topics", fx.root2);
	if (symlink(target, path) == -1)
		return -1;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((fx.base = event_base_new()) == NULL || pipe(fx.pipe) == -1)
		return -1;
	fx.stop = event_new(fx.base, fx.pipe[0], EV_READ | EV_PERSIST,
	    stop_cb, fx.base);
	if (fx.stop == NULL || event_add(fx.stop, NULL) == -1)
		return -1;
	fx.server = server_new(fx.base, "127.0.0.1:0", fx.root, err,
	    sizeof(err));
	if (fx.server == NULL) {
		fprintf(stderr, "server_new: %s\n", err);
		return -1;
	}
	fx.port = server_port(fx.server);
	if (fx.port <= 0)
		return -1;
	loop_start();
	*state = &fx;
	return 0;
}

/* Remove a fixture tree (no symlink is followed). */
static void
rm_tree(const char *path)
{
	struct dirent *de;
	struct stat st;
	char sub[512];
	DIR *d;

	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	    (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rm_tree(sub);
		}
		closedir(d);
	}
	remove(path);
}

static int
group_teardown(void **state)
{
	(void)state;
	loop_stop();
	server_free(fx.server);
	event_free(fx.stop);
	event_base_free(fx.base);
	close(fx.pipe[0]);
	close(fx.pipe[1]);
	free(fx.feed);
	rm_tree(fx.root);
	rm_tree(fx.root2);
	curl_global_cleanup();
	return 0;
}

/* CURLOPT_HEADERFUNCTION */
static size_t
hdr_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	size_t len = size * n;

	if (r->hdrlen + len < sizeof(r->hdr)) {
		memcpy(r->hdr + r->hdrlen, p, len);
		r->hdrlen += len;
		r->hdr[r->hdrlen] = '\0';
	}
	return len;
}

/* CURLOPT_WRITEFUNCTION */
static size_t
body_cb(char *p, size_t size, size_t n, void *arg)
{
	struct resp *r = arg;
	size_t len = size * n;
	unsigned char *nb;

	if ((nb = realloc(r->body, r->len + len + 1)) == NULL)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, len);
	r->len += len;
	r->body[r->len] = '\0';
	return len;
}

static void
resp_free(struct resp *r)
{
	free(r->body);
	memset(r, 0, sizeof(*r));
}

/*
 * One request with curl; extra is a NULL-terminated list of header lines.
 * The path is sent as is.
 */
static void
http(const char *method, const char *path, const char *const *extra,
    struct resp *r)
{
	struct curl_slist *list = NULL;
	char url[512];
	CURL *c;

	memset(r, 0, sizeof(*r));
	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", fx.port, path);
	c = curl_easy_init();
	assert_non_null(c);
	for (; extra != NULL && *extra != NULL; extra++)
		list = curl_slist_append(list, *extra);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, hdr_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, body_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else if (strcmp(method, "POST") == 0)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "a=b");
	else if (strcmp(method, "GET") != 0)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->code);
	curl_easy_cleanup(c);
	curl_slist_free_all(list);
}

/* Copy the value of header name from r into out; -1 when absent. */
static int
resp_header(const struct resp *r, const char *name, char *out, size_t outlen)
{
	const char *p = r->hdr, *e;
	size_t n = strlen(name), vlen;

	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) != 0 || p[n] != ':')
			continue;
		p += n + 1;
		p += strspn(p, " ");
		e = strstr(p, "\r\n");
		vlen = e != NULL ? (size_t)(e - p) : strlen(p);
		if (vlen >= outlen)
			vlen = outlen - 1;
		memcpy(out, p, vlen);
		out[vlen] = '\0';
		return 0;
	}
	return -1;
}

static void
assert_header(const struct resp *r, const char *name, const char *want)
{
	char v[512];

	if (resp_header(r, name, v, sizeof(v)) == -1)
		fail_msg("no %s header in:\n%s", name, r->hdr);
	assert_string_equal(v, want);
}

static void
assert_no_header(const struct resp *r, const char *name)
{
	char v[512];

	if (resp_header(r, name, v, sizeof(v)) == 0)
		fail_msg("unexpected %s: %s", name, v);
}

/* A socket connected to port on 127.0.0.1, reads and writes timed out. */
static int
connect_to(int port)
{
	struct sockaddr_in sin;
	struct timeval tv = { TIMEOUT_MS / 1000, 0 };
	int fd;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)),
	    0);
	return fd;
}

static void
send_str(int fd, const char *str)
{
	assert_int_equal(send(fd, str, strlen(str), MSG_NOSIGNAL),
	    (ssize_t)strlen(str));
}

/* Send req verbatim on a fresh socket and read to EOF; returns bytes. */
static size_t
raw(const char *req, char *out, size_t outlen)
{
	size_t got = 0;
	ssize_t n;
	int fd;

	fd = connect_to(fx.port);
	send_str(fd, req);
	while (got + 1 < outlen &&
	    (n = read(fd, out + got, outlen - 1 - got)) > 0)
		got += (size_t)n;
	if (n < 0)
		fail_msg("raw read: %s", strerror(errno));
	out[got] = '\0';
	close(fd);
	return got;
}

/* Status code of a raw "METHOD path" request. */
static int
raw_status(const char *method, const char *path)
{
	char req[1024], buf[8192];
	int code;

	snprintf(req, sizeof(req), "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n\r\n", method, path);
	raw(req, buf, sizeof(buf));
	if (sscanf(buf, "HTTP/1.%*d %d", &code) != 1)
		fail_msg("no status line for %s: %s", path, buf);
	return code;
}

static uint64_t
fnv1a(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (len-- > 0) {
		h ^= *s++;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static void
test_get_feed(void **state)
{
	struct resp r, r2;
	char etag[64], clen[32];

	(void)state;
	http("GET", "/feed.atom", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Type", ATOM_TYPE);
	snprintf(clen, sizeof(clen), "%zu", fx.feedlen);
	assert_header(&r, "Content-Length", clen);
	assert_header(&r, "Last-Modified", FEED_DATE);
	assert_header(&r, "X-Content-Type-Options", "nosniff");
	assert_header(&r, "Vary", "Accept-Encoding");
	assert_no_header(&r, "Content-Encoding");
	/* Strong ETag: the FNV-1a of the bytes, so stable across restarts. */
	snprintf(etag, sizeof(etag), "\"%016" PRIx64 "\"",
	    fnv1a(fx.feed, fx.feedlen));
	assert_header(&r, "ETag", etag);
	assert_int_equal(r.len, fx.feedlen);
	assert_memory_equal(r.body, fx.feed, fx.feedlen);
	http("GET", "/feed.atom", NULL, &r2);
	assert_int_equal(r2.code, 200);
	assert_header(&r2, "ETag", etag);
	resp_free(&r);
	resp_free(&r2);
}

static void
test_types(void **state)
{
	struct resp r, r2;

	(void)state;
	http("GET", "/", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	http("GET", "/index.html", NULL, &r2);
	assert_int_equal(r2.code, 200);
	assert_int_equal(r.len, r2.len);
	assert_memory_equal(r.body, r2.body, r.len);
	assert_string_equal((char *)r.body, INDEX_HTML);
	resp_free(&r);
	resp_free(&r2);
	http("GET", "/sources.opml", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Type", "text/x-opml; charset=utf-8");
	resp_free(&r);
	http("GET", "/topics/health.atom", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Type", ATOM_TYPE);
	assert_string_equal((char *)r.body, "<feed>health</feed>\n");
	resp_free(&r);
	http("GET", "/feed.atom?since=1&x=%2e%2e", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_int_equal(r.len, fx.feedlen);
	resp_free(&r);
}

static void
test_health(void **state)
{
	struct resp r;

	(void)state;
	http("GET", "/health", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Type", "text/plain; charset=utf-8");
	assert_int_equal(r.len, 3);
	assert_memory_equal(r.body, "ok\n", 3);
	resp_free(&r);
	assert_int_equal(raw_status("HEAD", "/health"), 200);
}

/* The feed's current identity ETag. */
static void
feed_etag(char *etag, size_t len)
{
	struct resp r;

	http("GET", "/feed.atom", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_int_equal(resp_header(&r, "ETag", etag, len), 0);
	resp_free(&r);
}

static long
status_with(const char *path, const char *h1, const char *h2)
{
	const char *extra[] = { h1, h2, NULL };
	struct resp r;
	long code;

	http("GET", path, extra, &r);
	code = r.code;
	if (code == 304) {
		assert_int_equal(r.len, 0);
		assert_header(&r, "Last-Modified", FEED_DATE);
		assert_no_header(&r, "Content-Length");
		assert_true(resp_header(&r, "ETag", (char[64]){ 0 }, 64) == 0);
	}
	resp_free(&r);
	return code;
}

static void
test_if_none_match(void **state)
{
	char etag[64], h[256];

	(void)state;
	feed_etag(etag, sizeof(etag));
	snprintf(h, sizeof(h), "If-None-Match: %s", etag);
	assert_int_equal(status_with("/feed.atom", h, NULL), 304);
	snprintf(h, sizeof(h), "If-None-Match: \"nope\",W/\"x,y\" ,  %s", etag);
	assert_int_equal(status_with("/feed.atom", h, NULL), 304);
	snprintf(h, sizeof(h), "If-None-Match: W/%s", etag);
	assert_int_equal(status_with("/feed.atom", h, NULL), 304);
	assert_int_equal(status_with("/feed.atom", "If-None-Match: *", NULL),
	    304);
	assert_int_equal(status_with("/feed.atom",
	    "If-None-Match: \"0000000000000000\"", NULL), 200);
	/* A near miss: the tag without its quotes, or a prefix of it. */
	snprintf(h, sizeof(h), "If-None-Match: %.*s", (int)strlen(etag) - 2,
	    etag + 1);
	assert_int_equal(status_with("/feed.atom", h, NULL), 200);
	snprintf(h, sizeof(h), "If-None-Match: %.*s\"", (int)strlen(etag) - 2,
	    etag);
	assert_int_equal(status_with("/feed.atom", h, NULL), 200);
	/* If-None-Match wins over an If-Modified-Since that would match. */
	assert_int_equal(status_with("/feed.atom", "If-None-Match: \"zz\"",
	    "If-Modified-Since: " FEED_DATE), 200);
	/* Another file's ETag does not match this one. */
	snprintf(h, sizeof(h), "If-None-Match: %s", etag);
	assert_int_equal(status_with("/index.html", h, NULL), 200);
}

static void
test_if_modified_since(void **state)
{
	(void)state;
	assert_int_equal(status_with("/feed.atom",
	    "If-Modified-Since: " FEED_DATE, NULL), 304);
	assert_int_equal(status_with("/feed.atom",
	    "If-Modified-Since: Tue, 16 Apr 2024 00:00:00 GMT", NULL), 304);
	assert_int_equal(status_with("/feed.atom",
	    "If-Modified-Since: Mon, 15 Apr 2024 11:47:59 GMT", NULL), 200);
	assert_int_equal(status_with("/feed.atom",
	    "If-Modified-Since: not a date", NULL), 200);
	assert_int_equal(status_with("/feed.atom",
	    "If-Modified-Since: ", NULL), 200);
}

static void
test_head(void **state)
{
	const char *gz[] = { "Accept-Encoding: gzip", NULL };
	struct resp r, g;
	char etag[64], clen[32], buf[8192], *end;
	size_t n;

	(void)state;
	feed_etag(etag, sizeof(etag));
	http("HEAD", "/feed.atom", NULL, &r);
	assert_int_equal(r.code, 200);
	snprintf(clen, sizeof(clen), "%zu", fx.feedlen);
	assert_header(&r, "Content-Length", clen);
	assert_header(&r, "ETag", etag);
	assert_header(&r, "Content-Type", ATOM_TYPE);
	assert_header(&r, "Last-Modified", FEED_DATE);
	assert_int_equal(r.len, 0);
	resp_free(&r);

	/* On the wire: nothing at all after the blank line. */
	n = raw("HEAD /feed.atom HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n\r\n", buf, sizeof(buf));
	assert_non_null(strstr(buf, "Content-Length: "));
	end = strstr(buf, "\r\n\r\n");
	assert_non_null(end);
	assert_int_equal(n, (size_t)(end + 4 - buf));
	n = raw("HEAD /feed.atom HTTP/1.0\r\n\r\n", buf, sizeof(buf));
	end = strstr(buf, "\r\n\r\n");
	assert_non_null(end);
	assert_int_equal(n, (size_t)(end + 4 - buf));
	n = raw("HEAD /missing.atom HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Connection: close\r\n\r\n", buf, sizeof(buf));
	assert_int_equal(strncmp(buf, "HTTP/1.1 404", 12), 0);
	end = strstr(buf, "\r\n\r\n");
	assert_non_null(end);
	assert_int_equal(n, (size_t)(end + 4 - buf));

	/* HEAD with gzip gives the length GET with gzip sends. */
	http("GET", "/feed.atom", gz, &g);
	http("HEAD", "/feed.atom", gz, &r);
	assert_int_equal(r.code, 200);
	snprintf(clen, sizeof(clen), "%zu", g.len);
	assert_header(&r, "Content-Length", clen);
	assert_header(&r, "Content-Encoding", "gzip");
	resp_free(&r);
	resp_free(&g);
}

/* Decode a gzip body and compare it with the feed. */
static void
assert_gunzips_to_feed(const struct resp *r)
{
	z_stream zs;
	unsigned char *out;
	size_t cap = fx.feedlen + 64;

	out = malloc(cap);
	assert_non_null(out);
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
	zs.next_in = r->body;
	zs.avail_in = (uInt)r->len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	assert_int_equal(zs.total_out, fx.feedlen);
	assert_memory_equal(out, fx.feed, fx.feedlen);
	inflateEnd(&zs);
	free(out);
}

static int
gzipped_with(const char *ae)
{
	const char *extra[] = { ae, NULL };
	struct resp r;
	char v[64];
	int gz;

	http("GET", "/feed.atom", extra, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Vary", "Accept-Encoding");
	gz = resp_header(&r, "Content-Encoding", v, sizeof(v)) == 0;
	resp_free(&r);
	return gz;
}

static void
test_gzip(void **state)
{
	const char *extra[] = { "Accept-Encoding: gzip, deflate", NULL };
	struct resp r;
	char etag[64], gzetag[64], clen[32], h[128];

	(void)state;
	feed_etag(etag, sizeof(etag));
	http("GET", "/feed.atom", extra, &r);
	assert_int_equal(r.code, 200);
	assert_header(&r, "Content-Encoding", "gzip");
	assert_header(&r, "Vary", "Accept-Encoding");
	assert_header(&r, "Content-Type", ATOM_TYPE);
	snprintf(clen, sizeof(clen), "%zu", r.len);
	assert_header(&r, "Content-Length", clen);
	assert_true(r.len < fx.feedlen);
	assert_int_equal(resp_header(&r, "ETag", gzetag, sizeof(gzetag)), 0);
	assert_string_not_equal(gzetag, etag);
	assert_gunzips_to_feed(&r);
	resp_free(&r);

	/* The gzip ETag validates the gzip copy only. */
	snprintf(h, sizeof(h), "If-None-Match: %s", gzetag);
	assert_int_equal(status_with("/feed.atom", "Accept-Encoding: gzip", h),
	    304);
	assert_int_equal(status_with("/feed.atom", h, NULL), 200);
	snprintf(h, sizeof(h), "If-None-Match: %s", etag);
	assert_int_equal(status_with("/feed.atom", "Accept-Encoding: gzip", h),
	    200);

	assert_true(gzipped_with("Accept-Encoding: GZIP;q=0.5"));
	assert_true(gzipped_with("Accept-Encoding: br, *"));
	assert_true(gzipped_with("Accept-Encoding: *;q=0, gzip"));
	assert_true(gzipped_with("Accept-Encoding: x-gzip"));
	assert_false(gzipped_with("Accept-Encoding: gzip;q=0"));
	assert_false(gzipped_with("Accept-Encoding: gzip ; q=0.000, br"));
	assert_false(gzipped_with("Accept-Encoding: deflate, identity"));
	assert_false(gzipped_with("Accept-Encoding: gzipper"));
	assert_false(gzipped_with("Accept-Encoding: br, *;q=0"));
	assert_false(gzipped_with("Accept-Encoding:"));
}

static void
test_traversal_404(void **state)
{
	static const char *paths[] = {
		"/../x", "//feed.atom", "/topics/../state.db",
		"/%2e%2e/state.db", "/topics/%2Fetc.atom", "/feed.atom/",
		"/feed%2Eatom", "/./feed.atom", "/topics/./health.atom",
		"/topics//health.atom", "/topics/health.atom/",
		"/topics/../../etc/passwd", "/index.htm", "/FEED.ATOM",
		"/feed.atom;x", "/feed.atom\\", "/topics/", "/topics",
		"/topics/health", "/topics/health.atom.gz", "/..", "/.",
		"feed.atom", "/topics/sub/health.atom", "/health/",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (raw_status("GET", paths[i]) != 404)
			fail_msg("%s: not 404", paths[i]);
	}
}

static void
test_hidden_404(void **state)
{
	static const char *paths[] = {
		"/state.db", "/.hidden", "/topics/.hidden", "/topics/.atom",
		"/topics/link.atom", "/topics/dir.atom", "/topics/fifo.atom",
		"/topics/missing.atom", "/topics/-x.atom", "/topics/Upper.atom",
		"/topics/" SLUG64 "a.atom",
	};
	struct resp r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		http("GET", paths[i], NULL, &r);
		if (r.code != 404)
			fail_msg("%s: %ld, not 404", paths[i], r.code);
		resp_free(&r);
	}
	/* The longest slug allowed is served. */
	http("GET", "/topics/" SLUG64 ".atom", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_string_equal((char *)r.body, "<feed>64</feed>\n");
	resp_free(&r);
}

static void
test_methods(void **state)
{
	static const char *methods[] = { "PUT", "DELETE", "OPTIONS", "PATCH" };
	struct resp r;
	size_t i;

	(void)state;
	http("POST", "/feed.atom", NULL, &r);
	assert_int_equal(r.code, 405);
	assert_header(&r, "Allow", "GET, HEAD");
	resp_free(&r);
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		http(methods[i], "/feed.atom", NULL, &r);
		if (r.code != 405)
			fail_msg("%s: %ld, not 405", methods[i], r.code);
		assert_header(&r, "Allow", "GET, HEAD");
		resp_free(&r);
	}
	assert_int_equal(raw_status("POST", "/nothing"), 405);
}

/* Atomically replace name under the docroot, as the publisher does. */
static void
publish(const char *name, const char *data)
{
	char tmp[256], dst[256];

	put_str(fx.root, "topics/.tmp", data);
	snprintf(tmp, sizeof(tmp), "%s/topics/.tmp", fx.root);
	snprintf(dst, sizeof(dst), "%s/%s", fx.root, name);
	assert_int_equal(rename(tmp, dst), 0);
}

static void
test_rename_new_etag(void **state)
{
	struct resp r1, r2;
	char e1[64], e2[64];

	(void)state;
	publish("topics/renamed.atom", "<feed>one</feed>\n");
	http("GET", "/topics/renamed.atom", NULL, &r1);
	assert_int_equal(r1.code, 200);
	assert_int_equal(resp_header(&r1, "ETag", e1, sizeof(e1)), 0);
	/* Same size, and likely the same mtime second: only the inode moves. */
	publish("topics/renamed.atom", "<feed>two</feed>\n");
	http("GET", "/topics/renamed.atom", NULL, &r2);
	assert_int_equal(r2.code, 200);
	assert_int_equal(resp_header(&r2, "ETag", e2, sizeof(e2)), 0);
	assert_string_not_equal(e1, e2);
	assert_string_equal((char *)r2.body, "<feed>two</feed>\n");
	resp_free(&r1);
	resp_free(&r2);
}

/* An unchanged (inode, size, mtime) is served from memory, not re-read. */
static void
test_cache_unchanged(void **state)
{
	struct resp r;

	(void)state;
	put_str(fx.root, "topics/cached.atom", "<feed>AAAA</feed>\n");
	set_mtime(fx.root, "topics/cached.atom", FEED_MTIME);
	http("GET", "/topics/cached.atom", NULL, &r);
	assert_string_equal((char *)r.body, "<feed>AAAA</feed>\n");
	resp_free(&r);
	/* Rewrite in place, same size, mtime put back: the cache answers. */
	put_str(fx.root, "topics/cached.atom", "<feed>BBBB</feed>\n");
	set_mtime(fx.root, "topics/cached.atom", FEED_MTIME);
	http("GET", "/topics/cached.atom", NULL, &r);
	assert_string_equal((char *)r.body, "<feed>AAAA</feed>\n");
	resp_free(&r);
	/* A new mtime is a new version. */
	set_mtime(fx.root, "topics/cached.atom", FEED_MTIME + 1);
	http("GET", "/topics/cached.atom", NULL, &r);
	assert_string_equal((char *)r.body, "<feed>BBBB</feed>\n");
	resp_free(&r);
}

static void
test_set_docroot(void **state)
{
	struct resp r;

	(void)state;
	loop_stop();
	assert_int_equal(server_set_docroot(fx.server, fx.root2), 0);
	assert_int_equal(server_set_docroot(fx.server, ""), -1);
	loop_start();
	http("GET", "/feed.atom", NULL, &r);
	assert_int_equal(r.code, 200);
	assert_string_equal((char *)r.body, "<feed>other root</feed>\n");
	resp_free(&r);
	http("GET", "/index.html", NULL, &r);
	assert_int_equal(r.code, 404);
	resp_free(&r);
	/* A symlinked directory under the docroot is not followed. */
	http("GET", "/topics/health.atom", NULL, &r);
	assert_int_equal(r.code, 404);
	resp_free(&r);
	loop_stop();
	assert_int_equal(server_set_docroot(fx.server, fx.root), 0);
	loop_start();
	http("GET", "/feed.atom", NULL, &r);
	assert_int_equal(r.len, fx.feedlen);
	resp_free(&r);
}

static void
test_listen_errors(void **state)
{
	static const char *bad[] = {
		"127.0.0.1", "127.0.0.1:", ":8080", "127.0.0.1:65536",
		"127.0.0.1:80x", "::1:80", "[::1", "[::1]", "[::1]80",
		"127.0.0.1:-1", "[]:80",
	};
	struct event_base *base;
	struct server *s;
	char listen[64], err[256];
	size_t i;

	(void)state;
	base = event_base_new();
	assert_non_null(base);
	snprintf(listen, sizeof(listen), "127.0.0.1:%d", fx.port);
	s = server_new(base, listen, fx.root, err, sizeof(err));
	assert_null(s);
	assert_non_null(strstr(err, listen));
	assert_non_null(strstr(err, "in use"));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		s = server_new(base, bad[i], fx.root, err, sizeof(err));
		if (s != NULL)
			fail_msg("%s: accepted", bad[i]);
		assert_non_null(strstr(err, bad[i]));
	}
	event_base_free(base);
}

static void
test_listen_ipv6(void **state)
{
	struct event_base *base;
	struct server *s;
	char err[256];

	(void)state;
	base = event_base_new();
	assert_non_null(base);
	s = server_new(base, "[::1]:0", fx.root, err, sizeof(err));
	if (s == NULL) {
		event_base_free(base);
		fprintf(stderr, "# no IPv6 loopback here (%s)\n", err);
		skip();
	}
	assert_true(server_port(s) > 0);
	server_free(s);
	event_base_free(base);
}

#define HEALTH_REQ	"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
#define CHILD_CLIENTS	32	/* idle clients, far more than fds left */
#define CPU_PER_SEC	0.3	/* the most CPU a saturated server may use */

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* CPU seconds (user + system) of this process, all threads. */
static double
cpu_seconds(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return -1;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Whether fd has something to read (an answer or EOF) within ms. */
static int
readable(int fd, int ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, ms) == 1;
}

/*
 * Read one /health answer (it ends in "ok\n") and return its status;
 * -1 on EOF or timeout first.
 */
static int
read_health(int fd)
{
	char buf[1024];
	size_t got = 0;
	ssize_t n;
	int code;

	while (got + 1 < sizeof(buf) && (n = recv(fd, buf + got,
	    sizeof(buf) - 1 - got, 0)) > 0) {
		got += (size_t)n;
		buf[got] = '\0';
		if (got >= 3 && strcmp(buf + got - 3, "ok\n") == 0)
			break;
	}
	buf[got] = '\0';
	if (sscanf(buf, "HTTP/1.%*d %d", &code) != 1)
		return -1;
	return code;
}

/* Change the server's limits while its loop is stopped. */
static void
set_limits(int maxconns, int deadline)
{
	loop_stop();
	server_set_limits(fx.server, maxconns, deadline);
	loop_start();
}

struct child {
	struct event_base	*base;	/* borrows */
	int			 rep;
};

/* event on the control pipe in the child: 'm' reports CPU time. */
static void
child_ctl_cb(evutil_socket_t fd, short what, void *arg)
{
	struct child *c = arg;
	double cpu;
	char op;

	(void)what;
	if (read(fd, &op, 1) != 1 || op != 'm') {
		event_base_loopbreak(c->base);
		return;
	}
	cpu = cpu_seconds();
	if (write(c->rep, &cpu, sizeof(cpu)) != (ssize_t)sizeof(cpu))
		event_base_loopbreak(c->base);
}

/*
 * The forked child: a server left with room for a few connections only,
 * its log in logfd, run until the parent says 'q' (or 30 s pass).
 */
static void
child_main(int ctl, int rep, int logfd)
{
	struct child c;
	struct server *s;
	struct event *ev;
	struct rlimit rl;
	char err[256];
	int port, probe;

	alarm(30);
	if (dup2(logfd, STDERR_FILENO) == -1 ||
	    (c.base = event_base_new()) == NULL)
		_exit(2);
	c.rep = rep;
	if ((s = server_new(c.base, "127.0.0.1:0", fx.root, err,
	    sizeof(err))) == NULL ||
	    (ev = event_new(c.base, ctl, EV_READ | EV_PERSIST, child_ctl_cb,
	    &c)) == NULL || event_add(ev, NULL) == -1)
		_exit(3);
	if ((probe = dup(ctl)) == -1 || close(probe) == -1 ||
	    getrlimit(RLIMIT_NOFILE, &rl) == -1)
		_exit(4);
	rl.rlim_cur = (rlim_t)probe + 4;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		_exit(5);
	port = server_port(s);
	if (write(rep, &port, sizeof(port)) != (ssize_t)sizeof(port))
		_exit(6);
	event_base_dispatch(c.base);
	event_free(ev);
	server_free(s);
	event_base_free(c.base);
	_exit(0);
}

/* Read n bytes the child sent, waiting at most TIMEOUT_MS. */
static int
child_read(int rep, void *buf, size_t n)
{
	if (!readable(rep, TIMEOUT_MS))
		return -1;
	return read(rep, buf, n) == (ssize_t)n ? 0 : -1;
}

/* The child's CPU seconds so far. */
static double
child_cpu(int ctl, int rep)
{
	double cpu;

	if (write(ctl, "m", 1) != 1 || child_read(rep, &cpu, sizeof(cpu)))
		return -1;
	return cpu;
}

/* Lines of the file at path that contain needle. */
static int
count_lines(const char *path, const char *needle)
{
	char line[1024];
	FILE *fp;
	int n = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strstr(line, needle) != NULL)
			n++;
	fclose(fp);
	return n;
}

/* Copy a file to stderr as "# " lines (the child's log on failure). */
static void
dump_file(const char *path)
{
	char line[1024];
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL)
		fprintf(stderr, "# %s", line);
	fclose(fp);
}

/*
 * Out of descriptors (RLIMIT_NOFILE lowered in a child), accept(2) fails
 * with EMFILE and the connection stays queued: the server must pause,
 * not retry on every loop pass, log one warning, and serve again once
 * the clients are gone.
 */
static void
test_emfile_no_spin(void **state)
{
	char logpath[] = "/tmp/unifeed-server-log-XXXXXX";
	int ctl[2], rep[2], fds[CHILD_CLIENTS], port = 0, status, code, fd;
	int logfd, i, warned, spam;
	double c0, c1, t0, t1;
	pid_t pid;

	(void)state;
	assert_true((logfd = mkstemp(logpath)) >= 0);
	assert_int_equal(pipe(ctl), 0);
	assert_int_equal(pipe(rep), 0);
	fflush(stdout);
	fflush(stderr);
	/* Fork with the loop thread stopped: the child's heap is then whole. */
	loop_stop();
	if ((pid = fork()) == 0) {
		close(ctl[1]);
		close(rep[0]);
		child_main(ctl[0], rep[1], logfd);
	}
	loop_start();
	assert_true(pid > 0);
	close(ctl[0]);
	close(rep[1]);
	close(logfd);
	if (child_read(rep[0], &port, sizeof(port)) == -1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		fail_msg("the child server did not start");
	}
	for (i = 0; i < CHILD_CLIENTS; i++)
		fds[i] = connect_to(port);
	sleep_ms(300);
	c0 = child_cpu(ctl[1], rep[0]);
	t0 = now_seconds();
	sleep_ms(1500);
	c1 = child_cpu(ctl[1], rep[0]);
	t1 = now_seconds();
	for (i = 0; i < CHILD_CLIENTS; i++)
		close(fds[i]);
	/*
	 * Valgrind emulates the lowered limit by closing the socket accept(2)
	 * returned, losing a queued connection the kernel would keep: retry.
	 */
	for (i = 0, code = -1; i < 5 && code == -1; i++) {
		fd = connect_to(port);
		if (send(fd, HEALTH_REQ, strlen(HEALTH_REQ), MSG_NOSIGNAL) ==
		    (ssize_t)strlen(HEALTH_REQ))
			code = read_health(fd);
		close(fd);
	}
	if (write(ctl[1], "q", 1) != 1)
		kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	close(ctl[1]);
	close(rep[0]);
	warned = count_lines(logpath, "not accepting connections");
	spam = count_lines(logpath, "Error from accept");
	if (code != 200 || warned != 1)
		dump_file(logpath);
	unlink(logpath);

	assert_true(c0 >= 0 && c1 >= c0);
	if ((c1 - c0) / (t1 - t0) >= CPU_PER_SEC)
		fail_msg("saturated server used %.2f s of CPU in %.2f s",
		    c1 - c0, t1 - t0);
	assert_int_equal(code, 200);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(warned, 1);
	assert_int_equal(spam, 0);
}

/*
 * At the cap the server stops accepting: a further client waits in the
 * listen queue, unanswered and without the server spinning, and is
 * served once a connection closes.
 */
static void
test_conn_cap(void **state)
{
	int idle[8], probe, early, code;
	double c0, c1, t0, t1;
	size_t i;

	(void)state;
	set_limits(8, 0);
	for (i = 0; i < 8; i++)
		idle[i] = connect_to(fx.port);
	sleep_ms(300);
	probe = connect_to(fx.port);
	send_str(probe, HEALTH_REQ);
	c0 = cpu_seconds();
	t0 = now_seconds();
	early = readable(probe, 1000);
	c1 = cpu_seconds();
	t1 = now_seconds();
	close(idle[0]);
	close(idle[1]);
	code = read_health(probe);
	close(probe);
	for (i = 2; i < 8; i++)
		close(idle[i]);
	set_limits(0, 0);

	assert_false(early);
	if ((c1 - c0) / (t1 - t0) >= CPU_PER_SEC)
		fail_msg("server at its cap used %.2f s of CPU in %.2f s",
		    c1 - c0, t1 - t0);
	assert_int_equal(code, 200);
	/* Back to the default cap: all served at once. */
	for (i = 0; i < 8; i++)
		idle[i] = connect_to(fx.port);
	assert_int_equal(raw_status("GET", "/health"), 200);
	for (i = 0; i < 8; i++)
		close(idle[i]);
}

/*
 * A client that trickles its request (a byte a second, so evhttp's idle
 * timeout never fires) is dropped at the deadline, while another client
 * is served meanwhile.
 */
static void
test_slow_client(void **state)
{
	struct resp r;
	char buf[256];
	double t0, closed = -1;
	long code = 0;
	size_t len = 0;
	ssize_t n = 0;
	int fd, i;

	(void)state;
	set_limits(0, 2);
	fd = connect_to(fx.port);
	t0 = now_seconds();
	send_str(fd, "GET /feed.atom HTTP/1.1\r\n");
	for (i = 0; i < 8 && closed < 0 && n == 0; i++) {
		if (i == 1) {
			http("GET", "/feed.atom", NULL, &r);
			code = r.code;
			len = r.len;
			resp_free(&r);
		}
		if (!readable(fd, 1000)) {
			send(fd, "X", 1, MSG_NOSIGNAL);
			continue;
		}
		if ((n = recv(fd, buf, sizeof(buf), 0)) <= 0)
			closed = now_seconds() - t0;
	}
	close(fd);
	set_limits(0, 0);

	assert_int_equal(code, 200);
	assert_int_equal(len, fx.feedlen);
	if (n > 0)
		fail_msg("the trickled request got an answer");
	if (closed < 1.5 || closed > 4.5)
		fail_msg("dropped after %.2f s, not at the 2 s deadline",
		    closed);
}

/*
 * The deadline is per request: a kept-alive connection may live longer
 * than one deadline while each request comes in time, and is closed when
 * idle for a whole deadline.
 */
static void
test_deadline_per_request(void **state)
{
	double t0, closed = -1;
	int codes[3], fd, i;
	char c;

	(void)state;
	set_limits(0, 1);
	fd = connect_to(fx.port);
	for (i = 0; i < 3; i++) {
		if (i > 0)
			sleep_ms(700);
		send_str(fd, HEALTH_REQ);
		codes[i] = read_health(fd);
	}
	t0 = now_seconds();
	if (readable(fd, 3000) && recv(fd, &c, 1, 0) <= 0)
		closed = now_seconds() - t0;
	close(fd);
	set_limits(0, 0);

	for (i = 0; i < 3; i++)
		assert_int_equal(codes[i], 200);
	if (closed < 0.5 || closed > 2.5)
		fail_msg("idle connection closed after %.2f s, not 1 s",
		    closed);
}

/* filecache alone: bytes, validators, reuse while unchanged, gzip copy. */
static void
test_filecache_get(void **state)
{
	struct filecache *c;
	struct filecache_file *f, *g;
	const unsigned char *gz, *gz2;
	const char *gzetag, *etag;
	struct resp r;
	size_t gzlen;
	int code;

	(void)state;
	c = filecache_new();
	assert_non_null(c);
	f = filecache_get(c, fx.root, "feed.atom", &code);
	assert_non_null(f);
	assert_int_equal(filecache_file_len(f), fx.feedlen);
	assert_memory_equal(filecache_file_bytes(f), fx.feed, fx.feedlen);
	assert_int_equal(filecache_file_mtime(f), FEED_MTIME);
	assert_string_equal(filecache_file_modified(f), FEED_DATE);
	etag = filecache_file_etag(f);
	assert_int_equal(strlen(etag), 18);
	assert_true(etag[0] == '"' && etag[17] == '"');
	g = filecache_get(c, fx.root, "feed.atom", &code);
	assert_ptr_equal(f, g);
	assert_int_equal(filecache_file_gzip(c, f, &gz, &gzlen, &gzetag), 0);
	assert_int_equal(strncmp(gzetag, etag, 17), 0);
	assert_string_equal(gzetag + 17, "-gz\"");
	assert_true(gzlen > 0 && gzlen < fx.feedlen);
	assert_true(gz[0] == 0x1f && gz[1] == 0x8b);
	memset(&r, 0, sizeof(r));
	r.body = malloc(gzlen);
	assert_non_null(r.body);
	memcpy(r.body, gz, gzlen);
	r.len = gzlen;
	assert_gunzips_to_feed(&r);
	resp_free(&r);
	/* Made once: the same copy comes back. */
	assert_int_equal(filecache_file_gzip(c, f, &gz2, &gzlen, &gzetag), 0);
	assert_ptr_equal(gz, gz2);
	filecache_free(c);
	filecache_free(NULL);
}

/* filecache alone: only regular files reached without a symlink. */
static void
test_filecache_refuses(void **state)
{
	static const char *const names[] = {
		"topics/link.atom", "topics/dir.atom", "topics/fifo.atom",
		"topics/missing.atom", "missing.atom", "topics",
	};
	struct filecache *c;
	char longname[FILECACHE_NAME_MAX + 8];
	size_t i;
	int code;

	(void)state;
	c = filecache_new();
	assert_non_null(c);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		code = 0;
		if (filecache_get(c, fx.root, names[i], &code) != NULL)
			fail_msg("%s was served", names[i]);
		assert_int_equal(code, 404);
	}
	/* root2/topics is a symlink to root/topics. */
	assert_null(filecache_get(c, fx.root2, "topics/health.atom", &code));
	assert_int_equal(code, 404);
	assert_non_null(filecache_get(c, fx.root, "topics/health.atom",
	    &code));
	assert_null(filecache_get(c, "/nonexistent-unifeed", "feed.atom",
	    &code));
	assert_int_equal(code, 404);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_null(filecache_get(c, fx.root, longname, &code));
	assert_int_equal(code, 404);
	filecache_free(c);
}

/* filecache alone: past the entry cap the least recently used is re-read. */
static void
test_filecache_lru(void **state)
{
	struct filecache *c;
	struct filecache_file *f;
	char dir[64], name[32];
	int code, i;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/unifeed-filecache-XXXXXX");
	assert_non_null(mkdtemp(dir));
	c = filecache_new();
	assert_non_null(c);
	for (i = 0; i <= 64; i++) {
		snprintf(name, sizeof(name), "f%02d", i);
		put_str(dir, name, "AAAA");
		set_mtime(dir, name, FEED_MTIME);
	}
	assert_non_null(filecache_get(c, dir, "f00", &code));
	/* Same size, same mtime: only an evicted entry sees the new bytes. */
	put_str(dir, "f00", "BBBB");
	set_mtime(dir, "f00", FEED_MTIME);
	f = filecache_get(c, dir, "f00", &code);
	assert_non_null(f);
	assert_memory_equal(filecache_file_bytes(f), "AAAA", 4);
	for (i = 1; i <= 64; i++) {
		snprintf(name, sizeof(name), "f%02d", i);
		assert_non_null(filecache_get(c, dir, name, &code));
	}
	f = filecache_get(c, dir, "f00", &code);
	assert_non_null(f);
	assert_memory_equal(filecache_file_bytes(f), "BBBB", 4);
	filecache_free(c);
	rm_tree(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_feed),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_health),
		cmocka_unit_test(test_if_none_match),
		cmocka_unit_test(test_if_modified_since),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_traversal_404),
		cmocka_unit_test(test_hidden_404),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_rename_new_etag),
		cmocka_unit_test(test_cache_unchanged),
		cmocka_unit_test(test_set_docroot),
		cmocka_unit_test(test_listen_errors),
		cmocka_unit_test(test_listen_ipv6),
		cmocka_unit_test(test_emfile_no_spin),
		cmocka_unit_test(test_conn_cap),
		cmocka_unit_test(test_slow_client),
		cmocka_unit_test(test_deadline_per_request),
		cmocka_unit_test(test_filecache_get),
		cmocka_unit_test(test_filecache_refuses),
		cmocka_unit_test(test_filecache_lru),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
