/*
 * out_file.c - documents written whole or not at all (see out_file.h).
 */
#include "out_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "xalloc.h"

int out_file_open(struct out_file *of, const char *path, const char *cmd)
{
	memset(of, 0, sizeof(*of));
	if (!path || strcmp(path, "-") == 0) {
		of->f = stdout;
		return 0;
	}
	of->path = xstrdup(path);
	of->f = sk_temp_beside(path, &of->tmp);
	if (!of->f) {
		fprintf(stderr, "sangkien-admin %s: không tạo được tệp %s: %s\n", cmd, path,
			strerror(errno));
		free(of->path);
		memset(of, 0, sizeof(*of));
		return -1;
	}
	return 0;
}

int out_file_commit(struct out_file *of, const char *cmd)
{
	int failed;

	if (!of->path) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "sangkien-admin %s: không ghi được ra stdout\n", cmd);
			return -1;
		}
		return 0;
	}
	/* Without a stream another writer filled the file by name. */
	failed = 0;
	if (of->f) {
		failed = fflush(of->f) != 0 || ferror(of->f) || sk_fsync(of->f) != 0;
		failed |= fclose(of->f) != 0;
		of->f = NULL;
	}
	if (failed || sk_rename_replace(of->tmp, of->path) != 0) {
		fprintf(stderr, "sangkien-admin %s: không ghi được tệp %s: %s\n", cmd, of->path,
			strerror(errno));
		out_file_abort(of);
		return -1;
	}
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof(*of));
	return 0;
}

void out_file_abort(struct out_file *of)
{
	if (of->f && of->f != stdout)
		fclose(of->f);
	if (of->tmp)
		sk_remove(of->tmp);
	free(of->tmp);
	free(of->path);
	memset(of, 0, sizeof(*of));
}

int out_file_open_named(struct out_file *of, const char *path, const char *cmd)
{
	if (!path || strcmp(path, "-") == 0) {
		fprintf(stderr, "sangkien-admin %s: cần tên tệp (--output TỆP)\n", cmd);
		return -1;
	}
	if (out_file_open(of, path, cmd) != 0)
		return -1;
	if (fclose(of->f) != 0) {
		of->f = NULL;
		fprintf(stderr, "sangkien-admin %s: không tạo được tệp %s: %s\n", cmd, path,
			strerror(errno));
		out_file_abort(of);
		return -1;
	}
	of->f = NULL;
	return 0;
}
