/*
 * Checked by `npm run typecheck`, never run: with src/events.ts, the events of <consent-banner>
 * are typed on the element, on `document` and on `window` (they bubble and are composed), and a
 * wrong use is an error. Removing the declarations of src/events.ts fails the typecheck.
 */
import '../../src/events.js';
import type {ConsentChangeDetail, ConsentErrorDetail} from '../../src/events.js';
import type {ConsentRecord} from '../../src/core/consent.js';

export function listen(banner: HTMLElement) {
  banner.addEventListener('consent-change', (event) => {
    const record: ConsentRecord = event.detail;
    const performance: boolean | undefined = event.detail.categories.performance;
    void [record, performance];
  });
  document.addEventListener('consent-error', (event) => {
    const paths: string[] = event.detail.errors.map((issue) => issue.path);
    const detail: ConsentErrorDetail = event.detail;
    void [paths, detail];
  });
  window.addEventListener('consent-ready', (event) => {
    // @ts-expect-error consent-ready is a plain Event: it has no detail.
    void event.detail;
  });
  banner.addEventListener('consent-change', (event) => {
    // @ts-expect-error the record has no such field.
    void event.detail.choices;
  });
  const detail: ConsentChangeDetail | null = null;
  void detail;
}
