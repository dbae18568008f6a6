/* daemon/sched: not written yet */
typedef int sched_placeholder;
