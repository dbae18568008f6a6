/*
 * Attributes of sanitized HTML, for html.c: the allow-list of attributes
 * by element, the checks that reduce each value (URLs, srcset, data:
 * images, numbers, colours, CSS in style), and the iframe host list.
 */
#ifndef FEEDS_HTMLATTR_H
#define FEEDS_HTMLATTR_H

#define HTMLATTR_MAX	64	/* more than the allow-list holds */

/* Every kept iframe's sandbox: its player never navigates the page. */
#define HTMLATTR_FRAME_SANDBOX \
	"allow-scripts allow-same-origin allow-popups allow-presentation"

/*
 * The index (0 to HTMLATTR_MAX - 1) of attribute name in the allow-list
 * when it is kept on element elem (lower-case names), else -1.
 */
int	 htmlattr_find(const char *elem, const char *name);

/*
 * The value to write, unescaped, for attribute idx (from htmlattr_find)
 * with value v on element elem, URLs resolved against base (may be NULL).
 * Returns malloc'd text, or NULL when the attribute is to be dropped.
 */
char	*htmlattr_value(int idx, const char *elem, const char *v,
	    const char *base);

/* 1 when an iframe may load src: https, on an allow-listed player host. */
int	 htmlattr_frame_ok(const char *src, const char *base);

#endif /* FEEDS_HTMLATTR_H */
