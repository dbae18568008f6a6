/* daemon/log: not written yet */
typedef int log_placeholder;
