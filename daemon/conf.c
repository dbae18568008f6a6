/* daemon/conf: not written yet */
typedef int conf_placeholder;
