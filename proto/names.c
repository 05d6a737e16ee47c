/* names.c - see names.h. */
#include "names.h"

#include <string.h>

#include "sangkien.pb-c.h"

static const struct name_entry statuses[] = {
    {SANGKIEN__INITIATIVE_STATUS__STATUS_SUBMITTED, "submitted", "Đã gửi, chờ xem xét"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_UNDER_REVIEW, "under_review", "Đang xét duyệt"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_NEEDS_CHANGES, "needs_changes", "Cần bổ sung, sửa đổi"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_RECOGNIZED, "recognized", "Được công nhận"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_REJECTED, "rejected", "Không được công nhận"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_REWARDED, "rewarded", "Được khen thưởng"},
    {SANGKIEN__INITIATIVE_STATUS__STATUS_WITHDRAWN, "withdrawn", "Đã rút"},
};

static const struct name_entry kinds[] = {
    {SANGKIEN__INITIATIVE_KIND__KIND_SCIENTIFIC, "scientific", "Sáng kiến khoa học"},
    {SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL, "technical", "Cải tiến kỹ thuật"},
    {SANGKIEN__INITIATIVE_KIND__KIND_MANAGEMENT, "management", "Giải pháp quản lý"},
};

static const struct name_entry themes[] = {
    {SANGKIEN__THEME__THEME_COVID, "covid", "Phòng, chống dịch Covid-19"},
    {SANGKIEN__THEME__THEME_WORKERS_LIFE, "workers-life",
     "Chăm lo đời sống, việc làm của người lao động"},
    {SANGKIEN__THEME__THEME_PRODUCTION, "production", "Phục hồi sản xuất, kinh doanh"},
    {SANGKIEN__THEME__THEME_ADMIN_REFORM, "admin-reform", "Cải cách hành chính, chuyển đổi số"},
    {SANGKIEN__THEME__THEME_UNION_WORK, "union-work", "Đổi mới hoạt động công đoàn"},
};

static const struct name_entry levels[] = {
    {SANGKIEN__UNIT_LEVEL__LEVEL_NATIONAL, "national", "Toàn quốc"},
    {SANGKIEN__UNIT_LEVEL__LEVEL_PROVINCE, "province", "Tỉnh, thành phố"},
    {SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT, "district", "Quận, huyện"},
    {SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS, "grassroots", "Công đoàn cơ sở"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct name_entry *names_table(enum name_set set, size_t *n)
{
	switch (set) {
	case NAMES_STATUS:
		*n = COUNT(statuses);
		return statuses;
	case NAMES_KIND:
		*n = COUNT(kinds);
		return kinds;
	case NAMES_THEME:
		*n = COUNT(themes);
		return themes;
	case NAMES_LEVEL:
		*n = COUNT(levels);
		return levels;
	}
	*n = 0;
	return NULL;
}

const struct name_entry *names_find(enum name_set set, int value)
{
	size_t n;
	const struct name_entry *t = names_table(set, &n);

	for (size_t i = 0; i < n; i++)
		if (t[i].value == value)
			return &t[i];
	return NULL;
}

const struct name_entry *names_find_code(enum name_set set, const char *code)
{
	size_t n;
	const struct name_entry *t = names_table(set, &n);

	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return &t[i];
	return NULL;
}
