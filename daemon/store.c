/* daemon/store: not written yet */
typedef int store_placeholder;
