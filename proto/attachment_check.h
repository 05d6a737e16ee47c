/*
 * attachment_check.h - the rules for what names a file in a dossier
 * (PROTOCOL.md 10.5), shared by the client (checked at attach) and the
 * server (checked again).
 */
#ifndef SANGKIEN_ATTACHMENT_CHECK_H
#define SANGKIEN_ATTACHMENT_CHECK_H

#include <stdbool.h>

#include "initiative_check.h"

/* Limits in Unicode code points. */
#define ATTACHMENT_FILE_NAME_MAX 255
#define ATTACHMENT_LABEL_MAX 200

/* file_name: 1..255 characters of valid UTF-8, no "/", "\" or control
 * characters.  *err (field "file_name") says what is wrong. */
bool attachment_file_name_check(const char *name, struct check_error *err);

/* label: 0..200 characters of valid UTF-8, one line (no control
 * characters).  *err (field "label"). */
bool attachment_label_check(const char *label, struct check_error *err);

#endif
