import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { DomSanitizer, SafeHtml } from '@angular/platform-browser';
import { ContentSnippet, MESSAGE_TYPES, MessageType, RenderedMessage, STANDARD_SNIPPET_KEYS, TemplateOverride } from '@fieldbook/contracts';
import { LANGUAGE_NAMES, Language, SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { ApiProblem, FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { MessageTemplatesService } from './message-templates.service';
import { SettingsForm } from './settings-form';
import { SettingsService } from './settings.service';
import { HasUnsavedChanges } from './unsaved-changes.guard';

export const SUBJECT_MAX = 200;
export const INTRO_MAX = 2000;
/** The booking's own values every message can insert, besides snippet keys. */
export const MESSAGE_VARIABLES = ['contactFirstName', 'contactLastName', 'serviceName', 'date', 'time', 'reference', 'companyName'] as const;

interface Loaded {
  overrides: TemplateOverride[];
  snippetKeys: string[];
}

/** A message's HTML for a frame with no permissions at all: no scripts, forms or access to this page. */
interface Preview {
  message: RenderedMessage;
  html: SafeHtml;
}

/**
 * An environment's own subject and opening text for each message type and language, with a
 * preview rendered by the server in the environment's branding and snippets.
 */
@Component({
  selector: 'fb-message-templates-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './message-templates.page.html',
  styles: [
    `
      .settings-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 1rem; }
      .pickers { display: flex; flex-wrap: wrap; gap: 1rem; }
      .placeholders { display: flex; flex-wrap: wrap; gap: 0.375rem; list-style: none; margin: 0; padding: 0; }
      .placeholders code { overflow-wrap: anywhere; }
      textarea { inline-size: 100%; min-block-size: 6rem; }
      .template-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .preview-frame { inline-size: 100%; block-size: 28rem; border: 1px solid #d1d5db; border-radius: 0.375rem; background: #fff; }
      .preview-text, .preview-sms { white-space: pre-wrap; overflow-wrap: anywhere; }
      .table-scroll { overflow-x: auto; }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageTemplatesPage extends SettingsForm implements HasUnsavedChanges {
  private readonly templates = inject(MessageTemplatesService);
  private readonly settings = inject(SettingsService);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  protected readonly types = MESSAGE_TYPES;
  protected readonly languages = SUPPORTED_LANGUAGES;
  protected readonly languageNames = LANGUAGE_NAMES;
  protected readonly subjectMax = SUBJECT_MAX;
  protected readonly introMax = INTRO_MAX;

  protected readonly type = signal<MessageType>('confirmed');
  protected readonly language = signal<Language>('en');
  private readonly overrides = signal<TemplateOverride[]>([]);
  private readonly snippetKeys = signal<string[]>([...STANDARD_SNIPPET_KEYS]);
  /** Every placeholder the texts may use, as `{{name}}`. */
  protected readonly placeholders = computed(() => [...MESSAGE_VARIABLES, ...this.snippetKeys()].map((name) => `{{${name}}}`));
  protected readonly chosen = computed(() => this.overrides().find((item) => item.type === this.type() && item.language === this.language()) ?? null);

  protected readonly form = this.formBuilder.group({
    subject: ['', Validators.maxLength(SUBJECT_MAX)],
    intro: ['', Validators.maxLength(INTRO_MAX)],
  });
  protected readonly errors = new FormErrors(this.form, this.t, { subject: 'settings.templates.subject', intro: 'settings.templates.intro' });

  protected readonly current = toSignal(
    toObservable(this.context.environment).pipe(
      switchMap((environment) => (environment ? toLoadable(this.load(environment.id), this.t) : of(LOADING))),
    ),
    { initialValue: LOADING as Loadable<Loaded> },
  );

  protected readonly preview = signal<Preview | null>(null);
  protected readonly previewing = signal(false);
  protected readonly previewProblem = signal<ApiProblem | null>(null);

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  /** Whether `type` has its own text in `language`. */
  protected hasOverride(type: MessageType, language: string): boolean {
    return this.overrides().some((item) => item.type === type && item.language === language);
  }

  protected chooseType(event: Event): void {
    const select = event.target as HTMLSelectElement;
    if (!this.choose(select.value as MessageType, this.language())) select.value = this.type();
  }

  protected chooseLanguage(event: Event): void {
    const select = event.target as HTMLSelectElement;
    if (!this.choose(this.type(), select.value as Language)) select.value = this.language();
  }

  /** Opens one type and language from the overview table. */
  protected edit(type: MessageType, language: Language): void {
    if (this.choose(type, language)) this.host.querySelector<HTMLElement>('#template-subject')?.focus();
  }

  protected showPreview(): void {
    const environment = this.context.environment();
    if (!environment || this.previewing()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const { subject, intro } = this.texts();
    this.previewing.set(true);
    this.previewProblem.set(null);
    this.templates.preview(environment.id, { type: this.type(), language: this.language(), subject, intro }).subscribe({
      next: (message) => {
        this.previewing.set(false);
        // The sandbox="" frame is what keeps this page safe; Angular would strip the styling out of srcdoc.
        this.preview.set({ message, html: this.sanitizer.bypassSecurityTrustHtml(message.html) });
      },
      error: (error: unknown) => {
        this.previewing.set(false);
        this.preview.set(null);
        this.errors.fail(error);
        this.previewProblem.set(toApiProblem(error, this.t));
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  protected save(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    if (!this.errors.readyToSend()) return focusFirstProblem(this.host, this.injector);
    const { subject, intro } = this.texts();
    // Both empty: nothing of one's own is left, which is what reset does.
    if (subject === null && intro === null) return this.reset();
    this.run(this.templates.put(environment.id, this.type(), this.language(), { subject, intro }), (saved) => {
      const override = saved as TemplateOverride;
      this.overrides.update((list) => [...list.filter((item) => !(item.type === override.type && item.language === override.language)), override]);
      this.show();
    });
  }

  protected reset(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    const [type, language] = [this.type(), this.language()];
    if (!this.hasOverride(type, language)) {
      this.show();
      return;
    }
    this.run(this.templates.reset(environment.id, type, language), () => {
      this.overrides.update((list) => list.filter((item) => !(item.type === type && item.language === language)));
      this.show();
    });
  }

  private run(request: Observable<unknown>, done: (value: unknown) => void): void {
    this.startSave();
    request.subscribe({
      next: (value) => {
        done(value);
        this.saved();
      },
      error: (error: unknown) => {
        this.failed(error);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  /** Empty text means the standard text: null. */
  private texts(): { subject: string | null; intro: string | null } {
    const { subject, intro } = this.form.getRawValue();
    return { subject: subject.trim() || null, intro: intro.trim() || null };
  }

  /** Switching with unsaved text asks first, like leaving the page; false when the answer is no. */
  private choose(type: MessageType, language: Language): boolean {
    if (this.form.dirty && !this.host.ownerDocument.defaultView?.confirm(this.t('settings.unsavedConfirm'))) return false;
    this.type.set(type);
    this.language.set(language);
    this.show();
    return true;
  }

  private show(): void {
    const override = this.chosen();
    this.form.reset({ subject: override?.subject ?? '', intro: override?.intro ?? '' });
    this.errors.reset();
    this.preview.set(null);
    this.previewProblem.set(null);
  }

  private load(environmentId: string): Observable<Loaded> {
    return forkJoin({
      overrides: this.templates.list(environmentId),
      // Without the snippets the page still works; only the own keys are missing from the list.
      snippets: this.settings.snippets(environmentId).pipe(catchError(() => of([] as ContentSnippet[]))),
    }).pipe(
      map(({ overrides, snippets }) => ({ overrides, snippetKeys: [...new Set([...STANDARD_SNIPPET_KEYS, ...snippets.map((snippet) => snippet.key)])] })),
      tap(({ overrides, snippetKeys }) => {
        this.overrides.set(overrides);
        this.snippetKeys.set(snippetKeys);
        this.show();
      }),
    );
  }
}
