/*
 * Selectors of the feeds file for HTML sources: a documented CSS subset
 * compiled to XPath 1.0 for libxml2, raw XPath behind "xpath:", and a
 * trailing " @attr" that takes an attribute instead of the text.
 */
#ifndef FEEDS_SELECTOR_H
#define FEEDS_SELECTOR_H

#include <stddef.h>

/*
 * Compile the selector s into a malloc'd XPath 1.0 expression (*xpath)
 * and, when s ends in " @name", a malloc'd attribute name (*attr, else
 * NULL). relative set: the expression is evaluated relative to a context
 * node (an item), so it starts with "descendant-or-self::" / "./"; else
 * from the document ("//"). CSS subset: type selectors and "*", ".class",
 * "#id", [a] [a=v] [a~=v] [a^=v] [a$=v] [a*=v] (v quoted or not),
 * descendant " ", child ">", adjacent "+", general sibling "~",
 * :first-child, :last-child, :nth-child(an+b | odd | even), :not(simple),
 * and groups with ",". "xpath:EXPR" takes EXPR as it is (checked by
 * libxml2's compiler). Returns 0, or -1 with err holding
 * "column N: message" (N counted from 1 in s) on a syntax error or ENOMEM.
 */
int	 selector_compile(const char *s, int relative, char **xpath,
	    char **attr, char *err, size_t errlen);

#endif /* FEEDS_SELECTOR_H */
