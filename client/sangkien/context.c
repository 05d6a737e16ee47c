/* context.c - the store shared by the commands, and error printing. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client.h"
#include "paths.h"
#include "store.h"

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

	fprintf(stderr, "sangkien %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
