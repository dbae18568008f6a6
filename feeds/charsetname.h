/*
 * Names of character encodings: the labels a document may be declared in
 * (WHATWG Encoding labels plus common aliases), the decoder each stands
 * for, and the two places a declaration is read from, the charset
 * parameter of an HTTP Content-Type and the encoding of an XML
 * declaration. Pure: strings in, ids and sanitized labels out.
 */
#ifndef FEEDS_CHARSETNAME_H
#define FEEDS_CHARSETNAME_H

#include <stddef.h>

/* The encodings decoded; labels name them through charsetname_lookup. */
enum charsetname_id {
	CHARSETNAME_UNKNOWN = -2,	/* a label we cannot decode */
	CHARSETNAME_NONE = -1,		/* nothing declared */
	CHARSETNAME_UTF8 = 0,
	CHARSETNAME_CP1252,
	CHARSETNAME_UTF16,		/* byte order from the bytes */
	CHARSETNAME_UTF16BE,
	CHARSETNAME_UTF16LE,
	CHARSETNAME_UTF32,		/* byte order from the bytes */
	CHARSETNAME_UTF32BE,
	CHARSETNAME_UTF32LE,
	CHARSETNAME_BIG5,
	CHARSETNAME_EUCJP,
	CHARSETNAME_EUCKR,
	CHARSETNAME_GB18030,
	CHARSETNAME_IBM866,
	CHARSETNAME_ISO2022JP,
	CHARSETNAME_ISO8859_2,
	CHARSETNAME_ISO8859_3,
	CHARSETNAME_ISO8859_4,
	CHARSETNAME_ISO8859_5,
	CHARSETNAME_ISO8859_6,
	CHARSETNAME_ISO8859_7,
	CHARSETNAME_ISO8859_8,
	CHARSETNAME_ISO8859_10,
	CHARSETNAME_ISO8859_13,
	CHARSETNAME_ISO8859_14,
	CHARSETNAME_ISO8859_15,
	CHARSETNAME_ISO8859_16,
	CHARSETNAME_KOI8R,
	CHARSETNAME_KOI8U,
	CHARSETNAME_MAC,
	CHARSETNAME_MACCYR,
	CHARSETNAME_SJIS,
	CHARSETNAME_W874,
	CHARSETNAME_W1250,
	CHARSETNAME_W1251,
	CHARSETNAME_W1253,
	CHARSETNAME_W1254,
	CHARSETNAME_W1255,
	CHARSETNAME_W1256,
	CHARSETNAME_W1257,
	CHARSETNAME_W1258,
	CHARSETNAME_COUNT
};

/* The encoding a label names (any case): CHARSETNAME_UNKNOWN if none. */
int		 charsetname_lookup(const char *label);

/* The common name of id, 0 <= id < CHARSETNAME_COUNT ("Shift_JIS"). */
const char	*charsetname_name(int id);

/* iconv's name for id, or NULL for UTF-8, windows-1252 and UTF-16/32 of
 * unknown byte order, which are decoded without iconv. */
const char	*charsetname_iconv(int id);

/*
 * Copy the label src[0..len) into dst[0..size), blanks around it trimmed
 * and anything but printable ASCII (and quotes, backslash) replaced by
 * '?', as it comes from the network and goes into warnings; 0, or -1 when
 * nothing is left.
 */
int		 charsetname_label(char *dst, size_t size, const char *src,
		    size_t len);

/* The charset parameter of the Content-Type ct copied into label as by
 * charsetname_label; 0, or -1 when there is none. */
int		 charsetname_http(const char *ct, char *label, size_t size);
/*
 * The charset an HTML page declares in its first CHARSETNAME_META_SCAN
 * bytes, as HTML's prescan finds it: <meta charset="x">, or <meta
 * http-equiv="Content-Type" content="text/html; charset=x">. 0 with the
 * cleaned label in label, -1 when there is none.
 */
#define CHARSETNAME_META_SCAN	4096
int		 charsetname_html_meta(const char *buf, size_t len, char *label,
		    size_t size);

/*
 * The encoding="..." of the XML declaration at the start of p[0..n),
 * copied into label as by charsetname_label; order is CHARSETNAME_NONE for
 * ASCII-compatible bytes, else the UTF-16/32 byte order the first bytes
 * show (UTF-16BE, UTF-16LE, UTF-32BE, UTF-32LE). 0, or -1 when none.
 */
int		 charsetname_xml_decl(const unsigned char *p, size_t n,
		    int order, char *label, size_t size);

#endif /* FEEDS_CHARSETNAME_H */
