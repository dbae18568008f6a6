/*
 * Publishing: owns every write into the output directory. A file is
 * replaced by writing a hidden temp file beside it (".name.XXXXXX", never
 * served), fsync, rename over the target, fsync the directory: a reader sees
 * the old file or the new one, never a part. A file that already holds the
 * same bytes is not touched, so its mtime and ETag stay put.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/publish.h"

#define PUBLISH_CHUNK	65536	/* bytes compared per read */

/* relpath must stay inside dir: relative, no empty, "." or ".." parts. */
static int
publish_check(const char *relpath, char *err, size_t errlen)
{
	const char *p, *end;
	size_t n;

	if (relpath == NULL || relpath[0] == '\0' || relpath[0] == '/') {
		snprintf(err, errlen, "\"%s\": not a relative path",
		    relpath != NULL ? relpath : "");
		return -1;
	}
	for (p = relpath; ; p = end + 1) {
		if ((end = strchr(p, '/')) == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.')) {
			snprintf(err, errlen, "%s: empty, \".\" or \"..\" "
			    "component refused", relpath);
			return -1;
		}
		if (*end == '\0')
			return 0;
	}
}

/* dir/relpath into path[PATH_MAX], after checking relpath. */
static int
publish_join(const char *dir, const char *relpath, char *path,
    char *err, size_t errlen)
{
	size_t dlen;
	int n;

	if (publish_check(relpath, err, errlen) == -1)
		return -1;
	if (dir == NULL || dir[0] == '\0')
		dir = ".";
	dlen = strlen(dir);
	n = snprintf(path, PATH_MAX, "%s%s%s", dir,
	    dir[dlen - 1] == '/' ? "" : "/", relpath);
	if (n < 0 || n >= PATH_MAX) {
		snprintf(err, errlen, "%s/%s: %s", dir, relpath,
		    strerror(ENAMETOOLONG));
		return -1;
	}
	return 0;
}

/* Create every missing directory on the way to path's last component. */
static int
publish_mkdirs(const char *path, char *err, size_t errlen)
{
	char buf[PATH_MAX], *p;

	memcpy(buf, path, strlen(path) + 1);
	for (p = buf + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(buf, 0755) == -1 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %s: %s", buf,
			    strerror(errno));
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/* 1 when path is a regular file holding exactly buf[0..len), else 0;
 * any error reading it just means it has to be rewritten. */
static int
publish_same(const char *path, const char *buf, size_t len)
{
	char chunk[PUBLISH_CHUNK];
	struct stat st;
	size_t off = 0;
	ssize_t n;
	int fd, same = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto done;
	while (off < len) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n > len - off ||
		    memcmp(chunk, buf + off, (size_t)n) != 0)
			goto done;
		off += (size_t)n;
	}
	same = 1;
done:
	close(fd);
	return same;
}

/* Write all of buf to fd, through short writes and signals. */
static int
publish_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Open a hidden temp file beside path, making its directories if needed;
 * tmp[PATH_MAX] receives its name. */
static int
publish_mktemp(const char *path, char *tmp, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	int fd, n;

	n = snprintf(tmp, PATH_MAX, "%.*s/.%s.XXXXXX", (int)(slash - path),
	    path, slash + 1);
	if (n < 0 || n >= PATH_MAX) {
		snprintf(err, errlen, "%s: %s", path, strerror(ENAMETOOLONG));
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1 && errno == ENOENT) {
		if (publish_mkdirs(path, err, errlen) == -1)
			return -1;
		memcpy(tmp + n - 6, "XXXXXX", 6);
		fd = mkstemp(tmp);
	}
	if (fd == -1)
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
	return fd;
}

/* Make a rename or unlink in path's directory durable. */
static int
publish_sync_dir(const char *path, char *err, size_t errlen)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int fd, rc;

	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (dir[0] == '\0')
		memcpy(dir, "/", 2);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	if ((rc = fsync(fd)) == -1)
		snprintf(err, errlen, "fsync %s: %s", dir, strerror(errno));
	close(fd);
	return rc;
}

/* Fill the temp file and put it in place; on failure it is removed and
 * the old file is untouched. */
static int
publish_replace(const char *path, const char *buf, size_t len, char *err,
    size_t errlen)
{
	char tmp[PATH_MAX];
	const char *what;
	int fd;

	if ((fd = publish_mktemp(path, tmp, err, errlen)) == -1)
		return -1;
	what = "write";
	if (publish_write_all(fd, buf, len) == -1)
		goto fail;
	what = "fsync";
	if (fsync(fd) == -1)
		goto fail;
	what = "fchmod";
	if (fchmod(fd, 0644) == -1)
		goto fail;
	what = "close";
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	what = "rename";
	if (rename(tmp, path) == -1)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "%s %s: %s", what, path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	return -1;
}

/* dir itself is created too when missing. Should the final directory fsync
 * fail, the new file is already in place: *changed is 1 and -1 says the
 * rename may not survive a crash. */
int
publish_file(const char *dir, const char *relpath, const char *buf,
    size_t len, int *changed, char *err, size_t errlen)
{
	char path[PATH_MAX];

	*changed = 0;
	if (publish_join(dir, relpath, path, err, errlen) == -1)
		return -1;
	if (publish_same(path, buf, len))
		return 0;
	if (publish_replace(path, buf, len, err, errlen) == -1)
		return -1;
	*changed = 1;
	return publish_sync_dir(path, err, errlen);
}

int
publish_remove(const char *dir, const char *relpath, char *err,
    size_t errlen)
{
	char path[PATH_MAX];

	if (publish_join(dir, relpath, path, err, errlen) == -1)
		return -1;
	if (unlink(path) == -1) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return publish_sync_dir(path, err, errlen);
}
