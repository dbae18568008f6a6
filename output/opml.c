/* output/opml: not written yet */
typedef int opml_placeholder;
