/*
 * Article pages: the main content of one news page, as readability does
 * it, over libxml2's HTML parser (blocks scored by text density, links and
 * markup; navigation, ads, share bars and comments removed), with the
 * page's title, byline, publication time, lead image and rel=canonical.
 * Pure: bytes and a URL in, an article out.
 */
#ifndef FEEDS_ARTICLE_H
#define FEEDS_ARTICLE_H

#include <stddef.h>
#include <time.h>

struct article {
	char	*title;		/* owns: plain text, or NULL */
	char	*author;	/* owns: plain text, or NULL */
	time_t	 published;	/* UTC; 0 when unknown (JSON-LD
				 * datePublished, article:published_time,
				 * <time datetime>) */
	char	*image;		/* owns: absolute URL, or NULL */
	char	*canonical;	/* owns: absolute URL, or NULL */
	char	*content;	/* owns: sanitized HTML of the main content */
	char	*text;		/* owns: its plain text, paragraphs separated
				 * by blank lines */
};

/*
 * Extract the article from the HTML page html[0..len) (UTF-8) fetched from
 * url (relative URLs resolve against <base href>, then url). Fills *a
 * (release with article_clear) and returns 0; -1 with err filled when
 * nothing like an article is found or on ENOMEM.
 */
int	 article_extract(const char *html, size_t len, const char *url,
	    struct article *a, char *err, size_t errlen);
void	 article_clear(struct article *);

#endif /* FEEDS_ARTICLE_H */
