/*
 * sdnotify.h - tell systemd (Type=notify) how the server is doing, with
 * the datagram protocol of sd_notify(3) written out by hand: one sendto()
 * on the socket named by $NOTIFY_SOCKET, nothing when it is unset.  No
 * libsystemd dependency for four words.
 */
#ifndef SK_SDNOTIFY_H
#define SK_SDNOTIFY_H

#include <stdbool.h>

/* Send state (e.g. "READY=1\nSTATUS=listening on ...").  False when
 * systemd is not listening or the send failed; callers go on either way. */
bool sdnotify(const char *state);

#endif
