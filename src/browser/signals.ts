/*
 * The browser's privacy signals, read one way (README, “Browser privacy signals”): Global Privacy
 * Control (`navigator.globalPrivacyControl`, https://privacycg.github.io/gpc-spec/) and ADPC
 * (`navigator.dataProtectionControl`, https://www.dataprotectioncontrol.org/spec/). A signal can
 * refuse, for the visitor, the purposes still to ask about (R35); it never consents, and a later
 * choice of the visitor's replaces it. A signal that is present but not what its specification
 * says is named in one console warning and left aside: the banner asks, and nothing that needs
 * consent runs before an answer.
 */

/** Where the signals are read: `navigator`, or a stand-in in tests. */
export interface SignalSource {
  globalPrivacyControl?: unknown;
  dataProtectionControl?: unknown;
}

/** A purpose as ADPC asks the browser about it: its id and its title, in words. */
export interface SignalPurpose {
  id: string;
  text: string;
}

const warn = (what: string) => console.warn(`consent-banner: ${what}: it is left aside, and the banner asks`);

/** Does Global Privacy Control refuse? `true` for the signal, `false` when absent or off (a value that is not a boolean is named). */
export function gpcRefuses(source: SignalSource | undefined): boolean {
  const value = source?.globalPrivacyControl;
  if (value !== undefined && typeof value !== 'boolean')
    warn(`navigator.globalPrivacyControl is ${JSON.stringify(value) ?? String(value)}, not true or false`);
  return value === true;
}

/**
 * The purposes ADPC refuses: asks the browser (`dataProtectionControl.request`) about `purposes`
 * and resolves with the ids it withdraws or objects to (`*` is every one), `[]` when there is no
 * ADPC, it answers nothing of the kind within `timeoutMs`, or it is not what the specification
 * says (then named in a warning). Never rejects.
 */
export async function adpcRefusals(source: SignalSource | undefined, purposes: SignalPurpose[], timeoutMs = 1000): Promise<string[]> {
  const adpc = source?.dataProtectionControl as {request?: unknown} | undefined;
  if (adpc === undefined || !purposes.length) return [];
  if (typeof adpc?.request !== 'function') {
    warn('navigator.dataProtectionControl has no request() function');
    return [];
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = (await Promise.race([
      (adpc.request as (list: SignalPurpose[]) => Promise<unknown>).call(adpc, purposes),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timeout'))),
    ])) as {withdraw?: unknown; object?: unknown; _object?: unknown} | 'timeout';
    if (answer === 'timeout') return [];
    const lists = [answer?.withdraw, answer?.object ?? answer?._object].filter((list) => list !== undefined);
    if (!lists.every((list) => Array.isArray(list) && list.every((id) => typeof id === 'string'))) {
      warn('navigator.dataProtectionControl.request() answered without lists of ids');
      return [];
    }
    const refused = new Set((lists as string[][]).flat());
    return purposes.map((p) => p.id).filter((id) => refused.has('*') || refused.has(id));
  } catch (error) {
    warn(`navigator.dataProtectionControl.request() failed (${error})`);
    return [];
  } finally {
    clearTimeout(timer);
  }
}
