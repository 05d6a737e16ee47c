/*
 * platform.h - what differs between Linux and Windows for both clients, in
 * one place: the process start (UTF-8 arguments and console), the
 * environment, files by UTF-8 name, the per-user folders, lines, sleeping,
 * terminals and the browser.  Linux: platform_posix.c; Windows:
 * platform_win.c.  Sockets are in platform_net.h.
 *
 * Every path and string here is UTF-8.  On Windows that means converting
 * to and from UTF-16 for the system, so Vietnamese names work in file
 * names, arguments and the environment as they do on Linux.
 */
#ifndef SANGKIEN_PLATFORM_H
#define SANGKIEN_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Call first in main.  Windows: replaces *argv with the command line in
 * UTF-8 (storage lives until exit), makes the console read and write
 * UTF-8, makes stdin/stdout/stderr and files opened here binary (bytes
 * as on Linux: no CR added or removed), starts Winsock.  Linux: nothing.
 * Returns 0, or -1 after printing why on stderr.
 */
int sk_platform_init(int *argc, char ***argv);

/* The environment variable in UTF-8, NULL when unset.  The string stays
 * valid until exit (on Windows it is a converted copy). */
const char *sk_getenv(const char *name);

/* fopen() of a UTF-8 path. */
FILE *sk_fopen(const char *path, const char *mode);

/* Create the file when missing, readable and writable by its owner only
 * (0600; on Windows the user's own folders already are private).  An
 * existing file is left unopened (closing a descriptor of an SQLite file
 * would drop the process's POSIX locks on it).  Returns 0, or -1 with
 * errno set. */
int sk_create_private(const char *path);

/* mkdir() of a UTF-8 path, 0700.  Returns 0 or -1 with errno set
 * (EEXIST when it exists). */
int sk_mkdir_private(const char *path);

/* Rename, replacing an existing target.  Returns 0 or -1 with errno set. */
int sk_rename_replace(const char *from, const char *to);

/* Remove a file.  Returns 0 or -1 with errno set. */
int sk_remove(const char *path);

/* Flush f and its file to disk.  Returns 0 or -1. */
int sk_fsync(FILE *f);

/*
 * A new file next to a path for writing it whole: *tmp_out becomes its
 * name (a new string the caller frees), the file is open for writing,
 * mode 0644 like any document.  Returns NULL with errno set on failure.
 */
FILE *sk_temp_beside(const char *path, char **tmp_out);

/* Whether c separates folders in a path ('/'; on Windows '\\' too). */
bool sk_is_path_separator(char c);

/*
 * The per-user folder for the clients' data or settings, a new string the
 * caller frees (NULL when it cannot be known or memory runs out):
 * Linux $XDG_DATA_HOME/sangkien (default ~/.local/share/sangkien) and
 * $XDG_CONFIG_HOME/sangkien (default ~/.config/sangkien); Windows
 * %LOCALAPPDATA%\sangkien for both.
 */
char *sk_user_data_dir(void);
char *sk_user_config_dir(void);

/* The path's parent joined with a name ("DIR/NAME"), a new string. */
char *sk_path_join(const char *dir, const char *name);

/* getline(): one line of f into *line (grown as needed, caller frees).
 * Returns its length, or -1 at end of file or on error. */
ptrdiff_t sk_getline(char **line, size_t *cap, FILE *f);

/* Whether f is a terminal (a console on Windows). */
bool sk_isatty(FILE *f);

/* Sleep ms milliseconds (resumes after signals). */
void sk_sleep_ms(int64_t ms);

/* The computer's name in UTF-8 into buf (truncated to len - 1 bytes).
 * Returns 0, or -1 with buf empty. */
int sk_hostname(char *buf, size_t len);

/* Open url in the user's browser without waiting for it.  Returns 0, or
 * -1 when no browser could be started. */
int sk_open_browser(const char *url);

#endif
