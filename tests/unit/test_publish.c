/* Unit tests for output/publish: atomic replace, unchanged files left
 * alone, directories made, paths that escape refused, failures clean. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output/publish.h"

struct fixture {
	char	 dir[64];	/* a fresh temp directory */
};

/* Remove a tree made by a test (rm -rf, without spawning a shell). */
static void
rmtree(const char *path)
{
	char sub[1024];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rmtree(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_publish.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	rmtree(f->dir);
	free(f);
	return 0;
}

/* The whole content of path, NUL-terminated; *lenp its length. */
static char *
slurp(const char *path, size_t *lenp)
{
	char *buf;
	struct stat st;
	int fd;
	ssize_t n;

	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	n = read(fd, buf, (size_t)st.st_size);
	assert_int_equal(n, st.st_size);
	buf[n] = '\0';
	close(fd);
	*lenp = (size_t)n;
	return buf;
}

/* How many entries of dir start with '.', other than "." and "..". */
static int
count_hidden(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
publish(const char *dir, const char *rel, const char *s, int want_changed)
{
	char err[256] = "";
	int changed = -1;

	if (publish_file(dir, rel, s, strlen(s), &changed, err,
	    sizeof(err)) != 0)
		fail_msg("publish_file %s: %s", rel, err);
	assert_int_equal(changed, want_changed);
}

static void
test_write_then_unchanged(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct stat st1, st2;
	size_t len;
	char *buf;

	snprintf(path, sizeof(path), "%s/feed.atom", f->dir);
	publish(f->dir, "feed.atom", "<feed/>\n", 1);
	buf = slurp(path, &len);
	assert_string_equal(buf, "<feed/>\n");
	free(buf);
	assert_int_equal(stat(path, &st1), 0);
	assert_int_equal(st1.st_mode & 07777, 0644);
	assert_int_equal(count_hidden(f->dir), 0);

	/* The same bytes again: nothing is written at all. */
	usleep(20000);
	publish(f->dir, "feed.atom", "<feed/>\n", 0);
	assert_int_equal(stat(path, &st2), 0);
	assert_int_equal(st1.st_ino, st2.st_ino);
	assert_int_equal(st1.st_mtim.tv_sec, st2.st_mtim.tv_sec);
	assert_int_equal(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);
}

static void
test_replace_is_rename(void **state)
{
	struct fixture *f = *state;
	char path[256];
	struct stat st1, st2;
	size_t len;
	char *buf;
	int fd;

	snprintf(path, sizeof(path), "%s/index.html", f->dir);
	publish(f->dir, "index.html", "old contents", 1);
	assert_int_equal(stat(path, &st1), 0);
	/* A reader holding the old file keeps reading the old bytes. */
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	publish(f->dir, "index.html", "new", 1);
	assert_int_equal(stat(path, &st2), 0);
	assert_true(st1.st_ino != st2.st_ino);
	buf = slurp(path, &len);
	assert_string_equal(buf, "new");
	free(buf);
	buf = calloc(1, 64);
	assert_non_null(buf);
	assert_int_equal(read(fd, buf, 63), 12);
	assert_string_equal(buf, "old contents");
	free(buf);
	close(fd);
	/* Same length, different bytes: still replaced. */
	publish(f->dir, "index.html", "NEW", 1);
	buf = slurp(path, &len);
	assert_string_equal(buf, "NEW");
	free(buf);
	assert_int_equal(count_hidden(f->dir), 0);
}

static void
test_nested_dirs(void **state)
{
	struct fixture *f = *state;
	char path[512], dir[256];
	struct stat st;
	mode_t mask;
	size_t len;
	char *buf;

	snprintf(dir, sizeof(dir), "%s/public/out", f->dir);
	publish(dir, "topics/health/x.atom", "deep", 1);
	snprintf(path, sizeof(path), "%s/topics/health/x.atom", dir);
	buf = slurp(path, &len);
	assert_string_equal(buf, "deep");
	free(buf);
	snprintf(path, sizeof(path), "%s/topics", dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	mask = umask(0);
	umask(mask);
	assert_int_equal(st.st_mode & 0777, 0755 & ~mask);
	/* A trailing slash on dir is fine. */
	snprintf(dir, sizeof(dir), "%s/", f->dir);
	publish(dir, "topics/city.atom", "c", 1);
	publish(f->dir, "topics/city.atom", "c", 0);
}

static void
test_refused_paths(void **state)
{
	static const char *bad[] = {
		"", "/etc/passwd", "../x", "a/../../x", "a/..", "..",
		"a//b", "a/", "./a", "a/./b", ".",
	};
	struct fixture *f = *state;
	char err[256];
	size_t i;
	int changed;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		changed = -1;
		if (publish_file(f->dir, bad[i], "x", 1, &changed, err,
		    sizeof(err)) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_int_equal(changed, 0);
		assert_true(err[0] != '\0');
		assert_int_equal(publish_remove(f->dir, bad[i], err,
		    sizeof(err)), -1);
	}
	assert_int_equal(publish_file(f->dir, NULL, "x", 1, &changed, err,
	    sizeof(err)), -1);
	/* Names that merely contain dots are fine. */
	publish(f->dir, "a..b/..c/x.y", "ok", 1);
}

static void
test_unwritable(void **state)
{
	struct fixture *f = *state;
	char afile[256], err[256] = "";
	int changed = -1;

	/* A regular file where a directory should be gives ENOTDIR even to
	 * root, where a read-only directory would not. */
	snprintf(afile, sizeof(afile), "%s/afile", f->dir);
	publish(f->dir, "afile", "i am a file", 1);
	assert_int_equal(publish_file(afile, "feed.atom", "x", 1, &changed,
	    err, sizeof(err)), -1);
	assert_int_equal(changed, 0);
	assert_non_null(strstr(err, afile));
	assert_non_null(strstr(err, strerror(ENOTDIR)));
	err[0] = '\0';
	assert_int_equal(publish_file(afile, "sub/feed.atom", "x", 1, &changed,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, afile));
	assert_int_equal(count_hidden(f->dir), 0);
}

static void
test_failed_rename_cleans_up(void **state)
{
	struct fixture *f = *state;
	char path[256], err[256] = "";
	size_t len;
	char *buf;
	int changed = -1;

	/* The target is a non-empty directory: the temp file is written,
	 * then rename fails; the temp must go and the target stay. */
	snprintf(path, sizeof(path), "%s/feed.atom", f->dir);
	publish(f->dir, "feed.atom/keep", "kept", 1);
	assert_int_equal(publish_file(f->dir, "feed.atom", "x", 1, &changed,
	    err, sizeof(err)), -1);
	assert_int_equal(changed, 0);
	assert_non_null(strstr(err, path));
	assert_int_equal(count_hidden(f->dir), 0);
	snprintf(path, sizeof(path), "%s/feed.atom/keep", f->dir);
	buf = slurp(path, &len);
	assert_string_equal(buf, "kept");
	free(buf);
}

static void
test_empty_and_binary(void **state)
{
	struct fixture *f = *state;
	const char bin[] = { 'a', '\0', 'b', '\n', '\xff' };
	char path[256], err[256];
	size_t len;
	char *buf;
	int changed;

	snprintf(path, sizeof(path), "%s/empty", f->dir);
	publish(f->dir, "empty", "", 1);
	buf = slurp(path, &len);
	assert_int_equal(len, 0);
	free(buf);
	publish(f->dir, "empty", "", 0);
	publish(f->dir, "empty", "now not", 1);
	publish(f->dir, "empty", "", 1);

	assert_int_equal(publish_file(f->dir, "bin", bin, sizeof(bin),
	    &changed, err, sizeof(err)), 0);
	assert_int_equal(changed, 1);
	snprintf(path, sizeof(path), "%s/bin", f->dir);
	buf = slurp(path, &len);
	assert_int_equal(len, sizeof(bin));
	assert_memory_equal(buf, bin, sizeof(bin));
	free(buf);
	/* A prefix of the same bytes is a change. */
	assert_int_equal(publish_file(f->dir, "bin", bin, 2, &changed, err,
	    sizeof(err)), 0);
	assert_int_equal(changed, 1);
}

static void
test_symlink_replaced(void **state)
{
	struct fixture *f = *state;
	char path[256], target[256];
	struct stat st;
	size_t len;
	char *buf;

	/* A symlink at the target is replaced, never written through. */
	snprintf(target, sizeof(target), "%s/elsewhere", f->dir);
	snprintf(path, sizeof(path), "%s/feed.atom", f->dir);
	publish(f->dir, "elsewhere", "same", 1);
	assert_int_equal(symlink(target, path), 0);
	publish(f->dir, "feed.atom", "same", 1);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	buf = slurp(target, &len);
	assert_string_equal(buf, "same");
	free(buf);
}

static void
test_remove(void **state)
{
	struct fixture *f = *state;
	char path[256], err[256] = "";

	snprintf(path, sizeof(path), "%s/topics/old.atom", f->dir);
	publish(f->dir, "topics/old.atom", "x", 1);
	assert_int_equal(publish_remove(f->dir, "topics/old.atom", err,
	    sizeof(err)), 0);
	assert_int_equal(access(path, F_OK), -1);
	/* Already gone is not an error. */
	assert_int_equal(publish_remove(f->dir, "topics/old.atom", err,
	    sizeof(err)), 0);
	assert_int_equal(publish_remove(f->dir, "never/was.atom", err,
	    sizeof(err)), 0);
	/* A directory is not removed. */
	assert_int_equal(publish_remove(f->dir, "topics", err, sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "topics"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_then_unchanged,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_replace_is_rename, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nested_dirs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refused_paths, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_failed_rename_cleans_up,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_binary, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlink_replaced, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
