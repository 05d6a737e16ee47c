/*
 * cmd_credential.c - `sangkien-admin credential create --role
 * operator|administrator [--scope CODE] --label TEXT`: a new operator
 * credential, printed alone on stdout (it is shown only this once).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "admin_parse.h"
#include "cmd.h"
#include "initiative_check.h"
#include "wire.h"

const char cmd_credential_usage[] =
    "credential create --role operator|administrator [--scope MÃ] --label NHÃN";

static int create(const struct admin_globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},
	    {"scope", required_argument, NULL, 's'},
	    {"label", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__CreateCredentialRequest cc = SANGKIEN__CREATE_CREDENTIAL_REQUEST__INIT;
	const char *role = NULL, *scope = NULL, *label = NULL;
	struct sk_conn *c = NULL;
	char err[256];
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		switch (opt) {
		case 'r':
			role = optarg;
			break;
		case 's':
			scope = optarg;
			break;
		case 'l':
			label = optarg;
			break;
		default:
			return admin_option_error("credential create", cmd_credential_usage, opt,
						  argv);
		}
	}
	if (optind != argc)
		return admin_usage_error("credential create", cmd_credential_usage,
					 "đối số thừa '%s'", argv[optind]);
	if (!role)
		return admin_usage_error("credential create", cmd_credential_usage,
					 "thiếu --role (operator hoặc administrator)");
	if (strcmp(role, "operator") == 0)
		cc.role = SANGKIEN__ROLE__ROLE_OPERATOR;
	else if (strcmp(role, "administrator") == 0)
		cc.role = SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	else
		return admin_usage_error("credential create", cmd_credential_usage,
					 "--role: '%s' không hợp lệ; chọn operator hoặc "
					 "administrator",
					 role);
	if (cc.role == SANGKIEN__ROLE__ROLE_OPERATOR && !scope)
		return admin_usage_error("credential create", cmd_credential_usage,
					 "người điều hành cần --scope (mã đơn vị được giao)");
	if (cc.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR && scope)
		return admin_usage_error("credential create", cmd_credential_usage,
					 "quản trị viên quản lý cả cây, không dùng --scope");
	if (scope && !unit_code_is_valid(scope))
		return admin_usage_error("credential create", cmd_credential_usage,
					 "--scope: mã '%s' không hợp lệ", scope);
	if (!label)
		return admin_usage_error("credential create", cmd_credential_usage,
					 "thiếu --label (ví dụ tên người dùng)");
	if (!admin_text_check("--label", label, ADMIN_NAME_MAX, false, err, sizeof(err)))
		return admin_usage_error("credential create", cmd_credential_usage, "%s", err);

	cc.scope_code = (char *)(scope ? scope : "");
	cc.label = (char *)label;
	req.body_case = SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL;
	req.create_credential = &cc;
	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL_REPLY,
				"tạo thông tin xác thực", &reply);
	if (rc == ADMIN_EXIT_OK) {
		const char *cred = reply->create_credential_reply->credential;

		if (!cred || !cred[0] || strpbrk(cred, " \t\r\n")) {
			fprintf(stderr, "sangkien-admin credential create: máy chủ trả thông tin "
					"xác thực không hợp lệ\n");
			rc = ADMIN_EXIT_ERROR;
		} else {
			puts(cred);
			if (fflush(stdout) != 0)
				rc = ADMIN_EXIT_ERROR;
			fprintf(stderr,
				"Thông tin xác thực của '%s' chỉ hiện một lần này; hãy giao tận "
				"tay và giữ bí mật.\n",
				label);
		}
	}
	wire_envelope_free(reply);
	net_close(c);
	return rc;
}

int cmd_credential(const struct admin_globals *g, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "create") != 0)
		return admin_usage_error("credential", cmd_credential_usage,
					 argc < 2 ? "thiếu lệnh con (create)"
						  : "lệnh con không có; dùng create");
	return create(g, argc - 1, argv + 1);
}
