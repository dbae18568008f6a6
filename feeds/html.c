/* feeds/html: not written yet */
typedef int html_placeholder;
