/*
 * charsetname: the names of character encodings. Owns the label table
 * (WHATWG Encoding labels plus common aliases) and the decoder each label
 * stands for, and reads declarations: the charset parameter of an HTTP
 * Content-Type and the encoding of an XML declaration, in ASCII-compatible
 * bytes or in UTF-16/32 (XML 1.0 appendix F). Labels come from the
 * network: they are copied trimmed, printable ASCII only. The decoding
 * itself, and which declaration wins, is charset's.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feeds/charsetname.h"

/* Bytes looked at for an XML declaration. */
#define CHARSETNAME_DECL_LEN	1024

struct charsetname_enc {
	const char	*iconv;		/* borrows: iconv's name, NULL when
					 * decoded here */
	const char	*name;		/* borrows: the common name */
};

/*
 * Supersets decode the names they cover, as browsers do: GB2312 and GBK as
 * GB18030, Shift_JIS as CP932, EUC-KR as CP949 (UHC), ISO-8859-1 and
 * US-ASCII as windows-1252, Big5 as BIG5-HKSCS (glibc's BIG5-HKSCS decodes
 * 18463 two-byte codes, its CP950 13911).
 */
static const struct charsetname_enc charsetname_encs[CHARSETNAME_COUNT] = {
	[CHARSETNAME_UTF8] =		{ NULL, "UTF-8" },
	[CHARSETNAME_CP1252] =		{ NULL, "windows-1252" },
	[CHARSETNAME_UTF16] =		{ NULL, "UTF-16" },
	[CHARSETNAME_UTF16BE] =		{ "UTF-16BE", "UTF-16BE" },
	[CHARSETNAME_UTF16LE] =		{ "UTF-16LE", "UTF-16LE" },
	[CHARSETNAME_UTF32] =		{ NULL, "UTF-32" },
	[CHARSETNAME_UTF32BE] =		{ "UTF-32BE", "UTF-32BE" },
	[CHARSETNAME_UTF32LE] =		{ "UTF-32LE", "UTF-32LE" },
	[CHARSETNAME_BIG5] =		{ "BIG5-HKSCS", "Big5" },
	[CHARSETNAME_EUCJP] =		{ "EUC-JP", "EUC-JP" },
	[CHARSETNAME_EUCKR] =		{ "CP949", "EUC-KR" },
	[CHARSETNAME_GB18030] =		{ "GB18030", "GB18030" },
	[CHARSETNAME_IBM866] =		{ "IBM866", "IBM866" },
	[CHARSETNAME_ISO2022JP] =	{ "ISO-2022-JP", "ISO-2022-JP" },
	[CHARSETNAME_ISO8859_2] =	{ "ISO-8859-2", "ISO-8859-2" },
	[CHARSETNAME_ISO8859_3] =	{ "ISO-8859-3", "ISO-8859-3" },
	[CHARSETNAME_ISO8859_4] =	{ "ISO-8859-4", "ISO-8859-4" },
	[CHARSETNAME_ISO8859_5] =	{ "ISO-8859-5", "ISO-8859-5" },
	[CHARSETNAME_ISO8859_6] =	{ "ISO-8859-6", "ISO-8859-6" },
	[CHARSETNAME_ISO8859_7] =	{ "ISO-8859-7", "ISO-8859-7" },
	[CHARSETNAME_ISO8859_8] =	{ "ISO-8859-8", "ISO-8859-8" },
	[CHARSETNAME_ISO8859_10] =	{ "ISO-8859-10", "ISO-8859-10" },
	[CHARSETNAME_ISO8859_13] =	{ "ISO-8859-13", "ISO-8859-13" },
	[CHARSETNAME_ISO8859_14] =	{ "ISO-8859-14", "ISO-8859-14" },
	[CHARSETNAME_ISO8859_15] =	{ "ISO-8859-15", "ISO-8859-15" },
	[CHARSETNAME_ISO8859_16] =	{ "ISO-8859-16", "ISO-8859-16" },
	[CHARSETNAME_KOI8R] =		{ "KOI8-R", "KOI8-R" },
	[CHARSETNAME_KOI8U] =		{ "KOI8-U", "KOI8-U" },
	[CHARSETNAME_MAC] =		{ "MACINTOSH", "macintosh" },
	[CHARSETNAME_MACCYR] =		{ "MAC-CYRILLIC", "x-mac-cyrillic" },
	[CHARSETNAME_SJIS] =		{ "CP932", "Shift_JIS" },
	[CHARSETNAME_W874] =		{ "WINDOWS-874", "windows-874" },
	[CHARSETNAME_W1250] =		{ "WINDOWS-1250", "windows-1250" },
	[CHARSETNAME_W1251] =		{ "WINDOWS-1251", "windows-1251" },
	[CHARSETNAME_W1253] =		{ "WINDOWS-1253", "windows-1253" },
	[CHARSETNAME_W1254] =		{ "WINDOWS-1254", "windows-1254" },
	[CHARSETNAME_W1255] =		{ "WINDOWS-1255", "windows-1255" },
	[CHARSETNAME_W1256] =		{ "WINDOWS-1256", "windows-1256" },
	[CHARSETNAME_W1257] =		{ "WINDOWS-1257", "windows-1257" },
	[CHARSETNAME_W1258] =		{ "WINDOWS-1258", "windows-1258" },
};

struct charsetname_alias {
	const char	*label;		/* borrows: lower case */
	int		 id;		/* enum charsetname_id */
};

/* Labels, lower case. Keep sorted (LC_ALL=C sort): searched with bsearch. */
static const struct charsetname_alias charsetname_aliases[] = {
	{ "866", CHARSETNAME_IBM866 },
	{ "ansi_x3.4-1968", CHARSETNAME_CP1252 },
	{ "arabic", CHARSETNAME_ISO8859_6 },
	{ "ascii", CHARSETNAME_CP1252 },
	{ "asmo-708", CHARSETNAME_ISO8859_6 },
	{ "big5", CHARSETNAME_BIG5 },
	{ "big5-hkscs", CHARSETNAME_BIG5 },
	{ "big5hkscs", CHARSETNAME_BIG5 },
	{ "chinese", CHARSETNAME_GB18030 },
	{ "cn-big5", CHARSETNAME_BIG5 },
	{ "cp1250", CHARSETNAME_W1250 },
	{ "cp1251", CHARSETNAME_W1251 },
	{ "cp1252", CHARSETNAME_CP1252 },
	{ "cp1253", CHARSETNAME_W1253 },
	{ "cp1254", CHARSETNAME_W1254 },
	{ "cp1255", CHARSETNAME_W1255 },
	{ "cp1256", CHARSETNAME_W1256 },
	{ "cp1257", CHARSETNAME_W1257 },
	{ "cp1258", CHARSETNAME_W1258 },
	{ "cp819", CHARSETNAME_CP1252 },
	{ "cp866", CHARSETNAME_IBM866 },
	{ "cp874", CHARSETNAME_W874 },
	{ "cp932", CHARSETNAME_SJIS },
	{ "cp936", CHARSETNAME_GB18030 },
	{ "cp949", CHARSETNAME_EUCKR },
	{ "cp950", CHARSETNAME_BIG5 },
	{ "csbig5", CHARSETNAME_BIG5 },
	{ "cseuckr", CHARSETNAME_EUCKR },
	{ "cseucpkdfmtjapanese", CHARSETNAME_EUCJP },
	{ "csgb2312", CHARSETNAME_GB18030 },
	{ "csibm866", CHARSETNAME_IBM866 },
	{ "csiso2022jp", CHARSETNAME_ISO2022JP },
	{ "csiso58gb231280", CHARSETNAME_GB18030 },
	{ "csiso88596e", CHARSETNAME_ISO8859_6 },
	{ "csiso88596i", CHARSETNAME_ISO8859_6 },
	{ "csiso88598e", CHARSETNAME_ISO8859_8 },
	{ "csiso88598i", CHARSETNAME_ISO8859_8 },
	{ "csisolatin1", CHARSETNAME_CP1252 },
	{ "csisolatin2", CHARSETNAME_ISO8859_2 },
	{ "csisolatin3", CHARSETNAME_ISO8859_3 },
	{ "csisolatin4", CHARSETNAME_ISO8859_4 },
	{ "csisolatin5", CHARSETNAME_W1254 },
	{ "csisolatin6", CHARSETNAME_ISO8859_10 },
	{ "csisolatin9", CHARSETNAME_ISO8859_15 },
	{ "csisolatinarabic", CHARSETNAME_ISO8859_6 },
	{ "csisolatincyrillic", CHARSETNAME_ISO8859_5 },
	{ "csisolatingreek", CHARSETNAME_ISO8859_7 },
	{ "csisolatinhebrew", CHARSETNAME_ISO8859_8 },
	{ "cskoi8r", CHARSETNAME_KOI8R },
	{ "csksc56011987", CHARSETNAME_EUCKR },
	{ "csmacintosh", CHARSETNAME_MAC },
	{ "csshiftjis", CHARSETNAME_SJIS },
	{ "csunicode", CHARSETNAME_UTF16 },
	{ "cyrillic", CHARSETNAME_ISO8859_5 },
	{ "dos-874", CHARSETNAME_W874 },
	{ "ecma-114", CHARSETNAME_ISO8859_6 },
	{ "ecma-118", CHARSETNAME_ISO8859_7 },
	{ "elot_928", CHARSETNAME_ISO8859_7 },
	{ "euc-cn", CHARSETNAME_GB18030 },
	{ "euc-jp", CHARSETNAME_EUCJP },
	{ "euc-kr", CHARSETNAME_EUCKR },
	{ "eucjp", CHARSETNAME_EUCJP },
	{ "gb18030", CHARSETNAME_GB18030 },
	{ "gb2312", CHARSETNAME_GB18030 },
	{ "gb_2312", CHARSETNAME_GB18030 },
	{ "gb_2312-80", CHARSETNAME_GB18030 },
	{ "gbk", CHARSETNAME_GB18030 },
	{ "greek", CHARSETNAME_ISO8859_7 },
	{ "greek8", CHARSETNAME_ISO8859_7 },
	{ "hebrew", CHARSETNAME_ISO8859_8 },
	{ "ibm819", CHARSETNAME_CP1252 },
	{ "ibm866", CHARSETNAME_IBM866 },
	{ "iso-10646-ucs-2", CHARSETNAME_UTF16 },
	{ "iso-10646-ucs-4", CHARSETNAME_UTF32 },
	{ "iso-2022-jp", CHARSETNAME_ISO2022JP },
	{ "iso-8859-1", CHARSETNAME_CP1252 },
	{ "iso-8859-10", CHARSETNAME_ISO8859_10 },
	{ "iso-8859-11", CHARSETNAME_W874 },
	{ "iso-8859-13", CHARSETNAME_ISO8859_13 },
	{ "iso-8859-14", CHARSETNAME_ISO8859_14 },
	{ "iso-8859-15", CHARSETNAME_ISO8859_15 },
	{ "iso-8859-16", CHARSETNAME_ISO8859_16 },
	{ "iso-8859-2", CHARSETNAME_ISO8859_2 },
	{ "iso-8859-3", CHARSETNAME_ISO8859_3 },
	{ "iso-8859-4", CHARSETNAME_ISO8859_4 },
	{ "iso-8859-5", CHARSETNAME_ISO8859_5 },
	{ "iso-8859-6", CHARSETNAME_ISO8859_6 },
	{ "iso-8859-6-e", CHARSETNAME_ISO8859_6 },
	{ "iso-8859-6-i", CHARSETNAME_ISO8859_6 },
	{ "iso-8859-7", CHARSETNAME_ISO8859_7 },
	{ "iso-8859-8", CHARSETNAME_ISO8859_8 },
	{ "iso-8859-8-e", CHARSETNAME_ISO8859_8 },
	{ "iso-8859-8-i", CHARSETNAME_ISO8859_8 },
	{ "iso-8859-9", CHARSETNAME_W1254 },
	{ "iso-ir-100", CHARSETNAME_CP1252 },
	{ "iso-ir-101", CHARSETNAME_ISO8859_2 },
	{ "iso-ir-109", CHARSETNAME_ISO8859_3 },
	{ "iso-ir-110", CHARSETNAME_ISO8859_4 },
	{ "iso-ir-126", CHARSETNAME_ISO8859_7 },
	{ "iso-ir-127", CHARSETNAME_ISO8859_6 },
	{ "iso-ir-138", CHARSETNAME_ISO8859_8 },
	{ "iso-ir-144", CHARSETNAME_ISO8859_5 },
	{ "iso-ir-148", CHARSETNAME_W1254 },
	{ "iso-ir-149", CHARSETNAME_EUCKR },
	{ "iso-ir-157", CHARSETNAME_ISO8859_10 },
	{ "iso-ir-58", CHARSETNAME_GB18030 },
	{ "iso8859-1", CHARSETNAME_CP1252 },
	{ "iso8859-10", CHARSETNAME_ISO8859_10 },
	{ "iso8859-11", CHARSETNAME_W874 },
	{ "iso8859-13", CHARSETNAME_ISO8859_13 },
	{ "iso8859-14", CHARSETNAME_ISO8859_14 },
	{ "iso8859-15", CHARSETNAME_ISO8859_15 },
	{ "iso8859-2", CHARSETNAME_ISO8859_2 },
	{ "iso8859-3", CHARSETNAME_ISO8859_3 },
	{ "iso8859-4", CHARSETNAME_ISO8859_4 },
	{ "iso8859-5", CHARSETNAME_ISO8859_5 },
	{ "iso8859-6", CHARSETNAME_ISO8859_6 },
	{ "iso8859-7", CHARSETNAME_ISO8859_7 },
	{ "iso8859-8", CHARSETNAME_ISO8859_8 },
	{ "iso8859-9", CHARSETNAME_W1254 },
	{ "iso88591", CHARSETNAME_CP1252 },
	{ "iso885910", CHARSETNAME_ISO8859_10 },
	{ "iso885911", CHARSETNAME_W874 },
	{ "iso885913", CHARSETNAME_ISO8859_13 },
	{ "iso885914", CHARSETNAME_ISO8859_14 },
	{ "iso885915", CHARSETNAME_ISO8859_15 },
	{ "iso88592", CHARSETNAME_ISO8859_2 },
	{ "iso88593", CHARSETNAME_ISO8859_3 },
	{ "iso88594", CHARSETNAME_ISO8859_4 },
	{ "iso88595", CHARSETNAME_ISO8859_5 },
	{ "iso88596", CHARSETNAME_ISO8859_6 },
	{ "iso88597", CHARSETNAME_ISO8859_7 },
	{ "iso88598", CHARSETNAME_ISO8859_8 },
	{ "iso88599", CHARSETNAME_W1254 },
	{ "iso_8859-1", CHARSETNAME_CP1252 },
	{ "iso_8859-15", CHARSETNAME_ISO8859_15 },
	{ "iso_8859-1:1987", CHARSETNAME_CP1252 },
	{ "iso_8859-2", CHARSETNAME_ISO8859_2 },
	{ "iso_8859-2:1987", CHARSETNAME_ISO8859_2 },
	{ "iso_8859-3", CHARSETNAME_ISO8859_3 },
	{ "iso_8859-3:1988", CHARSETNAME_ISO8859_3 },
	{ "iso_8859-4", CHARSETNAME_ISO8859_4 },
	{ "iso_8859-4:1988", CHARSETNAME_ISO8859_4 },
	{ "iso_8859-5", CHARSETNAME_ISO8859_5 },
	{ "iso_8859-5:1988", CHARSETNAME_ISO8859_5 },
	{ "iso_8859-6", CHARSETNAME_ISO8859_6 },
	{ "iso_8859-6:1987", CHARSETNAME_ISO8859_6 },
	{ "iso_8859-7", CHARSETNAME_ISO8859_7 },
	{ "iso_8859-7:1987", CHARSETNAME_ISO8859_7 },
	{ "iso_8859-8", CHARSETNAME_ISO8859_8 },
	{ "iso_8859-8:1988", CHARSETNAME_ISO8859_8 },
	{ "iso_8859-9", CHARSETNAME_W1254 },
	{ "iso_8859-9:1989", CHARSETNAME_W1254 },
	{ "koi", CHARSETNAME_KOI8R },
	{ "koi8", CHARSETNAME_KOI8R },
	{ "koi8-r", CHARSETNAME_KOI8R },
	{ "koi8-ru", CHARSETNAME_KOI8U },
	{ "koi8-u", CHARSETNAME_KOI8U },
	{ "koi8_r", CHARSETNAME_KOI8R },
	{ "korean", CHARSETNAME_EUCKR },
	{ "ks_c_5601-1987", CHARSETNAME_EUCKR },
	{ "ks_c_5601-1989", CHARSETNAME_EUCKR },
	{ "ksc5601", CHARSETNAME_EUCKR },
	{ "ksc_5601", CHARSETNAME_EUCKR },
	{ "l1", CHARSETNAME_CP1252 },
	{ "l2", CHARSETNAME_ISO8859_2 },
	{ "l3", CHARSETNAME_ISO8859_3 },
	{ "l4", CHARSETNAME_ISO8859_4 },
	{ "l5", CHARSETNAME_W1254 },
	{ "l6", CHARSETNAME_ISO8859_10 },
	{ "l9", CHARSETNAME_ISO8859_15 },
	{ "latin-9", CHARSETNAME_ISO8859_15 },
	{ "latin1", CHARSETNAME_CP1252 },
	{ "latin2", CHARSETNAME_ISO8859_2 },
	{ "latin3", CHARSETNAME_ISO8859_3 },
	{ "latin4", CHARSETNAME_ISO8859_4 },
	{ "latin5", CHARSETNAME_W1254 },
	{ "latin6", CHARSETNAME_ISO8859_10 },
	{ "logical", CHARSETNAME_ISO8859_8 },
	{ "mac", CHARSETNAME_MAC },
	{ "macintosh", CHARSETNAME_MAC },
	{ "ms932", CHARSETNAME_SJIS },
	{ "ms_kanji", CHARSETNAME_SJIS },
	{ "shift-jis", CHARSETNAME_SJIS },
	{ "shift_jis", CHARSETNAME_SJIS },
	{ "sjis", CHARSETNAME_SJIS },
	{ "sun_eu_greek", CHARSETNAME_ISO8859_7 },
	{ "tis-620", CHARSETNAME_W874 },
	{ "u16", CHARSETNAME_UTF16 },
	{ "u32", CHARSETNAME_UTF32 },
	{ "u8", CHARSETNAME_UTF8 },
	{ "ucs-2", CHARSETNAME_UTF16 },
	{ "ucs-4", CHARSETNAME_UTF32 },
	{ "uhc", CHARSETNAME_EUCKR },
	{ "unicode", CHARSETNAME_UTF16 },
	{ "unicode-1-1-utf-8", CHARSETNAME_UTF8 },
	{ "unicode11utf8", CHARSETNAME_UTF8 },
	{ "unicode20utf8", CHARSETNAME_UTF8 },
	{ "unicodefeff", CHARSETNAME_UTF16LE },
	{ "unicodefffe", CHARSETNAME_UTF16BE },
	{ "us-ascii", CHARSETNAME_CP1252 },
	{ "utf-16", CHARSETNAME_UTF16 },
	{ "utf-16be", CHARSETNAME_UTF16BE },
	{ "utf-16le", CHARSETNAME_UTF16LE },
	{ "utf-32", CHARSETNAME_UTF32 },
	{ "utf-32be", CHARSETNAME_UTF32BE },
	{ "utf-32le", CHARSETNAME_UTF32LE },
	{ "utf-8", CHARSETNAME_UTF8 },
	{ "utf16", CHARSETNAME_UTF16 },
	{ "utf32", CHARSETNAME_UTF32 },
	{ "utf8", CHARSETNAME_UTF8 },
	{ "utf_16", CHARSETNAME_UTF16 },
	{ "utf_16_be", CHARSETNAME_UTF16BE },
	{ "utf_16_le", CHARSETNAME_UTF16LE },
	{ "utf_32", CHARSETNAME_UTF32 },
	{ "utf_32_be", CHARSETNAME_UTF32BE },
	{ "utf_32_le", CHARSETNAME_UTF32LE },
	{ "utf_8", CHARSETNAME_UTF8 },
	{ "visual", CHARSETNAME_ISO8859_8 },
	{ "windows-1250", CHARSETNAME_W1250 },
	{ "windows-1251", CHARSETNAME_W1251 },
	{ "windows-1252", CHARSETNAME_CP1252 },
	{ "windows-1253", CHARSETNAME_W1253 },
	{ "windows-1254", CHARSETNAME_W1254 },
	{ "windows-1255", CHARSETNAME_W1255 },
	{ "windows-1256", CHARSETNAME_W1256 },
	{ "windows-1257", CHARSETNAME_W1257 },
	{ "windows-1258", CHARSETNAME_W1258 },
	{ "windows-31j", CHARSETNAME_SJIS },
	{ "windows-874", CHARSETNAME_W874 },
	{ "windows-949", CHARSETNAME_EUCKR },
	{ "x-cp1250", CHARSETNAME_W1250 },
	{ "x-cp1251", CHARSETNAME_W1251 },
	{ "x-cp1252", CHARSETNAME_CP1252 },
	{ "x-cp1253", CHARSETNAME_W1253 },
	{ "x-cp1254", CHARSETNAME_W1254 },
	{ "x-cp1255", CHARSETNAME_W1255 },
	{ "x-cp1256", CHARSETNAME_W1256 },
	{ "x-cp1257", CHARSETNAME_W1257 },
	{ "x-cp1258", CHARSETNAME_W1258 },
	{ "x-euc-jp", CHARSETNAME_EUCJP },
	{ "x-gbk", CHARSETNAME_GB18030 },
	{ "x-mac-cyrillic", CHARSETNAME_MACCYR },
	{ "x-mac-roman", CHARSETNAME_MAC },
	{ "x-mac-ukrainian", CHARSETNAME_MACCYR },
	{ "x-sjis", CHARSETNAME_SJIS },
	{ "x-unicode20utf8", CHARSETNAME_UTF8 },
	{ "x-x-big5", CHARSETNAME_BIG5 },
};

/* Labels come from the network and go into warnings and logs. */
int
charsetname_label(char *dst, size_t size, const char *src, size_t len)
{
	size_t i = 0;

	while (len > 0 && (*src == ' ' || *src == '\t')) {
		src++;
		len--;
	}
	while (len > 0 && (src[len - 1] == ' ' || src[len - 1] == '\t'))
		len--;
	for (; i < len && i + 1 < size; i++) {
		if (src[i] > 0x20 && src[i] < 0x7f && src[i] != '\\' &&
		    src[i] != '\'' && src[i] != '"')
			dst[i] = src[i];
		else
			dst[i] = '?';
	}
	dst[i] = '\0';
	return i > 0 ? 0 : -1;
}

static int
charsetname_alias_cmp(const void *key, const void *elem)
{
	const struct charsetname_alias *a = elem;

	return strcasecmp(key, a->label);
}

/* Labels are few and fixed: a sorted table beats hashing. */
int
charsetname_lookup(const char *label)
{
	const struct charsetname_alias *a;

	a = bsearch(label, charsetname_aliases,
	    sizeof(charsetname_aliases) / sizeof(charsetname_aliases[0]),
	    sizeof(charsetname_aliases[0]), charsetname_alias_cmp);
	return a != NULL ? a->id : CHARSETNAME_UNKNOWN;
}

const char *
charsetname_name(int id)
{
	return charsetname_encs[id].name;
}

const char *
charsetname_iconv(int id)
{
	return charsetname_encs[id].iconv;
}

/*
 * The charset parameter of a Content-Type (RFC 9110 section 8.3): name
 * case-insensitive, whitespace around '=' tolerated, value a token or a
 * quoted string (single quotes too: feeds are served that way).
 */
int
charsetname_http(const char *ct, char *label, size_t size)
{
	const char *s, *name, *v, *end;
	size_t nlen;

	for (s = strchr(ct, ';'); s != NULL; s = strchr(s, ';')) {
		s += strspn(s + 1, " \t") + 1;
		name = s;
		s += strcspn(s, "=;");
		nlen = (size_t)(s - name);
		while (nlen > 0 && (name[nlen - 1] == ' ' ||
		    name[nlen - 1] == '\t'))
			nlen--;
		if (*s != '=')
			continue;
		v = s + 1 + strspn(s + 1, " \t");
		if (*v == '"' || *v == '\'') {
			end = strchr(v + 1, *v);
			if (end == NULL)
				end = v + strlen(v);
			s = *end != '\0' ? end + 1 : end;
			v++;
		} else {
			end = v + strcspn(v, "; \t");
			s = end;
		}
		if (nlen == 7 && strncasecmp(name, "charset", 7) == 0)
			return charsetname_label(label, size, v,
			    (size_t)(end - v));
	}
	return -1;
}

/* One attribute of a tag at *pp: name and value spans; 0 at the tag's
 * end. Quotes optional, as HTML has them. */
static int
charsetname_attr(const char **pp, const char *end, const char **name,
    size_t *nlen, const char **val, size_t *vlen)
{
	const char *p = *pp;

	while (p < end && strchr(" \t\r\n\f/", *p) != NULL)
		p++;
	if (p >= end || *p == '>')
		return 0;
	for (*name = p; p < end && strchr(" \t\r\n\f/=>", *p) == NULL; p++)
		continue;
	*nlen = (size_t)(p - *name);
	*val = p;
	*vlen = 0;
	while (p < end && strchr(" \t\r\n\f", *p) != NULL)
		p++;
	if (p < end && *p == '=') {
		for (p++; p < end && strchr(" \t\r\n\f", *p) != NULL; p++)
			continue;
		if (p < end && (*p == '"' || *p == '\'')) {
			*val = p + 1;
			for (p++; p < end && *p != (*val)[-1]; p++)
				continue;
			*vlen = (size_t)(p - *val);
			if (p < end)
				p++;
		} else {
			for (*val = p; p < end &&
			    strchr(" \t\r\n\f>", *p) == NULL; p++)
				continue;
			*vlen = (size_t)(p - *val);
			/* <meta charset=utf-8/>: the slash closes the tag */
			if (*vlen > 0 && p < end && *p == '>' && p[-1] == '/')
				(*vlen)--;
		}
	}
	*pp = p;
	return 1;
}

int
charsetname_html_meta(const char *buf, size_t len, char *label, size_t size)
{
	const char *p, *end, *name, *val, *content = NULL;
	char ct[256];
	size_t nlen, vlen, clen = 0;
	int equiv;

	end = buf + (len < CHARSETNAME_META_SCAN ? len :
	    CHARSETNAME_META_SCAN);
	for (p = buf; (p = memchr(p, '<', (size_t)(end - p))) != NULL; ) {
		p++;
		if (end - p < 5 || strncasecmp(p, "meta", 4) != 0 ||
		    strchr(" \t\r\n\f/", p[4]) == NULL)
			continue;
		p += 4;
		equiv = 0;
		content = NULL;
		while (charsetname_attr(&p, end, &name, &nlen, &val, &vlen)) {
			if (nlen == 7 && strncasecmp(name, "charset", 7) == 0 &&
			    vlen > 0)
				return charsetname_label(label, size, val, vlen);
			if (nlen == 10 && strncasecmp(name, "http-equiv",
			    10) == 0 && vlen == 12 &&
			    strncasecmp(val, "content-type", 12) == 0)
				equiv = 1;
			if (nlen == 7 && strncasecmp(name, "content", 7) == 0) {
				content = val;
				clen = vlen;
			}
		}
		if (equiv && content != NULL && clen < sizeof(ct)) {
			memcpy(ct, content, clen);
			ct[clen] = '\0';
			if (charsetname_http(ct, label, size) == 0)
				return 0;
		}
	}
	return -1;
}

static int
charsetname_xml_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * The encoding="..." of an XML declaration in ASCII-compatible bytes;
 * 0 with the label copied, -1 when there is none.
 */
static int
charsetname_xml_ascii(const unsigned char *p, size_t n, char *label,
    size_t size)
{
	size_t i = 5, name, nlen, v;
	unsigned char q;

	if (n > CHARSETNAME_DECL_LEN)
		n = CHARSETNAME_DECL_LEN;
	if (n < 6 || memcmp(p, "<?xml", 5) != 0 ||
	    !charsetname_xml_space(p[5]))
		return -1;
	for (;;) {
		while (i < n && charsetname_xml_space(p[i]))
			i++;
		name = i;
		while (i < n && ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z'))
			i++;
		nlen = i - name;
		while (i < n && charsetname_xml_space(p[i]))
			i++;
		if (nlen == 0 || i >= n || p[i] != '=')
			return -1;
		i++;
		while (i < n && charsetname_xml_space(p[i]))
			i++;
		if (i >= n || (p[i] != '"' && p[i] != '\''))
			return -1;
		q = p[i++];
		v = i;
		while (i < n && p[i] != q && p[i] != '>')
			i++;
		if (i >= n || p[i] != q)
			return -1;
		if (nlen == 8 && memcmp(p + name, "encoding", 8) == 0)
			return charsetname_label(label, size,
			    (const char *)p + v, i - v);
		i++;
	}
}

/* The XML declaration of a UTF-16/32 document, narrowed to ASCII first. */
static int
charsetname_xml_wide(const unsigned char *p, size_t n, int order,
    char *label, size_t size)
{
	unsigned char narrow[CHARSETNAME_DECL_LEN / 4];
	size_t unit, low, i, j, k = 0;

	unit = order == CHARSETNAME_UTF16BE || order == CHARSETNAME_UTF16LE ?
	    2 : 4;
	low = order == CHARSETNAME_UTF16BE || order == CHARSETNAME_UTF32BE ?
	    unit - 1 : 0;
	for (i = 0; i + unit <= n && k < sizeof(narrow); i += unit) {
		for (j = 0; j < unit; j++)
			if (j != low && p[i + j] != 0)
				break;
		if (j < unit || p[i + low] >= 0x80)
			break;
		narrow[k++] = p[i + low];
	}
	return charsetname_xml_ascii(narrow, k, label, size);
}

/* The wide form is narrowed first, so one reader serves both. */
int
charsetname_xml_decl(const unsigned char *p, size_t n, int order,
    char *label, size_t size)
{
	if (order == CHARSETNAME_NONE)
		return charsetname_xml_ascii(p, n, label, size);
	return charsetname_xml_wide(p, n, order, label, size);
}
