/*
 * Character encodings of fetched documents: which one a document is in
 * (RFC 7303 for XML: a byte order mark, then the HTTP charset, then the
 * XML declaration, else UTF-8), and its bytes decoded to UTF-8 with iconv.
 * A wrong or unknown declaration falls back (UTF-8, then windows-1252)
 * with a warning rather than a failure. Pure: bytes in, UTF-8 out.
 */
#ifndef FEEDS_CHARSET_H
#define FEEDS_CHARSET_H

#include <stddef.h>

/* Longest encoding name kept (with its NUL). */
#define CHARSET_NAME_LEN	40

struct charset_result {
	char	*utf8;		/* owns: NUL-terminated, valid UTF-8, without
				 * byte order mark, characters not allowed in
				 * XML 1.0 removed */
	size_t	 len;		/* of utf8, without the NUL */
	char	 encoding[CHARSET_NAME_LEN];	/* what it was read as, in
				 * its common name ("UTF-8", "windows-1252",
				 * "GB18030", "Shift_JIS") */
	char	 warning[256];	/* "" or what was guessed or repaired:
				 * "declared encoding 'x' is unknown; read
				 * as UTF-8", "3 control characters
				 * removed" */
};

/*
 * Decode the XML document buf[0..len) to UTF-8. content_type is the HTTP
 * Content-Type header or NULL (a file). A byte order mark is authoritative
 * (RFC 7303 3.2; a charset parameter it contradicts is warned about), then
 * the charset parameter, then the XML declaration. The XML
 * declaration is left in place: the caller parses the result as UTF-8
 * whatever it says. Fills *res (release with charset_result_free) and
 * returns 0; -1 with err filled when out of memory.
 */
int	 charset_decode_xml(const char *buf, size_t len,
	    const char *content_type, struct charset_result *res,
	    char *err, size_t errlen);

/*
 * The same for a non-XML text document (JSON, HTML): a byte order mark,
 * then the HTTP charset, then fallback_charset (NULL: none; HTML's
 * <meta charset> found by the caller), else UTF-8 with the windows-1252
 * fallback.
 */
int	 charset_decode_text(const char *buf, size_t len,
	    const char *content_type, const char *fallback_charset,
	    struct charset_result *res, char *err, size_t errlen);

/*
 * An HTML page: charset_decode_text with the charset the page declares in
 * a <meta> (charsetname_html_meta) as the fallback.
 */
int	 charset_decode_html(const char *buf, size_t len,
	    const char *content_type, struct charset_result *res,
	    char *err, size_t errlen);

void	 charset_result_free(struct charset_result *);

#endif /* FEEDS_CHARSET_H */
