/*
 * Which cookies a declaration names, and where such a cookie may be set (README, “What visitors
 * get”, docs/rules.md R27): the rules the cleaner (src/browser/cleaner.ts) applies to the page's
 * cookies and storage keys, the CLI's scan to what it saw, and the studio to the banner's own cookie.
 */

/**
 * A test for cookie names: `_ga_*` matches `_ga_ABC123`; every other character is literal.
 * Each piece between stars is found at its leftmost place, in time linear in the name for each
 * piece: a regular expression (`^.*a.*a.*b$`) backtracks for minutes on hostile names.
 */
export function cookieNameMatcher(pattern: string): (name: string) => boolean {
  const pieces = pattern.split('*');
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  return (name) => {
    if (pieces.length === 1) return name === pattern;
    const end = name.length - last.length;
    if (end < first.length || !name.startsWith(first) || !name.endsWith(last)) return false;
    let at = first.length;
    for (const piece of pieces.slice(1, -1)) {
      const found = name.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

/**
 * The domains a cookie visible on `hostname` may be set on: the host itself, then each parent
 * down to two labels (`www.shop.example.fr` → `www.shop.example.fr`, `shop.example.fr`,
 * `example.fr`). An IP address or a single-label host (`localhost`) has no parents.
 */
export function cookieDomains(hostname: string): string[] {
  if (!hostname.includes('.') || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return [hostname];
  const labels = hostname.split('.');
  return labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'));
}

/** The paths a cookie visible on `pathname` may be set on: `/a/b` → `/`, `/a`, `/a/b`. */
export function cookiePaths(pathname: string): string[] {
  const parts = pathname.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => '/' + parts.slice(0, i + 1).join('/'))];
}
