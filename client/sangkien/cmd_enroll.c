/* cmd_enroll.c - `sangkien enroll`: trade a one-time code for this device's
 * credential and remember the server and unit. */
#include "cmd_enroll.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "command.h"
#include "initiative_check.h"
#include "net.h"
#include "platform.h"
#include "prompt.h"
#include "session.h"
#include "store.h"
#include "store_draft.h"
#include "store_query.h"
#include "text.h"
#include "wire.h"
#include "term_text.h"

/* A credential is printable ASCII without spaces (skc1_ and base64url). */
#define CREDENTIAL_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.=+/"

const char cmd_enroll_usage[] = "enroll [tls://]HOST:PORT MÃ_ĐĂNG_KÝ [--label TÊN_THIẾT_BỊ]\n"
				"                           [--ca-file TỆP_CA] [--switch-unit]";
const char cmd_enroll_help[] =
    "Đăng ký thiết bị với máy chủ bằng mã một lần do Liên đoàn Lao động cấp\n"
    "(`sangkien-admin enroll`).\n"
    "Địa chỉ tls://HOST:PORT: kết nối được mã hóa (TLS) và chứng chỉ của máy chủ được\n"
    "kiểm tra theo HOST và các CA của hệ thống, hoặc theo --ca-file TỆP_CA (PEM; nội dung\n"
    "được lưu vào kho cho các lần đồng bộ sau).  Biến SANGKIEN_CA_FILE, khi có, thay\n"
    "cho CA đã lưu.  Địa chỉ HOST:PORT không mã hóa (chỉ dùng trong mạng tin cậy).\n"
    "Kho dữ liệu đã thuộc một đơn vị thì chỉ chuyển sang đơn vị khác khi không còn gì\n"
    "chưa gửi (kể cả bản nháp) và người dùng đồng ý (hỏi trên terminal, hoặc\n"
    "--switch-unit); các sáng kiến của đơn vị cũ (đã có trên máy chủ) được bỏ khỏi kho.\n";

const struct command_option cmd_enroll_options[] = {
    {"label", 'l', "TÊN_THIẾT_BỊ", "tên của máy này trên máy chủ (mặc định: tên máy)"},
    {"ca-file", 'C', "TỆP_CA", "chứng chỉ CA (PEM) để kiểm tra máy chủ tls://"},
    {"switch-unit", 'S', NULL, "đồng ý chuyển kho sang đơn vị của mã đăng ký"},
    {NULL, 0, NULL, NULL},
};

int enroll_args_parse(int argc, char **argv, struct enroll_args *a, char *err, size_t errlen)
{
	const char *value;
	int c;

	memset(a, 0, sizeof(*a));
	err[0] = '\0';
	optind = 0;
	opterr = 0;
	while ((c = command_getopt("enroll", cmd_enroll_usage, cmd_enroll_options, argc, argv,
				   &value)) != -1) {
		switch (c) {
		case 'l':
			if (strlen(value) > ENROLL_LABEL_MAX ||
			    !utf8_is_valid(value, strlen(value), NULL)) {
				snprintf(err, errlen,
					 "--label: tên thiết bị phải là văn bản UTF-8 "
					 "tối đa %d byte",
					 ENROLL_LABEL_MAX);
				return CLIENT_EXIT_USAGE;
			}
			a->label = value;
			break;
		case 'C':
			a->ca_file = value;
			break;
		case 'S':
			a->switch_unit = true;
			break;
		default: /* reported by command_getopt */
			return CLIENT_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		snprintf(err, errlen, "cần đúng hai đối số HOST:PORT và MÃ_ĐĂNG_KÝ (có %d)",
			 argc - optind);
		return CLIENT_EXIT_USAGE;
	}
	a->server = argv[optind];
	a->code = argv[optind + 1];
	if (!net_address_valid(a->server)) {
		snprintf(err, errlen,
			 "địa chỉ máy chủ “%s” không hợp lệ; cần dạng HOST:PORT "
			 "hoặc tls://HOST:PORT, ví dụ tls://sangkien.example.vn:7450",
			 a->server);
		return CLIENT_EXIT_USAGE;
	}
	if (a->ca_file != NULL && !net_address_is_tls(a->server)) {
		snprintf(err, errlen,
			 "--ca-file chỉ dùng với địa chỉ tls://HOST:PORT (“%s” là "
			 "kết nối không mã hóa)",
			 a->server);
		return CLIENT_EXIT_USAGE;
	}
	if (a->code[0] == '\0' || strlen(a->code) > ENROLL_CODE_MAX ||
	    strpbrk(a->code, " \t\r\n") != NULL) {
		snprintf(err, errlen,
			 "mã đăng ký “%s” không hợp lệ (không được trống, chứa dấu "
			 "cách hoặc dài quá %d ký tự)",
			 a->code, ENROLL_CODE_MAX);
		return CLIENT_EXIT_USAGE;
	}
	return 0;
}

/* Ask the server (verified against ca_pem when not NULL); on success the
 * reply's strings are in *reply_out. */
static int exchange(const struct enroll_args *a, const char *label, const char *ca_pem,
		    Sangkien__Envelope **out, char *err, size_t errlen)
{
	struct net_trust trust;
	Sangkien__Envelope req = SANGKIEN__ENVELOPE__INIT;
	Sangkien__EnrollRequest er = SANGKIEN__ENROLL_REQUEST__INIT;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	struct sk_conn *conn = NULL;
	char detail[256] = "";
	enum net_status ns;
	const Sangkien__EnrollReply *r;

	*out = NULL;
	/* The file just given wins over the environment. */
	session_trust(NULL, &trust);
	if (ca_pem != NULL) {
		trust.ca_file = NULL;
		trust.ca_pem = ca_pem;
	}
	ns = net_connect_trust(a->server, NET_DEFAULT_TIMEOUT_MS, &trust, &conn, detail,
			       sizeof(detail));
	if (ns == NET_OK)
		ns = net_hello(conn, NULL, CLIENT_NAME, NULL, &code, detail, sizeof(detail));
	if (ns == NET_OK) {
		er.code = (char *)a->code;
		er.device_label = (char *)label;
		req.body_case = SANGKIEN__ENVELOPE__BODY_ENROLL;
		req.enroll = &er;
		ns = net_call(conn, &req, out, &code, detail, sizeof(detail));
	}
	net_close(conn);
	if (ns != NET_OK) {
		wire_envelope_free(*out);
		*out = NULL;
		session_describe(ns, code, detail, err, errlen);
		return sk_exit_for(ns, code);
	}
	r = (*out)->body_case == SANGKIEN__ENVELOPE__BODY_ENROLL_REPLY ? (*out)->enroll_reply
								       : NULL;
	/* Kept in the store and sent back, the name also shown: checked. */
	if (r == NULL || r->credential == NULL || r->credential[0] == '\0' ||
	    strlen(r->credential) > 512 ||
	    strspn(r->credential, CREDENTIAL_CHARS) != strlen(r->credential) ||
	    !unit_code_is_valid(r->unit_code) ||
	    (r->unit_name != NULL && !utf8_is_valid(r->unit_name, strlen(r->unit_name), NULL))) {
		snprintf(err, errlen, "máy chủ trả lời đăng ký không hợp lệ (%s)",
			 wire_body_name((*out)->body_case));
		wire_envelope_free(*out);
		*out = NULL;
		return CLIENT_EXIT_ERROR;
	}
	return CLIENT_EXIT_OK;
}

/*
 * The store belongs to old and the code to new_unit: refuse while anything
 * is not on the server (the new unit would send or show it as its own),
 * else ask (or take --switch-unit) and forget the old unit's data.
 */
static int switch_unit(struct store *st, const char *old, const char *new_unit, bool confirmed)
{
	int64_t unsent = 0, n, drafts = 0;
	char *answer = NULL;

	for (int s = ITEM_PENDING; s <= ITEM_CONFLICT; s++) {
		if (s == ITEM_SYNCED)
			continue;
		if (store_count_state(st, (enum item_state)s, &n) != 0)
			goto store_error;
		unsent += n;
	}
	if (store_draft_count(st, &drafts) != 0)
		goto store_error;
	if (unsent + drafts > 0) {
		client_error("enroll",
			     "kho dữ liệu này thuộc đơn vị %s và còn %lld sáng kiến chưa gửi được "
			     "lên máy chủ, %lld bản nháp; không chuyển sang đơn vị %s.  Hãy gửi "
			     "hết (`sangkien sync`, xử lý các sáng kiến bị từ chối) hoặc dùng kho "
			     "khác (--store) cho đơn vị %s.  Mã đăng ký đã dùng: xin mã mới khi "
			     "đăng ký lại",
			     old, (long long)unsent, (long long)drafts, new_unit, new_unit);
		return CLIENT_EXIT_ERROR;
	}
	if (!confirmed && prompt_available()) {
		fprintf(stderr,
			"Kho dữ liệu này thuộc đơn vị %s; mã đăng ký là của đơn vị %s.  Chuyển "
			"sang %s? Các sáng kiến của %s (đã có trên máy chủ) sẽ không còn trên máy "
			"này.\n",
			old, new_unit, new_unit, old);
		if (prompt_line(stdin, "Gõ “đồng ý” để chuyển", &answer) == 0 &&
		    (strcmp(answer, "đồng ý") == 0 || strcmp(answer, "dong y") == 0))
			confirmed = true;
		free(answer);
	}
	if (!confirmed) {
		client_error("enroll",
			     "kho dữ liệu này thuộc đơn vị %s, mã đăng ký là của đơn vị %s; chưa "
			     "chuyển.  Muốn chuyển thì chạy lại với --switch-unit và một mã mới "
			     "(mã này đã dùng)",
			     old, new_unit);
		return CLIENT_EXIT_ERROR;
	}
	if (store_forget_unit(st) != 0)
		goto store_error;
	fprintf(stderr, "sangkien enroll: đã bỏ dữ liệu của đơn vị %s khỏi kho.\n", old);
	return CLIENT_EXIT_OK;
store_error:
	client_error("enroll", "không đọc được kho dữ liệu: %s", store_errmsg(st));
	return CLIENT_EXIT_ERROR;
}

int cmd_enroll(struct client_ctx *ctx, int argc, char **argv)
{
	struct enroll_args a;
	Sangkien__Envelope *reply = NULL;
	const Sangkien__EnrollReply *r;
	struct store *st;
	char err[512], host[256] = "", *old_unit = NULL, *ca_pem = NULL;
	const char *label;
	int rc;

	rc = enroll_args_parse(argc, argv, &a, err, sizeof(err));
	if (rc != 0) {
		if (err[0] != '\0') {
			client_error("enroll", "%s", err);
			command_usage_print(stderr, cmd_enroll_usage);
		}
		return rc;
	}
	if (a.ca_file != NULL && (ca_pem = net_ca_file_read(a.ca_file, err, sizeof(err))) == NULL) {
		client_error("enroll", "--ca-file: không dùng được tệp chứng chỉ CA (%s)", err);
		return CLIENT_EXIT_USAGE;
	}
	/* Open the store first: a code is single-use, so never spend it without
	 * a place to keep the credential. */
	if ((st = client_store(ctx)) == NULL) {
		free(ca_pem);
		return CLIENT_EXIT_ERROR;
	}
	if (store_setting_get(st, STORE_KEY_UNIT_CODE, &old_unit) != 0) {
		client_error("enroll", "không đọc được kho dữ liệu: %s", store_errmsg(st));
		free(ca_pem);
		return CLIENT_EXIT_ERROR;
	}
	label = a.label;
	if (label == NULL) {
		sk_hostname(host, sizeof(host));
		label = host;
	}
	rc = exchange(&a, label, ca_pem, &reply, err, sizeof(err));
	if (rc != CLIENT_EXIT_OK || reply == NULL) {
		client_error("enroll", "%s", err);
		goto out;
	}
	r = reply->enroll_reply;
	if (old_unit != NULL && strcmp(old_unit, r->unit_code) != 0 &&
	    (rc = switch_unit(st, old_unit, r->unit_code, a.switch_unit)) != CLIENT_EXIT_OK)
		goto out;
	if (store_save_enrollment_ca(st, a.server, ca_pem, r->credential, r->unit_code,
				     r->unit_name ? r->unit_name : "", text_now_ms()) != 0) {
		client_error("enroll",
			     "không lưu được thông tin đăng ký: %s; mã đăng ký đã "
			     "được dùng, hãy xin mã mới",
			     store_errmsg(st));
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	term_printf(stdout, "Đã đăng ký thiết bị cho đơn vị %s – %s (máy chủ %s).\n", r->unit_code,
		    r->unit_name ? r->unit_name : "", a.server);
out:
	free(old_unit);
	free(ca_pem);
	wire_envelope_free(reply);
	return rc;
}
