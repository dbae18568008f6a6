/* feeds/fetch: not written yet */
typedef int fetch_placeholder;
