import { ENVIRONMENT_KINDS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from './platform';

describe('contracts', () => {
  it('names the three admin roles, strongest first', () => {
    expect(ROLES).toEqual(['owner', 'admin', 'dispatcher']);
  });

  it('names the two environments every organization gets', () => {
    expect(ENVIRONMENT_KINDS).toEqual(['production', 'sandbox']);
  });

  it('asks for passwords of at least 12 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBeGreaterThan(PASSWORD_MIN_LENGTH);
  });
});
