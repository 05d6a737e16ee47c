/*
 * admin_session.c - operator connections and their errors (see
 * admin_session.h).
 */
#include "admin_session.h"

#include <stdio.h>

#include "term_text.h"
#include "wire.h"

#define CLIENT_NAME "sangkien-admin/0.1"

/* Print a server Error reply: what failed, why, and the field it names. */
static void print_refusal(const char *what, const Sangkien__Envelope *reply,
			  Sangkien__ErrorCode code, const char *err)
{
	const Sangkien__Error *e =
	    reply && reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR ? reply->error : NULL;

	fprintf(stderr, "sangkien-admin: %s: máy chủ từ chối: %s", what, sk_error_text(code));
	if (e && e->field && e->field[0])
		term_printf(stderr, " (trường %s)", e->field);
	term_printf(stderr, " [%s]\n", err);
}

static int exit_for_net(enum net_status st, const char *server, const char *what, const char *err)
{
	switch (st) {
	case NET_UNREACHABLE:
		term_printf(stderr, "sangkien-admin: không kết nối được máy chủ %s: %s\n", server,
			    err);
		break;
	case NET_IO:
		term_printf(
		    stderr,
		    "sangkien-admin: %s: mất kết nối với máy chủ hoặc quá thời gian chờ (%s); "
		    "hãy chạy lại lệnh\n",
		    what, err);
		break;
	case NET_PROTOCOL:
		term_printf(stderr, "sangkien-admin: %s: trao đổi với máy chủ bị lỗi: %s\n", what,
			    err);
		break;
	case NET_TLS:
		term_printf(
		    stderr,
		    "sangkien-admin: không xác minh được chứng chỉ TLS của máy chủ %s, không "
		    "gửi gì (%s); hãy kiểm tra địa chỉ và tệp CA (--ca-file, biến "
		    "SANGKIEN_CA_FILE hoặc khóa ca_file)\n",
		    server, err);
		break;
	default:
		break;
	}
	return sk_exit_for(st, SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED);
}

int admin_session_open(const struct admin_globals *g, int timeout_ms, struct sk_conn **out)
{
	struct admin_config_sources src;
	struct admin_config cfg;
	Sangkien__Envelope *reply = NULL;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	struct sk_conn *c = NULL;
	struct net_trust trust = {0};
	enum net_status st;
	char err[512] = "";
	int rc;

	*out = NULL;
	admin_config_sources_from_env(&src, g->server, g->credential_file);
	src.opt_ca_file = g->ca_file;
	rc = admin_config_resolve(&src, &cfg, err, sizeof(err));
	if (rc != 0) {
		fprintf(stderr, "sangkien-admin: %s\n", err);
		admin_config_sources_clear(&src);
		return ADMIN_EXIT_USAGE;
	}
	if (!cfg.server || !cfg.credential) {
		fprintf(stderr, "sangkien-admin: thiếu %s: dùng %s, hoặc ghi vào %s\n",
			!cfg.server ? "địa chỉ máy chủ" : "thông tin xác thực của người điều hành",
			!cfg.server ? "--server [tls://]HOST:PORT hoặc biến SANGKIEN_ADMIN_SERVER"
				    : "--credential-file TỆP hoặc biến SANGKIEN_ADMIN_CREDENTIAL",
			src.config_path ? src.config_path : "~/.config/sangkien/admin.conf");
		rc = ADMIN_EXIT_USAGE;
		goto done;
	}

	trust.ca_file = cfg.ca_file;
	st = net_connect_trust(cfg.server, timeout_ms, &trust, &c, err, sizeof(err));
	if (st != NET_OK) {
		rc = exit_for_net(st, cfg.server, "kết nối", err);
		goto done;
	}
	st = net_hello(c, cfg.credential, CLIENT_NAME, &reply, &code, err, sizeof(err));
	if (st == NET_REFUSED) {
		print_refusal("xác thực", reply, code, err);
		if (code == SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL)
			fprintf(stderr, "sangkien-admin: thông tin xác thực lấy từ %s\n",
				cfg.credential_from);
		rc = sk_exit_for(NET_REFUSED, code);
		goto done;
	}
	if (st != NET_OK) {
		rc = exit_for_net(st, cfg.server, "xác thực", err);
		goto done;
	}
	if (reply->hello_reply->role != SANGKIEN__ROLE__ROLE_OPERATOR &&
	    reply->hello_reply->role != SANGKIEN__ROLE__ROLE_ADMINISTRATOR) {
		fprintf(
		    stderr,
		    "sangkien-admin: thông tin xác thực (từ %s) không phải của người điều hành; "
		    "lệnh này cần tài khoản điều hành\n",
		    cfg.credential_from);
		rc = ADMIN_EXIT_FORBIDDEN;
		goto done;
	}
	*out = c;
	c = NULL;
	rc = ADMIN_EXIT_OK;
done:
	wire_envelope_free(reply);
	net_close(c);
	admin_config_clear(&cfg);
	admin_config_sources_clear(&src);
	return rc;
}

int admin_session_call(struct sk_conn *c, Sangkien__Envelope *request,
		       Sangkien__Envelope__BodyCase expected, const char *what,
		       Sangkien__Envelope **reply)
{
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	enum net_status st;
	char err[512] = "";

	*reply = NULL;
	st = net_call(c, request, reply, &code, err, sizeof(err));
	if (st == NET_REFUSED) {
		print_refusal(what, *reply, code, err);
		wire_envelope_free(*reply);
		*reply = NULL;
		return sk_exit_for(NET_REFUSED, code);
	}
	if (st != NET_OK)
		return exit_for_net(st, "", what, err);
	if ((*reply)->body_case != expected) {
		fprintf(stderr, "sangkien-admin: %s: máy chủ trả lời bằng '%s' thay vì '%s'\n",
			what, wire_body_name((*reply)->body_case), wire_body_name(expected));
		wire_envelope_free(*reply);
		*reply = NULL;
		return ADMIN_EXIT_ERROR;
	}
	return ADMIN_EXIT_OK;
}
