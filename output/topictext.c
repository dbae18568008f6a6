/*
 * Topic text: UTF-8 decoding and encoding, locale-free case folding of the
 * common alphabets, word-boundary classes for every common script, and the
 * ASCII spellings of Latin letters for slugs. Everything is a sorted table
 * of code point ranges searched with bsearch; what is not listed folds to
 * itself, is no letter (a boundary) and has no ASCII form.
 */
#include <stdlib.h>

#include "output/topictext.h"

/* The head of every table row, so that one comparison serves all. */
struct topictext_range {
	uint32_t	 lo, hi;
};

enum topictext_fold_kind {
	TOPICTEXT_DELTA,	/* add delta to every code point in range */
	TOPICTEXT_ALT,		/* upper and lower alternate, upper first:
				 * add delta to every other one */
	TOPICTEXT_SPACE,	/* white space: becomes ' ' */
	TOPICTEXT_DROP		/* invisible inside words: removed */
};

struct topictext_fold {
	struct topictext_range	 r;
	enum topictext_fold_kind kind;
	int32_t			 delta;
};

#define D(lo, hi, d)	{ { lo, hi }, TOPICTEXT_DELTA, d }
#define A(lo, hi)	{ { lo, hi }, TOPICTEXT_ALT, 1 }
#define SP(lo, hi)	{ { lo, hi }, TOPICTEXT_SPACE, 0 }
#define DR(lo, hi)	{ { lo, hi }, TOPICTEXT_DROP, 0 }

/*
 * Simple lower-case mappings above ASCII (Unicode's CaseFolding.txt, C
 * and S entries, for the alphabets news is written in), plus white space
 * and invisible characters. Keep sorted, ranges disjoint; a mapping never
 * makes the UTF-8 longer (topictext_norm relies on it), which is why
 * U+023A and U+023E, whose lower case is in U+2C65.., are left out.
 */
static const struct topictext_fold topictext_folds[] = {
	SP(0x0080, 0x00a0),	/* C1 controls, NEL, NO-BREAK SPACE */
	DR(0x00ad, 0x00ad),	/* SOFT HYPHEN */
	D(0x00c0, 0x00d6, 32), D(0x00d8, 0x00de, 32),
	A(0x0100, 0x012f), D(0x0130, 0x0130, 0x69 - 0x130),
	A(0x0132, 0x0137), A(0x0139, 0x0148), A(0x014a, 0x0177),
	D(0x0178, 0x0178, 0xff - 0x178), A(0x0179, 0x017e),
	D(0x017f, 0x017f, 0x73 - 0x17f),
	D(0x0181, 0x0181, 210), A(0x0182, 0x0185), D(0x0186, 0x0186, 206),
	D(0x0187, 0x0187, 1), D(0x0189, 0x018a, 205), D(0x018b, 0x018b, 1),
	D(0x018e, 0x018e, 79), D(0x018f, 0x018f, 202),
	D(0x0190, 0x0190, 203), D(0x0191, 0x0191, 1),
	D(0x0193, 0x0193, 205), D(0x0194, 0x0194, 207),
	D(0x0196, 0x0196, 211), D(0x0197, 0x0197, 209),
	D(0x0198, 0x0198, 1), D(0x019c, 0x019c, 211),
	D(0x019d, 0x019d, 213), D(0x019f, 0x019f, 214),
	A(0x01a0, 0x01a5), D(0x01a6, 0x01a6, 218), D(0x01a7, 0x01a7, 1),
	D(0x01a9, 0x01a9, 218), D(0x01ac, 0x01ac, 1),
	D(0x01ae, 0x01ae, 218), D(0x01af, 0x01af, 1),
	D(0x01b1, 0x01b2, 217), A(0x01b3, 0x01b6), D(0x01b7, 0x01b7, 219),
	D(0x01b8, 0x01b8, 1), D(0x01bc, 0x01bc, 1),
	D(0x01c4, 0x01c4, 2), D(0x01c5, 0x01c5, 1),
	D(0x01c7, 0x01c7, 2), D(0x01c8, 0x01c8, 1),
	D(0x01ca, 0x01ca, 2), A(0x01cb, 0x01dc), A(0x01de, 0x01ef),
	D(0x01f1, 0x01f1, 2), D(0x01f2, 0x01f2, 1), D(0x01f4, 0x01f4, 1),
	D(0x01f6, 0x01f6, -97), D(0x01f7, 0x01f7, -56), A(0x01f8, 0x021f),
	D(0x0220, 0x0220, -130), A(0x0222, 0x0233), D(0x023b, 0x023b, 1),
	D(0x023d, 0x023d, -163), D(0x0241, 0x0241, 1),
	D(0x0243, 0x0243, -195), D(0x0244, 0x0244, 69),
	D(0x0245, 0x0245, 71), A(0x0246, 0x024f),
	A(0x0370, 0x0373), D(0x0376, 0x0376, 1), D(0x037f, 0x037f, 116),
	D(0x0386, 0x0386, 38), D(0x0388, 0x038a, 37), D(0x038c, 0x038c, 64),
	D(0x038e, 0x038f, 63), D(0x0391, 0x03a1, 32), D(0x03a3, 0x03ab, 32),
	D(0x03c2, 0x03c2, 1),	/* final sigma */
	D(0x03cf, 0x03cf, 8), A(0x03d8, 0x03ef), D(0x03f4, 0x03f4, -60),
	D(0x03f7, 0x03f7, 1), D(0x03f9, 0x03f9, -7), D(0x03fa, 0x03fa, 1),
	D(0x03fd, 0x03ff, -130),
	D(0x0400, 0x040f, 80), D(0x0410, 0x042f, 32), A(0x0460, 0x0481),
	A(0x048a, 0x04bf), D(0x04c0, 0x04c0, 15), A(0x04c1, 0x04ce),
	A(0x04d0, 0x052f),
	D(0x0531, 0x0556, 48),
	D(0x10a0, 0x10c5, 7264), D(0x10c7, 0x10c7, 7264),
	D(0x10cd, 0x10cd, 7264),
	SP(0x1680, 0x1680),
	A(0x1e00, 0x1e95), D(0x1e9e, 0x1e9e, 0xdf - 0x1e9e), A(0x1ea0, 0x1eff),
	D(0x1f08, 0x1f0f, -8), D(0x1f18, 0x1f1d, -8), D(0x1f28, 0x1f2f, -8),
	D(0x1f38, 0x1f3f, -8), D(0x1f48, 0x1f4d, -8), D(0x1f59, 0x1f59, -8),
	D(0x1f5b, 0x1f5b, -8), D(0x1f5d, 0x1f5d, -8), D(0x1f5f, 0x1f5f, -8),
	D(0x1f68, 0x1f6f, -8), D(0x1f88, 0x1f8f, -8), D(0x1f98, 0x1f9f, -8),
	D(0x1fa8, 0x1faf, -8), D(0x1fb8, 0x1fb9, -8), D(0x1fba, 0x1fbb, -74),
	D(0x1fbc, 0x1fbc, -9), D(0x1fc8, 0x1fcb, -86), D(0x1fcc, 0x1fcc, -9),
	D(0x1fd8, 0x1fd9, -8), D(0x1fda, 0x1fdb, -100), D(0x1fe8, 0x1fe9, -8),
	D(0x1fea, 0x1feb, -112), D(0x1fec, 0x1fec, -7),
	D(0x1ff8, 0x1ff9, -128), D(0x1ffa, 0x1ffb, -126),
	D(0x1ffc, 0x1ffc, -9),
	SP(0x2000, 0x200b),	/* EN QUAD .. ZERO WIDTH SPACE */
	DR(0x200c, 0x200d),	/* ZERO WIDTH (NON-)JOINER */
	SP(0x2028, 0x2029), SP(0x202f, 0x202f), SP(0x205f, 0x205f),
	DR(0x2060, 0x2060),	/* WORD JOINER */
	D(0x2126, 0x2126, 0x3c9 - 0x2126), D(0x212a, 0x212a, 0x6b - 0x212a),
	D(0x212b, 0x212b, 0xe5 - 0x212b), D(0x2160, 0x216f, 16),
	D(0x24b6, 0x24cf, 26),
	SP(0x3000, 0x3000),	/* IDEOGRAPHIC SPACE */
	DR(0xfe00, 0xfe0f),	/* variation selectors */
	DR(0xfeff, 0xfeff),	/* ZERO WIDTH NO-BREAK SPACE */
	D(0xff01, 0xff20, -0xfee0),	/* fullwidth ASCII */
	D(0xff21, 0xff3a, 0x61 - 0xff21),
	D(0xff3b, 0xff5e, -0xfee0),
};

struct topictext_cls {
	struct topictext_range	 r;
	enum topictext_class	 cls;
};

#define W(lo, hi)	{ { lo, hi }, TOPICTEXT_WORD }
#define X(lo, hi)	{ { lo, hi }, TOPICTEXT_DENSE }

/*
 * Letters, digits and combining marks above ASCII, by script; the rest
 * (punctuation, symbols, emoji) is a boundary. Scripts written without
 * spaces between words are dense. Keep sorted, ranges disjoint.
 */
static const struct topictext_cls topictext_classes[] = {
	W(0x00aa, 0x00aa), W(0x00b5, 0x00b5), W(0x00ba, 0x00ba),
	W(0x00c0, 0x00d6), W(0x00d8, 0x00f6), W(0x00f8, 0x02c1),
	W(0x02c6, 0x02d1), W(0x02e0, 0x02e4), W(0x02ec, 0x02ec),
	W(0x02ee, 0x02ee), W(0x0300, 0x0374), W(0x0376, 0x037d),
	W(0x037f, 0x037f), W(0x0386, 0x0386), W(0x0388, 0x0481),
	W(0x0483, 0x052f), W(0x0531, 0x0556), W(0x0559, 0x0559),
	W(0x0560, 0x0588), W(0x0591, 0x05bd), W(0x05bf, 0x05bf),
	W(0x05c1, 0x05c2), W(0x05c4, 0x05c5), W(0x05c7, 0x05c7),
	W(0x05d0, 0x05ea), W(0x05ef, 0x05f2), W(0x0610, 0x061a),
	W(0x0620, 0x0669), W(0x066e, 0x06d3), W(0x06d5, 0x06dc),
	W(0x06df, 0x06e8), W(0x06ea, 0x06fc), W(0x06ff, 0x06ff),
	W(0x0710, 0x074a), W(0x0750, 0x077f), W(0x0780, 0x07b1),
	W(0x08a0, 0x08ff), W(0x0900, 0x0963),
	W(0x0966, 0x096f), W(0x0971, 0x0dff),
	X(0x0e00, 0x0fff),	/* Thai, Lao, Tibetan */
	X(0x1000, 0x109f),	/* Myanmar */
	W(0x10a0, 0x10ff),
	X(0x1100, 0x11ff),	/* Hangul Jamo */
	W(0x1200, 0x139f), W(0x13a0, 0x13ff),
	X(0x1780, 0x17ff),	/* Khmer */
	W(0x1810, 0x18aa),
	W(0x1c80, 0x1c88), W(0x1d00, 0x1fbc), W(0x1fbe, 0x1fbe),
	W(0x1fc2, 0x1fcc), W(0x1fd0, 0x1fdb), W(0x1fe0, 0x1fec),
	W(0x1ff2, 0x1ffc), W(0x20d0, 0x20ff), W(0x2c00, 0x2d2f),
	W(0x2de0, 0x2dff),
	X(0x2e80, 0x2fdf),	/* CJK radicals */
	X(0x3005, 0x3007), X(0x3021, 0x3029), X(0x3031, 0x3035),
	X(0x3038, 0x303c),
	X(0x3041, 0x30ff),	/* hiragana, katakana */
	X(0x3105, 0x312f), X(0x3131, 0x318e), X(0x31a0, 0x31bf),
	X(0x31f0, 0x31ff),
	X(0x3400, 0x4dbf), X(0x4e00, 0x9fff), X(0xa000, 0xa4cf),
	W(0xa640, 0xa69f), W(0xa720, 0xa7ff),
	X(0xac00, 0xd7ff),	/* Hangul syllables */
	X(0xf900, 0xfaff), W(0xfb00, 0xfb06), W(0xfb1d, 0xfdfb),
	W(0xfe70, 0xfefc), W(0xff10, 0xff19), W(0xff21, 0xff3a),
	W(0xff41, 0xff5a),
	X(0xff66, 0xffdc),	/* halfwidth katakana and hangul */
	X(0x20000, 0x3ffff),	/* CJK extensions B and later */
};

struct topictext_ascii {
	struct topictext_range	 r;
	const char		*s;
};

/*
 * ASCII spellings of folded Latin letters (lower-case rows; the upper-case
 * code points inside a range are never looked up). Keep sorted, disjoint.
 */
static const struct topictext_ascii topictext_asciis[] = {
	{ { 0x00df, 0x00df }, "ss" }, { { 0x00e0, 0x00e5 }, "a" },
	{ { 0x00e6, 0x00e6 }, "ae" }, { { 0x00e7, 0x00e7 }, "c" },
	{ { 0x00e8, 0x00eb }, "e" }, { { 0x00ec, 0x00ef }, "i" },
	{ { 0x00f0, 0x00f0 }, "d" }, { { 0x00f1, 0x00f1 }, "n" },
	{ { 0x00f2, 0x00f6 }, "o" }, { { 0x00f8, 0x00f8 }, "o" },
	{ { 0x00f9, 0x00fc }, "u" }, { { 0x00fd, 0x00fd }, "y" },
	{ { 0x00fe, 0x00fe }, "th" }, { { 0x00ff, 0x00ff }, "y" },
	{ { 0x0100, 0x0105 }, "a" }, { { 0x0106, 0x010d }, "c" },
	{ { 0x010e, 0x0111 }, "d" }, { { 0x0112, 0x011b }, "e" },
	{ { 0x011c, 0x0123 }, "g" }, { { 0x0124, 0x0127 }, "h" },
	{ { 0x0128, 0x0131 }, "i" }, { { 0x0132, 0x0133 }, "ij" },
	{ { 0x0134, 0x0135 }, "j" }, { { 0x0136, 0x0138 }, "k" },
	{ { 0x0139, 0x0142 }, "l" }, { { 0x0143, 0x014b }, "n" },
	{ { 0x014c, 0x0151 }, "o" }, { { 0x0152, 0x0153 }, "oe" },
	{ { 0x0154, 0x0159 }, "r" }, { { 0x015a, 0x0161 }, "s" },
	{ { 0x0162, 0x0167 }, "t" }, { { 0x0168, 0x0173 }, "u" },
	{ { 0x0174, 0x0175 }, "w" }, { { 0x0176, 0x0178 }, "y" },
	{ { 0x0179, 0x017e }, "z" }, { { 0x017f, 0x017f }, "s" },
	{ { 0x0180, 0x0180 }, "b" }, { { 0x0192, 0x0192 }, "f" },
	{ { 0x01a0, 0x01a1 }, "o" }, { { 0x01af, 0x01b0 }, "u" },
	{ { 0x01cd, 0x01ce }, "a" }, { { 0x01cf, 0x01d0 }, "i" },
	{ { 0x01d1, 0x01d2 }, "o" }, { { 0x01d3, 0x01dc }, "u" },
	{ { 0x0218, 0x0219 }, "s" }, { { 0x021a, 0x021b }, "t" },
	{ { 0x0259, 0x0259 }, "e" },
	{ { 0x1ea0, 0x1eb7 }, "a" }, { { 0x1eb8, 0x1ec7 }, "e" },
	{ { 0x1ec8, 0x1ecb }, "i" }, { { 0x1ecc, 0x1ee3 }, "o" },
	{ { 0x1ee4, 0x1ef1 }, "u" }, { { 0x1ef2, 0x1ef9 }, "y" },
	{ { 0xfb00, 0xfb00 }, "ff" }, { { 0xfb01, 0xfb01 }, "fi" },
	{ { 0xfb02, 0xfb02 }, "fl" },
};

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* bsearch comparison of a code point with a table row's range. */
static int
topictext_range_cmp_cb(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct topictext_range *r = elem;

	if (cp < r->lo)
		return -1;
	return cp > r->hi ? 1 : 0;
}

/* The length of the sequence at s[0..avail), 0 when malformed. */
static size_t
topictext_decode_n(const unsigned char *s, size_t avail, uint32_t *cp)
{
	size_t i, n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if (i >= avail || (s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return n;
}

size_t
topictext_decode(const char *s, uint32_t *cp)
{
	size_t n;

	if (s[0] == '\0') {
		*cp = 0;
		return 0;
	}
	/* A NUL is no continuation byte: the scan stops there. */
	if ((n = topictext_decode_n((const unsigned char *)s, 4, cp)) == 0) {
		*cp = 0xfffd;
		n = 1;
	}
	return n;
}

uint32_t
topictext_prev(const char *s, const char *p)
{
	const char *q;
	uint32_t cp;

	if (p <= s)
		return 0;
	for (q = p - 1; q > s && p - q < 4 &&
	    ((unsigned char)*q & 0xc0) == 0x80; q--)
		continue;
	if (topictext_decode_n((const unsigned char *)q, (size_t)(p - q),
	    &cp) != (size_t)(p - q))
		return 0xfffd;
	return cp;
}

size_t
topictext_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

int
topictext_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = topictext_decode_n(p + i, n - i, &cp)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* The folded form of cp: its lower case, ' ' for white space and control
 * characters, 0 for a character to drop. */
static uint32_t
topictext_fold(uint32_t cp)
{
	const struct topictext_fold *f;

	if (cp < 0x80) {
		if (cp < 0x20 || cp == 0x7f)
			return ' ';
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	}
	f = bsearch(&cp, topictext_folds, NITEMS(topictext_folds),
	    sizeof(topictext_folds[0]), topictext_range_cmp_cb);
	if (f == NULL)
		return cp;
	switch (f->kind) {
	case TOPICTEXT_SPACE:
		return ' ';
	case TOPICTEXT_DROP:
		return 0;
	case TOPICTEXT_ALT:
		if ((cp - f->r.lo) % 2 != 0)
			return cp;
		break;
	case TOPICTEXT_DELTA:
		break;
	}
	return (uint32_t)((int32_t)cp + f->delta);
}

size_t
topictext_norm(char *dst, const char *src)
{
	char *o = dst;
	uint32_t cp, f;
	size_t n;
	int space = 0;

	while ((n = topictext_decode(src, &cp)) > 0) {
		/* A malformed byte reads as U+FFFD in one byte. */
		f = (n == 1 && cp == 0xfffd) ? ' ' : topictext_fold(cp);
		src += n;
		if (f == 0)
			continue;
		if (f == ' ') {
			space = 1;
			continue;
		}
		if (space && o != dst)
			*o++ = ' ';
		space = 0;
		o += topictext_encode(f, o);
	}
	*o = '\0';
	return (size_t)(o - dst);
}

enum topictext_class
topictext_class(uint32_t cp)
{
	const struct topictext_cls *c;

	if (cp < 0x80) {
		if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z'))
			return TOPICTEXT_WORD;
		return TOPICTEXT_OTHER;
	}
	c = bsearch(&cp, topictext_classes, NITEMS(topictext_classes),
	    sizeof(topictext_classes[0]), topictext_range_cmp_cb);
	return c != NULL ? c->cls : TOPICTEXT_OTHER;
}

const char *
topictext_ascii(uint32_t cp)
{
	const struct topictext_ascii *a;

	a = bsearch(&cp, topictext_asciis, NITEMS(topictext_asciis),
	    sizeof(topictext_asciis[0]), topictext_range_cmp_cb);
	return a != NULL ? a->s : NULL;
}
