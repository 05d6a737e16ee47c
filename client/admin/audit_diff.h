/*
 * audit_diff.h - what an audit entry changed, in one line for a table:
 * the top-level members of the row before and after (JSON objects, as the
 * server records them) compared key by key.
 */
#ifndef SANGKIEN_AUDIT_DIFF_H
#define SANGKIEN_AUDIT_DIFF_H

/*
 * "trạng thái: Đã gửi → Đang xét duyệt; ..." for the members that differ,
 * named and valued in Vietnamese (audit_labels.h; bookkeeping such as
 * feed_seq left out); "tạo mới: ..." when before is empty (the created
 * row's members), "xóa: ..." when after is empty.  Values are cut to a few
 * dozen characters.  Text that is not a JSON object is shown as is, cut.
 * Caller frees.
 */
char *audit_diff(const char *before_json, const char *after_json);

#endif
