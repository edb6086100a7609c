import { ChangeDetectionStrategy, Component, afterNextRender, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormRecord, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ContentSnippet, STANDARD_SNIPPET_KEYS } from '@fieldbook/contracts';
import { LANGUAGE_NAMES, Language, SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, of, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { SettingsForm } from './settings-form';
import { SettingsService } from './settings.service';
import { HasUnsavedChanges } from './unsaved-changes.guard';

export const SNIPPET_TEXT_MAX = 2000;
const SNIPPET_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const STANDARD: readonly string[] = STANDARD_SNIPPET_KEYS;

/** One snippet text's control, by key and language. */
const controlName = (key: string, language: string) => `${key}.${language}`;

/**
 * The texts messages insert by key ({{company_name}}), per language: the standard keys and the
 * environment's own. Each text is saved (PUT) or cleared (DELETE) on its own.
 */
@Component({
  selector: 'fb-snippets-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './snippets.page.html',
  styles: [
    `
      .snippet-list { display: grid; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
      .snippet-list textarea { inline-size: 100%; min-block-size: 4rem; }
      .snippet-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block-start: 0.5rem; }
      .language-picker { max-inline-size: 20rem; }
      code { overflow-wrap: anywhere; }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SnippetsPage extends SettingsForm implements HasUnsavedChanges {
  private readonly settings = inject(SettingsService);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  protected readonly languages = SUPPORTED_LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;
  protected readonly max = SNIPPET_TEXT_MAX;
  protected readonly language = signal<Language>('en');
  /** Every text, keyed `key.language`; switching languages keeps unsaved edits of the others. */
  protected readonly texts = new FormRecord<FormControl<string>>({});
  private readonly stored = signal<ReadonlyMap<string, ContentSnippet>>(new Map());
  private readonly customKeys = signal<readonly string[]>([]);
  protected readonly keys = computed(() => [...STANDARD, ...this.customKeys()]);
  protected readonly standard = (key: string) => STANDARD.includes(key);
  /** Messages shown next to one text, by control name. */
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly busyRow = signal<string | null>(null);

  protected readonly newKeyForm = this.formBuilder.group({ key: ['', [Validators.required, Validators.pattern(SNIPPET_KEY)]] });
  protected readonly newKeyErrors = new FormErrors(this.newKeyForm, this.t, { key: 'settings.snippets.newKey' });

  protected readonly current = toSignal(
    toObservable(this.context.environment).pipe(
      switchMap((environment) =>
        environment ? toLoadable(this.settings.snippets(environment.id).pipe(tap((snippets) => this.show(snippets))), this.t) : of(LOADING),
      ),
    ),
    { initialValue: LOADING as Loadable<ContentSnippet[]> },
  );

  hasUnsavedChanges(): boolean {
    return this.texts.dirty;
  }

  /** How a template names the snippet. */
  protected placeholder(key: string): string {
    return `{{${key}}}`;
  }

  protected name(key: string): string {
    return controlName(key, this.language());
  }

  /** Every key shown has a control in every language (see show and addKey). */
  protected control(key: string): FormControl<string> {
    return this.texts.controls[this.name(key)] as FormControl<string>;
  }

  protected isStored(key: string): boolean {
    return this.stored().has(this.name(key));
  }

  protected chooseLanguage(event: Event): void {
    this.language.set((event.target as HTMLSelectElement).value as Language);
  }

  /** A field id that is safe in a selector: keys are [a-z0-9_]. */
  protected fieldId(key: string): string {
    return `snippet-${key}-${this.language()}`;
  }

  protected addKey(): void {
    if (!this.newKeyErrors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const key = this.newKeyForm.getRawValue().key.trim();
    if (!this.keys().includes(key)) {
      this.addControls(key, new Map());
      this.customKeys.update((keys) => [...keys, key]);
    }
    this.newKeyForm.reset();
    this.newKeyErrors.reset();
    const id = this.fieldId(key);
    afterNextRender(() => this.host.querySelector<HTMLElement>(`#${id}`)?.focus(), { injector: this.injector });
  }

  protected save(key: string): void {
    const environment = this.context.environment();
    const name = this.name(key);
    const control = this.control(key);
    if (!environment || this.busyRow() || !this.canChange()) return;
    const text = control.value.trim();
    const label = this.t('settings.snippets.textOf', { key });
    if (!text) return this.rowFailed(name, this.t('api:validation.isNotEmpty', { field: label }));
    if (text.length > SNIPPET_TEXT_MAX) return this.rowFailed(name, this.t('api:validation.maxLength', { field: label, max: SNIPPET_TEXT_MAX }));
    this.run(name, this.settings.putSnippet(environment.id, key, this.language(), text), (snippet) => {
      this.stored.update((stored) => new Map(stored).set(name, snippet as ContentSnippet));
      control.reset((snippet as ContentSnippet).text);
    });
  }

  protected clear(key: string): void {
    const environment = this.context.environment();
    const name = this.name(key);
    if (!environment || this.busyRow() || !this.canChange()) return;
    this.run(name, this.settings.deleteSnippet(environment.id, key, this.language()), () => {
      this.stored.update((stored) => {
        const next = new Map(stored);
        next.delete(name);
        return next;
      });
      this.control(key).reset('');
    });
  }

  private run(name: string, request: Observable<unknown>, done: (value: unknown) => void): void {
    this.startSave();
    this.busyRow.set(name);
    this.setRowError(name, null);
    request.subscribe({
      next: (value) => {
        this.busyRow.set(null);
        done(value);
        this.saved();
      },
      error: (error: unknown) => {
        this.busyRow.set(null);
        this.failed(error);
        // The reason is shown next to the text it concerns, not a second time above the list.
        this.problem.set(null);
        const problem = toApiProblem(error, this.t);
        this.rowFailed(name, problem.fields['text'] ?? problem.message);
      },
    });
  }

  private rowFailed(name: string, message: string): void {
    this.setRowError(name, message);
    focusFirstProblem(this.host, this.injector);
  }

  private setRowError(name: string, message: string | null): void {
    this.rowErrors.update((errors) => {
      const next = { ...errors };
      if (message === null) delete next[name];
      else next[name] = message;
      return next;
    });
  }

  private show(snippets: ContentSnippet[]): void {
    const stored = new Map(snippets.map((snippet) => [controlName(snippet.key, snippet.language), snippet]));
    for (const name of Object.keys(this.texts.controls)) this.texts.removeControl(name, { emitEvent: false });
    const custom = [...new Set(snippets.map((snippet) => snippet.key))].filter((key) => !STANDARD.includes(key)).sort();
    for (const key of [...STANDARD, ...custom]) this.addControls(key, stored);
    this.stored.set(stored);
    this.customKeys.set(custom);
    this.rowErrors.set({});
    this.texts.markAsPristine();
  }

  private addControls(key: string, stored: ReadonlyMap<string, ContentSnippet>): void {
    for (const language of SUPPORTED_LANGUAGES) {
      const name = controlName(key, language);
      this.texts.addControl(name, new FormControl(stored.get(name)?.text ?? '', { nonNullable: true }), { emitEvent: false });
    }
  }
}
