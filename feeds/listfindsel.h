/*
 * Selectors for the list of articles listfind.c finds. While the walk
 * scores a group of sibling blocks, this module narrows it to what an
 * items selector can pick (a shared class, :nth-child(n+k),
 * :not(:last-child)) and counts what that selector picks. For the
 * winning group it writes the items selector (parent and item compound,
 * else under an ancestor with an id or a class, else an :nth-child()
 * path from the nearest id) and the link, title, date, summary and image
 * selectors relative to an item, each compiled by selector_compile and
 * evaluated with libxml2's XPath on the page to check that it picks
 * exactly what was found. It also owns the element tests that say what a
 * selector can write, so that both halves agree on them.
 */
#ifndef FEEDS_LISTFINDSEL_H
#define FEEDS_LISTFINDSEL_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "feeds/listfind.h"

#define LISTFINDSEL_SAMPLE	40	/* blocks of a group looked at */
#define LISTFINDSEL_MIN_BLOCKS	3	/* items a list has at least */
#define LISTFINDSEL_NAME	96	/* bytes of a class or id written */
#define LISTFINDSEL_BARE_MAX	20000	/* elements of a page on which a
					 * parent without id or class is
					 * tried alone (libxml2 takes
					 * quadratic time on "//div/a") */

/* What a block holds besides itself; each part gets a selector. */
enum listfindsel_part {
	LISTFINDSEL_LINK,
	LISTFINDSEL_DATE,
	LISTFINDSEL_SUMMARY,
	LISTFINDSEL_IMAGE,
	LISTFINDSEL_NPARTS
};

/* One sibling looked at as an item of the list. */
struct listfindsel_block {
	xmlNodePtr	 node;		/* borrows: the block */
	xmlNodePtr	 part[LISTFINDSEL_NPARTS]; /* borrows: or NULL */
	char		*url;		/* owns: the main link, absolute
					 * when it can be, or NULL */
	double		 score;
	int		 qualifies;	/* reads as one article */
	int		 dated;		/* has a date, maybe in loose text */
};

/* Children of one parent with one tag: a candidate list. */
struct listfindsel_group {
	xmlNodePtr	 parent;	/* borrows */
	const xmlChar	*tag;		/* borrows: the blocks' name */
	char		 cls[LISTFINDSEL_NAME]; /* class all items have, or
					 * "" */
	size_t		 from;		/* :nth-child(n+from), or 0 */
	int		 notlast;	/* :not(:last-child) */
	int		 all;		/* the sample holds every block */
	size_t		 count;		/* blocks the items selector picks */
	struct listfindsel_block blk[LISTFINDSEL_SAMPLE]; /* the first
					 * ones */
	size_t		 nblk;
	double		 score;
};

/* The page's XPath context and what the checks ask of the walk. */
struct listfindsel;

/*
 * A checker for the selectors of page doc, which has elements elements
 * (counted at least to LISTFINDSEL_BARE_MAX + 1); article_cb(arg, n) says
 * whether a block an items selector picks beside the group reads as an
 * article. NULL on ENOMEM; release with listfindsel_free.
 */
struct listfindsel *listfindsel_new(htmlDocPtr doc, size_t elements,
	    int (*article_cb)(void *, xmlNodePtr), void *arg);
void	 listfindsel_free(struct listfindsel *);

/*
 * Say group g as selectors into the empty lf, each checked on the page:
 * 0, 1 (lf left empty) when no items selector picks exactly its blocks,
 * -1 on ENOMEM (lf may be partly filled).
 */
int	 listfindsel_fill(struct listfindsel *,
	    const struct listfindsel_group *g, struct listfind *lf);

/*
 * Narrow group g to its articles where its items selector can say so (a
 * class most of them share, leading and last blocks that are not
 * articles skipped by position), freeing the sampled blocks it drops.
 */
void	 listfindsel_narrow(struct listfindsel_group *g);

/* How many children of g's parent its items selector picks. */
size_t	 listfindsel_count(const struct listfindsel_group *g);

/* Attribute name of element n as plain text, borrowed from the tree;
 * NULL when absent or not plain text. */
const char *listfindsel_attr(xmlNodePtr n, const char *name);

/* Whether s[0..n) can be written in a selector as it is. */
int	 listfindsel_ident(const char *s, size_t n);

/* Whether n is a heading element, h1 to h6. */
int	 listfindsel_heading(xmlNodePtr n);

#endif /* FEEDS_LISTFINDSEL_H */
