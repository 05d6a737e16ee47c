/* exit_status.c - see exit_status.h. */
#include "exit_status.h"

#include <stddef.h>

/* One row per server error code: its exit status and its wording. */
static const struct {
	Sangkien__ErrorCode code;
	enum sk_exit status;
	const char *text;
} errors[] = {
    {SANGKIEN__ERROR_CODE__ERROR_PROTOCOL, SK_EXIT_ERROR, "lỗi giao thức"},
    {SANGKIEN__ERROR_CODE__ERROR_FRAME_TOO_LARGE, SK_EXIT_ERROR, "yêu cầu quá lớn"},
    {SANGKIEN__ERROR_CODE__ERROR_HELLO_REQUIRED, SK_EXIT_ERROR, "chưa chào máy chủ"},
    {SANGKIEN__ERROR_CODE__ERROR_UNSUPPORTED_VERSION, SK_EXIT_DENIED,
     "máy chủ không hỗ trợ phiên bản giao thức này"},
    {SANGKIEN__ERROR_CODE__ERROR_BAD_CREDENTIAL, SK_EXIT_DENIED,
     "thông tin xác thực không đúng hoặc đã bị thu hồi"},
    {SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, SK_EXIT_DENIED, "không có quyền"},
    {SANGKIEN__ERROR_CODE__ERROR_INVALID_ARGUMENT, SK_EXIT_REFUSED, "dữ liệu không hợp lệ"},
    {SANGKIEN__ERROR_CODE__ERROR_NOT_FOUND, SK_EXIT_REFUSED, "không tìm thấy"},
    {SANGKIEN__ERROR_CODE__ERROR_BAD_ENROLLMENT_CODE, SK_EXIT_DENIED,
     "mã đăng ký không đúng, đã dùng hoặc đã hết hạn"},
    {SANGKIEN__ERROR_CODE__ERROR_LIMIT_EXCEEDED, SK_EXIT_REFUSED, "vượt quá giới hạn"},
    {SANGKIEN__ERROR_CODE__ERROR_UNAVAILABLE, SK_EXIT_UNREACHABLE,
     "máy chủ tạm thời không phục vụ được, hãy thử lại sau"},
    /* The server's own failure: the same request may well work later. */
    {SANGKIEN__ERROR_CODE__ERROR_INTERNAL, SK_EXIT_UNREACHABLE,
     "lỗi bên trong máy chủ, hãy thử lại sau"},
    {SANGKIEN__ERROR_CODE__ERROR_TIMEOUT, SK_EXIT_UNREACHABLE,
     "máy chủ hết thời gian chờ, hãy thử lại sau"},
    {SANGKIEN__ERROR_CODE__ERROR_ALREADY_AUTHENTICATED, SK_EXIT_ERROR, "đã xác thực rồi"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int sk_exit_for(enum net_status ns, Sangkien__ErrorCode code)
{
	switch (ns) {
	case NET_OK:
		return SK_EXIT_OK;
	case NET_UNREACHABLE:
	case NET_IO:
		return SK_EXIT_UNREACHABLE;
	case NET_PROTOCOL:
		return SK_EXIT_ERROR;
	case NET_TLS:
		/* Retrying cannot make a certificate trusted. */
		return SK_EXIT_DENIED;
	case NET_REFUSED:
		break;
	}
	for (size_t i = 0; i < COUNT(errors); i++)
		if (errors[i].code == code)
			return errors[i].status;
	return SK_EXIT_ERROR;
}

const char *sk_error_text(Sangkien__ErrorCode code)
{
	for (size_t i = 0; i < COUNT(errors); i++)
		if (errors[i].code == code)
			return errors[i].text;
	return "lỗi không xác định";
}

const char sk_exit_help[] =
    "Mã thoát: 0 thành công; 1 lỗi khác; 2 sai cách dùng; 3 dữ liệu bị từ chối (sửa\n"
    "dữ liệu rồi chạy lại); 4 không kết nối được máy chủ hoặc máy chủ tạm thời không\n"
    "phục vụ được (chạy lại sau); 5 thông tin xác thực hoặc mã đăng ký bị từ chối,\n"
    "không có quyền, hoặc chứng chỉ TLS của máy chủ không được chấp nhận (thử lại\n"
    "không giúp được: kiểm tra địa chỉ, thông tin xác thực và tệp CA).\n";
