/*
 * The cache of published files behind the built-in server. It owns opening
 * a published file safely under the docroot (no symlink followed below it,
 * no blocking on a FIFO, regular files only), reading its bytes, the
 * entries keyed by (dev, inode, size, mtime) with their LRU caps, the
 * strong ETag and the gzip copy made on first demand, and the references
 * that keep an entry's bytes alive while a reply still sends them. It
 * knows nothing of HTTP requests: the server decides what to send.
 *
 * A cached version is checked with one stat(2) of its path per request;
 * only a new version (or a name not cached) goes through the safe open.
 */
#include <sys/types.h>
#include <sys/queue.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "config.h"
#include "daemon/filecache.h"
#include "feeds/date.h"

/* Limits; published files and the cache are all small here. */
#define FILECACHE_ENTRIES	64
#define FILECACHE_BYTES		(64UL * 1024 * 1024)
#define FILECACHE_MAX_FILE	(64UL * 1024 * 1024)
#define FILECACHE_ETAG_LEN	24	/* "16 hex digits-gz" */

/*
 * One published file as last read; replaced when its stat key changes.
 * Freed when the last hold ends: the cache's own, taken while the entry is
 * listed, and one per reply whose body is still being sent.
 */
struct filecache_file {
	TAILQ_ENTRY(filecache_file) entry;
	int		 refs;
	char		 name[FILECACHE_NAME_MAX]; /* under the docroot */
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtim;
	unsigned char	*body;	/* owns: the file's bytes */
	size_t		 len;
	unsigned char	*gz;	/* owns: gzip copy, made lazily */
	size_t		 gzlen;
	char		 etag[FILECACHE_ETAG_LEN];
	char		 gzetag[FILECACHE_ETAG_LEN];
	char		 modified[DATE_HTTP_LEN];
};
TAILQ_HEAD(filecache_files, filecache_file);

struct filecache {
	char			*docroot; /* owns: where the entries are from */
	struct filecache_files	 files;	/* owns: most recent first */
	size_t			 nfiles;
	size_t			 bytes;	/* held by bodies and gzip copies */
};

struct filecache *
filecache_new(void)
{
	struct filecache *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	TAILQ_INIT(&c->files);
	return c;
}

void
filecache_file_hold(struct filecache_file *f)
{
	f->refs++;
}

void
filecache_file_release(struct filecache_file *f)
{
	if (f == NULL || --f->refs > 0)
		return;
	free(f->body);
	free(f->gz);
	free(f);
}

/*
 * Unlist one entry and account for the memory it held; a reply still
 * sending its bytes keeps them until it ends.
 */
static void
filecache_drop(struct filecache *c, struct filecache_file *f)
{
	TAILQ_REMOVE(&c->files, f, entry);
	c->nfiles--;
	c->bytes -= f->len + f->gzlen;
	filecache_file_release(f);
}

/* Evict least recently used entries, never the head (the one in use). */
static void
filecache_trim(struct filecache *c)
{
	struct filecache_file *f;

	while ((c->nfiles > FILECACHE_ENTRIES ||
	    c->bytes > FILECACHE_BYTES) &&
	    (f = TAILQ_LAST(&c->files, filecache_files)) !=
	    TAILQ_FIRST(&c->files))
		filecache_drop(c, f);
}

void
filecache_clear(struct filecache *c)
{
	struct filecache_file *f;

	while ((f = TAILQ_FIRST(&c->files)) != NULL)
		filecache_drop(c, f);
	free(c->docroot);
	c->docroot = NULL;
}

/*
 * Entries are only good for the docroot they were read under: another
 * one (a reload, or a caller switching) starts from an empty cache.
 */
static int
filecache_set_docroot(struct filecache *c, const char *docroot)
{
	if (c->docroot != NULL && strcmp(c->docroot, docroot) == 0)
		return 0;
	filecache_clear(c);
	if ((c->docroot = strdup(docroot)) == NULL)
		return -1;
	return 0;
}

void
filecache_free(struct filecache *c)
{
	if (c == NULL)
		return;
	filecache_clear(c);
	free(c);
}

/* 64-bit FNV-1a: cheap, and the same bytes give the same ETag forever. */
static uint64_t
filecache_fnv1a(const unsigned char *p, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	while (len-- > 0) {
		h ^= *p++;
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* Read exactly size bytes; -1 when the file is shorter than fstat said. */
static int
filecache_read_all(int fd, unsigned char *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	while (got < size) {
		n = read(fd, buf + got, size - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

/* Fill f (already keyed by fstat) from fd; returns an HTTP status. */
static int
filecache_file_load(struct filecache_file *f, int fd)
{
	uint64_t h;

	if ((uintmax_t)f->size > FILECACHE_MAX_FILE)
		return 500;
	f->len = (size_t)f->size;
	if ((f->body = malloc(f->len > 0 ? f->len : 1)) == NULL)
		return 500;
	if (filecache_read_all(fd, f->body, f->len) == -1)
		return 500;
	h = filecache_fnv1a(f->body, f->len);
	snprintf(f->etag, sizeof(f->etag), "\"%016" PRIx64 "\"", h);
	snprintf(f->gzetag, sizeof(f->gzetag), "\"%016" PRIx64 "-gz\"", h);
	date_http(f->mtim.tv_sec, f->modified);
	return 200;
}

static int
filecache_file_same(const struct filecache_file *f, const struct stat *st)
{
	return f->dev == st->st_dev && f->ino == st->st_ino &&
	    f->size == st->st_size && f->mtim.tv_sec == st->st_mtim.tv_sec &&
	    f->mtim.tv_nsec == st->st_mtim.tv_nsec;
}

/* Read name into a fresh entry at the head of the cache. */
static struct filecache_file *
filecache_load(struct filecache *c, const char *name, int fd,
    const struct stat *st, int *code)
{
	struct filecache_file *f;

	if ((f = calloc(1, sizeof(*f))) == NULL) {
		*code = 500;
		return NULL;
	}
	snprintf(f->name, sizeof(f->name), "%s", name);
	f->refs = 1;
	f->dev = st->st_dev;
	f->ino = st->st_ino;
	f->size = st->st_size;
	f->mtim = st->st_mtim;
	if ((*code = filecache_file_load(f, fd)) != 200) {
		free(f->body);
		free(f);
		return NULL;
	}
	TAILQ_INSERT_HEAD(&c->files, f, entry);
	c->nfiles++;
	c->bytes += f->len;
	filecache_trim(c);
	return f;
}

/*
 * Open docroot/name without following a symlink in any component below
 * the docroot (name is "file" or "topics/file").
 */
static int
filecache_open(const char *docroot, const char *name)
{
	/* O_NONBLOCK: a FIFO planted under a served name must not hang us. */
	const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	const char *slash;
	char dir[FILECACHE_NAME_MAX];
	int dfd, sub, fd, saved;

	if ((dfd = open(docroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if ((slash = strchr(name, '/')) != NULL) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - name), name);
		sub = openat(dfd, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		saved = errno;
		close(dfd);
		if ((dfd = sub) == -1) {
			errno = saved;
			return -1;
		}
		name = slash + 1;
	}
	fd = openat(dfd, name, flags);
	saved = errno;
	close(dfd);
	errno = saved;
	return fd;
}

/* The entry cached under name, or NULL. */
static struct filecache_file *
filecache_find(struct filecache *c, const char *name)
{
	struct filecache_file *f;

	TAILQ_FOREACH(f, &c->files, entry)
		if (strcmp(f->name, name) == 0)
			break;
	return f;
}

/*
 * Whether docroot/name is still the version f holds, by one stat(2) of
 * the path. It follows symlinks, unlike filecache_open, but only a file
 * with f's (dev, inode, size, mtime) matches: bytes read safely before.
 */
static int
filecache_fresh(const struct filecache_file *f, const char *docroot,
    const char *name)
{
	char path[PATH_MAX];
	struct stat st;
	int n;

	n = snprintf(path, sizeof(path), "%s/%s", docroot, name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    filecache_file_same(f, &st);
}

/*
 * An unchanged cached file costs one stat(2); anything else is opened
 * safely and stat'ed through the descriptor, so the key is of the file
 * read.
 */
struct filecache_file *
filecache_get(struct filecache *c, const char *docroot, const char *name,
    int *code)
{
	struct filecache_file *f;
	struct stat st;
	int fd;

	*code = 404;
	if (strlen(name) >= FILECACHE_NAME_MAX)
		return NULL;
	if (filecache_set_docroot(c, docroot) == -1) {
		*code = 503;
		return NULL;
	}
	if ((f = filecache_find(c, name)) != NULL &&
	    filecache_fresh(f, docroot, name)) {
		if (f != TAILQ_FIRST(&c->files)) {
			TAILQ_REMOVE(&c->files, f, entry);
			TAILQ_INSERT_HEAD(&c->files, f, entry);
		}
		*code = 200;
		return f;
	}
	if ((fd = filecache_open(docroot, name)) == -1) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOMEM)
			*code = 503;
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	f = filecache_find(c, name);
	if (f != NULL && filecache_file_same(f, &st)) {
		TAILQ_REMOVE(&c->files, f, entry);
		TAILQ_INSERT_HEAD(&c->files, f, entry);
		close(fd);
		return f;
	}
	if (f != NULL)
		filecache_drop(c, f);
	f = filecache_load(c, name, fd, &st, code);
	close(fd);
	return f;
}

const unsigned char *
filecache_file_bytes(const struct filecache_file *f)
{
	return f->body;
}

size_t
filecache_file_len(const struct filecache_file *f)
{
	return f->len;
}

const char *
filecache_file_etag(const struct filecache_file *f)
{
	return f->etag;
}

time_t
filecache_file_mtime(const struct filecache_file *f)
{
	return f->mtim.tv_sec;
}

const char *
filecache_file_modified(const struct filecache_file *f)
{
	return f->modified;
}

/* Compress f's bytes once (windowBits 15+16: gzip framing). */
static int
filecache_deflate(struct filecache_file *f)
{
	z_stream zs;
	unsigned char *out;
	uLong bound;
	int rc;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&zs, (uLong)f->len);
	if ((out = malloc(bound)) == NULL) {
		deflateEnd(&zs);
		return -1;
	}
	zs.next_in = f->body;
	zs.avail_in = (uInt)f->len;
	zs.next_out = out;
	zs.avail_out = (uInt)bound;
	rc = deflate(&zs, Z_FINISH);
	f->gzlen = zs.total_out;
	deflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		free(out);
		f->gzlen = 0;
		return -1;
	}
	f->gz = out;
	return 0;
}

/* Compress at most once per version: the copy lives as long as the entry. */
int
filecache_file_gzip(struct filecache *c, struct filecache_file *f,
    const unsigned char **gz, size_t *gzlen, const char **etag)
{
	if (f->gz == NULL) {
		if (filecache_deflate(f) == -1)
			return -1;
		/* Keep f at the head so the trim cannot evict it. */
		TAILQ_REMOVE(&c->files, f, entry);
		TAILQ_INSERT_HEAD(&c->files, f, entry);
		c->bytes += f->gzlen;
		filecache_trim(c);
	}
	*gz = f->gz;
	*gzlen = f->gzlen;
	*etag = f->gzetag;
	return 0;
}
