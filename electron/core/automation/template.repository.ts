import type { Selectable } from 'kysely';
import type { MailTemplate } from '#shared/domain/templates.ts';
import type { MailTemplateTable } from '#core/store/schema.ts';
import type { Db } from '#core/store/store.ts';

/** SQL for mail templates: the `mail_template` projection, read only here. */
export function templateRowToModel(row: Selectable<MailTemplateTable>): MailTemplate {
  return { id: row.id, name: row.name, subject: row.subject, body: row.body };
}

export async function listTemplates(db: Db): Promise<MailTemplate[]> {
  const rows = await db
    .selectFrom('mail_template')
    .selectAll()
    .where('deleted', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(templateRowToModel);
}

export async function findTemplate(db: Db, id: string): Promise<MailTemplate | null> {
  const row = await db
    .selectFrom('mail_template')
    .selectAll()
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return row ? templateRowToModel(row) : null;
}
