/*
 * audit_labels.h - the audit trail in words an office reads: actions,
 * roles and recorded fields in Vietnamese, and which recorded fields are
 * bookkeeping (feed positions, hashes, versions) that a person need not
 * see.  One table each; unknown names are shown as they are.
 */
#ifndef SANGKIEN_AUDIT_LABELS_H
#define SANGKIEN_AUDIT_LABELS_H

#include <stdbool.h>
#include <stddef.h>

/* "initiative.review.request_changes" -> "Yêu cầu bổ sung, sửa". */
const char *audit_action_label(const char *action);

/* "operator" -> "người điều hành"; "" -> "máy chủ". */
const char *audit_role_label(const char *role);

/* Who made a change, as a person reads it: an operator by the label of
 * their credential, a unit's device by its unit and host name ("Q11-027
 * (máy may-van-phong)"), the server itself as "(máy chủ)".  Caller frees. */
char *audit_actor_label(const char *role, const char *actor, const char *unit_code);

/* A recorded field's name (key of the JSON rows), e.g. "status" ->
 * "trạng thái"; NULL when the field is bookkeeping and not shown. */
const char *audit_field_label(const char *key, size_t key_len);

/* The value of field key as a person reads it, for the fields whose
 * values are codes (status, kind, theme, level): "under_review" -> "Đang
 * xét duyệt".  NULL when shown as it is.  value is the raw JSON text. */
const char *audit_value_label(const char *key, size_t key_len, const char *value, size_t value_len);

#endif
