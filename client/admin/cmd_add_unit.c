/*
 * cmd_add_unit.c - `sangkien-admin add-unit CODE NAME --level L [--parent P]`:
 * create or update one unit of the tree (used for the levels above the
 * grassroots, which import-units creates in bulk).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "initiative_check.h"
#include "unit_csv.h"
#include "wire.h"

const char cmd_add_unit_usage[] =
    "add-unit MÃ TÊN --level national|province|district|grassroots [--parent MÃ_CHA]";

static bool parse_level(const char *s, Sangkien__UnitLevel *out)
{
	static const struct {
		const char *name;
		Sangkien__UnitLevel level;
	} levels[] = {
	    {"national", SANGKIEN__UNIT_LEVEL__LEVEL_NATIONAL},
	    {"province", SANGKIEN__UNIT_LEVEL__LEVEL_PROVINCE},
	    {"district", SANGKIEN__UNIT_LEVEL__LEVEL_DISTRICT},
	    {"grassroots", SANGKIEN__UNIT_LEVEL__LEVEL_GRASSROOTS},
	};
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (strcmp(s, levels[i].name) == 0) {
			*out = levels[i].level;
			return true;
		}
	}
	return false;
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return true;
	return false;
}

const struct command_option cmd_add_unit_options[] = {
    {"level", 'l', "CẤP", "national, province, district hoặc grassroots (bắt buộc)"},
    {"parent", 'p', "MÃ_CHA", "đơn vị cấp trên (bắt buộc, trừ cấp national)"},
    {NULL, 0, NULL, NULL},
};

int cmd_add_unit(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__UnitLevel level = SANGKIEN__UNIT_LEVEL__LEVEL_UNSPECIFIED;
	const char *level_arg = NULL, *parent = NULL, *code, *name, *value;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__PutUnitRequest put = SANGKIEN__PUT_UNIT_REQUEST__INIT;
	struct sk_conn *c = NULL;
	size_t cps = 0;
	int opt, rc;

	optind = 0;
	while ((opt = command_getopt("add-unit", cmd_add_unit_usage, cmd_add_unit_options, argc,
				     argv, &value)) != -1) {
		if (opt == COMMAND_OPT_BAD)
			return ADMIN_EXIT_USAGE;
		if (opt == 'l')
			level_arg = value;
		else if (opt == 'p')
			parent = value;
	}
	if (argc - optind != 2) {
		fprintf(stderr,
			"sangkien-admin add-unit: cần đúng hai đối số MÃ và TÊN\n"
			"cách dùng: sangkien-admin %s\n",
			cmd_add_unit_usage);
		return ADMIN_EXIT_USAGE;
	}
	code = argv[optind];
	name = argv[optind + 1];
	if (!unit_code_is_valid(code)) {
		fprintf(stderr,
			"sangkien-admin add-unit: MÃ '%s' không hợp lệ (1 đến %d ký tự "
			"A-Z a-z 0-9 . _ -)\n",
			code, CHECK_UNIT_CODE_MAX);
		return ADMIN_EXIT_USAGE;
	}
	if (!utf8_is_valid(name, strlen(name), &cps) || has_control(name)) {
		fprintf(stderr, "sangkien-admin add-unit: TÊN không phải văn bản UTF-8 hợp lệ\n");
		return ADMIN_EXIT_USAGE;
	}
	if (cps == 0 || cps > UNIT_CSV_NAME_MAX || name[0] == ' ' ||
	    name[strlen(name) - 1] == ' ') {
		fprintf(stderr,
			"sangkien-admin add-unit: TÊN phải có từ 1 đến %u ký tự, không có "
			"khoảng trắng ở đầu hay cuối\n",
			UNIT_CSV_NAME_MAX);
		return ADMIN_EXIT_USAGE;
	}
	if (!level_arg) {
		fprintf(stderr, "sangkien-admin add-unit: thiếu --level "
				"(national|province|district|grassroots)\n");
		return ADMIN_EXIT_USAGE;
	}
	if (!parse_level(level_arg, &level)) {
		fprintf(stderr,
			"sangkien-admin add-unit: --level: '%s' không hợp lệ; chọn "
			"national, province, district hoặc grassroots\n",
			level_arg);
		return ADMIN_EXIT_USAGE;
	}
	if (level == SANGKIEN__UNIT_LEVEL__LEVEL_NATIONAL && parent) {
		fprintf(stderr, "sangkien-admin add-unit: --parent: đơn vị cấp national là gốc "
				"của cây, không có đơn vị cha\n");
		return ADMIN_EXIT_USAGE;
	}
	if (level != SANGKIEN__UNIT_LEVEL__LEVEL_NATIONAL && !parent) {
		fprintf(stderr, "sangkien-admin add-unit: thiếu --parent (mã đơn vị cha)\n");
		return ADMIN_EXIT_USAGE;
	}
	if (parent && !unit_code_is_valid(parent)) {
		fprintf(stderr, "sangkien-admin add-unit: --parent: mã '%s' không hợp lệ\n",
			parent);
		return ADMIN_EXIT_USAGE;
	}

	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	put.code = (char *)code;
	put.name = (char *)name;
	put.level = level;
	put.parent_code = (char *)(parent ? parent : "");
	req.body_case = SANGKIEN__ENVELOPE__BODY_PUT_UNIT;
	req.put_unit = &put;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_PUT_UNIT_REPLY, "thêm đơn vị",
				&reply);
	if (rc == ADMIN_EXIT_OK) {
		const Sangkien__PutUnitReply *r = reply->put_unit_reply;

		if (r->created)
			printf("Đã tạo đơn vị %s (%s).\n", code, name);
		else if (r->changed)
			printf("Đã cập nhật đơn vị %s (%s).\n", code, name);
		else
			printf("Đơn vị %s (%s) đã có, không thay đổi.\n", code, name);
	}
	wire_envelope_free(reply);
	net_close(c);
	return rc;
}
