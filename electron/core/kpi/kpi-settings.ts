import { DEFAULT_KPI_SETTINGS, kpiSettingsSchema } from '#shared/domain/kpi-answer.ts';
import type { KpiSettings } from '#shared/domain/kpi-answer.ts';
import { checkTimeZone } from '#shared/domain/kpi-period.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';

/** The reports' settings are one team setting, so every workstation counts the same days. */
export const KPI_SETTINGS = 'kpi-settings';

export async function loadKpiSettings(db: Db): Promise<KpiSettings> {
  const row = await db.selectFrom('setting').select('value').where('id', '=', KPI_SETTINGS).executeTakeFirst();
  if (!row?.value) return DEFAULT_KPI_SETTINGS;
  const parsed = kpiSettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_KPI_SETTINGS;
}

export function saveKpiSettings(recorder: ChangeRecorder, settings: KpiSettings): KpiSettings {
  const saved = { timeZone: checkTimeZone(settings.timeZone) };
  recorder.set('setting', KPI_SETTINGS, 'value', saved);
  return saved;
}
