import {toManifest} from './manifest-file.js';
import {siteLanguages, state} from './state.js';
import type {Device} from './state.js';

/*
 * The studio's side of the preview frame (preview.html, run by preview-page.ts): when to send it
 * the manifest, and how to scale it to its column. An edit is sent after a pause in typing; what
 * the user asks of the preview itself (a panel, a new manifest) is sent at once.
 *
 * The frame is sandboxed without allow-same-origin: the banner and whatever a manifest makes it
 * draw run in an opaque origin, away from the studio's page and its storage. Its origin is
 * "null", so messages go to `*`, to that frame's window only; none carries more than the draft.
 */

export const DEVICES: Record<Device, {width: number; height: number; label: string}> = {
  phone: {width: 375, height: 667, label: 'Phone'},
  desktop: {width: 1280, height: 800, label: 'Desktop'},
};

let timer = 0;
let reason: 'edit' | 'user' = 'edit';
let focusBefore: Element | null = null;

const frame = () => document.getElementById('preview-frame') as HTMLIFrameElement | null;

/** The language the preview shows: the one picked, while the site still has it, else the site's first. */
export function previewLanguage() {
  const languages = siteLanguages();
  return languages.includes(state.preview.language) ? state.preview.language : (languages[0] ?? 'en');
}

function send() {
  const target = frame();
  if (!target?.contentWindow) return;
  focusBefore = reason === 'edit' ? document.activeElement : null;
  reason = 'edit';
  target.contentWindow.postMessage(
    {
      type: 'render',
      manifest: state.result.ok ? toManifest(state.draft) : null,
      language: previewLanguage(),
      panel: state.preview.panel,
    },
    '*'
  );
}

/** Sends the draft to the preview: at once when the user asked, after a pause while editing. */
export function schedulePreview(why: 'edit' | 'user') {
  clearTimeout(timer);
  reason = why === 'user' || reason === 'user' ? 'user' : 'edit';
  timer = window.setTimeout(send, why === 'user' ? 0 : 300);
}

/** Scales the preview frame, drawn at the device's own size, to fit its column. */
export function fitFrame() {
  const box = document.getElementById('preview-box');
  if (!box) return;
  box.style.setProperty('--scale', String(Math.min(1, box.clientWidth / (DEVICES[state.preview.device].width + 2))));
}

/** Listens to the frame and to its column's size; once, at start. */
export function watchPreview() {
  // A preview refreshed while someone types must not take their focus away (the preferences
  // dialog focuses itself when it opens).
  addEventListener('message', (event) => {
    const target = frame();
    if (event.source !== target?.contentWindow || event.data?.type !== 'rendered') return;
    if (focusBefore instanceof HTMLElement && document.activeElement === target) focusBefore.focus();
    focusBefore = null;
  });
  new ResizeObserver(fitFrame).observe(document.getElementById('preview-box')!);
}
