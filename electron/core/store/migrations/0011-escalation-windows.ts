/**
 * A breached clock's stored due instant is now the later of its breach and its last resumption (so an escalation
 * "overdue by N minutes" after a long wait on the customer is found by the sweep's indexed window). Forgetting
 * how far the background recompute got makes it work every incident's due instants out again at the next start.
 */
export const escalationWindows: readonly string[] = [
  `
    DELETE FROM meta WHERE key = 'due_progress'`,
];
