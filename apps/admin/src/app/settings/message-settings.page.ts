import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  MessageChannelChoice,
  MessageExclusion,
  MessageExclusionKind,
  MessageSettings,
  ReminderTiming,
  SWITCHABLE_MESSAGE_TYPES,
  UpdateMessageSettingsRequest,
} from '@fieldbook/contracts';
import { ApiProblem, FormErrors, focusFirstProblem, toApiProblem } from '@fieldbook/ui-core';
import { TranslatePipe } from '@fieldbook/ui-i18n';
import { Observable, catchError, forkJoin, map, of, switchMap, tap } from 'rxjs';
import { LOADING, Loadable, toLoadable } from '../shared/loadable';
import { MessageSettingsService } from './message-settings.service';
import { SettingsForm } from './settings-form';
import { HasUnsavedChanges } from './unsaved-changes.guard';

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const LEAD_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type LeadDay = `d${(typeof LEAD_DAYS)[number]}`;

/** What can be picked for an exclusion list: id and name. */
interface Choice {
  id: string;
  name: string;
}

interface Loaded {
  settings: MessageSettings;
  exclusions: MessageExclusion[];
  accounts: Choice[];
  serviceTypes: Choice[];
}

/**
 * Which messages go out, by which channel and when; SMS quiet hours and fallback; and the accounts
 * and service types that get no messages at all.
 */
@Component({
  selector: 'fb-message-settings-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  templateUrl: './message-settings.page.html',
  styles: [
    `
      .settings-fieldset { border: 0; margin: 0; padding: 0; min-width: 0; display: grid; gap: 1.25rem; }
      fieldset.group { border: 1px solid var(--color-border, #d1d5db); border-radius: 0.5rem; padding: 0.75rem 1rem 1rem; margin: 0; min-width: 0; }
      fieldset.group legend { font-weight: 600; padding: 0 0.25rem; }
      .choices { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
      .choices-column { display: grid; gap: 0.5rem; }
      .times { display: flex; flex-wrap: wrap; gap: 1rem; }
      .exclusion-list { list-style: none; margin: 0 0 1rem; padding: 0; display: grid; gap: 0.5rem; }
      .exclusion-list li { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem; }
      .exclusion-add { display: flex; flex-wrap: wrap; align-items: end; gap: 0.75rem; }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessageSettingsPage extends SettingsForm implements HasUnsavedChanges {
  private readonly messages = inject(MessageSettingsService);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  protected readonly types = SWITCHABLE_MESSAGE_TYPES;
  protected readonly leadDays = LEAD_DAYS;
  protected readonly channels: readonly MessageChannelChoice[] = ['email', 'sms', 'both'];
  protected readonly timings: readonly ReminderTiming[] = ['utc', 'local'];
  protected readonly kinds: readonly MessageExclusionKind[] = ['account', 'serviceType'];

  protected readonly form = this.formBuilder.group({
    enabled: this.formBuilder.group({ invite: true, confirmed: true, reminder: true, rescheduled: true, canceled: true, completed: true }),
    channel: ['email' as MessageChannelChoice, Validators.required],
    reminderLeadDays: this.formBuilder.group({ d1: false, d2: false, d3: false, d4: false, d5: false, d6: false, d7: false }),
    reminderTiming: ['utc' as ReminderTiming, Validators.required],
    reminderTime: ['10:00', [Validators.required, Validators.pattern(CLOCK)]],
    smsQuietStart: ['', Validators.pattern(CLOCK)],
    smsQuietEnd: ['', Validators.pattern(CLOCK)],
    smsFallbackToEmail: false,
  });
  protected readonly errors = new FormErrors(this.form, this.t, {
    enabled: 'settings.messages.enabledLegend',
    channel: 'settings.messages.channelLegend',
    reminderLeadDays: 'settings.messages.leadDaysLegend',
    reminderTiming: 'settings.messages.timingLegend',
    reminderTime: 'settings.messages.reminderTime',
    smsQuietStart: 'settings.messages.quietStart',
    smsQuietEnd: 'settings.messages.quietEnd',
    smsFallbackToEmail: 'settings.messages.fallback',
  });
  /** Quiet hours need both ends, and different ones. */
  protected readonly quietProblem = signal<string | null>(null);

  protected readonly current = toSignal(
    toObservable(this.context.environment).pipe(switchMap((environment) => (environment ? toLoadable(this.load(environment.id), this.t) : of(LOADING)))),
    { initialValue: LOADING as Loadable<Loaded> },
  );

  protected readonly exclusions = signal<MessageExclusion[]>([]);
  protected readonly addForm = this.formBuilder.group({ kind: ['account' as MessageExclusionKind], targetId: ['', Validators.required] });
  protected readonly addErrors = new FormErrors(this.addForm, this.t, { kind: 'settings.messages.exclusionKind', targetId: 'settings.messages.exclusionTarget' });
  private readonly addKind = toSignal(this.addForm.controls.kind.valueChanges, { initialValue: 'account' as MessageExclusionKind });
  protected readonly exclusionBusy = signal(false);
  protected readonly exclusionProblem = signal<ApiProblem | null>(null);
  /** What can still be excluded: everything of the chosen kind that is not on the list yet. */
  protected readonly choices = computed<Choice[]>(() => {
    const loaded = this.current();
    if (loaded.state !== 'ready') return [];
    const kind = this.addKind();
    const taken = new Set(this.exclusions().filter((exclusion) => exclusion.kind === kind).map((exclusion) => exclusion.targetId));
    return (kind === 'account' ? loaded.value.accounts : loaded.value.serviceTypes).filter((choice) => !taken.has(choice.id));
  });

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  protected save(): void {
    const environment = this.context.environment();
    if (!environment || this.saving() || !this.canChange()) return;
    const ready = this.errors.readyToSend();
    const value = this.form.getRawValue();
    const start = value.smsQuietStart || null;
    const end = value.smsQuietEnd || null;
    this.quietProblem.set(
      (start === null) !== (end === null)
        ? this.t('settings.messages.quietIncomplete')
        : start !== null && start === end
          ? this.t('settings.messages.quietEmpty')
          : null,
    );
    if (!ready || this.quietProblem()) return focusFirstProblem(this.host, this.injector);
    const request: UpdateMessageSettingsRequest = {
      enabled: value.enabled,
      channel: value.channel,
      reminderLeadDays: LEAD_DAYS.filter((day) => value.reminderLeadDays[`d${day}` as LeadDay]),
      reminderTiming: value.reminderTiming,
      reminderTime: value.reminderTime,
      smsQuietStart: start,
      smsQuietEnd: end,
      smsFallbackToEmail: value.smsFallbackToEmail,
    };
    this.startSave();
    this.messages.update(environment.id, request).subscribe({
      next: (settings) => {
        this.show(settings);
        this.saved();
      },
      error: (error: unknown) => {
        this.failed(error);
        this.errors.fail(error);
        focusFirstProblem(this.host, this.injector);
      },
    });
  }

  /** A server message about a group of checkboxes (the form's own check covers single fields). */
  protected groupProblem(field: string): string | null {
    const fields = this.errors.problem()?.fields ?? {};
    return fields[field] ?? Object.entries(fields).find(([name]) => name.startsWith(`${field}.`))?.[1] ?? null;
  }

  /** A quiet-hours end is marked when the pair is incomplete and it is the empty one. */
  protected quietInvalid(field: 'smsQuietStart' | 'smsQuietEnd'): boolean {
    if (this.errors.for(field)) return true;
    return !!this.quietProblem() && (field === 'smsQuietEnd' || !this.form.controls.smsQuietStart.value);
  }

  protected exclude(): void {
    const environment = this.context.environment();
    if (!environment || this.exclusionBusy() || !this.canChange()) return;
    if (!this.addErrors.readyToSend()) return focusFirstProblem(this.host.querySelector('#exclusions') ?? this.host, this.injector);
    const { kind, targetId } = this.addForm.getRawValue();
    this.runExclusion(this.messages.exclude(environment.id, { kind, targetId }), (exclusion) => {
      this.exclusions.update((list) => [...list, exclusion as MessageExclusion]);
      this.addForm.reset({ kind, targetId: '' });
      this.addErrors.reset();
    });
  }

  protected removeExclusion(exclusion: MessageExclusion): void {
    const environment = this.context.environment();
    if (!environment || this.exclusionBusy() || !this.canChange()) return;
    this.runExclusion(this.messages.removeExclusion(environment.id, exclusion.id), () =>
      this.exclusions.update((list) => list.filter((item) => item.id !== exclusion.id)),
    );
  }

  protected ofKind(kind: MessageExclusionKind): MessageExclusion[] {
    return this.exclusions().filter((exclusion) => exclusion.kind === kind);
  }

  private runExclusion(request: Observable<unknown>, done: (value: unknown) => void): void {
    this.exclusionBusy.set(true);
    this.exclusionProblem.set(null);
    this.notice.set(null);
    request.subscribe({
      next: (value) => {
        this.exclusionBusy.set(false);
        done(value);
        this.notice.set(() => this.t('settings.saved'));
      },
      error: (error: unknown) => {
        this.exclusionBusy.set(false);
        this.failed(error);
        this.problem.set(null);
        this.addErrors.fail(error);
        this.exclusionProblem.set(toApiProblem(error, this.t));
        focusFirstProblem(this.host.querySelector('#exclusions') ?? this.host, this.injector);
      },
    });
  }

  private load(environmentId: string): Observable<Loaded> {
    // Without the pickers the settings still show; the lists then offer nothing to add.
    const names = <T extends Choice>(page: Observable<{ items: T[] }>) =>
      page.pipe(
        map(({ items }) => items.map(({ id, name }) => ({ id, name }))),
        catchError(() => of([])),
      );
    return forkJoin({
      settings: this.messages.get(environmentId),
      exclusions: this.messages.exclusions(environmentId),
      accounts: names(this.messages.accounts(environmentId)),
      serviceTypes: names(this.messages.serviceTypes(environmentId)),
    }).pipe(
      tap((loaded) => {
        this.show(loaded.settings);
        this.exclusions.set(loaded.exclusions);
      }),
    );
  }

  private show(settings: MessageSettings): void {
    this.form.reset({
      enabled: settings.enabled,
      channel: settings.channel,
      reminderLeadDays: Object.fromEntries(LEAD_DAYS.map((day) => [`d${day}`, settings.reminderLeadDays.includes(day)])) as Record<LeadDay, boolean>,
      reminderTiming: settings.reminderTiming,
      reminderTime: settings.reminderTime,
      smsQuietStart: settings.smsQuietStart ?? '',
      smsQuietEnd: settings.smsQuietEnd ?? '',
      smsFallbackToEmail: settings.smsFallbackToEmail,
    });
    this.errors.reset();
    this.quietProblem.set(null);
  }
}
