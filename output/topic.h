/*
 * Topics: a named set of keywords; an item belongs to a topic when its
 * source lists the topic or when a keyword occurs in its title or text.
 */
#ifndef OUTPUT_TOPIC_H
#define OUTPUT_TOPIC_H

#include "feeds/item.h"

struct topic;

/* name is the slug ([a-z0-9-]+, see topic_name_valid); title may be NULL
 * (the name is used). */
struct topic	*topic_new(const char *name, const char *title);
void		 topic_free(struct topic *);
/* Add a keyword or phrase, matched case-insensitively on word boundaries. */
int		 topic_add_keyword(struct topic *, const char *kw);
const char	*topic_name(const struct topic *);
const char	*topic_title(const struct topic *);
size_t		 topic_nkeywords(const struct topic *);
/* 1 when a keyword occurs in the item's title, summary or content text. */
int		 topic_match(const struct topic *, const struct item *);
/*
 * The same in two steps, for matching one item against many topics: the
 * item's title and the plain text of its summary and content, kept apart
 * and ASCII lower-cased (malloc'd, NULL on ENOMEM), then a match of one
 * topic on such a text.
 */
char		*topic_text(const struct item *);
int		 topic_match_text(const struct topic *, const char *text);
/* 1 when name is a valid slug: 1-64 of [a-z0-9-], not starting with '-'. */
int		 topic_name_valid(const char *name);

#endif /* OUTPUT_TOPIC_H */
