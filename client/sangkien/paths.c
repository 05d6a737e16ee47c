/* paths.c - see paths.h. */
#include "paths.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"

static const char *env_nonempty(const char *name)
{
	const char *v = sk_getenv(name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

char *paths_store(const char *option)
{
	const char *v;
	char *dir, *path;

	if (option != NULL && option[0] != '\0')
		return strdup(option);
	if ((v = env_nonempty("SANGKIEN_STORE")) != NULL)
		return strdup(v);
	dir = sk_user_data_dir();
	if (dir == NULL)
		return NULL;
	path = sk_path_join(dir, "store.db");
	free(dir);
	return path;
}

int paths_make_parent(const char *path)
{
	char *dir = strdup(path);
	char *p;

	if (dir == NULL)
		return -1;
	/* Walk each separator after the first character and create what is
	 * missing. */
	for (p = dir + 1; *p != '\0'; p++) {
		char sep = *p;

		if (!sk_is_path_separator(sep))
			continue;
		*p = '\0';
		if (sk_mkdir_private(dir) != 0 && errno != EEXIST) {
			int saved = errno;

			free(dir);
			errno = saved;
			return -1;
		}
		*p = sep;
	}
	free(dir);
	return 0;
}
