import { Injectable } from '@nestjs/common';
import { MessageType, PutTemplateOverrideRequest, TemplateOverride } from '@fieldbook/contracts';
import { Language } from '@fieldbook/i18n';
import { validateOverrideText } from '@fieldbook/messages';
import { AuditService } from '../../audit/audit.service';
import { FieldIssue, NotFoundError } from '../../common/domain-error';
import { TenancyService } from '../../tenancy/tenancy.service';
import { assertNoIssues, issueCode } from '../message-input';
import { ContentSnippetsService } from '../snippets/content-snippets.service';

interface OverrideRow {
  type: MessageType;
  language: string;
  subject: string | null;
  intro: string | null;
  updated_at: Date;
}

const COLUMNS = `type, language, subject, intro, updated_at`;

function toOverride(row: OverrideRow): TemplateOverride {
  return { type: row.type, language: row.language, subject: row.subject, intro: row.intro, updatedAt: row.updated_at.toISOString() };
}

/**
 * Refuses override text that names a placeholder no message can fill: something left empty in
 * every message is better caught while the admin is typing it.
 */
export function checkOverrideText(text: { subject?: string | null; intro?: string | null }, snippetKeys: readonly string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const field of ['subject', 'intro'] as const) {
    const value = text[field];
    if (!value) continue;
    const result = validateOverrideText(value, snippetKeys);
    if (!result.ok) {
      const placeholders = result.unknown.map((name) => `{{${name.slice(0, 40)}}}`).join(', ');
      issues.push({ field, code: issueCode('unknownPlaceholder'), params: { placeholders } });
    }
  }
  return issues;
}

/** An admin's own subject and opening text per message type and language. Always inside a tenant transaction. */
@Injectable()
export class MessageTemplatesService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly snippets: ContentSnippetsService,
  ) {}

  /** Every override, by message type and language. */
  async list(): Promise<TemplateOverride[]> {
    const rows: OverrideRow[] = await this.tenancy.manager.query(
      `SELECT ${COLUMNS} FROM message_template_override
        ORDER BY array_position(ARRAY['invite', 'confirmed', 'reminder', 'rescheduled', 'canceled', 'completed', 'password_reset'], type),
                 array_position(ARRAY['en', 'de', 'fr', 'es'], language)`,
    );
    return rows.map(toOverride);
  }

  /** The stored override, or undefined. */
  async find(type: MessageType, language: Language): Promise<TemplateOverride | undefined> {
    const rows: OverrideRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM message_template_override WHERE type = $1 AND language = $2`, [type, language]);
    return rows[0] ? toOverride(rows[0]) : undefined;
  }

  /** Creates or replaces the override: a field left out or null uses the standard text. */
  async put(type: MessageType, language: Language, request: PutTemplateOverrideRequest, actorAdminUserId: string): Promise<TemplateOverride> {
    const subject = request.subject ?? null;
    const intro = request.intro ?? null;
    if (subject === null && intro === null) assertNoIssues([{ field: 'subject', code: issueCode('overrideEmpty') }]);
    await this.assertPlaceholdersKnown({ subject, intro });
    const before = await this.find(type, language);
    const [row]: OverrideRow[] = await this.tenancy.manager.query(
      `INSERT INTO message_template_override (environment_id, type, language, subject, intro) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (environment_id, type, language) DO UPDATE SET subject = EXCLUDED.subject, intro = EXCLUDED.intro, updated_at = now()
       RETURNING ${COLUMNS}`,
      [this.tenancy.environmentId, type, language, subject, intro],
    );
    await this.audit.record(before ? 'message_template.updated' : 'message_template.created', actorAdminUserId, {
      type,
      language,
      subject: { from: before?.subject ?? null, to: subject },
      intro: { from: before?.intro ?? null, to: intro },
    });
    return toOverride(row);
  }

  async remove(type: MessageType, language: Language, actorAdminUserId: string): Promise<void> {
    const [rows]: [OverrideRow[], number] = await this.tenancy.manager.query(
      `DELETE FROM message_template_override WHERE type = $1 AND language = $2 RETURNING ${COLUMNS}`,
      [type, language],
    );
    if (!rows[0]) throw new NotFoundError('api:messageSettings.errors.templateOverrideNotFound', { type, language });
    await this.audit.record('message_template.deleted', actorAdminUserId, { type, language, subject: rows[0].subject, intro: rows[0].intro });
  }

  async assertPlaceholdersKnown(text: { subject?: string | null; intro?: string | null }): Promise<void> {
    if (!text.subject && !text.intro) return;
    assertNoIssues(checkOverrideText(text, await this.snippets.knownKeys()));
  }
}
