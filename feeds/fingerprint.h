/*
 * Near-duplicate fingerprints of a story: a 64-bit SimHash of its title's
 * tokens and one of its text's word 3-shingles, so that the same story
 * syndicated under another URL, with a re-cased or re-punctuated title and
 * a truncated or re-wrapped summary, is recognised, while different
 * stories sharing a template ("Daily briefing: April 15") are not. The
 * numbers, weekdays and months of a title are hashed as a set and XORed
 * over its SimHash, so titles that differ in them lie as far apart as
 * unrelated ones (about 32 bits). Pure: no allocation, no locale, no I/O.
 *
 * The thresholds below come from the distance distributions that
 * tests/unit/test_fingerprint.c prints: positive pairs (the same story
 * as two sources wrote it), negative pairs (templates on other days,
 * follow-ups, one topic, very short titles) and titles of unrelated
 * stories. Unrelated 64-bit hashes lie about 32 bits apart (binomial,
 * standard deviation 4): 18 bits is three and a half deviations below
 * chance, 8 bits six; the test's unrelated titles lie 20-45 apart (1%
 * under 23). SimHash of a short title is coarse: one content word
 * changed or dropped moves it 0-25 bits (about 10 on average), so the
 * same distance may be a dropped adjective or "rise" for "fall". Run over
 * 200 variants of the token hash, the test's pairs are missed 0.5% of the
 * time and wrongly merged 0.7% (one verb swapped in a title with no
 * text: 12%; one title over two summaries with one boilerplate first
 * sentence: 7%). The store finds candidates by exact keys (the story URL,
 * the normalized title, the text's first words; daemon/storedup.c) and
 * compares their fingerprints with fingerprint_same.
 */
#ifndef FEEDS_FINGERPRINT_H
#define FEEDS_FINGERPRINT_H

#include <stdint.h>

/*
 * Changes whenever the same input would give another fingerprint (other
 * weights, folding or thresholds' basis): stored fingerprints of an older
 * version must be recomputed, not compared.
 */
#define FINGERPRINT_VERSION	1

/*
 * A text shorter than this many words has no text hash: fewer than a
 * dozen words give under ten 3-shingles, and one changed word then moves
 * a third of them, so the hash says nothing a title does not.
 */
#define FINGERPRINT_MIN_WORDS	12

/*
 * Titles this long (in words) may decide alone: shorter ones ("Update",
 * "Live", "Weather for Monday") are templates or too general to name one
 * story, so they need the text too.
 */
#define FINGERPRINT_TITLE_WORDS	5

/*
 * Title distance accepted when the title decides alone (one side has no
 * text): strict, since without text a changed word cannot be told from a
 * dropped one. Positive pairs (re-cased, re-punctuated, re-spelled, a
 * function word swapped, a site suffix or tags) lie at 0-2; negative ones
 * at 18 or more, and one content word swapped about 12 (3-25).
 */
#define FINGERPRINT_TITLE_ALONE	8

/*
 * Title distance accepted when the texts agree too: looser, since the
 * text must match as well (positive pairs, a headline with a few words
 * added or reworded, lie at 0-13, at most 22 over hash variants), but
 * far below chance, so that one boilerplate summary under two different
 * titles is not one story.
 */
#define FINGERPRINT_TITLE_TEXT	16

/*
 * Text distance accepted. The text hash weighs a shingle by how early it
 * comes, so a summary cut at another length ("..."), re-wrapped, with a
 * dateline before it or a sentence added after it lies at 0-13 (at most
 * 20 over hash variants); different texts lie 17 (templated weather
 * reports from one source) to 40 apart.
 */
#define FINGERPRINT_TEXT	18

/* Bytes of one word kept (the rest of a longer word is ignored). */
#define FINGERPRINT_TOKEN_MAX	64

/* Title tokens hashed (words, CJK characters and bigrams). */
#define FINGERPRINT_TITLE_MAX	128

/* Text words hashed (the rest are only counted): a near-duplicate shows
 * in its lead, and later shingles weigh little. */
#define FINGERPRINT_TEXT_MAX	1000

/* Fingerprints of a story's title and text, for near-duplicate tests. */
struct fingerprint {
	uint64_t	title;	/* SimHash of the normalized title's tokens */
	uint64_t	text;	/* SimHash of the text's word 3-shingles, 0
				 * if the text has fewer than
				 * FINGERPRINT_MIN_WORDS */
	uint32_t	title_words;	/* words in the normalized title; a CJK
					 * run counts one per two characters */
	uint32_t	text_words;	/* words (CJK: characters) in text */
};

/*
 * Fill fp from a plain-text UTF-8 title and plain text (either may be
 * NULL). Invalid UTF-8 bytes separate words.
 */
void	fingerprint_make(const char *title, const char *text,
	    struct fingerprint *fp);

/* Hamming distance of two 64-bit hashes. */
int	fingerprint_distance(uint64_t a, uint64_t b);

/*
 * Whether a and b are the same story. When both have a text hash: titles
 * within FINGERPRINT_TITLE_TEXT bits and texts within FINGERPRINT_TEXT
 * (two different texts veto a title match, since templates repeat their
 * titles). Otherwise the titles alone, within FINGERPRINT_TITLE_ALONE
 * bits, and only when both have at least FINGERPRINT_TITLE_WORDS words.
 * Returns 1 or 0.
 */
int	fingerprint_same(const struct fingerprint *a,
	    const struct fingerprint *b);

/* The distances fingerprint_same accepts, for callers that make them
 * settings. */
struct fingerprint_limits {
	int	title_alone;	/* FINGERPRINT_TITLE_ALONE */
	int	title_text;	/* FINGERPRINT_TITLE_TEXT */
	int	text;		/* FINGERPRINT_TEXT */
};

/* fingerprint_same with other limits. */
int	fingerprint_same_within(const struct fingerprint *a,
	    const struct fingerprint *b, const struct fingerprint_limits *lim);

#endif /* FEEDS_FINGERPRINT_H */
