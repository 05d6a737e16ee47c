/*
 * platform_compat_win.h - POSIX functions the code may use that mingw-w64's
 * C library lacks, declared for every file of the Windows build (forced in
 * with -include by the top-level CMakeLists.txt) and defined in
 * platform_win.c, so plain POSIX string code builds unchanged.
 */
#ifndef SANGKIEN_PLATFORM_COMPAT_WIN_H
#define SANGKIEN_PLATFORM_COMPAT_WIN_H

#include <stddef.h>

/* POSIX strndup: at most n bytes of s and a NUL, in a new string. */
char *strndup(const char *s, size_t n);

#endif
