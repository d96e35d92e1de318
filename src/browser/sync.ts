import type {Manifest} from '../core/manifest.types.js';

/*
 * Several tabs of one site (issue 4, part 4). A decision in one tab is announced on a
 * BroadcastChannel named after the consent cookie; the other tabs of the origin hear it and
 * apply it. The cookie stays the one truth: a tab that comes back into view (visibilitychange)
 * or out of the back/forward cache (pageshow with `persisted`) re-reads it. That also covers
 * what the channel cannot reach: a browser without BroadcastChannel, and the tabs of sibling
 * subdomains that share a parent-domain cookie but not an origin.
 */

/** What a tab announces: the stored value of its new record (`null` after a reset). */
export interface ConsentSyncMessage {
  value: string | null;
}

export interface ConsentSync {
  /** Tells the other tabs that this one stored `value`. */
  announce(value: string | null): void;
  /** Stops listening and closes the channel. */
  close(): void;
}

export interface ConsentSyncEnvironment {
  /** The channel constructor; `null` when the browser has none (tests pass `null` to fall back). */
  BroadcastChannel?: typeof BroadcastChannel | null;
  /** The window whose `pageshow` and document `visibilitychange` are watched. */
  window?: Window;
}

/** The channel's name: one per consent cookie, so two banners of one origin never mix. */
export const channelName = (manifest: Manifest) => `consent-banner:${manifest.cookie.name}`;

/**
 * Listens for the other tabs: `onMessage` gets each decision announced elsewhere, `onRecheck`
 * is called when the stored choice may have changed unseen (tab shown again, page restored).
 */
export function consentSync(
  manifest: Manifest,
  onMessage: (message: ConsentSyncMessage) => void,
  onRecheck: () => void,
  env: ConsentSyncEnvironment = {}
): ConsentSync {
  const win = env.window ?? window;
  const doc = win.document;
  const Channel = env.BroadcastChannel === undefined ? globalThis.BroadcastChannel : env.BroadcastChannel;
  let channel: BroadcastChannel | null = null;
  const open = () => {
    if (channel || !Channel) return;
    channel = new Channel(channelName(manifest));
    channel.onmessage = ({data}) => {
      const value = data?.value;
      if (typeof value === 'string' || value === null) onMessage({value});
    };
  };
  const shut = () => {
    channel?.close();
    channel = null;
  };
  const onVisibility = () => doc.visibilityState === 'visible' && onRecheck();
  // A message reaching a page kept in the back/forward cache evicts it (Chromium): the channel
  // closes while the page is hidden, and on restore the page reopens it and re-reads the cookie.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) {
      open();
      onRecheck();
    }
  };
  const listen = (on: boolean) => {
    const method = on ? 'addEventListener' : 'removeEventListener';
    doc[method]('visibilitychange', onVisibility);
    win[method]('pagehide', shut);
    win[method]('pageshow', onPageShow as EventListener);
  };
  open();
  listen(true);
  return {
    announce: (value) => channel?.postMessage({value} satisfies ConsentSyncMessage),
    close() {
      shut();
      listen(false);
    },
  };
}
