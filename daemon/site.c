/* daemon/site: not written yet */
typedef int site_placeholder;
