import type {Words} from '../view-contract.js';

/*
 * The UI's own words, built in (README, “Drop it in”) for en, fr, de, es, it, nl and pt, whatever languages
 * a manifest carries. A manifest cannot replace them: the refusal label stays plain and
 * unambiguous (“Refuse all”, never “Maybe later”), and every language says that closing the banner means refusing
 * (R11). Every language has every key; a test holds them together.
 */

/** The first layer's and the placeholders' words (the `ui` view). */
export interface BannerStrings {
  bannerTitle: (site: string) => string;
  bannerIntro: (site: string, purposes: string) => string;
  bannerAlwaysOn: string;
  /** Exempt purposes (audience measurement) that stay on too, so “Reject all” is not read as refusing them (R19). */
  bannerExemptOn: (purposes: string) => string;
  /** The word that joins the last two purposes of a list ("Performance and Advertising"). */
  and: string;
  bannerChangeMind: string;
  bannerCloseMeansRefuse: string;
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  customise: string;
  close: string;
  saved: string;
  /** A returning visitor asked again: the purposes added since their last choice (R24). */
  bannerNew: (purposes: string) => string;
  /** … and those that changed (a new partner, cookie or wording). */
  bannerChanged: (purposes: string) => string;
}

/** The words of a blocked embed's placeholder (the `embeds` view). */
export interface EmbedStrings {
  placeholder: (service: string, provider: string, purpose: string) => string;
  placeholderButton: (service: string) => string;
}

/** The preferences' and the declaration's words (the `details` view), beside those of the first layer. */
export interface DetailStrings {
  closePreferences: string;
  preferencesTitle: string;
  declarationTitle: string;
  preferencesIntro: string;
  declarationIntro: string;
  save: string;
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
  /** The declaration (`<consent-declaration>`), and the notice of a browser privacy signal honoured (GPC, ADPC). */
  basisConsent: string;
  basisNecessary: string;
  basisExempt: string;
  legalBasis: string;
  yourChoice: string;
  allowed: string;
  refused: string;
  notChosen: string;
  changeChoices: string;
  provider: string;
  signalHonoured: string;
  /** The summary of a category's services, drawn when it is opened. */
  services: (count: number) => string;
}

export type UiStrings = BannerStrings & DetailStrings & EmbedStrings;

/** The direction a language is written in (a right-to-left language says `rtl`). */
export type Direction = 'ltr' | 'rtl';

export const enBanner: BannerStrings = {
  bannerTitle: (site) => `Cookies on ${site}`,
  bannerIntro: (site, purposes) =>
    `With your consent, ${site} and its partners use cookies and similar trackers for: ${purposes}. You can accept them all, refuse them all, or choose purpose by purpose.`,
  bannerAlwaysOn: 'Cookies needed for the site to work stay on.',
  bannerExemptOn: (purposes) => `Also stays on: ${purposes} (exempt from consent).`,
  and: 'and',
  bannerChangeMind: 'You can change your mind at any time through the “Cookie settings” link.',
  bannerCloseMeansRefuse: 'Closing this banner means refusing.',
  policyLink: 'Cookie policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  close: 'Close and refuse',
  saved: 'Your choices are saved.',
  bannerNew: (p) => `New since your last choice: ${p}.`,
  bannerChanged: (p) => `Changed since your last choice: ${p}.`,
};

export const enEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `This content comes from ${service} (${provider}), which uses cookies for: ${purpose}. It loads only if you allow it.`,
  placeholderButton: (service) => `Allow ${service} and load`,
};

export const enDetails: DetailStrings = {
  closePreferences: 'Close',
  preferencesTitle: 'Cookie preferences',
  declarationTitle: 'Cookies on this site',
  preferencesIntro: 'Choose which purposes you allow. Nothing is on until you switch it on.',
  declarationIntro: 'This site uses only cookies that need no consent. Here they are, and why.',
  save: 'Save choices',
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
  basisConsent: 'Your consent',
  basisNecessary: 'Strictly necessary',
  basisExempt: 'Exempt from consent',
  legalBasis: 'Legal basis:',
  yourChoice: 'Your choice:',
  allowed: 'allowed',
  refused: 'refused',
  notChosen: 'not chosen yet',
  changeChoices: 'Change my choices',
  provider: 'Provider:',
  signalHonoured: 'Your browser’s privacy signal (Global Privacy Control or ADPC) was honoured: the purposes you had not answered were refused for you. You can still allow some here.',
  services: (n) => (n === 1 ? '1 service' : `${n} services`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const enReopen = 'Cookie settings';

/** The direction its words are written in: the views set `dir` from it, never from the page. */
export const enDirection: Direction = 'ltr';

export const en: UiStrings = {...enBanner, ...enDetails, ...enEmbeds};

export const frBanner: BannerStrings = {
  bannerTitle: (site) => `Les cookies sur ${site}`,
  bannerIntro: (site, purposes) =>
    `Avec votre accord, ${site} et ses partenaires utilisent des cookies et traceurs pour : ${purposes}. Vous pouvez tout accepter, tout refuser ou choisir finalité par finalité.`,
  bannerAlwaysOn: 'Les cookies nécessaires au fonctionnement du site restent actifs.',
  bannerExemptOn: (purposes) => `Reste également actif : ${purposes} (dispensé de consentement).`,
  and: 'et',
  bannerChangeMind: 'Vous pouvez changer d’avis à tout moment avec le lien « Paramètres des cookies ».',
  bannerCloseMeansRefuse: 'Fermer ce bandeau vaut refus.',
  policyLink: 'Politique cookies',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customise: 'Personnaliser',
  close: 'Fermer et refuser',
  saved: 'Vos choix sont enregistrés.',
  bannerNew: (p) => `Nouveau depuis votre dernier choix : ${p}.`,
  bannerChanged: (p) => `Modifié depuis votre dernier choix : ${p}.`,
};

export const frEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Ce contenu vient de ${service} (${provider}), qui utilise des cookies pour : ${purpose}. Il ne se charge que si vous l’autorisez.`,
  placeholderButton: (service) => `Autoriser ${service} et charger`,
};

export const frDetails: DetailStrings = {
  closePreferences: 'Fermer',
  preferencesTitle: 'Préférences cookies',
  declarationTitle: 'Les cookies de ce site',
  preferencesIntro: 'Choisissez les finalités que vous autorisez. Rien n’est activé tant que vous ne l’activez pas.',
  declarationIntro: 'Ce site n’utilise que des cookies dispensés de consentement. Les voici, et pourquoi.',
  save: 'Enregistrer mes choix',
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
  basisConsent: 'Votre consentement',
  basisNecessary: 'Strictement nécessaire',
  basisExempt: 'Dispensé de consentement',
  legalBasis: 'Base légale :',
  yourChoice: 'Votre choix :',
  allowed: 'autorisé',
  refused: 'refusé',
  notChosen: 'pas encore choisi',
  changeChoices: 'Modifier mes choix',
  provider: 'Fournisseur :',
  signalHonoured: 'Le signal de confidentialité de votre navigateur (Global Privacy Control ou ADPC) a été respecté : les finalités auxquelles vous n’aviez pas répondu ont été refusées pour vous. Vous pouvez encore en autoriser ici.',
  services: (n) => (n === 1 ? '1 service' : `${n} services`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const frReopen = 'Paramètres des cookies';

export const frDirection: Direction = 'ltr';

export const fr: UiStrings = {...frBanner, ...frDetails, ...frEmbeds};

export const deBanner: BannerStrings = {
  bannerTitle: (site) => `Cookies auf ${site}`,
  bannerIntro: (site, purposes) =>
    `Mit Ihrer Einwilligung verwenden ${site} und seine Partner Cookies und ähnliche Technologien für: ${purposes}. Sie können alle akzeptieren, alle ablehnen oder für jeden Zweck einzeln entscheiden.`,
  bannerAlwaysOn: 'Cookies, die für den Betrieb der Website nötig sind, bleiben aktiv.',
  bannerExemptOn: (purposes) => `Ebenfalls aktiv bleibt: ${purposes} (von der Einwilligung befreit).`,
  and: 'und',
  bannerChangeMind: 'Sie können Ihre Entscheidung jederzeit über den Link „Cookie-Einstellungen“ ändern.',
  bannerCloseMeansRefuse: 'Das Schließen dieses Banners gilt als Ablehnung.',
  policyLink: 'Cookie-Richtlinie',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customise: 'Anpassen',
  close: 'Schließen und ablehnen',
  saved: 'Ihre Auswahl ist gespeichert.',
  bannerNew: (p) => `Neu seit Ihrer letzten Wahl: ${p}.`,
  bannerChanged: (p) => `Geändert seit Ihrer letzten Wahl: ${p}.`,
};

export const deEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Dieser Inhalt kommt von ${service} (${provider}). Dieser Dienst verwendet Cookies für: ${purpose}. Er wird nur geladen, wenn Sie es erlauben.`,
  placeholderButton: (service) => `${service} erlauben und laden`,
};

export const deDetails: DetailStrings = {
  closePreferences: 'Schließen',
  preferencesTitle: 'Cookie-Einstellungen',
  declarationTitle: 'Cookies auf dieser Website',
  preferencesIntro: 'Wählen Sie, welche Zwecke Sie erlauben. Nichts ist aktiv, bevor Sie es einschalten.',
  declarationIntro: 'Diese Website verwendet nur Cookies, die keine Einwilligung erfordern. Hier sehen Sie, welche und warum.',
  save: 'Auswahl speichern',
  alwaysOn: 'Immer aktiv',
  exemptionLabel: 'Warum keine Einwilligung nötig ist:',
  allowService: (service) => `${service} erlauben`,
  servicePolicy: (service) => `Datenschutzerklärung von ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Speicherdauer',
  cookiePurpose: 'Zweck',
  session: 'Sitzung',
  thirdParty: (domain) => `gesetzt von ${domain}`,
  noCookies: 'Kein Cookie angegeben.',
  consentId: 'Ihre Einwilligungs-ID:',
  basisConsent: 'Ihre Einwilligung',
  basisNecessary: 'Unbedingt erforderlich',
  basisExempt: 'Von der Einwilligung befreit',
  legalBasis: 'Rechtsgrundlage:',
  yourChoice: 'Ihre Wahl:',
  allowed: 'erlaubt',
  refused: 'abgelehnt',
  notChosen: 'noch nicht gewählt',
  changeChoices: 'Meine Auswahl ändern',
  provider: 'Anbieter:',
  signalHonoured: 'Das Datenschutzsignal Ihres Browsers (Global Privacy Control oder ADPC) wurde beachtet: Die Zwecke, zu denen Sie noch nicht geantwortet hatten, wurden für Sie abgelehnt. Sie können hier trotzdem einzelne erlauben.',
  services: (n) => (n === 1 ? '1 Dienst' : `${n} Dienste`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const deReopen = 'Cookie-Einstellungen';

export const deDirection: Direction = 'ltr';

export const de: UiStrings = {...deBanner, ...deDetails, ...deEmbeds};

export const esBanner: BannerStrings = {
  bannerTitle: (site) => `Cookies en ${site}`,
  bannerIntro: (site, purposes) =>
    `Con su consentimiento, ${site} y sus socios utilizan cookies y tecnologías similares para: ${purposes}. Puede aceptarlas todas, rechazarlas todas o elegir finalidad por finalidad.`,
  bannerAlwaysOn: 'Las cookies necesarias para el funcionamiento del sitio siguen activas.',
  bannerExemptOn: (purposes) => `También sigue activo: ${purposes} (exento de consentimiento).`,
  and: 'y',
  bannerChangeMind: 'Puede cambiar de opinión en cualquier momento con el enlace «Configuración de cookies».',
  bannerCloseMeansRefuse: 'Cerrar este aviso equivale a rechazar.',
  policyLink: 'Política de cookies',
  acceptAll: 'Aceptar todo',
  rejectAll: 'Rechazar todo',
  customise: 'Personalizar',
  close: 'Cerrar y rechazar',
  saved: 'Sus opciones se han guardado.',
  bannerNew: (p) => `Nuevo desde su última elección: ${p}.`,
  bannerChanged: (p) => `Modificado desde su última elección: ${p}.`,
};

export const esEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Este contenido procede de ${service} (${provider}), que utiliza cookies para: ${purpose}. Solo se carga si usted lo permite.`,
  placeholderButton: (service) => `Permitir ${service} y cargar`,
};

export const esDetails: DetailStrings = {
  closePreferences: 'Cerrar',
  preferencesTitle: 'Preferencias de cookies',
  declarationTitle: 'Las cookies de este sitio',
  preferencesIntro: 'Elija qué finalidades autoriza. No se activa nada hasta que usted lo active.',
  declarationIntro: 'Este sitio solo utiliza cookies que no requieren consentimiento. Aquí las tiene, con el motivo.',
  save: 'Guardar mis opciones',
  alwaysOn: 'Siempre activo',
  exemptionLabel: 'Por qué no se necesita consentimiento:',
  allowService: (service) => `Permitir ${service}`,
  servicePolicy: (service) => `Política de privacidad de ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Duración',
  cookiePurpose: 'Finalidad',
  session: 'sesión',
  thirdParty: (domain) => `instalada por ${domain}`,
  noCookies: 'Ninguna cookie declarada.',
  consentId: 'Su identificador de consentimiento:',
  basisConsent: 'Su consentimiento',
  basisNecessary: 'Estrictamente necesaria',
  basisExempt: 'Exenta de consentimiento',
  legalBasis: 'Base jurídica:',
  yourChoice: 'Su elección:',
  allowed: 'permitido',
  refused: 'rechazado',
  notChosen: 'aún sin elegir',
  changeChoices: 'Cambiar mis opciones',
  provider: 'Proveedor:',
  signalHonoured: 'Se ha respetado la señal de privacidad de su navegador (Global Privacy Control o ADPC): se han rechazado por usted las finalidades a las que no había respondido. Aún puede permitir algunas aquí.',
  services: (n) => (n === 1 ? '1 servicio' : `${n} servicios`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const esReopen = 'Configuración de cookies';

export const esDirection: Direction = 'ltr';

export const es: UiStrings = {...esBanner, ...esDetails, ...esEmbeds};

export const itBanner: BannerStrings = {
  bannerTitle: (site) => `I cookie su ${site}`,
  bannerIntro: (site, purposes) =>
    `Con il suo consenso, ${site} e i suoi partner usano cookie e strumenti di tracciamento simili per: ${purposes}. Può accettarli tutti, rifiutarli tutti o scegliere finalità per finalità.`,
  bannerAlwaysOn: 'I cookie necessari al funzionamento del sito restano attivi.',
  bannerExemptOn: (purposes) => `Resta attivo anche: ${purposes} (esente da consenso).`,
  and: 'e',
  bannerChangeMind: 'Può cambiare idea in qualsiasi momento con il link «Impostazioni cookie».',
  bannerCloseMeansRefuse: 'Chiudere questo banner equivale a rifiutare.',
  policyLink: 'Informativa sui cookie',
  acceptAll: 'Accetta tutto',
  rejectAll: 'Rifiuta tutto',
  customise: 'Personalizza',
  close: 'Chiudi e rifiuta',
  saved: 'Le sue scelte sono state salvate.',
  bannerNew: (p) => `Novità dalla sua ultima scelta: ${p}.`,
  bannerChanged: (p) => `Modificato dalla sua ultima scelta: ${p}.`,
};

export const itEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Questo contenuto proviene da ${service} (${provider}), che usa cookie per: ${purpose}. Viene caricato solo se lei lo consente.`,
  placeholderButton: (service) => `Consenti ${service} e carica`,
};

export const itDetails: DetailStrings = {
  closePreferences: 'Chiudi',
  preferencesTitle: 'Preferenze sui cookie',
  declarationTitle: 'I cookie di questo sito',
  preferencesIntro: 'Scelga le finalità che autorizza. Nulla è attivo finché non lo attiva lei.',
  declarationIntro: 'Questo sito usa solo cookie che non richiedono consenso. Eccoli, con il motivo.',
  save: 'Salva le scelte',
  alwaysOn: 'Sempre attivo',
  exemptionLabel: 'Perché non serve il consenso:',
  allowService: (service) => `Consenti ${service}`,
  servicePolicy: (service) => `Informativa privacy di ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Durata',
  cookiePurpose: 'Finalità',
  session: 'sessione',
  thirdParty: (domain) => `impostato da ${domain}`,
  noCookies: 'Nessun cookie dichiarato.',
  consentId: 'Il suo ID di consenso:',
  basisConsent: 'Il suo consenso',
  basisNecessary: 'Strettamente necessario',
  basisExempt: 'Esente da consenso',
  legalBasis: 'Base giuridica:',
  yourChoice: 'La sua scelta:',
  allowed: 'consentito',
  refused: 'rifiutato',
  notChosen: 'non ancora scelto',
  changeChoices: 'Modifica le mie scelte',
  provider: 'Fornitore:',
  signalHonoured: 'Il segnale di privacy del suo browser (Global Privacy Control o ADPC) è stato rispettato: le finalità a cui non aveva risposto sono state rifiutate per lei. Può comunque autorizzarne alcune qui.',
  services: (n) => (n === 1 ? '1 servizio' : `${n} servizi`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const itReopen = 'Impostazioni cookie';

export const itDirection: Direction = 'ltr';

export const it: UiStrings = {...itBanner, ...itDetails, ...itEmbeds};

export const nlBanner: BannerStrings = {
  bannerTitle: (site) => `Cookies op ${site}`,
  bannerIntro: (site, purposes) =>
    `Met uw toestemming gebruiken ${site} en zijn partners cookies en vergelijkbare technieken voor: ${purposes}. U kunt ze allemaal accepteren, allemaal weigeren of per doel kiezen.`,
  bannerAlwaysOn: 'Cookies die nodig zijn om de site te laten werken, blijven aan.',
  bannerExemptOn: (purposes) => `Blijft ook actief: ${purposes} (vrijgesteld van toestemming).`,
  and: 'en',
  bannerChangeMind: 'U kunt op elk moment van gedachten veranderen via de link ‘Cookie-instellingen’.',
  bannerCloseMeansRefuse: 'Deze banner sluiten geldt als weigeren.',
  policyLink: 'Cookiebeleid',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customise: 'Aanpassen',
  close: 'Sluiten en weigeren',
  saved: 'Uw keuzes zijn opgeslagen.',
  bannerNew: (p) => `Nieuw sinds uw laatste keuze: ${p}.`,
  bannerChanged: (p) => `Gewijzigd sinds uw laatste keuze: ${p}.`,
};

export const nlEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Deze inhoud komt van ${service} (${provider}), dat cookies gebruikt voor: ${purpose}. De inhoud wordt pas geladen als u dat toestaat.`,
  placeholderButton: (service) => `${service} toestaan en laden`,
};

export const nlDetails: DetailStrings = {
  closePreferences: 'Sluiten',
  preferencesTitle: 'Cookievoorkeuren',
  declarationTitle: 'Cookies op deze site',
  preferencesIntro: 'Kies welke doelen u toestaat. Niets staat aan totdat u het aanzet.',
  declarationIntro: 'Deze site gebruikt alleen cookies waarvoor geen toestemming nodig is. Hier ziet u welke, en waarom.',
  save: 'Keuzes opslaan',
  alwaysOn: 'Altijd aan',
  exemptionLabel: 'Waarom geen toestemming nodig is:',
  allowService: (service) => `${service} toestaan`,
  servicePolicy: (service) => `Privacybeleid van ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Bewaartermijn',
  cookiePurpose: 'Doel',
  session: 'sessie',
  thirdParty: (domain) => `geplaatst door ${domain}`,
  noCookies: 'Geen cookie opgegeven.',
  consentId: 'Uw toestemmings-ID:',
  basisConsent: 'Uw toestemming',
  basisNecessary: 'Strikt noodzakelijk',
  basisExempt: 'Vrijgesteld van toestemming',
  legalBasis: 'Rechtsgrond:',
  yourChoice: 'Uw keuze:',
  allowed: 'toegestaan',
  refused: 'geweigerd',
  notChosen: 'nog niet gekozen',
  changeChoices: 'Mijn keuzes wijzigen',
  provider: 'Aanbieder:',
  signalHonoured: 'Het privacysignaal van uw browser (Global Privacy Control of ADPC) is gerespecteerd: de doeleinden waarop u nog niet had geantwoord, zijn voor u geweigerd. U kunt er hier toch enkele toestaan.',
  services: (n) => (n === 1 ? '1 dienst' : `${n} diensten`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const nlReopen = 'Cookie-instellingen';

export const nlDirection: Direction = 'ltr';

export const nl: UiStrings = {...nlBanner, ...nlDetails, ...nlEmbeds};

// Written to read well in both European and Brazilian Portuguese (no "você", no "ecrã"/"tela").
export const ptBanner: BannerStrings = {
  bannerTitle: (site) => `Cookies em ${site}`,
  bannerIntro: (site, purposes) =>
    `Com o seu consentimento, ${site} e os seus parceiros utilizam cookies e tecnologias semelhantes para: ${purposes}. Pode aceitar todos, recusar todos ou escolher finalidade a finalidade.`,
  bannerAlwaysOn: 'Os cookies necessários ao funcionamento do site continuam ativos.',
  bannerExemptOn: (purposes) => `Também se mantém ativo: ${purposes} (isento de consentimento).`,
  and: 'e',
  bannerChangeMind: 'Pode mudar de opinião a qualquer momento no link “Preferências de cookies”.',
  bannerCloseMeansRefuse: 'Fechar este aviso equivale a recusar.',
  policyLink: 'Política de cookies',
  acceptAll: 'Aceitar todos',
  rejectAll: 'Recusar todos',
  customise: 'Personalizar',
  close: 'Fechar e recusar',
  saved: 'As suas escolhas foram guardadas.',
  bannerNew: (p) => `Novo desde a sua última escolha: ${p}.`,
  bannerChanged: (p) => `Alterado desde a sua última escolha: ${p}.`,
};

export const ptEmbeds: EmbedStrings = {
  placeholder: (service, provider, purpose) =>
    `Este conteúdo vem de ${service} (${provider}), que utiliza cookies para: ${purpose}. Só é carregado se o permitir.`,
  placeholderButton: (service) => `Permitir ${service} e carregar`,
};

export const ptDetails: DetailStrings = {
  closePreferences: 'Fechar',
  preferencesTitle: 'Preferências de cookies',
  declarationTitle: 'Os cookies deste site',
  preferencesIntro: 'Escolha as finalidades que autoriza. Nada fica ativo até que o ative.',
  declarationIntro: 'Este site só utiliza cookies que dispensam consentimento. Aqui estão eles e o motivo de cada um.',
  save: 'Confirmar escolhas',
  alwaysOn: 'Sempre ativo',
  exemptionLabel: 'Motivo da dispensa de consentimento:',
  allowService: (service) => `Permitir ${service}`,
  servicePolicy: (service) => `Política de privacidade de ${service}`,
  cookieName: 'Cookie',
  cookieDuration: 'Duração',
  cookiePurpose: 'Finalidade',
  session: 'sessão',
  thirdParty: (domain) => `definido por ${domain}`,
  noCookies: 'Nenhum cookie declarado.',
  consentId: 'O seu identificador de consentimento:',
  basisConsent: 'O seu consentimento',
  basisNecessary: 'Estritamente necessário',
  basisExempt: 'Isento de consentimento',
  legalBasis: 'Base jurídica:',
  yourChoice: 'A sua escolha:',
  allowed: 'permitido',
  refused: 'recusado',
  notChosen: 'ainda não escolhido',
  changeChoices: 'Alterar as minhas escolhas',
  provider: 'Fornecedor:',
  signalHonoured: 'O sinal de privacidade do seu navegador (Global Privacy Control ou ADPC) foi respeitado: as finalidades a que não tinha respondido foram recusadas por si. Ainda pode permitir algumas aqui.',
  services: (n) => (n === 1 ? '1 serviço' : `${n} serviços`),
};

/** The persistent re-open control (`reopen`), once the visitor has answered (R26). */
export const ptReopen = 'Preferências de cookies';

export const ptDirection: Direction = 'ltr';

export const pt: UiStrings = {...ptBanner, ...ptDetails, ...ptEmbeds};

/** The languages the UI speaks, keyed by base language tag; English first (the last resort). */
export const UI_STRINGS: Readonly<Record<string, UiStrings>> = {en, fr, de, es, it, nl, pt};

/** The first layer's words of every language (a one-language build of the `ui` view keeps one). */
export const BANNER_STRINGS: Readonly<Record<string, BannerStrings>> = {en: enBanner, fr: frBanner, de: deBanner, es: esBanner, it: itBanner, nl: nlBanner, pt: ptBanner};

/** The preferences' and declaration's words of every language. */
export const DETAIL_STRINGS: Readonly<Record<string, DetailStrings>> = {en: enDetails, fr: frDetails, de: deDetails, es: esDetails, it: itDetails, nl: nlDetails, pt: ptDetails};

/** The re-open control's label in every language (a one-language build of the `reopen` module keeps one). */
export const REOPEN_LABELS: Readonly<Record<string, string>> = {en: enReopen, fr: frReopen, de: deReopen, es: esReopen, it: itReopen, nl: nlReopen, pt: ptReopen};

/** The placeholders' words of every language (a one-language build of the `embeds` view keeps one). */
export const EMBED_STRINGS: Readonly<Record<string, EmbedStrings>> = {en: enEmbeds, fr: frEmbeds, de: deEmbeds, es: esEmbeds, it: itEmbeds, nl: nlEmbeds, pt: ptEmbeds};

/**
 * The direction each language is written in (a one-language build of each view keeps one): every
 * view sets `dir` from it on what it draws, so a right-to-left page never turns the banner, and a
 * right-to-left language needs no more than its own strings and direction.
 */
export const DIRECTIONS: Readonly<Record<string, Direction>> = {en: enDirection, fr: frDirection, de: deDirection, es: esDirection, it: itDirection, nl: nlDirection, pt: ptDirection};

export const LANGUAGE_NAMES: Readonly<Record<string, string>> = {en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español', it: 'Italiano', nl: 'Nederlands', pt: 'Português'};

/** The words of language `code` as the views take them (view-contract.ts, `Words`): one words file per language. */
export function wordsOf(code: string): Words {
  return {$code: code, $name: LANGUAGE_NAMES[code], $dir: DIRECTIONS[code], ...UI_STRINGS[code], reopen: REOPEN_LABELS[code]};
}
