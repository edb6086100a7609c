import { createTranslator } from './translator';

describe('translator', () => {
  it('translates in the requested language with interpolation', () => {
    const t = createTranslator('de', 'api');
    expect(t.t('errors.tooManySignInAttempts', { minutes: 15 })).toBe(
      'Zu viele Anmeldeversuche. Versuchen Sie es in 15 Minuten erneut.',
    );
  });

  it('reads other namespaces with a prefix', () => {
    expect(createTranslator('fr').t('api:errors.notFound')).toBe('Introuvable.');
  });

  it('speaks English for a right-to-left language', () => {
    const t = createTranslator('ar', 'api');
    expect(t.language).toBe('en');
    expect(t.t('errors.notFound')).toBe('Not found.');
  });

  it('does not escape values (templates escape where they render)', () => {
    expect(createTranslator('en', 'api').t('errors.alreadyMember', { email: 'a&b@x.test' })).toBe(
      'a&b@x.test is already a member of this organization.',
    );
  });

  it('tells whether a key exists', () => {
    const t = createTranslator('es', 'api');
    expect(t.has('errors.lastOwner')).toBe(true);
    expect(t.has('errors.noSuchKey')).toBe(false);
  });
});
