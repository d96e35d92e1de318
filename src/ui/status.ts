/*
 * The banner's one status message (R46b: "Your choices are saved." is announced): a live region
 * in the banner's shadow root, shared by the first layer and the preferences so that a decision
 * is said once. It exists before its text changes, as live regions must.
 */
export function statusOf(root: ShadowRoot): HTMLElement {
  let status = root.querySelector<HTMLElement>('p[role="status"]');
  if (!status) {
    status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    root.append(status);
  }
  return status;
}
