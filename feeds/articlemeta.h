/*
 * Article metadata: what a news page says of itself (JSON-LD, Open Graph
 * and other <meta>, <title>, <h1>, bylines, <time>, <base href> and
 * rel=canonical), read once from the parsed page for feeds/article.c.
 */
#ifndef FEEDS_ARTICLEMETA_H
#define FEEDS_ARTICLEMETA_H

#include <libxml/tree.h>

#include "feeds/article.h"

struct articlemeta;

/*
 * Read the metadata of the page under root, before anything is removed
 * from it; NULL on ENOMEM. Release with articlemeta_free.
 */
struct articlemeta *articlemeta_read(xmlNode *root);

/* The page's <base href> as written (borrowed), or NULL. */
const char	*articlemeta_base(const struct articlemeta *);

/* JSON-LD's plain-text articleBody (borrowed), or NULL. */
const char	*articlemeta_body(const struct articlemeta *);

/*
 * Move title, author, image and canonical (URLs resolved against base)
 * into a and set a->published, each from the first source that gave it
 * (JSON-LD, then <meta>, then the markup).
 */
void		 articlemeta_fill(struct articlemeta *, const char *base,
		    struct article *a);
void		 articlemeta_free(struct articlemeta *);

#endif /* FEEDS_ARTICLEMETA_H */
