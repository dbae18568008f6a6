/* Placeholder: being written (jsonfeed helper). */
#include "feeds/jsonfeed.h"
typedef int jsonfeed_placeholder;
