/* paths.c - see paths.h. */
#include "paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *env_nonempty(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s", a, b);
	return s;
}

char *paths_store(const char *option)
{
	const char *v;

	if (option != NULL && option[0] != '\0')
		return strdup(option);
	if ((v = env_nonempty("SANGKIEN_STORE")) != NULL)
		return strdup(v);
	if ((v = env_nonempty("XDG_DATA_HOME")) != NULL)
		return join(v, "/sangkien/store.db");
	if ((v = env_nonempty("HOME")) != NULL)
		return join(v, "/.local/share/sangkien/store.db");
	return NULL;
}

int paths_make_parent(const char *path)
{
	char *dir = strdup(path);
	char *p;

	if (dir == NULL)
		return -1;
	/* Walk each '/' after the first character and create what is missing. */
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			int saved = errno;

			free(dir);
			errno = saved;
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}
