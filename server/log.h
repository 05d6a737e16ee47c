/*
 * log.h - one-line log records on stderr: time, level, message.
 * A single process-wide threshold; records below it cost one comparison.
 */
#ifndef SK_LOG_H
#define SK_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum log_level {
	LOG_DEBUG = 0,
	LOG_INFO,
	LOG_WARN,
	LOG_ERROR,
};

void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* "debug", "info", "warn" or "error"; false for anything else. */
bool log_level_parse(const char *name, enum log_level *out);
const char *log_level_name(enum log_level level);

void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Text from the network made safe for a log line: at most size - 1 bytes
 * of in (never cutting a UTF-8 sequence), every byte below 0x20, 0x7F, '"'
 * and '\\' written as '?'.  Returns out.
 */
char *log_printable(char *out, size_t size, const char *in);

/*
 * Rate limiting for lines a peer can make us write at will (refused
 * connections, wrong codes, bad frames): each call site prints at most
 * LOG_LIMIT_BURST lines per LOG_LIMIT_WINDOW_MS; the rest are counted and
 * the next printed line of that site says how many were dropped.  The
 * state is the call site's own (a static made by the macros below).
 */
#define LOG_LIMIT_BURST 10
#define LOG_LIMIT_WINDOW_MS 10000

struct log_limit {
	int64_t window_start_ms;
	unsigned printed;
	unsigned long long suppressed; /* since the last printed line */
};

void log_msg_limited(struct log_limit *lim, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Lines dropped by every rate-limited site since the start (metrics). */
unsigned long long log_suppressed_total(void);

#define log_limited(level, ...)                                                                    \
	do {                                                                                       \
		static struct log_limit log_limit_site_;                                           \
		log_msg_limited(&log_limit_site_, level, __VA_ARGS__);                             \
	} while (0)
#define log_info_limited(...) log_limited(LOG_INFO, __VA_ARGS__)
#define log_warn_limited(...) log_limited(LOG_WARN, __VA_ARGS__)
#define log_error_limited(...) log_limited(LOG_ERROR, __VA_ARGS__)

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
