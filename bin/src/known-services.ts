/*
 * Well-known third-party services: the hosts they load from and the cookies they set. The
 * manifest names cookies, not hosts, so `scan` uses this table to tell which declared service a
 * request belongs to (a manifest service whose id, name or provider matches `match`), and
 * `scan --draft` to suggest a service and a category for what it found. `explain --page` uses it
 * to name untagged scripts. A suggestion only: the site owner decides.
 */

export interface KnownService {
  id: string;
  name: string;
  provider: string;
  /** The category a draft suggests; every one of them needs consent. */
  category: 'performance' | 'advertising' | 'social';
  policyUrl: string;
  /** Matches a manifest service's `id name provider`. */
  match: RegExp;
  /** Registrable domains; subdomains match too. */
  hosts: string[];
  cookies: string[];
}

const GOOGLE_POLICY = 'https://policies.google.com/privacy';

export const KNOWN_SERVICES: KnownService[] = [
  {
    id: 'google-analytics',
    name: 'Google Analytics',
    provider: 'Google Ireland Limited',
    category: 'performance',
    policyUrl: GOOGLE_POLICY,
    match: /google[ -]?analytics|\bga4\b/i,
    hosts: ['google-analytics.com', 'analytics.google.com', 'googletagmanager.com'],
    cookies: ['_ga', '_ga_*', '_gid', '_gat*'],
  },
  {
    id: 'google-ads',
    name: 'Google Ads',
    provider: 'Google Ireland Limited',
    category: 'advertising',
    policyUrl: GOOGLE_POLICY,
    match: /google[ -]?ads|adwords|doubleclick|google marketing/i,
    hosts: ['doubleclick.net', 'googleadservices.com', 'googlesyndication.com', 'googletagmanager.com', 'google.com'],
    cookies: ['_gcl_*', 'IDE', 'test_cookie', 'NID'],
  },
  {
    id: 'facebook',
    name: 'Meta Pixel',
    provider: 'Meta Platforms Ireland Limited',
    category: 'advertising',
    policyUrl: 'https://www.facebook.com/privacy/policy',
    match: /facebook|\bmeta\b/i,
    hosts: ['facebook.net', 'facebook.com'],
    cookies: ['_fbp', '_fbc', 'fr'],
  },
  {
    id: 'linkedin',
    name: 'LinkedIn Insight Tag',
    provider: 'LinkedIn Ireland Unlimited Company',
    category: 'advertising',
    policyUrl: 'https://www.linkedin.com/legal/privacy-policy',
    match: /linkedin/i,
    hosts: ['licdn.com', 'linkedin.com'],
    cookies: ['li_*', 'lidc', 'bcookie', 'bscookie', 'UserMatchHistory', 'AnalyticsSyncHistory'],
  },
  {
    id: 'hubspot',
    name: 'HubSpot',
    provider: 'HubSpot, Inc.',
    category: 'performance',
    policyUrl: 'https://legal.hubspot.com/privacy-policy',
    match: /hubspot/i,
    hosts: ['hs-scripts.com', 'hs-analytics.net', 'hubspot.com', 'hsforms.net', 'hs-banner.com', 'hscollectedforms.net', 'usemessages.com'],
    cookies: ['__hstc', '__hssc', '__hssrc', 'hubspotutk'],
  },
  {
    id: 'youtube',
    name: 'YouTube',
    provider: 'Google Ireland Limited',
    category: 'social',
    policyUrl: GOOGLE_POLICY,
    match: /youtube/i,
    hosts: ['youtube.com', 'youtube-nocookie.com', 'ytimg.com', 'googlevideo.com'],
    cookies: ['VISITOR_INFO1_LIVE', 'VISITOR_PRIVACY_METADATA', 'YSC'],
  },
  {
    id: 'matomo',
    name: 'Matomo',
    provider: 'InnoCraft',
    category: 'performance',
    policyUrl: 'https://matomo.org/privacy-policy/',
    match: /matomo|piwik/i,
    hosts: ['matomo.cloud', 'innocraft.cloud'],
    cookies: ['_pk_id.*', '_pk_ses.*', '_pk_ref.*'],
  },
  {
    id: 'hotjar',
    name: 'Hotjar',
    provider: 'Hotjar Ltd.',
    category: 'performance',
    policyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
    match: /hotjar/i,
    hosts: ['hotjar.com', 'hotjar.io'],
    cookies: ['_hj*'],
  },
  {
    id: 'clarity',
    name: 'Microsoft Clarity',
    provider: 'Microsoft Ireland Operations Limited',
    category: 'performance',
    policyUrl: 'https://privacy.microsoft.com/privacystatement',
    match: /clarity/i,
    hosts: ['clarity.ms'],
    cookies: ['_clck', '_clsk', 'CLID', 'MUID'],
  },
  {
    id: 'bing-ads',
    name: 'Microsoft Advertising (Bing)',
    provider: 'Microsoft Ireland Operations Limited',
    category: 'advertising',
    policyUrl: 'https://privacy.microsoft.com/privacystatement',
    match: /bing|microsoft advertising/i,
    hosts: ['bat.bing.com', 'bing.com'],
    cookies: ['_uetsid', '_uetvid', 'MUID'],
  },
  {
    id: 'tiktok',
    name: 'TikTok Pixel',
    provider: 'TikTok Technology Limited',
    category: 'advertising',
    policyUrl: 'https://www.tiktok.com/legal/privacy-policy-eea',
    match: /tiktok/i,
    hosts: ['tiktok.com', 'tiktokw.us'],
    cookies: ['_ttp', '_tt_enable_cookie'],
  },
  {
    id: 'addthis',
    name: 'AddThis',
    provider: 'Oracle America, Inc.',
    category: 'social',
    policyUrl: 'https://www.oracle.com/legal/privacy/',
    match: /addthis/i,
    hosts: ['addthis.com', 'addthisedge.com'],
    cookies: ['__atuvc', '__atuvs'],
  },
];

/** Is `host` this domain or one of its subdomains? */
export const onDomain = (host: string, domain: string) => {
  const bare = domain.replace(/^\./, '').toLowerCase();
  const h = host.toLowerCase();
  return h === bare || h.endsWith(`.${bare}`);
};

export const knownByHost = (host: string) => KNOWN_SERVICES.filter((k) => k.hosts.some((d) => onDomain(host, d)));
