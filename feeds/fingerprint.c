/*
 * Near-duplicate fingerprints: the tokenizer that normalizes a UTF-8
 * title or text without a Unicode library (case and accents folded,
 * punctuation and symbols as separators, CJK characters as tokens,
 * British spellings folded to American), the weighted SimHash of a
 * title's tokens and of a text's word 3-shingles, and the decision
 * whether two fingerprints are one story.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "feeds/fingerprint.h"

/* What a code point is to the tokenizer. */
enum fingerprint_class {
	FP_SEP,			/* ends a word */
	FP_IGNORE,		/* invisible: neither ends nor joins a word */
	FP_WORD,		/* part of a word */
	FP_CJK			/* a token by itself */
};

/* How much a token says about which story it names. */
enum fingerprint_kind {
	FP_STOP,		/* function word, single letter, tag or site */
	FP_PLAIN,		/* content word */
	FP_DISTINCT		/* number, weekday, month: tells days apart */
};

/*
 * Title token weights (by enum fingerprint_kind): function words barely
 * count, so "closed for" and "closed after" do not differ. Each weight
 * grows by up to an eighth, by the token's hash (fingerprint_jitter), so
 * that content words rarely cancel exactly and leave a bit to a function
 * word. Distinct tokens are not in the SimHash: the set of them is hashed
 * whole and XORed over it (fingerprint_title), so that two titles with
 * other numbers or days ("Daily briefing: April 15" and "... April 16")
 * lie as far apart as unrelated ones, while titles without any keep their
 * plain SimHash.
 */
static const int fingerprint_title_weight[] = { 2, 128 };
#define FP_CJK_UNI_WEIGHT	32	/* one character says little */
#define FP_CJK_BI_WEIGHT	96	/* a bigram is about a word */

/*
 * Text shingle weight: FP_TEXT_BASE * FP_TEXT_HALF / (FP_TEXT_HALF + i)
 * for the i-th shingle, so the lead (which every truncation keeps)
 * counts most and a sentence added at the end little.
 */
#define FP_TEXT_BASE	1024
#define FP_TEXT_HALF	24

/* A title segment after " | " or " - " with at most this many words and
 * no number or date is a tag list or site name, and weighs as a function
 * word. */
#define FP_TAIL_WORDS	4

#define FP_BAD		0xFFFFFFFFu	/* an invalid UTF-8 sequence */

/* One token as the scanner hands it out. */
struct fingerprint_tok {
	uint64_t		 hash;
	uint32_t		 cp;	/* CJK code point, 0 for a word */
	enum fingerprint_kind	 kind;
	int			 seg;	/* title segment (after " | ") */
};

/* The tokenizer's position in one string. */
struct fingerprint_scan {
	const unsigned char	*p;	/* borrows: the next byte */
	int			 seg;	/* segments seen so far */
	int			 space;	/* the last code point was a space */
	int			 wseg;	/* segment of the word being built */
	int			 bare;	/* count words only, unhashed */
	int			 has;	/* FP_HAS_ bits of word's bytes */
	size_t			 wlen;
	char			 word[FINGERPRINT_TOKEN_MAX];
};

/* A spelling replaced whole: British to American, and number words to
 * digits (keep sorted). */
struct fingerprint_respell {
	const char	*from;	/* borrows: a literal */
	const char	*to;	/* borrows: a literal */
};

static const struct fingerprint_respell fingerprint_respells[] = {
	{ "aeroplane", "airplane" },
	{ "aeroplanes", "airplanes" },
	{ "aluminium", "aluminum" },
	{ "defence", "defense" },
	{ "defences", "defenses" },
	{ "eight", "8" },
	{ "five", "5" },
	{ "four", "4" },
	{ "grey", "gray" },
	{ "jewellery", "jewelry" },
	{ "judgement", "judgment" },
	{ "licence", "license" },
	{ "licences", "licenses" },
	{ "manoeuvre", "maneuver" },
	{ "manoeuvres", "maneuvers" },
	{ "mould", "mold" },
	{ "nine", "9" },
	{ "offence", "offense" },
	{ "offences", "offenses" },
	{ "paediatric", "pediatric" },
	{ "plough", "plow" },
	{ "programme", "program" },
	{ "programmes", "programs" },
	{ "pyjamas", "pajamas" },
	{ "sceptic", "skeptic" },
	{ "sceptical", "skeptical" },
	{ "seven", "7" },
	{ "six", "6" },
	{ "ten", "10" },
	{ "three", "3" },
	{ "two", "2" },
	{ "tyre", "tire" },
	{ "tyres", "tires" },
};

/* Function words, English and the commonest of French, German, Italian
 * and Spanish (keep sorted). */
static const char *const fingerprint_stops[] = {
	"a", "about", "across", "after", "against", "al", "all", "also", "am",
	"amid", "among", "an", "and", "any", "are", "around", "as", "at",
	"auf", "be", "been", "before", "between", "but", "by", "can", "con",
	"could", "da", "das", "de", "dei", "del", "dell", "della", "dem",
	"den", "der", "des", "di", "did", "die", "do", "does", "du", "during",
	"e", "ein", "eine", "el", "en", "et", "for", "from", "fur", "gli",
	"had", "has", "have", "he", "her", "here", "his", "how", "i", "if",
	"il", "im", "in", "into", "is", "it", "its", "just", "la", "las", "le",
	"les", "lo", "los", "may", "mit", "more", "most", "near", "no", "not",
	"o", "of", "off", "on", "one", "or", "our", "out", "over", "per",
	"que", "said", "says", "she", "so", "than", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "to", "un", "una",
	"und", "under", "une", "up", "us", "via", "von", "was", "we", "were",
	"what", "when", "where", "which", "while", "who", "why", "will",
	"with", "within", "without", "would", "y", "you", "your", "zu",
};

/* Words that tell one day's story from the next's (keep sorted). Left
 * out: "may" (a function word), and abbreviations that are also words or
 * names ("mar", "jun", "jan", "wed", "sat", "sun"). */
static const char *const fingerprint_distincts[] = {
	"apr", "april", "aug", "august", "dec", "december", "feb", "february",
	"fri", "friday", "january", "july", "june", "march", "monday", "nov",
	"november", "oct", "october", "saturday", "sept", "september",
	"sunday", "thu", "thursday", "tue", "tuesday", "wednesday",
};

/*
 * ASCII base letters of U+00C0-U+00FF and U+0100-U+017F; '*' marks the
 * code points handled apart (ligatures, thorn, sharp s, and the
 * multiplication and division signs).
 */
static const char fingerprint_latin1[] =
    "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
static const char fingerprint_latina[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
    "nnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* SplitMix64's finalizer: every input bit moves half the output bits. */
static uint64_t
fingerprint_mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* FNV-1a of n bytes, then the finalizer: FNV alone mixes the high bits
 * poorly, which SimHash reads as much as the low ones. */
static uint64_t
fingerprint_hash(const void *s, size_t n, uint64_t seed)
{
	const unsigned char *p = s;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return fingerprint_mix(h);
}

/* Combine two token hashes (a bigram, or a shingle step), in order. */
static uint64_t
fingerprint_pair(uint64_t a, uint64_t b)
{
	return fingerprint_mix(a * 0x9e3779b97f4a7c15ULL ^ b);
}

/* Decode one UTF-8 sequence at s, rejecting overlong forms, surrogates
 * and truncation, which then count as one separating byte. */
static uint32_t
fingerprint_utf8(const unsigned char *s, size_t *len)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	uint32_t cp;
	size_t n, i;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return FP_BAD;
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return FP_BAD;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return FP_BAD;
	*len = n;
	return cp;
}

/* A block of code points of one class. */
struct fingerprint_block {
	uint32_t		lo, hi;
	enum fingerprint_class	cl;
};

/* The blocks that are not letters of words (keep sorted, disjoint). */
static const struct fingerprint_block fingerprint_blocks[] = {
	{ 0x80, 0xac, FP_SEP },		/* Latin-1 punctuation, symbols */
	{ 0xad, 0xad, FP_IGNORE },	/* soft hyphen */
	{ 0xae, 0xbf, FP_SEP },
	{ 0xd7, 0xd7, FP_SEP },		/* multiplication sign */
	{ 0xf7, 0xf7, FP_SEP },		/* division sign */
	{ 0x300, 0x36f, FP_IGNORE },	/* combining accents */
	{ 0x1100, 0x11ff, FP_CJK },	/* hangul jamo */
	{ 0x2000, 0x200a, FP_SEP },	/* spaces */
	{ 0x200b, 0x200d, FP_IGNORE },	/* zero-width space, joiners */
	{ 0x200e, 0x205f, FP_SEP },	/* dashes, quotes, bullets */
	{ 0x2060, 0x2060, FP_IGNORE },	/* word joiner */
	{ 0x2061, 0x2bff, FP_SEP },	/* currency, arrows, math, shapes */
	{ 0x2e00, 0x2e7f, FP_SEP },	/* supplemental punctuation */
	{ 0x3000, 0x303f, FP_SEP },	/* CJK punctuation */
	{ 0x3040, 0x30ff, FP_CJK },	/* hiragana, katakana */
	{ 0x3130, 0x318f, FP_CJK },	/* hangul compatibility jamo */
	{ 0x31f0, 0x31ff, FP_CJK },	/* katakana extensions */
	{ 0x3400, 0x4dbf, FP_CJK },	/* CJK extension A */
	{ 0x4e00, 0x9fff, FP_CJK },	/* CJK unified ideographs */
	{ 0xac00, 0xd7af, FP_CJK },	/* hangul syllables */
	{ 0xf900, 0xfaff, FP_CJK },	/* CJK compatibility ideographs */
	{ 0xfe00, 0xfe0f, FP_IGNORE },	/* variation selectors */
	{ 0xfe10, 0xfe6f, FP_SEP },	/* vertical, small form punctuation */
	{ 0xfeff, 0xfeff, FP_IGNORE },	/* byte order mark */
	{ 0xff00, 0xff65, FP_SEP },	/* fullwidth punctuation */
	{ 0xff66, 0xff9f, FP_CJK },	/* halfwidth katakana */
	{ 0x1f000, 0x1faff, FP_SEP },	/* emoji, pictographs */
	{ 0x20000, 0x2ffff, FP_CJK },	/* CJK extensions B and on */
	{ 0xe0000, 0x10ffff, FP_IGNORE },	/* tags, private use */
};

static int
fingerprint_block_cb(const void *key, const void *elt)
{
	/* bsearch comparator over fingerprint_blocks */
	uint32_t cp = *(const uint32_t *)key;
	const struct fingerprint_block *b = elt;

	return cp < b->lo ? -1 : cp > b->hi ? 1 : 0;
}

/* Class of a non-ASCII code point; letters of any script are words. */
static enum fingerprint_class
fingerprint_class(uint32_t cp)
{
	const struct fingerprint_block *b;

	b = bsearch(&cp, fingerprint_blocks, sizeof(fingerprint_blocks) /
	    sizeof(fingerprint_blocks[0]), sizeof(fingerprint_blocks[0]),
	    fingerprint_block_cb);
	return b != NULL ? b->cl : FP_WORD;
}

/* Whether cp is white space, for telling " | " from "a|b". */
static int
fingerprint_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0xa0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200a);
}

/* Encode cp (at least U+0080) as UTF-8 into buf; returns its length. */
static size_t
fingerprint_enc(uint32_t cp, unsigned char buf[4])
{
	if (cp < 0x800) {
		buf[0] = (unsigned char)(0xc0 | cp >> 6);
		buf[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		buf[0] = (unsigned char)(0xe0 | cp >> 12);
		buf[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		buf[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	buf[0] = (unsigned char)(0xf0 | cp >> 18);
	buf[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
	buf[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
	buf[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

/* What the bytes of a folded word are, as fingerprint_kind asks. */
#define FP_HAS_DIGIT	0x1
#define FP_HAS_OTHER	0x2	/* a byte other than a-z */

static int
fingerprint_bytes(const char *w, size_t n)
{
	size_t i;
	int has = 0;

	for (i = 0; i < n; i++) {
		if ((unsigned char)(w[i] - '0') < 10)
			has |= FP_HAS_DIGIT;
		if ((unsigned char)(w[i] - 'a') >= 26)
			has |= FP_HAS_OTHER;
	}
	return has;
}

/* Append a character to the word being built, silently truncating. */
static void
fingerprint_put(struct fingerprint_scan *sc, const char *s, size_t n)
{
	if (sc->wlen + n > sizeof(sc->word))
		return;
	memcpy(sc->word + sc->wlen, s, n);
	sc->wlen += n;
	sc->has |= fingerprint_bytes(s, n);
}

/* Append cp to the word folded: case (Latin, Greek, Cyrillic) and Latin
 * accents, so that "Café" and "cafe" are one word. */
static void
fingerprint_fold(struct fingerprint_scan *sc, uint32_t cp)
{
	unsigned char buf[4];
	char c;

	if (cp < 0x80) {
		c = cp >= 'A' && cp <= 'Z' ? (char)(cp - 'A' + 'a') : (char)cp;
		fingerprint_put(sc, &c, 1);
		return;
	}
	if (cp >= 0xc0 && cp <= 0x17f) {
		c = cp < 0x100 ? fingerprint_latin1[cp - 0xc0] :
		    fingerprint_latina[cp - 0x100];
		if (c != '*')
			fingerprint_put(sc, &c, 1);
		else if (cp == 0xc6 || cp == 0xe6)
			fingerprint_put(sc, "ae", 2);
		else if (cp == 0xde || cp == 0xfe)
			fingerprint_put(sc, "th", 2);
		else if (cp == 0xdf)
			fingerprint_put(sc, "ss", 2);
		else
			fingerprint_put(sc, "oe", 2);	/* U+0152, U+0153 */
		return;
	}
	if ((cp >= 0x391 && cp <= 0x3a9) || (cp >= 0x410 && cp <= 0x42f))
		cp += 0x20;
	else if (cp >= 0x400 && cp <= 0x40f)
		cp += 0x50;
	fingerprint_put(sc, (char *)buf, fingerprint_enc(cp, buf));
}

/* A British ending and its American spelling, after a stem of at least
 * min bytes. */
struct fingerprint_ending {
	const char	*uk;	/* borrows: a literal */
	const char	*us;	/* borrows: a literal, not longer than uk */
	size_t		 uklen, uslen, min;
};

#define FP_END(uk, us, min)	{ uk, us, sizeof(uk) - 1, sizeof(us) - 1, min }

/* organise, analyse, colour, centre, catalogue, travelled (no ending
 * here ends another, so the order does not matter) */
static const struct fingerprint_ending fingerprint_endings[] = {
	FP_END("ise", "ize", 3), FP_END("ised", "ized", 3),
	FP_END("ises", "izes", 3), FP_END("ising", "izing", 3),
	FP_END("isation", "ization", 3), FP_END("isations", "izations", 3),
	FP_END("iser", "izer", 3), FP_END("isers", "izers", 3),
	FP_END("yse", "yze", 3), FP_END("ysed", "yzed", 3),
	FP_END("yses", "yzes", 3), FP_END("ysing", "yzing", 3),
	FP_END("our", "or", 2), FP_END("ours", "ors", 2),
	FP_END("oured", "ored", 2), FP_END("ouring", "oring", 2),
	FP_END("ourite", "orite", 2), FP_END("ourites", "orites", 2),
	FP_END("ourable", "orable", 2), FP_END("ourful", "orful", 2),
	FP_END("tre", "ter", 2), FP_END("tres", "ters", 2),
	FP_END("ogue", "og", 2), FP_END("ogues", "ogs", 2),
	FP_END("elled", "eled", 3), FP_END("elling", "eling", 3),
	FP_END("eller", "eler", 3), FP_END("ellers", "elers", 3),
	FP_END("alled", "aled", 3), FP_END("alling", "aling", 3),
};

#define FP_NELEM(t)	(sizeof(t) / sizeof((t)[0]))

/* Slots of fingerprint_set: a power of two, over twice the table words
 * so that a probe for a word not in them ends quickly. */
#define FP_SET_SIZE	512

#define FP_IS_STOP	0x1	/* in fingerprint_stops */
#define FP_IS_DISTINCT	0x2	/* in fingerprint_distincts */

/* A word of the tables above, found by its token hash. */
struct fingerprint_entry {
	uint64_t	 hash;		/* fingerprint_hash(word, len, 0) */
	const char	*word;		/* borrows: a table literal; NULL
					 * if the slot is free */
	size_t		 len;
	int		 flags;		/* FP_IS_STOP, FP_IS_DISTINCT */
	int		 respell;	/* its fingerprint_respells index,
					 * or -1 */
};

_Static_assert(FP_NELEM(fingerprint_respells) + FP_NELEM(fingerprint_stops) +
    FP_NELEM(fingerprint_distincts) <= FP_SET_SIZE / 2,
    "FP_SET_SIZE must grow with the word tables");
_Static_assert(FP_NELEM(fingerprint_endings) <= 32,
    "fingerprint_set.end holds an ending per bit of 32");

/*
 * The tables indexed for the tokenizer, built once (fingerprint_init_cb)
 * and read-only after: every word of fingerprint_respells,
 * fingerprint_stops and fingerprint_distincts in one hash set, and for
 * each byte the fingerprint_endings (as bits) that have it last (end[0]),
 * second to last (end[1]) or third to last (end[2]).
 */

static struct {
	struct fingerprint_entry	slot[FP_SET_SIZE];
	uint32_t			end[3][256];
} fingerprint_set;
static pthread_once_t fingerprint_once = PTHREAD_ONCE_INIT;

/*
 * Fold a British ending of w (length *n) to American in place; returns
 * whether it did. Both sides fold alike, so a stray match with a word
 * that is not British costs nothing. Only endings whose last three
 * bytes the word shares are tried (fingerprint_set.end).
 */
static int
fingerprint_respell(char *w, size_t *n)
{
	const struct fingerprint_ending *e;
	uint32_t m;
	int i;

	if (*n < 3)		/* every ending has three bytes or more */
		return 0;
	m = fingerprint_set.end[0][(unsigned char)w[*n - 1]] &
	    fingerprint_set.end[1][(unsigned char)w[*n - 2]] &
	    fingerprint_set.end[2][(unsigned char)w[*n - 3]];
	for (i = 0; m != 0; i++, m >>= 1) {
		e = &fingerprint_endings[i];
		if ((m & 1) == 0 || *n < e->uklen + e->min ||
		    memcmp(w + *n - e->uklen, e->uk, e->uklen) != 0)
			continue;
		memcpy(w + *n - e->uklen, e->us, e->uslen);
		*n = *n - e->uklen + e->uslen;
		return 1;
	}
	return 0;
}

/* The table word w (length n, hash h), or NULL: open addressing, the
 * string compared only on a full hash match. */
static const struct fingerprint_entry *
fingerprint_lookup(const char *w, size_t n, uint64_t h)
{
	const struct fingerprint_entry *e;
	size_t i;

	for (i = h & (FP_SET_SIZE - 1);; i = (i + 1) & (FP_SET_SIZE - 1)) {
		e = &fingerprint_set.slot[i];
		if (e->word == NULL)
			return NULL;
		if (e->hash == h && e->len == n && memcmp(e->word, w, n) == 0)
			return e;
	}
}

/* Enter w into the set with its flags, after any entry already there. */
static void
fingerprint_insert(const char *w, int flag, int respell)
{
	struct fingerprint_entry *e;
	size_t n = strlen(w), i;
	uint64_t h = fingerprint_hash(w, n, 0);

	for (i = h & (FP_SET_SIZE - 1);; i = (i + 1) & (FP_SET_SIZE - 1)) {
		e = &fingerprint_set.slot[i];
		if (e->word == NULL || (e->len == n &&
		    memcmp(e->word, w, n) == 0))
			break;
	}
	e->word = w;
	e->len = n;
	e->hash = h;
	e->flags |= flag;
	if (respell >= 0)
		e->respell = respell;
}

/* Build fingerprint_set from the tables (pthread_once). */
static void
fingerprint_init_cb(void)
{
	const struct fingerprint_ending *e;
	size_t i;

	for (i = 0; i < FP_SET_SIZE; i++)
		fingerprint_set.slot[i].respell = -1;
	for (i = 0; i < FP_NELEM(fingerprint_respells); i++)
		fingerprint_insert(fingerprint_respells[i].from, 0, (int)i);
	for (i = 0; i < FP_NELEM(fingerprint_stops); i++)
		fingerprint_insert(fingerprint_stops[i], FP_IS_STOP, -1);
	for (i = 0; i < FP_NELEM(fingerprint_distincts); i++)
		fingerprint_insert(fingerprint_distincts[i], FP_IS_DISTINCT,
		    -1);
	for (i = 0; i < FP_NELEM(fingerprint_endings); i++) {
		e = &fingerprint_endings[i];
		fingerprint_set.end[0][(unsigned char)e->uk[e->uklen - 1]] |=
		    (uint32_t)1 << i;
		fingerprint_set.end[1][(unsigned char)e->uk[e->uklen - 2]] |=
		    (uint32_t)1 << i;
		fingerprint_set.end[2][(unsigned char)e->uk[e->uklen - 3]] |=
		    (uint32_t)1 << i;
	}
}

/* What a folded word of n bytes says (has: its FP_HAS_ bits; e: its
 * table entry, if any): a number, day or month is distinct, an ASCII
 * function word or single letter barely counts. */
static enum fingerprint_kind
fingerprint_kind(int has, size_t n, const struct fingerprint_entry *e)
{
	if (has & FP_HAS_DIGIT)
		return FP_DISTINCT;
	if (has & FP_HAS_OTHER)
		return FP_PLAIN;
	if (n == 1 || (e != NULL && (e->flags & FP_IS_STOP)))
		return FP_STOP;
	if (e != NULL && (e->flags & FP_IS_DISTINCT))
		return FP_DISTINCT;
	return FP_PLAIN;
}

/* Turn the word built in sc into tok: respelled, weighed, hashed. The
 * hash of the word as read finds it in the tables and, as most words
 * are not respelled, is its token hash. An ending respelled is letters
 * for letters, so the word's FP_HAS_ bits stay. */
static void
fingerprint_word(struct fingerprint_scan *sc, struct fingerprint_tok *tok)
{
	const struct fingerprint_entry *e;
	const char *w = sc->word;
	size_t n = sc->wlen;
	uint64_t h;
	int has = sc->has, respelled;

	tok->cp = 0;
	tok->seg = sc->wseg;
	tok->kind = FP_PLAIN;
	tok->hash = 0;
	sc->wlen = 0;
	sc->has = 0;
	if (sc->bare)
		return;
	h = fingerprint_hash(w, n, 0);
	e = fingerprint_lookup(w, n, h);
	if (e != NULL && e->respell >= 0) {
		w = fingerprint_respells[e->respell].to;
		n = strlen(w);
		has = fingerprint_bytes(w, n);
		respelled = 1;
	} else
		respelled = fingerprint_respell(sc->word, &n);
	if (respelled) {
		h = fingerprint_hash(w, n, 0);
		e = fingerprint_lookup(w, n, h);
	}
	tok->kind = fingerprint_kind(has, n, e);
	tok->hash = h;
}

/* Fill tok with the CJK character cp; numerals tell days apart, but for
 * 一 ("one"), which is in too many ordinary words. */
static void
fingerprint_cjk(uint32_t cp, struct fingerprint_tok *tok)
{
	/* 七三九二五八六十四 (keep sorted) */
	static const uint32_t num[] = { 0x4e03, 0x4e09, 0x4e5d, 0x4e8c,
	    0x4e94, 0x516b, 0x516d, 0x5341, 0x56db };
	unsigned char buf[4];
	size_t i;

	tok->kind = FP_PLAIN;
	for (i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		if (num[i] == cp)
			tok->kind = FP_DISTINCT;
	tok->hash = fingerprint_hash(buf, fingerprint_enc(cp, buf), 1);
	tok->cp = cp;
}

/* Note the separator cp just passed: a bar or dash between spaces starts
 * a segment. */
static void
fingerprint_sep(struct fingerprint_scan *sc, uint32_t cp)
{
	const unsigned char *next = sc->p;
	size_t n;

	if (!sc->space || (cp != '|' && cp != '-' && cp != 0x2013 &&
	    cp != 0x2014 && cp != 0xb7 && cp != 0x2022))
		return;
	if (*next != '\0' && fingerprint_space(fingerprint_utf8(next, &n)))
		sc->seg++;
}

/* The code point at p, with fullwidth ASCII ("Ａ", "１") read as ASCII. */
static uint32_t
fingerprint_at(const unsigned char *p, size_t *len)
{
	uint32_t cp = fingerprint_utf8(p, len);

	return cp >= 0xff01 && cp <= 0xff5e ? cp - 0xfee0 : cp;
}

/* Read the code point at sc->p into *cp and *len, and class it; the
 * comma or point inside a number ("1,000", "1.000") is nothing. */
static enum fingerprint_class
fingerprint_read(const struct fingerprint_scan *sc, uint32_t *cp,
    size_t *len)
{
	uint32_t next;
	size_t n;
	char last;

	*cp = fingerprint_at(sc->p, len);
	if (*cp == FP_BAD)
		return FP_SEP;
	if (*cp >= 0x80)
		return fingerprint_class(*cp);
	if ((*cp >= '0' && *cp <= '9') || (*cp >= 'a' && *cp <= 'z') ||
	    (*cp >= 'A' && *cp <= 'Z'))
		return FP_WORD;
	last = sc->wlen > 0 ? sc->word[sc->wlen - 1] : '\0';
	if ((*cp == ',' || *cp == '.') && last >= '0' && last <= '9') {
		next = fingerprint_at(sc->p + *len, &n);
		if (next >= '0' && next <= '9')
			return FP_IGNORE;
	}
	return FP_SEP;
}

/* Take in the run of ASCII letters and digits at sc->p (the bulk of
 * most texts) as fingerprint_read and fingerprint_fold would, but without
 * decoding and classing each byte. */
static void
fingerprint_ascii(struct fingerprint_scan *sc)
{
	const unsigned char *p = sc->p;
	unsigned char c;
	size_t n = sc->wlen;

	for (;; p++) {
		c = *p;
		if ((unsigned char)((c | 0x20) - 'a') < 26)
			c |= 0x20;
		else if ((unsigned char)(c - '0') < 10) {
			if (n < sizeof(sc->word))
				sc->has |= FP_HAS_DIGIT | FP_HAS_OTHER;
		} else
			break;
		if (n < sizeof(sc->word))
			sc->word[n++] = (char)c;
	}
	if (p == sc->p)
		return;
	if (sc->wlen == 0)
		sc->wseg = sc->seg;
	sc->wlen = n;
	sc->space = 0;
	sc->p = p;
}

/* Pass the run of ASCII separators at sc->p, outside a word, as
 * fingerprint_next would one by one (fingerprint_sep and fingerprint_space
 * for ASCII), but without decoding and classing each. */
static void
fingerprint_blank(struct fingerprint_scan *sc)
{
	unsigned char c;

	while ((c = *sc->p) != '\0' && c < 0x80 &&
	    (unsigned char)((c | 0x20) - 'a') >= 26 &&
	    (unsigned char)(c - '0') >= 10) {
		sc->p++;
		if (sc->space && (c == '|' || c == '-'))
			fingerprint_sep(sc, c);
		sc->space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}
}

/* Fill tok with the next token of sc; returns 0 at the end. */
static int
fingerprint_next(struct fingerprint_scan *sc, struct fingerprint_tok *tok)
{
	enum fingerprint_class cl;
	uint32_t cp;
	size_t len;
	unsigned char c;

	for (;;) {
		fingerprint_ascii(sc);
		c = *sc->p;
		if (c == '\0')
			break;
		if (c < 0x80 && ((c != ',' && c != '.') || sc->wlen == 0 ||
		    (unsigned char)(sc->word[sc->wlen - 1] - '0') >= 10)) {
			/* an ASCII separator, as fingerprint_read says */
			if (sc->wlen > 0) {
				fingerprint_word(sc, tok);
				return 1;
			}
			fingerprint_blank(sc);
			continue;
		}
		cl = fingerprint_read(sc, &cp, &len);
		if (cl == FP_IGNORE) {
			sc->p += len;
			continue;
		}
		if (cl != FP_WORD && sc->wlen > 0) {
			fingerprint_word(sc, tok);
			return 1;
		}
		sc->p += len;
		if (cl == FP_WORD) {
			if (sc->wlen == 0)
				sc->wseg = sc->seg;
			fingerprint_fold(sc, cp);
		} else if (cl == FP_SEP)
			fingerprint_sep(sc, cp);
		sc->space = fingerprint_space(cp);
		if (cl == FP_CJK) {
			fingerprint_cjk(cp, tok);
			tok->seg = sc->seg;
			return 1;
		}
	}
	if (sc->wlen > 0) {
		fingerprint_word(sc, tok);
		return 1;
	}
	return 0;
}

/* Segments told apart in a title; later ones count with the last. */
#define FP_SEGS		8

/* A title's weighted tokens, gathered before the weights are final. */
struct fingerprint_title {
	uint64_t	hash[FINGERPRINT_TITLE_MAX];
	int		weight[FINGERPRINT_TITLE_MAX];
	int		seg[FINGERPRINT_TITLE_MAX];
	size_t		n;
	uint32_t	words[FP_SEGS];	/* words per segment */
	uint32_t	cjk[FP_SEGS];	/* CJK characters per segment */
	int		dated[FP_SEGS];	/* has a number, weekday, month */
	uint64_t	dsum;		/* sum of the distinct tokens' hashes */
	uint32_t	dn;		/* distinct tokens */
};

/*
 * Weighted SimHash accumulator: bit b of the hash is set when the tokens
 * with that bit outweigh those without, that is when twice the weight
 * with it exceeds the total. Four bits share one word of 16-bit lanes
 * (b, b + 16, b + 32, b + 48), so that one multiply adds a weight to all
 * four; the lanes are flushed into sum before they could overflow. A
 * weight is at most FP_TEXT_BASE, far under a lane.
 */
struct fingerprint_acc {
	uint64_t	lane[16];	/* weights with bits b, b + 16, ...
					 * since the last flush */
	int64_t		pending;	/* weight added to lane since then */
	int64_t		sum[64];	/* weights with bit b, flushed */
	int64_t		total;		/* all weights */
};

#define FP_LANE_MAX	0xffff
#define FP_LANE_BITS	0x0001000100010001ULL	/* bit 0 of each lane */

_Static_assert(FP_TEXT_BASE <= FP_LANE_MAX, "a weight must fit a lane");

/* Move the lanes' sums into acc->sum. */
static void
fingerprint_acc_flush(struct fingerprint_acc *acc)
{
	int b, l;

	for (b = 0; b < 16; b++) {
		for (l = 0; l < 4; l++)
			acc->sum[b + 16 * l] += (int64_t)(acc->lane[b] >>
			    (16 * l) & FP_LANE_MAX);
		acc->lane[b] = 0;
	}
	acc->pending = 0;
}

static void
fingerprint_acc_add(struct fingerprint_acc *acc, uint64_t h, int64_t w)
{
	uint64_t uw = (uint64_t)w;
	int b;

	if (acc->pending + w > FP_LANE_MAX)
		fingerprint_acc_flush(acc);
	for (b = 0; b < 16; b += 4, h >>= 4) {
		acc->lane[b] += (h & FP_LANE_BITS) * uw;
		acc->lane[b + 1] += (h >> 1 & FP_LANE_BITS) * uw;
		acc->lane[b + 2] += (h >> 2 & FP_LANE_BITS) * uw;
		acc->lane[b + 3] += (h >> 3 & FP_LANE_BITS) * uw;
	}
	acc->pending += w;
	acc->total += w;
}

static uint64_t
fingerprint_acc_hash(struct fingerprint_acc *acc)
{
	uint64_t h = 0;
	int b;

	fingerprint_acc_flush(acc);
	for (b = 0; b < 64; b++)
		if (2 * acc->sum[b] > acc->total)
			h |= (uint64_t)1 << b;
	return h;
}

/* w grown by 0 to 15 sixteenths of an eighth, as h's top bits say. */
static int
fingerprint_jitter(uint64_t h, int w)
{
	return w + (int)((h * 0x9e3779b97f4a7c15ULL) >> 60) * (w / 8) / 16;
}

static void
fingerprint_title_add(struct fingerprint_title *t, uint64_t h, int w,
    int seg)
{
	if (t->n == FINGERPRINT_TITLE_MAX)
		return;
	t->hash[t->n] = h;
	t->weight[t->n] = w;
	t->seg[t->n] = seg;
	t->n++;
}

/* Gather the title's tokens: words, CJK characters and the bigrams of
 * CJK characters that only separators keep apart ("上海：发布"); and
 * apart, the multiset of distinct tokens. */
static void
fingerprint_title_scan(const char *title, struct fingerprint_title *t)
{
	struct fingerprint_scan sc;
	struct fingerprint_tok tok;
	uint64_t prev = 0, bi;
	int seg, prevseg = -1;

	memset(&sc, 0, sizeof(sc));
	sc.p = (const unsigned char *)title;
	while (fingerprint_next(&sc, &tok)) {
		seg = tok.seg < FP_SEGS ? tok.seg : FP_SEGS - 1;
		if (tok.kind == FP_DISTINCT) {
			t->dated[seg] = 1;
			t->dsum += fingerprint_mix(tok.hash);
			t->dn++;
		}
		if (tok.cp == 0) {
			if (tok.kind != FP_DISTINCT)
				fingerprint_title_add(t, tok.hash,
				    fingerprint_jitter(tok.hash,
				    fingerprint_title_weight[tok.kind]), seg);
			t->words[seg]++;
			prevseg = -1;
			continue;
		}
		fingerprint_title_add(t, tok.hash,
		    fingerprint_jitter(tok.hash, FP_CJK_UNI_WEIGHT), seg);
		if (prevseg == seg) {
			bi = fingerprint_pair(prev, tok.hash);
			fingerprint_title_add(t, bi, fingerprint_jitter(bi,
			    FP_CJK_BI_WEIGHT), seg);
		}
		t->cjk[seg]++;
		prev = tok.hash;
		prevseg = seg;
	}
}

/* Hash the title: short undated segments after the first (a site name,
 * a tag list) weigh as function words and do not count as its words;
 * the distinct tokens' hash, if any, is XORed over the SimHash. */
static void
fingerprint_title(const char *title, struct fingerprint *fp)
{
	struct fingerprint_title t;
	struct fingerprint_acc acc;
	uint32_t w[FP_SEGS];
	int tail[FP_SEGS], s;
	size_t i;

	memset(&t, 0, sizeof(t));
	memset(&acc, 0, sizeof(acc));
	fingerprint_title_scan(title, &t);
	for (s = 0; s < FP_SEGS; s++)
		w[s] = t.words[s] + (t.cjk[s] + 1) / 2;
	for (s = 0; s < FP_SEGS; s++) {
		tail[s] = s > 0 && w[0] >= 3 && w[s] <= FP_TAIL_WORDS &&
		    !t.dated[s];
		if (!tail[s])
			fp->title_words += w[s];
	}
	for (i = 0; i < t.n; i++)
		fingerprint_acc_add(&acc, t.hash[i], tail[t.seg[i]] ?
		    fingerprint_title_weight[FP_STOP] : t.weight[i]);
	fp->title = fingerprint_acc_hash(&acc);
	if (t.dn > 0)
		fp->title ^= fingerprint_mix(t.dsum + t.dn);
}

/* Hash the text's 3-shingles, earlier ones weighing more; a shingle of
 * function words alone ("one of the") weighs a quarter. */
static void
fingerprint_text(const char *text, struct fingerprint *fp)
{
	struct fingerprint_scan sc;
	struct fingerprint_tok tok;
	struct fingerprint_acc acc;
	uint64_t h[3] = { 0, 0, 0 };
	int stop[3] = { 0, 0, 0 };
	uint32_t n = 0;
	int64_t w;

	memset(&sc, 0, sizeof(sc));
	memset(&acc, 0, sizeof(acc));
	sc.p = (const unsigned char *)text;
	while (fingerprint_next(&sc, &tok)) {
		if (n < UINT32_MAX)
			n++;
		if (n >= FINGERPRINT_TEXT_MAX)
			sc.bare = 1;
		if (n > FINGERPRINT_TEXT_MAX)
			continue;
		memmove(h, h + 1, 2 * sizeof(h[0]));
		memmove(stop, stop + 1, 2 * sizeof(stop[0]));
		h[2] = tok.hash;
		stop[2] = tok.cp == 0 && tok.kind == FP_STOP;
		if (n < 3)
			continue;
		w = (int64_t)FP_TEXT_BASE * FP_TEXT_HALF /
		    (FP_TEXT_HALF + n - 3);
		if (stop[0] && stop[1] && stop[2])
			w = w / 4 + 1;
		fingerprint_acc_add(&acc,
		    fingerprint_pair(fingerprint_pair(h[0], h[1]), h[2]), w);
	}
	fp->text_words = n;
	fp->text = n >= FINGERPRINT_MIN_WORDS ? fingerprint_acc_hash(&acc) : 0;
}

void
fingerprint_make(const char *title, const char *text, struct fingerprint *fp)
{
	pthread_once(&fingerprint_once, fingerprint_init_cb);
	memset(fp, 0, sizeof(*fp));
	if (title != NULL)
		fingerprint_title(title, fp);
	if (text != NULL)
		fingerprint_text(text, fp);
}

int
fingerprint_distance(uint64_t a, uint64_t b)
{
	uint64_t x = a ^ b;

	x -= x >> 1 & 0x5555555555555555ULL;
	x = (x & 0x3333333333333333ULL) + (x >> 2 & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (int)((x * 0x0101010101010101ULL) >> 56);
}

int
fingerprint_same(const struct fingerprint *a, const struct fingerprint *b)
{
	static const struct fingerprint_limits lim = {
		FINGERPRINT_TITLE_ALONE, FINGERPRINT_TITLE_TEXT,
		FINGERPRINT_TEXT
	};

	return fingerprint_same_within(a, b, &lim);
}

int
fingerprint_same_within(const struct fingerprint *a,
    const struct fingerprint *b, const struct fingerprint_limits *lim)
{
	int dt = fingerprint_distance(a->title, b->title);

	if (a->text_words >= FINGERPRINT_MIN_WORDS &&
	    b->text_words >= FINGERPRINT_MIN_WORDS)
		return dt <= lim->title_text &&
		    fingerprint_distance(a->text, b->text) <= lim->text;
	if (a->title_words < FINGERPRINT_TITLE_WORDS ||
	    b->title_words < FINGERPRINT_TITLE_WORDS)
		return 0;
	return dt <= lim->title_alone;
}
