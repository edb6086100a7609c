import { contrastRatio, textColorOn } from './contrast';

describe('contrast', () => {
  it('measures the WCAG contrast ratio either way round', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeCloseTo(6.7, 1);
  });

  it('puts white on dark colours and near-black on light ones, as the portal does', () => {
    expect(textColorOn('#1d4ed8')).toBe('#ffffff');
    expect(textColorOn('#fde68a')).toBe('#111827');
  });
});
