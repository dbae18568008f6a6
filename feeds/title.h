/*
 * Titles as news sites write them: "Headline | Topic | Topic" (tags after
 * bars, as in the seed articles) and "Headline - Site name" (the site's
 * name appended). Pure string work on plain text.
 */
#ifndef FEEDS_TITLE_H
#define FEEDS_TITLE_H

#include <stddef.h>

/* Tags kept per title. */
#define TITLE_MAX_TAGS	16

/*
 * Split the plain-text title t in place: the headline stays in t, and the
 * tags after " | " separators are stored (pointers into t) in tags[], *n
 * set to their count. site (may be NULL) is the source's name or feed
 * title: a trailing " - site", " | site", " — site" or " :: site" matching
 * it (case-insensitively, or a suffix that repeats on most titles, which
 * the caller tells by passing it as site) is removed first. A title that
 * would be left empty is left whole. Returns the headline (t).
 */
char	*title_split(char *t, const char *site, char *tags[TITLE_MAX_TAGS],
	    size_t *n);

#endif /* FEEDS_TITLE_H */
