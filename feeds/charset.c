/*
 * charset: which character encoding a fetched document is in, and its bytes
 * decoded to UTF-8. Owns which declaration wins, byte order mark and
 * UTF-16/32 sniffing, a UTF-8 validator and a windows-1252 decoder written
 * here (the common case and the fallback, both without iconv), the glibc
 * iconv calls for everything else, and dropping what XML 1.0 does not
 * allow. Encoding labels and reading declarations are charsetname's.
 *
 * XML precedence follows RFC 7303 section 3.2: a byte order mark is
 * authoritative, then the HTTP charset parameter, then the XML declaration
 * (read in UTF-16/32 when the first bytes say so, XML 1.0 appendix F), else
 * UTF-8. text/xml without a charset is not us-ascii (RFC 3023 said so; RFC
 * 7303 no longer does). Nothing here fails except malloc: a wrong or unknown
 * declaration falls back to UTF-8, then windows-1252, with a warning.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/charset.h"
#include "feeds/charsetname.h"

/* Bytes looked at for byte order guessing. */
#define CHARSET_SNIFF_LEN	1024

/* A declared encoding may misdecode one byte in this many and still win. */
#define CHARSET_ERR_RATIO	256

/* windows-1252 0x80-0x9f; the five holes map to C1 controls (WHATWG). */
static const uint16_t charset_cp1252_c1[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

enum charset_mode {
	CHARSET_XML,		/* drop what XML 1.0 does not allow */
	CHARSET_TEXT,		/* drop NUL only */
};

/* The UTF-8 being written. */
struct charset_out {
	char	*buf;		/* owns */
	size_t	 len;
	size_t	 cap;		/* of buf, one byte kept for the NUL */
	size_t	 removed;	/* characters dropped */
	size_t	 invalid;	/* bytes read as windows-1252 or replaced */
	size_t	 c1;		/* C1 controls read as windows-1252 */
	int	 full;		/* output did not fit (never expected) */
};

/* What one pass over supposed UTF-8 found. */
struct charset_scan {
	size_t	 invalid;	/* bytes not part of a valid sequence */
	size_t	 multibyte;	/* valid sequences of 2 to 4 bytes */
	size_t	 dropped;	/* characters the mode drops */
	size_t	 c1;		/* U+0080-U+009F that windows-1252 names */
};

static void
charset_warn(struct charset_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append one warning; several are joined with "; ". */
static void
charset_warn(struct charset_result *res, const char *fmt, ...)
{
	size_t used = strlen(res->warning);
	va_list ap;

	if (used > 0 && used + 2 < sizeof(res->warning)) {
		memcpy(res->warning + used, "; ", 3);
		used += 2;
	}
	if (used + 1 >= sizeof(res->warning))
		return;
	va_start(ap, fmt);
	vsnprintf(res->warning + used, sizeof(res->warning) - used, fmt, ap);
	va_end(ap);
}

static int
charset_is_wide(int id)
{
	return id >= CHARSETNAME_UTF16 && id <= CHARSETNAME_UTF32LE;
}

/* Whether two ids agree once the byte order of UTF-16/32 is known. */
static int
charset_same(int declared, int found)
{
	if (declared == CHARSETNAME_UTF16)
		return found == CHARSETNAME_UTF16BE ||
		    found == CHARSETNAME_UTF16LE;
	if (declared == CHARSETNAME_UTF32)
		return found == CHARSETNAME_UTF32BE ||
		    found == CHARSETNAME_UTF32LE;
	return declared == found;
}

/* A byte order mark: its encoding, and its length in *skip. */
static int
charset_bom(const unsigned char *p, size_t n, size_t *skip)
{
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
		*skip = 3;
		return CHARSETNAME_UTF8;
	}
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xfe && p[3] == 0xff) {
		*skip = 4;
		return CHARSETNAME_UTF32BE;
	}
	if (n >= 4 && p[0] == 0xff && p[1] == 0xfe && p[2] == 0 && p[3] == 0) {
		*skip = 4;
		return CHARSETNAME_UTF32LE;
	}
	*skip = 2;
	if (n >= 2 && p[0] == 0xfe && p[1] == 0xff)
		return CHARSETNAME_UTF16BE;
	if (n >= 2 && p[0] == 0xff && p[1] == 0xfe)
		return CHARSETNAME_UTF16LE;
	*skip = 0;
	return CHARSETNAME_NONE;
}

/*
 * UTF-16/32 without a byte order mark, told by where the zero bytes of the
 * first ASCII characters fall (XML 1.0 appendix F; RFC 4627 section 3 for
 * JSON): "00 00 00 3C" is UTF-32BE, "3C 00 3F 00" UTF-16LE, and so on.
 */
static int
charset_sniff_wide(const unsigned char *p, size_t n)
{
	if (n < 4)
		return CHARSETNAME_NONE;
	if (p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] != 0)
		return CHARSETNAME_UTF32BE;
	if (p[0] != 0 && p[1] == 0 && p[2] == 0 && p[3] == 0)
		return CHARSETNAME_UTF32LE;
	if (p[0] == 0 && p[1] != 0 && p[2] == 0 && p[3] != 0)
		return CHARSETNAME_UTF16BE;
	if (p[0] != 0 && p[1] == 0 && p[2] != 0 && p[3] == 0)
		return CHARSETNAME_UTF16LE;
	return CHARSETNAME_NONE;
}

/* Byte order of UTF-16/32 declared without a BOM: from the first bytes,
 * else from which byte of a code unit is more often zero, else big endian
 * (RFC 2781). */
static int
charset_wide_order(const unsigned char *p, size_t n, int id)
{
	size_t zeros[4] = { 0, 0, 0, 0 }, i, unit;
	int sniff = charset_sniff_wide(p, n);

	if (charset_same(id, sniff))
		return sniff;
	unit = id == CHARSETNAME_UTF16 ? 2 : 4;
	for (i = 0; i < n && i < CHARSET_SNIFF_LEN; i++)
		if (p[i] == 0)
			zeros[i % unit]++;
	if (id == CHARSETNAME_UTF16)
		return zeros[1] > zeros[0] ? CHARSETNAME_UTF16LE :
		    CHARSETNAME_UTF16BE;
	return zeros[3] > zeros[0] ? CHARSETNAME_UTF32LE : CHARSETNAME_UTF32BE;
}

/* Length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF) with its code point, or 0. */
static size_t
charset_utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	unsigned char c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xf4 || n < 2 || (p[1] & 0xc0) != 0x80)
		return 0;
	if (c < 0xe0) {
		*cp = (uint32_t)(c & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (n < 3 || (p[2] & 0xc0) != 0x80)
		return 0;
	if (c < 0xf0) {
		*cp = (uint32_t)(c & 0x0f) << 12 |
		    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		if (*cp < 0x800 || (*cp >= 0xd800 && *cp <= 0xdfff))
			return 0;
		return 3;
	}
	if (n < 4 || (p[3] & 0xc0) != 0x80)
		return 0;
	*cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
	    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
	if (*cp < 0x10000 || *cp > 0x10ffff)
		return 0;
	return 4;
}

/* Whether the mode drops this character: XML 1.0 section 2.2 (Char). */
static int
charset_drops(uint32_t cp, int mode)
{
	if (mode == CHARSET_TEXT)
		return cp == 0;
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return cp == 0xfffe || cp == 0xffff;
}

/*
 * A C1 control that windows-1252 gives a meaning: U+0092 in UTF-8 is a
 * windows-1252 apostrophe once taken for ISO-8859-1 and converted (what
 * feedparser calls demoronizing, and what HTML does for &#146;).
 */
static int
charset_is_c1(uint32_t cp)
{
	return cp >= 0x80 && cp < 0xa0 && charset_cp1252_c1[cp - 0x80] != cp;
}

/* Whether 8 bytes are ASCII that the mode keeps, tested a word at a time
 * ("has a byte less than n" from Sean Anderson's bit hacks). */
static int
charset_word_clean(const unsigned char *p, int mode)
{
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, lim;

	memcpy(&w, p, sizeof(w));
	if (w & high)
		return 0;
	lim = mode == CHARSET_XML ? 0x20 : 0x01;
	return ((w - lim * ones) & ~w & high) == 0;
}

/* One validation pass over supposed UTF-8: the common case needs nothing
 * more than this and a memcpy. */
static void
charset_scan_utf8(const unsigned char *p, size_t n, int mode,
    struct charset_scan *s)
{
	size_t i = 0, k;
	uint32_t cp;

	memset(s, 0, sizeof(*s));
	while (i < n) {
		if (n - i >= 8 && charset_word_clean(p + i, mode)) {
			i += 8;
			continue;
		}
		if (p[i] < 0x80) {
			if (p[i] < 0x20 && charset_drops(p[i], mode))
				s->dropped++;
			i++;
			continue;
		}
		if ((k = charset_utf8_seq(p + i, n - i, &cp)) == 0) {
			s->invalid++;
			i++;
			continue;
		}
		s->multibyte++;
		if (k == 3 && cp >= 0xfffe && charset_drops(cp, mode))
			s->dropped++;
		else if (k == 2 && charset_is_c1(cp))
			s->c1++;
		i += k;
	}
}

static void
charset_put(struct charset_out *o, const void *src, size_t n)
{
	if (n > o->cap - 1 - o->len) {
		o->full = 1;
		return;
	}
	memmove(o->buf + o->len, src, n);
	o->len += n;
}

static void
charset_put_cp(struct charset_out *o, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | cp >> 6);
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else {
		b[0] = (unsigned char)(0xe0 | cp >> 12);
		b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	}
	charset_put(o, b, n);
}

static uint32_t
charset_cp1252(unsigned char c)
{
	return c >= 0x80 && c < 0xa0 ? charset_cp1252_c1[c - 0x80] : c;
}

/*
 * Copy UTF-8, dropping what the mode drops. With repair set, a byte that
 * is not part of a valid sequence is read as windows-1252 (see
 * charset_run_utf8) and so is a C1 control (charset_is_c1); without, the
 * byte is dropped, the control kept, and the output never outgrows the
 * input, so src may be o->buf itself (filtering in place).
 */
static void
charset_copy_utf8(const unsigned char *src, size_t n, int mode, int repair,
    struct charset_out *o)
{
	size_t i = 0, run = 0, k;
	uint32_t cp = 0;

	while (i < n) {
		if (n - i >= 8 && charset_word_clean(src + i, mode)) {
			i += 8;
			continue;
		}
		k = charset_utf8_seq(src + i, n - i, &cp);
		if (k != 0 && !charset_drops(cp, mode) &&
		    !(repair && k == 2 && charset_is_c1(cp))) {
			i += k;
			continue;
		}
		charset_put(o, src + run, i - run);
		if (k == 0) {
			k = 1;
			o->invalid++;
			if (repair)
				charset_put_cp(o, charset_cp1252(src[i]));
			else
				o->removed++;
		} else if (charset_drops(cp, mode))
			o->removed++;
		else {
			o->c1++;
			charset_put_cp(o, charset_cp1252((unsigned char)cp));
		}
		i += k;
		run = i;
	}
	charset_put(o, src + run, n - run);
}

/* Decode windows-1252 (and so ISO-8859-1 and US-ASCII); it cannot fail. */
static void
charset_copy_cp1252(const unsigned char *src, size_t n, int mode,
    struct charset_out *o)
{
	size_t i, run = 0;
	uint32_t cp;

	for (i = 0; i < n; i++) {
		if ((src[i] >= 0x20 && src[i] < 0x80) || src[i] == '\n' ||
		    src[i] == '\t' || src[i] == '\r')
			continue;
		charset_put(o, src + run, i - run);
		run = i + 1;
		cp = charset_cp1252(src[i]);
		if (charset_drops(cp, mode))
			o->removed++;
		else
			charset_put_cp(o, cp);
	}
	charset_put(o, src + run, n - run);
}

/*
 * Decode with iconv, going on past errors: a bad byte becomes U+FFFD
 * (unit 1) or a bad code unit of UTF-16/32 (a lone surrogate, a truncated
 * end) is dropped. -1 when iconv has no such converter.
 */
static int
charset_iconv(const char *from, const unsigned char *src, size_t n,
    size_t unit, struct charset_out *o, size_t *errors)
{
	iconv_t cd;
	char *in = (char *)(uintptr_t)src, *out = o->buf + o->len;
	size_t inleft = n, outleft = o->cap - 1 - o->len, skip;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -1;
	*errors = 0;
	while (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		if (errno != EILSEQ && errno != EINVAL) {
			o->full = 1;
			break;
		}
		(*errors)++;
		skip = errno == EILSEQ && unit < inleft ? unit : inleft;
		in += skip;
		inleft -= skip;
		if (unit == 1 && outleft >= 3) {
			memcpy(out, "\xef\xbf\xbd", 3);
			out += 3;
			outleft -= 3;
		}
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv(cd, NULL, NULL, &out, &outleft);
	iconv_close(cd);
	o->len = (size_t)(out - o->buf);
	return 0;
}

/* Room for n input bytes decoding at most ratio output bytes each; never
 * more than 4n + 16 in all. */
static int
charset_out_alloc(struct charset_out *o, size_t n, size_t ratio)
{
	memset(o, 0, sizeof(*o));
	if (n > (SIZE_MAX - 16) / 4)
		return -1;
	o->cap = n * ratio + 16;
	if ((o->buf = malloc(o->cap)) == NULL)
		return -1;
	return 0;
}

/* Hand the output to res, with warnings for what was dropped. */
static int
charset_finish(struct charset_out *o, const char *name, int mode,
    struct charset_result *res)
{
	char *shrunk;

	if (o->c1 > 0)
		charset_warn(res, "%zu C1 controls read as windows-1252",
		    o->c1);
	if (o->removed > 0)
		charset_warn(res, "%zu %s removed", o->removed,
		    mode == CHARSET_XML ? "control characters" :
		    "NUL characters");
	if (o->full)
		charset_warn(res, "decoded text truncated");
	o->buf[o->len] = '\0';
	if (o->cap - o->len > o->len / 4 + 64 &&
	    (shrunk = realloc(o->buf, o->len + 1)) != NULL)
		o->buf = shrunk;
	res->utf8 = o->buf;
	res->len = o->len;
	snprintf(res->encoding, sizeof(res->encoding), "%s", name);
	return 0;
}

/*
 * Decode what should be UTF-8; claim says why it is read so, for the
 * warning (NULL: UTF-8 was declared, or nothing). Valid: copied, with one
 * memcpy when nothing is dropped. Not valid, two cases. When valid
 * multi-byte sequences outnumber the bad bytes, it is UTF-8 with a few
 * stray windows-1252 bytes (a feed pasting text from several sources) and
 * each bad byte is read as windows-1252: that keeps the UTF-8 text and the
 * smart quotes both readable, where U+FFFD would lose the quotes and
 * decoding it all as windows-1252 would garble the UTF-8. Otherwise the
 * whole document is windows-1252, the most common mislabelled encoding.
 */
static int
charset_run_utf8(const unsigned char *p, size_t n, int mode,
    const char *claim, struct charset_result *res)
{
	struct charset_scan s;
	struct charset_out o;
	const char *name = "UTF-8";
	size_t ratio;

	charset_scan_utf8(p, n, mode, &s);
	ratio = s.invalid == 0 && s.c1 == 0 ? 1 : 3;
	if (charset_out_alloc(&o, n, ratio) == -1)
		return -1;
	if (s.invalid == 0) {
		if (s.dropped == 0 && s.c1 == 0 && n > 0) {
			memcpy(o.buf, p, n);
			o.len = n;
		} else
			charset_copy_utf8(p, n, mode, 1, &o);
		if (claim != NULL)
			charset_warn(res, "%s; read as UTF-8", claim);
	} else if (s.multibyte > s.invalid) {
		charset_copy_utf8(p, n, mode, 1, &o);
		charset_warn(res, "%s%s%zu bytes not valid UTF-8 read as "
		    "windows-1252", claim != NULL ? claim : "",
		    claim != NULL ? "; " : "", s.invalid);
	} else {
		charset_copy_cp1252(p, n, mode, &o);
		name = "windows-1252";
		charset_warn(res, "%s; read as windows-1252",
		    claim != NULL ? claim : "not valid UTF-8");
	}
	return charset_finish(&o, name, mode, res);
}

/*
 * Decode with iconv. Bytes not valid in the declared encoding mean the
 * declaration is wrong: UTF-8 if the bytes are valid UTF-8, else the
 * declared encoding with U+FFFD if the errors are rare, else the UTF-8 /
 * windows-1252 guess. UTF-16/32 keep their encoding (the BOM or the bytes
 * said so) and lose the bad code units.
 */
static int
charset_run_iconv(const unsigned char *p, size_t n, int id, int mode,
    struct charset_result *res)
{
	const char *from = charsetname_iconv(id), *name = charsetname_name(id);
	struct charset_scan s;
	struct charset_out o;
	char claim[96];
	size_t errors, unit = 1, dlen;

	if (charset_is_wide(id))
		unit = id == CHARSETNAME_UTF16BE ||
		    id == CHARSETNAME_UTF16LE ? 2 : 4;
	if (charset_out_alloc(&o, n, 4) == -1)
		return -1;
	if (charset_iconv(from, p, n, unit, &o, &errors) == -1) {
		free(o.buf);
		snprintf(claim, sizeof(claim), "no decoder for %s", name);
		return charset_run_utf8(p, n, mode, claim, res);
	}
	if (errors > 0 && unit == 1) {
		charset_scan_utf8(p, n, mode, &s);
		if ((s.invalid == 0 && s.multibyte > 0) ||
		    errors > n / CHARSET_ERR_RATIO) {
			free(o.buf);
			snprintf(claim, sizeof(claim), "not valid %s", name);
			return charset_run_utf8(p, n, mode, claim, res);
		}
		charset_warn(res, "%zu bytes not valid %s replaced", errors,
		    name);
	} else if (errors > 0)
		charset_warn(res, "%zu bad %s code units dropped", errors,
		    name);
	dlen = o.len;
	o.len = 0;
	charset_copy_utf8((const unsigned char *)o.buf, dlen, mode, 0, &o);
	return charset_finish(&o, name, mode, res);
}

/* Decode p[0..n) as id (label: what was declared, for warnings). */
static int
charset_run(const unsigned char *p, size_t n, int id, const char *label,
    int mode, struct charset_result *res)
{
	struct charset_out o;
	char claim[96];

	if (id == CHARSETNAME_UTF16 || id == CHARSETNAME_UTF32)
		id = charset_wide_order(p, n, id);
	switch (id) {
	case CHARSETNAME_NONE:
	case CHARSETNAME_UTF8:
		return charset_run_utf8(p, n, mode, NULL, res);
	case CHARSETNAME_UNKNOWN:
		snprintf(claim, sizeof(claim),
		    "declared encoding '%s' is unknown", label);
		return charset_run_utf8(p, n, mode, claim, res);
	case CHARSETNAME_CP1252:
		if (charset_out_alloc(&o, n, 3) == -1)
			return -1;
		charset_copy_cp1252(p, n, mode, &o);
		return charset_finish(&o, "windows-1252", mode, res);
	default:
		return charset_run_iconv(p, n, id, mode, res);
	}
}

/*
 * XML without a byte order mark: the HTTP charset (id, label) unless the
 * first bytes show UTF-16/32, which no ASCII-compatible encoding can
 * produce; else the XML declaration; a UTF-16/32 name on a document
 * whose first bytes are ASCII is a mistake (XML 1.0 appendix F) and read
 * as UTF-8.
 */
static int
charset_xml_pick(const unsigned char *p, size_t n, int id, const char *label,
    char *decl, size_t declsize, struct charset_result *res)
{
	int sniff = charset_sniff_wide(p, n);

	if (label == NULL &&
	    charsetname_xml_decl(p, n, sniff, decl, declsize) == 0) {
		label = decl;
		id = charsetname_lookup(decl);
	}
	if (sniff != CHARSETNAME_NONE) {
		if (label != NULL && !charset_same(id, sniff))
			charset_warn(res, "declared encoding '%s' is not "
			    "what the document is in; read as %s", label,
			    charsetname_name(sniff));
		return sniff;
	}
	if (label != NULL && charset_is_wide(id)) {
		charset_warn(res, "declared encoding '%s' is not what the "
		    "document is in", label);
		return CHARSETNAME_NONE;
	}
	return id;
}

int
charset_decode_xml(const char *buf, size_t len, const char *content_type,
    struct charset_result *res, char *err, size_t errlen)
{
	const unsigned char *p = (const unsigned char *)(buf ? buf : "");
	char http[CHARSET_NAME_LEN], decl[CHARSET_NAME_LEN] = "";
	const char *label = NULL;
	size_t skip;
	int bom, id = CHARSETNAME_NONE;

	memset(res, 0, sizeof(*res));
	if (buf == NULL)
		len = 0;
	if (content_type != NULL &&
	    charsetname_http(content_type, http, sizeof(http)) == 0) {
		label = http;
		id = charsetname_lookup(http);
	}
	bom = charset_bom(p, len, &skip);
	if (bom != CHARSETNAME_NONE) {
		if (label != NULL && !charset_same(id, bom))
			charset_warn(res, "HTTP charset '%s' overridden by "
			    "the byte order mark", label);
		id = bom;
	} else
		id = charset_xml_pick(p, len, id, label, decl, sizeof(decl),
		    res);
	if (charset_run(p + skip, len - skip, id, id == CHARSETNAME_UNKNOWN ?
	    (label != NULL ? label : decl) : NULL, CHARSET_XML, res) == -1) {
		snprintf(err, errlen, "out of memory decoding the document");
		memset(res, 0, sizeof(*res));
		return -1;
	}
	return 0;
}

/*
 * Text: the same order as XML, with HTML's <meta charset> (fallback) in
 * place of the XML declaration; UTF-16/32 named by a fallback found in
 * ASCII bytes is a mistake and read as UTF-8 (WHATWG does the same), and
 * with nothing declared the zero bytes of UTF-16/32 JSON are recognized
 * (RFC 4627 section 3).
 */
static int
charset_text_pick(const unsigned char *p, size_t n, const char *ct,
    const char *fallback, char *label, size_t size,
    struct charset_result *res)
{
	int id;

	if (ct != NULL && charsetname_http(ct, label, size) == 0)
		return charsetname_lookup(label);
	if (fallback == NULL ||
	    charsetname_label(label, size, fallback, strlen(fallback)) == -1)
		return charset_sniff_wide(p, n);
	id = charsetname_lookup(label);
	if (charset_is_wide(id)) {
		charset_warn(res, "declared encoding '%s' is not what the "
		    "document is in", label);
		return CHARSETNAME_NONE;
	}
	return id;
}

/*
 * Only NUL is dropped from text: other controls are legal in HTML text,
 * and JSON carries them escaped, so a raw one is left for the JSON parser
 * to judge rather than silently changing the document.
 */
int
charset_decode_text(const char *buf, size_t len, const char *content_type,
    const char *fallback_charset, struct charset_result *res, char *err,
    size_t errlen)
{
	const unsigned char *p = (const unsigned char *)(buf ? buf : "");
	char label[CHARSET_NAME_LEN] = "";
	size_t skip;
	int id;

	memset(res, 0, sizeof(*res));
	if (buf == NULL)
		len = 0;
	if ((id = charset_bom(p, len, &skip)) == CHARSETNAME_NONE)
		id = charset_text_pick(p, len, content_type, fallback_charset,
		    label, sizeof(label), res);
	if (charset_run(p + skip, len - skip, id, label, CHARSET_TEXT,
	    res) == -1) {
		snprintf(err, errlen, "out of memory decoding the document");
		memset(res, 0, sizeof(*res));
		return -1;
	}
	return 0;
}

void
charset_result_free(struct charset_result *res)
{
	if (res == NULL)
		return;
	free(res->utf8);
	res->utf8 = NULL;
	res->len = 0;
}

int
charset_decode_html(const char *buf, size_t len, const char *content_type,
    struct charset_result *res, char *err, size_t errlen)
{
	char meta[CHARSET_NAME_LEN];

	if (charsetname_html_meta(buf, len, meta, sizeof(meta)) == -1)
		meta[0] = '\0';
	return charset_decode_text(buf, len, content_type, meta[0] != '\0' ?
	    meta : NULL, res, err, errlen);
}
