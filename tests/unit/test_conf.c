/*
 * Unit tests for daemon/conf (the feeds file), daemon/confval (its value
 * syntax, called directly) and daemon/log (log lines and log_escape).
 * Feeds files are written into a fresh mkdtemp directory per test.
 */
#define _GNU_SOURCE		/* nftw */

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "daemon/conf.h"
#include "daemon/confval.h"
#include "daemon/defaults.h"
#include "daemon/log.h"
#include "output/topic.h"

#define MANPAGE	FIXTURES "/../../man/unifeed.8"

struct fx {
	char	 dir[PATH_MAX];		/* the real temp directory */
	char	 file[PATH_MAX + 16];	/* dir/feeds.conf */
	char	*errors;		/* owns: from the last load */
	struct conf *conf;		/* owns: from the last load */
};

static int
fx_setup(void **state)
{
	struct fx	*f;
	char		 tmpl[] = "/tmp/unifeed-conf-XXXXXX";

	if ((f = calloc(1, sizeof(*f))) == NULL || mkdtemp(tmpl) == NULL ||
	    realpath(tmpl, f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->file, sizeof(f->file), "%s/feeds.conf", f->dir);
	*state = f;
	return 0;
}

/* nftw: remove everything under the temp directory. */
static int
rm_cb(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static int
fx_teardown(void **state)
{
	struct fx	*f = *state;

	conf_free(f->conf);
	free(f->errors);
	nftw(f->dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE	*fp;

	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/* Write text as the feeds file and load it, keeping conf and errors. */
static struct conf *
load(struct fx *f, const char *text)
{
	conf_free(f->conf);
	free(f->errors);
	f->conf = NULL;
	f->errors = NULL;
	write_file(f->file, text, strlen(text));
	f->conf = conf_load(f->file, &f->errors);
	return f->conf;
}

/* Load text and require exactly the given errors, one "line: message"
 * per argument (the file name is added), NULL-terminated. */
static void
expect_errors(struct fx *f, const char *text, ...)
{
	va_list		 ap;
	char		 want[8192];
	const char	*e;
	size_t		 len = 0;

	va_start(ap, text);
	while ((e = va_arg(ap, const char *)) != NULL)
		len += snprintf(want + len, sizeof(want) - len, "%s%s:%s",
		    len > 0 ? "\n" : "", f->file, e);
	va_end(ap);
	assert_null(load(f, text));
	assert_non_null(f->errors);
	assert_string_equal(f->errors, want);
}

/* Load text and require it to be valid. */
static struct conf *
expect_ok(struct fx *f, const char *text)
{
	struct conf	*c = load(f, text);

	if (c == NULL)
		fail_msg("unexpected errors:\n%s", f->errors);
	assert_null(f->errors);
	return c;
}

static void
test_full(void **state)
{
	struct fx			*f = *state;
	struct conf			*c;
	const struct conf_source	*s;
	const struct topic		*t;

	c = expect_ok(f,
	    "# every key\n"
	    "[unifeed]\n"
	    "title           = Shanghai digest\n"
	    "base-url        = https://news.example.org/digest\n"
	    "listen          = [::1]:8081\n"
	    "output          = /srv/unifeed/public\n"
	    "state           = /var/lib/unifeed/state.db\n"
	    "interval        = 15m\n"
	    "keep            = 250\n"
	    "timeout         = 2m\n"
	    "connect-timeout = 5\n"
	    "max-size        = 8M\n"
	    "max-redirects   = 0\n"
	    "\n"
	    "[source shanghai-latest]\n"
	    "url      = https://english.shanghai.gov.cn/en/index.rss\n"
	    "type     = feed\n"
	    "title    = Shanghai government\n"
	    "topics   = government, city\n"
	    "interval = 1h\n"
	    "\n"
	    "[topic health]\n"
	    "title = Health and medical care\n"
	    "match = hospital, medical, \"health insurance\"\n");
	assert_string_equal(conf_path(c), f->file);
	assert_string_equal(conf_title(c), "Shanghai digest");
	assert_string_equal(conf_base_url(c),
	    "https://news.example.org/digest/");
	assert_string_equal(conf_listen(c), "[::1]:8081");
	assert_string_equal(conf_output(c), "/srv/unifeed/public");
	assert_string_equal(conf_state(c), "/var/lib/unifeed/state.db");
	assert_int_equal(conf_interval(c), 900);
	assert_int_equal(conf_keep(c), 250);
	assert_int_equal(conf_timeout(c), 120);
	assert_int_equal(conf_connect_timeout(c), 5);
	assert_int_equal(conf_max_size(c), 8 * 1024 * 1024);
	assert_int_equal(conf_max_redirects(c), 0);

	assert_int_equal(conf_nsources(c), 1);
	s = conf_source(c, 0);
	assert_string_equal(conf_source_name(s), "shanghai-latest");
	assert_string_equal(conf_source_url(s),
	    "https://english.shanghai.gov.cn/en/index.rss");
	assert_string_equal(conf_source_type(s), "feed");
	assert_string_equal(conf_source_title(s), "Shanghai government");
	assert_int_equal(conf_source_interval(s), 3600);
	assert_int_equal(conf_source_ntopics(s), 2);
	assert_string_equal(conf_source_topic(s, 0), "government");
	assert_string_equal(conf_source_topic(s, 1), "city");
	assert_null(conf_source_topic(s, 2));
	assert_null(conf_source(c, 1));

	assert_int_equal(conf_ntopics(c), 3);
	t = conf_topic(c, 0);
	assert_string_equal(topic_name(t), "health");
	assert_string_equal(topic_title(t), "Health and medical care");
	assert_int_equal(topic_nkeywords(t), 3);
	assert_string_equal(topic_name(conf_topic(c, 1)), "government");
	assert_string_equal(topic_name(conf_topic(c, 2)), "city");
	assert_null(conf_topic(c, 3));
}

static void
test_defaults(void **state)
{
	struct fx			*f = *state;
	struct conf			*c;
	const struct conf_source	*s;
	char				 want[PATH_MAX + 32];

	c = expect_ok(f, "[source a]\nurl = http://example.org/feed\n");
	assert_string_equal(conf_title(c), DEFAULT_TITLE);
	assert_string_equal(conf_listen(c), DEFAULT_LISTEN);
	assert_string_equal(conf_base_url(c), "http://" DEFAULT_LISTEN "/");
	snprintf(want, sizeof(want), "%s/%s", f->dir, DEFAULT_OUTPUT);
	assert_string_equal(conf_output(c), want);
	snprintf(want, sizeof(want), "%s/%s", f->dir, DEFAULT_STATE);
	assert_string_equal(conf_state(c), want);
	assert_int_equal(conf_interval(c), DEFAULT_INTERVAL);
	assert_int_equal(conf_keep(c), DEFAULT_KEEP);
	assert_int_equal(conf_timeout(c), DEFAULT_TIMEOUT);
	assert_int_equal(conf_connect_timeout(c), DEFAULT_CONNECT_TIMEOUT);
	assert_int_equal(conf_max_size(c), DEFAULT_MAX_SIZE);
	assert_int_equal(conf_max_redirects(c), DEFAULT_MAX_REDIRECTS);
	assert_int_equal(conf_ntopics(c), 0);
	s = conf_source(c, 0);
	assert_string_equal(conf_source_type(s), "auto");
	assert_null(conf_source_title(s));
	assert_int_equal(conf_source_interval(s), DEFAULT_INTERVAL);
	assert_int_equal(conf_source_ntopics(s), 0);

	/* A source inherits the global interval even when set later. */
	c = expect_ok(f, "[source a]\nurl = http://example.org/feed\n"
	    "[unifeed]\ninterval = 2h\n");
	assert_int_equal(conf_source_interval(conf_source(c, 0)), 7200);

	/* No server: base-url falls back to localhost. */
	c = expect_ok(f, "[unifeed]\nlisten = off\n");
	assert_string_equal(conf_listen(c), "");
	assert_string_equal(conf_base_url(c), "http://localhost/");
	c = expect_ok(f, "[unifeed]\nlisten =\n");
	assert_string_equal(conf_listen(c), "");
	c = expect_ok(f, "[unifeed]\nlisten = 0.0.0.0:80\n");
	assert_string_equal(conf_base_url(c), "http://0.0.0.0:80/");

	/* An empty file is a valid, if idle, configuration. */
	c = expect_ok(f, "");
	assert_int_equal(conf_nsources(c), 0);
}

static void
test_comments_and_quotes(void **state)
{
	struct fx			*f = *state;
	struct conf			*c;
	const struct conf_source	*s;
	const struct topic		*t;

	c = expect_ok(f,
	    "\xef\xbb\xbf; a byte order mark and a ';' comment\n"
	    "   # indented comment\n"
	    "[unifeed]   # trailing comment on a header\n"
	    "title = \"Digest # one; two\"   ; quoted, so kept\n"
	    "\n"
	    "[source a]\r\n"
	    "url   = http://example.org/feed#frag  # a fragment is no "
	    "comment\n"
	    "type  = auto   # auto (default) | feed | html\n"
	    "title = C#;x\n"
	    "topics = \"city\" ,  health,city\n"
	    "[topic health]\n"
	    "match = \"health insurance, public\", hospital ,\"a;b # c\"\n");
	assert_string_equal(conf_title(c), "Digest # one; two");
	s = conf_source(c, 0);
	assert_string_equal(conf_source_url(s),
	    "http://example.org/feed#frag");
	assert_string_equal(conf_source_type(s), "auto");
	assert_string_equal(conf_source_title(s), "C#;x");
	/* Duplicates in one list collapse. */
	assert_int_equal(conf_source_ntopics(s), 2);
	assert_string_equal(conf_source_topic(s, 0), "city");
	assert_string_equal(conf_source_topic(s, 1), "health");
	t = conf_topic(c, 0);
	assert_string_equal(topic_name(t), "health");
	assert_string_equal(topic_title(t), "health");
	assert_int_equal(topic_nkeywords(t), 3);
}

/* HTML sources: selectors, date settings, fulltext; title becomes the
 * item title selector once items is set, and auto means html. */
static void
test_html_source(void **state)
{
	struct fx			*f = *state;
	struct conf			*c;
	const struct conf_source	*s;

	c = expect_ok(f,
	    "[unifeed]\narticle-rate = 5\n"
	    "[source news]\n"
	    "url = http://h/news/\n"
	    "title = h3 > a\n"
	    "items = ul.news-list > li   # the list\n"
	    "link = a @href\n"
	    "date = span.date\n"
	    "summary = xpath:./p[1]\n"
	    "categories = .tags a\n"
	    "date-format = %d/%m/%Y %H:%M\n"
	    "timezone = Asia/Shanghai\n"
	    "fulltext = yes\n"
	    "[source feed]\nurl = http://h/rss\ntitle = The Feed\n"
	    "fulltext = off\n");
	assert_int_equal(conf_article_rate(c), 5);
	s = conf_source(c, 0);
	assert_string_equal(conf_source_type(s), "html");
	assert_null(conf_source_title(s));
	assert_string_equal(conf_source_selector(s, SCRAPE_ITEMS),
	    "ul.news-list > li");
	assert_string_equal(conf_source_selector(s, SCRAPE_TITLE), "h3 > a");
	assert_string_equal(conf_source_selector(s, SCRAPE_LINK), "a @href");
	assert_string_equal(conf_source_selector(s, SCRAPE_SUMMARY),
	    "xpath:./p[1]");
	assert_null(conf_source_selector(s, SCRAPE_AUTHOR));
	assert_string_equal(conf_source_date_format(s), "%d/%m/%Y %H:%M");
	assert_string_equal(conf_source_timezone(s), "Asia/Shanghai");
	assert_true(conf_source_fulltext(s));
	s = conf_source(c, 1);
	assert_string_equal(conf_source_type(s), "auto");
	assert_string_equal(conf_source_title(s), "The Feed");
	assert_null(conf_source_selector(s, SCRAPE_TITLE));
	assert_false(conf_source_fulltext(s));
	assert_null(conf_source_timezone(s));
	/* The errors: position in the selector, zone, yes/no, feed. */
	expect_errors(f, "[source a]\nurl = http://h/\n"
	    "items = ul.news-list >\n"
	    "link = a[href\n"
	    "title = :nth-child(x)\n"
	    "timezone = Mars/Olympus\n"
	    "fulltext = maybe\n",
	    "3: items: column 14: dangling combinator '>'",
	    "4: link: column 2: unbalanced '['",
	    "6: timezone: unknown time zone 'Mars/Olympus' (expected an IANA "
	    "name such as Asia/Shanghai)",
	    "7: fulltext: expected yes or no, got 'maybe'", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\n"
	    "title = li:nth-child(x)\nitems = li\n",
	    "3: title: column 14: bad :nth-child() formula", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ntype = feed\n"
	    "date = .d\ntimezone = UTC\n",
	    "4: date: only for HTML pages, and [source a] has type = feed",
	    "5: timezone: only for HTML pages, and [source a] has type = feed",
	    NULL);
}

static void
test_relative(void **state)
{
	struct fx	*f = *state;
	struct conf	*c;
	char		 want[PATH_MAX + 64], sub[PATH_MAX + 16], cwd[PATH_MAX];
	char		*err = NULL;
	const char	*rel = "[unifeed]\noutput = out\n[source a]\n"
	    "url = a.rss\n";

	c = expect_ok(f, "[unifeed]\noutput = www\nstate = db/state.db\n"
	    "[source a]\nurl = sources/a.rss\n"
	    "[source b]\nurl = ../b.atom\n"
	    "[source c]\nurl = file:///srv/c.rss\n");
	snprintf(want, sizeof(want), "%s/www", f->dir);
	assert_string_equal(conf_output(c), want);
	snprintf(want, sizeof(want), "%s/db/state.db", f->dir);
	assert_string_equal(conf_state(c), want);
	snprintf(want, sizeof(want), "file://%s/sources/a.rss", f->dir);
	assert_string_equal(conf_source_url(conf_source(c, 0)), want);
	snprintf(want, sizeof(want), "file://%s", f->dir);
	*strrchr(want, '/') = '\0';
	strcat(want, "/b.atom");
	assert_string_equal(conf_source_url(conf_source(c, 1)), want);
	assert_string_equal(conf_source_url(conf_source(c, 2)),
	    "file:///srv/c.rss");

	/* A relative feeds file path, in a directory with a space. */
	snprintf(sub, sizeof(sub), "%s/my dir", f->dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(want, sizeof(want), "%s/feeds.conf", sub);
	write_file(want, rel, strlen(rel));
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(f->dir), 0);
	c = conf_load("my dir/feeds.conf", &err);
	assert_int_equal(chdir(cwd), 0);
	if (c == NULL)
		fail_msg("%s", err);
	assert_string_equal(conf_path(c), "my dir/feeds.conf");
	snprintf(want, sizeof(want), "%s/out", sub);
	assert_string_equal(conf_output(c), want);
	snprintf(want, sizeof(want), "file://%s/my%%20dir/a.rss", f->dir);
	assert_string_equal(conf_source_url(conf_source(c, 0)), want);
	conf_free(c);
}

/* Under systemd, relative output and state hang off $STATE_DIRECTORY
 * (the first of a ':' list); URLs still hang off the file. */
static void
test_state_directory(void **state)
{
	struct fx	*f = *state;
	struct conf	*c;
	char		 want[PATH_MAX + 64];

	setenv("STATE_DIRECTORY", "/var/lib/unifeed:/var/lib/other", 1);
	c = load(f, "[unifeed]\nstate = /abs/state.db\n"
	    "[source a]\nurl = a.rss\n");
	unsetenv("STATE_DIRECTORY");
	if (c == NULL)
		fail_msg("unexpected errors:\n%s", f->errors);
	assert_string_equal(conf_output(c), "/var/lib/unifeed/public");
	assert_string_equal(conf_state(c), "/abs/state.db");
	snprintf(want, sizeof(want), "file://%s/a.rss", f->dir);
	assert_string_equal(conf_source_url(conf_source(c, 0)), want);
	/* Without it, the file's directory again. */
	c = expect_ok(f, "[source a]\nurl = a.rss\n");
	snprintf(want, sizeof(want), "%s/public", f->dir);
	assert_string_equal(conf_output(c), want);
}

static void
test_unreadable(void **state)
{
	struct fx	*f = *state;
	char		 path[PATH_MAX + 16], want[PATH_MAX + 64];
	char		*err = NULL;

	snprintf(path, sizeof(path), "%s/missing.conf", f->dir);
	assert_null(conf_load(path, &err));
	snprintf(want, sizeof(want), "%s: %s", path, strerror(ENOENT));
	assert_string_equal(err, want);
	free(err);

	/* A directory opens but does not read. */
	err = NULL;
	assert_null(conf_load(f->dir, &err));
	snprintf(want, sizeof(want), "%s: %s", f->dir, strerror(EISDIR));
	assert_string_equal(err, want);
	free(err);
}

static void
test_error_kinds(void **state)
{
	struct fx	*f = *state;

	expect_errors(f, "\n[feed x]\n", "2: unknown section [feed x] "
	    "(expected [unifeed], [source NAME] or [topic NAME])", NULL);
	/* Keys of an unknown section are not reported again. */
	expect_errors(f, "[]\nfoo = 1\n", "1: unknown section [] "
	    "(expected [unifeed], [source NAME] or [topic NAME])", NULL);
	expect_errors(f, "[source a\n", "1: expected ']' at the end of "
	    "section header '[source a'", NULL);
	expect_errors(f, "[source]\nurl = x\n",
	    "1: [source] needs a name: [source NAME]", NULL);
	expect_errors(f, "# top\ntitle = x\n[unifeed]\n", "2: key 'title' "
	    "outside a section (expected after [unifeed], [source NAME] "
	    "or [topic NAME])", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\nfoo = 1\n",
	    "3: unknown key 'foo' in [source a]", NULL);
	expect_errors(f, "[unifeed]\nmatch = x\n",
	    "2: unknown key 'match' in [unifeed]", NULL);
	expect_errors(f, "[topic t]\nurl = http://h/\n",
	    "2: unknown key 'url' in [topic t]", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\n\nurl = http://i/\n",
	    "4: duplicate key 'url' in [source a] (first at line 2)", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\n[source a]\n"
	    "url = http://i/\n",
	    "3: duplicate [source a] (first at line 1)", NULL);
	expect_errors(f, "[topic t]\n[topic t]\n",
	    "2: duplicate [topic t] (first at line 1)", NULL);
	expect_errors(f, "[source a b]\nurl = http://h/\n",
	    "1: bad source name 'a b' (expected 1-64 of A-Z, a-z, 0-9, '.', "
	    "'_' and '-')", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ninterval = soon\n",
	    "3: interval: expected a duration like 30m, got 'soon'", NULL);
	expect_errors(f, "[unifeed]\nkeep = 0\n",
	    "2: keep: '0' is out of range (1 to 10000)", NULL);
	expect_errors(f, "[unifeed]\nkeep = 10001\n",
	    "2: keep: '10001' is out of range (1 to 10000)", NULL);
	expect_errors(f, "[unifeed]\nmax-redirects = 21\n",
	    "2: max-redirects: '21' is out of range (0 to 20)", NULL);
	expect_errors(f, "[unifeed]\nkeep = -1\n",
	    "2: keep: expected a whole number, got '-1'", NULL);
	expect_errors(f, "\n[source a]\ntitle = A\n",
	    "2: missing url in [source a]", NULL);
	expect_errors(f, "[source a]\nurl = ftp://h/x\n",
	    "2: url: scheme must be http, https or file, got 'ftp://h/x'",
	    NULL);
	expect_errors(f, "[source a]\nurl = http://[bad/\n",
	    "2: url: not a valid URL: 'http://[bad/'", NULL);
	expect_errors(f, "[unifeed]\n[unifeed]\n",
	    "2: second [unifeed] section (first at line 1)", NULL);
	expect_errors(f, "[unifeed x]\n",
	    "1: [unifeed] takes no name, got 'x'", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ntype = rss\n",
	    "3: type: expected auto, feed or html, got 'rss'", NULL);
	expect_errors(f, "[source a]\nurl =\n", "2: url: empty value", NULL);
	expect_errors(f, "[unifeed]\ntitle = \"\"\n",
	    "2: title: expected text, got '\"\"'", NULL);
	expect_errors(f, "[unifeed]\njust words\n", "2: expected 'key = "
	    "value' or a [section], got 'just words'", NULL);
	expect_errors(f, "[unifeed]\n = 3\n", "2: missing key before '='",
	    NULL);
	expect_errors(f, "[unifeed]\ntitle = \"open # x\n",
	    "2: unterminated double quote", NULL);
}

static void
test_value_errors(void **state)
{
	struct fx	*f = *state;

	expect_errors(f, "[unifeed]\nbase-url = /relative\n",
	    "2: base-url: expected an absolute http or https URL without "
	    "query or fragment, got '/relative'", NULL);
	expect_errors(f, "[unifeed]\nbase-url = ftp://h/\n",
	    "2: base-url: expected an absolute http or https URL without "
	    "query or fragment, got 'ftp://h/'", NULL);
	expect_errors(f, "[unifeed]\nbase-url = http://h/?q=1\n",
	    "2: base-url: expected an absolute http or https URL without "
	    "query or fragment, got 'http://h/?q=1'", NULL);
	expect_errors(f,
	    "[unifeed]\nlisten = 8080\nlisten = :8080\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got '8080'",
	    "3: duplicate key 'listen' in [unifeed] (first at line 2)",
	    NULL);
	expect_errors(f, "[unifeed]\nlisten = :8080\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "':8080'", NULL);
	expect_errors(f, "[unifeed]\nlisten = h:0\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got 'h:0'",
	    NULL);
	expect_errors(f, "[unifeed]\nlisten = h:65536\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "'h:65536'", NULL);
	expect_errors(f, "[unifeed]\nlisten = ::1:80\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "'::1:80'", NULL);
	expect_errors(f, "[unifeed]\nlisten = [1::2::3]:80\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "'[1::2::3]:80'", NULL);
	expect_errors(f, "[unifeed]\nlisten = [::1]8080\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "'[::1]8080'", NULL);
	expect_errors(f, "[unifeed]\nlisten = [zz]:80\n",
	    "2: listen: expected host:port, [v6addr]:port or off, got "
	    "'[zz]:80'", NULL);
	expect_errors(f, "[unifeed]\noutput = \"\"\n",
	    "2: output: expected a path, got an empty one", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ntopics = a,,b\n",
	    "3: topics: empty item in list 'a,,b'", NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ntopics = a,\n",
	    "3: topics: empty item in list 'a,'", NULL);
	expect_errors(f, "[topic t]\nmatch = \"\", x\n",
	    "2: match: empty item in list '\"\", x'", NULL);
	expect_errors(f, "[topic t]\nmatch = \"a b\" c\n",
	    "2: match: expected ',' after a quoted item in '\"a b\" c'", NULL);
	expect_errors(f, "[topic t]\nmatch = a\"b\"\n",
	    "2: match: stray double quote in 'a\"b\"'", NULL);
}

static void
test_line_errors(void **state)
{
	struct fx	*f = *state;
	char		*text, want[PATH_MAX + 64];
	size_t		 len = MAX_CONF_LINE + 100;

	/* An over-long line is one error, and the next line still counts. */
	text = malloc(len + 64);
	assert_non_null(text);
	memcpy(text, "[unifeed]\ntitle = ", 18);
	memset(text + 18, 'x', len);
	strcpy(text + 18 + len, "\nkeep = 0\n");
	snprintf(want, sizeof(want), "2: line too long (more than %d bytes)",
	    MAX_CONF_LINE);
	expect_errors(f, text, want, "3: keep: '0' is out of range "
	    "(1 to 10000)", NULL);
	free(text);

	/* A line of exactly the limit is fine. */
	text = malloc(MAX_CONF_LINE + 32);
	assert_non_null(text);
	strcpy(text, "[unifeed]\ntitle = ");
	memset(text + 18, 'y', MAX_CONF_LINE - 8);
	strcpy(text + 10 + MAX_CONF_LINE, "\n");
	assert_non_null(load(f, text));
	assert_int_equal(strlen(conf_title(f->conf)), MAX_CONF_LINE - 8);
	free(text);

	/* A NUL byte inside a line. */
	conf_free(f->conf);
	f->conf = NULL;
	write_file(f->file, "[unifeed]\ntitle = a\0b\n", 22);
	assert_null(f->conf = conf_load(f->file, &f->errors));
	snprintf(want, sizeof(want), "%s:2: NUL byte in line", f->file);
	assert_string_equal(f->errors, want);

	/* Control characters in a quoted value are escaped. */
	expect_errors(f, "[unifeed]\nkeep = \x1b[31m\n",
	    "2: keep: expected a whole number, got '\\x1b[31m'", NULL);
}

static void
test_many_errors(void **state)
{
	struct fx	*f = *state;
	struct conf	*c;
	char		*text;
	size_t		 i, n;

	expect_errors(f,
	    "stray = 1\n"
	    "[unifeed]\n"
	    "interval = 5s\n"
	    "colour = blue\n"
	    "[source ok]\n"
	    "url = http://example.org/\n"
	    "[source bad!]\n"
	    "url = gopher://x/\n"
	    "[source nourl]\n"
	    "topics = Mixed-Case\n"
	    "[topic -x]\n"
	    "[unifeed]\n",
	    "1: key 'stray' outside a section (expected after [unifeed], "
	    "[source NAME] or [topic NAME])",
	    "3: interval: '5s' is out of range (10s to 7d)",
	    "4: unknown key 'colour' in [unifeed]",
	    "7: bad source name 'bad!' (expected 1-64 of A-Z, a-z, 0-9, '.', "
	    "'_' and '-')",
	    "8: url: scheme must be http, https or file, got 'gopher://x/'",
	    "10: topics: 'Mixed-Case' is not a valid topic name (1-64 of a-z, "
	    "0-9 and '-', not starting with '-')",
	    "9: missing url in [source nourl]",
	    "11: bad topic name '-x' (expected 1-64 of a-z, 0-9 and '-', not "
	    "starting with '-')",
	    "12: second [unifeed] section (first at line 2)",
	    NULL);

	/* A flood of errors is cut off after MAX_CONF_ERRORS. */
	n = MAX_CONF_ERRORS + 50;
	text = malloc(n * 8 + 16);
	assert_non_null(text);
	strcpy(text, "[unifeed]\n");
	for (i = 0; i < n; i++)
		strcat(text, "bogus\n");
	assert_null(c = load(f, text));
	free(text);
	for (i = 0, text = f->errors; (text = strchr(text, '\n')) != NULL;
	    text++)
		i++;
	assert_int_equal(i, MAX_CONF_ERRORS);
	assert_non_null(strstr(f->errors, "too many errors"));
}

static void
test_topics(void **state)
{
	struct fx	*f = *state;
	struct conf	*c;
	const struct topic *t;
	char		 name[80], text[256];

	c = expect_ok(f,
	    "[source a]\nurl = http://h/a\ntopics = world, health, china\n"
	    "[topic health]\ntitle = Health\nmatch = hospital\n"
	    "[source b]\nurl = http://h/b\ntopics = china, economy, world\n"
	    "[topic sport]\n");
	assert_int_equal(conf_ntopics(c), 5);
	assert_string_equal(topic_name(conf_topic(c, 0)), "health");
	assert_string_equal(topic_title(conf_topic(c, 0)), "Health");
	assert_int_equal(topic_nkeywords(conf_topic(c, 0)), 1);
	assert_string_equal(topic_name(conf_topic(c, 1)), "sport");
	assert_string_equal(topic_title(conf_topic(c, 1)), "sport");
	t = conf_topic(c, 2);
	assert_string_equal(topic_name(t), "world");
	assert_string_equal(topic_title(t), "world");
	assert_int_equal(topic_nkeywords(t), 0);
	assert_string_equal(topic_name(conf_topic(c, 3)), "china");
	assert_string_equal(topic_name(conf_topic(c, 4)), "economy");

	/* Topic names: slugs of 1-64 bytes, not starting with '-'. */
	memset(name, 'a', 64);
	name[64] = '\0';
	snprintf(text, sizeof(text), "[topic %s]\n[topic x-1]\n", name);
	c = expect_ok(f, text);
	assert_int_equal(conf_ntopics(c), 2);
	snprintf(text, sizeof(text), "[topic %sa]\n", name);
	assert_null(load(f, text));
	assert_non_null(strstr(f->errors, ":1: bad topic name"));
	expect_errors(f, "[topic Health]\n", "1: bad topic name 'Health' "
	    "(expected 1-64 of a-z, 0-9 and '-', not starting with '-')",
	    NULL);
	expect_errors(f, "[topic a_b]\n", "1: bad topic name 'a_b' "
	    "(expected 1-64 of a-z, 0-9 and '-', not starting with '-')",
	    NULL);
	expect_errors(f, "[source a]\nurl = http://h/\ntopics = ok, \"a b\"\n",
	    "3: topics: 'a b' is not a valid topic name (1-64 of a-z, 0-9 "
	    "and '-', not starting with '-')", NULL);
	/* Source names allow more than topic names, within 64 bytes. */
	c = expect_ok(f, "[source Xinhua_China.v2]\nurl = http://h/\n");
	assert_string_equal(conf_source_name(conf_source(c, 0)),
	    "Xinhua_China.v2");
	snprintf(text, sizeof(text), "[source %sa]\nurl = http://h/\n", name);
	assert_null(load(f, text));
	assert_non_null(strstr(f->errors, ":1: bad source name"));
}

/* One [unifeed] key = value that must load, with the resulting int. */
static int
load_num(struct fx *f, const char *key, const char *value)
{
	char	 text[256];

	snprintf(text, sizeof(text), "[unifeed]\n%s = %s\n", key, value);
	if (load(f, text) == NULL)
		fail_msg("%s = %s: %s", key, value, f->errors);
	if (strcmp(key, "max-size") == 0)
		return (int)(conf_max_size(f->conf) / 1024);
	if (strcmp(key, "interval") == 0)
		return conf_interval(f->conf);
	if (strcmp(key, "timeout") == 0)
		return conf_timeout(f->conf);
	return conf_keep(f->conf);
}

/* One [unifeed] key = value that must fail, with the exact message. */
static void
bad_num(struct fx *f, const char *key, const char *value, const char *msg)
{
	char	 text[256], want[256];

	snprintf(text, sizeof(text), "[unifeed]\n%s = %s\n", key, value);
	snprintf(want, sizeof(want), "2: %s: %s", key, msg);
	expect_errors(f, text, want, NULL);
}

static void
test_numbers(void **state)
{
	struct fx	*f = *state;

	assert_int_equal(load_num(f, "interval", "10"), 10);
	assert_int_equal(load_num(f, "interval", "90s"), 90);
	assert_int_equal(load_num(f, "interval", "30m"), 1800);
	assert_int_equal(load_num(f, "interval", "2h"), 7200);
	assert_int_equal(load_num(f, "interval", "7d"), 7 * 86400);
	assert_int_equal(load_num(f, "interval", "0010m"), 600);
	assert_int_equal(load_num(f, "timeout", "1"), 1);
	assert_int_equal(load_num(f, "timeout", "1h"), 3600);
	assert_int_equal(load_num(f, "keep", "10000"), 10000);
	assert_int_equal(load_num(f, "max-size", "1024"), 1);
	assert_int_equal(load_num(f, "max-size", "64K"), 64);
	assert_int_equal(load_num(f, "max-size", "64k"), 64);
	assert_int_equal(load_num(f, "max-size", "16M"), 16 * 1024);
	assert_int_equal(load_num(f, "max-size", "1G"), 1024 * 1024);

	bad_num(f, "interval", "9", "'9' is out of range (10s to 7d)");
	bad_num(f, "interval", "8d", "'8d' is out of range (10s to 7d)");
	bad_num(f, "interval", "99999999999999999999d",
	    "'99999999999999999999d' is out of range (10s to 7d)");
	bad_num(f, "interval", "9223372036854775807d",
	    "'9223372036854775807d' is out of range (10s to 7d)");
	bad_num(f, "interval", "99999999999999999999",
	    "'99999999999999999999' is out of range (10s to 7d)");
	bad_num(f, "interval", "30 m",
	    "expected a duration like 30m, got '30 m'");
	bad_num(f, "interval", "30M",
	    "expected a duration like 30m, got '30M'");
	bad_num(f, "interval", "1h30m",
	    "expected a duration like 30m, got '1h30m'");
	bad_num(f, "interval", "m", "expected a duration like 30m, got 'm'");
	bad_num(f, "interval", "-5m",
	    "expected a duration like 30m, got '-5m'");
	bad_num(f, "interval", "1.5h",
	    "expected a duration like 30m, got '1.5h'");
	bad_num(f, "timeout", "0", "'0' is out of range (1s to 1h)");
	bad_num(f, "max-size", "1023",
	    "'1023' is out of range (1K to 1G)");
	bad_num(f, "max-size", "2G", "'2G' is out of range (1K to 1G)");
	bad_num(f, "max-size", "99999999999999999999G",
	    "'99999999999999999999G' is out of range (1K to 1G)");
	bad_num(f, "max-size", "16MB",
	    "expected a size like 16M, got '16MB'");
	bad_num(f, "max-size", "16T", "expected a size like 16M, got '16T'");
	bad_num(f, "keep", "10m", "expected a whole number, got '10m'");
	bad_num(f, "keep", "4294967297",
	    "'4294967297' is out of range (1 to 10000)");
}

/* Run fn with stdout (fd 1) or stderr (fd 2) going to a temp file, and
 * return what it wrote (malloc'd). */
static char *
capture(int fd, void (*fn)(void *), void *arg)
{
	char	 path[] = "/tmp/unifeed-capture-XXXXXX";
	char	*buf;
	int	 tmp, saved;
	off_t	 len;

	fflush(NULL);
	tmp = mkstemp(path);
	assert_true(tmp >= 0);
	unlink(path);
	saved = dup(fd);
	assert_true(saved >= 0);
	assert_true(dup2(tmp, fd) >= 0);
	fn(arg);
	fflush(NULL);
	assert_true(dup2(saved, fd) >= 0);
	close(saved);
	len = lseek(tmp, 0, SEEK_END);
	assert_true(len >= 0);
	buf = calloc(1, (size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(pread(tmp, buf, (size_t)len, 0), len);
	close(tmp);
	return buf;
}

static void
print_keys_cb(void *arg)
{
	(void)arg;
	conf_print_keys();
}

/* The --help-keys output is the table: sorted, complete, and every key is
 * documented in the man page. */
static void
test_print_keys(void **state)
{
	static const char *const secs[] = { "[unifeed]", "[source NAME]",
	    "[topic NAME]" };
	char		*out, *line, *save = NULL, *man, key[64], sec[32];
	char		 prev[128] = "", cur[128], mark[96];
	FILE		*fp;
	long		 len;
	size_t		 nkeys = 0, s, ps = 0;
	int		 missing = 0;

	(void)state;
	out = capture(1, print_keys_cb, NULL);
	fp = fopen(MANPAGE, "r");
	if (fp == NULL) {
		free(out);
		print_message("man page %s not found: %s\n", MANPAGE,
		    strerror(errno));
		skip();
	}
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	len = ftell(fp);
	rewind(fp);
	man = calloc(1, (size_t)len + 1);
	assert_non_null(man);
	assert_int_equal(fread(man, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);

	assert_non_null(strstr(out, "[unifeed] interval (duration; default: "
	    "30m)\n"));
	assert_non_null(strstr(out, "[unifeed] max-size (size; default: "
	    "16M)\n"));
	assert_non_null(strstr(out, "[source NAME] url (url; default: "
	    "required)\n"));
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		assert_true(strlen(line) <= 80);
		if (line[0] == '\t')
			continue;
		if (line[1] == 'u')
			assert_int_equal(sscanf(line, "%31s %63s", sec, key),
			    2);
		else {
			assert_int_equal(sscanf(line, "%31s NAME] %63s", sec,
			    key), 2);
			strcat(sec, " NAME]");
		}
		for (s = 0; s < 3 && strcmp(sec, secs[s]) != 0; s++)
			;
		assert_true(s < 3);
		snprintf(cur, sizeof(cur), "%zu %s", s, key);
		/* Sorted by section, then key: what bsearch relies on. */
		assert_true(s > ps || strcmp(prev, cur) < 0);
		ps = s;
		strcpy(prev, cur);
		nkeys++;
		snprintf(mark, sizeof(mark), ".It Ic %s ", key);
		if (strstr(man, mark) == NULL) {
			print_error("key %s %s is not in %s\n", sec, key,
			    MANPAGE);
			missing++;
		}
	}
	free(man);
	free(out);
	assert_int_equal(missing, 0);
	assert_int_equal(nkeys, 39);
}

/* --- confval: the value syntax, called directly --------------------------- */

struct num_case {
	const char		*v;
	enum confval_unit	 unit;
	long long		 min, max;
	long long		 want;	/* when err is NULL */
	const char		*err;	/* the message; NULL: success */
};

static void
test_confval_number(void **state)
{
	static const struct num_case cases[] = {
		{ "0", CONFVAL_INT, 0, 10, 0, NULL },
		{ "10", CONFVAL_INT, 0, 10, 10, NULL },
		{ "007", CONFVAL_INT, 0, 10, 7, NULL },
		{ "11", CONFVAL_INT, 0, 10, 0,
		    "'11' is out of range (0 to 10)" },
		{ "5s", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got '5s'" },
		{ "", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got ''" },
		{ "+5", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got '+5'" },
		{ " 5", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got ' 5'" },
		{ "5 ", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got '5 '" },
		{ "0x10", CONFVAL_INT, 0, 100, 0,
		    "expected a whole number, got '0x10'" },
		{ "90s", CONFVAL_DURATION, 0, 86400, 90, NULL },
		{ "30m", CONFVAL_DURATION, 0, 86400, 1800, NULL },
		{ "2h", CONFVAL_DURATION, 0, 86400, 7200, NULL },
		{ "1d", CONFVAL_DURATION, 0, 86400, 86400, NULL },
		{ "45", CONFVAL_DURATION, 0, 86400, 45, NULL },
		{ "30M", CONFVAL_DURATION, 0, 86400, 0,
		    "expected a duration like 30m, got '30M'" },
		{ "10S", CONFVAL_DURATION, 0, 86400, 0,
		    "expected a duration like 30m, got '10S'" },
		{ "1h30m", CONFVAL_DURATION, 0, 86400, 0,
		    "expected a duration like 30m, got '1h30m'" },
		{ "h", CONFVAL_DURATION, 0, 86400, 0,
		    "expected a duration like 30m, got 'h'" },
		{ "2d", CONFVAL_DURATION, 10, 86400, 0,
		    "'2d' is out of range (10s to 1d)" },
		{ "9", CONFVAL_DURATION, 10, 86400, 0,
		    "'9' is out of range (10s to 1d)" },
		{ "64K", CONFVAL_SIZE, 0, 1LL << 30, 64 * 1024, NULL },
		{ "64k", CONFVAL_SIZE, 0, 1LL << 30, 64 * 1024, NULL },
		{ "16m", CONFVAL_SIZE, 0, 1LL << 30, 16 << 20, NULL },
		{ "1G", CONFVAL_SIZE, 0, 1LL << 30, 1LL << 30, NULL },
		{ "1500", CONFVAL_SIZE, 0, 1LL << 30, 1500, NULL },
		{ "2g", CONFVAL_SIZE, 1024, 1LL << 30, 0,
		    "'2g' is out of range (1K to 1G)" },
		{ "16MB", CONFVAL_SIZE, 0, 1LL << 30, 0,
		    "expected a size like 16M, got '16MB'" },
		{ "1T", CONFVAL_SIZE, 0, 1LL << 30, 0,
		    "expected a size like 16M, got '1T'" },
		{ "1s", CONFVAL_SIZE, 0, 1LL << 30, 0,
		    "expected a size like 16M, got '1s'" },
		/* Overflow: at the edge of a long long, then one past it. */
		{ "9223372036854775807", CONFVAL_INT, 0, LLONG_MAX, LLONG_MAX,
		    NULL },
		{ "9223372036854775808", CONFVAL_INT, 0, 10, 0,
		    "'9223372036854775808' is out of range (0 to 10)" },
		{ "99999999999999999999999999", CONFVAL_INT, 0, 10, 0,
		    "'99999999999999999999999999' is out of range (0 to 10)" },
		{ "153722867280912930m", CONFVAL_DURATION, 0, LLONG_MAX,
		    153722867280912930LL * 60, NULL },
		{ "153722867280912931m", CONFVAL_DURATION, 0, 60, 0,
		    "'153722867280912931m' is out of range (0 to 1m)" },
		{ "106751991167300d", CONFVAL_DURATION, 0, LLONG_MAX,
		    106751991167300LL * 86400, NULL },
		{ "106751991167301d", CONFVAL_DURATION, 0, 60, 0,
		    "'106751991167301d' is out of range (0 to 1m)" },
		{ "8589934591G", CONFVAL_SIZE, 0, LLONG_MAX,
		    8589934591LL << 30, NULL },
		{ "8589934592G", CONFVAL_SIZE, 0, 1024, 0,
		    "'8589934592G' is out of range (0 to 1K)" },
		{ "9223372036854775807K", CONFVAL_SIZE, 0, 1024, 0,
		    "'9223372036854775807K' is out of range (0 to 1K)" },
		/* 2^34 G and 2^54 K would wrap to exactly 0 unchecked. */
		{ "17179869184G", CONFVAL_SIZE, 0, 1024, 0,
		    "'17179869184G' is out of range (0 to 1K)" },
		{ "18014398509481984k", CONFVAL_SIZE, 0, 1024, 0,
		    "'18014398509481984k' is out of range (0 to 1K)" },
		/* A hostile value is quoted escaped. */
		{ "1\x1b[2J", CONFVAL_INT, 0, 10, 0,
		    "expected a whole number, got '1\\x1b[2J'" },
	};
	char		 err[256];
	long long	 n;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = -42;
		err[0] = '\0';
		rc = confval_number(cases[i].v, cases[i].unit, cases[i].min,
		    cases[i].max, &n, err, sizeof(err));
		if (cases[i].err == NULL) {
			if (rc != 0)
				fail_msg("'%s': %s", cases[i].v, err);
			assert_true(n == cases[i].want);
		} else {
			if (rc != -1)
				fail_msg("'%s' was accepted", cases[i].v);
			assert_true(n == -42);	/* untouched */
			assert_string_equal(err, cases[i].err);
		}
	}
	/* A short err buffer is cut, not overrun. */
	assert_int_equal(confval_number("x", CONFVAL_INT, 0, 1, &n, err, 9),
	    -1);
	assert_string_equal(err, "expected");
}

static void
test_confval_fmtnum(void **state)
{
	static const struct {
		enum confval_unit	 unit;
		long long		 n;
		const char		*want;
	} cases[] = {
		{ CONFVAL_DURATION, 0, "0" },
		{ CONFVAL_DURATION, 1, "1s" },
		{ CONFVAL_DURATION, 90, "90s" },
		{ CONFVAL_DURATION, 1800, "30m" },
		{ CONFVAL_DURATION, 5400, "90m" },
		{ CONFVAL_DURATION, 7 * 86400, "7d" },
		{ CONFVAL_SIZE, 1000, "1000" },
		{ CONFVAL_SIZE, 1024, "1K" },
		{ CONFVAL_SIZE, 1536, "1536" },
		{ CONFVAL_SIZE, 16 << 20, "16M" },
		{ CONFVAL_SIZE, 1LL << 30, "1G" },
		{ CONFVAL_SIZE, 3LL << 40, "3072G" },
		{ CONFVAL_INT, 3600, "3600" },
		{ CONFVAL_INT, LLONG_MAX, "9223372036854775807" },
	};
	char	 buf[32];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(confval_fmtnum(cases[i].unit, cases[i].n,
		    buf, sizeof(buf)), cases[i].want);
}

static void
test_confval_text(void **state)
{
	static const struct {
		const char	*v, *unquoted;
	} cases[] = {
		{ "a", "a" },
		{ "\"a b\"", "a b" },
		{ "\"\"", "" },
		{ "\"", "\"" },
		{ "\"a", "\"a" },
		{ "a\"", "a\"" },
		{ "\"\"a\"\"", "\"a\"" },	/* one pair only */
		{ "", "" },
	};
	char	 err[256], *s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = confval_unquote(cases[i].v);
		assert_non_null(s);
		assert_string_equal(s, cases[i].unquoted);
		free(s);
	}
	s = confval_text("\"My feed\"", err, sizeof(err));
	assert_non_null(s);
	assert_string_equal(s, "My feed");
	free(s);
	assert_null(confval_text("\"\"", err, sizeof(err)));
	assert_string_equal(err, "expected text, got '\"\"'");
	assert_null(confval_text("", err, sizeof(err)));
	assert_string_equal(err, "expected text, got ''");

	assert_true(confval_isspace(' ') && confval_isspace('\t') &&
	    confval_isspace('\r') && confval_isspace('\v') &&
	    confval_isspace('\f'));
	assert_false(confval_isspace('\n') || confval_isspace('a') ||
	    confval_isspace('\0') || confval_isspace(0xa0));
}

struct list_case {
	const char	*v;
	const char	*want[4];	/* NULL-terminated; if err is NULL */
	const char	*err;
};

static void
test_confval_list(void **state)
{
	static const struct list_case cases[] = {
		{ "a", { "a" }, NULL },
		{ "a,b", { "a", "b" }, NULL },
		{ " a , b\t,\tc ", { "a", "b", "c" }, NULL },
		{ "two words, x", { "two words", "x" }, NULL },
		{ "\"a, b\", c", { "a, b", "c" }, NULL },
		{ " \"health insurance\" ,\"x\"",
		    { "health insurance", "x" }, NULL },
		{ "\" padded \"", { " padded " }, NULL },
		{ "caf\xc3\xa9", { "caf\xc3\xa9" }, NULL },
		{ "", { NULL }, "empty item in list ''" },
		{ " ", { NULL }, "empty item in list ' '" },
		{ "a,,b", { NULL }, "empty item in list 'a,,b'" },
		{ "a,", { NULL }, "empty item in list 'a,'" },
		{ ",a", { NULL }, "empty item in list ',a'" },
		{ "a, ,b", { NULL }, "empty item in list 'a, ,b'" },
		{ "\"\"", { NULL }, "empty item in list '\"\"'" },
		{ "\"open", { NULL }, "unterminated double quote" },
		{ "a, \"open, b", { NULL }, "unterminated double quote" },
		{ "\"x\" y", { NULL },
		    "expected ',' after a quoted item in '\"x\" y'" },
		{ "\"x\"\"y\"", { NULL },
		    "expected ',' after a quoted item in '\"x\"\"y\"'" },
		{ "a\"b", { NULL }, "stray double quote in 'a\"b'" },
		{ "x, a \"b\"", { NULL },
		    "stray double quote in 'x, a \"b\"'" },
		{ "a,,\x01", { NULL }, "empty item in list 'a,,\\x01'" },
	};
	char	 err[256], **l;
	size_t	 i, j, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = 99;
		err[0] = '\0';
		l = confval_list(cases[i].v, &n, err, sizeof(err));
		if (cases[i].err != NULL) {
			if (l != NULL)
				fail_msg("'%s' was accepted", cases[i].v);
			assert_int_equal(n, 0);
			assert_string_equal(err, cases[i].err);
			continue;
		}
		if (l == NULL)
			fail_msg("'%s': %s", cases[i].v, err);
		for (j = 0; cases[i].want[j] != NULL; j++) {
			assert_non_null(l[j]);
			assert_string_equal(l[j], cases[i].want[j]);
		}
		assert_int_equal(n, j);
		assert_null(l[j]);
		confval_list_free(l);
	}
	confval_list_free(NULL);
}

/* A long list grows one item at a time without losing any. */
static void
test_confval_list_long(void **state)
{
	char	 v[4 * 1000], err[256], **l, want[24];
	size_t	 i, n, len = 0;

	(void)state;
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(v + len, sizeof(v) - len, "%s%zu",
		    i > 0 ? "," : "", i);
	l = confval_list(v, &n, err, sizeof(err));
	assert_non_null(l);
	assert_int_equal(n, 1000);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof(want), "%zu", i);
		assert_string_equal(l[i], want);
	}
	assert_null(l[n]);
	confval_list_free(l);
}

static void
test_confval_listen(void **state)
{
	static const struct {
		const char	*v;
		const char	*want;	/* NULL: refused */
	} cases[] = {
		{ "", "" },
		{ "off", "" },
		{ "127.0.0.1:8080", "127.0.0.1:8080" },
		{ "localhost:80", "localhost:80" },
		{ "my-host.example.org:1", "my-host.example.org:1" },
		{ "host:65535", "host:65535" },
		{ "host:080", "host:080" },
		{ "[::1]:8080", "[::1]:8080" },
		{ "[2001:db8::1]:443", "[2001:db8::1]:443" },
		{ "[::ffff:127.0.0.1]:80", "[::ffff:127.0.0.1]:80" },
		{ "OFF", NULL },
		{ "on", NULL },
		{ "host", NULL },
		{ "host:", NULL },
		{ ":80", NULL },
		{ "host:0", NULL },
		{ "host:65536", NULL },
		{ "host:000080", NULL },
		{ "host:-1", NULL },
		{ "host:80x", NULL },
		{ "a:b:c", NULL },
		{ "::1:80", NULL },
		{ "h_st:1", NULL },
		{ "h st:1", NULL },
		{ "[::1]", NULL },
		{ "[::1]8080", NULL },
		{ "[::1:8080", NULL },
		{ "[zz::]:80", NULL },
		{ "[127.0.0.1]:80", NULL },
		{ "[]:80", NULL },
		{ "[0000:0000:0000:0000:0000:0000:0000:0000:0000:0000]:80",
		    NULL },
	};
	char	 err[256], *s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		s = confval_listen(cases[i].v, err, sizeof(err));
		if (cases[i].want == NULL) {
			if (s != NULL)
				fail_msg("'%s' was accepted", cases[i].v);
			assert_true(strstr(err, "expected host:port, "
			    "[v6addr]:port or off, got '") == err);
			continue;
		}
		if (s == NULL)
			fail_msg("'%s': %s", cases[i].v, err);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	assert_null(confval_listen("a:b:c", err, sizeof(err)));
	assert_string_equal(err, "expected host:port, [v6addr]:port or off, "
	    "got 'a:b:c'");
}

static void
test_confval_urls(void **state)
{
	static const char	 base[] = "file:///srv/feeds/feeds.conf";
	static const struct {
		int		 baseurl;	/* else a source url */
		const char	*v;
		const char	*want;		/* NULL: refused */
		const char	*err;
	} cases[] = {
		{ 1, "http://example.org", "http://example.org/", NULL },
		{ 1, "https://example.org/news/", "https://example.org/news/",
		    NULL },
		{ 1, "https://example.org/news", "https://example.org/news/",
		    NULL },
		{ 1, "https://example.org/?q", NULL, "expected an absolute "
		    "http or https URL without query or fragment, got "
		    "'https://example.org/?q'" },
		{ 1, "http://example.org/#top", NULL, "expected an absolute "
		    "http or https URL without query or fragment, got "
		    "'http://example.org/#top'" },
		{ 1, "ftp://example.org/", NULL, "expected an absolute http "
		    "or https URL without query or fragment, got "
		    "'ftp://example.org/'" },
		{ 1, "/news/", NULL, "expected an absolute http or https URL "
		    "without query or fragment, got '/news/'" },
		{ 0, "news.rss", "file:///srv/feeds/news.rss", NULL },
		{ 0, "../x/a.xml", "file:///srv/x/a.xml", NULL },
		{ 0, "/abs/a.xml", "file:///abs/a.xml", NULL },
		{ 0, "https://example.org/a.rss", "https://example.org/a.rss",
		    NULL },
		{ 0, "file:///tmp/a.rss", "file:///tmp/a.rss", NULL },
		{ 0, "ftp://example.org/a", NULL, "scheme must be http, https "
		    "or file, got 'ftp://example.org/a'" },
		{ 0, "javascript:alert(1)", NULL, "scheme must be http, https "
		    "or file, got 'javascript:alert(1)'" },
	};
	char	 err[512], *s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		s = cases[i].baseurl ?
		    confval_baseurl(cases[i].v, err, sizeof(err)) :
		    confval_url(base, cases[i].v, err, sizeof(err));
		if (cases[i].want == NULL) {
			if (s != NULL)
				fail_msg("'%s' was accepted as %s", cases[i].v,
				    s);
			assert_string_equal(err, cases[i].err);
			continue;
		}
		if (s == NULL)
			fail_msg("'%s': %s", cases[i].v, err);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	/* Without a base, a relative URL has nothing to hang off. */
	assert_null(confval_url(NULL, "news.rss", err, sizeof(err)));
	assert_string_equal(err, "not a valid URL: 'news.rss'");
}

static void
test_confval_paths(void **state)
{
	static const struct {
		const char	*dir, *v;
		const char	*want;		/* NULL: refused */
	} cases[] = {
		{ "/srv/u", "public", "/srv/u/public" },
		{ "/srv/u", "\"my public\"", "/srv/u/my public" },
		{ "/srv/u", "a/../b", "/srv/u/a/../b" },
		{ "/srv/u", "/var/out", "/var/out" },
		{ "/srv/u", "\"/var/out q\"", "/var/out q" },
		{ "/", "state.db", "/state.db" },
		{ NULL, "state.db", "state.db" },
		{ "/srv/u", "\"\"", NULL },
		{ "/srv/u", "", NULL },
	};
	char	 err[256], *s;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		s = confval_path(cases[i].dir, cases[i].v, err, sizeof(err));
		if (cases[i].want == NULL) {
			assert_null(s);
			assert_string_equal(err,
			    "expected a path, got an empty one");
			continue;
		}
		if (s == NULL)
			fail_msg("'%s': %s", cases[i].v, err);
		assert_string_equal(s, cases[i].want);
		free(s);
	}
	s = confval_join("/", "feeds.conf");
	assert_string_equal(s, "/feeds.conf");
	free(s);
	s = confval_join("/etc/unifeed", "feeds.conf");
	assert_string_equal(s, "/etc/unifeed/feeds.conf");
	free(s);
	s = confval_join("", "x");
	assert_string_equal(s, "/x");
	free(s);
}

/* --- log ------------------------------------------------------------------ */

static void
test_log_escape(void **state)
{
	char	 buf[64], small[8];

	(void)state;
	assert_string_equal(log_escape("plain text", buf, sizeof(buf)),
	    "plain text");
	assert_string_equal(log_escape("a\nb\tc\rd\\e", buf, sizeof(buf)),
	    "a\\nb\\tc\\rd\\\\e");
	assert_string_equal(log_escape("\x1b[2J\x7f\x01", buf, sizeof(buf)),
	    "\\x1b[2J\\x7f\\x01");
	assert_string_equal(log_escape(NULL, buf, sizeof(buf)), "(null)");
	/* Valid UTF-8 stays readable. */
	assert_string_equal(log_escape("上海 café", buf, sizeof(buf)),
	    "上海 café");
	assert_string_equal(log_escape("\xf0\x9f\x93\xb0", buf, sizeof(buf)),
	    "\xf0\x9f\x93\xb0");
	/* Invalid UTF-8 is escaped byte by byte: stray continuation,
	 * overlong '/', surrogate, beyond U+10FFFF, truncated sequence. */
	assert_string_equal(log_escape("\x80x", buf, sizeof(buf)),
	    "\\x80x");
	assert_string_equal(log_escape("\xc0\xaf", buf, sizeof(buf)),
	    "\\xc0\\xaf");
	assert_string_equal(log_escape("\xed\xa0\x80", buf, sizeof(buf)),
	    "\\xed\\xa0\\x80");
	assert_string_equal(log_escape("\xf4\x90\x80\x80", buf, sizeof(buf)),
	    "\\xf4\\x90\\x80\\x80");
	assert_string_equal(log_escape("\xe4\xb8", buf, sizeof(buf)),
	    "\\xe4\\xb8");
	/* Valid but unsafe: C1 controls, bidi overrides, line separator. */
	assert_string_equal(log_escape("\xc2\x9b" "1m", buf, sizeof(buf)),
	    "\\xc2\\x9b1m");
	assert_string_equal(log_escape("a\xe2\x80\xae" "b", buf, sizeof(buf)),
	    "a\\xe2\\x80\\xaeb");
	assert_string_equal(log_escape("\xe2\x80\xa8", buf, sizeof(buf)),
	    "\\xe2\\x80\\xa8");
	assert_string_equal(log_escape("\xe2\x81\xa6", buf, sizeof(buf)),
	    "\\xe2\\x81\\xa6");
	assert_string_equal(log_escape("\xe2\x80\x94", buf, sizeof(buf)),
	    "\xe2\x80\x94");	/* an em dash is fine */

	/* Truncation: always terminated, marked, never inside an escape or
	 * a UTF-8 sequence. */
	assert_string_equal(log_escape("abcdefghij", small, sizeof(small)),
	    "abcd...");
	assert_string_equal(log_escape("abcdefg", small, sizeof(small)),
	    "abcdefg");
	assert_string_equal(log_escape("ab\ncdefg", small, sizeof(small)),
	    "ab\\n...");
	assert_string_equal(log_escape("abc\ndefg", small, sizeof(small)),
	    "abc...");
	assert_string_equal(log_escape("a\x01zzzzz", small, sizeof(small)),
	    "a...");
	assert_string_equal(log_escape("上海上海", small, sizeof(small)),
	    "上...");
	assert_string_equal(log_escape("abcdef", small, 4), "abc");
	assert_string_equal(log_escape("\x01", small, 4), "");
	assert_string_equal(log_escape("abc", small, 1), "");
	small[0] = 'q';
	assert_ptr_equal(log_escape("abc", small, 0), small);
	assert_int_equal(small[0], 'q');
}

struct log_mode {
	int	 verbose, quiet;
	int	 journal;	/* 1: JOURNAL_STREAM names stderr, 2: not */
};

/* Log one line of each kind, with stderr already redirected. */
static void
log_lines_cb(void *arg)
{
	const struct log_mode	*m = arg;
	struct stat		 st;
	char			 env[64];

	unsetenv("JOURNAL_STREAM");
	if (m->journal != 0) {
		assert_int_equal(fstat(2, &st), 0);
		snprintf(env, sizeof(env), "%llu:%llu",
		    (unsigned long long)st.st_dev,
		    (unsigned long long)st.st_ino + (m->journal == 2));
		setenv("JOURNAL_STREAM", env, 1);
	}
	log_init(m->verbose, m->quiet);
	log_info("info %d", 1);
	log_debug("debug %s", "two");
	errno = ENOENT;
	log_warn("open %s", "x");
	assert_int_equal(errno, ENOENT);
	log_warnx("plain warning\n");
	unsetenv("JOURNAL_STREAM");
	log_init(0, 0);
}

/* The next line of *p must be a "YYYY-MM-DDTHH:MM:SSZ " stamp and msg. */
static void
expect_stamped(const char **p, const char *msg)
{
	const char	*s = *p;
	size_t		 len = strlen(msg);

	assert_true(strlen(s) > 21);
	assert_true(s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
	    s[13] == ':' && s[16] == ':' && s[19] == 'Z' && s[20] == ' ');
	assert_memory_equal(s + 21, msg, len);
	*p = s + 21 + len;
}

/* Lines carry a UTC timestamp, or a syslog level under the journal. */
static void
test_log_lines(void **state)
{
	struct log_mode	 plain = { 0, 0, 0 }, journal = { 1, 1, 1 };
	struct log_mode	 other = { 0, 0, 2 };
	char		*out, want[256];
	const char	*p;

	(void)state;
	out = capture(2, log_lines_cb, &plain);
	p = out;
	expect_stamped(&p, "info: info 1\n");
	snprintf(want, sizeof(want), "warning: open x: %s\n",
	    strerror(ENOENT));
	expect_stamped(&p, want);
	expect_stamped(&p, "warning: plain warning\n");
	assert_string_equal(p, "");
	free(out);

	/* Journal: levels instead of stamps; verbose adds debug, quiet
	 * drops info. */
	out = capture(2, log_lines_cb, &journal);
	snprintf(want, sizeof(want), "<7>debug: debug two\n"
	    "<4>warning: open x: %s\n<4>warning: plain warning\n",
	    strerror(ENOENT));
	assert_string_equal(out, want);
	free(out);

	/* A JOURNAL_STREAM naming another file is not our journal. */
	out = capture(2, log_lines_cb, &other);
	p = out;
	expect_stamped(&p, "info: info 1\n");
	free(out);
}

/* fatal and fatalx log one error line and exit 1. */
static void
test_log_fatal(void **state)
{
	int	 fds[2], status;
	pid_t	 pid;
	char	 buf[256];
	ssize_t	 n;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		unsetenv("JOURNAL_STREAM");
		log_init(0, 0);
		errno = EACCES;
		fatal("cannot open %s", "state.db");
	}
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_true(n > 21);
	buf[n] = '\0';
	snprintf(buf + 200, 56, "error: cannot open state.db: %s\n",
	    strerror(EACCES));
	assert_string_equal(buf + 21, buf + 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_defaults, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_comments_and_quotes,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_html_source, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_relative, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_state_directory, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_unreadable, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_error_kinds, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_value_errors, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_line_errors, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_many_errors, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_topics, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_numbers, fx_setup,
		    fx_teardown),
		cmocka_unit_test(test_print_keys),
		cmocka_unit_test(test_confval_number),
		cmocka_unit_test(test_confval_fmtnum),
		cmocka_unit_test(test_confval_text),
		cmocka_unit_test(test_confval_list),
		cmocka_unit_test(test_confval_list_long),
		cmocka_unit_test(test_confval_listen),
		cmocka_unit_test(test_confval_urls),
		cmocka_unit_test(test_confval_paths),
		cmocka_unit_test(test_log_escape),
		cmocka_unit_test(test_log_lines),
		cmocka_unit_test(test_log_fatal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
