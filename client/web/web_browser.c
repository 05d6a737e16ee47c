/* web_browser.c - see web_browser.h. */
#include "web_browser.h"

#include <string.h>

#include "platform.h"

int web_open_browser(const char *url)
{
	const char *prog = sk_getenv("SANGKIEN_BROWSER");

	if (prog != NULL && strcmp(prog, "none") == 0)
		return 0;
	return sk_open_browser(prog != NULL && prog[0] != '\0' ? prog : NULL, url);
}
