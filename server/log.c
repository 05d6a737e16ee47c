/* log.c - see log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level log_threshold = LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

enum log_level log_get_level(void)
{
	return log_threshold;
}

bool log_level_parse(const char *name, enum log_level *out)
{
	for (int i = 0; i <= LOG_ERROR; i++) {
		if (strcmp(name, level_names[i]) == 0) {
			*out = (enum log_level)i;
			return true;
		}
	}
	return false;
}

const char *log_level_name(enum log_level level)
{
	if (level < LOG_DEBUG || level > LOG_ERROR)
		return "?";
	return level_names[level];
}

static unsigned long long suppressed_total;

/* fmt is the caller's format (checked at log_msg's call sites). */
__attribute__((format(printf, 3, 0))) static void log_vmsg(enum log_level level, const char *suffix,
							   const char *fmt, va_list ap)
{
	struct timespec ts;
	struct tm tm;
	char when[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);

	/* One fprintf per record keeps lines whole when stderr is shared. */
	char line[2048];
	vsnprintf(line, sizeof(line), fmt, ap);
	/* libpq messages end in newlines and may span lines: one record, one
	 * line. */
	size_t n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' '))
		line[--n] = '\0';
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	/* Under systemd stderr goes to the journal (JOURNAL_STREAM is set):
	 * a "<N>" syslog priority in front gives each line its level there. */
	static int journal = -1;
	static const char *const priority[] = {"<7>", "<6>", "<4>", "<3>"};
	if (journal < 0)
		journal = getenv("JOURNAL_STREAM") != NULL;
	fprintf(stderr, "%s%s.%03ldZ %-5s %s%s\n", journal ? priority[level] : "", when,
		ts.tv_nsec / 1000000L, log_level_name(level), line, suffix);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	if (level < log_threshold)
		return;
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(level, "", fmt, ap);
	va_end(ap);
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void log_msg_limited(struct log_limit *lim, enum log_level level, const char *fmt, ...)
{
	if (level < log_threshold)
		return;
	int64_t now = monotonic_ms();
	if (lim->window_start_ms == 0 || now - lim->window_start_ms >= LOG_LIMIT_WINDOW_MS) {
		lim->window_start_ms = now;
		lim->printed = 0;
	}
	if (lim->printed >= LOG_LIMIT_BURST) {
		lim->suppressed++;
		suppressed_total++;
		return;
	}
	lim->printed++;
	char suffix[96] = "";
	if (lim->suppressed > 0)
		snprintf(suffix, sizeof(suffix), " (%llu similar lines not logged before this one)",
			 lim->suppressed);
	lim->suppressed = 0;
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(level, suffix, fmt, ap);
	va_end(ap);
}

unsigned long long log_suppressed_total(void)
{
	return suppressed_total;
}

char *log_printable(char *out, size_t size, const char *in)
{
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	size_t n = 0;
	if (size == 0)
		return out;
	for (; p[n] && n + 1 < size; n++) {
		unsigned char c = p[n];
		out[n] = (char)(c < 0x20 || c == 0x7f || c == '"' || c == '\\' ? '?' : c);
	}
	/* Cut back to a whole UTF-8 sequence when the limit fell inside one. */
	size_t lead = n;
	while (lead > 0 && (p[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead > 0 && p[lead - 1] >= 0xc0) {
		unsigned char c = p[lead - 1];
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (lead - 1 + len > n)
			n = lead - 1;
	}
	out[n] = '\0';
	return out;
}
