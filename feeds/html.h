/*
 * HTML from the network: sanitizing it for republishing (an allow-list of
 * elements, attributes and URL schemes, over libxml2's HTML parser), and
 * reducing it to plain text for titles and matching.
 */
#ifndef FEEDS_HTML_H
#define FEEDS_HTML_H

#include <stddef.h>

/*
 * Sanitize an HTML fragment: keep only allow-listed elements and attributes,
 * drop script/style/form and the like with their content and event handlers,
 * keep iframes only to allow-listed https players (sandboxed), style only
 * with allow-listed CSS, URLs only for http, https and mailto (and base64
 * image data: in img src), resolving relative ones against base (may be
 * NULL). Input longer than max bytes is refused (NULL). Returns a malloc'd,
 * well-formed (XHTML-compatible) UTF-8 fragment, possibly "", that
 * html_sanitize leaves unchanged, or NULL on error.
 */
char	*html_sanitize(const char *html, const char *base, size_t max);

/*
 * Plain text of an HTML fragment or entity-escaped text: tags removed,
 * entities decoded, white space collapsed and trimmed. Returns malloc'd
 * UTF-8, or NULL on error.
 */
char	*html_to_text(const char *html, size_t max);

/*
 * 1 when text from a field that may or may not hold HTML (an RSS title, a
 * category) reads as HTML: it has an entity or character reference, or a
 * tag of an element HTML knows ("<b>", "</a>", "<br/>"); "Q & A" and
 * "Tricky <Co>" are plain text. feedparser's lookslikehtml, in spirit.
 */
int	 html_looks_like(const char *s);

/*
 * The largest number of attributes that any start tag of the markup
 * s[0..n) has (comments, CDATA sections, declarations and processing
 * instructions skipped), counting no further than cap; *at (may be NULL)
 * gets the offset of that tag. Linear time: the guard for libxml2's XML and
 * HTML parsers, which look for duplicate attributes in quadratic time.
 */
size_t	 html_tag_attrs_max(const char *s, size_t n, size_t cap,
	    size_t *at);

/* Attributes a start tag may have before its fragment is dropped. */
#define HTML_MAX_ATTRS	256

/*
 * What element name[0..len) (lower-case, not NUL-terminated) is to
 * html_to_text: HTML_TEXT_BLOCK when it breaks words, HTML_TEXT_DROP when
 * its content is left out, 0 for inline and unknown elements. For readers
 * of sanitized HTML that do without a parse (htmltext).
 */
#define HTML_TEXT_BLOCK	0x1
#define HTML_TEXT_DROP	0x2
int	 html_text_flags(const char *name, size_t len);

/*
 * Length of the valid UTF-8 sequence at p (before end) and its code point
 * in *cp, or 0 for an invalid one (overlong, surrogate, beyond U+10FFFF,
 * cut).
 */
size_t	 html_utf8_next(const unsigned char *p, const unsigned char *end,
	    unsigned int *cp);
/* What C1 control c (U+0080..U+009F) is as windows-1252 reads its byte
 * (a feed's "&#146;" or mislabelled cp1252), 0 where 1252 has none. */
unsigned int html_c1(unsigned int c);

/* Length of the white space at p: ASCII, NO-BREAK SPACE or IDEOGRAPHIC
 * SPACE (U+3000); 0 when p is not white space. */
size_t	 html_space_len(const char *p);

/* Collapse runs of white space to one space and trim, in place. */
void	 html_squeeze(char *s);

#endif /* FEEDS_HTML_H */
