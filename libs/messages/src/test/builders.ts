import { Branding, MessageType } from '@fieldbook/contracts';
import { Language } from '@fieldbook/i18n';
import { MessageBooking, MessageRenderInput } from '../message-render-input';

export const LANGUAGES: Language[] = ['en', 'de', 'fr', 'es'];

export function branding(overrides: Partial<Branding> = {}): Branding {
  return { primaryColor: '#0b5394', accentColor: '#38761d', font: 'system', logoUrl: null, headerImageUrl: null, ...overrides };
}

export function snippets(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    company_name: 'Northwind Heating',
    contact_email: 'service@northwind.test',
    contact_phone: '+1 555 0100',
    page_title: 'Customer portal',
    page_footer: 'Northwind Heating, 1 Main Street, Springfield',
    ...overrides,
  };
}

/** 10:00–11:30 in New York on Sunday 8 March 2026, the first day of daylight saving time there. */
export function booking(overrides: Partial<MessageBooking> = {}): MessageBooking {
  return {
    reference: 'BK-0042',
    serviceName: 'Boiler service',
    start: '2026-03-08T14:00:00Z',
    end: '2026-03-08T15:30:00Z',
    timeZone: 'America/New_York',
    address: '12 Elm Street, Springfield',
    ...overrides,
  };
}

const LINKS: Record<MessageType, string> = {
  invite: 'https://portal.northwind.test/invitation/abc123',
  confirmed: 'https://portal.northwind.test/b/code123',
  reminder: 'https://portal.northwind.test/b/code123',
  rescheduled: 'https://portal.northwind.test/b/code123',
  canceled: 'https://portal.northwind.test/',
  completed: 'https://portal.northwind.test/',
  password_reset: 'https://portal.northwind.test/reset/xyz789',
};

/** A complete input for the type: a booking for the booking messages, a link for every type. */
export function renderInput(type: MessageType, overrides: Partial<MessageRenderInput> = {}): MessageRenderInput {
  const needsBooking = type !== 'invite' && type !== 'password_reset';
  return {
    type,
    language: 'en',
    branding: branding(),
    snippets: snippets(),
    contact: { firstName: 'Ada', lastName: 'Lovelace' },
    ...(needsBooking
      ? { booking: booking(type === 'rescheduled' ? { previousStart: '2026-03-06T15:00:00Z' } : type === 'canceled' ? { cancelReason: 'Part not in stock' } : {}) }
      : {}),
    link: { url: LINKS[type] },
    ...(type === 'reminder' ? { reminderDaysBefore: 2 } : {}),
    ...(type === 'password_reset' ? { linkValidMinutes: 30 } : {}),
    ...overrides,
  };
}
