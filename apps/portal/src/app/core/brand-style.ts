import { BrandFont, Branding } from '@fieldbook/contracts';

const NEAR_BLACK = '#111827';
const WHITE = '#ffffff';
const NEAR_BLACK_RGB: [number, number, number] = [17, 24, 39];
const WHITE_RGB: [number, number, number] = [255, 255, 255];
/** WCAG 2.2 AA for normal text. */
const AA = 4.5;
/** The portal's page background (--color-bg), where links are shown. */
const PAGE_BACKGROUND_RGB: [number, number, number] = [247, 248, 250];

const FONTS: Record<BrandFont, string | null> = {
  system: null,
  serif: "Georgia, Cambria, 'Times New Roman', Times, serif",
  rounded: "ui-rounded, 'SF Pro Rounded', 'Nunito', 'Varela Round', system-ui, sans-serif",
  mono: "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', Menlo, Consolas, monospace",
};

/** `#1f5f8b` or `#fa0` as [r, g, b] in 0–255; null for anything else (the portal's defaults then stay). */
export function parseHexColor(value: string | null | undefined): [number, number, number] | null {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '')?.[1];
  if (!digits) return null;
  const hex = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

/** Relative luminance as WCAG defines it, 0 (black) to 1 (white). */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function readableTextOn(background: [number, number, number]): string {
  return contrastRatio(background, WHITE_RGB) >= contrastRatio(background, NEAR_BLACK_RGB) ? WHITE : NEAR_BLACK;
}

/**
 * The tenant's branding as CSS custom properties for the portal's layout. Text on a brand-coloured
 * background gets white or near-black, whichever has the better contrast; the brand colour is used
 * for links on the light page only when it reaches AA there, else links stay in the text colour.
 */
export function brandStyle(branding: Branding | undefined): Record<string, string> {
  const style: Record<string, string> = {};
  if (!branding) return style;
  const primary = parseHexColor(branding.primaryColor);
  if (primary) {
    style['--brand'] = branding.primaryColor;
    style['--brand-contrast'] = readableTextOn(primary);
    style['--brand-text'] = contrastRatio(primary, PAGE_BACKGROUND_RGB) >= AA ? branding.primaryColor : NEAR_BLACK;
  }
  const accent = parseHexColor(branding.accentColor);
  if (accent) {
    style['--accent'] = branding.accentColor;
    style['--accent-contrast'] = readableTextOn(accent);
  }
  const font = FONTS[branding.font];
  if (font) style['--font-body'] = font;
  return style;
}
