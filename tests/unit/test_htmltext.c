/*
 * Unit tests for htmltext: hand-written cases (blocks, inline, entities,
 * references, white space, limits, hostile markup), html_to_text as the
 * oracle on sanitized HTML (random fragments and every body of the
 * third-party corpus), and the speed of both, printed.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <cmocka.h>

#include <zlib.h>

#include "feeds/html.h"
#include "feeds/htmltext.h"
#include "feeds/item.h"
#include "feeds/parse.h"
#include "tests/unit/slurp.h"

#define MAX		(16 * 1024 * 1024)
#define BASE		"https://example.org/news/a.html"
#define DIR_CORPUS	FIXTURES "/../../../shared/corpus"
#define SHOW_DIFFS	5	/* differences printed in full, at most */

struct htmltext_case {
	const char	*in;
	const char	*want;
};

/* What the corpus run found and how long each reader took. */
struct corpus_run {
	size_t		 files;
	size_t		 bodies;
	size_t		 differ;
	/* by kind of body: CORPUS_ITEM, CORPUS_FILE */
	char		**kept[2];	/* owns: the sanitized bodies, timed
					 * once the walk is over */
	size_t		 nkept[2];
	size_t		 bytes[2];
};

#define CORPUS_ITEM	0	/* a feed item's summary or content */
#define CORPUS_FILE	1	/* a whole file read as HTML */

static void
check(const char *in, const char *want)
{
	char *got;
	int ok;

	if ((got = htmltext(in, MAX)) == NULL)
		fail_msg("htmltext(\"%s\"): NULL", in);
	if (!(ok = strcmp(got, want) == 0))
		print_error("htmltext(\"%s\"):\n  want \"%s\"\n  got  \"%s\"\n",
		    in, want, got);
	free(got);
	assert_true(ok);
}

/* htmltext and html_to_text agree on in; 0 when they do not. */
static int
same(const char *in, int show)
{
	char *a, *b;
	int ok;

	a = htmltext(in, MAX);
	b = html_to_text(in, MAX);
	assert_non_null(a);
	assert_non_null(b);
	if (!(ok = strcmp(a, b) == 0) && show)
		printf("# differ on \"%.300s\"\n#  htmltext     \"%.300s\"\n"
		    "#  html_to_text \"%.300s\"\n", in, a, b);
	free(a);
	free(b);
	return ok;
}

/* The cases that sanitized HTML can hold: html_to_text must agree. */
static const struct htmltext_case sanitized_cases[] = {
	{ "", "" },
	{ "plain text", "plain text" },
	{ "  lots \n\t of\r\n space  ", "lots of space" },
	{ "<p>one</p><p>two</p>", "one two" },
	{ "<b>in</b><i>line</i>", "inline" },
	{ "<div><p>a<b>b<i>c</i></b></p>d</div>e", "abc d e" },
	{ "a<br />b", "a b" },
	{ "a<wbr />b", "ab" },
	{ "a<img src=\"x.png\" alt=\"&lt;p&gt;\" />b", "ab" },
	{ "<ul><li>one</li><li>two</li></ul>", "one two" },
	{ "<table><tr><td>1</td><td>2</td></tr></table>", "1 2" },
	{ "x&amp;y &lt;p&gt; &quot;q&quot;", "x&y <p> \"q\"" },
	{ "<a href=\"https://e.org/?a=1&amp;b=2\" title=\"a &gt; b\">l</a>",
	    "l" },
	{ "<span> a </span><span> b </span>", "a b" },
	{ "<pre>\n  code\n  here</pre>", "code here" },
	{ "caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87", "caf\xc3\xa9 \xe4\xb8\xad"
	    "\xe6\x96\x87" },
	{ "a\xc2\xa0\xc2\xa0" "b\xe3\x80\x80" "c", "a b c" },
	{ "<iframe src=\"https://www.youtube.com/embed/x\" sandbox=\"a\">"
	    "</iframe>after", "after" },
	{ "<h1>T</h1>text<hr />more", "T text more" },
};

static void
test_sanitized_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sanitized_cases) / sizeof(sanitized_cases[0]);
	    i++) {
		check(sanitized_cases[i].in, sanitized_cases[i].want);
		if (!same(sanitized_cases[i].in, 1))
			fail_msg("html_to_text differs on case %zu", i);
	}
}

static void
test_references(void **state)
{
	char in[64];
	unsigned int c;
	static const unsigned int cps[] = {
		0, 1, 8, 9, 10, 11, 12, 13, 31, 32, 65, 127, 128, 129, 141, 150,
		159, 160, 255, 256, 0x2028, 0x3000, 0xd7ff, 0xd800, 0xdfff,
		0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0x10ffff,
		0x110000, 0xffffffff,
	};
	static const char *const names[] = {
		"amp", "lt", "gt", "quot", "apos", "nbsp", "copy", "eacute",
		"mdash", "hellip", "euro", "trade", "lsquo", "zwj", "thetasym",
		"Ouml", "ensp", "emsp", "thinsp", "nosuch",
	};
	size_t i;

	(void)state;
	check("&#65;&#x42;&#X43;&#68", "ABCD");
	check("&apos;&nbsp;x&eacute;&mdash;&hellip;", "' x\xc3\xa9\xe2\x80\x94"
	    "\xe2\x80\xa6");
	check("&#150; &#x92;", "\xe2\x80\x93 \xe2\x80\x99");
	check("&#0;&#xd800;&#x110000;&#99999999999999999999;x", "x");
	check("&#; &#x; &# &", "&#; &#x; &# &");
	check("&unknown; &amp &AMP; &ampx;", "&unknown; &amp &AMP; &ampx;");
	check("a&#32;&#9;&#160;b", "a b");
	/* html_to_text as the oracle, character by character */
	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		snprintf(in, sizeof(in), "a&#%u;b", cps[i]);
		if (!same(in, 1))
			fail_msg("differs on %s", in);
		snprintf(in, sizeof(in), "a&#x%x;b", cps[i]);
		if (!same(in, 1))
			fail_msg("differs on %s", in);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(in, sizeof(in), "a&%s;b &%s c", names[i], names[i]);
		if (!same(in, 1))
			fail_msg("differs on %s", in);
	}
	for (c = 0x80; c < 0x100; c++) {
		snprintf(in, sizeof(in), "a&#%u;b", c);
		if (!same(in, 1))
			fail_msg("differs on %s", in);
	}
}

/* Raw bytes as html.c cleans them: C1 as windows-1252, U+FFFD, drops. */
static void
test_raw_bytes(void **state)
{
	char in[16];
	unsigned int c;

	(void)state;
	for (c = 1; c < 0x100; c++) {
		if (c == '<' || c == '&')
			continue;
		snprintf(in, sizeof(in), "a%cb", (int)c);
		if (!same(in, 1))
			fail_msg("differs on byte 0x%02x", c);
		snprintf(in, sizeof(in), "a\xc2%cb", (int)c);
		if (!same(in, 1))
			fail_msg("differs on 0xc2 0x%02x", c);
	}
	check("\xff", "\xef\xbf\xbd");
	check("a\xe2\x82", "a\xef\xbf\xbd\xef\xbf\xbd");
	check("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	check("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");
	check("\xef\xbf\xbe" "x\xef\xbf\xbf", "x");
	check("\xc2\x80\xc2\x81", "\xe2\x82\xac");
	check("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	check("a\x0b\x0c" "b", "ab");
}

/* Markup sanitizing never leaves: still no markup out, and sensible. */
static const struct htmltext_case hostile_cases[] = {
	{ "<a title=\"x>y\">z</a>", "z" },
	{ "<a title='x>y' b=c>z</a>", "z" },
	{ "<a title=it's>z</a>", "z" },
	{ "<!-- <p>x</p> -->y", "y" },
	{ "<!-- never closed <p>x</p>", "" },
	{ "<![CDATA[<p>x]]>y", "y" },
	{ "<!DOCTYPE html><?php echo 1 ?>x", "x" },
	{ "<script>if (a<b) x = '</p>';</script>c", "c" },
	{ "<SCRIPT>x</sCrIpT>c", "c" },
	{ "<style>p { color: red }</style>c", "c" },
	{ "<script>never closed", "" },
	{ "<form><form>a</form>b</form>c", "c" },
	{ "<select><option>a<option>b</select>c", "c" },
	{ "<script/>a", "a" },
	{ "x<script />y<p/>z", "xy z" },
	{ "a < b > c", "a < b > c" },
	{ "a<", "a<" },
	{ "a<b", "a" },
	{ "<p class=\"never closed", "" },
	{ "a</ x>b", "ab" },
	{ "a</>b", "ab" },
	{ "a</", "a" },
	{ "<P>A</P><DIV>B</DIV>", "A B" },
	{ "<averyveryverylongelementname>x</averyveryverylongelementname>y",
	    "xy" },
	{ "&lt;script&gt;alert(1)&lt;/script&gt;",
	    "<script>alert(1)</script>" },
};

static void
test_hostile(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hostile_cases) / sizeof(hostile_cases[0]); i++)
		check(hostile_cases[i].in, hostile_cases[i].want);
}

static void
test_limits(void **state)
{
	char *s;

	(void)state;
	assert_null(htmltext(NULL, MAX));
	assert_null(htmltext("<p>12345</p>", 11));
	s = htmltext("<p>12345</p>", 12);
	assert_non_null(s);
	assert_string_equal(s, "12345");
	free(s);
	s = htmltext("", 0);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	s = htmltext("<p> </p> <br /> &#32;", MAX);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
}

/* A megabyte of unit repeated, read within the limit: linear time or
 * the test takes minutes. */
static void
pathological(const char *unit)
{
	size_t n = strlen(unit), total = 1024 * 1024, i;
	char *in, *got;

	in = malloc(total + 1);
	assert_non_null(in);
	for (i = 0; i + n <= total; i += n)
		memcpy(in + i, unit, n);
	in[i] = '\0';
	got = htmltext(in, MAX);
	assert_non_null(got);
	assert_true(strlen(got) <= 3 * i);
	free(got);
	free(in);
}

static void
test_pathological(void **state)
{
	static const char *const units[] = {
		"<", "<a", "<a x=\"", "<!--", "<![CDATA[", "&#", "&#x1",
		"&amp", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"<script>", "<form>", "</", "\xff", "\xc2\xa0", "<p>", "a ",
		"&#150;",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		pathological(units[i]);
}

/* 1 when s is valid UTF-8, squeezed and trimmed. */
static int
text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i;

	if (*p == ' ')
		return 0;
	for (; *p != '\0'; p += n) {
		if (*p < 0x80) {
			if ((*p < 0x20) || (p[0] == ' ' && (p[1] == ' ' ||
			    p[1] == '\0')))
				return 0;
			n = 1;
			continue;
		}
		n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc2 ? 2 : 0;
		if (n == 0)
			return 0;
		for (i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* Random markup: any input gives clean text; sanitized, the oracle's. */
static void
test_random(void **state)
{
	char buf[512], *san, *got;
	unsigned int seed = 4242;
	size_t i, j, n, differ = 0;
	static const char alphabet[] =
	    "<>&;#\"'=/ abpscriptonxlidvuh1\xc3\xa9\xc2\xa0\xff\x01\n\t";

	(void)state;
	for (i = 0; i < 5000; i++) {
		n = 1 + (seed >> 16) % (sizeof(buf) - 1);
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		buf[n] = '\0';
		got = htmltext(buf, MAX);
		assert_non_null(got);
		if (!text_ok(got))
			fail_msg("bad text from \"%s\": \"%s\"", buf, got);
		free(got);
		san = html_sanitize(buf, BASE, MAX);
		assert_non_null(san);
		if (!same(san, differ < SHOW_DIFFS))
			differ++;
		free(san);
	}
	printf("# random: %zu sanitized fragments, %zu differ\n", i, differ);
	assert_int_equal(differ, 0);
}

/* CPU time of this thread: the figures hold on a busy machine. */
static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Sanitize one body, then compare and time both readers of it. */
static void
corpus_body(struct corpus_run *r, int kind, const char *where,
    const char *body, const char *base)
{
	char *san, *a, *b, **kept;

	if (body == NULL || (san = html_sanitize(body, base, MAX)) == NULL)
		return;
	a = htmltext(san, MAX);
	b = html_to_text(san, MAX);
	assert_non_null(a);
	assert_non_null(b);
	r->bodies++;
	if (strcmp(a, b) != 0 && r->differ++ < SHOW_DIFFS)
		printf("# %s: differ\n#  sanitized    \"%.400s\"\n"
		    "#  htmltext     \"%.400s\"\n#  html_to_text \"%.400s\"\n",
		    where, san, a, b);
	free(a);
	free(b);
	kept = realloc(r->kept[kind], (r->nkept[kind] + 1) * sizeof(*kept));
	assert_non_null(kept);
	r->kept[kind] = kept;
	kept[r->nkept[kind]++] = san;
	r->bytes[kind] += strlen(san);
}

/* A .gz file, whole and NUL-terminated (the benchmark's pages). */
static char *
slurp_gz(const char *path)
{
	gzFile f;
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0;
	int n;

	if ((f = gzopen(path, "rb")) == NULL)
		return NULL;
	do {
		if (cap - len < 65536 + 1) {
			cap = cap * 2 + 65536 + 1;
			if ((nb = realloc(buf, cap)) == NULL)
				break;
			buf = nb;
		}
		n = gzread(f, buf + len, 65536);
		len += n > 0 ? (size_t)n : 0;
	} while (n > 0);
	gzclose(f);
	if (buf != NULL)
		buf[len] = '\0';
	return buf;
}

/* Every body in one corpus file: an HTML page, or a feed's items. */
static void
corpus_file(struct corpus_run *r, const char *path)
{
	static const struct parse_limits lim = { MAX, 100000 };
	const char *ext = strrchr(path, '.');
	struct item_list *l;
	struct item *it;
	char err[256], *buf;
	size_t len;

	if (ext == NULL)
		return;
	if (strcmp(ext, ".gz") == 0 && strstr(path, ".html.gz") != NULL) {
		if ((buf = slurp_gz(path)) != NULL)
			corpus_body(r, CORPUS_FILE, path, buf, BASE);
		free(buf);
		r->files++;
		return;
	}
	if (strcmp(ext, ".html") != 0 && strcmp(ext, ".htm") != 0 &&
	    strcmp(ext, ".xml") != 0 && strcmp(ext, ".rss") != 0 &&
	    strcmp(ext, ".atom") != 0 && strcmp(ext, ".rdf") != 0 &&
	    strcmp(ext, ".json") != 0)
		return;
	if ((buf = slurp(path, &len)) == NULL)
		return;
	r->files++;
	/* the file itself as HTML, whatever it is */
	corpus_body(r, CORPUS_FILE, path, buf, BASE);
	if (ext[1] != 'h' && (l = parse_feed(buf, len, BASE, NULL, &lim,
	    err, sizeof(err))) != NULL) {
		for (it = l->head; it != NULL; it = it->next) {
			corpus_body(r, CORPUS_ITEM, path, it->summary,
			    it->base != NULL ? it->base : it->link);
			corpus_body(r, CORPUS_ITEM, path, it->content,
			    it->base != NULL ? it->base : it->link);
		}
		item_list_free(l);
	}
	free(buf);
}

/* Walk dir depth-first, reading every file. */
static void
corpus_dir(struct corpus_run *r, const char *dir)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			corpus_dir(r, path);
		else if (S_ISREG(st.st_mode))
			corpus_file(r, path);
	}
	closedir(d);
}

/* CPU time of reader over all bodies kept of one kind. */
static double
corpus_time(struct corpus_run *r, int kind, char *(*reader)(const char *,
    size_t))
{
	double t0 = now_ns();
	size_t i;

	for (i = 0; i < r->nkept[kind]; i++)
		free(reader(r->kept[kind][i], MAX));
	return now_ns() - t0;
}

/* Print how fast each reader goes on one kind of body (not asserted),
 * timed over the whole batch; the bodies are freed. */
static void
corpus_speed(struct corpus_run *r, int kind, const char *what)
{
	double bytes = (double)r->bytes[kind], scan, parse;
	size_t i;

	if (bytes > 0) {
		scan = corpus_time(r, kind, htmltext);
		parse = corpus_time(r, kind, html_to_text);
		printf("# speed on %zu %s (%.0f bytes): htmltext %.2f "
		    "ns/byte, html_to_text %.2f ns/byte (%.1fx)\n",
		    r->nkept[kind], what, bytes, scan / bytes, parse / bytes,
		    scan > 0 ? parse / scan : 0.0);
	}
	for (i = 0; i < r->nkept[kind]; i++)
		free(r->kept[kind][i]);
	free(r->kept[kind]);
}

/* Every body of the corpus, sanitized: htmltext is html_to_text. */
static void
test_corpus(void **state)
{
	struct corpus_run r;
	struct stat st;

	(void)state;
	if (stat(DIR_CORPUS, &st) == -1 || !S_ISDIR(st.st_mode)) {
		printf("# skipping: corpus not found at %s\n", DIR_CORPUS);
		skip();
	}
	memset(&r, 0, sizeof(r));
	corpus_dir(&r, DIR_CORPUS);
	printf("# corpus: %zu files, %zu sanitized bodies (%zu bytes) "
	    "compared, %zu differ\n", r.files, r.bodies,
	    r.bytes[CORPUS_ITEM] + r.bytes[CORPUS_FILE], r.differ);
	corpus_speed(&r, CORPUS_ITEM, "feed items");
	corpus_speed(&r, CORPUS_FILE, "whole files");
	assert_true(r.bodies > 1000);
	assert_int_equal(r.differ, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitized_cases),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_raw_bytes),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_pathological),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
