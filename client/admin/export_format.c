/*
 * export_format.c - initiatives as export rows (see export_format.h).
 */
#include "export_format.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "initiative_check.h"
#include "out_csv.h"
#include "vn_names.h"
#include "xlsx_out.h"
#include "vn_time.h"

static const char *nz(const char *s)
{
	return s ? s : "";
}

char *export_authors(const Sangkien__Initiative *it)
{
	size_t i, len = 1;
	char *out, *p;

	for (i = 0; i < it->n_authors; i++)
		len += strlen(nz(it->authors[i]->name)) + strlen(nz(it->authors[i]->position)) + 5;
	out = p = xmalloc(len);
	*p = '\0';
	for (i = 0; i < it->n_authors; i++) {
		const Sangkien__Author *a = it->authors[i];

		p += sprintf(p, "%s%s", i ? "; " : "", nz(a->name));
		if (a->position && a->position[0])
			p += sprintf(p, " (%s)", a->position);
	}
	return out;
}

const char *export_reward_kind_name(Sangkien__RewardKind k)
{
	switch (k) {
	case SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD:
		return "reward";
	case SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION:
		return "commendation";
	default:
		return "";
	}
}

bool export_dossier_complete(const Sangkien__ServerInitiative *si)
{
	return si != NULL && si->n_attachments > 0;
}

static const char *const columns[] = {
    "ma_don_vi",      "don_vi",		 "uuid",	   "so_ban_ghi",
    "trang_thai",     "trang_thai_ten",	 "ten_sang_kien",  "loai",
    "chu_de",	      "tac_gia",	 "tom_tat",	   "hieu_qua",
    "ngay_ap_dung",   "giai_doan",	 "phien_ban",	   "nhan_luc",
    "cap_nhat_luc",   "so_qd_cong_nhan", "ngay_cong_nhan", "nguoi_cong_nhan",
    "hinh_thuc_khen", "cap_khen",	 "so_qd_khen",	   "ngay_khen",
    "so_tien_khen",   "so_tep_ho_so",	 "ho_so_day_du",
};
#define NCOL (sizeof(columns) / sizeof(columns[0]))

void export_csv_header(FILE *f)
{
	out_csv_row(f, columns, NCOL);
}

void export_csv_item(FILE *f, const Sangkien__ListedInitiative *li)
{
	static const Sangkien__Initiative empty_it = SANGKIEN__INITIATIVE__INIT;
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si && si->content ? si->content : &empty_it;
	const Sangkien__Recognition *rec = si ? si->recognition : NULL;
	const Sangkien__Reward *rw = si ? si->reward : NULL;
	char id[32], ver[16], recv[VN_TIME_LEN], upd[VN_TIME_LEN], amount[32], files[24];
	char *authors = export_authors(it);
	const char *kind = kind_name(it->kind), *theme = theme_name(it->theme);
	const char *row[NCOL];

	snprintf(id, sizeof(id), "%" PRId64, si && si->receipt ? si->receipt->record_id : 0);
	snprintf(ver, sizeof(ver), "%" PRIu32, si ? si->version : 0);
	if (si && si->receipt)
		vn_time_format_iso(si->receipt->received_unix_ms, recv);
	else
		recv[0] = '\0';
	if (si && si->updated_unix_ms)
		vn_time_format_iso(si->updated_unix_ms, upd);
	else
		upd[0] = '\0';
	amount[0] = '\0';
	if (rw && rw->amount_vnd)
		snprintf(amount, sizeof(amount), "%" PRId64, rw->amount_vnd);
	row[0] = li->unit_code;
	row[1] = li->unit_name;
	row[2] = it->uuid;
	row[3] = id;
	row[4] = admin_status_name(si ? si->status : 0);
	row[5] = vn_status_name(si ? si->status : 0);
	row[6] = it->title;
	row[7] = kind ? kind : "";
	row[8] = theme ? theme : "";
	row[9] = authors;
	row[10] = it->summary;
	row[11] = it->effect;
	row[12] = it->applied_on;
	row[13] = si ? si->phase_code : "";
	row[14] = ver;
	row[15] = recv;
	row[16] = upd;
	row[17] = rec ? rec->decision_number : "";
	row[18] = rec ? rec->decision_date : "";
	row[19] = rec ? rec->recognized_by : "";
	row[20] = rw ? export_reward_kind_name(rw->kind) : "";
	row[21] = rw ? rw->level : "";
	row[22] = rw ? rw->decision_number : "";
	row[23] = rw ? rw->decision_date : "";
	row[24] = amount;
	snprintf(files, sizeof(files), "%zu", si ? si->n_attachments : 0);
	row[25] = files;
	row[26] = export_dossier_complete(si) ? "1" : "0";
	out_csv_row(f, row, NCOL);
	free(authors);
}

void export_json_item(struct out_json *j, const Sangkien__ListedInitiative *li)
{
	static const Sangkien__Initiative empty_it = SANGKIEN__INITIATIVE__INIT;
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si && si->content ? si->content : &empty_it;
	const char *kind = kind_name(it->kind), *theme = theme_name(it->theme);
	size_t i;

	out_json_begin_object(j);
	out_json_kv_string(j, "unit_code", li->unit_code);
	out_json_kv_string(j, "unit_name", li->unit_name);
	out_json_kv_string(j, "uuid", it->uuid);
	out_json_kv_int(j, "record_id", si && si->receipt ? si->receipt->record_id : 0);
	out_json_kv_string(j, "status", admin_status_name(si ? si->status : 0));
	out_json_kv_string(j, "status_label", vn_status_name(si ? si->status : 0));
	out_json_kv_uint(j, "version", si ? si->version : 0);
	out_json_kv_string(j, "title", it->title);
	out_json_kv_string(j, "kind", kind ? kind : "");
	out_json_kv_string(j, "theme", theme ? theme : "");
	out_json_key(j, "authors");
	out_json_begin_array(j);
	for (i = 0; i < it->n_authors; i++) {
		out_json_begin_object(j);
		out_json_kv_string(j, "name", it->authors[i]->name);
		out_json_kv_string(j, "position", it->authors[i]->position);
		out_json_end_object(j);
	}
	out_json_end_array(j);
	out_json_kv_string(j, "summary", it->summary);
	out_json_kv_string(j, "effect", it->effect);
	out_json_kv_string(j, "applied_on", it->applied_on);
	out_json_kv_string(j, "phase_code", si ? si->phase_code : "");
	out_json_kv_int(j, "received_unix_ms",
			si && si->receipt ? si->receipt->received_unix_ms : 0);
	out_json_kv_int(j, "updated_unix_ms", si ? si->updated_unix_ms : 0);
	out_json_key(j, "recognition");
	if (si && si->recognition) {
		out_json_begin_object(j);
		out_json_kv_string(j, "decision_number", si->recognition->decision_number);
		out_json_kv_string(j, "decision_date", si->recognition->decision_date);
		out_json_kv_string(j, "recognized_by", si->recognition->recognized_by);
		out_json_end_object(j);
	} else {
		out_json_null(j);
	}
	out_json_key(j, "reward");
	if (si && si->reward) {
		out_json_begin_object(j);
		out_json_kv_string(j, "kind", export_reward_kind_name(si->reward->kind));
		out_json_kv_string(j, "level", si->reward->level);
		out_json_kv_string(j, "decision_number", si->reward->decision_number);
		out_json_kv_string(j, "decision_date", si->reward->decision_date);
		out_json_kv_int(j, "amount_vnd", si->reward->amount_vnd);
		out_json_end_object(j);
	} else {
		out_json_null(j);
	}
	out_json_key(j, "notes");
	out_json_begin_array(j);
	for (i = 0; si && i < si->n_notes; i++) {
		out_json_begin_object(j);
		out_json_kv_int(j, "at_unix_ms", si->notes[i]->at_unix_ms);
		out_json_kv_string(j, "author", si->notes[i]->author);
		out_json_kv_string(j, "status", admin_status_name(si->notes[i]->status));
		out_json_kv_string(j, "text", si->notes[i]->text);
		out_json_end_object(j);
	}
	out_json_end_array(j);
	out_json_key(j, "attachments");
	out_json_begin_array(j);
	for (i = 0; si && i < si->n_attachments; i++) {
		const Sangkien__Attachment *a = si->attachments[i];
		char hex[65] = "";
		for (size_t k = 0; k < 32 && a->sha256.len == 32; k++)
			snprintf(hex + 2 * k, 3, "%02x", a->sha256.data[k]);
		out_json_begin_object(j);
		out_json_kv_string(j, "sha256", hex);
		out_json_kv_uint(j, "size", a->size);
		out_json_kv_string(j, "content_type", a->content_type);
		out_json_kv_string(j, "file_name", a->file_name);
		out_json_kv_string(j, "label", a->label);
		out_json_kv_int(j, "attached_unix_ms", a->attached_unix_ms);
		out_json_end_object(j);
	}
	out_json_end_array(j);
	out_json_key(j, "dossier_complete");
	out_json_bool(j, export_dossier_complete(si));
	out_json_end_object(j);
}

/* The same columns for people, in Vietnamese, typed for Excel. */
static const struct xlsx_column xlsx_columns[] = {
    {"Mã đơn vị", XLSX_TEXT, 10},
    {"Đơn vị", XLSX_TEXT, 30},
    {"Mã sáng kiến (uuid)", XLSX_TEXT, 38},
    {"Số bản ghi", XLSX_INT, 10},
    {"Trạng thái", XLSX_TEXT, 20},
    {"Tên sáng kiến", XLSX_TEXT, 40},
    {"Loại", XLSX_TEXT, 20},
    {"Chủ đề", XLSX_TEXT, 26},
    {"Tác giả", XLSX_TEXT, 30},
    {"Tóm tắt", XLSX_TEXT, 50},
    {"Hiệu quả", XLSX_TEXT, 40},
    {"Ngày áp dụng", XLSX_DATE, 12},
    {"Giai đoạn", XLSX_TEXT, 10},
    {"Phiên bản", XLSX_INT, 9},
    {"Nhận lúc", XLSX_DATETIME, 16},
    {"Cập nhật lúc", XLSX_DATETIME, 16},
    {"Số QĐ công nhận", XLSX_TEXT, 16},
    {"Ngày công nhận", XLSX_DATE, 12},
    {"Người công nhận", XLSX_TEXT, 24},
    {"Hình thức khen", XLSX_TEXT, 14},
    {"Cấp khen", XLSX_TEXT, 12},
    {"Số QĐ khen", XLSX_TEXT, 16},
    {"Ngày khen", XLSX_DATE, 12},
    {"Số tiền khen (đồng)", XLSX_INT, 16},
    {"Số tệp hồ sơ", XLSX_INT, 10},
    {"Hồ sơ đầy đủ", XLSX_TEXT, 10},
};

struct xlsx_sheet *export_xlsx_sheet(struct xlsx_book *b)
{
	return xlsx_sheet_add(b, "Sáng kiến", xlsx_columns,
			      sizeof(xlsx_columns) / sizeof(xlsx_columns[0]));
}

static const char *reward_kind_label(Sangkien__RewardKind k)
{
	switch (k) {
	case SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD:
		return "Khen thưởng";
	case SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION:
		return "Biểu dương";
	default:
		return "";
	}
}

void export_xlsx_item(struct xlsx_sheet *s, const Sangkien__ListedInitiative *li)
{
	static const Sangkien__Initiative empty_it = SANGKIEN__INITIATIVE__INIT;
	const Sangkien__ServerInitiative *si = li->initiative;
	const Sangkien__Initiative *it = si && si->content ? si->content : &empty_it;
	const Sangkien__Recognition *rec = si ? si->recognition : NULL;
	const Sangkien__Reward *rw = si ? si->reward : NULL;
	char *authors = export_authors(it);

	xlsx_text(s, li->unit_code);
	xlsx_text(s, li->unit_name);
	xlsx_text(s, it->uuid);
	xlsx_int(s, si && si->receipt ? si->receipt->record_id : 0);
	xlsx_text(s, vn_status_name(si ? si->status : 0));
	xlsx_text(s, it->title);
	xlsx_text(s, vn_kind_name(it->kind));
	xlsx_text(s, vn_theme_name(it->theme));
	xlsx_text(s, authors);
	xlsx_text(s, it->summary);
	xlsx_text(s, it->effect);
	xlsx_date(s, it->applied_on);
	xlsx_text(s, si ? si->phase_code : "");
	xlsx_int(s, si ? si->version : 0);
	xlsx_time_ms(s, si && si->receipt ? si->receipt->received_unix_ms : 0);
	xlsx_time_ms(s, si ? si->updated_unix_ms : 0);
	xlsx_text(s, rec ? rec->decision_number : "");
	xlsx_date(s, rec ? rec->decision_date : "");
	xlsx_text(s, rec ? rec->recognized_by : "");
	xlsx_text(s, rw ? reward_kind_label(rw->kind) : "");
	xlsx_text(s, rw ? rw->level : "");
	xlsx_text(s, rw ? rw->decision_number : "");
	xlsx_date(s, rw ? rw->decision_date : "");
	if (rw && rw->amount_vnd)
		xlsx_int(s, rw->amount_vnd);
	else
		xlsx_blank(s);
	xlsx_int(s, si ? (int64_t)si->n_attachments : 0);
	xlsx_text(s, export_dossier_complete(si) ? "Có" : "Chưa");
	xlsx_row_end(s);
	free(authors);
}
