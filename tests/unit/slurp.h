/*
 * Test helper shared by the unit tests that read fixture and corpus files:
 * the whole of a file in memory. Include after <stdio.h> and <stdlib.h>.
 */
#ifndef TESTS_UNIT_SLURP_H
#define TESTS_UNIT_SLURP_H

/* The whole of file path, malloc'd and NUL-terminated; NULL if unreadable. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	char *buf;
	long n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc(n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	*len = fread(buf, 1, n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

#endif /* TESTS_UNIT_SLURP_H */
