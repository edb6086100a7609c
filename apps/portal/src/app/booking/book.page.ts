import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { PortalCreateBookingRequest, SlotView } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { forkJoin, map, of, switchMap } from 'rxjs';
import { PortalContext } from '../core/portal-context';
import { AttemptKey } from './attempt-key';
import { DateRange, BookingApi } from './booking-api.service';
import { addDays, formatDate, formatTime, localDateOf, today } from './booking-dates';
import { BookingProblem, BookingLoad, LOADING, toBookingLoad, toBookingProblem } from './booking-problem';
import { addressLines } from './booking-summary.component';
import { BookChoices, BookSetup, BookStep, NO_CHOICES, bookSteps, choose, currentStep, isStepOpen, validChoices } from './book-steps';
import { SlotAlternativesComponent } from './slot-alternatives.component';
import { SlotPickerComponent } from './slot-picker.component';

/** Where the additional details wait while the customer is away (e.g. signing in again). */
export function detailsStorageKey(slug: string): string {
  return `fieldbook.portal.bookingDetails.${slug}`;
}

/**
 * Booking on one page: the asset (when offered), the service type, a day and time, the details
 * (when offered), then Book. Choices live in the address, so coming back after signing in again
 * keeps them; the details wait in sessionStorage.
 */
@Component({
  selector: 'fb-book-page',
  imports: [TranslatePipe, SlotPickerComponent, SlotAlternativesComponent],
  templateUrl: './book.page.html',
  styleUrls: ['./booking-page.css', './book.page.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookPage {
  private readonly api = inject(BookingApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly storage = inject(DOCUMENT).defaultView?.sessionStorage;
  protected readonly i18n = inject(I18n);
  protected readonly portal = inject(PortalContext);
  private readonly picker = viewChild(SlotPickerComponent);

  protected readonly setup = toSignal(
    this.api.options().pipe(
      switchMap((options) =>
        forkJoin({ assets: options.assetSelection ? this.api.assets() : of([]), serviceTypes: this.api.serviceTypes() }).pipe(
          map((lists): BookSetup => ({ options, ...lists })),
        ),
      ),
      (request) => toBookingLoad(request, this.i18n.t),
    ),
    { initialValue: LOADING as BookingLoad<BookSetup> },
  );

  private readonly query = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly choices = computed<BookChoices>(() => {
    const setup = this.setup();
    if (setup.state !== 'ready') return NO_CHOICES;
    const query = this.query();
    return validChoices({ assetId: query.get('asset'), serviceTypeId: query.get('service'), day: query.get('day'), start: query.get('time') }, setup.value);
  });

  private readonly assetId = computed(() => this.choices().assetId);
  private readonly serviceTypeId = computed(() => this.choices().serviceTypeId);
  protected readonly asset = computed(() => this.ready()?.assets.find((asset) => asset.id === this.assetId()) ?? null);
  protected readonly serviceType = computed(() => this.ready()?.serviceTypes.find((type) => type.id === this.serviceTypeId()) ?? null);

  private readonly options = computed(() => this.ready()?.options ?? null);
  protected readonly steps = computed<BookStep[]>(() => {
    const options = this.options();
    return options ? bookSteps(options) : [];
  });
  protected readonly step = computed(() => {
    const options = this.options();
    return options ? currentStep(this.choices(), options) : null;
  });

  /** The first and last days that may have free times, by the portal's lead times (the server clamps exactly). */
  protected readonly firstDay = computed(() => addDays(today(this.asset()?.timeZone), this.ready()?.options.minLeadDays ?? 0));
  protected readonly lastDay = computed(() => {
    const options = this.options();
    return options ? addDays(today(this.asset()?.timeZone), options.maxLeadDays) : null;
  });
  protected readonly maxRangeDays = computed(() => (this.ready()?.options.maxLeadDays ?? 6) + 1);

  /** Slots for the chosen service type (and asset); a new function only when those change, so the calendar reloads only then. */
  protected readonly loadSlots = computed(() => {
    const serviceTypeId = this.serviceTypeId();
    const assetId = this.assetId();
    return (range: DateRange) => this.api.slots({ serviceTypeId: serviceTypeId ?? '', ...(assetId ? { assetId } : {}), ...range });
  });

  protected readonly timeZone = signal<string | null>(null);
  protected readonly details = signal(this.readDetails());
  protected readonly pending = signal(false);
  protected readonly problem = signal<BookingProblem | null>(null);
  private readonly attempt = new AttemptKey();

  protected readonly remaining = computed(() => (this.ready()?.options.detailsMaxLength ?? 0) - this.details().length);

  protected ready(): BookSetup | null {
    const setup = this.setup();
    return setup.state === 'ready' ? setup.value : null;
  }

  protected open(step: BookStep): boolean {
    const setup = this.ready();
    return !!setup && isStepOpen(step, this.choices(), setup.options);
  }

  protected number(step: BookStep): number {
    return this.steps().indexOf(step) + 1;
  }

  protected reviewOpen(): boolean {
    const step = this.step();
    return step === 'details' || step === 'review';
  }

  protected address(lines: Parameters<typeof addressLines>[0]): string {
    return addressLines(lines, this.i18n.language()).join(', ');
  }

  protected duration(minutes: number): string {
    return new Intl.NumberFormat(this.i18n.language(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  }

  protected chosenDate(): string {
    const start = this.choices().start;
    const zone = this.timeZone();
    return start && zone ? formatDate(start, this.i18n.language(), zone) : '';
  }

  protected chosenTime(): string {
    const start = this.choices().start;
    const zone = this.timeZone();
    return start && zone ? formatTime(start, this.i18n.language(), zone) : '';
  }

  protected chooseAsset(id: string): void {
    this.update(choose('asset', id), '#step-service');
  }

  protected chooseService(id: string): void {
    this.update(choose('service', id), '#step-time');
  }

  protected chooseDay(day: string): void {
    this.update(choose('day', day));
  }

  protected chooseTime(slot: SlotView): void {
    this.update(choose('time', slot.start), this.ready()?.options.additionalDetails ? '#step-details' : '#step-review');
  }

  /** A fresh time offered after the chosen one was taken: it may be on another day. */
  protected chooseAlternative(slot: SlotView): void {
    this.problem.set(null);
    const zone = this.timeZone();
    const day = zone ? localDateOf(slot.start, zone) : slot.start.slice(0, 10);
    this.update({ day, time: slot.start }, '#step-review');
  }

  protected editDetails(event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.details.set(value);
    try {
      this.storage?.setItem(detailsStorageKey(this.portal.slug()), value);
    } catch {
      // Keeping the text across a sign-in is a convenience; it stays on the page regardless.
    }
  }

  protected book(): void {
    const setup = this.ready();
    const { serviceTypeId, assetId, start } = this.choices();
    if (this.pending() || !setup || !serviceTypeId || !start) return;
    const details = setup.options.additionalDetails ? this.details().trim() : '';
    const request: PortalCreateBookingRequest = { serviceTypeId, ...(assetId ? { assetId } : {}), start, ...(details ? { details } : {}) };
    const key = this.attempt.for(request);
    this.pending.set(true);
    this.problem.set(null);
    this.api.create(request, key).subscribe({
      next: (booking) => {
        this.attempt.settle(201);
        this.forgetDetails();
        void this.router.navigate(this.portal.link('bookings', booking.id), { state: { bookingNotice: 'booked' } });
      },
      error: (error: unknown) => {
        const problem = toBookingProblem(error, this.i18n.t);
        this.attempt.settle(problem.status);
        this.pending.set(false);
        this.problem.set(problem);
        // The taken time is gone: show the calendar as it is now.
        if (problem.status === 409) this.picker()?.reload();
        this.focusAfterRender('#book-problem');
      },
    });
  }

  private update(params: Record<string, string | null>, focus?: string): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: params, queryParamsHandling: 'merge', replaceUrl: true }).then(() => {
      if (focus) this.focusAfterRender(focus);
    });
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }

  private readDetails(): string {
    try {
      return this.storage?.getItem(detailsStorageKey(this.portal.slug())) ?? '';
    } catch {
      return '';
    }
  }

  private forgetDetails(): void {
    try {
      this.storage?.removeItem(detailsStorageKey(this.portal.slug()));
    } catch {
      // Nothing to clean up where storage is unavailable.
    }
  }
}
