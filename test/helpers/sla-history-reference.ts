import type { Status } from '#shared/domain/enums.ts';
import { slaHistory } from '#shared/domain/sla-history.ts';
import type { SlaHistory } from '#shared/domain/sla-history.ts';
import { hlcWallMs } from '#shared/hlc.ts';
import type { Db } from '#core/store/store.ts';

/**
 * An incident's SLA history read the long way, for the tests to hold the desk's shortcuts against: from its
 * whole timeline in merge order (HLC, then device, then id), every entry and payload as stored.
 */
export async function slaHistoryFromTimeline(
  db: Db,
  incident: { readonly id: string; readonly created_at: string; readonly status: Status },
): Promise<SlaHistory> {
  const timeline = await db
    .selectFrom('timeline_event')
    .selectAll()
    .where('entity', '=', 'incident')
    .where('entity_id', '=', incident.id)
    .orderBy('hlc')
    .orderBy('device')
    .orderBy('id')
    .execute();
  return slaHistory(
    Date.parse(incident.created_at),
    incident.status,
    timeline.map((e) => ({ at: hlcWallMs(e.hlc), type: e.type, payload: JSON.parse(e.payload) as unknown })),
  );
}
