/*
 * The plain text of HTML that html_sanitize wrote, read in one pass
 * without a parse: what html_to_text gives for it, at a fraction of the
 * cost, for the stages that need a stored body's text (near-duplicate
 * fingerprints, topic matching).
 */
#ifndef FEEDS_HTMLTEXT_H
#define FEEDS_HTMLTEXT_H

#include <stddef.h>

/*
 * The plain text of html, as html_to_text gives it, for HTML that
 * html_sanitize wrote: tags removed (block elements break words, dropped
 * elements left out), references decoded, white space collapsed and
 * trimmed. Any other input is read safely, in linear time, to a text that
 * holds no markup but may differ from html_to_text's. Returns malloc'd
 * UTF-8, or NULL when html is NULL, over max bytes, or on ENOMEM.
 */
char	*htmltext(const char *html, size_t max);

#endif /* FEEDS_HTMLTEXT_H */
