import type { Db } from '../store/store.ts';

/** The meta key holding the hub a workspace syncs with; absent for a local workspace. */
export const HUB_URL_KEY = 'hub_url';

export async function isConnectedToHub(db: Db): Promise<boolean> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', HUB_URL_KEY).executeTakeFirst();
  return row !== undefined;
}
