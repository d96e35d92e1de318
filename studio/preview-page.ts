import '../src/index.js';
import type {ConsentBanner} from '../src/index.js';

/*
 * The preview frame of the studio: a stand-in page where the real <consent-banner> renders the
 * manifest being edited. The studio posts {manifest, language, panel}; each message starts a
 * first visit afresh. The frame is sandboxed (an opaque origin: no cookie, no storage, nothing of
 * the studio's), so a choice made in it lasts until the next message; its cookie name is the
 * preview's own all the same (never the site's). It ignores Global Privacy Control (it shows
 * what a visitor without it sees) and sends no decision log anywhere.
 */

const PREVIEW_COOKIE = 'studio_preview_consent';

interface RenderMessage {
  type: 'render';
  manifest: Record<string, unknown> | null;
  language: string;
  panel: 'banner' | 'preferences';
}

// Sandboxed (an opaque origin, studio/preview-frame.ts): the studio is not "same origin" any more.
const reply = (detail: Record<string, unknown> = {}) => parent.postMessage({type: 'rendered', ...detail}, '*');

addEventListener('message', (event: MessageEvent<RenderMessage>) => {
  if (event.source !== parent || event.data?.type !== 'render') return;
  const {manifest, language, panel} = event.data;
  document.querySelector('consent-banner')?.remove();
  try {
    document.cookie = `${PREVIEW_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
  } catch {
    // Sandboxed: no cookie at all, so each render is a first visit anyway.
  }
  document.documentElement.lang = language;
  if (!manifest) return reply();
  const copy: Record<string, unknown> = {...manifest, cookie: {name: PREVIEW_COOKIE}, gpc: 'ignore'};
  delete copy.log;
  const banner = document.createElement('consent-banner') as ConsentBanner;
  banner.lang = language;
  banner.manifest = copy;
  // Asked for before the manifest loads, the preferences open over the banner once it is drawn,
  // as a visitor sees them after "Customise" (and take the focus, so Escape closes them).
  if (panel === 'preferences') banner.showPreferences();
  banner.addEventListener(
    'consent-ready',
    async () => {
      await banner.updateComplete;
      reply();
    },
    {once: true}
  );
  banner.addEventListener('consent-error', (e) => reply({error: (e as CustomEvent<{message: string}>).detail.message}), {
    once: true,
  });
  document.body.append(banner);
});
