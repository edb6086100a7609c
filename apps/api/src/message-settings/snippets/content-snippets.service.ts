import { Injectable } from '@nestjs/common';
import { ContentSnippet, STANDARD_SNIPPET_KEYS } from '@fieldbook/contracts';
import { Language } from '@fieldbook/i18n';
import { AuditService } from '../../audit/audit.service';
import { NotFoundError, ValidationFailedError } from '../../common/domain-error';
import { TenancyService } from '../../tenancy/tenancy.service';
import { issueCode } from '../message-input';

/** Own keys an environment may add besides the standard ones; enough for any template, bounded per tenant. */
export const MAX_CUSTOM_SNIPPET_KEYS = 100;

interface SnippetRow {
  key: string;
  language: string;
  text: string;
  updated_at: Date;
}

const COLUMNS = `key, language, text, updated_at`;
const STANDARD: readonly string[] = STANDARD_SNIPPET_KEYS;

function toSnippet(row: SnippetRow): ContentSnippet {
  return { key: row.key, language: row.language, text: row.text, updatedAt: row.updated_at.toISOString() };
}

/** Texts templates insert by key ({{company_name}}), one per key and language. Always inside a tenant transaction. */
@Injectable()
export class ContentSnippetsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  /** Every stored snippet, by key and language. */
  async list(): Promise<ContentSnippet[]> {
    const rows: SnippetRow[] = await this.tenancy.manager.query(
      `SELECT ${COLUMNS} FROM content_snippet ORDER BY key, array_position(ARRAY['en', 'de', 'fr', 'es'], language)`,
    );
    return rows.map(toSnippet);
  }

  /** The keys a template may name here: the standard ones and every key stored in any language. */
  async knownKeys(): Promise<string[]> {
    const rows: { key: string }[] = await this.tenancy.manager.query(`SELECT DISTINCT key FROM content_snippet`);
    return [...new Set([...STANDARD, ...rows.map((row) => row.key)])];
  }

  /** Creates or replaces the text of `key` in `language`. */
  async put(key: string, language: Language, text: string, actorAdminUserId: string): Promise<ContentSnippet> {
    const manager = this.tenancy.manager;
    const existing: { text: string }[] = await manager.query(`SELECT text FROM content_snippet WHERE key = $1 AND language = $2 FOR UPDATE`, [key, language]);
    if (!existing[0]) await this.assertRoomFor(key);
    const [row]: SnippetRow[] = await manager.query(
      `INSERT INTO content_snippet (environment_id, key, language, text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (environment_id, key, language) DO UPDATE SET text = EXCLUDED.text, updated_at = now()
       RETURNING ${COLUMNS}`,
      [this.tenancy.environmentId, key, language, text],
    );
    const action = existing[0] ? 'content_snippet.updated' : 'content_snippet.created';
    await this.audit.record(action, actorAdminUserId, { key, language, text: { from: existing[0]?.text ?? null, to: text } });
    return toSnippet(row);
  }

  async remove(key: string, language: Language, actorAdminUserId: string): Promise<void> {
    const rows: [{ text: string }[], number] = await this.tenancy.manager.query(`DELETE FROM content_snippet WHERE key = $1 AND language = $2 RETURNING text`, [
      key,
      language,
    ]);
    const deleted = rows[0][0];
    if (!deleted) throw new NotFoundError('api:messageSettings.errors.snippetNotFound', { key, language });
    await this.audit.record('content_snippet.deleted', actorAdminUserId, { key, language, text: deleted.text });
  }

  /** A new custom key is refused once the environment has MAX_CUSTOM_SNIPPET_KEYS of its own. */
  private async assertRoomFor(key: string): Promise<void> {
    if (STANDARD.includes(key)) return;
    const [{ keys, known }]: { keys: number; known: boolean }[] = await this.tenancy.manager.query(
      `SELECT count(DISTINCT key) FILTER (WHERE NOT key = ANY($1::text[]))::int AS keys, bool_or(key = $2) IS TRUE AS known FROM content_snippet`,
      [STANDARD, key],
    );
    if (!known && keys >= MAX_CUSTOM_SNIPPET_KEYS) {
      throw new ValidationFailedError([{ field: 'key', code: issueCode('tooManySnippetKeys'), params: { max: MAX_CUSTOM_SNIPPET_KEYS } }]);
    }
  }
}
