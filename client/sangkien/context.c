/* context.c - the store shared by the commands, and error printing. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "paths.h"
#include "store.h"
#include "term_text.h"

struct store *client_store(struct client_ctx *ctx)
{
	char err[512];

	if (ctx->store != NULL)
		return ctx->store;
	if (paths_make_parent(ctx->store_path) != 0) {
		fprintf(stderr, "sangkien: không tạo được thư mục cho kho dữ liệu %s: %s\n",
			ctx->store_path, strerror(errno));
		return NULL;
	}
	if (store_open(ctx->store_path, &ctx->store, err, sizeof(err)) != 0) {
		fprintf(stderr, "sangkien: không mở được kho dữ liệu %s: %s\n", ctx->store_path,
			err);
		return NULL;
	}
	return ctx->store;
}

void client_ctx_release(struct client_ctx *ctx)
{
	store_close(ctx->store);
	ctx->store = NULL;
}

void client_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	char msg[2048];

	/* Messages quote the server and the store: filtered for the terminal. */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "sangkien %s: ", command);
	term_put(stderr, msg);
	fputc('\n', stderr);
}

int client_find_item(struct store *st, const char *command, const char *ref, int64_t *id)
{
	switch (store_find(st, ref, id)) {
	case STORE_FOUND:
		return CLIENT_EXIT_OK;
	case STORE_NOT_FOUND:
		client_error(command, "không có sáng kiến “%s” trên máy (xem `sangkien list`)",
			     ref);
		return CLIENT_EXIT_USAGE;
	case STORE_AMBIGUOUS:
		client_error(command,
			     "“%s” khớp với nhiều sáng kiến; hãy cho thêm ký tự của uuid "
			     "hoặc dùng số id",
			     ref);
		return CLIENT_EXIT_USAGE;
	case STORE_BAD_REF:
		client_error(command,
			     "“%s” không phải số id hay uuid (hoặc ít nhất 8 ký tự đầu "
			     "của uuid)",
			     ref);
		return CLIENT_EXIT_USAGE;
	default:
		client_error(command, "không đọc được kho dữ liệu: %s", store_errmsg(st));
		return CLIENT_EXIT_ERROR;
	}
}
