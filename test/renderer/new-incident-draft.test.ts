import { describe, expect, it } from 'vitest';
import { fromDraft, isUntouched, NEW_INCIDENT_DEFAULTS } from '../../renderer/src/new-incident/new-incident-form.ts';

describe('the new incident draft', () => {
  it('is nothing to keep while the form holds only its defaults or blank text', () => {
    expect(isUntouched(NEW_INCIDENT_DEFAULTS)).toBe(true);
    expect(isUntouched({ ...NEW_INCIDENT_DEFAULTS, title: '   ' })).toBe(true);
  });

  it('is worth keeping once anything is typed or chosen', () => {
    expect(isUntouched({ ...NEW_INCIDENT_DEFAULTS, description: 'Since Monday' })).toBe(false);
    expect(isUntouched({ ...NEW_INCIDENT_DEFAULTS, urgency: 1 })).toBe(false);
    expect(isUntouched({ ...NEW_INCIDENT_DEFAULTS, channel: 'email' })).toBe(false);
  });

  it('comes back over the defaults, fields it does not hold keeping theirs', () => {
    expect(fromDraft({ title: 'Plotter jams' })).toEqual({ ...NEW_INCIDENT_DEFAULTS, title: 'Plotter jams' });
    expect(fromDraft(null)).toEqual(NEW_INCIDENT_DEFAULTS);
  });
});
