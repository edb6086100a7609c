import { PipeTransform } from '@nestjs/common';
import { MESSAGE_TYPES, MessageType } from '@fieldbook/contracts';
import { Language, SUPPORTED_LANGUAGES, isSupportedLanguage } from '@fieldbook/i18n';
import { FieldIssue, ValidationFailedError } from '../common/domain-error';

/**
 * The checks message settings, snippets, branding and templates share: the formats class-validator
 * can only call "not valid", each with its own translated sentence under
 * `api:messageSettings.validation`.
 */
export const issueCode = (name: string) => `api:messageSettings.validation.${name}`;

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
/** The shape the content_snippet table accepts: lower-case, starting with a letter, 1–40 characters. */
export const SNIPPET_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Text shown back in a message: long enough to recognise, short enough not to flood it. */
const shown = (value: unknown) => String(value).slice(0, 40);

export function isClockTime(value: string): boolean {
  return CLOCK.test(value);
}

/** `HH:MM`, 24-hour, 00:00–23:59; undefined and null (nothing sent, or cleared) pass. */
export function checkClockTime(value: string | null | undefined, field: string): FieldIssue[] {
  if (value === undefined || value === null || isClockTime(value)) return [];
  return [{ field, code: issueCode('timeOfDay'), params: { value: shown(value) } }];
}

/** Reads a PostgreSQL `time` ('10:00:00') as HH:MM. */
export function clockOf(value: string): string;
export function clockOf(value: string | null): string | null;
export function clockOf(value: string | null): string | null {
  return value === null ? null : value.slice(0, 5);
}

/** The value of a `:key`, `:language` or `:type` path segment, or 400 saying what it must look like. */
abstract class PathValuePipe<T extends string> implements PipeTransform<string, T> {
  protected abstract readonly field: string;
  protected abstract accepts(value: string): value is T;
  protected abstract issue(value: string): FieldIssue;

  transform(value: string): T {
    if (this.accepts(value)) return value;
    throw new ValidationFailedError([this.issue(value)]);
  }
}

export class SnippetKeyPipe extends PathValuePipe<string> {
  protected readonly field = 'key';
  protected accepts(value: string): value is string {
    return SNIPPET_KEY.test(value);
  }
  protected issue(value: string): FieldIssue {
    return { field: this.field, code: issueCode('snippetKey'), params: { value: shown(value) } };
  }
}

export class LanguagePipe extends PathValuePipe<Language> {
  protected readonly field = 'language';
  protected accepts(value: string): value is Language {
    return isSupportedLanguage(value);
  }
  protected issue(value: string): FieldIssue {
    return { field: this.field, code: issueCode('language'), params: { value: shown(value), values: SUPPORTED_LANGUAGES.join(', ') } };
  }
}

export class MessageTypePipe extends PathValuePipe<MessageType> {
  protected readonly field = 'type';
  protected accepts(value: string): value is MessageType {
    return (MESSAGE_TYPES as readonly string[]).includes(value);
  }
  protected issue(value: string): FieldIssue {
    return { field: this.field, code: issueCode('messageType'), params: { value: shown(value), values: MESSAGE_TYPES.join(', ') } };
  }
}

/** Throws one 400 with every issue, or returns. */
export function assertNoIssues(issues: FieldIssue[]): void {
  if (issues.length) throw new ValidationFailedError(issues);
}
