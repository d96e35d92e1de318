/*
 * The banner's one status message (R46b: "Your choices are saved." is announced): a live region
 * in the banner's frame (frame.ts), shared by the first layer and the preferences so that a
 * decision is said once. It exists before its text changes, as live regions must.
 */
export function statusOf(frame: HTMLElement): HTMLElement {
  let status = frame.querySelector<HTMLElement>('p[role="status"]');
  if (!status) {
    status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    frame.append(status);
  }
  return status;
}
