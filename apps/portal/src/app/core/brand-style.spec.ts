import { Branding } from '@fieldbook/contracts';
import { brandStyle, contrastRatio, parseHexColor, readableTextOn } from './brand-style';

function branding(overrides: Partial<Branding>): Branding {
  return { primaryColor: '#1f5f8b', accentColor: '#f59e0b', font: 'system', logoUrl: null, headerImageUrl: null, ...overrides };
}

describe('brand style', () => {
  it('reads #rgb and #rrggbb colours and refuses anything else', () => {
    expect(parseHexColor('#fa0')).toEqual([255, 170, 0]);
    expect(parseHexColor('#1F5F8B')).toEqual([31, 95, 139]);
    expect(parseHexColor('red')).toBeNull();
    expect(parseHexColor('#12345')).toBeNull();
    expect(parseHexColor('url(x)')).toBeNull();
  });

  it('computes the WCAG contrast ratio', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255], [255, 255, 255])).toBeCloseTo(1, 5);
    expect(contrastRatio([118, 118, 118], [255, 255, 255])).toBeCloseTo(4.54, 1);
  });

  it('puts white text on dark brand colours and near-black text on light ones', () => {
    expect(readableTextOn(parseHexColor('#1f5f8b')!)).toBe('#ffffff');
    expect(readableTextOn(parseHexColor('#ffd60a')!)).toBe('#111827');
    expect(readableTextOn(parseHexColor('#f59e0b')!)).toBe('#111827');
  });

  it('sets the colours and a contrast-safe text colour for each', () => {
    expect(brandStyle(branding({ primaryColor: '#ffd60a', accentColor: '#0b3d2e' }))).toEqual({
      '--brand': '#ffd60a',
      '--brand-contrast': '#111827',
      '--brand-text': '#111827',
      '--accent': '#0b3d2e',
      '--accent-contrast': '#ffffff',
    });
    expect(brandStyle(branding({}))['--brand-text']).toBe('#1f5f8b');
  });

  it('sets the font family for every font but the system one', () => {
    expect(brandStyle(branding({ font: 'system' }))['--font-body']).toBeUndefined();
    expect(brandStyle(branding({ font: 'serif' }))['--font-body']).toContain('serif');
    expect(brandStyle(branding({ font: 'mono' }))['--font-body']).toContain('monospace');
    expect(brandStyle(branding({ font: 'rounded' }))['--font-body']).toContain('ui-rounded');
  });

  it('keeps the portal defaults for colours that are not colours', () => {
    expect(brandStyle(branding({ primaryColor: 'javascript:alert(1)', accentColor: '' }))).toEqual({});
    expect(brandStyle(undefined)).toEqual({});
  });
});
