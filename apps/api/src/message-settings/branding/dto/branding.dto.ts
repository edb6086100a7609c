import { BrandFont, UpdateBrandingRequest } from '@fieldbook/contracts';
import { KeptFormattedText, KeptOneOfField, NullableFormattedText } from '../../message-fields';

export const BRAND_FONTS: readonly BrandFont[] = ['system', 'serif', 'rounded', 'mono'];
export const IMAGE_URL_MAX = 2000;

const COLOR = { max: 50, pattern: '^#[0-9a-fA-F]{6}$' };

export class UpdateBrandingDto implements UpdateBrandingRequest {
  @KeptFormattedText({ ...COLOR, example: '#1d4ed8', description: 'Buttons, links and headings: #rrggbb (stored in lower case)' })
  primaryColor?: string;

  @KeptFormattedText({ ...COLOR, example: '#0f766e', description: 'Highlights: #rrggbb (stored in lower case)' })
  accentColor?: string;

  @KeptOneOfField(BRAND_FONTS, 'Type family of the portal and of HTML messages')
  font?: BrandFont;

  @NullableFormattedText({ max: IMAGE_URL_MAX, example: 'https://cdn.example.com/logo.png', description: 'https:// address of the logo; null removes it' })
  logoUrl?: string | null;

  @NullableFormattedText({ max: IMAGE_URL_MAX, example: 'https://cdn.example.com/header.jpg', description: 'https:// address of the header image; null removes it' })
  headerImageUrl?: string | null;
}
