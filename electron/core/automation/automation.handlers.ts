import type { Handlers } from '#shared/contract.ts';
import { DeskError } from '#shared/errors.ts';
import { getIncident } from '#core/incidents/incident.repository.ts';
import { findAgent } from '#core/reference/reference.repository.ts';
import type { CoreContext } from '../context.ts';
import { deleteRule, deleteTemplate, moveRule, saveRule, saveTemplate } from './automation-settings.service.ts';
import { findRule, listRules } from './rule.repository.ts';
import { findTemplate, listTemplates } from './template.repository.ts';
import { renderForIncident } from './template-values.ts';

type AutomationHandlers = Pick<
  Handlers,
  | 'rule/list'
  | 'rule/save'
  | 'rule/delete'
  | 'rule/move'
  | 'template/list'
  | 'template/save'
  | 'template/delete'
  | 'template/render'
>;

function found<T>(value: T | null, what: string): T {
  if (value === null) throw new DeskError('internal', `The ${what} was saved but could not be read back.`);
  return value;
}

/** Rules and templates shape what the desk does on its own for the whole team: supervisors change them. */
export function automationHandlers({ store, session }: Pick<CoreContext, 'store' | 'session'>): AutomationHandlers {
  const supervisor = () => session.requireSupervisorId();
  return {
    'rule/list': () => listRules(store.db),
    'rule/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveRule(tx, rec, input));
      return found(await findRule(store.db, id), 'rule');
    },
    'rule/delete': async ({ id }) => {
      await store.command(await supervisor(), (tx, rec) => deleteRule(tx, rec, id));
      return { deleted: true };
    },
    'rule/move': async (input) => {
      await store.command(await supervisor(), (tx, rec) => moveRule(tx, rec, input));
      return listRules(store.db);
    },
    'template/list': () => listTemplates(store.db),
    'template/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveTemplate(tx, rec, input));
      return found(await findTemplate(store.db, id), 'template');
    },
    'template/delete': async ({ id }) => {
      await store.command(await supervisor(), (tx, rec) => deleteTemplate(tx, rec, id));
      return { deleted: true };
    },
    'template/render': async ({ templateId, incidentId }) => {
      const actorId = await session.requireAgentId();
      const template = await findTemplate(store.db, templateId);
      if (!template) throw new DeskError('not_found', `No template with id ${templateId}.`);
      const incident = await getIncident(store.db, incidentId);
      const agentName = (await findAgent(store.db, actorId))?.name ?? '';
      return renderForIncident(store.db, template, incident, { agentName });
    },
  };
}
