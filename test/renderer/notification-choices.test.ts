import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '#shared/domain/notifications.ts';
import {
  PRIORITY_FLOOR_OPTIONS,
  samePreferences,
  withEventChoice,
} from '../../renderer/src/settings/notification-choices.ts';

describe('notification choices on screen', () => {
  it('name each priority floor by the priorities it lets through', () => {
    expect(PRIORITY_FLOOR_OPTIONS.map((option) => option.label)).toEqual([
      'Priority 1 only: Critical',
      'Priorities 1–2: High and higher',
      'Priorities 1–3: Moderate and higher',
      'Priorities 1–4: Low and higher',
      'Every priority (1–5)',
    ]);
  });

  it('change one event and leave the others as they were', () => {
    const changed = withEventChoice(DEFAULT_NOTIFICATION_PREFERENCES, 'customer_replied', { enabled: false });
    expect(changed.events.customer_replied).toEqual({ enabled: false, upToPriority: 3 });
    expect(changed.events.sla_breached).toEqual(DEFAULT_NOTIFICATION_PREFERENCES.events.sla_breached);
    expect(samePreferences(changed, DEFAULT_NOTIFICATION_PREFERENCES)).toBe(false);
    const back = withEventChoice(changed, 'customer_replied', { enabled: true });
    expect(samePreferences(back, DEFAULT_NOTIFICATION_PREFERENCES)).toBe(true);
  });
});
