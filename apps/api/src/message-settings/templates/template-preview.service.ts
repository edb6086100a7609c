import { Inject, Injectable } from '@nestjs/common';
import { MessageType, RenderedMessage, TemplatePreviewRequest } from '@fieldbook/contracts';
import { Language, Translator, createTranslator } from '@fieldbook/i18n';
import { MessageBooking, renderMessage } from '@fieldbook/messages';
import { instantToLocal, localDateTimeToInstant } from '@fieldbook/scheduling';
import { EnvironmentAccess } from '../../common/request-context';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { TenancyService } from '../../tenancy/tenancy.service';
import { MessageContentService } from '../message-content.service';
import { MessageSettingsService } from '../message-settings.service';
import { MessageTemplatesService } from './message-templates.service';

/** Where the sample customer of each language lives: their clock is the one the sample times are read on. */
const SAMPLE_TIME_ZONES: Record<Language, string> = { en: 'America/Chicago', de: 'Europe/Berlin', fr: 'Europe/Paris', es: 'Europe/Madrid' };
const SAMPLE_REFERENCE = 'WO-7KX3M9QD';
/** The portal page each message links to, as the message worker builds it; `preview` stands in for a real token. */
const SAMPLE_LINK_PATHS: Record<MessageType, string> = {
  invite: '/invitation/preview',
  confirmed: '/booking/preview',
  reminder: '/booking/preview',
  rescheduled: '/booking/preview',
  canceled: '',
  completed: '',
  password_reset: '/password-reset/preview',
};
const WITHOUT_BOOKING: MessageType[] = ['invite', 'password_reset'];

/** `date` (YYYY-MM-DD) moved by whole days. */
function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** The instant a local date and clock time denote, an hour later should the clock skip it. */
function at(date: string, time: string, timeZone: string): number {
  return localDateTimeToInstant(date, time, timeZone) ?? (localDateTimeToInstant(date, '12:00', timeZone) as number);
}

/**
 * Shows a message as a customer would get it, with the environment's branding, snippets and
 * override (saved, or typed but not yet saved) and a made-up customer and booking.
 */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly content: MessageContentService,
    private readonly settings: MessageSettingsService,
    private readonly templates: MessageTemplatesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(request: TemplatePreviewRequest, environment: EnvironmentAccess): Promise<RenderedMessage> {
    const language = request.language as Language;
    await this.templates.assertPlaceholdersKnown({ subject: request.subject, intro: request.intro });
    const context = await this.content.renderingContext(language);
    const stored = context.overrides[request.type];
    const override = {
      subject: request.subject === undefined ? (stored?.subject ?? null) : request.subject,
      intro: request.intro === undefined ? (stored?.intro ?? null) : request.intro,
    };
    const t = createTranslator(language, 'api');
    const { reminderLeadDays } = await this.settings.current();
    const daysAhead = request.type === 'reminder' ? (reminderLeadDays[0] ?? 1) : 7;
    const portalUrl = `${this.config.publicUrl}/p/${environment.slug}`;
    return renderMessage({
      type: request.type,
      language,
      branding: context.branding,
      snippets: context.snippets,
      override,
      contact: { firstName: t.t('messageSettings.preview.firstName'), lastName: t.t('messageSettings.preview.lastName') },
      ...(WITHOUT_BOOKING.includes(request.type) ? {} : { booking: await this.sampleBooking(request.type, language, daysAhead, t) }),
      link: { url: `${portalUrl}${SAMPLE_LINK_PATHS[request.type]}` },
      ...(request.type === 'reminder' ? { reminderDaysBefore: daysAhead } : {}),
    });
  }

  /** A one-hour appointment at 09:00 local `daysAhead` days from today, for one of this environment's own service types when it has one. */
  private async sampleBooking(type: MessageType, language: Language, daysAhead: number, t: Translator): Promise<MessageBooking> {
    const timeZone = SAMPLE_TIME_ZONES[language];
    const day = addDays(instantToLocal(Date.now(), timeZone).date, daysAhead);
    const start = at(day, '09:00', timeZone);
    return {
      reference: SAMPLE_REFERENCE,
      serviceName: (await this.ownServiceName(language)) ?? t.t('messageSettings.preview.serviceName'),
      start: new Date(start).toISOString(),
      end: new Date(start + 60 * 60_000).toISOString(),
      timeZone,
      address: t.t('messageSettings.preview.address'),
      ...(type === 'rescheduled' ? { previousStart: new Date(at(addDays(day, -2), '14:00', timeZone)).toISOString() } : {}),
      ...(type === 'canceled' ? { cancelReason: t.t('messageSettings.preview.cancelReason') } : {}),
    };
  }

  /** The name customers see of the first service type bookable in the portal, in `language`. */
  private async ownServiceName(language: Language): Promise<string | undefined> {
    const rows: { name: string }[] = await this.tenancy.manager.query(
      `SELECT coalesce(display_names ->> $1, display_names ->> 'en', name) AS name FROM incident_type
        WHERE active AND portal_enabled ORDER BY lower(name), id LIMIT 1`,
      [language],
    );
    return rows[0]?.name;
  }
}
