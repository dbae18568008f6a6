/*
 * HTML pages as sources: charset, parse, then selectors, the list finder
 * or the article extractor. Pure: bytes and rules in, items out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "feeds/charset.h"
#include "feeds/htmldoc.h"
#include "feeds/page.h"
#include "feeds/parse.h"
#include "feeds/url.h"

/* Compile rules, with the list finder's selectors standing in for the
 * ones the source does not set when lf is not NULL. */
static struct scrape *
page_scrape(const struct page_rules *rules, const struct listfind *lf,
    char *err, size_t errlen)
{
	struct scrape *sc;
	const char *sel[SCRAPE_NFIELDS];
	char e[256];
	int f;

	memcpy(sel, rules->sel, sizeof(sel));
	if (lf != NULL) {
		sel[SCRAPE_ITEMS] = lf->items;
		if (sel[SCRAPE_TITLE] == NULL)
			sel[SCRAPE_TITLE] = lf->title;
		if (sel[SCRAPE_LINK] == NULL)
			sel[SCRAPE_LINK] = lf->link;
		if (sel[SCRAPE_DATE] == NULL)
			sel[SCRAPE_DATE] = lf->date;
		if (sel[SCRAPE_SUMMARY] == NULL)
			sel[SCRAPE_SUMMARY] = lf->summary;
		if (sel[SCRAPE_IMAGE] == NULL)
			sel[SCRAPE_IMAGE] = lf->image;
	}
	if ((sc = scrape_new()) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	for (f = 0; f < SCRAPE_NFIELDS; f++)
		if (sel[f] != NULL && scrape_set(sc, (enum scrape_field)f,
		    sel[f], e, sizeof(e)) == -1) {
			snprintf(err, errlen, "%s: %s",
			    scrape_field_name((enum scrape_field)f), e);
			scrape_free(sc);
			return NULL;
		}
	if (scrape_set_date_format(sc, rules->date_format) == -1 ||
	    scrape_set_site(sc, rules->site) == -1) {
		snprintf(err, errlen, "out of memory");
		scrape_free(sc);
		return NULL;
	}
	if (scrape_set_timezone(sc, rules->timezone, err, errlen) == -1) {
		scrape_free(sc);
		return NULL;
	}
	return sc;
}

/*
 * A scraped item's link is its id within the source, as a guid would be:
 * what identifies it on the next poll even when full text gives it the
 * canonical URL of its article page as its link key.
 */
static int
page_ids(struct item_list *l)
{
	struct item *it;

	for (it = l->head; it != NULL; it = it->next)
		if (it->id == NULL && it->link != NULL &&
		    item_set(&it->id, it->link) == -1)
			return -1;
	return 0;
}

/* Scrape the parsed page: with the rules, or the list found on it. */
static struct item_list *
page_scrape_doc(htmlDocPtr doc, const char *url,
    const struct page_rules *rules, time_t now, size_t max_items,
    struct listfind *found, char *err, size_t errlen)
{
	struct listfind lf;
	struct scrape *sc;
	struct item_list *l = NULL;
	int guessed = rules->sel[SCRAPE_ITEMS] == NULL;

	memset(&lf, 0, sizeof(lf));
	if (guessed && listfind_guess(doc, url, &lf, err, errlen) == -1)
		return NULL;
	if ((sc = page_scrape(rules, guessed ? &lf : NULL, err,
	    errlen)) != NULL) {
		l = scrape_doc(sc, doc, url, now, max_items, err, errlen);
		scrape_free(sc);
	}
	if (found != NULL && guessed)
		*found = lf;
	else
		listfind_clear(&lf);
	if (l != NULL && page_ids(l) == -1) {
		item_list_free(l);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return l;
}

struct item_list *
page_items(const char *buf, size_t len, const char *url,
    const char *content_type, const struct page_rules *rules, time_t now,
    size_t max_items, struct listfind *found, char *err, size_t errlen)
{
	struct charset_result cr;
	struct item_list *l = NULL;
	htmlDocPtr doc;

	if (found != NULL)
		memset(found, 0, sizeof(*found));
	if (charset_decode_html(buf, len, content_type, &cr, err,
	    errlen) == -1)
		return NULL;
	if ((doc = htmldoc_parse(cr.utf8, cr.len, err, errlen)) != NULL) {
		l = page_scrape_doc(doc, url, rules, now, max_items, found,
		    err, errlen);
		xmlFreeDoc(doc);
	}
	if (l != NULL && ((l->encoding == NULL &&
	    (l->encoding = strdup(cr.encoding)) == NULL) ||
	    (cr.warning[0] != '\0' &&
	    item_list_warn(l, "%s", cr.warning) == -1))) {
		item_list_free(l);
		l = NULL;
		snprintf(err, errlen, "out of memory");
	}
	charset_result_free(&cr);
	return l;
}

void
page_no_feed(char *err, size_t errlen)
{
	char why[512];

	snprintf(why, sizeof(why), "%s", err);
	snprintf(err, errlen, "%s that announces no feed, and %s",
	    PARSE_HTML_PAGE, why);
}

int
page_article(const char *buf, size_t len, const char *url,
    const char *content_type, struct article *a, char *err, size_t errlen)
{
	struct charset_result cr;
	int rc;

	memset(a, 0, sizeof(*a));
	if (charset_decode_html(buf, len, content_type, &cr, err,
	    errlen) == -1)
		return -1;
	rc = article_extract(cr.utf8, cr.len, url, a, err, errlen);
	charset_result_free(&cr);
	return rc;
}

/* Move *from into *to when *to is empty. */
static void
page_take(char **to, char **from)
{
	if (*to == NULL && *from != NULL) {
		*to = *from;
		*from = NULL;
	}
}

/* A byline as an author's name: "By Li Wei" and "Source: Xinhua" lose
 * their label. */
static void
page_byline(char *s)
{
	static const char *const labels[] = { "by: ", "by:", "by ",
	    "source: ", "source:", "author: ", "author:" };
	size_t i, n;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		n = strlen(labels[i]);
		if (strncasecmp(s, labels[i], n) == 0 && s[n] != '\0') {
			memmove(s, s + n, strlen(s + n) + 1);
			return;
		}
	}
}

void
page_merge(struct item *it, struct article *a)
{
	char *canon;

	if (a->author != NULL)
		page_byline(a->author);
	if (a->content != NULL) {
		free(it->content);
		it->content = a->content;
		a->content = NULL;
	}
	/* the page's own URL for the story identifies it across sources */
	if (a->canonical != NULL && url_scheme_is(a->canonical, "http,https")
	    && (canon = url_canonical(a->canonical)) != NULL) {
		free(it->canon);
		it->canon = canon;
	}
	page_take(&it->title, &a->title);
	page_take(&it->author, &a->author);
	page_take(&it->image, &a->image);
	if (it->published == 0)
		it->published = a->published;
	if (it->updated == 0)
		it->updated = it->published;
}
