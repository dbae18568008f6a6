/* feeds/parse: not written yet */
typedef int parse_placeholder;
