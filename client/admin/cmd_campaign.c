/*
 * cmd_campaign.c - `sangkien-admin campaign put CODE NAME --counts-from
 * DATE [--current] [--phase CODE|NAME|START|END]...`: create or update a
 * campaign and (when phases are given) replace its phases.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "admin_parse.h"
#include "cmd.h"
#include "vn_date.h"
#include "initiative_check.h"
#include "wire.h"

#define PHASES_MAX 50

const char cmd_campaign_usage[] = "campaign put MÃ TÊN --counts-from dd/mm/yyyy [--current]\n"
				  "                 [--phase MÃ|TÊN|NGÀY_BẮT_ĐẦU|NGÀY_KẾT_THÚC]...";

const struct command_option cmd_campaign_options[] = {
    {"counts-from", 'f', "dd/mm/yyyy", "sáng kiến được tính vào đợt từ ngày này (bắt buộc)"},
    {"current", 'c', NULL, "đặt làm đợt hiện tại"},
    {"phase", 'p', "GIAI_ĐOẠN", "MÃ|TÊN|NGÀY_BẮT_ĐẦU|NGÀY_KẾT_THÚC; cho nhiều lần khi có nhiều"},
    {NULL, 0, NULL, NULL},
};

static int put(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__PutCampaignRequest pc = SANGKIEN__PUT_CAMPAIGN_REQUEST__INIT;
	struct admin_phase_spec *specs = xcalloc(PHASES_MAX, sizeof(*specs));
	Sangkien__Phase phases[PHASES_MAX], *ptrs[PHASES_MAX];
	const char *counts_from = NULL, *value;
	struct sk_conn *c = NULL;
	size_t n = 0, i, j;
	char err[512], counts_iso[VN_DATE_LEN];
	int32_t first_day = 0;
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("campaign put", cmd_campaign_usage, cmd_campaign_options, argc,
				     argv, &value)) != -1) {
		switch (opt) {
		case 'f':
			counts_from = value;
			break;
		case 'c':
			pc.make_current = true;
			break;
		case 'p':
			if (n == PHASES_MAX) {
				rc = command_usage_error("campaign put", cmd_campaign_usage,
							 "nhiều nhất %d giai đoạn", PHASES_MAX);
				goto done;
			}
			if (!admin_phase_spec_parse(value, &specs[n], err, sizeof(err))) {
				rc = command_usage_error("campaign put", cmd_campaign_usage, "%s",
							 err);
				goto done;
			}
			n++;
			break;
		default: /* reported by command_getopt */
			rc = ADMIN_EXIT_USAGE;
			goto done;
		}
	}
	if (argc - optind != 2) {
		rc = command_usage_error("campaign put", cmd_campaign_usage,
					 "cần MÃ và TÊN của đợt thi đua");
		goto done;
	}
	if (!unit_code_is_valid(argv[optind])) {
		rc = command_usage_error(
		    "campaign put", cmd_campaign_usage,
		    "mã đợt '%s' không hợp lệ (1 đến %d ký tự A-Z a-z 0-9 . _ -)", argv[optind],
		    CHECK_UNIT_CODE_MAX);
		goto done;
	}
	if (!admin_text_check("TÊN", argv[optind + 1], ADMIN_NAME_MAX, false, err, sizeof(err))) {
		rc = command_usage_error("campaign put", cmd_campaign_usage, "%s", err);
		goto done;
	}
	if (!counts_from || !vn_date_to_iso(counts_from, counts_iso, NULL, 0) ||
	    !date_parse(counts_iso, &first_day)) {
		rc = command_usage_error("campaign put", cmd_campaign_usage,
					 "--counts-from: cần ngày bắt đầu tính sáng kiến dạng "
					 "dd/mm/yyyy (hoặc YYYY-MM-DD)%s%s%s",
					 counts_from ? " ('" : "", counts_from ? counts_from : "",
					 counts_from ? "' không hợp lệ)" : "");
		goto done;
	}
	for (i = 0; i < n; i++) {
		int32_t a, b;

		date_parse(specs[i].starts_on, &a);
		date_parse(specs[i].ends_on, &b);
		if (a < first_day) {
			char from[VN_DATE_LEN], first[VN_DATE_LEN];

			vn_date_format(a, from);
			vn_date_format(first_day, first);
			rc = command_usage_error("campaign put", cmd_campaign_usage,
						 "giai đoạn %s bắt đầu (%s) trước ngày tính sáng "
						 "kiến %s",
						 specs[i].code, from, first);
			goto done;
		}
		for (j = 0; j < i; j++) {
			int32_t c2, d2;

			date_parse(specs[j].starts_on, &c2);
			date_parse(specs[j].ends_on, &d2);
			if (strcmp(specs[i].code, specs[j].code) == 0) {
				rc = command_usage_error("campaign put", cmd_campaign_usage,
							 "mã giai đoạn %s có hai lần",
							 specs[i].code);
				goto done;
			}
			if (a <= d2 && c2 <= b) {
				rc = command_usage_error("campaign put", cmd_campaign_usage,
							 "giai đoạn %s và %s có ngày trùng nhau",
							 specs[j].code, specs[i].code);
				goto done;
			}
		}
		sangkien__phase__init(&phases[i]);
		phases[i].code = (char *)specs[i].code;
		phases[i].name = (char *)specs[i].name;
		phases[i].starts_on = (char *)specs[i].starts_on;
		phases[i].ends_on = (char *)specs[i].ends_on;
		ptrs[i] = &phases[i];
	}
	pc.code = argv[optind];
	pc.name = argv[optind + 1];
	pc.counts_from = counts_iso;
	pc.phases = ptrs;
	pc.n_phases = n;
	req.body_case = SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN;
	req.put_campaign = &pc;
	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN_REPLY,
				"ghi đợt thi đua", &reply);
	if (rc != ADMIN_EXIT_OK)
		goto done;
	printf("Đợt thi đua %s: %s%s\n", pc.code,
	       reply->put_campaign_reply->created   ? "đã tạo"
	       : reply->put_campaign_reply->changed ? "đã cập nhật"
						    : "không có gì thay đổi",
	       pc.make_current ? " (là đợt hiện hành)" : "");
	for (i = 0; i < n; i++)
		printf("  giai đoạn %s: %s, %s – %s\n", specs[i].code, specs[i].name,
		       specs[i].starts_on, specs[i].ends_on);
done:
	wire_envelope_free(reply);
	net_close(c);
	free(specs);
	return rc;
}

int cmd_campaign(const struct admin_globals *g, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "put") != 0)
		return command_usage_error("campaign", cmd_campaign_usage,
					   argc < 2 ? "thiếu lệnh con (put)"
						    : "lệnh con không có; dùng put");
	return put(g, argc - 1, argv + 1);
}
