import { ConfigField, ConnectorConfig } from './connector';

export type ConfigIssueCode = 'required' | 'type' | 'pattern' | 'min' | 'max' | 'maxLength' | 'option' | 'unknown';

export interface ConfigIssue {
  /** The config key, e.g. `host`. */
  key: string;
  code: ConfigIssueCode;
  /** Values for a translated sentence (label, min, max, …). */
  params: Record<string, string | number>;
  /** The same problem in plain English, for logs and for authors. */
  message: string;
}

export type ConfigValidation = { ok: true; config: ConnectorConfig } | { ok: false; issues: ConfigIssue[] };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function isSecretField(field: ConfigField): boolean {
  return field.type === 'secret' || field.secret === true;
}

function checkText(field: ConfigField, value: string): Omit<ConfigIssue, 'key'> | undefined {
  const label = field.label;
  const max = field.maxLength ?? 2000;
  if (value.length > max) return { code: 'maxLength', params: { label, max }, message: `${label} must be at most ${max} characters.` };
  if (field.type === 'email' && !EMAIL.test(value)) return { code: 'type', params: { label, type: 'email' }, message: `${label} must be an email address.` };
  if (field.type === 'url') {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return { code: 'type', params: { label, type: 'url' }, message: `${label} must be an http(s) URL.` };
  }
  if (field.type === 'select' && !(field.options ?? []).some((option) => option.value === value)) {
    const values = (field.options ?? []).map((option) => option.value).join(', ');
    return { code: 'option', params: { label, values }, message: `${label} must be one of: ${values}.` };
  }
  if (field.pattern && !new RegExp(field.pattern.source).test(value)) return { code: 'pattern', params: { label, hint: field.pattern.message }, message: field.pattern.message };
  return undefined;
}

/**
 * Checks a tenant's settings against a connector's schema: required fields, types, limits and
 * patterns; unknown keys are refused. Text is trimmed, numbers and booleans given as text are
 * converted (forms send text), defaults fill what was left out. Every problem is reported at once.
 */
export function validateConfig(schema: ConfigField[], input: Record<string, unknown>): ConfigValidation {
  const issues: ConfigIssue[] = [];
  const config: ConnectorConfig = {};
  const known = new Set(schema.map((field) => field.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) issues.push({ key, code: 'unknown', params: { key }, message: `${key} is not a setting of this connector.` });
  }
  for (const field of schema) {
    const label = field.label;
    let value = input[field.key];
    if (typeof value === 'string' && !isSecretField(field)) value = value.trim();
    if (value === undefined || value === null || value === '') {
      if (field.default !== undefined) config[field.key] = field.default;
      else if (field.required) issues.push({ key: field.key, code: 'required', params: { label }, message: `${label} is required.` });
      continue;
    }
    if (field.type === 'number') {
      const number = typeof value === 'string' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        issues.push({ key: field.key, code: 'type', params: { label, type: 'number' }, message: `${label} must be a number.` });
      } else if (field.min !== undefined && number < field.min) {
        issues.push({ key: field.key, code: 'min', params: { label, min: field.min }, message: `${label} must be at least ${field.min}.` });
      } else if (field.max !== undefined && number > field.max) {
        issues.push({ key: field.key, code: 'max', params: { label, max: field.max }, message: `${label} must be at most ${field.max}.` });
      } else config[field.key] = number;
      continue;
    }
    if (field.type === 'boolean') {
      const flag = value === 'true' ? true : value === 'false' ? false : value;
      if (typeof flag !== 'boolean') issues.push({ key: field.key, code: 'type', params: { label, type: 'boolean' }, message: `${label} must be true or false.` });
      else config[field.key] = flag;
      continue;
    }
    if (typeof value !== 'string') {
      issues.push({ key: field.key, code: 'type', params: { label, type: 'text' }, message: `${label} must be text.` });
      continue;
    }
    const problem = checkText(field, value);
    if (problem) issues.push({ key: field.key, ...problem });
    else config[field.key] = value;
  }
  return issues.length ? { ok: false, issues } : { ok: true, config };
}

/** The config with every secret replaced by a mask (or absent), for showing and logging. */
export function maskSecrets(schema: ConfigField[], config: ConnectorConfig): Record<string, string | number | boolean | null> {
  const masked: Record<string, string | number | boolean | null> = {};
  for (const field of schema) {
    const value = config[field.key];
    if (value === undefined) continue;
    masked[field.key] = isSecretField(field) ? '••••••••' : value;
  }
  return masked;
}
