import { PortalAsset, PortalBookingOptions, PortalServiceType } from '@fieldbook/contracts';

/** The steps of booking, in order; `asset` and `details` only when the portal offers them. */
export type BookStep = 'asset' | 'service' | 'time' | 'details';

/** What the customer has chosen so far, as kept in the address (query parameters). */
export interface BookChoices {
  assetId: string | null;
  serviceTypeId: string | null;
  day: string | null;
  start: string | null;
}

export interface BookSetup {
  options: PortalBookingOptions;
  assets: PortalAsset[];
  serviceTypes: PortalServiceType[];
}

export const NO_CHOICES: BookChoices = { assetId: null, serviceTypeId: null, day: null, start: null };

export function bookSteps(options: PortalBookingOptions): BookStep[] {
  return [...(options.assetSelection ? (['asset'] as const) : []), 'service', 'time', ...(options.additionalDetails ? (['details'] as const) : [])];
}

/**
 * The choices from the address that still hold: an asset or service type that is no longer
 * offered is dropped, and so is everything chosen after it (times depend on both).
 */
export function validChoices(raw: BookChoices, setup: BookSetup): BookChoices {
  const assetId = setup.options.assetSelection && setup.assets.some((asset) => asset.id === raw.assetId) ? raw.assetId : null;
  if (setup.options.assetSelection && !assetId) return NO_CHOICES;
  const serviceTypeId = setup.serviceTypes.some((type) => type.id === raw.serviceTypeId) ? raw.serviceTypeId : null;
  if (!serviceTypeId) return { ...NO_CHOICES, assetId };
  const day = raw.day && /^\d{4}-\d{2}-\d{2}$/.test(raw.day) ? raw.day : null;
  const start = day && raw.start && !Number.isNaN(Date.parse(raw.start)) ? raw.start : null;
  return { assetId, serviceTypeId, day, start };
}

/** The first step still waiting for a choice; `details` once only the optional details (or nothing) remain before booking. */
export function currentStep(choices: BookChoices, options: PortalBookingOptions): BookStep | 'review' {
  if (options.assetSelection && !choices.assetId) return 'asset';
  if (!choices.serviceTypeId) return 'service';
  if (!choices.start) return 'time';
  return options.additionalDetails ? 'details' : 'review';
}

/** Whether `step` is shown: every step up to the current one (and all of them once a time is chosen). */
export function isStepOpen(step: BookStep, choices: BookChoices, options: PortalBookingOptions): boolean {
  const steps = bookSteps(options);
  const current = currentStep(choices, options);
  const reached = current === 'review' ? steps.length : steps.indexOf(current) + 1;
  return steps.indexOf(step) >= 0 && steps.indexOf(step) < reached;
}

/** The query parameters for a new choice at `step`: the day and time are cleared when what they depended on changes. */
export function choose(step: 'asset' | 'service' | 'day' | 'time', value: string): Partial<Record<'asset' | 'service' | 'day' | 'time', string | null>> {
  switch (step) {
    case 'asset':
      return { asset: value, day: null, time: null };
    case 'service':
      return { service: value, day: null, time: null };
    case 'day':
      return { day: value, time: null };
    case 'time':
      return { time: value };
  }
}
