/*
 * win_compat.h - the POSIX calls the unit tests use that mingw-w64 lacks,
 * for the tests' Windows build only (forced in by tests/unit/CMakeLists.txt
 * with -include; the programs use client/common/platform.h instead).
 * Paths like "/tmp/x" work under Wine: the tests run on drive Z:, Wine's
 * view of the Linux root.
 */
#ifndef SANGKIEN_TEST_WIN_COMPAT_H
#define SANGKIEN_TEST_WIN_COMPAT_H

#include <direct.h>
#include <stdio.h>
#include <errno.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <shellapi.h>

static inline int setenv(const char *name, const char *value, int overwrite)
{
	if (!overwrite && getenv(name) != NULL)
		return 0;
	/* An empty value removes the variable on Windows, which the clients
	 * treat as unset like an empty one. */
	return _putenv_s(name, value) == 0 ? 0 : -1;
}

static inline int unsetenv(const char *name)
{
	return _putenv_s(name, "") == 0 ? 0 : -1;
}

static inline char *mkdtemp(char *tmpl)
{
	size_t n = strlen(tmpl);
	unsigned seed = (unsigned)GetTickCount() ^ ((unsigned)GetCurrentProcessId() << 16);

	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
		errno = EINVAL;
		return NULL;
	}
	for (int attempt = 0; attempt < 100; attempt++) {
		for (size_t i = n - 6; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			tmpl[i] = "abcdefghijklmnopqrstuvwxyz0123456789"[(seed >> 16) % 36];
		}
		if (_mkdir(tmpl) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

/*
 * open_memstream over a temporary file (deleted when closed): the tests
 * read the buffer after fclose(), which copies the file into it.
 */
struct win_memstream {
	FILE *f;
	char **buf;
	size_t *size;
};
static struct win_memstream win_memstreams[8];

static inline FILE *open_memstream(char **buf, size_t *size)
{
	wchar_t dir[MAX_PATH], name[MAX_PATH];

	for (size_t i = 0; i < sizeof(win_memstreams) / sizeof(win_memstreams[0]); i++) {
		if (win_memstreams[i].f != NULL)
			continue;
		if (GetTempPathW(MAX_PATH, dir) == 0 || GetTempFileNameW(dir, L"skm", 0, name) == 0)
			return NULL;
		win_memstreams[i].f = _wfopen(name, L"w+bD");
		win_memstreams[i].buf = buf;
		win_memstreams[i].size = size;
		*buf = NULL;
		*size = 0;
		return win_memstreams[i].f;
	}
	return NULL;
}

static inline int win_fclose(FILE *f)
{
	for (size_t i = 0; i < sizeof(win_memstreams) / sizeof(win_memstreams[0]); i++) {
		struct win_memstream *m = &win_memstreams[i];
		long n;

		if (m->f != f)
			continue;
		m->f = NULL;
		if (fflush(f) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
		    (*m->buf = malloc((size_t)n + 1)) == NULL ||
		    fread(*m->buf, 1, (size_t)n, f) != (size_t)n) {
			fclose(f);
			return EOF;
		}
		(*m->buf)[n] = '\0';
		*m->size = (size_t)n;
		break;
	}
	return fclose(f);
}
#define fclose(f) win_fclose(f)

/*
 * The tests remove their temporary folders with system("rm -rf 'DIR'"):
 * here without a shell (cmd.exe knows no rm, and a program that spawned
 * it was seen to hang at exit under Wine), through SHFileOperationW.
 * Any other command goes to the real system().
 */
static inline int win_system(const char *cmd)
{
	static const char rm[] = "rm -rf '";
	size_t n = strlen(cmd), pre = sizeof(rm) - 1;
	wchar_t path[MAX_PATH], full[MAX_PATH + 1];
	SHFILEOPSTRUCTW op;
	DWORD len;
	int wn;

	if (n <= pre + 1 || strncmp(cmd, rm, pre) != 0 || cmd[n - 1] != '\'')
		return system(cmd);
	wn = MultiByteToWideChar(CP_UTF8, 0, cmd + pre, (int)(n - pre - 1), path, MAX_PATH - 1);
	if (wn <= 0)
		return -1;
	path[wn] = L'\0';
	for (int i = 0; i < wn; i++)
		if (path[i] == L'/')
			path[i] = L'\\';
	len = GetFullPathNameW(path, MAX_PATH, full, NULL);
	if (len == 0 || len >= MAX_PATH)
		return -1;
	full[len + 1] = L'\0'; /* a list of names, ended by an empty one */
	memset(&op, 0, sizeof(op));
	op.wFunc = FO_DELETE;
	op.pFrom = full;
	op.fFlags = FOF_NOCONFIRMATION | FOF_NOERRORUI | FOF_SILENT;
	return SHFileOperationW(&op) == 0 ? 0 : 1;
}
#define system(cmd) win_system(cmd)

#endif
