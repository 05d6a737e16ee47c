/* messages.c - see messages.h. */
#include "messages.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach_file.h"
#include "store_attach.h"
#include "vn_number.h"

static const struct {
	const char *field;
	const char *option;
} options[] = {
    {"uuid", "uuid"},
    {"unit_code", "mã đơn vị"},
    {"title", "--title (tên sáng kiến)"},
    {"kind", "--kind (loại sáng kiến)"},
    {"authors", "--author (tác giả)"},
    {"summary", "--summary (tóm tắt nội dung)"},
    {"effect", "--effect (hiệu quả)"},
    {"applied_on", "--applied-on (ngày áp dụng)"},
    {"theme", "--theme (chủ đề)"},
    {"file_name", "tên tệp"},
    {"label", "--label (nhãn của tệp)"},
};

void messages_field_option(const char *field, char *out, size_t outlen)
{
	unsigned long idx;
	char *end;

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (strcmp(field, options[i].field) == 0) {
			snprintf(out, outlen, "%s", options[i].option);
			return;
		}
	}
	/* "authors[N].name" / "authors[N].position", N counted from 0. */
	if (strncmp(field, "authors[", 8) == 0) {
		idx = strtoul(field + 8, &end, 10);
		if (end[0] == ']' && end[1] == '.') {
			snprintf(out, outlen, "--author (tác giả thứ %lu, %s)", idx + 1,
				 strcmp(end + 2, "position") == 0 ? "chức vụ" : "họ tên");
			return;
		}
	}
	snprintf(out, outlen, "%s", field);
}

/* English reasons from initiative_check(), by a phrase they contain. */
static const struct {
	const char *phrase;
	const char *vi;
	int keep_detail; /* the English text carries numbers worth showing */
} reasons[] = {
    {"must not be empty", "không được để trống", 0},
    {"is not valid UTF-8", "không phải văn bản UTF-8 hợp lệ", 1},
    {"contains control character", "chứa ký tự điều khiển không được phép", 1},
    {"characters, at most", "quá dài", 1},
    {"authors, at most", "quá nhiều tác giả", 1},
    {"must be a real date", "phải là một ngày có thật, viết dạng YYYY-MM-DD", 0},
    {"must not be before",
     "không được trước ngày " CHECK_FIRST_DAY " (ngày bắt đầu tính của chương trình)", 0},
    {"must not be in the future", "không được là ngày trong tương lai", 0},
    {"at least one author", "cần ít nhất một tác giả", 0},
    {"must be scientific", "phải là scientific, technical hoặc management", 0},
    {"unknown theme", "chủ đề không hợp lệ", 1},
    {"must be a lower-case RFC 9562", "mã uuid không hợp lệ", 0},
    {"must be 1 to", "mã đơn vị không hợp lệ", 1},
    {"folder separator", "không được chứa “/” hoặc “\\”", 0},
};

void messages_check_reason(const struct check_error *e, char *out, size_t outlen)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (strstr(e->reason, reasons[i].phrase) == NULL)
			continue;
		if (reasons[i].keep_detail)
			snprintf(out, outlen, "%s (%s)", reasons[i].vi, e->reason);
		else
			snprintf(out, outlen, "%s", reasons[i].vi);
		return;
	}
	snprintf(out, outlen, "không hợp lệ (%s)", e->reason);
}

void messages_check_error(const struct check_error *e, char *out, size_t outlen)
{
	char option[96], reason[256];

	messages_field_option(e->field, option, sizeof(option));
	messages_check_reason(e, reason, sizeof(reason));
	snprintf(out, outlen, "%s: %s", option, reason);
}

void messages_notes_omitted(uint32_t omitted, char *out, size_t outlen)
{
	snprintf(out, outlen, "%" PRIu32 " ý kiến cũ hơn không hiện ở đây", omitted);
}

const char *messages_state(enum item_state state)
{
	switch (state) {
	case ITEM_PENDING:
		return "chờ gửi";
	case ITEM_SYNCED:
		return "đã gửi";
	case ITEM_INVALID:
		return "không hợp lệ";
	case ITEM_FORBIDDEN:
		return "sai đơn vị";
	case ITEM_CONFLICT:
		return "xung đột";
	}
	return "?";
}

const char *messages_event(const char *event)
{
	static const struct {
		const char *event, *vi;
	} events[] = {
	    {"added", "nhập trên máy"},
	    {"edited", "sửa trên máy"},
	    {"withdraw_requested", "yêu cầu rút"},
	    {"accepted", "máy chủ đã nhận, biên nhận"},
	    {"edit_accepted", "máy chủ đã nhận bản sửa, biên nhận"},
	    {"withdrawn", "máy chủ đã ghi nhận việc rút"},
	    {"refused", "máy chủ từ chối"},
	    {"conflict", "xung đột với phiên bản trên máy chủ"},
	    {"resolved_mine", "giải quyết xung đột: giữ bản của đơn vị, gửi lại dựa trên"},
	    {"resolved_server", "giải quyết xung đột: lấy bản của máy chủ"},
	    {"status", "trạng thái trên máy chủ"},
	    {"rebased", "máy chủ đã có bản sửa trước của đơn vị; bản sửa mới sẽ gửi dựa trên"},
	    {"note", "ý kiến của người xét duyệt"},
	    {"restored", "nhận từ máy chủ (chưa có trên máy)"},
	    {"updated_from_server", "nội dung cập nhật theo máy chủ"},
	    {"attached", "đính kèm tệp"},
	    {"detached", "gỡ tệp đính kèm"},
	    {"attach_accepted", "máy chủ đã nhận tệp đính kèm"},
	    {"detach_accepted", "máy chủ đã gỡ tệp đính kèm"},
	    {"attach_refused", "máy chủ từ chối tệp đính kèm"},
	    {"detach_refused", "máy chủ từ chối gỡ tệp đính kèm"},
	};

	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (event != NULL && strcmp(event, events[i].event) == 0)
			return events[i].vi;
	return event != NULL ? event : "?";
}

void messages_attach_refusal(const char *name, int cs, int sr, uint64_t size,
			     const struct attach_limits *lim, const char *detail, char *out,
			     size_t outlen)
{
	char have[32], limit[32], have_n[VN_NUMBER_LEN], limit_n[VN_NUMBER_LEN];

	attach_size_text(size, have, sizeof(have));
	if (cs == ATTACH_COPY_TOO_LARGE || (cs == ATTACH_COPY_OK && sr == STORE_ATTACH_TOO_LARGE)) {
		attach_size_text(lim->max_file, limit, sizeof(limit));
		vn_number_format_u(size, have_n);
		vn_number_format_u(lim->max_file, limit_n);
		snprintf(out, outlen,
			 "tệp “%s” nặng %s (%s byte), lớn hơn giới hạn %s (%s byte) cho mỗi tệp",
			 name, have, have_n, limit, limit_n);
	} else if (cs == ATTACH_COPY_OK && sr == STORE_ATTACH_DOSSIER_FULL) {
		attach_size_text(lim->max_dossier, limit, sizeof(limit));
		snprintf(out, outlen,
			 "thêm tệp “%s” (%s) thì hồ sơ vượt giới hạn %s cho cả hồ sơ của một "
			 "sáng kiến",
			 name, have, limit);
	} else if (cs == ATTACH_COPY_OK && sr == STORE_ATTACH_ALREADY) {
		snprintf(out, outlen, "tệp “%s” đã có trong hồ sơ của sáng kiến này", name);
	} else if (cs == ATTACH_COPY_WRONG_TYPE) {
		snprintf(out, outlen,
			 "tệp “%s” không thuộc loại được nhận (xét theo nội dung tệp: %s)", name,
			 file_type_accepted_list);
	} else if (cs == ATTACH_COPY_FAR_DIRECTORY) {
		snprintf(out, outlen,
			 "tệp “%s” là tệp nén (DOCX, ODT, XLSX) có mục lục nằm cách cuối tệp quá "
			 "%u byte (chú thích tệp nén quá dài, hoặc quá nhiều mục): hãy mở tệp bằng "
			 "Word, Excel hoặc LibreOffice, lưu lại rồi đính kèm",
			 name, (unsigned)FILE_TYPE_TAIL_BYTES);
	} else if (cs == ATTACH_COPY_EMPTY) {
		snprintf(out, outlen, "tệp “%s” rỗng", name);
	} else {
		snprintf(out, outlen, "%s", detail != NULL ? detail : "");
	}
}
