/*
 * Unit tests for charset: precedence (BOM, HTTP charset, XML declaration),
 * aliases, fallbacks, control character removal, hostile bytes, and the
 * encoding/ files of the feedparser corpus.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "feeds/charset.h"
#include "feeds/charsetname.h"

#define CORPUS	FIXTURES "/../../../shared/corpus/feedparser/encoding/"

/* U+201C, U+201D, U+2019, U+00E9 in UTF-8 */
#define LDQUO	"\xe2\x80\x9c"
#define RDQUO	"\xe2\x80\x9d"
#define RSQUO	"\xe2\x80\x99"
#define EACUTE	"\xc3\xa9"

/*
 * An independent strict UTF-8 checker: 0 when s[0..n) is valid UTF-8
 * (RFC 3629) and, for xml, holds only XML 1.0 characters.
 */
static int
utf8_check(const char *s, size_t n, int xml)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, j;
	uint32_t cp, min;

	while (i < n) {
		if (p[i] < 0x80) {
			k = 1;
			cp = p[i];
			min = 0;
		} else if ((p[i] & 0xe0) == 0xc0) {
			k = 2;
			cp = p[i] & 0x1f;
			min = 0x80;
		} else if ((p[i] & 0xf0) == 0xe0) {
			k = 3;
			cp = p[i] & 0x0f;
			min = 0x800;
		} else if ((p[i] & 0xf8) == 0xf0) {
			k = 4;
			cp = p[i] & 0x07;
			min = 0x10000;
		} else
			return -1;
		if (n - i < k)
			return -1;
		for (j = 1; j < k; j++) {
			if ((p[i + j] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (p[i + j] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		if (cp == 0 || (xml && ((cp < 0x20 && cp != 9 && cp != 10 &&
		    cp != 13) || cp == 0xfffe || cp == 0xffff)))
			return -1;
		i += k;
	}
	return 0;
}

/* Check what every result must be, whatever the input. */
static void
check_result(const struct charset_result *r, size_t inlen, int xml)
{
	assert_non_null(r->utf8);
	assert_int_equal(r->utf8[r->len], '\0');
	assert_int_equal(strlen(r->utf8), r->len);
	assert_true(r->len <= 4 * inlen + 16);
	if (utf8_check(r->utf8, r->len, xml) != 0)
		fail_msg("output not valid UTF-8 (or not XML chars)");
	if (r->len >= 3 && memcmp(r->utf8, "\xef\xbb\xbf", 3) == 0)
		fail_msg("byte order mark kept");
	assert_non_null(memchr(r->encoding, '\0', sizeof(r->encoding)));
	assert_non_null(memchr(r->warning, '\0', sizeof(r->warning)));
}

static void
xml(const char *buf, size_t len, const char *ct, struct charset_result *r)
{
	char err[128];

	assert_int_equal(charset_decode_xml(buf, len, ct, r, err,
	    sizeof(err)), 0);
	check_result(r, len, 1);
}

static void
text(const char *buf, size_t len, const char *ct, const char *fb,
    struct charset_result *r)
{
	char err[128];

	assert_int_equal(charset_decode_text(buf, len, ct, fb, r, err,
	    sizeof(err)), 0);
	check_result(r, len, 0);
}

/* Decode a NUL-terminated XML string and compare. */
static void
xml_expect(const char *in, const char *ct, const char *enc, const char *out)
{
	struct charset_result r;

	xml(in, strlen(in), ct, &r);
	if (strcmp(r.encoding, enc) != 0)
		fail_msg("\"%s\" (%s): encoding %s, want %s", in,
		    ct ? ct : "no type", r.encoding, enc);
	if (out != NULL && strcmp(r.utf8, out) != 0)
		fail_msg("\"%s\": got \"%s\", want \"%s\"", in, r.utf8, out);
	charset_result_free(&r);
}

/*
 * Encode UTF-8 s as UTF-16 (unit 2) or UTF-32 (unit 4), big or little
 * endian, with a BOM if asked; returns the length in out.
 */
static size_t
widen(const char *s, size_t unit, int le, int bom, unsigned char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cps[2], cp;
	size_t n = 0, i, c, ncp, b;

	if (bom)
		n = widen("\xef\xbb\xbf", unit, le, 0, out);
	while (*p != '\0') {
		if (*p < 0x80) {
			cp = *p++;
		} else if (*p < 0xe0) {
			cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (*p < 0xf0) {
			cp = (uint32_t)(p[0] & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else {
			cp = (uint32_t)(p[0] & 0x07) << 18 |
			    (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
		}
		ncp = 1;
		cps[0] = cp;
		if (unit == 2 && cp >= 0x10000) {
			cps[0] = 0xd800 + ((cp - 0x10000) >> 10);
			cps[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			ncp = 2;
		}
		for (c = 0; c < ncp; c++)
			for (i = 0; i < unit; i++) {
				b = le ? i : unit - 1 - i;
				out[n++] = (unsigned char)(cps[c] >> (8 * b));
			}
	}
	return n;
}

static void
test_utf8_plain(void **state)
{
	static const char doc[] = "<?xml version=\"1.0\"?>\n<rss>\t"
	    "caf" EACUTE " \xf0\x9f\x98\x80 " LDQUO "q" RDQUO "</rss>\r\n";
	struct charset_result r;

	(void)state;
	xml(doc, sizeof(doc) - 1, NULL, &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_int_equal(r.len, sizeof(doc) - 1);
	assert_memory_equal(r.utf8, doc, sizeof(doc) - 1);
	assert_string_equal(r.warning, "");
	charset_result_free(&r);
	charset_result_free(&r);	/* twice is harmless */

	xml("", 0, NULL, &r);
	assert_int_equal(r.len, 0);
	assert_string_equal(r.encoding, "UTF-8");
	charset_result_free(&r);
	xml(NULL, 0, "text/xml", &r);
	assert_int_equal(r.len, 0);
	charset_result_free(&r);
	xml_expect("<a/>", "application/rss+xml", "UTF-8", "<a/>");
	/* RFC 7303: text/xml without charset is not us-ascii */
	xml_expect("<a>" EACUTE "</a>", "text/xml", "UTF-8",
	    "<a>" EACUTE "</a>");
}

static void
test_bom(void **state)
{
	static const struct {
		size_t	 unit;
		int	 le;
		const char *name;
	} w[] = {
		{ 2, 1, "UTF-16LE" }, { 2, 0, "UTF-16BE" },
		{ 4, 1, "UTF-32LE" }, { 4, 0, "UTF-32BE" },
	};
	static const char doc[] = "<?xml version=\"1.0\" encoding=\"utf-16\"?>"
	    "<a>caf" EACUTE " \xf0\x9f\x98\x80</a>";
	unsigned char buf[1024];
	struct charset_result r;
	size_t i, n;

	(void)state;
	xml_expect("\xef\xbb\xbf<a>" EACUTE "</a>", NULL, "UTF-8",
	    "<a>" EACUTE "</a>");
	/* the BOM wins over the declaration */
	xml_expect("\xef\xbb\xbf<?xml version='1.0' encoding='iso-8859-1'?>"
	    "<a>" EACUTE "</a>", NULL, "UTF-8", NULL);
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		n = widen(doc, w[i].unit, w[i].le, 1, buf);
		xml((char *)buf, n, NULL, &r);
		assert_string_equal(r.encoding, w[i].name);
		assert_string_equal(r.utf8, doc);
		assert_string_equal(r.warning, "");
		charset_result_free(&r);
	}
	/* BOM only */
	xml_expect("\xfe\xff", NULL, "UTF-16BE", "");
}

static void
test_wide_without_bom(void **state)
{
	static const struct {
		size_t	 unit;
		int	 le;
		const char *decl, *name;
	} w[] = {
		{ 2, 1, "utf-16", "UTF-16LE" },
		{ 2, 0, "UTF-16", "UTF-16BE" },
		{ 4, 1, "utf-32", "UTF-32LE" },
		{ 4, 0, "utf-32be", "UTF-32BE" },
		{ 2, 0, "u16", "UTF-16BE" }, { 2, 1, "iso-8859-1", "UTF-16LE" },
	};
	char doc[256];
	unsigned char buf[2048];
	struct charset_result r;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		snprintf(doc, sizeof(doc), "<?xml version=\"1.0\" "
		    "encoding=\"%s\"?>\n<a>" LDQUO "\xe4\xb8\xad" RDQUO "</a>",
		    w[i].decl);
		n = widen(doc, w[i].unit, w[i].le, 0, buf);
		xml((char *)buf, n, NULL, &r);
		assert_string_equal(r.encoding, w[i].name);
		assert_string_equal(r.utf8, doc);
		/* a declaration naming another family is warned about */
		if (strcmp(w[i].decl, "iso-8859-1") == 0)
			assert_non_null(strstr(r.warning, "iso-8859-1"));
		else
			assert_string_equal(r.warning, "");
		charset_result_free(&r);
	}
	/* an HTTP charset that cannot be true of "<\0?\0" loses */
	n = widen("<?xml version='1.0'?><a/>", 2, 1, 0, buf);
	xml((char *)buf, n, "text/xml; charset=iso-8859-1", &r);
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_string_equal(r.utf8, "<?xml version='1.0'?><a/>");
	assert_non_null(strstr(r.warning, "iso-8859-1"));
	charset_result_free(&r);
	/* utf-16 declared in ASCII bytes is a mistake: UTF-8 */
	xml_expect("<?xml version=\"1.0\" encoding=\"utf-16\"?><a>" EACUTE
	    "</a>", NULL, "UTF-8", "<?xml version=\"1.0\" "
	    "encoding=\"utf-16\"?><a>" EACUTE "</a>");
	/* HTTP utf-16 without BOM: byte order from the bytes */
	n = widen("<a>\xe4\xb8\xad</a>", 2, 1, 0, buf);
	xml((char *)buf, n, "application/xml; charset=utf-16", &r);
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_string_equal(r.utf8, "<a>\xe4\xb8\xad</a>");
	charset_result_free(&r);
}

static void
test_http_precedence(void **state)
{
	struct charset_result r;

	(void)state;
	/* HTTP charset wins over the XML declaration */
	xml_expect("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xc0"
	    "</a>", "text/xml; charset=windows-1251", "windows-1251",
	    "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xd0\x90</a>");
	xml_expect("<?xml version=\"1.0\" encoding=\"koi8-r\"?><a>\xe9</a>",
	    "application/xml", "KOI8-R", NULL);
	xml_expect("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>\xe9"
	    "</a>", NULL, "windows-1252", "<?xml version=\"1.0\" "
	    "encoding=\"iso-8859-1\"?><a>" EACUTE "</a>");
	/* RFC 7303 section 3.2: the BOM wins over the HTTP charset */
	xml("\xef\xbb\xbf<a>" EACUTE "</a>", 12,
	    "text/xml; charset=iso-8859-1", &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.utf8, "<a>" EACUTE "</a>");
	assert_non_null(strstr(r.warning, "iso-8859-1"));
	charset_result_free(&r);
	/* an agreeing BOM is not warned about */
	xml("\xef\xbb\xbf<a/>", 7, "text/xml; charset=UTF-8", &r);
	assert_string_equal(r.warning, "");
	charset_result_free(&r);
}

static void
test_http_params(void **state)
{
	static const struct {
		const char *ct, *enc;
	} c[] = {
		{ "text/xml;charset=koi8-r", "KOI8-R" },
		{ "text/xml; CharSet=KOI8-R", "KOI8-R" },
		{ "text/xml; charset=\"koi8-r\"", "KOI8-R" },
		{ "application/atom+xml;charset='koi8-r'", "KOI8-R" },
		{ "application/rss+xml;charset= 'koi8-r'", "KOI8-R" },
		{ "application/xml;charset = koi8-r", "KOI8-R" },
		{ "text/xml; type=\"a;charset=utf-8\"; charset=koi8-r",
		    "KOI8-R" },
		{ "text/xml; foo=bar; charset=koi8-r ; x=y", "KOI8-R" },
		{ "text/xml; qs=0.9", "windows-1252" },
		{ "text/xml; charset:koi8-r", "windows-1252" },
		{ "text/xml; charset", "windows-1252" },
		{ "text/xml; charset=", "windows-1252" },
		{ "text/xml; charset=\"", "windows-1252" },
		{ "text/xml; xcharset=koi8-r", "windows-1252" },
		{ "text/xml;;;", "windows-1252" },
		{ "", "windows-1252" },
	};
	struct charset_result r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		/* "\xe9" is a KOI8-R letter and invalid UTF-8: without
		 * a charset this is windows-1252 */
		xml("<a>\xe9\xe9\xe9" EACUTE "</a>", 12, c[i].ct, &r);
		if (strcmp(r.encoding, c[i].enc) != 0)
			fail_msg("'%s': %s, want %s", c[i].ct, r.encoding,
			    c[i].enc);
		charset_result_free(&r);
	}
	/* a long and hostile label is cut and made printable */
	xml("<a/>", 4, "text/xml; charset=\"\x01\x7f\xff" "aaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_non_null(strstr(r.warning, "'???aaaa"));
	assert_null(strchr(r.warning, '\x01'));
	charset_result_free(&r);
}

static void
test_aliases(void **state)
{
	static const struct {
		const char *label, *enc, *in, *out;
	} c[] = {
		{ "866", "IBM866", "\x80", "\xd0\x90" },
		{ "ansi_x3.4-1968", "windows-1252", "\x93", LDQUO },
		{ "big5", "Big5", "\xa4\xa4", "\xe4\xb8\xad" },
		{ "cp1252", "windows-1252", "\x92", RSQUO },
		{ "csbig5", "Big5", "\xa4\xa4", "\xe4\xb8\xad" },
		{ "euc-jp", "EUC-JP", "\xc6\xfc", "\xe6\x97\xa5" },
		{ "EUC-KR", "EUC-KR", "\xb3\xe2", "\xeb\x85\x84" },
		{ "gb2312", "GB18030", "\xd6\xd0", "\xe4\xb8\xad" },
		{ "gb_2312-80", "GB18030", "\xd6\xd0", "\xe4\xb8\xad" },
		{ "GBK", "GB18030", "\xa2\xe3", "\xe2\x82\xac" },
		{ "iso-8859-1", "windows-1252", "\x80", "\xe2\x82\xac" },
		{ "ISO-8859-15", "ISO-8859-15", "\xa4", "\xe2\x82\xac" },
		{ "iso-8859-2", "ISO-8859-2", "\xb1", "\xc4\x85" },
		{ "iso-8859-9", "windows-1254", "\xf0", "\xc4\x9f" },
		{ "koi8-u", "KOI8-U", "\xa4", "\xd1\x94" },
		{ "ks_c_5601-1987", "EUC-KR", "\xb3\xe2", "\xeb\x85\x84" },
		{ "latin1", "windows-1252", "\xe9", EACUTE },
		{ "Shift_JIS", "Shift_JIS", "\x93\xfa", "\xe6\x97\xa5" },
		{ "tis-620", "windows-874", "\xa1", "\xe0\xb8\x81" },
		{ "US-ASCII", "windows-1252", "\x93", LDQUO },
		{ "utf8", "UTF-8", EACUTE, EACUTE },
		{ "windows-1251", "windows-1251", "\xc0", "\xd0\x90" },
		{ "windows-31j", "Shift_JIS", "\x87\x40", "\xe2\x91\xa0" },
		{ "x-mac-cyrillic", "x-mac-cyrillic", "\x80", "\xd0\x90" },
		{ "x-sjis", "Shift_JIS", "\x93\xfa", "\xe6\x97\xa5" },
		{ "x-user-defined", "UTF-8", EACUTE, EACUTE },
		{ "x-x-big5", "Big5", "\xa4\xa4", "\xe4\xb8\xad" },
	};
	char in[128], out[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(in, sizeof(in), "<?xml version=\"1.0\" "
		    "encoding=\"%s\"?><a>%s</a>", c[i].label, c[i].in);
		snprintf(out, sizeof(out), "<?xml version=\"1.0\" "
		    "encoding=\"%s\"?><a>%s</a>", c[i].label, c[i].out);
		xml_expect(in, NULL, c[i].enc, out);
	}
}

static void
test_unknown_encoding(void **state)
{
	struct charset_result r;
	static const char valid[] =
	    "<?xml version='1.0' encoding='bogus'?><a>" EACUTE "</a>";
	static const char invalid[] =
	    "<?xml version='1.0' encoding='bogus'?><a>\xe9t\xe9</a>";

	(void)state;
	xml(valid, sizeof(valid) - 1, NULL, &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.utf8, valid);
	assert_non_null(strstr(r.warning, "'bogus' is unknown"));
	assert_non_null(strstr(r.warning, "UTF-8"));
	charset_result_free(&r);
	xml(invalid, sizeof(invalid) - 1, NULL, &r);
	assert_string_equal(r.encoding, "windows-1252");
	assert_non_null(strstr(r.utf8, "<a>" EACUTE "t" EACUTE "</a>"));
	assert_non_null(strstr(r.warning, "'bogus'"));
	assert_non_null(strstr(r.warning, "windows-1252"));
	charset_result_free(&r);
	/* unknown in HTTP too */
	xml("<a/>", 4, "text/xml; charset=x-nope", &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_non_null(strstr(r.warning, "'x-nope'"));
	charset_result_free(&r);
}

static void
test_invalid_utf8(void **state)
{
	struct charset_result r;
	static const char mixed[] = "<a>caf" EACUTE " na" "\xc3\xaf" "ve "
	    "\xe2\x80\x94 \x93quoted\x94</a>";

	(void)state;
	/* windows-1252 smart quotes, nothing declared */
	xml_expect("\x93smart quotes\x94", NULL, "windows-1252",
	    LDQUO "smart quotes" RDQUO);
	/* declared utf-8, but windows-1252 bytes */
	xml("<?xml version='1.0' encoding='utf-8'?><a>don\x92t</a>", 49,
	    NULL, &r);
	assert_string_equal(r.encoding, "windows-1252");
	assert_non_null(strstr(r.utf8, "don" RSQUO "t"));
	assert_non_null(strstr(r.warning, "windows-1252"));
	charset_result_free(&r);
	/* mostly UTF-8 with two stray windows-1252 bytes: both kept */
	xml(mixed, sizeof(mixed) - 1, "text/xml; charset=utf-8", &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.utf8, "<a>caf" EACUTE " na\xc3\xaf" "ve "
	    "\xe2\x80\x94 " LDQUO "quoted" RDQUO "</a>");
	assert_non_null(strstr(r.warning, "2 bytes"));
	charset_result_free(&r);
	/* C1 controls from windows-1252 taken for latin1 (demoronize);
	 * U+0081 has no windows-1252 meaning and stays */
	xml("<a>don\xc2\x92t \xc2\x81 " EACUTE "</a>", 19, NULL, &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.utf8, "<a>don" RSQUO "t \xc2\x81 " EACUTE
	    "</a>");
	assert_non_null(strstr(r.warning, "1 C1"));
	charset_result_free(&r);
	/* known encoding, bytes invalid in it: valid UTF-8 wins */
	xml_expect("<?xml version='1.0' encoding='iso-2022-jp'?><a>" EACUTE
	    "</a>", NULL, "UTF-8", NULL);
	/* known encoding, invalid in it and in UTF-8: windows-1252 */
	xml_expect("<?xml version='1.0' encoding='euc-jp'?><a>x\xffy</a>",
	    NULL, "windows-1252", NULL);
}

static void
test_controls(void **state)
{
	static const char in[] = "<a>a\x01" "b\x0b" "c\td\r\n\x1f"
	    "e\xef\xbf\xbe" "f\xef\xbf\xbf" "g\x7f\xc2\x85</a>";
	char nul[] = "{\"a\":\"x\0y\x01\"}";
	struct charset_result r;
	unsigned char buf[256];
	size_t n;

	(void)state;
	xml(in, sizeof(in) - 1, NULL, &r);
	/* U+0085 is read as windows-1252's ellipsis (demoronize) */
	assert_string_equal(r.utf8, "<a>abc\td\r\nefg\x7f\xe2\x80\xa6</a>");
	assert_non_null(strstr(r.warning, "5 control characters removed"));
	charset_result_free(&r);
	/* in windows-1252 and through iconv too */
	xml_expect("<a>\x01\x93x\x94\x02</a>", "text/xml; charset=cp1252",
	    "windows-1252", "<a>" LDQUO "x" RDQUO "</a>");
	xml_expect("<a>\x01\xc0\x02</a>", "text/xml; charset=cp1251",
	    "windows-1251", "<a>\xd0\x90</a>");
	/* NUL in UTF-16 */
	n = widen("<a>x</a>", 2, 1, 1, buf);
	buf[8] = 0;	/* 'x' -> U+0000 */
	xml((char *)buf, n, NULL, &r);
	assert_string_equal(r.utf8, "<a></a>");
	assert_non_null(strstr(r.warning, "1 control characters removed"));
	charset_result_free(&r);
	/* text: only NUL goes */
	text(nul, sizeof(nul) - 1, "application/json", NULL, &r);
	assert_int_equal(r.len, sizeof(nul) - 2);
	assert_string_equal(r.utf8, "{\"a\":\"xy\x01\"}");
	assert_non_null(strstr(r.warning, "1 NUL"));
	charset_result_free(&r);
}

/* Hostile bytes must come out as valid UTF-8, never crash or overflow. */
static void
test_hostile(void **state)
{
	static const char *const bad[] = {
		"abc\xe2\x82", "abc\xe2", "abc\xf0\x9f\x98", "\xc0\xaf",
		"\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xed\xa0\x80",
		"\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xff\xfe\xfd", "\x80\x80\x80", "\xc2", "\xfe",
	};
	static const char *const labels[] = {
		NULL, "utf-8", "utf-16", "utf-16le", "utf-32", "utf-32be",
		"big5", "shift_jis", "euc-jp", "iso-2022-jp", "gb18030",
		"euc-kr", "koi8-r", "windows-1255", "iso-8859-6", "bogus",
	};
	char ct[64], buf[300];
	struct charset_result r;
	unsigned seed = 12345;
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xml(bad[i], strlen(bad[i]), NULL, &r);
		charset_result_free(&r);
		text(bad[i], strlen(bad[i]), NULL, NULL, &r);
		charset_result_free(&r);
	}
	/* surrogates and overlongs never pass as they are */
	xml_expect("\xed\xa0\x80\xed\xb0\x80", NULL, "windows-1252", NULL);
	/* odd-length UTF-16, lone surrogates, UTF-32 past U+10FFFF */
	xml("\xff\xfe<\0a\0", 7, NULL, &r);
	assert_string_equal(r.utf8, "<a");
	charset_result_free(&r);
	xml("\xff\xfe<\0\x00\xd8" "a\0\x00\xdc", 10, NULL, &r);
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_string_equal(r.utf8, "<a");
	assert_non_null(strstr(r.warning, "2 bad"));
	charset_result_free(&r);
	xml("\0\0\xfe\xff\0\0\0<\0\x11\0\0\0\0\0a", 16, NULL, &r);
	assert_string_equal(r.utf8, "<a");
	charset_result_free(&r);
	/* every byte value under every decoder, then random bytes */
	for (i = 0; i < 256; i++)
		buf[i] = (char)i;
	for (j = 0; j < sizeof(labels) / sizeof(labels[0]); j++) {
		snprintf(ct, sizeof(ct), "text/xml; charset=%s",
		    labels[j] ? labels[j] : "");
		xml(buf, 256, ct, &r);
		charset_result_free(&r);
		text(buf, 256, ct, NULL, &r);
		charset_result_free(&r);
	}
	for (i = 0; i < 3000; i++) {
		n = (seed = seed * 1103515245 + 12345) % sizeof(buf);
		for (j = 0; j < n; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = (char)(seed >> 16);
		}
		snprintf(ct, sizeof(ct), "text/xml; charset=%s",
		    labels[i % 16] ? labels[i % 16] : "");
		xml(buf, n, i % 3 ? ct : NULL, &r);
		charset_result_free(&r);
		text(buf, n, NULL, labels[i % 16], &r);
		charset_result_free(&r);
	}
}

static void
test_text(void **state)
{
	struct charset_result r;
	unsigned char buf[256];
	size_t n;

	(void)state;
	text("{\"t\":\"caf" EACUTE "\"}", 13, "application/json", NULL, &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.warning, "");
	charset_result_free(&r);
	/* HTTP charset, then fallback (<meta charset>) */
	text("<p>\xc0</p>", 8, "text/html; charset=windows-1251", "koi8-r",
	    &r);
	assert_string_equal(r.encoding, "windows-1251");
	charset_result_free(&r);
	text("<p>\xc0</p>", 8, "text/html", "koi8-r", &r);
	assert_string_equal(r.encoding, "KOI8-R");
	charset_result_free(&r);
	text("<p>\x93q\x94</p>", 10, NULL, NULL, &r);
	assert_string_equal(r.encoding, "windows-1252");
	assert_string_equal(r.utf8, "<p>" LDQUO "q" RDQUO "</p>");
	charset_result_free(&r);
	/* the BOM wins; a <meta> naming UTF-16 in ASCII bytes does not */
	text("\xef\xbb\xbf<p>" EACUTE "</p>", 12, "text/html; charset=latin1",
	    NULL, &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_string_equal(r.utf8, "<p>" EACUTE "</p>");
	charset_result_free(&r);
	text("<p>" EACUTE "</p>", 9, NULL, "utf-16", &r);
	assert_string_equal(r.encoding, "UTF-8");
	assert_non_null(strstr(r.warning, "utf-16"));
	charset_result_free(&r);
	/* JSON in UTF-16LE/UTF-32BE without a BOM (RFC 4627) */
	n = widen("{\"a\":\"" EACUTE "\"}", 2, 1, 0, buf);
	text((char *)buf, n, "application/json", NULL, &r);
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_string_equal(r.utf8, "{\"a\":\"" EACUTE "\"}");
	charset_result_free(&r);
	/* declared UTF-16, no BOM, no ASCII start: zero bytes tell */
	n = widen("\xe4\xb8\xad\xe6\x96\x87 text", 2, 1, 0, buf);
	text((char *)buf, n, "text/plain; charset=utf-16", NULL, &r);
	assert_string_equal(r.encoding, "UTF-16LE");
	assert_string_equal(r.utf8, "\xe4\xb8\xad\xe6\x96\x87 text");
	charset_result_free(&r);
	n = widen("\xe4\xb8\xad text", 4, 0, 0, buf);
	text((char *)buf, n, "text/plain; charset=utf-32", NULL, &r);
	assert_string_equal(r.encoding, "UTF-32BE");
	charset_result_free(&r);
	n = widen("[1]", 4, 0, 0, buf);
	text((char *)buf, n, NULL, NULL, &r);
	assert_string_equal(r.encoding, "UTF-32BE");
	assert_string_equal(r.utf8, "[1]");
	charset_result_free(&r);
}

/* Read a corpus file; NULL (and a message) when the corpus is absent. */
static char *
corpus_read(const char *name, size_t *len)
{
	char path[512], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s%s", CORPUS, name);
	if ((f = fopen(path, "rb")) == NULL) {
		print_message("corpus file %s missing: skipped\n", path);
		return NULL;
	}
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) >= 0);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* The "Header: Content-type: ..." of a corpus file, as served. */
static const char *
corpus_content_type(const char *buf, size_t len, char *ct, size_t size)
{
	const char *h = NULL, *p = buf, *e;
	size_t n;

	while ((p = memchr(p, 'C', len - (size_t)(p - buf))) != NULL) {
		if ((size_t)(buf + len - p) > 13 &&
		    strncmp(p, "Content-type:", 13) == 0) {
			h = p + 13;
			break;
		}
		p++;
	}
	if (h == NULL)
		return NULL;
	h += strspn(h, " ");
	e = strchr(h, '\n');
	n = e != NULL ? (size_t)(e - h) : strlen(h);
	if (n >= size)
		n = size - 1;
	memcpy(ct, h, n);
	ct[n] = '\0';
	return ct;
}

/* The charset an HTML page declares in a <meta>, as HTML's prescan
 * finds it. */
static void
test_html_meta(void **state)
{
	static const struct {
		const char	*page;
		const char	*want;		/* NULL: none */
	} cases[] = {
		{ "<html><head><meta charset=\"gbk\"><title>x", "gbk" },
		{ "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
		    "charset=big5\">", "big5" },
		{ "<meta content='text/html; charset=Shift_JIS' "
		    "http-equiv='content-type'>", "Shift_JIS" },
		{ "<meta charset=utf-8/>", "utf-8" },
		{ "<meta charset = 'GB2312' >", "GB2312" },
		{ "<meta name=x content=\"text/html; charset=big5\">", NULL },
		{ "<metadata charset=gbk>", NULL },
		{ "<p>no meta at all</p>", NULL },
		{ "<meta charset=", NULL },
		{ "<meta charset=\"\">", NULL },
	};
	char label[64], *late;
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = charsetname_html_meta(cases[i].page,
		    strlen(cases[i].page), label, sizeof(label));
		if (cases[i].want == NULL) {
			if (r != -1)
				fail_msg("%s: found %s", cases[i].page, label);
		} else if (r != 0 || strcmp(label, cases[i].want) != 0)
			fail_msg("%s: %s", cases[i].page, r == 0 ? label :
			    "(none)");
	}
	/* Only the head of the page is scanned. */
	late = malloc(CHARSETNAME_META_SCAN + 64);
	assert_non_null(late);
	memset(late, ' ', CHARSETNAME_META_SCAN);
	strcpy(late + CHARSETNAME_META_SCAN, "<meta charset=gbk>");
	assert_int_equal(charsetname_html_meta(late, strlen(late), label,
	    sizeof(label)), -1);
	free(late);
}

static void
test_corpus(void **state)
{
	/* want: our encoding; has: text that must appear (or NULL) */
	static const struct {
		const char *file, *want, *has;
	} c[] = {
		{ "big5.xml", "Big5", "<rss>" },
		{ "euc-kr.xml", "EUC-KR", "<title>\xeb\x85\x84</title>" },
		{ "euc-kr-item.xml", "EUC-KR", "\xeb\x85\x84</description>" },
		{ "http_application_atom_xml_gb2312_charset.xml", "GB18030",
		    NULL },
		{ "http_application_atom_xml_gb2312_encoding.xml", "GB18030",
		    NULL },
		{ "http_application_atom_xml_charset.xml", "windows-1252",
		    NULL },
		{ "http_application_atom_xml_default.xml", "UTF-8", NULL },
		{ "http_application_atom_xml_encoding.xml", "windows-1252",
		    NULL },
		{ "http_application_rss_xml_charset_overrides_encoding.xml",
		    "windows-1252", NULL },
		{ "http_application_xml_charset_overrides_encoding.xml",
		    "windows-1252", NULL },
		{ "http_application_xml_dtd_default.xml", "UTF-8", NULL },
		{ "http_application_xml_epe_encoding.xml", "windows-1252",
		    NULL },
		{ "http_text_xml_charset_2.xml", "windows-1252",
		    "This is a \xc2\xa3" LDQUO "test." RDQUO },
		{ "http_text_xml_charset_overrides_encoding_2.xml",
		    "windows-1252", "This is a \xc2\xa3" LDQUO "test." RDQUO },
		/* feedparser: us-ascii (RFC 3023); RFC 7303: no default */
		{ "http_text_xml_default.xml", "UTF-8", NULL },
		{ "http_text_atom_xml_default.xml", "UTF-8", NULL },
		{ "http_text_xml_qs.xml", "UTF-8", NULL },
		{ "http_text_xml_bogus_param.xml", "UTF-8", NULL },
		/* feedparser: us-ascii; RFC 7303: the declaration counts */
		{ "http_text_xml_epe_encoding.xml", "windows-1252", NULL },
		{ "http_text_rss_xml_encoding.xml", "windows-1252", NULL },
		{ "http_i18n.xml", "UTF-8", "I\xc3\xb1t\xc3\xabrn\xc3\xa2"
		    "ti\xc3\xb4n\xc3\xa0liz\xc3\xa6ti\xc3\xb8n" },
		{ "bozo_http_i18n.xml", "UTF-8", "I\xc3\xb1t\xc3\xabrn" },
		{ "bozo_http_text_plain_charset.xml", "UTF-8", NULL },
		{ "bozo_bogus_encoding.xml", "UTF-8", NULL },
		{ "demoronize-1.xml", "UTF-8", "don" RSQUO "t" },
		{ "no_content_type_encoding.xml", "windows-1252", NULL },
		{ "encoding_attribute_crash.xml", "UTF-8", NULL },
		{ "utf-8-bom.xml", "UTF-8", "<?xml" },
		{ "utf-16be.xml", "UTF-16BE", "<rss" },
		{ "utf-16be-autodetect.xml", "UTF-16BE", "<rss" },
		{ "utf-16le-autodetect.xml", "UTF-16LE", "<rss" },
		{ "utf-16le-bom.xml", "UTF-16LE", "<rss" },
		{ "utf-32be.xml", "UTF-32BE", "<rss" },
		{ "utf-32be-autodetect.xml", "UTF-32BE", "<rss" },
		{ "utf-32be-bom.xml", "UTF-32BE", "<rss" },
		{ "utf-32le.xml", "UTF-32LE", "<rss" },
		{ "utf-32le-bom.xml", "UTF-32LE", "<rss" },
		{ "u16.xml", "UTF-16BE", "<rss" },
		{ "utf_16.xml", "UTF-16BE", "<rss" },
		{ "utf_32.xml", "UTF-32BE", "<rss" },
		/* feedparser reads it all as windows-1252 (bozo); we keep
		 * the valid UTF-8 and read the stray byte as windows-1252 */
		{ "bozo_linenoise.xml", "UTF-8", RSQUO "<>" RDQUO "\xc2\xa9" },
	};
	struct charset_result r;
	char ctbuf[256], *buf;
	const char *ct;
	size_t i, len, missing = 0;

	(void)state;
	if ((buf = corpus_read("../README.md", &len)) == NULL)
		skip();
	free(buf);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		if ((buf = corpus_read(c[i].file, &len)) == NULL) {
			missing++;
			continue;
		}
		ct = corpus_content_type(buf, len, ctbuf, sizeof(ctbuf));
		xml(buf, len, ct, &r);
		if (strcmp(r.encoding, c[i].want) != 0)
			fail_msg("%s: encoding %s, want %s", c[i].file,
			    r.encoding, c[i].want);
		if (c[i].has != NULL && strstr(r.utf8, c[i].has) == NULL)
			fail_msg("%s: \"%s\" not found", c[i].file, c[i].has);
		if (strncmp(c[i].file, "bozo_", 5) != 0 &&
		    strcmp(r.encoding, "windows-1252") != 0 &&
		    strstr(c[i].file, "demoronize") == NULL &&
		    r.warning[0] != '\0')
			fail_msg("%s: unexpected warning: %s", c[i].file,
			    r.warning);
		charset_result_free(&r);
		free(buf);
	}
	if (missing > 0)
		skip();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_plain),
		cmocka_unit_test(test_html_meta),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_wide_without_bom),
		cmocka_unit_test(test_http_precedence),
		cmocka_unit_test(test_http_params),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_unknown_encoding),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
