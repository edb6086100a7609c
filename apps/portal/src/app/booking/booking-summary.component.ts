import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { BookingStatus, PortalAddress } from '@fieldbook/contracts';
import { I18n, TranslatePipe } from '@fieldbook/ui-i18n';
import { formatDate, formatTimeRange } from './booking-dates';

/** What the summary shows, common to a signed-in customer's booking and one opened by a booking code. */
export interface BookingFacts {
  reference: string;
  serviceName: string;
  assetName: string | null;
  start: string;
  end: string;
  timeZone: string;
  address: PortalAddress;
  status: BookingStatus;
}

/** The address as lines; the country by its name in the customer's language when it is a region code. */
export function addressLines(address: PortalAddress, language: string): string[] {
  let country = address.country;
  if (/^[A-Za-z]{2}$/.test(country)) {
    try {
      country = new Intl.DisplayNames([language], { type: 'region' }).of(country.toUpperCase()) ?? country;
    } catch {
      // An unknown code stays as it is.
    }
  }
  const place = [address.postalCode, address.city].filter(Boolean).join(' ');
  return [address.addressLine1, address.addressLine2, place, address.region, country].filter((line): line is string => !!line);
}

/** Date, time with its zone, address, service, reference and status of one booking. */
@Component({
  selector: 'fb-booking-summary',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './booking-summary.component.css',
  template: `
    @let facts = booking();
    <dl class="facts">
      <div>
        <dt>{{ 'booking.summary.date' | t }}</dt>
        <dd>{{ date() }}</dd>
      </div>
      <div>
        <dt>{{ 'booking.summary.time' | t }}</dt>
        <dd>{{ 'booking.summary.timeWithZone' | t: { time: time(), zone: facts.timeZone } }}</dd>
      </div>
      <div>
        <dt>{{ 'booking.summary.service' | t }}</dt>
        <dd>{{ facts.serviceName }}</dd>
      </div>
      @if (facts.assetName) {
        <div>
          <dt>{{ 'booking.summary.asset' | t }}</dt>
          <dd>{{ facts.assetName }}</dd>
        </div>
      }
      <div>
        <dt>{{ 'booking.summary.address' | t }}</dt>
        <dd>
          <address>
            @for (line of address(); track $index) {
              <span class="line">{{ line }}</span>
            }
          </address>
        </dd>
      </div>
      <div>
        <dt>{{ 'booking.summary.reference' | t }}</dt>
        <dd class="reference">{{ facts.reference }}</dd>
      </div>
      <div>
        <dt>{{ 'booking.summary.status' | t }}</dt>
        <dd>
          <span class="status" [attr.data-status]="facts.status">{{ 'booking.status.' + facts.status | t }}</span>
        </dd>
      </div>
    </dl>
  `,
})
export class BookingSummaryComponent {
  private readonly i18n = inject(I18n);
  readonly booking = input.required<BookingFacts>();

  protected readonly date = computed(() => formatDate(this.booking().start, this.i18n.language(), this.booking().timeZone));
  protected readonly time = computed(() => formatTimeRange(this.booking().start, this.booking().end, this.i18n.language(), this.booking().timeZone));
  protected readonly address = computed(() => addressLines(this.booking().address, this.i18n.language()));
}
