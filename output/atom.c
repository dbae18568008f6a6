/* output/atom: not written yet */
typedef int atom_placeholder;
