/*
 * settings.h - every tunable of sangkiend in one table: name, default,
 * bounds and whether a running server could take a new value.
 *
 * Precedence: built-in defaults < INI file (-c FILE) < command line.
 */
#ifndef SK_SETTINGS_H
#define SK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log.h"

/* Frames before a successful hello may not be larger than this, whatever
 * max_frame_bytes says: an unauthenticated peer gets little memory. */
#define SETTINGS_PREAUTH_FRAME_BYTES (64u * 1024u)

struct settings {
	char *listen; /* "ADDR:PORT" */
	char *db;     /* libpq conninfo */
	int64_t db_pool_size;
	/* libpq conninfo of a read-only standby for reports, progress and
	 * lists; NULL: they run on db */
	char *report_db;
	int64_t report_db_pool_size;
	int64_t db_queue_size; /* jobs waiting for a free connection */
	int64_t max_connections;
	int64_t max_frame_bytes;
	int64_t max_batch_items;
	int64_t max_import_rows;
	int64_t pull_max_items;	     /* initiatives in one pull page (default and cap) */
	int64_t progress_page_units; /* units in one progress page (default and cap) */
	int64_t handshake_timeout_ms;
	int64_t idle_timeout_ms;
	int64_t query_timeout_ms;
	int64_t enrollment_valid_hours;
	/* enrollment attempts (ratelimit.h) */
	int64_t enroll_free_failures;	  /* per address, before delays start */
	int64_t enroll_max_delay_ms;	  /* longest wait imposed on one address */
	int64_t enroll_global_per_minute; /* attempts checked per minute in all */
	int64_t revocation_check_ms;	  /* how often live sessions' credentials are checked */
	int64_t search_index_ms;	  /* how often new titles go into the search index */
	int64_t report_fold_ms;		  /* how often report counter changes are folded */
	/* dossiers (PROTOCOL.md 10) */
	int64_t max_file_bytes;		/* one file */
	int64_t max_dossier_bytes;	/* the files of one initiative together */
	int64_t max_unit_uploads;	/* uploads in progress per unit */
	int64_t upload_abandon_s;	/* an upload untouched this long is dropped */
	int64_t upload_sweep_ms;	/* how often abandoned uploads are looked for */
	int64_t unattached_file_keep_s; /* a file attached to nothing this long is removed */
	enum log_level log_level;
	char *tls_cert_file;  /* PEM chain; NULL: plaintext listener */
	char *tls_key_file;   /* PEM private key; set together with tls_cert_file */
	char *metrics_listen; /* loopback "ADDR:PORT" of the metrics port; NULL: off */
	char *proxy_from;     /* balancers that send PROXY v2 headers; NULL: none */
};

/* Fill *s with the defaults.  Returns false only when out of memory. */
bool settings_init(struct settings *s);

/* Free the strings inside *s (not *s itself). */
void settings_release(struct settings *s);

/*
 * Set one setting from text, checking type and bounds.  On failure returns
 * false and writes an English message naming the setting into err.
 */
bool settings_set(struct settings *s, const char *name, const char *value, char *err,
		  size_t errlen);

/*
 * Read an INI file (sections "" or "server" only; other sections are
 * ignored so one file can serve several programs).  An unknown key or a bad
 * value fails with "FILE:LINE: ..." in err.
 */
bool settings_load_file(struct settings *s, const char *path, char *err, size_t errlen);

/*
 * Checks between settings once all are read: tls_cert_file and tls_key_file
 * come both or neither.  On failure writes an English message into err.
 */
bool settings_check(const struct settings *s, char *err, size_t errlen);

/* Where the settings come from: the INI file (NULL: none), then
 * command-line NAME=VALUE pairs on top. */
struct settings_source {
	const char *config;
	int n;
	const char *const *names;
	const char *const *values;
};

/*
 * Defaults, then the file, then the command line, then settings_check().
 * On failure *s holds nothing (released) and err says what and where.
 */
bool settings_build(struct settings *s, const struct settings_source *src, char *err,
		    size_t errlen);

/*
 * SIGHUP: copy every reloadable setting whose value differs in fresh into
 * live, logging each change; a changed setting that cannot be reloaded is
 * logged as waiting for a restart.  Returns the number applied.
 */
int settings_apply_reloadable(struct settings *live, const struct settings *fresh);

/* True when the named setting exists and may change without a restart. */
bool settings_is_reloadable(const char *name);

/* Number of settings and the name of the i-th (for help and tests). */
size_t settings_count(void);
const char *settings_name(size_t i);

#endif
