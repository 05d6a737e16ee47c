/*
 * platform.h - what differs between Linux and Windows for both clients, in
 * one place: the process start (UTF-8 arguments and console), the
 * environment, files by UTF-8 name, the per-user folders, lines, sleeping,
 * terminals, the browser, local time and a lock file.  Linux:
 * platform_posix.c; Windows: platform_win.c.  Sockets: platform_net.h.
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
#include <time.h>

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

/* Remove the regular files of dir whose names start with prefix and that
 * nobody has written for older_s seconds (what a crashed writer left).
 * Returns how many, or -1 with errno set when dir cannot be read (a
 * missing dir is 0). */
int sk_remove_stale(const char *dir, const char *prefix, int64_t older_s);

/* Flush f and its file to disk.  Returns 0 or -1. */
int sk_fsync(FILE *f);

/* Make a rename or a new name in folder dir durable (POSIX: fsync of the
 * folder; Windows: nothing to flush, sk_rename_replace writes through).
 * Returns 0, or -1 with errno set (ENOENT, ENOTDIR: dir is no folder). */
int sk_fsync_dir(const char *dir);

/* The size in bytes of the open file f (beyond 2 GB on Windows too).
 * Returns 0, or -1 with errno set. */
int sk_file_size(FILE *f, uint64_t *size);

/* Move f's position to byte off from the start (64-bit on Windows too).
 * Returns 0 or -1. */
int sk_fseek(FILE *f, uint64_t off);

/* What sk_temp_beside puts between the path and its unique part. */
#define SK_TEMP_INFIX ".tmp-"

/*
 * A new file next to a path for writing it whole: *tmp_out becomes its
 * name (path SK_TEMP_INFIX and a unique part; a new string the caller frees), the file is open for
 * writing, mode 0644 like any document.  Returns NULL with errno set on failure.
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

/* Ctrl-C (SIGINT) calls fn (async-signal-safe: it may only set a flag)
 * until sk_interrupt_release() puts back what was there, and a read from
 * the terminal in progress then ends rather than going on (POSIX: no
 * SA_RESTART).  Not nested. */
void sk_interrupt_catch(void (*fn)(int sig));
void sk_interrupt_release(void);

/* Whether f is a terminal (a console on Windows). */
bool sk_isatty(FILE *f);

/* Sleep ms milliseconds (resumes after signals). */
void sk_sleep_ms(int64_t ms);

/* The computer's name in UTF-8 into buf (truncated to len - 1 bytes).
 * Returns 0, or -1 with buf empty. */
int sk_hostname(char *buf, size_t len);

/*
 * Start program with url as its argument, detached: nothing waits for it
 * and no zombie is left.  program NULL: the system's way of opening an
 * address (Linux xdg-open, Windows the user's default browser).
 * Returns 0 when it was started, -1 otherwise.
 */
int sk_open_browser(const char *program, const char *url);

/* The local time of t and its offset from UTC in seconds (struct tm has
 * no tm_gmtoff on Windows).  Returns false when t cannot be converted. */
bool sk_localtime(time_t t, struct tm *tm, long *gmtoff);

/* The zone's abbreviation for a time sk_localtime() filled ("ICT",
 * "CEST"), or NULL where the system gives none (Windows). */
const char *sk_tm_zone(const struct tm *tm);

/*
 * A file that one process at a time holds (the first `ui` on a store):
 * opened or created owner-only and locked exclusively without waiting.
 * The system drops the lock when the process ends, however it ends.  A
 * process that finds it held can still read what the holder wrote.
 */
struct sk_lockfile;
enum sk_lock_result {
	SK_LOCK_ERROR = -1, /* errno says why; *out is NULL */
	SK_LOCK_MINE = 0,   /* *out holds the lock */
	SK_LOCK_HELD = 1    /* another process holds it; *out may only read */
};
enum sk_lock_result sk_lockfile_open(const char *path, struct sk_lockfile **out);
/* Up to len bytes from the start of the file; -1 on error. */
ptrdiff_t sk_lockfile_read(struct sk_lockfile *lf, char *buf, size_t len);
/* Replace the contents with len bytes of buf, on disk when it returns 0. */
int sk_lockfile_write(struct sk_lockfile *lf, const char *buf, size_t len);
/* Close; with remove the file is deleted first, while still locked, so
 * no newcomer reads stale contents.  NULL is fine. */
void sk_lockfile_close(struct sk_lockfile *lf, bool remove);

#endif
