/*
 * HTML pages as sources: a fetched listing page read into items (its
 * charset decoded, parsed, scraped with the source's selectors or through
 * the list the list finder sees), and a fetched article page read into an
 * article. The glue between fetching and the scraper, list finder and
 * article extractor, shared by the daemon and `unifeed preview`.
 */
#ifndef FEEDS_PAGE_H
#define FEEDS_PAGE_H

#include <stddef.h>
#include <time.h>

#include "feeds/article.h"
#include "feeds/item.h"
#include "feeds/listfind.h"
#include "feeds/scrape.h"

/* How one source's pages are read; every pointer borrowed, any NULL. */
struct page_rules {
	const char	*sel[SCRAPE_NFIELDS];	/* selectors as written */
	const char	*date_format;
	const char	*timezone;	/* IANA name */
	const char	*site;		/* the source's name, cut from titles */
};

/*
 * Read the listing page buf[0..len) fetched from url (served as
 * content_type, or NULL) at now; each item's link is its id too. Without
 * an items selector the list is found on the page; then *found (when not
 * NULL; release it with listfind_clear in any case, even on failure)
 * gets the selectors used. Returns a new list (format
 * "html", encoding set, possibly empty), or NULL with err filled: the
 * page cannot be read, a selector does not compile, no list of articles
 * is found, or ENOMEM.
 */
struct item_list *page_items(const char *buf, size_t len, const char *url,
		    const char *content_type, const struct page_rules *rules,
		    time_t now, size_t max_items, struct listfind *found,
		    char *err, size_t errlen);

/*
 * Say in err (which holds why scraping failed) that the page is neither a
 * feed nor a page that announces one: "not a feed: an HTML page ...".
 */
void		 page_no_feed(char *err, size_t errlen);

/*
 * Read the article page buf[0..len) fetched from url (content_type or
 * NULL): charset, then article_extract. 0 with *a filled (release with
 * article_clear), or -1 with err filled.
 */
int		 page_article(const char *buf, size_t len, const char *url,
		    const char *content_type, struct article *a, char *err,
		    size_t errlen);

/*
 * Merge the article fetched for it: the article's content replaces the
 * item's (a's is taken, a->content left NULL), its http(s) rel=canonical
 * becomes the item's canonical link (the link stays), and its title,
 * author (without a "By" label), published time and image fill what the
 * item lacks; an item without an updated time takes the published one.
 */
void		 page_merge(struct item *it, struct article *a);

#endif /* FEEDS_PAGE_H */
