/*
 * Reading values from the nodes of a scraped page: a node's text as a
 * reader sees it (white space squeezed, bounded), attributes, string
 * results of raw XPath, the inner HTML of a summary, links and images
 * picked and resolved against the page's base, and dates read through
 * the source's format and zone or as relative dates. Every walk over the
 * page is charged to the run's work budget. Used by scrape.c only.
 */
#ifndef FEEDS_SCRAPEVAL_H
#define FEEDS_SCRAPEVAL_H

#include <stddef.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

/* What values are read with, for one scrape_doc call. */
struct scrapeval {
	htmlDocPtr	 doc;		/* borrows: the page */
	char		*base;		/* owns: what links resolve against
					 * (scrapeval_base), or NULL; the
					 * run's holder frees it */
	const char	*date_fmt;	/* borrows: the source's, or NULL */
	const char	*tz;		/* borrows: the source's, or NULL */
	time_t		 now;		/* for relative dates */
	int		 file;		/* the page is a file: URL */
	unsigned long	 budget;	/* work left: node visits, XPath steps,
					 * 4-byte units of summary */
	int		 over;		/* the budget ran out */
	int		 nomem;		/* an allocation failed */
};

/* Whether n is the element named name. */
int	 scrapeval_el_named(xmlNodePtr n, const char *name);
/* The first element named name (holding attribute attr, if not NULL) at
 * or under root in document order; NULL when none. */
xmlNodePtr scrapeval_find(struct scrapeval *, xmlNodePtr root,
	    const char *name, const char *attr);
/* The text of n as a reader sees it, squeezed and bounded; malloc'd ("" when
 * none), NULL on ENOMEM. */
char	*scrapeval_text(struct scrapeval *, xmlNodePtr n);
/* The value of matched node n: its attribute attr (NULL: its text);
 * malloc'd, NULL when none or empty. */
char	*scrapeval_node_value(struct scrapeval *, xmlNodePtr n,
	    const char *attr);
/* A string result o of a raw XPath, squeezed and bounded; malloc'd, NULL
 * when empty or on ENOMEM. */
char	*scrapeval_string_value(struct scrapeval *, xmlXPathObjectPtr o);
/* The absolute URL of reference ref when an item may link to it; else
 * NULL. */
char	*scrapeval_url(struct scrapeval *, const char *ref);
/* The URL in attribute attr of element n, resolved; NULL when none. */
char	*scrapeval_attr_url(struct scrapeval *, xmlNodePtr n,
	    const char *attr);
/* The first URL of a srcset value set (cut there in place), resolved. */
char	*scrapeval_srcset_url(struct scrapeval *, char *set);
/* The link of node n matched by a link selector without an attribute. */
char	*scrapeval_node_link(struct scrapeval *, xmlNodePtr n);
/* The first usable a[href] link at or under item; *anchor gets its
 * element, else the first a[href] (NULL when none). */
char	*scrapeval_first_link(struct scrapeval *, xmlNodePtr item,
	    xmlNodePtr *anchor);
/* The image URL of element img: src, data-src, else srcset's first. */
char	*scrapeval_img_url(struct scrapeval *, xmlNodePtr img);
/* The markup inside element n, malloc'd; NULL when over max bytes (*big
 * set) or on ENOMEM. */
char	*scrapeval_inner(struct scrapeval *, xmlNodePtr n, size_t max,
	    int *big);
/* Read s as a date into *t, as the source's format and zone say; -1 when
 * it does not read. */
int	 scrapeval_date_read(const struct scrapeval *, const char *s,
	    time_t *t);
/* A date found in item without a date selector; -1 when none. */
int	 scrapeval_date_guess(struct scrapeval *, xmlNodePtr item, time_t *t);
/* Set the base and file fields from the page's <base href> under head
 * (may be NULL) and url (may be NULL); -1 on ENOMEM. */
int	 scrapeval_base(struct scrapeval *, xmlNodePtr head, const char *url);

#endif /* FEEDS_SCRAPEVAL_H */
