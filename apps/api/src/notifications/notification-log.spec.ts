import { withoutSecretLinks } from './notifications.service';

describe('the notification log', () => {
  it('shows a message as sent but hides the key in its booking, invitation and reset links', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
    const content = {
      subject: 'Your booking',
      text: `Change it: https://book.example/p/acme/booking/${token}\nJoin: https://book.example/p/acme/invitation/${token}`,
      html: `<a href="https://book.example/p/acme/reset-password/${token}">Reset</a> <a href="https://book.example/p/acme">Portal</a>`,
      attachments: ['booking.ics'],
    };
    const shown = withoutSecretLinks(content)!;
    expect(JSON.stringify(shown)).not.toContain(token);
    expect(shown.text).toBe('Change it: https://book.example/p/acme/booking/…\nJoin: https://book.example/p/acme/invitation/…');
    expect(shown.html).toContain('href="https://book.example/p/acme"');
    expect(shown.attachments).toEqual(['booking.ics']);
    expect(withoutSecretLinks(null)).toBeNull();
  });
});
