/*
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) to an item list,
 * with json-c. Pure: UTF-8 text and limits in, items or an error out.
 */
#ifndef FEEDS_JSONFEED_H
#define FEEDS_JSONFEED_H

#include <stddef.h>

#include "feeds/item.h"
#include "feeds/parse.h"

/*
 * Parse the JSON Feed text[0..len) (UTF-8) fetched from url, the base for
 * relative URLs. On success returns a new list (caller frees), format
 * "json", with the feed's title and home_page_url, and per item: id, url
 * (external_url when there is no url), title, authors (1.1) or author
 * (1.0) name, date_published and date_modified, summary, content_html (or
 * content_text escaped to HTML) as content, tags as categories, image or
 * banner_image as image, attachments as enclosures. Recoverable oddities
 * (an item that is not an object, a bad date) become warnings on the list.
 * JSON that is not a JSON Feed ({"error": ...}) or not JSON at all returns
 * NULL with err saying so ("not a JSON Feed (no \"version\" or \"items\")",
 * "JSON syntax error at byte N: ...").
 */
struct item_list *jsonfeed_parse(const char *text, size_t len,
		    const char *url, const struct parse_limits *lim,
		    char *err, size_t errlen);

#endif /* FEEDS_JSONFEED_H */
