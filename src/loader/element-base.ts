/*
 * What the elements extend: HTMLElement in a browser. Where there is no DOM (Node: a server, a
 * framework rendering on the server, a tool that imports the package), `null`, so that importing
 * the elements does not throw: a class may extend null, and these are then never defined
 * (define.ts) nor constructed.
 */
export const ElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (null as unknown as typeof HTMLElement);
