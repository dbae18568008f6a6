/* Placeholder: being written (charset helper). */
#include "feeds/charset.h"
typedef int charset_placeholder;
