import { BrandFont, Branding } from '@fieldbook/contracts';
import { WHITE, contrastRatio, escapeHtml, escapeHtmlLines, readableTextOn, safeColor, safeHttpUrl } from './html';
import { MessageContent, MessageDetail } from './message-content';

export const DEFAULT_PRIMARY_COLOR = '#1d4ed8';
export const DEFAULT_ACCENT_COLOR = '#0f766e';

const FONT_STACKS: Record<BrandFont, string> = {
  system: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
  serif: "Georgia, 'Times New Roman', Times, serif",
  rounded: "ui-rounded, 'SF Pro Rounded', 'Trebuchet MS', Arial, sans-serif",
  mono: "ui-monospace, Menlo, Consolas, 'Courier New', monospace",
};

/** The fixed palette around the brand colours; each text colour keeps at least 7:1 on its background. */
export const EMAIL_COLORS = { text: '#1f2937', muted: '#4b5563', page: '#f3f4f6', panel: '#f9fafb' } as const;
const { text: TEXT, muted: MUTED, page: PAGE, panel: PANEL } = EMAIL_COLORS;

interface Theme {
  font: string;
  primary: string;
  onPrimary: string;
  /** A link colour that keeps 4.5:1 on white: the accent, else the primary, else the default. */
  link: string;
  accent: string;
}

function theme(branding: Branding): Theme {
  const primary = safeColor(branding.primaryColor, DEFAULT_PRIMARY_COLOR);
  const accent = safeColor(branding.accentColor, DEFAULT_ACCENT_COLOR);
  const link = [accent, primary].find((color) => contrastRatio(color, WHITE) >= 4.5) ?? DEFAULT_PRIMARY_COLOR;
  return {
    font: FONT_STACKS[branding.font] ?? FONT_STACKS.system,
    primary,
    onPrimary: readableTextOn(primary),
    link,
    accent,
  };
}

const LAYOUT_TABLE = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';

function paragraph(text: string, style = 'margin:0 0 16px;'): string {
  return `<p style="${style}">${escapeHtmlLines(text)}</p>`;
}

function header(content: MessageContent, branding: Branding, look: Theme): string {
  const logoUrl = safeHttpUrl(branding.logoUrl);
  const logo = logoUrl
    ? `<img src="${escapeHtml(logoUrl)}" alt="${escapeHtml(content.logoAlt)}" height="48" style="display:block;height:48px;width:auto;max-width:240px;border:0;margin:0 0 12px;">`
    : '';
  const title = content.pageTitle
    ? `<div style="font-size:14px;line-height:20px;font-weight:normal;">${escapeHtml(content.pageTitle)}</div>`
    : '';
  const headerImageUrl = safeHttpUrl(branding.headerImageUrl);
  const image = headerImageUrl
    ? `<tr><td style="padding:0;"><img src="${escapeHtml(headerImageUrl)}" alt="" width="600" style="display:block;width:100%;max-width:600px;height:auto;border:0;"></td></tr>`
    : '';
  return (
    `<tr><td style="background-color:${look.primary};color:${look.onPrimary};padding:24px 32px;font-family:${look.font};">` +
    logo +
    `<div style="font-size:22px;line-height:28px;font-weight:bold;">${escapeHtml(content.companyName)}</div>` +
    title +
    `</td></tr>` +
    image
  );
}

function detailsTable(details: MessageDetail[], look: Theme): string {
  if (details.length === 0) return '';
  const rows = details
    .map(
      (detail) =>
        `<tr><th scope="row" align="left" valign="top" style="padding:6px 12px 6px 16px;width:35%;font-weight:bold;color:${MUTED};font-size:15px;line-height:22px;">${escapeHtml(detail.label)}</th>` +
        `<td valign="top" style="padding:6px 16px 6px 0;color:${TEXT};font-size:15px;line-height:22px;">${escapeHtmlLines(detail.value)}</td></tr>`,
    )
    .join('');
  return (
    `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 24px;background-color:${PANEL};border-left:4px solid ${look.accent};">` +
    `<tbody>${rows}</tbody></table>`
  );
}

function actionBlock(content: MessageContent, look: Theme): string {
  const action = content.action;
  if (!action) return '';
  const href = escapeHtml(action.url);
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;"><tr>` +
    `<td style="border-radius:6px;background-color:${look.primary};">` +
    `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;font-family:${look.font};font-size:16px;line-height:24px;font-weight:bold;color:${look.onPrimary};text-decoration:none;border-radius:6px;">${escapeHtml(action.label)}</a>` +
    `</td></tr></table>` +
    `<p style="margin:0 0 16px;font-size:14px;line-height:20px;color:${MUTED};">${escapeHtml(action.fallback)}<br>` +
    `<a href="${href}" target="_blank" rel="noopener" style="color:${look.link};text-decoration:underline;word-break:break-all;">${escapeHtml(action.url)}</a></p>` +
    (action.validity ? paragraph(action.validity, `margin:0 0 16px;font-size:14px;line-height:20px;color:${MUTED};`) : '')
  );
}

function footer(content: MessageContent, look: Theme): string {
  if (content.footer.length === 0) return '';
  const lines = content.footer.map((text) => paragraph(text, 'margin:0 0 8px;')).join('');
  return `<tr><td style="background-color:${PANEL};padding:20px 32px;font-family:${look.font};font-size:13px;line-height:20px;color:${MUTED};">${lines}</td></tr>`;
}

/**
 * The HTML email: one centred column of at most 600 px that shrinks with the screen, layout
 * tables marked as presentation, styles inline (mail clients drop style sheets), every value
 * escaped, colours and URLs checked before they reach an attribute.
 */
export function emailHtml(content: MessageContent, branding: Branding): string {
  const look = theme(branding);
  const preheader = content.intro[0] ?? '';
  const body =
    paragraph(content.greeting) +
    content.intro.map((text) => paragraph(text)).join('') +
    detailsTable(content.details, look) +
    content.beforeAction.map((text) => paragraph(text)).join('') +
    actionBlock(content, look) +
    content.afterAction.map((text) => paragraph(text)).join('') +
    `<p style="margin:24px 0 0;">${escapeHtml(content.signOff)}<br>${escapeHtml(content.companyName)}</p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(content.language)}" dir="ltr">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="x-apple-disable-message-reformatting">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background-color:${PAGE};">`,
    `<div style="display:none;max-height:0;overflow:hidden;opacity:0;" aria-hidden="true">${escapeHtml(preheader)}</div>`,
    `<table ${LAYOUT_TABLE} style="background-color:${PAGE};"><tr><td align="center" style="padding:24px 12px;">`,
    `<table ${LAYOUT_TABLE} style="max-width:600px;width:100%;background-color:${WHITE};border-radius:8px;overflow:hidden;">`,
    header(content, branding, look),
    `<tr><td style="padding:32px;font-family:${look.font};font-size:16px;line-height:24px;color:${TEXT};">${body}</td></tr>`,
    footer(content, look),
    '</table>',
    '</td></tr></table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
