/*
 * paths.h - where the store lives: --store, else $SANGKIEN_STORE, else
 * store.db in the per-user data folder (sk_user_data_dir: Linux
 * $XDG_DATA_HOME/sangkien, XDG_DATA_HOME defaulting to ~/.local/share;
 * Windows %LOCALAPPDATA%\sangkien).
 */
#ifndef SANGKIEN_PATHS_H
#define SANGKIEN_PATHS_H

/*
 * The store path given the --store option (NULL when absent).  Returns a new
 * string the caller frees, or NULL when no location can be derived (no HOME)
 * or memory runs out.  Empty environment variables count as unset.
 */
char *paths_store(const char *option);

/*
 * Create the directories leading to path (not path itself), mode 0700 for
 * the ones created.  Returns 0, or -1 with errno set.
 */
int paths_make_parent(const char *path);

#endif
