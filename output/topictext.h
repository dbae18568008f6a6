/*
 * The text side of topics: UTF-8 decoding, a locale-free case folding of
 * the common alphabets (Latin, Greek, Cyrillic, Armenian, Georgian), the
 * classes that decide word boundaries in any script, and the ASCII forms
 * of Latin letters that make slugs. Small sorted tables, no towlower, no
 * locale, so that a topic matches the same on every host.
 */
#ifndef OUTPUT_TOPICTEXT_H
#define OUTPUT_TOPICTEXT_H

#include <stddef.h>
#include <stdint.h>

/* What a character is to a word boundary. */
enum topictext_class {
	TOPICTEXT_OTHER,	/* space, punctuation, symbol: a boundary */
	TOPICTEXT_WORD,		/* letter, digit or mark of a spaced script */
	TOPICTEXT_DENSE		/* CJK, kana, hangul, Thai...: written without
				 * spaces, so words in it match as substrings */
};

/*
 * Decode the character at s (NUL-terminated) into *cp; returns its length
 * in bytes (0 at the NUL). A malformed sequence (overlong, surrogate,
 * beyond U+10FFFF, cut short) reads as one byte of U+FFFD.
 */
size_t		 topictext_decode(const char *s, uint32_t *cp);
/* The code point before p, s being the start of the (valid) text; 0 when
 * p is s. */
uint32_t	 topictext_prev(const char *s, const char *p);
/* Encode cp as UTF-8 into out (4 bytes of room); returns the length. */
size_t		 topictext_encode(uint32_t cp, char *out);
/* 1 when s[0..n) is well-formed UTF-8. */
int		 topictext_valid(const char *s, size_t n);

/*
 * Copy src to dst (room for strlen(src) + 1 bytes: the result is never
 * longer) folded for matching: letters in lower case (final sigma as
 * sigma, fullwidth ASCII as ASCII), every kind of white space, control
 * character and malformed byte as one space, runs of spaces squeezed and
 * both ends trimmed, soft hyphens and zero-width joiners dropped. Returns
 * the length written; dst is well-formed UTF-8.
 */
size_t		 topictext_norm(char *dst, const char *src);

enum topictext_class topictext_class(uint32_t cp);

/* The ASCII spelling of a folded Latin letter ("e" for é, "ss" for ß), or
 * NULL when cp has none. */
const char	*topictext_ascii(uint32_t cp);

#endif /* OUTPUT_TOPICTEXT_H */
