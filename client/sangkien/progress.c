/* progress.c - see progress.h. */
#include "progress.h"

#include <inttypes.h>
#include <string.h>

#include "attach_file.h"
#include "text.h"

void progress_bytes(uint64_t n, char *out, size_t outlen)
{
	if (n < 1000)
		snprintf(out, outlen, "%" PRIu64 " B", n);
	else if (n < 1000000)
		snprintf(out, outlen, "%" PRIu64 ",%" PRIu64 " KB", n / 1000, (n % 1000) / 100);
	else
		snprintf(out, outlen, "%" PRIu64 ",%" PRIu64 " MB", n / 1000000,
			 (n % 1000000) / 100000);
}

void progress_line(const struct sync_counts *c, char *out, size_t outlen)
{
	char sent[32], received[32];
	size_t done = c->sent + c->local_invalid;

	/* A batch resent after a cut counts once. */
	if (c->total >= 0 && done > (size_t)c->total)
		done = (size_t)c->total;

	progress_bytes(c->bytes_sent, sent, sizeof(sent));
	progress_bytes(c->bytes_received, received, sizeof(received));
	if (c->total >= 0)
		snprintf(out, outlen,
			 "Đồng bộ: %zu/%lld mục; đã gửi %s, đã nhận %s; "
			 "nhận về %zu thay đổi",
			 done, (long long)c->total, sent, received, c->pulled);
	else
		snprintf(out, outlen, "Đồng bộ: %zu mục; đã gửi %s, đã nhận %s", done, sent,
			 received);
	if (c->files_total > 0) {
		char fdone[32], ftotal[32];
		size_t used = strlen(out), n = c->files_done + c->files_refused;

		attach_size_text(c->file_bytes_done, fdone, sizeof(fdone));
		attach_size_text(c->file_bytes_total, ftotal, sizeof(ftotal));
		if (used < outlen)
			snprintf(out + used, outlen - used, "; tệp %zu/%zu (%s/%s)",
				 n < c->files_total ? n : c->files_total, c->files_total, fdone,
				 ftotal);
	}
}

void progress_update(void *arg, const struct sync_counts *c)
{
	struct progress *pg = arg;
	struct sync_counts sum = pg->earlier;
	char line[256];
	int64_t now = text_now_ms();

	sync_counts_add(&sum, c);
	pg->last = sum;
	if (pg->drawn && now - pg->last_ms < 100)
		return;
	pg->last_ms = now;
	progress_line(&sum, line, sizeof(line));
	/* \r and erase-to-end: the line is redrawn in place. */
	fprintf(pg->out, "\r\033[K%s", line);
	fflush(pg->out);
	pg->drawn = true;
}

void progress_finish(struct progress *pg)
{
	if (pg->drawn) {
		char line[256];

		progress_line(&pg->last, line, sizeof(line));
		fprintf(pg->out, "\r\033[K%s\n", line);
		fflush(pg->out);
	}
	pg->drawn = false;
}
