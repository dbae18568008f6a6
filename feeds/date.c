/* feeds/date: not written yet */
typedef int date_placeholder;
