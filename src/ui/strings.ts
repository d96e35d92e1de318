/*
 * The UI's own words, built in (CONTRACT §1). A manifest cannot replace them: the refusal label
 * stays plain and unambiguous (RULES.md R12).
 */

export interface UiStrings {
  bannerTitle: (site: string) => string;
  bannerIntro: (site: string, purposes: string) => string;
  bannerAlwaysOn: string;
  bannerChangeMind: string;
  bannerCloseMeansRefuse: string;
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  customise: string;
  close: string;
  closePreferences: string;
  preferencesTitle: string;
  declarationTitle: string;
  preferencesIntro: string;
  declarationIntro: string;
  save: string;
  saved: string;
  alwaysOn: string;
  exemptionLabel: string;
  allowService: (service: string) => string;
  servicePolicy: (service: string) => string;
  cookieName: string;
  cookieDuration: string;
  cookiePurpose: string;
  session: string;
  thirdParty: (domain: string) => string;
  noCookies: string;
  consentId: string;
  placeholder: (service: string, provider: string, purpose: string) => string;
  placeholderButton: (service: string) => string;
}

const en: UiStrings = {
  bannerTitle: (site) => `Cookies on ${site}`,
  bannerIntro: (site, purposes) =>
    `With your consent, ${site} and its partners use cookies and similar trackers for: ${purposes}. You can accept them all, refuse them all, or choose purpose by purpose.`,
  bannerAlwaysOn: 'Cookies needed for the site to work stay on.',
  bannerChangeMind: 'You can change your mind at any time through the “Cookie settings” link.',
  bannerCloseMeansRefuse: 'Closing this banner means refusing.',
  policyLink: 'Cookie policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  close: 'Close and refuse',
  closePreferences: 'Close',
  preferencesTitle: 'Cookie preferences',
  declarationTitle: 'Cookies on this site',
  preferencesIntro: 'Choose which purposes you allow. Nothing is on until you switch it on.',
  declarationIntro: 'This site uses only cookies that need no consent. Here they are, and why.',
  save: 'Save choices',
  saved: 'Your choices are saved.',
  alwaysOn: 'Always on',
  exemptionLabel: 'Why no consent is needed:',
  allowService: (service) => `Allow ${service}`,
  servicePolicy: (service) => `Privacy policy of ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Lifetime',
  cookiePurpose: 'Purpose',
  session: 'session',
  thirdParty: (domain) => `set by ${domain}`,
  noCookies: 'No cookie declared.',
  consentId: 'Your consent id:',
  placeholder: (service, provider, purpose) =>
    `This content comes from ${service} (${provider}), which uses cookies for: ${purpose}. It loads only if you allow it.`,
  placeholderButton: (service) => `Allow ${service} and load`,
};

const fr: UiStrings = {
  bannerTitle: (site) => `Les cookies sur ${site}`,
  bannerIntro: (site, purposes) =>
    `Avec votre accord, ${site} et ses partenaires utilisent des cookies et traceurs pour : ${purposes}. Vous pouvez tout accepter, tout refuser ou choisir finalité par finalité.`,
  bannerAlwaysOn: 'Les cookies nécessaires au fonctionnement du site restent actifs.',
  bannerChangeMind: 'Vous pouvez changer d’avis à tout moment avec le lien « Paramètres des cookies ».',
  bannerCloseMeansRefuse: 'Fermer ce bandeau vaut refus.',
  policyLink: 'Politique cookies',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customise: 'Personnaliser',
  close: 'Fermer et refuser',
  closePreferences: 'Fermer',
  preferencesTitle: 'Préférences cookies',
  declarationTitle: 'Les cookies de ce site',
  preferencesIntro: 'Choisissez les finalités que vous autorisez. Rien n’est activé tant que vous ne l’activez pas.',
  declarationIntro: 'Ce site n’utilise que des cookies dispensés de consentement. Les voici, et pourquoi.',
  save: 'Enregistrer mes choix',
  saved: 'Vos choix sont enregistrés.',
  alwaysOn: 'Toujours actif',
  exemptionLabel: 'Pourquoi aucun consentement n’est requis :',
  allowService: (service) => `Autoriser ${service}`,
  servicePolicy: (service) => `Politique de confidentialité de ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Durée',
  cookiePurpose: 'Finalité',
  session: 'session',
  thirdParty: (domain) => `déposé par ${domain}`,
  noCookies: 'Aucun cookie déclaré.',
  consentId: 'Votre identifiant de consentement :',
  placeholder: (service, provider, purpose) =>
    `Ce contenu vient de ${service} (${provider}), qui utilise des cookies pour : ${purpose}. Il ne se charge que si vous l’autorisez.`,
  placeholderButton: (service) => `Autoriser ${service} et charger`,
};

/** The languages the UI speaks, keyed by base language tag. */
export const UI_STRINGS: Readonly<Record<string, UiStrings>> = {en, fr};
