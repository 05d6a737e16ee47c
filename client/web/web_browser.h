/*
 * web_browser.h - open the user's browser at the local interface.
 *
 * $SANGKIEN_BROWSER names the program to run with the address (the
 * value "none": open nothing, for tests and servers without a desktop);
 * otherwise the system's way (xdg-open; on Windows the default browser).
 * The program runs detached: nothing waits for it, and no zombie is left
 * (sk_open_browser, platform.h).
 */
#ifndef SANGKIEN_WEB_BROWSER_H
#define SANGKIEN_WEB_BROWSER_H

/* Returns 0 when the program was started (or "none"), -1 otherwise. */
int web_open_browser(const char *url);

#endif
