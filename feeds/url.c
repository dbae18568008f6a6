/* feeds/url: not written yet */
typedef int url_placeholder;
