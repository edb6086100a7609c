import { Injectable } from '@nestjs/common';
import { PortalAppearance } from '@fieldbook/contracts';
import { Language, SUPPORTED_LANGUAGES, negotiateLanguage, resolveLanguageTag } from '@fieldbook/i18n';
import { snippetsIn } from '../booking-codes/customer-booking-rules';
import { BadRequestError, NotFoundError } from '../common/domain-error';
import { PortalAccess } from '../common/request-context';
import { MessageContentService } from '../message-settings/message-content.service';
import { TenancyService } from '../tenancy/tenancy.service';

const CONTENT_KEYS = ['company_name', 'contact_email', 'contact_phone', 'page_title', 'page_footer'] as const;

/**
 * The portal's look and the company's words, for any visitor (the sign-in page is branded too):
 * the branding the messages use, and the standard content snippets in the visitor's language.
 */
@Injectable()
export class PortalAppearanceService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly content: MessageContentService,
  ) {}

  /**
   * `?language=` wins over Accept-Language; an unsupported `?language=` is refused (a right-to-left
   * one reads as English, as everywhere). A snippet missing in the language falls back to English,
   * then to any language it exists in.
   */
  language(requested: string | undefined, acceptLanguage: string | undefined): Language {
    if (requested === undefined) return negotiateLanguage({ acceptLanguage });
    const language = resolveLanguageTag(requested);
    if (!language) {
      throw new BadRequestError('validation', {}, [
        { field: 'language', code: 'unknownLanguage', params: { language: requested, values: SUPPORTED_LANGUAGES.join(', ') } },
      ]);
    }
    return language;
  }

  async appearance(portal: PortalAccess, language: Language): Promise<PortalAppearance> {
    const manager = this.tenancy.manager;
    const [settings]: { portal_name: string }[] = await manager.query(`SELECT portal_name FROM portal_settings`);
    const [environment]: { kind: string }[] = await manager.query(`SELECT kind FROM environment WHERE id = $1`, [portal.environmentId]);
    if (!settings || !environment) throw new NotFoundError('portalNotFound');
    const { branding } = await this.content.renderingContext(language);
    const snippets = await snippetsIn(manager, CONTENT_KEYS, language);
    return {
      slug: portal.slug,
      portalName: settings.portal_name,
      sandbox: environment.kind === 'sandbox',
      branding,
      content: {
        companyName: snippets.company_name ?? null,
        contactEmail: snippets.contact_email ?? null,
        contactPhone: snippets.contact_phone ?? null,
        pageTitle: snippets.page_title ?? null,
        pageFooter: snippets.page_footer ?? null,
      },
      language,
      languages: [...SUPPORTED_LANGUAGES],
    };
  }
}
