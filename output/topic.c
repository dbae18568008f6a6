/* output/topic: not written yet */
typedef int topic_placeholder;
