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
#include <stdint.h>
#include <time.h>

/* A media file attached to an item (RSS enclosure, Atom rel="enclosure",
 * Media RSS content, JSON Feed attachment). */
struct item_enclosure {
	char		*url;		/* owns: absolute URL */
	char		*type;		/* owns: media type, or NULL */
	long long	 length;	/* bytes; -1 when unknown */
};

/* Another source that carried the same story (the store merges them). */
struct item_via {
	char		*link;		/* owns: that source's link to it */
	char		*title;		/* owns: the source's title, or NULL */
};

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
	char		 *base;		/* owns: what relative URLs in summary
					 * and content resolve against when
					 * not the feed's URL (xml:base), or
					 * NULL */
	char		**categories;	/* owns: ncategories owned strings */
	size_t		  ncategories;
	struct item_enclosure *enclosures; /* owns: nenclosures of them */
	size_t		  nenclosures;
	char		 *image;	/* owns: absolute URL of a thumbnail
					 * or cover image, or NULL */
	long		  duration;	/* seconds of audio/video; 0 unknown */

	/* Filled by the store when it hands items back for rendering. */
	char		 *uid;		/* owns: unifeed's stable entry id */
	char		 *source_name;	/* owns: [source NAME] it came from */
	char		 *source_title;	/* owns: that source's feed title */
	char		 *source_url;	/* owns: that source's feed URL */
	char		 *source_link;	/* owns: that source's site link */
	struct item_via	 *vias;		/* owns: nvias further sources of the
					 * same story, first seen first */
	size_t		  nvias;
};

struct item_list {
	struct item	 *head;		/* owns: the first item */
	struct item	**tail;		/* borrows: where the next append goes */
	size_t		  count;
	char		 *title;	/* owns: the feed's own title, or NULL */
	char		 *link;		/* owns: the feed's site link, or NULL */
	char		 *format;	/* owns: "rss", "rdf", "atom", "json",
					 * or NULL */
	char		 *encoding;	/* owns: charset the document was read
					 * in ("UTF-8", "windows-1252"), or
					 * NULL */
	char		**warnings;	/* owns: nwarnings owned messages:
					 * what was recovered or guessed */
	size_t		  nwarnings;
};

/* Categories kept per item; more are ignored (a hostile feed could send
 * millions, and each is compared with the others). */
#define ITEM_MAX_CATEGORIES	64
/* Further sources kept per item. */
#define ITEM_MAX_VIAS		32
/* Enclosures kept per item. */
#define ITEM_MAX_ENCLOSURES	16
/* Warnings kept per list; the last one says how many more were dropped. */
#define ITEM_MAX_WARNINGS	16

struct item	*item_new(void);
void		 item_free(struct item *);
/* Copy s (not NULL) into *field, freeing what was there; -1 on ENOMEM. */
int		 item_set(char **field, const char *s);
/* Append a copy of category c unless the item already has it or has
 * ITEM_MAX_CATEGORIES (then 0, nothing added). */
int		 item_add_category(struct item *, const char *c);
/* Append an enclosure (url not NULL, type may be NULL) unless the item
 * has that URL already or ITEM_MAX_ENCLOSURES of them (0, nothing added). */
int		 item_add_enclosure(struct item *, const char *url,
		    const char *type, long long length);

/* Append a further source of the story (link not NULL, title may be)
 * unless the item has that link already, is its own link, or has
 * ITEM_MAX_VIAS of them (0, nothing added). */
int		 item_add_via(struct item *, const char *link,
		    const char *title);
/*
 * A 64-bit hash of everything the source said of the item (every field
 * but the store's): an item whose hash is the one it had at the last
 * poll has not changed, whatever normalizing would make of it.
 */
uint64_t	 item_hash(const struct item *);
struct item_list *item_list_new(void);
/* Takes ownership of the item. */
void		 item_list_append(struct item_list *, struct item *);
void		 item_list_free(struct item_list *);
/* Add a printf-formatted warning to the list (at most ITEM_MAX_WARNINGS,
 * the same message once); -1 on ENOMEM. */
int		 item_list_warn(struct item_list *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

#endif /* FEEDS_ITEM_H */
