/* settings.c - see settings.h. */
#include "settings.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum setting_type {
	SETTING_STRING,
	SETTING_INT,
	SETTING_LOG_LEVEL,
};

struct setting_def {
	const char *name;
	enum setting_type type;
	size_t offset;
	const char *default_value;
	int64_t min, max; /* SETTING_INT only */
	bool reloadable;
};

#define OFF(field) offsetof(struct settings, field)

/* The one table.  Bounds keep a typo from turning into an outage. */
static const struct setting_def setting_defs[] = {
    {"listen", SETTING_STRING, OFF(listen), "127.0.0.1:7450", 0, 0, false},
    {"db", SETTING_STRING, OFF(db), "dbname=sangkien", 0, 0, false},
    {"db_pool_size", SETTING_INT, OFF(db_pool_size), "4", 1, 64, false},
    /* No default: reports read from the primary unless a standby is named. */
    {"report_db", SETTING_STRING, OFF(report_db), NULL, 0, 0, false},
    {"report_db_pool_size", SETTING_INT, OFF(report_db_pool_size), "2", 1, 64, false},
    {"db_queue_size", SETTING_INT, OFF(db_queue_size), "1024", 1, 1000000, false},
    {"max_connections", SETTING_INT, OFF(max_connections), "1024", 1, 1000000, true},
    {"max_frame_bytes", SETTING_INT, OFF(max_frame_bytes), "1048576", 65536, 16 * 1024 * 1024,
     true},
    {"max_batch_items", SETTING_INT, OFF(max_batch_items), "100", 1, 1000, true},
    {"max_import_rows", SETTING_INT, OFF(max_import_rows), "5000", 1, 100000, true},
    {"pull_max_items", SETTING_INT, OFF(pull_max_items), "200", 1, 10000, true},
    {"progress_page_units", SETTING_INT, OFF(progress_page_units), "1000", 1, 100000, true},
    {"handshake_timeout_ms", SETTING_INT, OFF(handshake_timeout_ms), "10000", 100, 600000, true},
    {"idle_timeout_ms", SETTING_INT, OFF(idle_timeout_ms), "300000", 1000, 86400000, true},
    {"query_timeout_ms", SETTING_INT, OFF(query_timeout_ms), "15000", 100, 600000, false},
    {"enrollment_valid_hours", SETTING_INT, OFF(enrollment_valid_hours), "72", 1, 24 * 365, true},
    {"enroll_free_failures", SETTING_INT, OFF(enroll_free_failures), "5", 1, 1000, true},
    {"enroll_max_delay_ms", SETTING_INT, OFF(enroll_max_delay_ms), "60000", 1000, 3600000, true},
    {"enroll_global_per_minute", SETTING_INT, OFF(enroll_global_per_minute), "600", 1, 1000000,
     true},
    {"revocation_check_ms", SETTING_INT, OFF(revocation_check_ms), "2000", 100, 60000, true},
    {"search_index_ms", SETTING_INT, OFF(search_index_ms), "1000", 100, 3600000, true},
    {"report_fold_ms", SETTING_INT, OFF(report_fold_ms), "10000", 100, 3600000, true},
    /* Dossiers (PROTOCOL.md 10). */
    {"max_file_bytes", SETTING_INT, OFF(max_file_bytes), "20971520", 1, 1024LL * 1024 * 1024, true},
    {"max_dossier_bytes", SETTING_INT, OFF(max_dossier_bytes), "104857600", 1,
     16LL * 1024 * 1024 * 1024, true},
    {"max_unit_uploads", SETTING_INT, OFF(max_unit_uploads), "20", 1, 10000, true},
    {"upload_abandon_s", SETTING_INT, OFF(upload_abandon_s), "86400", 1, 365 * 86400, true},
    {"upload_sweep_ms", SETTING_INT, OFF(upload_sweep_ms), "60000", 100, 3600000, true},
    {"unattached_file_keep_s", SETTING_INT, OFF(unattached_file_keep_s), "2592000", 1,
     10LL * 365 * 86400, true},
    {"log_level", SETTING_LOG_LEVEL, OFF(log_level), "info", 0, 0, true},
    /* No default: TLS is off unless both files are given. */
    {"tls_cert_file", SETTING_STRING, OFF(tls_cert_file), NULL, 0, 0, false},
    {"tls_key_file", SETTING_STRING, OFF(tls_key_file), NULL, 0, 0, false},
    /* No default: the metrics port is off unless asked for. */
    {"metrics_listen", SETTING_STRING, OFF(metrics_listen), NULL, 0, 0, false},
    /* No default: no PROXY headers unless balancers are named. */
    {"proxy_from", SETTING_STRING, OFF(proxy_from), NULL, 0, 0, false},
};

#define SETTING_COUNT (sizeof(setting_defs) / sizeof(setting_defs[0]))

static const struct setting_def *find_def(const char *name)
{
	for (size_t i = 0; i < SETTING_COUNT; i++)
		if (strcmp(setting_defs[i].name, name) == 0)
			return &setting_defs[i];
	return NULL;
}

size_t settings_count(void)
{
	return SETTING_COUNT;
}

const char *settings_name(size_t i)
{
	return i < SETTING_COUNT ? setting_defs[i].name : NULL;
}

bool settings_is_reloadable(const char *name)
{
	const struct setting_def *d = find_def(name);
	return d != NULL && d->reloadable;
}

/* Strict decimal: no sign games, no trailing junk, no overflow. */
static bool parse_int(const char *text, int64_t *out)
{
	if (*text == '\0')
		return false;
	for (const char *p = text; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	errno = 0;
	char *end;
	long long v = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = v;
	return true;
}

static bool apply(struct settings *s, const struct setting_def *d, const char *value, char *err,
		  size_t errlen)
{
	char *base = (char *)s;
	switch (d->type) {
	case SETTING_STRING: {
		if (*value == '\0') {
			snprintf(err, errlen, "%s: must not be empty", d->name);
			return false;
		}
		char *copy = strdup(value);
		if (copy == NULL) {
			snprintf(err, errlen, "%s: out of memory", d->name);
			return false;
		}
		char **slot = (char **)(base + d->offset);
		free(*slot);
		*slot = copy;
		return true;
	}
	case SETTING_INT: {
		int64_t v;
		if (!parse_int(value, &v)) {
			snprintf(err, errlen, "%s: \"%s\" is not a whole number", d->name, value);
			return false;
		}
		if (v < d->min || v > d->max) {
			snprintf(err, errlen, "%s: %lld is outside %lld..%lld", d->name,
				 (long long)v, (long long)d->min, (long long)d->max);
			return false;
		}
		*(int64_t *)(base + d->offset) = v;
		return true;
	}
	case SETTING_LOG_LEVEL: {
		enum log_level lv;
		if (!log_level_parse(value, &lv)) {
			snprintf(err, errlen, "%s: \"%s\" is not one of debug, info, warn, error",
				 d->name, value);
			return false;
		}
		*(enum log_level *)(base + d->offset) = lv;
		return true;
	}
	}
	return false;
}

bool settings_set(struct settings *s, const char *name, const char *value, char *err, size_t errlen)
{
	const struct setting_def *d = find_def(name);
	if (d == NULL) {
		snprintf(err, errlen, "unknown setting \"%s\"", name);
		return false;
	}
	return apply(s, d, value, err, errlen);
}

bool settings_init(struct settings *s)
{
	char err[128];
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		if (setting_defs[i].default_value == NULL)
			continue;
		if (!apply(s, &setting_defs[i], setting_defs[i].default_value, err, sizeof(err))) {
			settings_release(s);
			return false;
		}
	}
	return true;
}

void settings_release(struct settings *s)
{
	free(s->listen);
	free(s->db);
	free(s->report_db);
	s->report_db = NULL;
	free(s->tls_cert_file);
	free(s->tls_key_file);
	free(s->metrics_listen);
	s->metrics_listen = NULL;
	free(s->proxy_from);
	s->proxy_from = NULL;
	s->listen = NULL;
	s->db = NULL;
	s->tls_cert_file = NULL;
	s->tls_key_file = NULL;
}

bool settings_check(const struct settings *s, char *err, size_t errlen)
{
	if ((s->tls_cert_file == NULL) != (s->tls_key_file == NULL)) {
		snprintf(err, errlen, "%s is set but %s is not: give both or neither",
			 s->tls_cert_file ? "tls_cert_file" : "tls_key_file",
			 s->tls_cert_file ? "tls_key_file" : "tls_cert_file");
		return false;
	}
	return true;
}

struct ini_ctx {
	struct settings *s;
	bool failed; /* keep the first bad key's message */
	char msg[256];
};

static int settings_ini_entry(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ctx = user;
	if (section[0] != '\0' && strcmp(section, "server") != 0)
		return 1;
	if (ctx->failed)
		return 1;
	if (!settings_set(ctx->s, name, value, ctx->msg, sizeof(ctx->msg))) {
		ctx->failed = true;
		return 0;
	}
	return 1;
}

bool settings_load_file(struct settings *s, const char *path, char *err, size_t errlen)
{
	struct ini_ctx ctx = {.s = s, .msg = "syntax error"};
	int rc = ini_parse(path, settings_ini_entry, &ctx);
	if (rc == -1) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return false;
	}
	if (rc == -2) {
		snprintf(err, errlen, "%s: out of memory", path);
		return false;
	}
	if (rc > 0) {
		snprintf(err, errlen, "%s:%d: %s", path, rc, ctx.msg);
		return false;
	}
	return true;
}

bool settings_build(struct settings *s, const struct settings_source *src, char *err, size_t errlen)
{
	if (!settings_init(s)) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	if (src->config != NULL && !settings_load_file(s, src->config, err, errlen))
		goto fail;
	for (int i = 0; i < src->n; i++)
		if (!settings_set(s, src->names[i], src->values[i], err, errlen))
			goto fail;
	if (settings_check(s, err, errlen))
		return true;
fail:
	settings_release(s);
	return false;
}

/* The value of a setting as text, for comparing and logging. */
static void value_text(const struct settings *s, const struct setting_def *d, char *buf, size_t len)
{
	const char *base = (const char *)s + d->offset;

	switch (d->type) {
	case SETTING_STRING: {
		const char *v = *(char *const *)(const void *)base;
		snprintf(buf, len, "%s", v ? v : "");
		break;
	}
	case SETTING_INT:
		snprintf(buf, len, "%lld", (long long)*(const int64_t *)(const void *)base);
		break;
	case SETTING_LOG_LEVEL:
		snprintf(buf, len, "%s",
			 log_level_name(*(const enum log_level *)(const void *)base));
		break;
	}
}

int settings_apply_reloadable(struct settings *live, const struct settings *fresh)
{
	int applied = 0;

	for (size_t i = 0; i < SETTING_COUNT; i++) {
		const struct setting_def *d = &setting_defs[i];
		char now[512], next[512];

		value_text(live, d, now, sizeof(now));
		value_text(fresh, d, next, sizeof(next));
		if (strcmp(now, next) == 0)
			continue;
		if (!d->reloadable) {
			log_warn("reload: %s changed to \"%s\" but keeps \"%s\" until a restart",
				 d->name, next, now);
			continue;
		}
		/* Only numbers and the log level are reloadable: copied in place,
		 * so readers of the live settings never see a freed string. */
		if (d->type == SETTING_INT)
			*(int64_t *)(void *)((char *)live + d->offset) =
			    *(const int64_t *)(const void *)((const char *)fresh + d->offset);
		else if (d->type == SETTING_LOG_LEVEL)
			*(enum log_level *)(void *)((char *)live + d->offset) = *(
			    const enum log_level *)(const void *)((const char *)fresh + d->offset);
		else
			continue;
		log_info("reload: %s = %s (was %s)", d->name, next, now);
		applied++;
	}
	return applied;
}
