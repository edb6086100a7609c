import { renderMessage } from './render-message';
import { DEFAULT_ACCENT_COLOR, DEFAULT_PRIMARY_COLOR, EMAIL_COLORS } from './email-html';
import { contrastRatio } from './html';
import { branding, renderInput, snippets } from './test/builders';

function html(overrides: Parameters<typeof renderInput>[1] = {}): string {
  return renderMessage(renderInput('confirmed', overrides)).html;
}

describe('the HTML email', () => {
  it('is a complete document in the contact’s language with the subject as its title', () => {
    const page = renderMessage(renderInput('confirmed', { language: 'es' })).html;
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="es" dir="ltr">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>Cita confirmada: Boiler service el domingo, 8 de marzo de 2026</title>');
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('lays out with presentation tables in one column of at most 600 px that shrinks with the screen', () => {
    const page = html();
    expect(page.match(/<table role="presentation"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).toContain('max-width:600px;width:100%;');
  });

  it('keeps the booking details a real table with row headers', () => {
    const page = html();
    expect(page).toMatch(/<table width="100%"[^>]*><tbody><tr><th scope="row"/);
    expect(page.match(/<th scope="row"/g)).toHaveLength(4);
  });

  it('styles inline only: no style sheet, no class', () => {
    const page = html();
    expect(page).not.toContain('<style');
    expect(page).not.toContain('class=');
  });

  it('uses readable text sizes and colours that keep at least 7:1 contrast', () => {
    const page = html();
    const sizes = [...page.matchAll(/font-size:(\d+)px/g)].map((match) => Number(match[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(13);
    expect(contrastRatio(EMAIL_COLORS.text, '#ffffff')).toBeGreaterThanOrEqual(7);
    expect(contrastRatio(EMAIL_COLORS.muted, EMAIL_COLORS.panel)).toBeGreaterThanOrEqual(7);
  });

  it('shows the link as a button and as text, with the same address', () => {
    const page = html();
    const hrefs = [...page.matchAll(/<a href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(['https://portal.northwind.test/b/code123', 'https://portal.northwind.test/b/code123']);
    expect(page).toContain('display:inline-block;padding:12px 24px;');
    expect(page).toContain('>https://portal.northwind.test/b/code123</a>');
    expect(page).toContain('If the button does not work, copy this address into your browser:');
  });

  it('paints the header and the button in the brand colour', () => {
    const page = html({ branding: branding({ primaryColor: '#7A1F5C' }) });
    expect(page.match(/background-color:#7a1f5c;/g)).toHaveLength(2);
  });

  it('writes white on a dark brand colour and near-black on a light one', () => {
    expect(html({ branding: branding({ primaryColor: '#0b5394' }) })).toContain('background-color:#0b5394;color:#ffffff;');
    expect(html({ branding: branding({ primaryColor: '#ffd500' }) })).toContain('background-color:#ffd500;color:#111827;');
  });

  it.each(['red', '#abc', '#12345g', 'rgb(0,0,0)', '#0b5394;background:url(x)', ''])(
    'falls back to the default colours for %p, which is not #rrggbb',
    (color) => {
      const page = html({ branding: branding({ primaryColor: color, accentColor: color }) });
      expect(page).toContain(`background-color:${DEFAULT_PRIMARY_COLOR};`);
      expect(page).toContain(`border-left:4px solid ${DEFAULT_ACCENT_COLOR};`);
      if (color !== '') expect(page).not.toContain(color);
    },
  );

  it('colours text links with the accent only when it keeps 4.5:1 on white', () => {
    expect(html({ branding: branding({ accentColor: '#0f766e' }) })).toContain('style="color:#0f766e;text-decoration:underline;');
    expect(html({ branding: branding({ accentColor: '#ffe066', primaryColor: '#0b5394' }) })).toContain(
      'style="color:#0b5394;text-decoration:underline;',
    );
  });

  it('shows the logo with alternative text when there is one', () => {
    const page = html({ branding: branding({ logoUrl: 'https://cdn.northwind.test/logo.png' }) });
    expect(page).toContain('<img src="https://cdn.northwind.test/logo.png" alt="Northwind Heating logo"');
  });

  it('names the company in the header, logo or not', () => {
    expect(html()).not.toContain('<img');
    expect(html()).toContain('font-weight:bold;">Northwind Heating</div>');
  });

  it.each(['javascript:alert(1)', 'data:image/png;base64,AAAA', 'logo.png'])('leaves out a logo at %p', (logoUrl) => {
    expect(html({ branding: branding({ logoUrl }) })).not.toContain('<img');
  });

  it('shows the header image as decoration', () => {
    expect(html({ branding: branding({ headerImageUrl: 'https://cdn.northwind.test/van.jpg' }) })).toContain(
      '<img src="https://cdn.northwind.test/van.jpg" alt=""',
    );
  });

  it('uses the brand font', () => {
    expect(html({ branding: branding({ font: 'serif' }) })).toContain("font-family:Georgia, 'Times New Roman', Times, serif;");
  });

  it('ends with the page footer and the contact details', () => {
    const page = html({ snippets: snippets({ page_footer: 'Line one\nLine two\n\nSecond paragraph' }) });
    expect(page).toContain('<p style="margin:0 0 8px;">Line one<br>Line two</p><p style="margin:0 0 8px;">Second paragraph</p>');
    expect(page).toContain('Questions? Write to service@northwind.test or call +1 555 0100.');
  });

  it('has a hidden preview line for the inbox', () => {
    expect(html()).toContain('aria-hidden="true">Your appointment is confirmed. Here are the details.</div>');
  });
});
