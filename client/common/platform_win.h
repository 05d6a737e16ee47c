/*
 * platform_win.h - helpers shared by the Windows side of the platform
 * layer (platform_win.c, platform_net_win.c, tls_store_win.c); nothing
 * outside client/common includes it.
 */
#ifndef SANGKIEN_PLATFORM_WIN_H
#define SANGKIEN_PLATFORM_WIN_H

#include <stddef.h>
#include <wchar.h>

/* UTF-8 to UTF-16 and back: new strings the caller frees, NULL for text
 * that is not valid UTF-8 / UTF-16 (errno EILSEQ) or out of memory. */
wchar_t *sk_win_wide(const char *utf8);
char *sk_win_utf8(const wchar_t *wide);

/* The system's text for a Windows or Winsock error code, in UTF-8. */
void sk_win_error_text(unsigned long code, char *buf, size_t len);

#endif
