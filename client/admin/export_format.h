/*
 * export_format.h - one initiative as an export row: CSV (one line per
 * initiative, the columns below) or a JSON object.  Pure functions.
 *
 * CSV columns: ma_don_vi, don_vi, uuid, so_ban_ghi, trang_thai,
 * trang_thai_ten, ten_sang_kien, loai, chu_de, tac_gia ("Tên (Chức vụ);
 * ..."), tom_tat, hieu_qua, ngay_ap_dung, giai_doan, phien_ban, nhan_luc,
 * cap_nhat_luc (times YYYY-MM-DD HH:MM, Vietnam), so_qd_cong_nhan,
 * ngay_cong_nhan, nguoi_cong_nhan, hinh_thuc_khen, cap_khen, so_qd_khen,
 * ngay_khen, so_tien_khen, so_tep_ho_so (files attached), ho_so_day_du
 * (1 for a complete dossier, else 0).
 */
#ifndef SANGKIEN_EXPORT_FORMAT_H
#define SANGKIEN_EXPORT_FORMAT_H

#include <stdbool.h>
#include <stdio.h>

#include "out_json.h"
#include "sangkien.pb-c.h"

/* A complete dossier (PROTOCOL.md 10.1): at least one file attached. */
bool export_dossier_complete(const Sangkien__ServerInitiative *si);

/* "Tên (Chức vụ); Tên" in the stored order.  Caller frees. */
char *export_authors(const Sangkien__Initiative *it);

/* "reward" / "commendation" / "". */
const char *export_reward_kind_name(Sangkien__RewardKind k);

/* The header row (after the BOM, which the caller writes once). */
void export_csv_header(FILE *f);
void export_csv_item(FILE *f, const Sangkien__ListedInitiative *li);

struct xlsx_book;
struct xlsx_sheet;
/* The sheet "Sáng kiến" with the same columns under Vietnamese headers
 * (statuses, kinds and themes by their Vietnamese names; dates and times as
 * Excel dates; record id, version and amount as numbers); owned by b. */
struct xlsx_sheet *export_xlsx_sheet(struct xlsx_book *b);
void export_xlsx_item(struct xlsx_sheet *s, const Sangkien__ListedInitiative *li);

/* The initiative as one JSON object (with its notes). */
void export_json_item(struct out_json *j, const Sangkien__ListedInitiative *li);

#endif
