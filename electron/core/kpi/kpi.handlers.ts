import { DeskError } from '#shared/errors.ts';
import type { Handlers } from '#shared/contract.ts';
import type { CoreContext } from '../context.ts';
import { findGoal, listGoals } from './goal.repository.ts';
import { deleteGoal, saveGoal } from './goal.service.ts';
import { loadKpiSettings, saveKpiSettings } from './kpi-settings.ts';
import { kpiReport } from './kpi.service.ts';

type KpiHandlers = Pick<
  Handlers,
  'kpi/report' | 'kpi/settings' | 'kpi/saveSettings' | 'goal/list' | 'goal/save' | 'goal/delete'
>;

export function kpiHandlers({ store, session, kpi }: Pick<CoreContext, 'store' | 'session' | 'kpi'>): KpiHandlers {
  /** Goals and the reports' time zone are set for the whole team: supervisors set them, everyone reads them. */
  const supervisor = () => session.requireSupervisorId();

  return {
    'kpi/report': (query) => kpiReport({ store, session, kpi }, query),
    'kpi/settings': () => loadKpiSettings(store.db),
    'kpi/saveSettings': async (input) => {
      const { value } = await store.command(await supervisor(), async (_tx, rec) => saveKpiSettings(rec, input));
      return value;
    },
    'goal/list': () => listGoals(store.db),
    'goal/save': async (input) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveGoal(tx, rec, input));
      const goal = await findGoal(store.db, id);
      if (!goal) throw new DeskError('internal', 'The goal was saved but could not be read back.');
      return goal;
    },
    'goal/delete': async ({ id }) => {
      const { value: deleted } = await store.command(await supervisor(), (tx, rec) => deleteGoal(tx, rec, id));
      return { deleted };
    },
  };
}
