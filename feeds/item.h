/*
 * The item: the one plain-data record every stage hands the next.
 * Extractors (parse) fill it, normalize cleans it, the store keeps it and
 * gives it back for rendering, and the writers (atom) read it.
 * All strings are UTF-8 and NUL-terminated; every pointer field owns its
 * memory, and item_free releases all of it.
 */
#ifndef FEEDS_ITEM_H
#define FEEDS_ITEM_H

#include <stddef.h>
#include <time.h>

struct item {
	struct item	 *next;		/* owns: the next item of its list */
	char		 *id;		/* owns: the source's guid/id, or NULL */
	char		 *link;		/* owns: absolute article URL, or NULL */
	char		 *canon;	/* owns: canonical form of link, or NULL */
	char		 *title;	/* owns: plain text, or NULL */
	char		 *author;	/* owns: plain text, or NULL */
	time_t		  published;	/* UTC seconds; 0 when unknown */
	time_t		  updated;	/* UTC seconds; 0 when unknown */
	char		 *summary;	/* owns: HTML (sanitized by normalize) */
	char		 *content;	/* owns: HTML (sanitized by normalize) */
	char		**categories;	/* owns: ncategories owned strings */
	size_t		  ncategories;

	/* Filled by the store when it hands items back for rendering. */
	char		 *uid;		/* owns: unifeed's stable entry id */
	char		 *source_name;	/* owns: [source NAME] it came from */
	char		 *source_title;	/* owns: that source's feed title */
	char		 *source_url;	/* owns: that source's feed URL */
	char		 *source_link;	/* owns: that source's site link */
};

struct item_list {
	struct item	 *head;		/* owns: the first item */
	struct item	**tail;		/* borrows: where the next append goes */
	size_t		  count;
	char		 *title;	/* owns: the feed's own title, or NULL */
	char		 *link;		/* owns: the feed's site link, or NULL */
	char		 *format;	/* owns: "rss", "rdf", "atom", or NULL */
};

/* Categories kept per item; more are ignored (a hostile feed could send
 * millions, and each is compared with the others). */
#define ITEM_MAX_CATEGORIES	64

struct item	*item_new(void);
void		 item_free(struct item *);
/* Copy s (not NULL) into *field, freeing what was there; -1 on ENOMEM. */
int		 item_set(char **field, const char *s);
/* Append a copy of category c unless the item already has it or has
 * ITEM_MAX_CATEGORIES (then 0, nothing added). */
int		 item_add_category(struct item *, const char *c);

struct item_list *item_list_new(void);
/* Takes ownership of the item. */
void		 item_list_append(struct item_list *, struct item *);
void		 item_list_free(struct item_list *);

#endif /* FEEDS_ITEM_H */
