/* feeds/normalize: not written yet */
typedef int normalize_placeholder;
