import { contrastRatio, escapeHtml, escapeHtmlLines, readableTextOn, safeColor, safeHttpUrl } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('turns line breaks into <br> after escaping', () => {
    expect(escapeHtmlLines('a<b\r\nc\nd')).toBe('a&lt;b<br>c<br>d');
  });
});

describe('safeColor', () => {
  it('accepts #rrggbb in either case and writes it in lower case', () => {
    expect(safeColor('#0B5394', '#000000')).toBe('#0b5394');
    expect(safeColor(' #abcdef ', '#000000')).toBe('#abcdef');
  });

  it.each(['#abc', 'blue', '#0b5394;x:y', 'url(javascript:alert(1))', '#0b53945', null, undefined])('falls back for %p', (value) => {
    expect(safeColor(value, '#123456')).toBe('#123456');
  });
});

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs, normalised', () => {
    expect(safeHttpUrl('https://Portal.Example.test/a b')).toBe('https://portal.example.test/a%20b');
    expect(safeHttpUrl('http://localhost:4200/x')).toBe('http://localhost:4200/x');
  });

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', 'mailto:a@b.test', '//evil.test/x', '/x', '', null])(
    'refuses %p',
    (value) => {
      expect(safeHttpUrl(value)).toBeNull();
    },
  );
});

describe('contrast', () => {
  it('measures black on white as 21:1 and a colour on itself as 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#0b5394', '#0b5394')).toBeCloseTo(1);
  });

  it('picks the text colour that reads better on a background', () => {
    expect(readableTextOn('#0b5394')).toBe('#ffffff');
    expect(readableTextOn('#ffd500')).toBe('#111827');
    expect(readableTextOn('#ffffff')).toBe('#111827');
  });
});
