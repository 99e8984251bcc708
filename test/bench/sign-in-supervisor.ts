import type { Core } from '#core/index.ts';

/**
 * Signs the benches in as the seeded team's first supervisor by name: the KPI dashboard and every queue filter
 * are open to a supervisor, and the same one every run keeps the figures comparable. Type-only import of the
 * core, so the memory probe's floor process (which loads no desk code) can bundle this file.
 */
export async function signInAsSupervisor(core: Core): Promise<void> {
  const supervisor = await core.store.db
    .selectFrom('agent')
    .select('id')
    .where('role', '=', 'supervisor')
    .orderBy('name')
    .executeTakeFirstOrThrow();
  await core.session.signIn(supervisor.id);
}
