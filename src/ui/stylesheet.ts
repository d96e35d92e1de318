/*
 * A constructable stylesheet from a template literal: what Lit's `css` gives, without pulling
 * in the reactive element. Adopted stylesheets only, so the UI works under a strict CSP.
 */
export function css(strings: TemplateStringsArray, ...values: string[]): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(String.raw(strings, ...values));
  return sheet;
}
