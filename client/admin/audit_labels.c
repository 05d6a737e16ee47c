/*
 * audit_labels.c - the audit trail's names in Vietnamese (see
 * audit_labels.h).
 */
#include "audit_labels.h"

#include <string.h>

#include "names.h"
#include "xalloc.h"

static const struct {
	const char *action;
	const char *label;
} actions[] = {
    {"initiative.submit", "Gửi sáng kiến"},
    {"initiative.edit", "Sửa sáng kiến"},
    {"initiative.withdraw", "Rút sáng kiến"},
    {"initiative.attach", "Đính kèm tệp vào hồ sơ"},
    {"initiative.detach", "Gỡ tệp khỏi hồ sơ"},
    {"attachment.download", "Tải tệp của hồ sơ"},
    {"initiative.review.start", "Bắt đầu xét duyệt"},
    {"initiative.review.recognize", "Công nhận"},
    {"initiative.review.request_changes", "Yêu cầu bổ sung, sửa"},
    {"initiative.review.reject", "Không công nhận"},
    {"initiative.review.reward", "Khen thưởng"},
    {"initiative.review.note", "Ghi chú"},
    {"initiative.review", "Xét duyệt"},
    {"unit.put", "Thêm, sửa đơn vị"},
    {"unit.import", "Nhập danh sách đơn vị"},
    {"target.set", "Đặt chỉ tiêu"},
    {"campaign.put", "Tạo, sửa đợt thi đua"},
    {"enrollment.create", "Tạo mã đăng ký máy"},
    {"enrollment.redeem", "Đăng ký máy của đơn vị"},
    {"credential.create", "Tạo thông tin xác thực"},
    {"credential.revoke", "Thu hồi thông tin xác thực"},
};

const char *audit_action_label(const char *action)
{
	size_t i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (action && strcmp(action, actions[i].action) == 0)
			return actions[i].label;
	return action ? action : "";
}

const char *audit_role_label(const char *role)
{
	if (!role || !role[0])
		return "máy chủ";
	if (strcmp(role, "operator") == 0)
		return "người điều hành";
	if (strcmp(role, "administrator") == 0)
		return "quản trị";
	if (strcmp(role, "unit") == 0)
		return "máy của đơn vị";
	if (strcmp(role, "server") == 0)
		return "máy chủ";
	return role;
}

/* NULL label: bookkeeping, not shown to people. */
static const struct {
	const char *key;
	const char *label;
} fields[] = {
    {"id", NULL},
    {"unit_id", NULL},
    {"credential_id", NULL},
    {"campaign_id", NULL},
    {"phase_id", NULL},
    {"parent_id", NULL},
    {"initiative_id", NULL},
    {"feed_seq", NULL},
    {"content_sha256", NULL},
    {"content_at", NULL},
    {"version", NULL},
    {"received_at", NULL},
    {"updated_at", NULL},
    {"created_at", NULL},
    {"created_by", NULL},
    {"code_sha256", NULL},
    {"secret_sha256", NULL},
    {"uuid", "mã sáng kiến"},
    {"status", "trạng thái"},
    {"title", "tên"},
    {"kind", "loại"},
    {"theme", "chủ đề"},
    {"authors", "tác giả"},
    {"summary", "tóm tắt"},
    {"effect", "hiệu quả"},
    {"applied_on", "ngày áp dụng"},
    {"recognition_decision", "số quyết định công nhận"},
    {"recognition_date", "ngày công nhận"},
    {"recognized_by", "người công nhận"},
    {"reward_kind", "hình thức khen"},
    {"reward_level", "cấp khen"},
    {"reward_decision", "số quyết định khen"},
    {"reward_date", "ngày khen"},
    {"reward_amount_vnd", "số tiền khen (đồng)"},
    {"note", "ghi chú"},
    {"body", "nội dung"},
    {"text", "nội dung"},
    {"author", "người ghi"},
    {"reason", "lý do"},
    {"code", "mã"},
    {"name", "tên"},
    {"level", "cấp"},
    {"quota", "chỉ tiêu"},
    {"target", "chỉ tiêu"},
    {"counts_from", "tính từ ngày"},
    {"is_current", "đợt hiện tại"},
    {"label", "nhãn"},
    {"role", "vai trò"},
    {"expires_at", "hết hạn"},
    {"used_at", "dùng lúc"},
    {"revoked_at", "thu hồi lúc"},
};

const char *audit_field_label(const char *key, size_t key_len)
{
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].key) == key_len && memcmp(fields[i].key, key, key_len) == 0)
			return fields[i].label;
	return ""; /* unknown: shown under its own name */
}

static bool key_is(const char *key, size_t key_len, const char *name)
{
	return strlen(name) == key_len && memcmp(key, name, key_len) == 0;
}

const char *audit_value_label(const char *key, size_t key_len, const char *value, size_t value_len)
{
	static const struct {
		const char *code;
		const char *label;
	} levels[] = {
	    {"national", "toàn quốc"},	 {"province", "tỉnh, thành phố"},
	    {"district", "quận, huyện"}, {"grassroots", "công đoàn cơ sở"},
	    {"reward", "khen thưởng"},	 {"commendation", "biểu dương"},
	};
	char code[64];
	enum name_set set;
	const struct name_entry *e;
	size_t i;

	/* Only plain JSON strings: "..." without escapes. */
	if (value_len < 2 || value[0] != '"' || value[value_len - 1] != '"' ||
	    value_len - 2 >= sizeof(code) || memchr(value, '\\', value_len))
		return NULL;
	memcpy(code, value + 1, value_len - 2);
	code[value_len - 2] = '\0';
	if (key_is(key, key_len, "level") || key_is(key, key_len, "reward_kind")) {
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			if (strcmp(code, levels[i].code) == 0)
				return levels[i].label;
		return NULL;
	}
	if (key_is(key, key_len, "role")) {
		const char *label = audit_role_label(code);

		return label != code ? label : NULL;
	}
	if (key_is(key, key_len, "status"))
		set = NAMES_STATUS;
	else if (key_is(key, key_len, "kind"))
		set = NAMES_KIND;
	else if (key_is(key, key_len, "theme"))
		set = NAMES_THEME;
	else
		return NULL;
	e = names_find_code(set, code);
	return e ? e->vi : NULL;
}

char *audit_actor_label(const char *role, const char *actor, const char *unit_code)
{
	if (role && strcmp(role, "unit") == 0)
		return xasprintf("%s (máy %s)", unit_code ? unit_code : "", actor ? actor : "");
	return xstrdup(actor && actor[0] ? actor : "(máy chủ)");
}
