import { loggableUrl } from './logging.module';

describe('request URLs in logs', () => {
  it('hides invitation and booking-code tokens, and nothing else', () => {
    expect(loggableUrl('/api/portal/acme/booking-codes/abcDEF_-123/reschedule')).toBe('/api/portal/acme/booking-codes/[token]/reschedule');
    expect(loggableUrl('/api/invitations/secret-token/accept')).toBe('/api/invitations/[token]/accept');
    expect(loggableUrl('/api/environments/e1/booking-codes?state=active')).toBe('/api/environments/e1/booking-codes?state=active');
    expect(loggableUrl('/api/environments/e1/booking-codes/0f8e/extend')).toBe('/api/environments/e1/booking-codes/0f8e/extend');
  });
});
