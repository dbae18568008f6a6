/*
 * Topics: a named set of rules; an item belongs to a topic when its
 * source lists the topic, or when one of the topic's rules (a keyword or
 * phrase, a regular expression, a category) matches the item and none of
 * its exclusions does.
 */
#ifndef OUTPUT_TOPIC_H
#define OUTPUT_TOPIC_H

#include <stddef.h>

#include "feeds/item.h"

struct topic;

/* name is the slug ([a-z0-9-]+, see topic_name_valid); title may be NULL
 * (the name is used). */
struct topic	*topic_new(const char *name, const char *title);
void		 topic_free(struct topic *);
/*
 * Add a keyword or phrase, matched case-insensitively (in any of the
 * common alphabets) on word boundaries; in scripts written without spaces
 * (CJK, kana, hangul, Thai...) it matches as a substring. A leading '-'
 * makes it an exclusion ("-sport", or a phrase, unquoted by the caller:
 * "-a phrase"). -1 with errno EINVAL when empty or too long.
 */
int		 topic_add_keyword(struct topic *, const char *kw);
/*
 * Add a PCRE2 regular expression, caseless and Unicode-aware (\w, \b and
 * classes know letters beyond ASCII). It is matched on the folded text
 * topic_text makes (lower case, white space as single spaces), on its first
 * 64 KiB, within a fixed budget of backtracking per item: a pattern that
 * blows up on some article simply does not match it. -1 with err
 * ("offset N: message" for a syntax error) when it does not compile, is
 * too long, or matches an empty text (it would match every item).
 */
int		 topic_add_regex(struct topic *, const char *pattern,
		    char *err, size_t errlen);
/* Add a category: an item with that category (case and white space
 * folded) matches. -1 with errno EINVAL when empty or too long. */
int		 topic_add_category(struct topic *, const char *cat);
const char	*topic_name(const struct topic *);
const char	*topic_title(const struct topic *);
/* Keywords added, exclusions not counted. */
size_t		 topic_nkeywords(const struct topic *);
/* Keywords, regular expressions and categories: 0 means no item can match
 * by rule, whatever the exclusions. */
size_t		 topic_nrules(const struct topic *);
/*
 * 1 when a rule matches the item's title, summary, content or categories
 * and no exclusion does. Only the rules: a source that lists the topic
 * puts its items in it regardless (the caller adds those; exclusions do
 * not apply to them).
 */
int		 topic_match(const struct topic *, const struct item *);
/*
 * The same in two steps, for matching one item against many topics: the
 * item's title, the plain text of its summary and content, and its
 * categories, kept apart and folded for matching (lower case, white space
 * squeezed; malloc'd, well-formed UTF-8, NULL on ENOMEM), then a match of
 * one topic on such a text (made by topic_text only: it is padded for
 * PCRE2's JIT, which reads a few bytes ahead).
 */
char		*topic_text(const struct item *);
int		 topic_match_text(const struct topic *, const char *text);
/* 1 when name is a valid slug: 1-64 of [a-z0-9-], not starting with '-'. */
int		 topic_name_valid(const char *name);
/*
 * A stable, readable slug for a category name (auto-topics): ASCII letters
 * in lower case, digits, Latin letters without their diacritics ("é" e,
 * "ß" ss, "ø" o), anything else a single '-', trimmed, at most 64 bytes.
 * A name whose letters have no ASCII form ("经济") gives "t-" and 8 hex
 * digits of a hash of the folded name; when only some of them have none
 * ("Москва news"), that hash is appended ("news-1a2b3c4d") so the two
 * names do not share a slug. Always topic_name_valid; malloc'd, NULL on
 * ENOMEM (or EINVAL for a NULL name).
 */
char		*topic_slug(const char *name);

#endif /* OUTPUT_TOPIC_H */
