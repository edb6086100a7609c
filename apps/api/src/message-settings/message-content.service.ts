import { Injectable } from '@nestjs/common';
import { Branding, MessageType } from '@fieldbook/contracts';
import { DEFAULT_LANGUAGE, isSupportedLanguage } from '@fieldbook/i18n';
import { TenancyService } from '../tenancy/tenancy.service';
import { BrandingService } from './branding/branding.service';

export interface TemplateOverrideText {
  subject: string | null;
  intro: string | null;
}

/** What a message of one language is rendered with, besides the booking and the contact. */
export interface RenderingContext {
  branding: Branding;
  /** Every snippet key with text: this language's, else English, else the default. */
  snippets: Record<string, string>;
  /** The admin's own subject and intro per message type, in this language only. */
  overrides: Partial<Record<MessageType, TemplateOverrideText>>;
}

/**
 * Everything of an environment's own that goes into a message. Called by the message worker and
 * by the template preview, inside a tenant transaction.
 */
@Injectable()
export class MessageContentService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly branding: BrandingService,
  ) {}

  /** An unsupported language reads as English, as everywhere else. */
  async renderingContext(language: string): Promise<RenderingContext> {
    const wanted = isSupportedLanguage(language) ? language : DEFAULT_LANGUAGE;
    const { branding, portalName } = await this.branding.withPortalName();
    const manager = this.tenancy.manager;
    // English first, the wanted language after it, so that its text wins where both exist.
    const rows: { key: string; text: string }[] = await manager.query(
      `SELECT key, text FROM content_snippet WHERE language = ANY($1::text[]) ORDER BY (language = $2), key`,
      [[DEFAULT_LANGUAGE, wanted], wanted],
    );
    const snippets: Record<string, string> = { company_name: portalName };
    for (const row of rows) snippets[row.key] = row.text;
    const overrideRows: { type: MessageType; subject: string | null; intro: string | null }[] = await manager.query(
      `SELECT type, subject, intro FROM message_template_override WHERE language = $1`,
      [wanted],
    );
    const overrides: RenderingContext['overrides'] = {};
    for (const row of overrideRows) overrides[row.type] = { subject: row.subject, intro: row.intro };
    return { branding, snippets, overrides };
  }
}
