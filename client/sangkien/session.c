/* session.c - see session.h. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "platform.h"
#include "store_attach.h"
#include "sync.h"
#include "wire.h"

void session_describe(enum net_status ns, Sangkien__ErrorCode code, const char *detail, char *out,
		      size_t outlen)
{
	const char *what;
	char shared[200];

	switch (ns) {
	case NET_OK:
		what = "thành công";
		break;
	case NET_UNREACHABLE:
		what = "không kết nối được máy chủ; hãy thử lại sau";
		break;
	case NET_IO:
		what = "mất kết nối với máy chủ; hãy chạy lại lệnh sau";
		break;
	case NET_PROTOCOL:
		what = "máy chủ trả lời không đúng giao thức";
		break;
	case NET_TLS:
		what = "không xác minh được chứng chỉ TLS của máy chủ, không gửi gì; hãy kiểm "
		       "tra địa chỉ máy chủ và tệp chứng chỉ CA (`sangkien enroll --ca-file` "
		       "hoặc biến SANGKIEN_CA_FILE)";
		break;
	default:
		/* The shared wording, with this program's advice where it has one. */
		switch (code) {
		case SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL:
			what = "máy chủ không chấp nhận thông tin xác thực của thiết bị; "
			       "hãy xin mã đăng ký mới và chạy lại `sangkien enroll`";
			break;
		case SANGKIEN__ERROR_CODE__ERROR_UNSUPPORTED_VERSION:
			what = "máy chủ không hỗ trợ phiên bản giao thức này; hãy cập nhật "
			       "sangkien";
			break;
		default:
			snprintf(shared, sizeof(shared), "máy chủ từ chối: %s",
				 sk_error_text(code));
			what = shared;
			break;
		}
	}
	if (detail != NULL && detail[0] != '\0')
		snprintf(out, outlen, "%s (%s)", what, detail);
	else
		snprintf(out, outlen, "%s", what);
}

const struct net_trust *session_trust(const char *ca_pem, struct net_trust *t)
{
	const char *env = sk_getenv("SANGKIEN_CA_FILE");

	memset(t, 0, sizeof(*t));
	if (env != NULL && env[0] != '\0')
		t->ca_file = env;
	else if (ca_pem != NULL && ca_pem[0] != '\0')
		t->ca_pem = ca_pem;
	return t;
}

void session_close(struct session *s)
{
	if (s == NULL)
		return;
	net_close(s->conn);
	free(s->server);
	free(s->unit_code);
	free(s->unit_name);
	free(s);
}

/* The hello's dossier limits: within what a server may set, or a protocol
 * error; kept for `attach` when they changed. */
static int dossier_limits(struct store *st, struct session *s, const Sangkien__HelloReply *hr,
			  char *err, size_t errlen)
{
	struct attach_limits kept, now = {hr->max_file_bytes, hr->max_dossier_bytes};

	/* A server of before dossiers announces none: files wait. */
	if (hr->max_chunk_bytes == 0 && hr->max_file_bytes == 0 && hr->max_dossier_bytes == 0)
		return 0;
	if (hr->max_chunk_bytes == 0 || hr->max_chunk_bytes + 256u > s->max_frame ||
	    hr->max_file_bytes == 0 || hr->max_file_bytes > SESSION_MAX_FILE_HARD ||
	    hr->max_dossier_bytes == 0 || hr->max_dossier_bytes > SESSION_MAX_FILE_HARD * 64) {
		snprintf(err, errlen,
			 "máy chủ trả lời không đúng giao thức (giới hạn tệp max_file_bytes %llu, "
			 "max_dossier_bytes %llu, max_chunk_bytes %u ngoài khoảng cho phép)",
			 (unsigned long long)hr->max_file_bytes,
			 (unsigned long long)hr->max_dossier_bytes, hr->max_chunk_bytes);
		return -1;
	}
	s->max_file = hr->max_file_bytes;
	s->max_dossier = hr->max_dossier_bytes;
	s->max_chunk = hr->max_chunk_bytes;
	if (store_attach_limits(st, &kept) != 0 ||
	    ((kept.max_file != now.max_file || kept.max_dossier != now.max_dossier) &&
	     store_attach_limits_save(st, &now) != 0)) {
		snprintf(err, errlen, "không ghi được kho dữ liệu: %s", store_errmsg(st));
		return -1;
	}
	return 0;
}

static enum net_status pipe_send(void *arg, Sangkien__Envelope *request, uint64_t *request_id,
				 char *err, size_t errlen)
{
	struct session *s = arg;
	enum net_status ns = net_send(s->conn, request, err, errlen);

	*request_id = request->request_id;
	return ns;
}

static enum net_status pipe_receive(void *arg, uint64_t request_id, Sangkien__Envelope **reply,
				    Sangkien__ErrorCode *code, char *err, size_t errlen)
{
	struct session *s = arg;

	return net_receive(s->conn, request_id, reply, code, err, errlen);
}

const struct sync_pipe *session_pipe(struct session *s, struct sync_pipe *pipe)
{
	pipe->send = pipe_send;
	pipe->receive = pipe_receive;
	pipe->arg = s;
	return pipe;
}

int session_open(struct store *st, int timeout_ms, struct session **out, char *err, size_t errlen)
{
	struct session *s;
	char *credential = NULL, *ca_pem = NULL;
	char detail[256] = "";
	Sangkien__Envelope *reply = NULL;
	Sangkien__ErrorCode code = SANGKIEN__ERROR_CODE__ERROR_UNSPECIFIED;
	const Sangkien__HelloReply *hr;
	enum net_status ns;
	struct net_trust trust;
	int rc = CLIENT_EXIT_ERROR;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return CLIENT_EXIT_ERROR;
	}
	if (store_setting_get(st, STORE_KEY_SERVER, &s->server) != 0 ||
	    store_setting_get(st, STORE_KEY_CREDENTIAL, &credential) != 0 ||
	    store_setting_get(st, STORE_KEY_CA_PEM, &ca_pem) != 0) {
		snprintf(err, errlen, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		goto out;
	}
	if (s->server == NULL || credential == NULL || credential[0] == '\0') {
		snprintf(err, errlen,
			 "thiết bị chưa đăng ký với máy chủ; hãy chạy "
			 "`sangkien enroll HOST:PORT MÃ_ĐĂNG_KÝ` trước");
		goto out;
	}
	ns = net_connect_trust(s->server, timeout_ms, session_trust(ca_pem, &trust), &s->conn,
			       detail, sizeof(detail));
	if (ns == NET_OK)
		ns = net_hello(s->conn, credential, CLIENT_NAME, &reply, &code, detail,
			       sizeof(detail));
	if (ns != NET_OK) {
		session_describe(ns, code, detail, err, errlen);
		rc = sk_exit_for(ns, code);
		goto out;
	}
	hr = reply->hello_reply;
	if (hr == NULL || hr->role != SANGKIEN__ROLE__ROLE_UNIT || hr->unit_code == NULL ||
	    hr->unit_code[0] == '\0') {
		snprintf(err, errlen,
			 "thông tin xác thực đã lưu không phải của một công đoàn "
			 "cơ sở; hãy đăng ký lại bằng `sangkien enroll`");
		rc = CLIENT_EXIT_CREDENTIAL;
		goto out;
	}
	s->unit_code = strdup(hr->unit_code);
	s->unit_name = strdup(hr->unit_name ? hr->unit_name : "");
	if (s->unit_code == NULL || s->unit_name == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		goto out;
	}
	/* As bounded by net_hello. */
	s->max_batch = net_max_batch(s->conn);
	s->max_frame = net_max_frame(s->conn);
	if (dossier_limits(st, s, hr, err, errlen) != 0) {
		rc = CLIENT_EXIT_ERROR;
		goto out;
	}
	*out = s;
	s = NULL;
	rc = CLIENT_EXIT_OK;
out:
	wire_envelope_free(reply);
	free(credential);
	free(ca_pem);
	session_close(s);
	return rc;
}
