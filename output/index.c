/* output/index: not written yet */
typedef int index_placeholder;
