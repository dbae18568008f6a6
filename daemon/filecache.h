/*
 * The cache of published files behind the built-in server: opens a file
 * under the docroot without following symlinks and only if it is a regular
 * file, keeps its bytes, strong ETag and Last-Modified value, and makes a
 * gzip copy (with its own ETag) on first demand. Entries are keyed by
 * (dev, inode, size, mtime), so an unchanged file is neither re-read nor
 * re-compressed, and the least recently used go past a count or byte cap.
 */
#ifndef DAEMON_FILECACHE_H
#define DAEMON_FILECACHE_H

#include <stddef.h>
#include <time.h>

/* Longest name filecache_get accepts, NUL included. */
#define FILECACHE_NAME_MAX	128

struct filecache;
struct filecache_file;

/* An empty cache; NULL when out of memory. */
struct filecache	*filecache_new(void);
void			 filecache_free(struct filecache *);
/* Forget every entry (the docroot changed). */
void			 filecache_clear(struct filecache *);

/*
 * The current version of docroot/name, where name is "file" or
 * "topics/file" as routed by the server: read again only when its
 * (dev, inode, size, mtime) changed. NULL with *code 404 (missing, not a
 * regular file, behind a symlink), 503 (out of descriptors or memory while
 * opening) or 500 (too large, unreadable). The entry is borrowed from the
 * cache and valid until the next call on it, unless held.
 */
struct filecache_file	*filecache_get(struct filecache *, const char *docroot,
			    const char *name, int *code);

/*
 * Keep an entry (its bytes, validators and gzip copy) valid past the next
 * filecache_get and past filecache_free, for a reply still sending them;
 * each hold ends with one filecache_file_release.
 */
void			 filecache_file_hold(struct filecache_file *);
void			 filecache_file_release(struct filecache_file *);

/* The file's bytes, and their number. */
const unsigned char	*filecache_file_bytes(const struct filecache_file *);
size_t			 filecache_file_len(const struct filecache_file *);
/* Its strong ETag, quoted: FNV-1a of the bytes. */
const char		*filecache_file_etag(const struct filecache_file *);
/* Its mtime in seconds, and the same as an HTTP date (Last-Modified). */
time_t			 filecache_file_mtime(const struct filecache_file *);
const char		*filecache_file_modified(const struct filecache_file *);
/*
 * The gzip copy of the file the last filecache_get returned, made on first
 * use and counted against the cache's caps, with its own ETag (the
 * identity ETag plus "-gz"). Returns -1 when it cannot be made.
 */
int			 filecache_file_gzip(struct filecache *,
			    struct filecache_file *, const unsigned char **gz,
			    size_t *gzlen, const char **etag);

#endif /* DAEMON_FILECACHE_H */
