/*
 * cmd_credential.c - `sangkien-admin credential`:
 *   create --role operator|administrator [--scope CODE] --label TEXT: a new
 *     operator credential, printed alone on stdout (shown only this once);
 *   list [--unit CODE] [--all] [--format table|tsv]: the credentials of the
 *     caller's scope (--all: revoked ones too);
 *   revoke ID: revoke one; its sessions end within seconds.
 */
#include <getopt.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_parse.h"
#include "cmd.h"
#include "initiative_check.h"
#include "out_table.h"
#include "wire.h"
#include "vn_time.h"

const char cmd_credential_usage[] =
    "credential create --role operator|administrator [--scope MÃ] --label NHÃN\n"
    "           sangkien-admin credential list [--unit MÃ] [--all] [--format table|tsv]\n"
    "           sangkien-admin credential revoke SỐ";

static const char *role_name(Sangkien__Role role)
{
	switch (role) {
	case SANGKIEN__ROLE__ROLE_UNIT:
		return "đơn vị";
	case SANGKIEN__ROLE__ROLE_OPERATOR:
		return "người điều hành";
	case SANGKIEN__ROLE__ROLE_ADMINISTRATOR:
		return "quản trị viên";
	default:
		return "?";
	}
}

/* A credential from the server is printed as it is, to be copied: only
 * visible ASCII may reach the terminal that way. */
static bool credential_printable(const char *cred)
{
	if (cred == NULL || cred[0] == '\0')
		return false;
	for (; *cred != '\0'; cred++)
		if ((unsigned char)*cred <= 0x20 || (unsigned char)*cred >= 0x7F)
			return false;
	return true;
}

/* One table for create (r, s, l) and list (u, a, f); each refuses the
 * other's by name. */
const struct command_option cmd_credential_options[] = {
    {"role", 'r', "operator|administrator", "create: vai trò (bắt buộc)"},
    {"scope", 's', "MÃ", "create: đơn vị người điều hành phụ trách"},
    {"label", 'l', "NHÃN", "create: tên gợi nhớ, ghi trong nhật ký (bắt buộc)"},
    {"unit", 'u', "MÃ", "list: chỉ thông tin xác thực của đơn vị này"},
    {"all", 'a', NULL, "list: cả những cái đã thu hồi"},
    {"format", 'f', "table|tsv", "list: bảng để đọc (mặc định) hoặc TSV"},
    {NULL, 0, NULL, NULL},
};

/* command_getopt_own over cmd_credential_options. */
static int next_option(const char *sub, const char *own, int argc, char **argv, const char **value)
{
	return command_getopt_own(sub, cmd_credential_usage, cmd_credential_options, own, argc,
				  argv, value);
}

static int create(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	Sangkien__CreateCredentialRequest cc = SANGKIEN__CREATE_CREDENTIAL_REQUEST__INIT;
	const char *role = NULL, *scope = NULL, *label = NULL, *value;
	struct sk_conn *c = NULL;
	char err[256];
	int opt, rc;

	optind = 0;
	while ((opt = next_option("credential create", "rsl", argc, argv, &value)) != -1) {
		switch (opt) {
		case 'r':
			role = value;
			break;
		case 's':
			scope = value;
			break;
		case 'l':
			label = value;
			break;
		default: /* reported */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return command_usage_error("credential create", cmd_credential_usage,
					   "đối số thừa '%s'", argv[optind]);
	if (!role)
		return command_usage_error("credential create", cmd_credential_usage,
					   "thiếu --role (operator hoặc administrator)");
	if (strcmp(role, "operator") == 0)
		cc.role = SANGKIEN__ROLE__ROLE_OPERATOR;
	else if (strcmp(role, "administrator") == 0)
		cc.role = SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	else
		return command_usage_error("credential create", cmd_credential_usage,
					   "--role: '%s' không hợp lệ; chọn operator hoặc "
					   "administrator",
					   role);
	if (cc.role == SANGKIEN__ROLE__ROLE_OPERATOR && !scope)
		return command_usage_error("credential create", cmd_credential_usage,
					   "người điều hành cần --scope (mã đơn vị được giao)");
	if (cc.role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR && scope)
		return command_usage_error("credential create", cmd_credential_usage,
					   "quản trị viên quản lý cả cây, không dùng --scope");
	if (scope && !unit_code_is_valid(scope))
		return command_usage_error("credential create", cmd_credential_usage,
					   "--scope: mã '%s' không hợp lệ", scope);
	if (!label)
		return command_usage_error("credential create", cmd_credential_usage,
					   "thiếu --label (ví dụ tên người dùng)");
	if (!admin_text_check("--label", label, ADMIN_NAME_MAX, false, err, sizeof(err)))
		return command_usage_error("credential create", cmd_credential_usage, "%s", err);

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

		if (!credential_printable(cred)) {
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

/* One row of `credential list`; cells point into ci or the buffers. */
static void add_row(struct out_table *t, const Sangkien__CredentialInfo *ci, bool tsv)
{
	char id[24], created[VN_TIME_LEN], revoked[VN_TIME_LEN] = "";
	snprintf(id, sizeof(id), "%" PRId64, ci->id);
	if (tsv)
		vn_time_format_iso(ci->created_unix_ms, created);
	else
		vn_time_format(ci->created_unix_ms, false, created);
	if (ci->revoked_unix_ms > 0 && tsv)
		vn_time_format_iso(ci->revoked_unix_ms, revoked);
	else if (ci->revoked_unix_ms > 0)
		vn_time_format(ci->revoked_unix_ms, false, revoked);
	const char *role = tsv ? (ci->role == SANGKIEN__ROLE__ROLE_UNIT	      ? "unit"
				  : ci->role == SANGKIEN__ROLE__ROLE_OPERATOR ? "operator"
									      : "administrator")
			       : role_name(ci->role);
	const char *row[6] = {
	    id,	       role,	ci->unit_code,
	    ci->label, created, tsv ? revoked : (revoked[0] ? revoked : "còn hiệu lực")};
	out_table_add(t, row);
}

static int list(const struct admin_globals *g, int argc, char **argv)
{
	static const char *const head[6] = {"Số",   "Vai trò", "Đơn vị",
					    "Nhãn", "Tạo lúc", "Thu hồi lúc"};
	static const char *const tsv_head[6] = {"id",	 "role",       "unit_code",
						"label", "created_at", "revoked_at"};
	static const bool right[6] = {1, 0, 0, 0, 0, 0};
	Sangkien__ListCredentialsRequest lr = SANGKIEN__LIST_CREDENTIALS_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	const char *format = "table", *value;
	struct sk_conn *c = NULL;
	int opt, rc;

	lr.unit_code = "";
	optind = 0;
	while ((opt = next_option("credential list", "uaf", argc, argv, &value)) != -1) {
		switch (opt) {
		case 'u':
			lr.unit_code = (char *)value; /* borrowed from argv */
			break;
		case 'a':
			lr.include_revoked = true;
			break;
		case 'f':
			format = value;
			break;
		default: /* reported */
			return ADMIN_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return command_usage_error("credential list", cmd_credential_usage,
					   "đối số thừa '%s'", argv[optind]);
	bool tsv = strcmp(format, "tsv") == 0;
	if (!tsv && strcmp(format, "table") != 0)
		return command_usage_error("credential list", cmd_credential_usage,
					   "--format: '%s' không hợp lệ; chọn table hoặc tsv",
					   format);
	if (lr.unit_code[0] && !unit_code_is_valid(lr.unit_code))
		return command_usage_error("credential list", cmd_credential_usage,
					   "--unit: mã '%s' không hợp lệ", lr.unit_code);
	rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	struct out_table *t = out_table_create(6, tsv ? tsv_head : head, right);
	size_t total = 0;
	req.body_case = SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS;
	req.list_credentials = &lr;
	for (;;) {
		Sangkien__Envelope *reply = NULL;
		rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS_REPLY,
					"liệt kê thông tin xác thực", &reply);
		if (rc != ADMIN_EXIT_OK)
			goto done;
		const Sangkien__ListCredentialsReply *r = reply->list_credentials_reply;
		int64_t last = lr.after_id;
		for (size_t i = 0; i < r->n_credentials; i++) {
			const Sangkien__CredentialInfo *ci = r->credentials[i];
			/* Pages come in id order: anything else is a broken server. */
			if (ci->id <= last) {
				fprintf(stderr, "sangkien-admin credential list: máy chủ trả danh "
						"sách sai thứ tự\n");
				wire_envelope_free(reply);
				rc = ADMIN_EXIT_ERROR;
				goto done;
			}
			last = ci->id;
			add_row(t, ci, tsv);
			total++;
		}
		bool more = r->more && r->n_credentials > 0;
		wire_envelope_free(reply);
		if (!more)
			break;
		lr.after_id = last;
	}
	if (tsv)
		out_table_print_tsv(t, stdout);
	else if (total == 0)
		puts("Không có thông tin xác thực nào.");
	else {
		out_table_print(t, stdout);
		printf("%zu thông tin xác thực\n", total);
	}
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sangkien-admin credential list: không ghi được ra stdout\n");
		rc = ADMIN_EXIT_ERROR;
	}
done:
	out_table_free(t);
	net_close(c);
	return rc;
}

static int revoke(const struct admin_globals *g, int argc, char **argv)
{
	Sangkien__RevokeCredentialRequest rr = SANGKIEN__REVOKE_CREDENTIAL_REQUEST__INIT;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT, *reply = NULL;
	struct sk_conn *c = NULL;
	char *end = NULL;

	if (argc != 2)
		return command_usage_error("credential revoke", cmd_credential_usage,
					   argc < 2 ? "thiếu SỐ của thông tin xác thực (xem "
						      "credential list)"
						    : "đối số thừa '%s'",
					   argv[argc < 2 ? 0 : 2]);
	long long id = strtoll(argv[1], &end, 10);
	if (argv[1][0] < '0' || argv[1][0] > '9' || *end != '\0' || id <= 0)
		return command_usage_error("credential revoke", cmd_credential_usage,
					   "'%s' không phải số của thông tin xác thực", argv[1]);
	rr.id = id;
	req.body_case = SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL;
	req.revoke_credential = &rr;
	int rc = admin_session_open(g, NET_DEFAULT_TIMEOUT_MS, &c);
	if (rc != ADMIN_EXIT_OK)
		return rc;
	rc = admin_session_call(c, &req, SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL_REPLY,
				"thu hồi thông tin xác thực", &reply);
	if (rc == ADMIN_EXIT_OK) {
		const Sangkien__RevokeCredentialReply *r = reply->revoke_credential_reply;
		if (r->credential == NULL || r->credential->id != id) {
			fprintf(stderr, "sangkien-admin credential revoke: máy chủ trả lời về một "
					"thông tin xác thực khác\n");
			rc = ADMIN_EXIT_ERROR;
		} else {
			struct out_table *t = out_table_create(
			    6,
			    (const char *const[]){"Số", "Vai trò", "Đơn vị", "Nhãn", "Tạo lúc",
						  "Thu hồi lúc"},
			    (const bool[]){1, 0, 0, 0, 0, 0});
			add_row(t, r->credential, false);
			out_table_print(t, stdout);
			out_table_free(t);
			puts(r->already_revoked ? "Thông tin xác thực này đã bị thu hồi từ trước."
						: "Đã thu hồi; các phiên đang mở bằng nó sẽ bị "
						  "ngắt trong vài giây.");
			if (fflush(stdout) != 0)
				rc = ADMIN_EXIT_ERROR;
		}
	}
	wire_envelope_free(reply);
	net_close(c);
	return rc;
}

int cmd_credential(const struct admin_globals *g, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "create") == 0)
		return create(g, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return list(g, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "revoke") == 0)
		return revoke(g, argc - 1, argv + 1);
	return command_usage_error("credential", cmd_credential_usage,
				   argc < 2 ? "thiếu lệnh con (create, list hoặc revoke)"
					    : "lệnh con không có; dùng create, list hoặc revoke");
}
