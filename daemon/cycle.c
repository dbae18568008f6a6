/* daemon/cycle: not written yet */
typedef int cycle_placeholder;
