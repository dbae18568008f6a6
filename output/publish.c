/* output/publish: not written yet */
typedef int publish_placeholder;
