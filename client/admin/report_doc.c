/*
 * report_doc.c - the official document's settings (see report_doc.h).
 */
#include "report_doc.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"

static const struct {
	const char *key;
	size_t offset;
} fields[] = {
    {"parent_body", offsetof(struct report_doc, parent_body)},
    {"issuer", offsetof(struct report_doc, issuer)},
    {"symbol", offsetof(struct report_doc, symbol)},
    {"number", offsetof(struct report_doc, number)},
    {"place", offsetof(struct report_doc, place)},
    {"signer_authority", offsetof(struct report_doc, signer_authority)},
    {"signer_title", offsetof(struct report_doc, signer_title)},
    {"signer_name", offsetof(struct report_doc, signer_name)},
};

int report_doc_set(struct report_doc *d, const char *key, const char *value, const char *what,
		   char *err, size_t errlen)
{
	size_t i;

	if (!admin_text_check(what, value, ADMIN_NAME_MAX, false, err, errlen))
		return -1;
	if (strcmp(key, "recipient") == 0) {
		if (d->n_recipients >= REPORT_DOC_RECIPIENTS_MAX) {
			snprintf(err, errlen, "%s: nhiều nhất %d nơi nhận", what,
				 REPORT_DOC_RECIPIENTS_MAX);
			return -1;
		}
		d->recipients = xreallocarray(d->recipients, d->n_recipients + 1, sizeof(char *));
		d->recipients[d->n_recipients++] = xstrdup(value);
		return 0;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strcmp(key, fields[i].key) == 0) {
			char **slot = (char **)((char *)d + fields[i].offset);

			free(*slot);
			*slot = xstrdup(value);
			return 0;
		}
	}
	snprintf(err, errlen,
		 "%s: khóa không có (chỉ có parent_body, issuer, symbol, place, "
		 "signer_authority, signer_title, signer_name, recipient)",
		 what);
	return -1;
}

struct load_state {
	struct report_doc *d;
	char *err;
	size_t errlen;
	bool failed;
};

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct load_state *st = user;
	char what[128];

	if (strcmp(section, "report") != 0)
		return 1;
	/* The number changes with every report: an option, never a setting. */
	if (strcmp(name, "number") == 0) {
		snprintf(st->err, st->errlen,
			 "[report] number: số văn bản đổi theo từng báo cáo; dùng --number");
		st->failed = true;
		return 0;
	}
	snprintf(what, sizeof(what), "[report] %s", name);
	if (report_doc_set(st->d, name, value, what, st->err, st->errlen) != 0) {
		st->failed = true;
		return 0;
	}
	return 1;
}

int report_doc_load(struct report_doc *d, const char *path, char *err, size_t errlen)
{
	struct load_state st = {d, err, errlen, false};
	char inner[512];
	int rc;

	if (!path)
		return 0;
	st.err = inner;
	st.errlen = sizeof(inner);
	inner[0] = '\0';
	rc = ini_parse(path, on_ini, &st);
	if (rc == -1)
		return 0; /* no file */
	if (rc < -1) {
		snprintf(err, errlen, "%s: hết bộ nhớ khi đọc", path);
		return -1;
	}
	if (rc > 0) {
		if (st.failed)
			snprintf(err, errlen, "%s:%d: %s", path, rc, inner);
		else
			snprintf(err, errlen, "%s:%d: dòng không đúng cú pháp INI", path, rc);
		return -1;
	}
	return 0;
}

void report_doc_clear_recipients(struct report_doc *d)
{
	size_t i;

	for (i = 0; i < d->n_recipients; i++)
		free(d->recipients[i]);
	free(d->recipients);
	d->recipients = NULL;
	d->n_recipients = 0;
}

void report_doc_clear(struct report_doc *d)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(*(char **)((char *)d + fields[i].offset));
	report_doc_clear_recipients(d);
	memset(d, 0, sizeof(*d));
}
