/*
 * admin_session.c - operator connections and their errors (see
 * admin_session.h).
 */
#include "admin_session.h"

#include <stdio.h>
#include <string.h>

#include "term_text.h"
#include "wire.h"

#define CLIENT_NAME "sangkien-admin/0.1"

/* A server Error reply: what failed, why, and the field it names. */
static void refusal_text(const char *what, const Sangkien__Envelope *reply,
			 Sangkien__ErrorCode code, const char *err, char *msg, size_t msglen)
{
	const Sangkien__Error *e =
	    reply && reply->body_case == SANGKIEN__ENVELOPE__BODY_ERROR ? reply->error : NULL;
	bool field = e && e->field && e->field[0];

	snprintf(msg, msglen, "%s: máy chủ từ chối: %s%s%s%s [%s]", what, sk_error_text(code),
		 field ? " (trường " : "", field ? e->field : "", field ? ")" : "", err);
}

static int exit_for_net(enum net_status st, const char *server, const char *what, const char *err,
			char *msg, size_t msglen)
{
	switch (st) {
	case NET_UNREACHABLE:
		snprintf(msg, msglen, "không kết nối được máy chủ %s: %s", server, err);
		break;
	case NET_IO:
		snprintf(msg, msglen,
			 "%s: mất kết nối với máy chủ hoặc quá thời gian chờ (%s); hãy chạy lại "
			 "lệnh",
			 what, err);
		break;
	case NET_PROTOCOL:
		snprintf(msg, msglen, "%s: trao đổi với máy chủ bị lỗi: %s", what, err);
		break;
	case NET_TLS:
		snprintf(msg, msglen,
			 "không xác minh được chứng chỉ TLS của máy chủ %s, không gửi gì (%s); hãy "
			 "kiểm tra địa chỉ và tệp CA (--ca-file, biến SANGKIEN_CA_FILE hoặc khóa "
			 "ca_file)",
			 server, err);
		break;
	default:
		snprintf(msg, msglen, "%s: lỗi (%s)", what, err);
		break;
	}
	return sk_exit_for(st, SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED);
}

/* The message of a failed call, on stderr, filtered (it holds server text). */
static int say(int rc, const char *msg)
{
	if (rc != ADMIN_EXIT_OK)
		term_printf(stderr, "sangkien-admin: %s\n", msg);
	return rc;
}

static void copy_text(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

int admin_session_open(const struct admin_globals *g, int timeout_ms, struct sk_conn **out)
{
	char msg[1024];

	return say(admin_session_open_msg(g, timeout_ms, out, NULL, msg, sizeof(msg)), msg);
}

int admin_session_open_msg(const struct admin_globals *g, int timeout_ms, struct sk_conn **out,
			   struct admin_identity *who, char *msg, size_t msglen)
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
	msg[0] = '\0';
	admin_config_sources_from_env(&src, g->server, g->credential_file);
	src.opt_ca_file = g->ca_file;
	rc = admin_config_resolve(&src, &cfg, err, sizeof(err));
	if (rc != 0) {
		snprintf(msg, msglen, "%s", err);
		admin_config_sources_clear(&src);
		return ADMIN_EXIT_USAGE;
	}
	if (!cfg.server || !cfg.credential) {
		snprintf(msg, msglen, "thiếu %s: dùng %s, hoặc ghi vào %s",
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
		rc = exit_for_net(st, cfg.server, "kết nối", err, msg, msglen);
		goto done;
	}
	st = net_hello(c, cfg.credential, CLIENT_NAME, &reply, &code, err, sizeof(err));
	if (st == NET_REFUSED) {
		refusal_text("xác thực", reply, code, err, msg, msglen);
		if (code == SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL) {
			size_t n = strlen(msg);

			snprintf(msg + n, msglen - n, "; thông tin xác thực lấy từ %s",
				 cfg.credential_from);
		}
		rc = sk_exit_for(NET_REFUSED, code);
		goto done;
	}
	if (st != NET_OK) {
		rc = exit_for_net(st, cfg.server, "xác thực", err, msg, msglen);
		goto done;
	}
	if (reply->hello_reply->role != SANGKIEN__ROLE__ROLE_OPERATOR &&
	    reply->hello_reply->role != SANGKIEN__ROLE__ROLE_ADMINISTRATOR) {
		snprintf(msg, msglen,
			 "thông tin xác thực (từ %s) không phải của người điều hành; lệnh này cần "
			 "tài khoản điều hành",
			 cfg.credential_from);
		rc = ADMIN_EXIT_FORBIDDEN;
		goto done;
	}
	if (who != NULL) {
		const Sangkien__HelloReply *h = reply->hello_reply;

		who->administrator = h->role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
		copy_text(who->scope_code, sizeof(who->scope_code), h->unit_code);
		copy_text(who->scope_name, sizeof(who->scope_name), h->unit_name);
		copy_text(who->label, sizeof(who->label), h->credential_label);
		copy_text(who->server, sizeof(who->server), cfg.server);
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
	char msg[1024];

	return say(admin_session_call_msg(c, request, expected, what, reply, msg, sizeof(msg)),
		   msg);
}

int admin_session_call_msg(struct sk_conn *c, Sangkien__Envelope *request,
			   Sangkien__Envelope__BodyCase expected, const char *what,
			   Sangkien__Envelope **reply, char *msg, size_t msglen)
{
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	enum net_status st;
	char err[512] = "";

	*reply = NULL;
	msg[0] = '\0';
	st = net_call(c, request, reply, &code, err, sizeof(err));
	if (st == NET_REFUSED) {
		refusal_text(what, *reply, code, err, msg, msglen);
		wire_envelope_free(*reply);
		*reply = NULL;
		return sk_exit_for(NET_REFUSED, code);
	}
	if (st != NET_OK)
		return exit_for_net(st, "", what, err, msg, msglen);
	if ((*reply)->body_case != expected) {
		snprintf(msg, msglen, "%s: máy chủ trả lời bằng '%s' thay vì '%s'", what,
			 wire_body_name((*reply)->body_case), wire_body_name(expected));
		wire_envelope_free(*reply);
		*reply = NULL;
		return ADMIN_EXIT_ERROR;
	}
	return ADMIN_EXIT_OK;
}
