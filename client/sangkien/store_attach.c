/* store_attach.c - see store_attach.h. */
#include "store_attach.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "store_internal.h"
#include "text.h"

static const char *const state_names[] = {
    [ATTACH_PENDING] = "pending",
    [ATTACH_ATTACHED] = "attached",
    [ATTACH_DETACH] = "detach",
    [ATTACH_REFUSED] = "refused",
};

const char *attach_state_name(enum attach_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : NULL;
}

static enum attach_state state_parse(const char *name)
{
	for (unsigned i = 0; name != NULL && i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (strcmp(name, state_names[i]) == 0)
			return (enum attach_state)i;
	return ATTACH_REFUSED;
}

void store_attachment_clear(struct store_attachment *a)
{
	free(a->file_name);
	free(a->label);
	free(a->refusal);
	memset(a, 0, sizeof(*a));
}

const char *store_files_dir(const struct store *st)
{
	return st->files_dir;
}

char *store_file_path(const struct store *st, const uint8_t sha256[32])
{
	char hex[65];

	text_hex(sha256, 32, hex);
	return sk_path_join(st->files_dir, hex);
}

/* ---- limits ---- */

static int setting_u64(struct store *st, const char *key, uint64_t fallback, uint64_t *out)
{
	char *v = NULL, *end;
	unsigned long long n;

	*out = fallback;
	if (store_setting_get(st, key, &v) != 0)
		return -1;
	if (v != NULL) {
		errno = 0;
		n = strtoull(v, &end, 10);
		if (errno == 0 && *end == '\0' && end != v && n > 0)
			*out = n;
	}
	free(v);
	return 0;
}

int store_attach_limits(struct store *st, struct attach_limits *out)
{
	if (setting_u64(st, STORE_KEY_MAX_FILE, ATTACH_DEFAULT_MAX_FILE, &out->max_file) != 0 ||
	    setting_u64(st, STORE_KEY_MAX_DOSSIER, ATTACH_DEFAULT_MAX_DOSSIER, &out->max_dossier) !=
		0)
		return -1;
	return 0;
}

int store_attach_limits_save(struct store *st, const struct attach_limits *l)
{
	char f[32], d[32];

	snprintf(f, sizeof(f), "%" PRIu64, l->max_file);
	snprintf(d, sizeof(d), "%" PRIu64, l->max_dossier);
	if (store_begin(st) != 0)
		return -1;
	if (store_setting_set(st, STORE_KEY_MAX_FILE, f) != 0 ||
	    store_setting_set(st, STORE_KEY_MAX_DOSSIER, d) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* ---- rows ---- */

#define ATTACH_COLUMNS                                                                             \
	"a.id, a.initiative_id, a.sha256, a.size, a.type, a.file_name, a.label, "                  \
	"a.added_unix_ms, a.state, a.uploaded, a.refusal"

static int from_row(struct store *st, sqlite3_stmt *s, struct store_attachment *a)
{
	const void *sha = sqlite3_column_blob(s, 2);

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->item_id = sqlite3_column_int64(s, 1);
	if (sha != NULL && sqlite3_column_bytes(s, 2) == 32)
		memcpy(a->sha256, sha, 32);
	a->size = (uint64_t)sqlite3_column_int64(s, 3);
	if (!file_type_parse((const char *)sqlite3_column_text(s, 4), &a->type))
		a->type = FILE_TYPE_UNKNOWN;
	a->added_unix_ms = sqlite3_column_int64(s, 7);
	a->state = state_parse((const char *)sqlite3_column_text(s, 8));
	a->uploaded = (uint64_t)sqlite3_column_int64(s, 9);
	if (store_set_col(&a->file_name, s, 5) != 0 || store_set_col(&a->label, s, 6) != 0 ||
	    store_set_col(&a->refusal, s, 10) != 0 ||
	    (a->file_name == NULL && (a->file_name = strdup("")) == NULL) ||
	    (a->label == NULL && (a->label = strdup("")) == NULL)) {
		store_attachment_clear(a);
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	return 0;
}

/* Bytes of the item's files that count against its dossier limit. */
static int dossier_bytes(struct store *st, int64_t item_id, uint64_t *bytes)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT coalesce(sum(size), 0) FROM attachments "
			  "WHERE initiative_id = ? AND state IN ('pending', 'attached')",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*bytes = (uint64_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "read the dossier's size");
}

static int has_file(struct store *st, int64_t item_id, const uint8_t sha[32], bool *has)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT 1 FROM attachments WHERE initiative_id = ? AND sha256 = ? "
			  "AND state <> 'detach'",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_blob(s, 2, sha, 32, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*has = rc == SQLITE_ROW;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "read attachments");
}

/* Move the copy to the file's own name (an identical file kept already
 * stays: same name, same bytes). */
static int place_file(struct store *st, const struct store_new_file *f)
{
	char *path = store_file_path(st, f->sha256);
	FILE *existing;
	int rc = 0;

	if (path == NULL) {
		snprintf(st->errmsg, sizeof(st->errmsg), "out of memory");
		return -1;
	}
	if ((existing = sk_fopen(path, "rb")) != NULL) {
		uint64_t size = 0;

		/* A copy cut short by a crash before it was recorded is replaced. */
		if (sk_file_size(existing, &size) != 0 || size != f->size)
			rc = 1;
		fclose(existing);
		if (rc == 0) {
			free(path);
			return 0;
		}
	}
	if (sk_rename_replace(f->tmp_path, path) != 0) {
		snprintf(st->errmsg, sizeof(st->errmsg), "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

static int insert_row(struct store *st, int64_t item_id, const struct store_new_file *f,
		      int64_t *id)
{
	sqlite3_stmt *s;
	int64_t now = text_now_ms();
	int rc;

	/* A row detached but not yet sent goes: the file is wanted again. */
	if (store_prepare(st,
			  "DELETE FROM attachments WHERE initiative_id = ? AND sha256 = ? "
			  "AND state = 'detach'",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_blob(s, 2, f->sha256, 32, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "replace a detached file");
	if (store_prepare(st,
			  "INSERT INTO attachments (initiative_id, sha256, size, type, file_name, "
			  "label, added_unix_ms, changed_unix_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	sqlite3_bind_blob(s, 2, f->sha256, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)f->size);
	sqlite3_bind_text(s, 4, file_type_code(f->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, f->file_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, f->label != NULL ? f->label : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, now);
	sqlite3_bind_int64(s, 8, now);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, "record attachment %s", f->file_name);
	*id = sqlite3_last_insert_rowid(st->db);
	return store_history_add(st, item_id, now, "attached", f->file_name);
}

int store_attachments_add(struct store *st, int64_t item_id, const struct store_new_file *files,
			  size_t n, const struct attach_limits *limits,
			  enum store_attach_refusal *refusal, size_t *which, int64_t *ids)
{
	uint64_t total = 0;

	*refusal = STORE_ATTACH_OK;
	*which = 0;
	if (sk_mkdir_private(st->files_dir) != 0 && errno != EEXIST) {
		snprintf(st->errmsg, sizeof(st->errmsg), "%s: %s", st->files_dir, strerror(errno));
		return -1;
	}
	if (store_begin(st) != 0)
		return -1;
	if (dossier_bytes(st, item_id, &total) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		bool has = false;

		*which = i;
		if (files[i].size > limits->max_file) {
			*refusal = STORE_ATTACH_TOO_LARGE;
			goto refuse;
		}
		if (has_file(st, item_id, files[i].sha256, &has) != 0)
			goto fail;
		for (size_t j = 0; j < i && !has; j++)
			has = memcmp(files[j].sha256, files[i].sha256, 32) == 0;
		if (has) {
			*refusal = STORE_ATTACH_ALREADY;
			goto refuse;
		}
		total += files[i].size;
		if (total > limits->max_dossier) {
			*refusal = STORE_ATTACH_DOSSIER_FULL;
			goto refuse;
		}
	}
	for (size_t i = 0; i < n; i++) {
		int64_t id = 0;

		if (place_file(st, &files[i]) != 0 || insert_row(st, item_id, &files[i], &id) != 0)
			goto fail;
		if (ids != NULL)
			ids[i] = id;
	}
	/* The names are durable before the rows that point at them. */
	if (sk_fsync_dir(st->files_dir) != 0) {
		snprintf(st->errmsg, sizeof(st->errmsg), "%s: %s", st->files_dir, strerror(errno));
		goto fail;
	}
	if (store_commit(st) != 0)
		goto fail;
	return 0;
refuse:
	store_rollback(st);
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int store_attachment_get(struct store *st, int64_t id, struct store_attachment *out, bool *found)
{
	sqlite3_stmt *s;
	int rc;

	*found = false;
	memset(out, 0, sizeof(*out));
	if (store_prepare(st, "SELECT " ATTACH_COLUMNS " FROM attachments a WHERE a.id = ?", &s) !=
	    0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (from_row(st, s, out) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
		*found = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "read attachment");
}

int store_attachment_foreach(struct store *st, int64_t item_id,
			     int (*fn)(const struct store_attachment *a, void *arg), void *arg)
{
	sqlite3_stmt *s;
	struct store_attachment a;
	int rc, out = 0;

	if (store_prepare(st,
			  "SELECT " ATTACH_COLUMNS " FROM attachments a WHERE a.initiative_id = ? "
			  "ORDER BY a.id",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, item_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (from_row(st, s, &a) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
		out = fn(&a, arg);
		store_attachment_clear(&a);
		if (out != 0)
			break;
	}
	sqlite3_finalize(s);
	if (out != 0)
		return out;
	return rc == SQLITE_DONE ? 0 : store_fail(st, "read attachments");
}

/* Remove the file of sha when no row has it any more (after the commit:
 * a crash in between leaves a file nobody points at, never a row without
 * its file). */
static void drop_file_if_unused(struct store *st, const uint8_t sha[32])
{
	sqlite3_stmt *s;
	char *path;
	int rc;

	if (store_prepare(st, "SELECT 1 FROM attachments WHERE sha256 = ?", &s) != 0)
		return;
	sqlite3_bind_blob(s, 1, sha, 32, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE || (path = store_file_path(st, sha)) == NULL)
		return;
	(void)sk_remove(path);
	free(path);
}

static int delete_row(struct store *st, int64_t id)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "DELETE FROM attachments WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "remove attachment %lld", (long long)id);
}

static int set_state(struct store *st, int64_t id, enum attach_state state, const char *reason)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "UPDATE attachments SET state = ?, refusal = ?, changed_unix_ms = ? "
			  "WHERE id = ?",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, attach_state_name(state), -1, SQLITE_STATIC);
	if (reason != NULL)
		sqlite3_bind_text(s, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, text_now_ms());
	sqlite3_bind_int64(s, 4, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "update attachment %lld", (long long)id);
}

int store_attachment_detach(struct store *st, int64_t id, bool *removed)
{
	struct store_attachment a;
	bool found;

	*removed = false;
	if (store_begin(st) != 0)
		return -1;
	if (store_attachment_get(st, id, &a, &found) != 0)
		goto fail;
	if (!found) {
		snprintf(st->errmsg, sizeof(st->errmsg), "no attachment %lld", (long long)id);
		goto fail;
	}
	if (a.state == ATTACH_ATTACHED) {
		if (set_state(st, id, ATTACH_DETACH, NULL) != 0)
			goto fail_clear;
	} else if (a.state != ATTACH_DETACH) {
		if (delete_row(st, id) != 0)
			goto fail_clear;
		*removed = true;
	}
	if (store_history_add(st, a.item_id, text_now_ms(), "detached", a.file_name) != 0 ||
	    store_commit(st) != 0)
		goto fail_clear;
	if (*removed)
		drop_file_if_unused(st, a.sha256);
	store_attachment_clear(&a);
	return 0;
fail_clear:
	store_attachment_clear(&a);
fail:
	store_rollback(st);
	return -1;
}

int store_attachment_next(struct store *st, enum attach_state state, int64_t after_id,
			  struct store_attachment *out, bool *found)
{
	sqlite3_stmt *s;
	int rc;

	*found = false;
	memset(out, 0, sizeof(*out));
	if (store_prepare(st,
			  "SELECT " ATTACH_COLUMNS " FROM attachments a JOIN initiatives i "
			  "ON i.id = a.initiative_id WHERE a.state = ? AND a.id > ? "
			  "AND i.record_id IS NOT NULL ORDER BY a.id LIMIT 1",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, attach_state_name(state), -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, after_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (from_row(st, s, out) != 0) {
			sqlite3_finalize(s);
			return -1;
		}
		*found = true;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(st, "read attachments");
}

int store_attachment_count(struct store *st, enum attach_state state, int64_t *files,
			   uint64_t *bytes)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st,
			  "SELECT count(*), coalesce(sum(a.size), 0) FROM attachments a "
			  "JOIN initiatives i ON i.id = a.initiative_id "
			  "WHERE a.state = ? AND i.record_id IS NOT NULL",
			  &s) != 0)
		return -1;
	sqlite3_bind_text(s, 1, attach_state_name(state), -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*files = sqlite3_column_int64(s, 0);
		*bytes = (uint64_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_fail(st, "count attachments");
}

int store_attachment_set_uploaded(struct store *st, int64_t id, uint64_t uploaded)
{
	sqlite3_stmt *s;
	int rc;

	if (store_prepare(st, "UPDATE attachments SET uploaded = ? WHERE id = ?", &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)uploaded);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "update attachment %lld", (long long)id);
}

/* The item's server version moved by our own attach or detach: it is the
 * base of what we change next (the content did not change). */
static int take_version(struct store *st, int64_t item_id, uint32_t version)
{
	sqlite3_stmt *s;
	int rc;

	if (version == 0)
		return 0;
	if (store_prepare(st,
			  "UPDATE initiatives SET version = max(coalesce(version, 0), ?1), "
			  "server_version = max(coalesce(server_version, 0), ?1), "
			  "server_status = 'submitted', "
			  "base_version = CASE WHEN state IN ('pending', 'synced') "
			  "  THEN max(coalesce(base_version, 0), ?1) ELSE base_version END "
			  "WHERE id = ?2",
			  &s) != 0)
		return -1;
	sqlite3_bind_int64(s, 1, version);
	sqlite3_bind_int64(s, 2, item_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_fail(st, "update item %lld", (long long)item_id);
}

int store_attachment_result(struct store *st, int64_t id, enum attach_state sent_from,
			    uint32_t server_version, const char *refused_reason)
{
	struct store_attachment a;
	bool found, removed = false;
	int64_t now = text_now_ms();

	if (store_begin(st) != 0)
		return -1;
	if (store_attachment_get(st, id, &a, &found) != 0)
		goto fail;
	if (!found || a.state != sent_from) {
		store_attachment_clear(&a);
		store_rollback(st);
		return 0;
	}
	if (refused_reason != NULL) {
		/* A refused detach leaves the file on the server: attached, with
		 * the reason kept, never lost from view. */
		if (set_state(st, id, sent_from == ATTACH_DETACH ? ATTACH_ATTACHED : ATTACH_REFUSED,
			      refused_reason) != 0 ||
		    store_history_add(st, a.item_id, now,
				      sent_from == ATTACH_DETACH ? "detach_refused"
								 : "attach_refused",
				      a.file_name) != 0)
			goto fail_clear;
	} else if (sent_from == ATTACH_DETACH) {
		if (delete_row(st, id) != 0 || take_version(st, a.item_id, server_version) != 0 ||
		    store_history_add(st, a.item_id, now, "detach_accepted", a.file_name) != 0)
			goto fail_clear;
		removed = true;
	} else {
		if (set_state(st, id, ATTACH_ATTACHED, NULL) != 0 ||
		    store_attachment_set_uploaded(st, id, a.size) != 0 ||
		    take_version(st, a.item_id, server_version) != 0 ||
		    store_history_add(st, a.item_id, now, "attach_accepted", a.file_name) != 0)
			goto fail_clear;
	}
	if (store_commit(st) != 0)
		goto fail_clear;
	if (removed)
		drop_file_if_unused(st, a.sha256);
	store_attachment_clear(&a);
	return 0;
fail_clear:
	store_attachment_clear(&a);
fail:
	store_rollback(st);
	return -1;
}
