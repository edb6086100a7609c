/**
 * The variables override text and snippets may use besides the snippet keys. They win over a
 * custom snippet of the same name, so `{{date}}` always means the booking's date.
 */
export const MESSAGE_VARIABLES = [
  'contactFirstName',
  'contactLastName',
  'serviceName',
  'date',
  'time',
  'reference',
  'companyName',
] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];

/** `{{ name }}`; whatever sits between the braces is the name, so `{{two words}}` is one (unknown) placeholder. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The placeholder names a text refers to, trimmed, without repeats, in order of first use. */
export function overrideReferences(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export type OverrideTextValidation = { ok: true } | { ok: false; unknown: string[] };

/** Whether every placeholder of `text` is a message variable or one of `snippetKeys`. */
export function validateOverrideText(text: string, snippetKeys: readonly string[]): OverrideTextValidation {
  const known = new Set<string>([...MESSAGE_VARIABLES, ...snippetKeys]);
  const unknown = overrideReferences(text).filter((name) => !known.has(name));
  return unknown.length === 0 ? { ok: true } : { ok: false, unknown };
}

/**
 * Replaces every placeholder with its value in one pass (a value is never scanned again, so a
 * customer called "{{date}}" stays that). Unknown placeholders become empty text.
 */
export function fillPlaceholders(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => values.get(name.trim()) ?? '');
}

/** The text with its placeholders removed. */
export function stripPlaceholders(text: string): string {
  return fillPlaceholders(text, new Map());
}
