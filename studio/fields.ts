import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {ifDefined} from 'lit/directives/if-defined.js';
import {live} from 'lit/directives/live.js';
import {commit, removeField} from './actions.js';
import type {DraftCookie, TextMap} from './draft.js';
import {fieldId, plainMessage, segments} from './field-paths.js';
import {DURATION_UNITS, durationOf, durationParts} from './lifetime.js';
import type {DurationUnit} from './lifetime.js';
import {issuesAt, siteLanguages, state, textLanguages, touch} from './state.js';
import {languageName, str} from './words.js';

/*
 * The form's building blocks: a labelled control for one path of the manifest, with its hint and
 * the issues the check finds there (tied to it by aria-describedby, marked by aria-invalid). Each
 * edit marks its field touched (its errors show from then on) and goes through `commit`.
 */

/** The issues the check finds at `path`, shown under its field. */
export function issueList(path: string): TemplateResult | typeof nothing {
  const here = issuesAt(path);
  if (!here.length) return nothing;
  return html`<ul class="issues" id="${fieldId(path)}-issues">
    ${here.map(
      (issue) => html`<li class=${issue.kind}>
        <strong>${issue.kind === 'error' ? 'Error' : 'Warning'}:</strong> ${plainMessage(issue, state.draft)}
        ${
          issue.message === 'is not a known field'
            ? html`<button type="button" @click=${() => removeField(issue.path)}>Remove “${segments(issue.path).at(-1)}”</button>`
            : nothing
        }
      </li>`
    )}
  </ul>`;
}

/** The aria-describedby of the field at `path`: its hint, if it has one, and its issues, if any. */
export function described(path: string, hint?: unknown) {
  const ids = [hint ? `${fieldId(path)}-hint` : '', issuesAt(path).length ? `${fieldId(path)}-issues` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The aria-invalid of the field at `path`. */
export const invalid = (path: string) => (issuesAt(path).some((i) => i.kind === 'error') ? 'true' : undefined);

/** A field's hint, under its label; aria-describedby points at it (`described`). */
const hintOf = (path: string, hint: unknown) => (hint ? html`<p class="hint" id="${fieldId(path)}-hint">${hint}</p>` : nothing);

/** The frame of a one-control field: its label, its hint, the control, and the issues found at it. */
const labelled = (path: string, label: string, hint: unknown, control: TemplateResult) => html`<div class="field">
  <label for=${fieldId(path)}>${label}</label>
  ${hintOf(path, hint)} ${control} ${issueList(path)}
</div>`;

interface FieldOptions {
  hint?: string | TemplateResult;
  type?: string;
  /** The keyboard a touch screen shows (`url`), where `type` would also judge the value (a relative link is no `type="url"`). */
  inputmode?: string;
  placeholder?: string;
  multiline?: boolean;
  onChange?: boolean;
}

/** A labelled input (or textarea) with its hint and its issues; `set` receives what is typed. */
export function field(path: string, label: string, value: unknown, set: (value: string) => void, options: FieldOptions = {}) {
  const id = fieldId(path);
  const onEdit = (event: Event) => {
    set((event.target as HTMLInputElement).value);
    touch(path);
    commit();
  };
  const control = options.multiline
    ? html`<textarea
        id=${id}
        rows="2"
        .value=${live(str(value))}
        aria-invalid=${ifDefined(invalid(path))}
        aria-describedby=${ifDefined(described(path, options.hint))}
        @input=${onEdit}
      ></textarea>`
    : html`<input
        id=${id}
        type=${options.type ?? 'text'}
        inputmode=${ifDefined(options.inputmode)}
        .value=${live(str(value))}
        placeholder=${ifDefined(options.placeholder)}
        autocomplete="off"
        spellcheck="false"
        aria-invalid=${ifDefined(invalid(path))}
        aria-describedby=${ifDefined(described(path, options.hint))}
        @input=${options.onChange ? nothing : onEdit}
        @change=${options.onChange ? onEdit : nothing}
      />`;
  return labelled(path, label, options.hint, control);
}

/** A text in each language: one input per language of the site (and any the text already has). */
export function textField(
  path: string,
  label: string,
  owner: Record<string, unknown>,
  key: string,
  {multiline = false, hint = '', required = false} = {}
) {
  const map = owner[key] as TextMap | undefined;
  return html`<fieldset class="text" id=${fieldId(path)} aria-describedby=${ifDefined(described(path, hint))}>
    <legend>${label}${required ? nothing : html` <span class="optional">(optional)</span>`}</legend>
    ${hintOf(path, hint)} ${issueList(path)}
    ${textLanguages(map).map((lang) => {
      const extra = !siteLanguages().includes(lang);
      return field(
        `${path}.${lang}`,
        `${languageName(lang)}${extra ? ', not one of the site’s languages: empty it to remove it' : ''}`,
        map?.[lang],
        (value) => {
          const next = {...((owner[key] as TextMap | undefined) ?? {})};
          if (value === '' && extra) delete next[lang];
          else next[lang] = value;
          owner[key] = next;
          touch(path);
        },
        {multiline}
      );
    })}
  </fieldset>`;
}

export function numberField(
  path: string,
  label: string,
  value: unknown,
  set: (value: number | string) => void,
  hint: string | TemplateResult,
  min: number,
  max?: number
) {
  return labelled(
    path,
    label,
    hint,
    html`<input
      id=${fieldId(path)}
      type="number"
      min=${min}
      max=${ifDefined(max)}
      step="1"
      .value=${live(str(value))}
      aria-invalid=${ifDefined(invalid(path))}
      aria-describedby=${ifDefined(described(path, hint))}
      @input=${(event: Event) => {
        const input = event.target as HTMLInputElement;
        set(Number.isNaN(input.valueAsNumber) ? input.value : input.valueAsNumber);
        touch(path);
        commit();
      }}
    />`
  );
}

/** A labelled select of `choices` (its <option>s), with its hint and its issues; `set` receives the value chosen. */
export function selectField(path: string, label: string, choices: unknown, set: (value: string) => void, hint?: string | TemplateResult) {
  return labelled(
    path,
    label,
    hint,
    html`<select
      id=${fieldId(path)}
      aria-invalid=${ifDefined(invalid(path))}
      aria-describedby=${ifDefined(described(path, hint))}
      @change=${(e: Event) => {
        set((e.target as HTMLSelectElement).value);
        touch(path);
        commit();
      }}
    >
      ${choices}
    </select>`
  );
}

/** A cookie's lifetime as a number and a unit; one the form cannot split is shown as its ISO 8601 text. */
export function durationField(path: string, cookie: DraftCookie) {
  const parts = durationParts(str(cookie.duration));
  const id = fieldId(path);
  if (!parts) {
    return field(path, 'Lifetime (ISO 8601)', cookie.duration, (v) => (cookie.duration = v), {
      hint: 'An ISO 8601 duration such as P1Y6M, or session.',
    });
  }
  const setParts = (count: string, unit: DurationUnit) => {
    cookie.duration = durationOf(count, unit);
    touch(path);
    commit();
  };
  return html`<fieldset class="duration" id=${id}>
    <legend>Lifetime</legend>
    ${
      parts.unit === 'session'
        ? nothing
        : html`<label class="visually-hidden" for="${id}-count">How many</label>
          <input
            id="${id}-count"
            type="number"
            min="1"
            step="1"
            .value=${live(parts.count)}
            aria-invalid=${ifDefined(invalid(path))}
            aria-describedby=${ifDefined(described(path))}
            @input=${(e: Event) => setParts((e.target as HTMLInputElement).value, parts.unit)}
          />`
    }
    <label class="visually-hidden" for="${id}-unit">Unit</label>
    <select id="${id}-unit" @change=${(e: Event) => setParts(parts.count, (e.target as HTMLSelectElement).value as DurationUnit)}>
      ${DURATION_UNITS.map((u) => html`<option value=${u.unit} ?selected=${u.unit === parts.unit}>${u.label}</option>`)}
    </select>
    ${issueList(path)}
  </fieldset>`;
}

/** Radio buttons for one of `options` ([value, label] pairs). */
export function radioGroup(legend: string, name: string, options: [string, string][], value: string, set: (value: string) => void) {
  return html`<fieldset class="radios">
    <legend>${legend}</legend>
    ${options.map(
      ([v, label]) => html`<label class="check"
        ><input type="radio" name=${name} value=${v} .checked=${live(v === value)} @change=${() => set(v)} /> ${label}</label
      >`
    )}
  </fieldset>`;
}
