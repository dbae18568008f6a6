/*
 * Near-duplicates in the store: one story syndicated under different URLs
 * with a lightly edited title and text. An incoming item yields candidate
 * keys (its story URL, its normalized title, the first words of its text)
 * that name at most one stored entry each, in O(log n); a candidate is
 * the same story only when it came from another source, lies within the
 * merge window, and its fingerprints agree (feeds/fingerprint.h).
 */
#ifndef DAEMON_STOREDUP_H
#define DAEMON_STOREDUP_H

#include <time.h>

#include "feeds/fingerprint.h"
#include "feeds/item.h"

/* Title words a title key needs: shorter titles are too general. */
#define STOREDUP_TITLE_WORDS	4
/* Words of the text its key is made of; a shorter text has none. */
#define STOREDUP_TEXT_WORDS	15

/* What one item offers for the near-duplicate test. */
struct storedup {
	char			*skey;	/* owns: 's' key of url_story, or NULL */
	char			*nkey;	/* owns: 'n' key: the title, or NULL */
	char			*xkey;	/* owns: 'x' key: the text, or NULL */
	struct fingerprint	 fp;
	int			 ready;	/* nkey, xkey and fp made */
};

/* The story-URL key of it (cheap, always wanted). -1 on ENOMEM. */
int	 storedup_init(struct storedup *, const struct item *it,
	    const char *const *tracking);
/* The title and text keys and the fingerprints (an HTML-to-text pass),
 * once. -1 on ENOMEM. */
int	 storedup_prepare(struct storedup *, const struct item *it);
/* Move from's title and text keys and fingerprints (if ready) into to,
 * whose story key stays; from is left empty. */
void	 storedup_take(struct storedup *to, struct storedup *from);
void	 storedup_free(struct storedup *);
/* The fingerprint's word counts packed for the fp_words column, and
 * back. */
long long storedup_words(const struct fingerprint *);
void	 storedup_unwords(long long, struct fingerprint *);

#endif /* DAEMON_STOREDUP_H */
