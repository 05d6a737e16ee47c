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
#include <errno.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

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

#endif
