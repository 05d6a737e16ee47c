/*
 * temp_dir.h - a private directory under /tmp for one test's files (a
 * store, a socket), removed with everything in it afterwards.
 */
#ifndef SANGKIEN_TEST_TEMP_DIR_H
#define SANGKIEN_TEST_TEMP_DIR_H

#include <stdio.h>
#include <stdlib.h>

/* Make /tmp/sk-TAG-XXXXXX into dir (64 bytes are enough); 0 or -1. */
static inline int temp_dir_make(char *dir, size_t len, const char *tag)
{
	snprintf(dir, len, "/tmp/sk-%s-XXXXXX", tag);
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static inline void temp_dir_remove(const char *dir)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

#endif
