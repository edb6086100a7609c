import { BookingByCode, PortalAsset, PortalBooking, PortalBookingOptions, PortalServiceType, SlotView, SlotsResponse } from '@fieldbook/contracts';

/** Small builders of the booking API's answers, for the booking pages' specs. */

export const ZONE = 'America/New_York';

export function someOptions(overrides: Partial<PortalBookingOptions> = {}): PortalBookingOptions {
  return {
    assetSelection: true,
    additionalDetails: true,
    detailsMaxLength: 200,
    minLeadDays: 1,
    maxLeadDays: 30,
    rescheduleCutOffHours: 24,
    cancelCutOffHours: 24,
    ...overrides,
  };
}

export function anAsset(overrides: Partial<PortalAsset> = {}): PortalAsset {
  return {
    id: 'asset-furnace',
    name: 'Basement furnace',
    description: 'Carrier 59SC5',
    serviceAddress: { addressLine1: '12 Elm Street', addressLine2: null, city: 'Springfield', region: 'MA', postalCode: '01101', country: 'US' },
    timeZone: ZONE,
    ...overrides,
  };
}

export function aServiceType(overrides: Partial<PortalServiceType> = {}): PortalServiceType {
  return { id: 'type-tune-up', name: 'Furnace tune-up', description: 'Yearly check and cleaning', durationMinutes: 90, ...overrides };
}

/** A slot at `local` (YYYY-MM-DDTHH:MM) New York time in November (UTC−5), 90 minutes long. */
export function aSlot(local: string): SlotView {
  const start = new Date(`${local}:00-05:00`);
  const end = new Date(start.getTime() + 90 * 60_000);
  const iso = (date: Date) => `${new Date(date.getTime() - 5 * 3_600_000).toISOString().slice(0, 19)}-05:00`;
  return { start: iso(start), end: iso(end), technicianCount: 1 };
}

export function someSlots(slots: SlotView[], reasons: SlotsResponse['reasons'] = []): SlotsResponse {
  const [first, last] = [slots.at(0), slots.at(-1)];
  return { timeZone: ZONE, window: first && last ? { start: first.start, end: last.end } : null, slots, reasons };
}

export function aBooking(overrides: Partial<PortalBooking> = {}): PortalBooking {
  return {
    id: 'booking-1',
    reference: 'WO-7K2M9Q4X',
    status: 'scheduled',
    serviceType: { id: 'type-tune-up', name: 'Furnace tune-up' },
    assetId: 'asset-furnace',
    assetName: 'Basement furnace',
    start: '2026-11-24T09:00:00-05:00',
    end: '2026-11-24T10:30:00-05:00',
    timeZone: ZONE,
    serviceAddress: anAsset().serviceAddress,
    details: null,
    cancelReason: null,
    canReschedule: true,
    rescheduleRefusal: null,
    canCancel: true,
    cancelRefusal: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function aBookingByCode(overrides: Partial<BookingByCode> = {}): BookingByCode {
  return {
    reference: 'WO-7K2M9Q4X',
    serviceTypeName: 'Furnace tune-up',
    start: '2026-11-24T09:00:00-05:00',
    end: '2026-11-24T10:30:00-05:00',
    timeZone: ZONE,
    serviceAddress: anAsset().serviceAddress,
    status: 'scheduled',
    canReschedule: true,
    rescheduleRefusal: null,
    canCancel: true,
    cancelRefusal: null,
    codeExpiresAt: '2026-11-25T09:00:00.000Z',
    ...overrides,
  };
}

/** The text of `element`, its text nodes joined by single spaces (as separate lines and blocks read). */
export function textOf(element: Element | null | undefined): string {
  if (!element) return '';
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.textContent ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The accessible name a button gets from aria-labelledby, aria-label or its text. */
export function nameOf(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => textOf(element.ownerDocument.getElementById(id))).join(' ');
  return element.getAttribute('aria-label') ?? textOf(element);
}

/** An asset or service-type choice by its name; its accessible name is all of its text (name, then details). */
export function choiceNamed(scope: ParentNode, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button.choice')].find((button) => textOf(button.querySelector('.choice-name')) === name);
  if (!found) throw new Error(`No choice named "${name}"; there are: ${[...scope.querySelectorAll('button.choice')].map(nameOf).join(' | ')}`);
  return found;
}

export function buttonNamed(scope: ParentNode, name: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((button) => nameOf(button) === name);
  if (!found) throw new Error(`No button named "${name}"; there are: ${[...scope.querySelectorAll('button')].map(nameOf).join(' | ')}`);
  return found;
}
