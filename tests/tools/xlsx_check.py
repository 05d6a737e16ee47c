#!/usr/bin/python3
"""xlsx_check.py report|export BOOK.xlsx DOC.json - read a workbook written
by sangkien-admin back with openpyxl and compare it, cell by cell, with the
JSON of the same report or export.  Also checks what makes it an Excel
document for people: Vietnamese headers, header row frozen, column widths
set, numbers stored as numbers, dates as dates shown dd/mm/yyyy, percentages
as fractions.  Prints "ok" or exits 1 naming the first difference.

Times: the workbook holds local time; the test runs with
TZ=Asia/Ho_Chi_Minh, so local is UTC+07:00.
"""
import datetime
import json
import sys

import openpyxl

LOCAL = datetime.timezone(datetime.timedelta(hours=7))


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def eq(want, got, what):
    if want != got:
        fail(f"{what}: expected {want!r}, got {got!r}")


def sheet(book, name, headers):
    if name not in book.sheetnames:
        fail(f"no sheet {name!r} (sheets: {book.sheetnames})")
    ws = book[name]
    eq("A2", ws.freeze_panes, f"{name}: frozen panes")
    got = [c.value for c in ws[1]][:len(headers)]
    eq(headers, got, f"{name}: header row")
    for c in ws[1][:len(headers)]:
        if not c.font.bold:
            fail(f"{name}: header {c.value!r} is not bold")
        width = ws.column_dimensions[c.column_letter].width
        if not width or width < 8:
            fail(f"{name}: column {c.column_letter} has no width set ({width})")
    return [list(r) for r in ws.iter_rows(min_row=2)]


def num(cell, want, what):
    if cell.value is None and want is None:
        return
    if isinstance(cell.value, bool) or not isinstance(cell.value, (int, float)):
        fail(f"{what}: {cell.value!r} is not a number")
    eq(want, cell.value, what)


def pct(cell, num_, den, what):
    if den == 0:
        eq(None, cell.value, what)
        return
    if not isinstance(cell.value, (int, float)) or abs(cell.value - num_ / den) > 1e-9:
        fail(f"{what}: {cell.value!r} is not {num_}/{den}")
    if "%" not in cell.number_format:
        fail(f"{what}: shown as {cell.number_format!r}, not a percentage")


def date(cell, iso, what):
    if not iso:
        eq(None, cell.value, what)
        return
    if not isinstance(cell.value, datetime.datetime):
        fail(f"{what}: {cell.value!r} is not a date")
    eq(iso, cell.value.date().isoformat(), what)
    eq("dd/mm/yyyy", cell.number_format, f"{what}: format")


def moment(cell, ms, what):
    if not ms:
        eq(None, cell.value, what)
        return
    want = datetime.datetime.fromtimestamp(ms // 1000, LOCAL).replace(tzinfo=None)
    if not isinstance(cell.value, datetime.datetime):
        fail(f"{what}: {cell.value!r} is not a date and time")
    if abs((cell.value - want).total_seconds()) > 1:
        fail(f"{what}: {cell.value} is not {want}")
    eq("dd/mm/yyyy hh:mm", cell.number_format, f"{what}: format")


def text(cell, want, what):
    if want == "":
        want = None
    if cell.data_type == "f":
        fail(f"{what}: {cell.value!r} became a formula")
    eq(want, cell.value, what)


def report(book, doc):
    units = doc["units"]
    total_sub = sum(u["submitted"] for u in units)
    rows = sheet(book, "Tổng hợp", ["Chỉ tiêu so sánh", "Chỉ tiêu", "Đã gửi", "Tỷ lệ đạt",
                                    "Được công nhận"])
    eq(2, len(rows), "Tổng hợp: rows")
    text(rows[0][0], f"Chỉ tiêu của {doc['scope']['name']}", "the scope's target named")
    num(rows[0][1], doc["scope"]["target"], "the scope's target")
    num(rows[0][2], total_sub, "submitted")
    pct(rows[0][3], total_sub, doc["scope"]["target"], "rate against the scope's target")
    text(rows[1][0], f"Tổng chỉ tiêu đã phân bổ cho {len(units)} công đoàn cơ sở",
         "the quotas' sum named")
    num(rows[1][1], doc["totals"]["quota"], "the quotas' sum")
    pct(rows[1][3], total_sub, doc["totals"]["quota"], "rate against the quotas")
    num(rows[1][4], doc["totals"]["recognized"], "recognized")

    rows = sheet(book, "Thông tin", ["Nội dung", "Giá trị"])
    info = {r[0].value: r[1] for r in rows}
    text(info["Đơn vị báo cáo"], doc["scope"]["name"], "scope name")
    text(info["Mã đơn vị"], doc["scope"]["code"], "scope code")
    text(info["Đợt thi đua"], doc["campaign"]["name"], "campaign")
    date(info["Tính sáng kiến từ ngày"], doc["campaign"]["counts_from"], "counts from")
    moment(info["Số liệu lúc (giờ địa phương)"], doc["as_of_unix_ms"], "as of")
    num(info["Số công đoàn cơ sở"], len(units), "units")
    num(info["Số đơn vị chưa đạt chỉ tiêu"], len(doc["behind"]), "units behind")

    rows = sheet(book, "Đơn vị", ["Mã", "Công đoàn cơ sở", "Chỉ tiêu", "Đã gửi",
                                  "Được công nhận", "Tỷ lệ"])
    eq(len(units), len(rows), "Đơn vị: rows")
    for u, r in zip(units, rows):
        w = f"Đơn vị {u['code']}"
        text(r[0], u["code"], w)
        text(r[1], u["name"], w)
        num(r[2], u["quota"], w + " quota")
        num(r[3], u["submitted"], w + " submitted")
        num(r[4], u["recognized"], w + " recognized")
        pct(r[5], u["submitted"], u["quota"], w + " rate")

    rows = sheet(book, "Giai đoạn", ["Mã", "Giai đoạn", "Từ ngày", "Đến ngày", "Chỉ tiêu",
                                     "Đã gửi", "Được công nhận", "Tỷ lệ"])
    eq(len(doc["phases"]), len(rows), "Giai đoạn: rows")
    for p, r in zip(doc["phases"], rows):
        w = f"phase {p['code']}"
        text(r[0], p["code"], w)
        text(r[1], p["name"], w)
        date(r[2], p["starts_on"], w + " start")
        date(r[3], p["ends_on"], w + " end")
        num(r[4], p["target"], w + " target")
        num(r[5], p["submitted"], w + " submitted")
        num(r[6], p["recognized"], w + " recognized")
        pct(r[7], p["submitted"], p["target"], w + " rate")

    rows = sheet(book, "Cần đôn đốc", ["Mã", "Công đoàn cơ sở", "Chỉ tiêu", "Đã gửi",
                                       "Còn thiếu", "Tỷ lệ"])
    eq(len(doc["behind"]), len(rows), "Cần đôn đốc: rows")
    for b, r in zip(doc["behind"], rows):
        text(r[0], b["code"], "behind")
        num(r[4], b["shortfall"], f"{b['code']} shortfall")

    for name, key, first in (("Loại", "by_kind", "Loại sáng kiến"),
                             ("Chủ đề", "by_theme", "Chủ đề"),
                             ("Theo tuần", "by_week", "Tuần từ thứ Hai")):
        rows = sheet(book, name, [first, "Đã gửi", "Được công nhận"])
        eq(len(doc[key]), len(rows), f"{name}: rows")
        for c, r in zip(doc[key], rows):
            if key == "by_week":
                date(r[0], c["key"], f"week {c['key']}")
            else:
                text(r[0], c["label"], f"{name} {c['key']}")
            num(r[1], c["submitted"], f"{name} {c['key']} submitted")
            num(r[2], c["recognized"], f"{name} {c['key']} recognized")



def export(book, doc):
    rows = sheet(book, "Sáng kiến", [
        "Mã đơn vị", "Đơn vị", "Mã sáng kiến (uuid)", "Số bản ghi", "Trạng thái",
        "Tên sáng kiến", "Loại", "Chủ đề", "Tác giả", "Tóm tắt", "Hiệu quả", "Ngày áp dụng",
        "Giai đoạn", "Phiên bản", "Nhận lúc", "Cập nhật lúc", "Số QĐ công nhận",
        "Ngày công nhận", "Người công nhận", "Hình thức khen", "Cấp khen", "Số QĐ khen",
        "Ngày khen", "Số tiền khen (đồng)", "Số tệp hồ sơ", "Hồ sơ đầy đủ"])
    eq(len(doc), len(rows), "Sáng kiến: rows")
    by_uuid = {r[2].value: r for r in rows}
    for it in doc:
        r = by_uuid.get(it["uuid"])
        if r is None:
            fail(f"{it['uuid']} is not in the workbook")
        w = it["uuid"]
        text(r[0], it["unit_code"], w)
        text(r[1], it["unit_name"], w)
        num(r[3], it["record_id"], w + " record id")
        text(r[4], it["status_label"], w + " status")
        text(r[5], it["title"], w + " title")
        authors = "; ".join(a["name"] + (f" ({a['position']})" if a["position"] else "")
                            for a in it["authors"])
        text(r[8], authors, w + " authors")
        text(r[9], it["summary"], w + " summary")
        text(r[10], it["effect"], w + " effect")
        date(r[11], it["applied_on"], w + " applied on")
        text(r[12], it["phase_code"], w + " phase")
        num(r[13], it["version"], w + " version")
        moment(r[14], it["received_unix_ms"], w + " received")
        moment(r[15], it["updated_unix_ms"], w + " updated")
        rec = it["recognition"] or {}
        text(r[16], rec.get("decision_number", ""), w + " decision")
        date(r[17], rec.get("decision_date", ""), w + " decision date")
        text(r[18], rec.get("recognized_by", ""), w + " recognized by")
        rw = it["reward"] or {}
        text(r[21], rw.get("decision_number", ""), w + " reward decision")
        date(r[22], rw.get("decision_date", ""), w + " reward date")
        num(r[23], rw.get("amount_vnd") or None, w + " amount")
        num(r[24], len(it["attachments"]), w + " dossier files")
        text(r[25], "Có" if it["dossier_complete"] else "Chưa", w + " dossier complete")


def main():
    mode, path, json_path = sys.argv[1:4]
    book = openpyxl.load_workbook(path)
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    {"report": report, "export": export}[mode](book, doc)
    print("ok")


main()
